"""Export from the studio: the full build (as ``xinhui-print build``), a preflight summary, a ZIP.

Runs on the preview service's render thread (one renderer in the process);
progress goes to the browser as events.  The ZIP holds ``out/<id>/`` exactly
as the build left it, manifest included, with fixed timestamps: the same
files give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..build import BuildOptions, build, plan
from ..model import Report
from ..preflight import preflight
from .preview import PreviewSettings

PREFLIGHT_PROFILES = {"press": "shop-cn", "imposed": "sheetcmyk-cmyk"}
"""The profiles the build checks each press file against (see ``press.produce``)."""

ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def build_options(settings: PreviewSettings, out_root: Path, press: bool) -> BuildOptions:
    return BuildOptions(out_root=out_root, press=press, presets=list(settings.presets),
                        densities=list(settings.densities), paper=settings.paper, qr_url=settings.qr_url)


def run_export(report: Report, source: str, settings: PreviewSettings, out_root: Path, press: bool,
               publish: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Build every default output (and the press files); publish progress; return the result event."""
    options = build_options(settings, out_root, press)
    total = len(plan(options)) + (1 if press else 0)
    done = [0]

    def step(message: str) -> None:
        publish({"type": "export", "state": "running", "done": done[0], "total": total, "message": message})
        done[0] += 1

    log: list[str] = []
    manifest = build(report, source, options, log=log.append, step=step)
    summary = []
    if press:
        step("preflight summary")
        summary = preflight_summary(manifest.out_dir, manifest.as_json()["files"])
    files = [{"path": entry["path"], "role": entry["role"], "bytes": entry["bytes"]}
             for entry in manifest.as_json()["files"]]
    return {"type": "export", "state": "done", "done": total, "total": total, "files": files,
            "preflight": summary, "log": log, "report": report.meta.id}


def preflight_summary(out_dir: Path, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per press file: the profile, error and warning counts, the first findings."""
    summary = []
    for entry in entries:
        profile = PREFLIGHT_PROFILES.get(entry["role"])
        if profile is None or entry["format"] != "pdf":
            continue
        result = preflight(out_dir / entry["path"], profile)
        summary.append({
            "path": entry["path"], "profile": profile, "errors": result.count("error"),
            "warnings": result.count("warning"), "verdict": "FAIL" if result.exit_code else "PASS",
            "findings": [f"{f.severity} {f.id}: {f.message}" for f in result.findings[:5]],
        })
    return summary


def zip_folder(folder: Path) -> bytes:
    """Every file of the folder (recursively, sorted) in a ZIP, with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
            info = zipfile.ZipInfo(str(path.relative_to(folder)), ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
