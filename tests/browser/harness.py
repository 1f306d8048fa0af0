"""What the browser tests share: the served site, the problems a page shows, the viewports."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: Set to 1 by `make test`: there, a browser test that cannot run fails instead of skipping,
#: so that no run goes green without the browser.
REQUIRE_BROWSER = "MEMCON_REQUIRE_BROWSER"

WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


def missing_prerequisites() -> list[str]:
    """What the browser tests need and do not find, each with how to install it."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(
            f"Chromium is not installed at {CHROMIUM}: `make test` installs it "
            "(`sh tools/system-deps.sh`, or `apt-get install -y chromium`); no browser is "
            "downloaded."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append(
            "Playwright is not installed: `make test` installs the test extras "
            "(`pip install -e '.[site,serve,test]'`)."
        )
    if not AXE.exists():
        missing.append(
            f"axe-core is not installed ({AXE} is missing): `npm ci` in {ROOT} installs it "
            "(`make test` does)."
        )
    return missing


def cannot_run(missing: list[str]) -> NoReturn:
    """Stop a test for want of what it needs, saying how to install it: a failure under
    `make test` (:data:`REQUIRE_BROWSER`), a skip anywhere else."""
    reason = "\n".join(missing)
    if os.environ.get(REQUIRE_BROWSER) == "1":
        pytest.fail(f"{reason}\n({REQUIRE_BROWSER}=1: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@dataclass
class Site:
    """The built edition as the server gives it: ``url`` ends with ``/``; ``log`` holds the
    path and status of every request the server answered."""

    root: Path
    url: str
    log: list[tuple[str, int]] = field(default_factory=list)

    def pages(self) -> list[str]:
        """Every HTML page of the site, as paths relative to its root."""
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*.html")
            if not p.relative_to(self.root).parts[0].startswith(("_", "."))
        )

    def errors_since(self, mark: int) -> list[tuple[str, int]]:
        """The requests answered with an error since ``len(log)`` was ``mark``."""
        return [(path, status) for path, status in self.log[mark:] if status >= 400]


@dataclass
class Problems:
    """What went wrong while a page was open: console errors, uncaught exceptions, requests
    that failed or were answered with an error."""

    console: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.console or self.exceptions or self.requests)

    def describe(self) -> str:
        lines = [f"console error: {m}" for m in self.console]
        lines += [f"uncaught exception: {m}" for m in self.exceptions]
        lines += [f"failed request: {m}" for m in self.requests]
        return "\n".join(lines)


def watch(page: Any, into: Callable[[], Problems] | None = None) -> Problems:
    """Record the problems of ``page`` from now on: in the ``Problems`` returned, or in
    whichever ``into()`` gives at the time (to attribute them page by page)."""
    problems = Problems()
    sink = into or (lambda: problems)

    def on_console(message: Any) -> None:
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            sink().console.append(f"{message.text} ({where})" if where else message.text)

    def on_response(response: Any) -> None:
        if response.status >= 400:
            sink().requests.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: sink().exceptions.append(str(error)))

    def on_request_failed(request: Any) -> None:
        # Aborted: cancelled by the browser, as when the reader moves on to another page
        # while the favicon loads. A missing file shows as a response, or in the server's log.
        if request.failure != "net::ERR_ABORTED":
            sink().requests.append(f"{request.failure} {request.url}")

    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    return problems
