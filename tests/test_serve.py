"""``make serve``: the live preview answers on http://127.0.0.1 at the port it is given, with
the site's search index."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from edition import ROOT

pytestmark = pytest.mark.edition


def free_port() -> int:
    """A port nothing listens on now, so that the test does not meet another server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_make_serve_previews_the_edition(tmp_path: Path) -> None:
    env = {**os.environ, "VENV": str(Path(ROOT / ".venv").resolve())}
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        ["make", "-s", "serve", f"BUILDDIR={tmp_path}", f"PORT={port}"],
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
                with urllib.request.urlopen(url, timeout=5) as response:
                    page = response.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(1)
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
        assert "The Bush–Putin Conversations" in page
        assert 'class="catalogue' in page
        # Each build is indexed for the search (sphinx-autobuild's --post-build).
        with urllib.request.urlopen(url + "pagefind/pagefind.js", timeout=5) as response:
            assert response.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
