"""``xinhui-print impose PRESS.pdf --binding saddle [--creep MM] [--marks] [-o OUT]``.

Reads a press PDF (single pages in reading order, with TrimBox and BleedBox) and
writes printer's spreads for saddle stitching next to it (``<name>-imposed.pdf``).
The input and the output are checked before the PDF is read; errors name the file.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Location
from ..data.writer import write_atomic
from .checks import finite_float, readable_file, writable_file


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("impose", help="impose a press PDF as saddle-stitch printer's spreads")
    parser.add_argument("pdf", type=Path, metavar="PRESS.pdf", help="press PDF, single pages in reading order")
    parser.add_argument("--binding", choices=("saddle",), default="saddle", help="binding (default: saddle)")
    parser.add_argument("--creep", type=finite_float, default=0.0, metavar="MM",
                        help="paper thickness in mm for creep compensation, 0–2 (default: 0, none)")
    parser.add_argument("--marks", action="store_true", help="add crop and fold marks outside the bleed")
    parser.add_argument("--output", "-o", type=Path, default=None, metavar="OUT",
                        help="output PDF (default: <name>-imposed.pdf beside the input)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..press.impose import ImposeOptions, check_options, impose

    readable_file(args.pdf)
    output = args.output or args.pdf.with_name(f"{args.pdf.stem}-imposed.pdf")
    writable_file(output)
    if output.resolve() == args.pdf.resolve():
        raise InputError("the output would overwrite the input; choose another -o", Location(output))
    options = ImposeOptions(binding=args.binding, creep_mm=args.creep, marks=args.marks)
    check_options(options)
    data, info = impose(args.pdf.read_bytes(), options, source=args.pdf)
    write_atomic(output, data)
    print(f"{output}: {info.sheets} sheets, {info.padded_pages} pages "
          f"({info.padded_pages - info.source_pages} blank added), "
          f"sheet trim {info.sheet_trim_mm[0]:g} × {info.sheet_trim_mm[1]:g} mm")
    return 0
