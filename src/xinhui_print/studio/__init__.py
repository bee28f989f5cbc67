"""The studio (``xinhui-print serve``): edit a report in the browser and watch every output change.

- :mod:`.document` — the YAML file: round-trip edits, validation as the CLI does it, undo/redo;
- :mod:`.preview` — the one warm renderer: previews of the booklet, long poster and card sets;
- :mod:`.exporting` — the full build, preflight summary and ZIP;
- :mod:`.server` — the Starlette app: routes, events, file watcher, security;
- :mod:`.run` — binding the socket and running uvicorn.

A stage above ``build``: only the command line imports it.
"""

from .run import StudioServer, bind, serve
from .server import StudioConfig

__all__ = ["StudioConfig", "StudioServer", "bind", "serve"]
