"""One report's build, as a task on a worker: build into a temporary folder, return the files.

The worker needs the project installed (the same version, layouts and fonts as the
client: it checks the environment digest before building and refuses otherwise).
Files come back to the client as bytes and the client writes them: workers need no
shared file system, and what lands in ``--out`` is exactly what ``build`` wrote.

A build runs in one process, so each worker keeps one core busy with one report.
Builds in one process are serialised by a lock (the justification hook patches
WeasyPrint process-wide), so a worker started with several threads is still safe, if
no faster.
"""

from __future__ import annotations

import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..build import BuildOptions, build
from ..errors import Diagnostic, XinhuiError
from ..model import Report
from .fingerprint import environment_digest

_one_build_at_a_time = threading.Lock()


@dataclass
class TaskResult:
    """What a worker sends back: the files (path → bytes, ``manifest.json`` among them) or an error
    (the client locates it in the input when it names no file)."""

    files: dict[str, bytes] = field(default_factory=dict)
    error: Diagnostic | None = None
    exit_code: int = 0
    traceback: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of the worker process: a build far slower than its CPU time waited for a core
    log: list[str] = field(default_factory=list)


def build_report(report: Report, source: str, options: BuildOptions, environment: str, inputs: str) -> TaskResult:
    """Build one report on this worker; every error becomes a failed result, never an exception."""
    with _one_build_at_a_time:
        started, cpu = time.perf_counter(), time.process_time()
        result = _build_here(report, source, options, environment, inputs)
        result.seconds = round(time.perf_counter() - started, 3)
        result.cpu_seconds = round(time.process_time() - cpu, 3)
        return result


def _build_here(report: Report, source: str, options: BuildOptions, environment: str, inputs: str) -> TaskResult:
    if environment_digest(options) != environment:
        return TaskResult(error=Diagnostic("error", "batch", "this worker's project (program version, layouts "
                                           "or fonts) differs from the client's: install the same xinhui-print "
                                           "on every worker"), exit_code=1)
    log: list[str] = []
    with tempfile.TemporaryDirectory(prefix="xinhui-batch-") as folder:
        try:
            manifest = build(report, source, replace(options, out_root=Path(folder)), log=log.append)
            manifest.inputs = inputs
            manifest.write()
        except XinhuiError as error:
            return TaskResult(error=error.diagnostic, exit_code=error.exit_code, log=log)
        except Exception as error:  # a bug fails this report alone; the traceback goes with it
            return TaskResult(error=Diagnostic("error", "internal", f"internal error: {type(error).__name__}: {error}"),
                              exit_code=1, traceback=traceback.format_exc(), log=log)
        return TaskResult(files=read_files(manifest.out_dir), log=log)


def read_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}
