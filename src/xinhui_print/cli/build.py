"""``xinhui-print build [DATA] [--layout NAME]... [--out DIR] [--press]``."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ..build import BuildOptions, Step, build, ignored_options, plan
from ..data import load_source
from ..edition import DEFAULT_SCRIPT, SCRIPTS
from ..project import project
from .checks import finite_float, require_project

FLAGS = {"presets": "--preset", "densities": "--density", "qr_url": "--qr-url", "crop_marks": "--crop-marks",
         "press": "--press", "paper": "--paper", "full_set": "--full-set"}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("build", help="build outputs for a report (YAML data or an article .txt)")
    parser.add_argument("data", nargs="?", type=Path, help="report data (default: data/xinhui-2023.yaml)")
    parser.add_argument("--layout", "-l", action="append", default=[], metavar="NAME",
                        help="layout to build (repeatable; default: every default layout)")
    parser.add_argument("--out", "-o", type=Path, default=None, metavar="DIR",
                        help="output root (files go to DIR/<report-id>/; default: out/)")
    parser.add_argument("--press", action="store_true", help="also write press-ready PDF/X files")
    parser.add_argument("--crop-marks", action="store_true",
                        help="with --press: crop marks outside the bleed (registration colour)")
    parser.add_argument("--paper", metavar="NAME", default=None,
                        help="paper for the printed layouts: A4, A5, 正度16开, 大度32开, … or '185mm 260mm'")
    parser.add_argument("--preset", action="append", default=[], metavar="NAME",
                        help="social card preset (repeatable): xhs, square, ig, story, douyin, wechat-cover")
    parser.add_argument("--density", action="append", default=[], type=finite_float, metavar="N",
                        help="social image density, px per CSS px (repeatable; e.g. 1 and 2)")
    parser.add_argument("--qr-url", metavar="URL", default=None,
                        help="QR code to this URL in the poster's footer and on the closing card "
                             "(not on Douyin, nor on a first Xiaohongshu card)")
    parser.add_argument("--full-set", action="store_true",
                        help="every card of a set, even past its platform's image limit per post "
                             "(default: a condensed set within the limit, abridgements marked)")
    parser.add_argument("--script", choices=SCRIPTS, default=DEFAULT_SCRIPT,
                        help="edition: hans (as written, default), hant-hk or hant-tw (Traditional Chinese, "
                             "Hong Kong or Taiwan standard; files named <layout>.<script>.…)")
    parser.set_defaults(func=run)


def run(args) -> int:
    require_project()
    console = Console(stderr=True, highlight=False)
    source = args.data or project().default_data
    report, diagnostics = load_source(source)
    for diagnostic in (d for d in diagnostics if d.severity == "warning"):
        warn(console, str(diagnostic.in_file(source)))
    options = BuildOptions(layouts=args.layout, press=args.press, presets=args.preset, densities=args.density,
                           paper=args.paper, crop_marks=args.crop_marks, qr_url=args.qr_url, script=args.script,
                           full_set=args.full_set)
    if args.out:
        options.out_root = args.out
    steps = plan(options)
    for name in ignored_options(options, steps):
        warn(console, f"{FLAGS[name]} is ignored: {why_ignored(name, steps)}")
    manifest = run_build(report, display_path(source), options, steps, console)
    console.print(f"built {len(manifest.entries)} files in {manifest.out_dir} (manifest.json)")
    return 0


def warn(console: Console, message: str) -> None:
    console.print(f"[yellow]warning[/]: {escape(message)}", markup=True, soft_wrap=True)


def why_ignored(name: str, steps: list[Step]) -> str:
    layouts = ", ".join(dict.fromkeys(step.layout.name for step in steps))
    if name == "crop_marks":
        return "crop marks are drawn on press files only (--press with a printable layout)"
    return f"no layout built here uses it ({layouts})"


def display_path(path: Path) -> str:
    """The data path as written in the manifest: relative to the project when inside it."""
    resolved = path.resolve()
    root = project().root
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)


def run_build(report, source: str, options: BuildOptions, steps: list[Step], console: Console):
    total = len(steps)
    if total <= 1 or not console.is_terminal:
        return build(report, source, options, log=lambda m: console.print(f"  {m}"),
                     step=lambda m: console.print(f"[bold]›[/] {m}"))
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("building", total=total)
        first = [True]

        def step(message: str) -> None:
            if not first[0]:
                progress.advance(task)
            first[0] = False
            progress.update(task, description=message)

        manifest = build(report, source, options, log=lambda m: progress.console.print(f"  {m}"), step=step)
        progress.update(task, completed=total, description="done")
    return manifest
