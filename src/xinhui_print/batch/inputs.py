"""The batch's reports: input files and folders → one :class:`Job` per report, or its error.

A folder contributes its report data (``.yaml``, ``.yml``) and articles (``.txt``),
not its subfolders; a file named on the command line is taken whatever its suffix
(``load_source`` then says what it expected).  Each input is loaded here, on the
client, so that bad data fails at once with its location and the output folder
(``<out>/<report-id>/``) is known before anything is built.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..data import load_source
from ..errors import Diagnostic, InputError, Location, XinhuiError
from ..model import Report
from ..project import project
from ..render.images import report_images
from .fingerprint import inputs_digest

FOLDER_SUFFIXES = (".yaml", ".yml", ".txt")


@dataclass
class Job:
    """One report to build: where it came from, where it goes, and its inputs digest."""

    input: Path
    report: Report
    source: str  # the input as the manifest names it
    out_dir: Path
    inputs: str
    warnings: list[Diagnostic]  # the importer's, located in the input

    @property
    def report_id(self) -> str:
        return self.report.meta.id


@dataclass
class Rejected:
    """An input that failed before building: its error, located in the input at least."""

    input: Path
    error: Diagnostic
    exit_code: int


def find_inputs(paths: list[Path]) -> list[Path]:
    """Files named, and the report files of folders named, in order, each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
        else:
            found.append(path)
    if not found:
        raise InputError("no report files (.yaml, .yml, .txt) in " + ", ".join(map(str, paths)),
                         Location(paths[0]) if paths else None)
    return list(dict.fromkeys(found))


def display_path(path: Path) -> str:
    """The input as ``build`` names it in the manifest: relative to the project when inside it."""
    resolved = path.resolve()
    root = project().root
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)


def plan_jobs(paths: list[Path], out_root: Path, environment: str) -> list[Job | Rejected]:
    """Load every input; two inputs with the same report id are one output folder: the later fails."""
    planned: list[Job | Rejected] = []
    owners: dict[str, Path] = {}
    for path in find_inputs(paths):
        try:
            job = load_job(path, out_root, environment)
        except XinhuiError as error:
            planned.append(Rejected(path, error.diagnostic.in_file(path), error.exit_code))
            continue
        if job.report_id in owners:
            clash = Diagnostic("error", "batch", f"report id {job.report_id!r} is also the id of "
                               f"{owners[job.report_id]} (one output folder each)", Location(path))
            planned.append(Rejected(path, clash, 2))
            continue
        owners[job.report_id] = path
        planned.append(job)
    return planned


def load_job(path: Path, out_root: Path, environment: str) -> Job:
    report, diagnostics = load_source(path)
    source = display_path(path)
    warnings = [d.in_file(path) for d in diagnostics if d.severity == "warning"]
    images = report_images(report)  # checked here too; a changed logo rebuilds the report
    digest = inputs_digest(environment, source, path.read_bytes() + b"".join(images.files.values()))
    return Job(path, report, source, out_root / report.meta.id, digest, warnings)


def up_to_date(job: Job) -> bool:
    """The report's manifest records the same inputs digest, and every file it lists is there
    with its recorded size."""
    try:
        manifest = json.loads((job.out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("inputs") != job.inputs:
        return False
    return all(_present(job.out_dir / entry["path"], entry["bytes"]) for entry in manifest.get("files", []))


def _present(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False
