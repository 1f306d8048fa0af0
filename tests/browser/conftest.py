"""Fixtures of the browser tests: the edition built once, served over HTTP, one Chromium.

The edition is built once per session (``sphinx-build -b html -c docs . <tmp>/html`` from the
repository root), served by ``http.server`` on 127.0.0.1 in a thread, and read with
Playwright driving Debian's Chromium (``/usr/bin/chromium``; ``make test`` installs it, and
no browser is ever downloaded). Without what the tests need (the browser, Playwright,
axe-core from ``npm ci``) they fail under ``make test``, which sets
``MEMCON_REQUIRE_BROWSER=1``, and are skipped elsewhere, each with how to install it.

``MEMCON_BROWSER_SITE=<dir>`` serves an HTML build already made instead of building one, for
quick runs while working on the tests.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from harness import AXE, CHROMIUM, WIDE, Site, cannot_run, missing_prerequisites, watch

from bench.pageweight import CHROMIUM_ARGS


class _Handler(SimpleHTTPRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        status = code.value if hasattr(code, "value") else code
        self.server.log.append((self.path, int(status)))  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_root(request: pytest.FixtureRequest) -> Path:
    """The edition built once per session (see tests/conftest.py), or a prebuilt one, which
    spares the build."""
    prebuilt = os.environ.get("MEMCON_BROWSER_SITE")
    if prebuilt:
        return Path(prebuilt).resolve()
    site: Path = request.getfixturevalue("edition_site")
    return site


@pytest.fixture(scope="session")
def site(site_root: Path) -> Iterator[Site]:
    """The built edition served on a free port of 127.0.0.1."""
    handler = functools.partial(_Handler, directory=str(site_root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    served = Site(site_root, f"http://127.0.0.1:{server.server_port}/")
    server.log = served.log  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, name="edition-server", daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the session: Debian's, never a downloaded one."""
    missing = [m for m in missing_prerequisites() if "axe-core" not in m]
    if missing:
        cannot_run(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# Run in every page before its own scripts: each page is read as on a first visit (the
# theme keeps the colour mode and the sidebar's scroll position in storage), while the
# browser's cache, shared by the pages of a context, keeps the tests quick.
FIRST_VISIT = "try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}"


@pytest.fixture(scope="session")
def contexts(browser: Any) -> Iterator[Callable[[dict[str, int]], Any]]:
    """``contexts(viewport)``: the session's browser context of that viewport size."""
    made: dict[tuple[int, int], Any] = {}

    def _context(viewport: dict[str, int]) -> Any:
        key = (viewport["width"], viewport["height"])
        if key not in made:
            made[key] = browser.new_context(viewport=viewport)
            made[key].add_init_script(FIRST_VISIT)
            made[key].set_default_timeout(10_000)
        return made[key]

    yield _context
    for context in made.values():
        context.close()


@pytest.fixture
def open_page(
    contexts: Callable[[dict[str, int]], Any], site: Site
) -> Iterator[Callable[..., Any]]:
    """``open_page(path, viewport=WIDE)``: a page of the site, loaded as on a first visit;
    what goes wrong in it is in ``page.problems``."""
    pages: list[Any] = []

    def _open(path: str, viewport: dict[str, int] | None = None) -> Any:
        page = contexts(viewport or WIDE).new_page()
        pages.append(page)
        page.problems = watch(page)
        page.goto(site.url + path, wait_until="load")
        return page

    yield _open
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, as ``npm ci`` installs it from package.json."""
    missing = [m for m in missing_prerequisites() if "axe-core" in m]
    if missing:
        cannot_run(missing)
    return AXE.read_text(encoding="utf-8")
