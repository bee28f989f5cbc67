"""``xinhui-print batch INPUT... --out DIR [--press] [--layout NAME]... [--workers N]
[--scheduler tcp://HOST:PORT] [--retries N] [--force]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..batch import BatchOptions, BatchResult, Outcome, local_workers, run_batch
from ..build import BuildOptions
from ..errors import InputError

MARKS = {"built": "[green]✓[/]", "skipped": "[dim]–[/]", "failed": "[red]✗[/]"}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "batch", help="build many reports at once, on this machine or a Dask cluster",
        description="Build every report of the inputs (report files, or folders of .yaml/.txt reports) into "
                    "DIR/<report-id>/, skipping reports whose inputs are unchanged since their last build.")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="report data, article, or folder")
    parser.add_argument("--out", "-o", type=Path, required=True, metavar="DIR",
                        help="output root: DIR/<report-id>/ per report, DIR/batch.json for the batch")
    parser.add_argument("--press", action="store_true", help="also write press-ready PDF/X files")
    parser.add_argument("--layout", "-l", action="append", default=[], metavar="NAME",
                        help="layout to build (repeatable; default: every default layout)")
    parser.add_argument("--preset", action="append", default=[], metavar="NAME",
                        help="social card preset (repeatable; default: each layout's own)")
    parser.add_argument("--workers", type=positive, default=None, metavar="N",
                        help=f"local worker processes (default: one per core, here {local_workers()})")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                        help="run on this Dask cluster instead (workers need xinhui-print installed)")
    parser.add_argument("--retries", type=natural, default=2, metavar="N",
                        help="submit a report again up to N times when its worker is lost (default 2)")
    parser.add_argument("--force", action="store_true", help="rebuild reports whose inputs are unchanged")
    parser.set_defaults(func=run)


def positive(text: str) -> int:
    value = natural(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def natural(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, got {text!r}")
    return value


def run(args) -> int:
    if args.scheduler and args.workers:
        raise InputError("--workers sizes the local pool; with --scheduler the cluster's workers do the work")
    console = Console(stderr=True, highlight=False)
    build_options = BuildOptions(out_root=args.out, layouts=args.layout, press=args.press, presets=args.preset)
    options = BatchOptions(workers=args.workers or local_workers(), scheduler=args.scheduler,
                           retries=args.retries, force=args.force)
    result = run_with_progress(args.inputs, build_options, options, console, args.debug)
    console.print(summary_table(result))
    console.print(f"built {result.count('built')}, skipped {result.count('skipped')}, failed "
                  f"{result.count('failed')} in {result.seconds:.1f} s → {result.summary_path}", soft_wrap=True)
    return result.exit_code


def run_with_progress(inputs: list[Path], build_options: BuildOptions, options: BatchOptions, console: Console,
                      debug: bool) -> BatchResult:
    """One bar for the batch (on a terminal), one line per finished report."""
    columns = (TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        bar = progress.add_task("batch", total=None)

        def done(outcome: Outcome) -> None:
            progress.console.print(outcome_line(outcome), markup=True, soft_wrap=True)
            if debug and outcome.traceback:
                progress.console.print(outcome.traceback, markup=False)
            progress.advance(bar)

        def planned(total: int) -> None:
            progress.update(bar, total=total)

        return run_batch(inputs, build_options, options, on_planned=planned, on_done=done)


def outcome_line(outcome: Outcome) -> str:
    mark = MARKS[outcome.status]
    if outcome.status == "failed":
        return f"{mark} {escape(str(outcome.error or ''))}"
    retried = f", {outcome.attempts} attempts" if outcome.attempts > 1 else ""
    timing = f" in {outcome.seconds:.1f} s" if outcome.status == "built" else " (inputs unchanged)"
    files = f"{outcome.files} file{'s' if outcome.files != 1 else ''}"
    warned = f", [yellow]{len(outcome.warnings)} import warning(s) in batch.json[/]" if outcome.warnings else ""
    return (f"{mark} {escape(outcome.report or '')} {outcome.status}: {files}{timing}{retried}{warned}  "
            f"[dim]{escape(outcome.input)}[/]")


def summary_table(result: BatchResult) -> Table:
    table = Table(title=None, show_edge=False, pad_edge=False)
    for column in ("report", "status", "files", "time", "input / error"):
        table.add_column(column, justify="right" if column in ("files", "time") else "left")
    for outcome in result.outcomes:
        seconds = f"{outcome.seconds:.1f} s" if outcome.seconds else ""
        detail = str(outcome.error or "") if outcome.status == "failed" else outcome.input
        table.add_row(escape(outcome.report or ""), outcome.status, str(outcome.files or ""), seconds,
                      escape(detail or ""))
    table.add_section()
    counts = ", ".join(f"{result.count(status)} {status}" for status in ("built", "skipped", "failed"))
    table.add_row("total", "", str(sum(o.files for o in result.outcomes)), f"{result.seconds:.1f} s", counts)
    return table
