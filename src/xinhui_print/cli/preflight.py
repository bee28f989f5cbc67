"""``xinhui-print preflight FILE.pdf``: check a PDF against a GWG 2022 (or shop) profile.

Prints one line per finding and a summary (and, when it fails, one error line on
stderr naming the first error); ``--json``/``--html`` also write
reports (their folders are checked before the file is).  Exit 0 without
errors, 1 with errors, 2 when the file, the profile or a report path cannot be
read or written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..preflight import (
    DEFAULT_PROFILE,
    available_profiles,
    check_report_target,
    console_lines,
    load_profile,
    preflight,
    write_html,
    write_json,
)
from ..preflight.result import format_finding


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "preflight",
        help="check a PDF the way a print shop does (GWG 2022)",
        description="Check a PDF against a GWG 2022 variant or a shop profile.",
    )
    parser.add_argument("file", type=Path, metavar="FILE.pdf", help="the PDF to check")
    parser.add_argument(
        "--profile",
        default=DEFAULT_PROFILE,
        help=f"profile name ({', '.join(available_profiles())}) or a .toml path "
        f"(default: {DEFAULT_PROFILE})",
    )
    parser.add_argument("--json", type=Path, metavar="REPORT.json", help="also write a JSON report")
    parser.add_argument("--html", type=Path, metavar="REPORT.html", help="also write an HTML report")
    parser.set_defaults(func=run)


def run(args) -> int:
    profile = load_profile(args.profile)  # a bad profile or report path fails before the checking
    for option, target in (("--json", args.json), ("--html", args.html)):
        if target is not None:
            check_report_target(target, option)
    result = preflight(args.file, profile=profile)
    for line in console_lines(result):
        print(line)
    if args.json:
        write_json(result, args.json)
    if args.html:
        write_html(result, args.html)
    if result.exit_code:
        errors = [f for f in result.findings if f.severity == "error"]
        print(f"xinhui-print: error: {args.file}: {len(errors)} preflight error{'s' if len(errors) != 1 else ''} "
              f"against {result.profile}, first: {format_finding(errors[0])}", file=sys.stderr)
    return result.exit_code
