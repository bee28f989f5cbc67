"""``xinhui-print draft REPORT -o data/NAME.yaml``: a full government work report → a 数读 draft.

Reads ``.txt``, ``.docx``, ``.pdf`` (text layer) or ``.html``; writes report data
with each item's source line as a YAML comment (atomically; nothing is written
when the report cannot be read: one located line, exit 2).  ``--explain`` prints,
per part of the draft, what was chosen and the next candidates with their scores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..data.writer import write_atomic
from ..draft import Limits, draft_report, draft_yaml, explain
from ..errors import InputError
from .import_article import ID_RE, _check_output, _id_from_output, _schema_reference

_LIMITS = (("kpis", "KPIs"), ("targets", "targets"), ("groups", "review groups"), ("chapters", "chapters"),
           ("sections", "sections a chapter"), ("items", "items a section or group"))


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "draft", help="draft a 数读 from a full government work report (.txt, .docx, .pdf, .html)",
        description="Draft report data from a full government work report: last year's KPIs, this year's "
                    "targets, the figures of each section; every item names its source line.",
    )
    parser.add_argument("report", type=Path, metavar="REPORT")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DATA.yaml",
                        help="where to write the draft (e.g. data/NAME.yaml)")
    parser.add_argument("--id", dest="report_id", help="report id (default: the output file name)")
    parser.add_argument("--place", help="place name (default: from the title or the congress)")
    parser.add_argument("--year", type=int, help="the report's year (default: the session's year)")
    parser.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="session date, for a report without its subtitle")
    parser.add_argument("--publisher", required=True,
                        help="the newsroom publishing the 数读 (printed as 出品 and in the masthead)")
    parser.add_argument("--explain", action="store_true",
                        help="print what was chosen for each part, and the next candidates with scores")
    defaults = Limits()
    for name, what in _LIMITS:
        parser.add_argument(f"--{name}", type=_positive, default=getattr(defaults, name), metavar="N",
                            help=f"at most N {what} (default {getattr(defaults, name)})")
    parser.set_defaults(func=run)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text}")
    return value


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    _check_output(output)
    report_id = args.report_id or _id_from_output(output)
    if report_id is None:
        raise InputError(f"{output.stem!r} cannot be a report id (lowercase letters, digits and -): pass --id")
    if not ID_RE.match(report_id):
        raise InputError(f"invalid report id {report_id!r} (use lowercase letters, digits and -)")
    limits = Limits(**{name: getattr(args, name) for name, _ in _LIMITS})
    draft = draft_report(args.report, report_id=report_id, place=args.place, year=args.year, date=args.date,
                         publisher=args.publisher, limits=limits)
    if args.explain:
        sys.stdout.write(explain(draft))
    write_atomic(output, draft_yaml(draft, args.report.name, _schema_reference(output)))
    report = draft.report
    kpis = len(report.review.kpis) if report.review else 0
    targets = len(report.targets.items) if report.targets else 0
    print(f"wrote {output} ({kpis} KPIs, {targets} targets, {len(report.groups)} groups, "
          f"{len(report.chapters)} chapters)", file=sys.stderr)
    return 0
