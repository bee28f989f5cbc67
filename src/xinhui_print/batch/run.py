"""Run a batch: plan the reports, skip the unchanged, build the rest on Dask, write what comes back."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..build import BuildOptions
from ..build.transaction import OutputFolder
from ..data.writer import write_atomic
from ..errors import Diagnostic, Location
from ..layout import load_layout
from ..project import project
from ..social.presets import get_preset
from .cluster import dask_client, local_workers
from .fingerprint import environment_digest, program_version
from .inputs import Job, Rejected, plan_jobs, up_to_date
from .task import TaskResult, build_report

SUMMARY_NAME = "batch.json"


@dataclass
class BatchOptions:
    """How to run: ``scheduler`` None builds on a local cluster of ``workers`` processes;
    ``retries``: how many more times a report whose worker was lost is submitted;
    ``force``: build even the reports whose inputs are unchanged."""

    workers: int = field(default_factory=local_workers)
    scheduler: str | None = None
    retries: int = 2
    force: bool = False


@dataclass
class Outcome:
    """One report's fate in the batch (a line of the summary and of ``batch.json``)."""

    input: str
    status: str  # built, skipped or failed
    report: str | None = None
    files: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    attempts: int = 0
    error: Diagnostic | None = None  # located in the input at least
    traceback: str | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """The report's entry in ``batch.json`` (diagnostics as their one-line text)."""
        data = {item.name: getattr(self, item.name) for item in fields(self)}
        data["error"] = str(self.error) if self.error else None
        data["warnings"] = [str(warning) for warning in self.warnings]
        return {key: value for key, value in data.items() if value not in (None, [])}


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    seconds: float
    summary_path: Path

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def exit_code(self) -> int:
        return 1 if self.count("failed") else 0


OnDone = Callable[[Outcome], None]


def run_batch(inputs: list[Path], build_options: BuildOptions, options: BatchOptions,
              on_planned: Callable[[int], None] = lambda _: None, on_done: OnDone = lambda _: None) -> BatchResult:
    """Build every report of ``inputs`` into ``build_options.out_root``; ``on_planned(total)`` once
    the reports are known, ``on_done(outcome)`` as each finishes.  Writes ``batch.json``."""
    started = time.perf_counter()
    check_options(build_options)
    environment = environment_digest(build_options)
    planned = plan_jobs(inputs, build_options.out_root, environment)
    on_planned(len(planned))
    outcomes: dict[int, Outcome] = {}
    todo: dict[int, Job] = {}
    for index, item in enumerate(planned):
        if isinstance(item, Rejected):
            outcomes[index] = Outcome(str(item.input), "failed", error=item.error)
        elif not options.force and up_to_date(item):
            outcomes[index] = Outcome(str(item.input), "skipped", item.report_id, files=_listed(item),
                                      warnings=item.warnings)
        else:
            todo[index] = item
            continue
        on_done(outcomes[index])
    if todo:
        for index, outcome in _build_all(todo, build_options, environment, options, on_done):
            outcomes[index] = outcome
    ordered = [outcomes[index] for index in range(len(planned))]
    seconds = time.perf_counter() - started
    summary = write_summary(build_options, options, ordered, seconds)
    return BatchResult(ordered, seconds, summary)


def check_options(build_options: BuildOptions) -> None:
    """Unknown layouts and presets are usage errors before anything is built (not one failure per report)."""
    for name in build_options.layouts:
        load_layout(name)
    for name in build_options.presets:
        get_preset(name)


def _build_all(todo: dict[int, Job], build_options: BuildOptions, environment: str, options: BatchOptions,
               on_done: OnDone):
    """Submit every job; yield (index, outcome) as they finish, resubmitting after a lost worker."""
    from distributed import as_completed

    with dask_client(options.scheduler, min(options.workers, len(todo))) as client:
        attempts = dict.fromkeys(todo, 0)

        def submit(index: int):
            job = todo[index]
            attempts[index] += 1
            return client.submit(build_report, job.report, job.source, build_options, environment, job.inputs,
                                 key=f"xinhui-print-{job.report_id}-{uuid.uuid4().hex[:8]}", pure=False)

        pending = {submit(index): index for index in todo}
        finished = as_completed(list(pending), loop=client.loop)
        for future in finished:
            index = pending.pop(future)
            result = _collect(future)
            if isinstance(result, Exception):
                if attempts[index] <= options.retries:
                    retry = submit(index)
                    pending[retry] = index
                    finished.add(retry)
                    continue
                lost = Diagnostic("error", "batch", f"worker lost after {attempts[index]} attempt(s) "
                                  f"({type(result).__name__}: {first_sentence(result)})")
                result = TaskResult(error=lost, exit_code=1)
            outcome = _land(todo[index], result, attempts[index])
            on_done(outcome)
            yield index, outcome


def _collect(future) -> TaskResult | Exception:
    """The task's result, or the error that stopped it (its worker lost, the cluster gone)."""
    try:
        return future.result()
    except Exception as error:
        return error
    finally:
        future.release()


def first_sentence(error: Exception) -> str:
    return str(error).split(". ")[0].strip()


def _land(job: Job, result: TaskResult, attempts: int) -> Outcome:
    """Write a built report's files (the manifest last) or record its error."""
    outcome = Outcome(str(job.input), "failed", job.report_id, seconds=result.seconds,
                      cpu_seconds=result.cpu_seconds, attempts=attempts,
                      warnings=job.warnings, log=result.log)
    if result.error is not None:
        outcome.error = result.error.in_file(job.input)
        outcome.traceback = result.traceback
        return outcome
    unsafe = _unsafe_file(result.files)
    if unsafe:
        outcome.error = Diagnostic("error", "batch", f"the worker sent {unsafe}; nothing written", Location(job.input))
        return outcome
    land_files(job.out_dir, result.files)
    outcome.status, outcome.files = "built", len(result.files) - 1
    return outcome


def land_files(folder: Path, files: dict[str, bytes]) -> None:
    """A worker's files into ``folder`` as ``build`` writes them: staged, then committed as a
    whole (the previous set or the new one, stale files removed, foreign files kept)."""
    output = OutputFolder(folder).open()
    try:
        for name, data in files.items():
            if name != "manifest.json":
                write_atomic(output.stage / name, data)
        write_atomic(output.stage / "manifest.json", files["manifest.json"])
    except BaseException:
        output.abandon()
        raise
    output.commit()


def _unsafe_file(files: dict[str, bytes]) -> str | None:
    """What is wrong with a worker's files: a name leaving the report's folder, or no manifest."""
    for name in files:
        path = Path(name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            return f"a file outside the report's folder ({name!r})"
    return None if "manifest.json" in files else "no manifest.json"


def _listed(job: Job) -> int:
    manifest = json.loads((job.out_dir / "manifest.json").read_text(encoding="utf-8"))
    return len(manifest.get("files", []))


def write_summary(build_options: BuildOptions, options: BatchOptions, outcomes: list[Outcome],
                  seconds: float) -> Path:
    """``<out>/batch.json``: how the batch ran and every report's outcome."""
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("built", "skipped", "failed")}
    summary = {
        "program": program_version(),
        "where": options.scheduler or f"local ({options.workers} workers)",
        "project": str(project().root),
        **counts,
        "seconds": round(seconds, 3),
        "reports": [outcome.as_json() for outcome in outcomes],
    }
    path = build_options.out_root / SUMMARY_NAME
    write_atomic(path, (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return path
