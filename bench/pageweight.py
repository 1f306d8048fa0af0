"""What a reader's first visit to a page of a built site costs, measured in Chromium.

A page is loaded as on a phone (390×844) with an empty cache, in a browser context of its
own, and the uncompressed bytes of every response are added up until the network is idle:
the page, its stylesheets, scripts, fonts and images, and whatever its scripts fetch. The
site is served by :func:`serve` (``http.server`` on 127.0.0.1, no compression), and the
browser is Debian's Chromium driven by Playwright (never a downloaded one). Used by the
benchmark (``page_weight_*_kb``) and by the browser tests' budget
(``tests/browser/test_weight.py``). Bytes are deterministic: they are measured, not timed.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
#: The budget of a first load, in bytes (300 KB).
BUDGET = 300_000


@dataclass(frozen=True)
class Weight:
    """A page's first load: each response's address (relative to the site) and bytes."""

    path: str
    responses: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        """Every response's bytes, added up."""
        return sum(size for _, size in self.responses)

    def describe(self) -> str:
        """The responses, heaviest first, one a line."""
        lines = [f"{self.path}: {self.total:,} bytes in {len(self.responses)} responses"]
        lines += [
            f"  {size:>9,}  {url}" for url, size in sorted(self.responses, key=lambda r: -r[1])
        ]
        return "\n".join(lines)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yield its address, ending with ``/``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def first_load(browser: Any, base: str, path: str) -> Weight:
    """Load ``base + path`` in a new context of ``browser`` (empty cache, phone viewport)."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        responses: list[Any] = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base + path, wait_until="networkidle")
        sizes = tuple((r.url.removeprefix(base), _bytes(r)) for r in responses)
    finally:
        context.close()
    return Weight(path, sizes)


def _bytes(response: Any) -> int:
    """A response's uncompressed bytes (a redirection has none)."""
    return 0 if 300 <= response.status < 400 else len(response.body())


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def weigh(root: Path, paths: list[str]) -> dict[str, Weight]:
    """The first load of each of ``paths`` of the built site in ``root``.

    Playwright runs in a thread of its own, whose event loop is its own: its synchronous API
    refuses a thread that already runs one (a test session's browser, for one)."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_weigh, root, paths).result()


def _weigh(root: Path, paths: list[str]) -> dict[str, Weight]:
    with serve(root) as base, chromium() as browser:
        return {path: first_load(browser, base, path) for path in paths}
