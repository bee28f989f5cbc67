"""Run the studio: bind the socket first (port 0 picks a free one), hand it to uvicorn.

:class:`StudioServer` closes the event streams before uvicorn's own shutdown, so
that an open page never holds the server up (uvicorn waits for running
responses, and an event stream never ends by itself).
"""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable

import uvicorn

from .server import StudioConfig, create_app


class StudioServer(uvicorn.Server):
    """uvicorn with the studio's event streams closed first on shutdown."""

    def __init__(self, config: StudioConfig, on_ready: Callable[[str], None] | None = None):
        self.app = create_app(config)
        self.studio = self.app.state.studio
        self.on_ready = on_ready
        super().__init__(uvicorn.Config(self.app, log_level="warning", timeout_graceful_shutdown=2,
                                        lifespan="on", access_log=False))

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets)
        if self.on_ready is not None and self.started:
            self.on_ready(self.url(sockets[0] if sockets else None))

    async def shutdown(self, sockets=None) -> None:
        self.studio.hub.close()
        await super().shutdown(sockets)

    def url(self, sock: socket.socket | None) -> str:
        host = self.studio.config.host
        port = sock.getsockname()[1] if sock is not None else self.config.port
        shown = f"[{host}]" if ":" in host else host
        query = "" if self.studio.config.loopback else f"?token={self.studio.config.token}"
        return f"http://{shown}:{port}/{query}"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port, no race)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve(config: StudioConfig, port: int, open_browser: bool = False,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    sock = bind(config.host, port)

    def ready(url: str) -> None:
        if on_ready is not None:
            on_ready(url)
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    server = StudioServer(config, ready)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
