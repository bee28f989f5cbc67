"""``xinhui-print preflight FILE.pdf``: check a PDF against a GWG 2022 (or shop) profile.

Prints one line per finding and a summary; ``--json``/``--html`` also write
reports.  Exit 0 without errors, 1 with errors, 2 when the file (or the
profile) cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from ..preflight import (
    DEFAULT_PROFILE,
    available_profiles,
    console_lines,
    preflight,
    write_html,
    write_json,
)


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
    report = preflight(args.file, profile=args.profile)
    for line in console_lines(report):
        print(line)
    if args.json:
        write_json(report, args.json)
    if args.html:
        write_html(report, args.html)
    return report.exit_code
