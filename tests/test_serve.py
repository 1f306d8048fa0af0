"""``make serve``: the live preview answers on http://127.0.0.1:8000."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from edition import ROOT

URL = "http://127.0.0.1:8000/"


def test_make_serve_previews_the_edition(tmp_path: Path) -> None:
    env = {**os.environ, "VENV": str(Path(ROOT / ".venv").resolve())}
    server = subprocess.Popen(
        ["make", "-s", "serve", f"BUILDDIR={tmp_path}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        page = ""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(URL, timeout=5) as response:
                    page = response.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(1)
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
        assert "The Bush–Putin Conversations" in page
        assert 'class="catalogue' in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
