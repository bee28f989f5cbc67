"""``xinhui-print import ARTICLE.txt -o data/NAME.yaml``: article → report data file.

Warnings (lines kept as paragraphs, guessed metadata) go to stderr as
``ARTICLE.txt:37: kept as a paragraph: …``; the YAML is written atomically, and
nothing is written when the article is unusable (exit 2, one line).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from ..data.importer import import_article
from ..data.loader import read_text
from ..data.schema import DEFAULT_PATH as SCHEMA_PATH
from ..data.writer import write_report
from ..errors import Diagnostic, InputError
from .checks import writable_file

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "import", help="turn a 数读 article (.txt) into report data (.yaml)",
        description="Import an article in the seed's plain-text form into report data.",
    )
    parser.add_argument("article", type=Path, metavar="ARTICLE.txt")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DATA.yaml",
                        help="where to write the report data (e.g. data/NAME.yaml)")
    parser.add_argument("--id", dest="report_id", help="report id (default: the output file name)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also show lines joined to the item above")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    _check_output(output)
    report_id = args.report_id or _id_from_output(output)
    if report_id is not None and not ID_RE.match(report_id):
        raise InputError(f"invalid report id {report_id!r} (use lowercase letters, digits and -)")
    report, diagnostics = import_article(read_text(args.article), str(args.article), report_id)
    _print_diagnostics(diagnostics, args.article, args.verbose)
    write_report(report, output, _schema_reference(output))
    warnings = sum(d.severity == "warning" for d in diagnostics)
    print(f"wrote {output} ({len(report.chapters)} chapters, {warnings} warnings)", file=sys.stderr)
    return 0


def _check_output(output: Path) -> None:
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(f"output must be a .yaml file, got {output}")
    writable_file(output)


def _id_from_output(output: Path) -> str | None:
    """``data/xinhui-2023.yaml`` → ``xinhui-2023`` when that is a valid id."""
    stem = output.stem.lower()
    return stem if ID_RE.match(stem) else None


def _print_diagnostics(diagnostics: list[Diagnostic], path: Path, verbose: bool) -> None:
    for diagnostic in diagnostics:
        if diagnostic.severity == "warning" or verbose:
            print(diagnostic.in_file(path), file=sys.stderr)


def _schema_reference(output: Path) -> str | None:
    """Path from the output folder to the project's JSON Schema (absolute outside the project)."""
    if not SCHEMA_PATH.is_file():
        return None
    folder = output.parent.resolve()
    if not folder.is_relative_to(SCHEMA_PATH.parents[1]):
        return SCHEMA_PATH.as_posix()
    return Path(os.path.relpath(SCHEMA_PATH, folder)).as_posix()
