"""The studio web app: Starlette routes, server-sent events, the file watcher, the security rules.

Routes (JSON unless noted):

- ``GET /`` the page; ``GET /static/…`` its script and styles (shipped in the package);
- ``GET /api/state`` document, settings, previews, schema; ``GET /events`` server-sent events;
- ``GET /preview/<output>/<n>.png`` a preview image;
- ``POST /api/edit`` form operations, ``/api/yaml`` the raw text, ``/api/undo``, ``/api/redo``;
- ``POST /api/focus`` what is in view, ``/api/settings`` the controls;
- ``POST /api/export`` the full build; ``GET /out/<file>`` and ``GET /api/export.zip`` its files;
- ``POST /api/import`` an article (imported) or a full official report (drafted) → a new
  report file in the data folder, opened.

Security: the server binds 127.0.0.1 unless told otherwise.  A random token made
at start is required for every request that writes (``X-Studio-Token`` header or
``token`` query), and for every request when the host is not a loopback address;
on loopback the ``Host`` header must name the loopback (no DNS rebinding).  The
API reads and writes only the report file, its folder (the data folder) and
``out/<id>/``.  Bad requests get a 4xx with a one-line message, never a
traceback.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import ipaddress
import json
import logging
import re
import secrets
import tempfile
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from watchfiles import awatch

from ..build import with_paper
from ..data import import_article, write_report
from ..data.writer import write_atomic
from ..draft import draft_report, draft_yaml
from ..errors import InputError, XinhuiError
from ..layout import load_layout
from ..social.produce import check_options
from ..social.presets import card_preset
from .document import EditError, ReportDocument, cached_schema
from .exporting import build_options, run_export, zip_folder
from .preview import PreviewService, PreviewSettings

LOGGER = logging.getLogger("xinhui_print.studio")
STATIC = Path(__file__).parent / "static"
MAX_BODY = 2_000_000
"""Largest request body in bytes (a report is ~20 kB, an article ~10 kB)."""
DRAIN_LIMIT = 4 * MAX_BODY
"""A body declared larger than the limit but at most this is read and dropped before the 413."""
TOKEN_HEADER = "x-studio-token"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


class HTTPError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class StudioConfig:
    report_path: Path
    out_root: Path
    host: str = "127.0.0.1"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# ---------------------------------------------------------------- events


class EventHub:
    """Server-sent events to every open page; closed first on shutdown (streams never block it)."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue] = set()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closed = False

    def broadcast(self, event: dict[str, Any]) -> None:
        for queue in list(self.queues):
            queue.put_nowait(event)

    def publish_threadsafe(self, event: dict[str, Any]) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.broadcast, event)

    def close(self) -> None:
        self.closed = True
        for queue in list(self.queues):
            queue.put_nowait(None)

    async def stream(self):
        queue: asyncio.Queue = asyncio.Queue()
        self.queues.add(queue)
        try:
            yield "retry: 1000\n\n"
            yield sse({"type": "hello"})
            while not self.closed:
                event = await queue.get()
                if event is None:
                    break
                yield sse(event)
        finally:
            self.queues.discard(queue)


def sse(event: dict[str, Any]) -> str:
    return f"data: {json.dumps(event, ensure_ascii=False)}\n\n"


# ---------------------------------------------------------------- the studio's state


class Studio:
    """The document being edited, the preview service, the export, and the events."""

    def __init__(self, config: StudioConfig):
        self.config = config
        self.hub = EventHub()
        self.document = ReportDocument.open(config.report_path)
        self.preview = PreviewService(self.hub.publish_threadsafe)
        self.export_running = False
        self.last_export: dict[str, Any] | None = None

    @property
    def folder(self) -> Path:
        return self.document.path.parent

    @property
    def out_dir(self) -> Path | None:
        report = self.document.report
        return self.config.out_root / report.meta.id if report else None

    def state(self) -> dict[str, Any]:
        return {"document": self.document.as_json(), "settings": self.preview.settings.as_json(),
                "outputs": self.preview.snapshot(), "schema": cached_schema(), "export": self.last_export,
                "busy": not self.preview.idle()}

    def changed(self) -> None:
        """After any change of the document: tell every page, render when the data is valid."""
        self.hub.broadcast({"type": "document", **self.document.as_json()})
        if self.document.valid and self.document.report is not None:
            self.preview.request(self.document.report, self.document.revision)

    def open(self, path: Path) -> None:
        self.document = ReportDocument.open(path)
        self.changed()


# ---------------------------------------------------------------- request helpers


def host_name(header: str) -> str:
    """``127.0.0.1:8000`` → ``127.0.0.1``; ``[::1]:8000`` → ``[::1]``."""
    if header.startswith("["):
        return header.split("]")[0] + "]"
    return header.rsplit(":", 1)[0]


def check_request(request: Request, write: bool) -> None:
    config: StudioConfig = request.app.state.studio.config
    if config.loopback:
        if host_name(request.headers.get("host") or "") not in LOOPBACK_NAMES:
            raise HTTPError(403, "forbidden: the studio answers only to localhost")
    if write or not config.loopback:
        given = request.headers.get(TOKEN_HEADER) or request.query_params.get("token") or ""
        if not secrets.compare_digest(given.encode(), config.token.encode()):
            raise HTTPError(403, "forbidden: missing or wrong studio token (open the URL printed at start)")


async def read_json(request: Request, limit: int = MAX_BODY) -> dict[str, Any]:
    length = request.headers.get("content-length")
    too_large = HTTPError(413, f"request body too large (limit {limit // 1000} kB)")
    if length is not None and (not length.isdigit() or int(length) > limit):
        if length.isdigit() and int(length) <= DRAIN_LIMIT:
            async for _ in request.stream():  # read what the client sends, so it reads our answer
                pass                          # instead of a reset connection
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise HTTPError(400, "request body is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise HTTPError(400, f"malformed JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    if not isinstance(data, dict):
        raise HTTPError(400, "expected a JSON object")
    return data


def endpoint(write: bool = False):
    """Wrap a handler: security checks first; every failure a JSON 4xx/5xx with one line."""

    def wrap(handler):
        async def guarded(request: Request) -> Response:
            try:
                check_request(request, write)
                return await handler(request, request.app.state.studio)
            except HTTPError as error:
                return JSONResponse({"error": error.message}, error.status)
            except (EditError, InputError) as error:
                return JSONResponse({"error": str(error)}, 400)
            except XinhuiError as error:
                return JSONResponse({"error": str(error)}, 422)
            except Exception as error:  # noqa: BLE001 — a bug must not show a traceback to the page
                LOGGER.exception("studio request %s failed", request.url.path)
                return JSONResponse({"error": f"internal error ({type(error).__name__})"}, 500)

        return guarded

    return wrap


# ---------------------------------------------------------------- routes: page and reads


@endpoint()
async def index(request: Request, studio: Studio) -> Response:
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    token = studio.config.token  # url-safe base64: safe in an attribute
    return HTMLResponse(page.replace("__TOKEN__", token), headers={
        "Content-Security-Policy": "default-src 'self'; img-src 'self' blob:; style-src 'self'; "
                                   "script-src 'self'; connect-src 'self'",
        "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


STATIC_FILES = {"studio.js": "text/javascript", "studio.css": "text/css"}


@endpoint()
async def static(request: Request, studio: Studio) -> Response:
    name = request.path_params["name"]
    if name not in STATIC_FILES:
        raise HTTPError(404, "not found")
    return FileResponse(STATIC / name, media_type=STATIC_FILES[name], headers={"Cache-Control": "no-cache"})


@endpoint()
async def state(request: Request, studio: Studio) -> Response:
    return JSONResponse(studio.state())


@endpoint()
async def events(request: Request, studio: Studio) -> Response:
    return StreamingResponse(studio.hub.stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@endpoint()
async def preview_image(request: Request, studio: Studio) -> Response:
    image = studio.preview.image(request.path_params["output"], request.path_params["index"])
    if image is None:
        raise HTTPError(404, "no such preview image")
    return Response(image.data, media_type="image/png", headers={"Cache-Control": "max-age=3600",
                                                                  "ETag": f'"{image.digest}"'})


# ---------------------------------------------------------------- routes: editing


def _focus(studio: Studio, data: dict[str, Any]) -> None:
    focus = data.get("focus")
    if isinstance(focus, dict) and isinstance(focus.get("output"), str):
        index = focus.get("index", 0)
        studio.preview.set_focus(focus["output"], index if isinstance(index, int) and index >= 0 else 0)


async def change_document(request: Request, studio: Studio, change) -> Response:
    """Read the body, note what is in view, apply ``change(body)`` to the document, tell everyone."""
    data = await read_json(request)
    _focus(studio, data)
    change(data)
    studio.changed()
    return JSONResponse(studio.document.as_json())


@endpoint(write=True)
async def edit(request: Request, studio: Studio) -> Response:
    return await change_document(request, studio, lambda data: studio.document.apply(data.get("ops")))


@endpoint(write=True)
async def edit_yaml(request: Request, studio: Studio) -> Response:
    return await change_document(request, studio, lambda data: studio.document.replace_text(data.get("text")))


@endpoint(write=True)
async def undo(request: Request, studio: Studio) -> Response:
    if studio.document.undo():
        studio.changed()
    return JSONResponse(studio.document.as_json())


@endpoint(write=True)
async def redo(request: Request, studio: Studio) -> Response:
    if studio.document.redo():
        studio.changed()
    return JSONResponse(studio.document.as_json())


@endpoint(write=True)
async def focus(request: Request, studio: Studio) -> Response:
    _focus(studio, {"focus": await read_json(request)})
    return JSONResponse({"ok": True})


@endpoint(write=True)
async def settings(request: Request, studio: Studio) -> Response:
    data = await read_json(request)
    new = parse_settings(data, studio.preview.settings)
    report = studio.document.report
    if report is not None:
        studio.preview.request(report, studio.document.revision, new)
    else:
        studio.preview.settings = new
    return JSONResponse(new.as_json())


def parse_settings(data: dict[str, Any], current: PreviewSettings) -> PreviewSettings:
    """The controls from the page, checked as ``build`` checks its options."""
    presets = data.get("presets", list(current.presets))
    if not isinstance(presets, list) or not presets or not all(isinstance(p, str) for p in presets):
        raise HTTPError(400, "presets: expected a non-empty list of preset names")
    presets = tuple(dict.fromkeys(card_preset(name).name for name in presets))
    paper = (data.get("paper", current.paper) or "").strip() or None
    if paper is not None:
        with_paper(load_layout("booklet-a5"), paper)
    qr_url = (data.get("qr_url", current.qr_url) or "").strip() or None
    densities = data.get("densities", list(current.densities)) or []
    if not isinstance(densities, list) or not all(isinstance(d, (int, float)) for d in densities):
        raise HTTPError(400, "densities: expected a list of numbers")
    new = replace(current, presets=presets, paper=paper, qr_url=qr_url, densities=tuple(float(d) for d in densities))
    check_options(build_options(new, Path("."), False))
    return new


# ---------------------------------------------------------------- routes: export and files


@endpoint(write=True)
async def export(request: Request, studio: Studio) -> Response:
    data = await read_json(request)
    report = studio.document.report
    if report is None or not studio.document.valid:
        raise HTTPError(409, "the report has errors; fix them before exporting")
    if studio.export_running:
        raise HTTPError(409, "an export is already running")
    studio.export_running = True
    press = bool(data.get("press", False))
    settings_now, source, hub = studio.preview.settings, studio.document.path.name, studio.hub

    def job() -> None:
        try:
            result = run_export(report, source, settings_now, studio.config.out_root, press, hub.publish_threadsafe)
        except XinhuiError as error:
            result = {"type": "export", "state": "failed", "error": str(error)}
        except Exception as error:  # noqa: BLE001
            LOGGER.exception("export failed")
            result = {"type": "export", "state": "failed", "error": f"internal error ({type(error).__name__})"}
        studio.last_export = result
        studio.export_running = False
        hub.publish_threadsafe(result)

    studio.preview.submit(job)
    return JSONResponse({"state": "started"}, 202)


def out_file(studio: Studio, relative: str) -> Path:
    """A file of ``out/<id>/`` — never anything outside it."""
    folder = studio.out_dir
    if folder is None:
        raise HTTPError(404, "nothing exported yet")
    root = folder.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or relative.startswith("/") or "\\" in relative:
        raise HTTPError(403, "forbidden: outside the output folder")
    if not path.is_file():
        raise HTTPError(404, f"no such file: {relative}")
    return path


@endpoint()
async def download(request: Request, studio: Studio) -> Response:
    path = out_file(studio, request.path_params["path"])
    return FileResponse(path, filename=path.name, content_disposition_type="attachment")


@endpoint()
async def export_zip(request: Request, studio: Studio) -> Response:
    folder = studio.out_dir
    if folder is None or not (folder / "manifest.json").is_file():
        raise HTTPError(404, "nothing exported yet: run the export first")
    data = await asyncio.to_thread(zip_folder, folder)
    return Response(data, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{folder.name}.zip"'})


# ---------------------------------------------------------------- routes: start from text

ARTICLE_SUFFIXES = (".txt", ".text", ".md")
REPORT_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
FILE_NAME = re.compile(r"^[^/\\\x00]{1,200}$")
REPORT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_UPLOAD = 16_000_000
"""Largest import body: a full official report as .pdf or .docx, base64 in JSON."""


@endpoint(write=True)
async def import_text(request: Request, studio: Studio) -> Response:
    """Start from text: a 数读 article (``kind: article``, imported) or a full official report
    (``kind: report``, drafted).  The result is a new file in the data folder, opened."""
    data = await read_json(request, MAX_UPLOAD)
    name, kind = data.get("name") or "article.txt", data.get("kind", "article")
    if not isinstance(name, str) or not FILE_NAME.match(name):
        raise HTTPError(400, "expected a plain file name ('name')")
    suffix = Path(name).suffix.lower()
    if kind == "article":
        if suffix not in ARTICLE_SUFFIXES:
            raise HTTPError(400, f"an article is plain text ({', '.join(ARTICLE_SUFFIXES)}); a full official "
                                 "report (.docx/.pdf) is drafted: choose 'full report'")
        report, diagnostics = import_article(upload_text(data), name)
        path = free_path(studio.folder, report.meta.id)
        write_report(report, path)
        notes = [str(d.in_file(name)) for d in diagnostics]
    elif kind == "report":
        if suffix not in REPORT_SUFFIXES:
            raise HTTPError(400, f"a full report is {', '.join(REPORT_SUFFIXES)}")
        path, notes = await asyncio.to_thread(draft_upload, studio.folder, name, upload_bytes(data), data)
    else:
        raise HTTPError(400, "'kind' is 'article' or 'report'")
    studio.open(path)
    return JSONResponse({"path": path.name, "diagnostics": notes})


def upload_text(data: dict[str, Any]) -> str:
    text = data.get("text")
    if not isinstance(text, str):
        raise HTTPError(400, "expected the article as 'text'")
    return text.replace("\r\n", "\n")


def upload_bytes(data: dict[str, Any]) -> bytes:
    if isinstance(data.get("base64"), str):
        try:
            return base64.b64decode(data["base64"], validate=True)
        except (binascii.Error, ValueError):
            raise HTTPError(400, "'base64' is not valid base64") from None
    return upload_text(data).encode("utf-8")


def draft_upload(folder: Path, name: str, raw: bytes, data: dict[str, Any]) -> tuple[Path, list[str]]:
    """Draft report data from an uploaded full report (as ``xinhui-print draft`` does)."""
    publisher = str(data.get("publisher") or "").strip()
    if not publisher:
        raise HTTPError(400, "a draft needs the publisher (the newsroom printed as 出品)")
    report_id = str(data.get("id") or "").strip() or re.sub(r"[^a-z0-9-]+", "-", Path(name).stem.lower()).strip("-")
    if not REPORT_ID.match(report_id):
        raise HTTPError(400, f"invalid report id {report_id!r} (lowercase letters, digits and -)")
    place = str(data.get("place") or "").strip() or None
    with tempfile.TemporaryDirectory(prefix="studio-draft-") as scratch:
        source = Path(scratch) / f"report{Path(name).suffix.lower()}"
        source.write_bytes(raw)
        draft = draft_report(source, report_id=report_id, publisher=publisher, place=place)
        text = draft_yaml(draft, name, "report.schema.json")
    path = free_path(folder, report_id)
    write_atomic(path, text)
    return path, []


def free_path(folder: Path, report_id: str) -> Path:
    """``<folder>/<id>.yaml``, or ``<id>-2.yaml`` … when taken (an import never overwrites)."""
    path, number = folder / f"{report_id}.yaml", 1
    while path.exists():
        number += 1
        path = folder / f"{report_id}-{number}.yaml"
    return path


# ---------------------------------------------------------------- the app


async def watch_file(studio: Studio, stop: asyncio.Event) -> None:
    """An edit of the report file in any other editor appears in the page."""
    async for changes in awatch(studio.folder, stop_event=stop, debounce=100, step=50, recursive=False):
        current = studio.document.path.resolve()
        if any(Path(path).resolve() == current for _, path in changes) and studio.document.reload_external():
            studio.changed()


def create_app(config: StudioConfig) -> Starlette:
    studio = Studio(config)

    @asynccontextmanager
    async def lifespan(app):
        studio.hub.loop = asyncio.get_running_loop()
        studio.preview.start()
        studio.changed()
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch_file(studio, stop))
        try:
            yield
        finally:
            studio.hub.close()
            stop.set()
            await asyncio.wait_for(watcher, 5)
            await asyncio.to_thread(studio.preview.stop)

    routes = [
        Route("/", index), Route("/static/{name}", static), Route("/api/state", state),
        Route("/events", events), Route("/preview/{output}/{index:int}.png", preview_image),
        Route("/api/edit", edit, methods=["POST"]), Route("/api/yaml", edit_yaml, methods=["POST"]),
        Route("/api/undo", undo, methods=["POST"]), Route("/api/redo", redo, methods=["POST"]),
        Route("/api/focus", focus, methods=["POST"]), Route("/api/settings", settings, methods=["POST"]),
        Route("/api/export", export, methods=["POST"]), Route("/api/export.zip", export_zip),
        Route("/out/{path:path}", download), Route("/api/import", import_text, methods=["POST"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.studio = studio
    return app
