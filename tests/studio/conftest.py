"""Fixtures for the studio: a live server on a free port (in a thread), Debian's Chromium via Playwright.

The browser tests are skipped when Chromium is missing, unless ``CI`` is set (then they fail).
Never ``playwright install``: Playwright drives the Debian ``chromium`` package.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from xinhui_print.project import project
from xinhui_print.studio import StudioConfig, StudioServer, bind

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class LiveStudio:
    url: str
    server: StudioServer
    report: Path
    out: Path

    @property
    def token(self) -> str:
        return self.server.studio.config.token

    def call(self, path: str, body: bytes | dict | None = None, token: str | None = "default",
             headers: dict | None = None, method: str | None = None) -> tuple[int, dict | bytes]:
        """An HTTP request to the studio: (status, JSON or bytes)."""
        data = json.dumps(body).encode() if isinstance(body, dict) else body
        request = urllib.request.Request(self.url.rstrip("/") + path, data=data, method=method,
                                         headers={"Content-Type": "application/json", **(headers or {})})
        if token:
            request.add_header("X-Studio-Token", self.token if token == "default" else token)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw, kind = response.status, response.read(), response.headers.get("content-type", "")
        except urllib.error.HTTPError as error:
            status, raw, kind = error.code, error.read(), error.headers.get("content-type", "")
        return status, (json.loads(raw) if "json" in kind else raw)

    def wait_idle(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not self.server.studio.preview.idle():
            assert time.monotonic() < deadline, "previews still rendering"
            time.sleep(0.1)


def start_studio(folder: Path) -> tuple[LiveStudio, threading.Thread]:
    data = folder / "data"
    data.mkdir()
    report = data / "xinhui-2023.yaml"
    shutil.copy(project().default_data, report)
    config = StudioConfig(report, folder / "out")
    sock = bind("127.0.0.1", 0)
    server = StudioServer(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the studio did not start"
        time.sleep(0.02)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    return LiveStudio(url, server, report, folder / "out"), thread


def stop_studio(thread: threading.Thread, studio: LiveStudio) -> None:
    studio.server.should_exit = True
    thread.join(60)
    assert not thread.is_alive(), "the studio did not shut down"


@pytest.fixture(scope="module")
def live_studio(tmp_path_factory):
    studio, thread = start_studio(tmp_path_factory.mktemp("studio"))
    yield studio
    stop_studio(thread, studio)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing (Debian package `chromium`, installed by scripts/setup.sh)")
        pytest.skip("Chromium is missing (Debian package `chromium`)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
