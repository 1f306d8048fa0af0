"""Without Chromium, Playwright or axe-core the browser tests fail under `make test`, so that
no run goes green without a browser, and are skipped elsewhere; either way they say how to
install what is missing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from harness import REQUIRE_BROWSER, ROOT, cannot_run

pytestmark = pytest.mark.unit

MISSING = ["Chromium is not installed at /usr/bin/chromium: `make test` installs it"]


def test_under_make_test_a_browser_test_that_cannot_run_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(REQUIRE_BROWSER, "1")
    with pytest.raises(pytest.fail.Exception, match="`make test` installs it") as failed:
        cannot_run(MISSING)
    assert f"{REQUIRE_BROWSER}=1" in str(failed.value)


def test_elsewhere_a_browser_test_that_cannot_run_is_skipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(REQUIRE_BROWSER, raising=False)
    with pytest.raises(pytest.skip.Exception, match="`make test` installs it"):
        cannot_run(MISSING)


def test_make_test_requires_the_browser_tests() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(
        ["make", "-n", "test", f"VENV={sys.prefix}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pytest_runs = [line for line in result.stdout.splitlines() if " -m pytest" in line]
    assert pytest_runs and all(f"{REQUIRE_BROWSER}=1 " in line for line in pytest_runs)
