"""``xinhui-print serve [DATA] [--port N] [--host ADDR] [--open]``: the studio."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ..project import project

YAML_SUFFIXES = (".yaml", ".yml")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="the studio: edit a report in the browser, see every output change")
    parser.add_argument("data", nargs="?", type=Path, help="report data to edit (default: data/xinhui-2023.yaml)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default 127.0.0.1; any other address needs the token for every request)")
    parser.add_argument("--out", "-o", type=Path, default=None, metavar="DIR",
                        help="output root for exports (files go to DIR/<report-id>/; default: out/)")
    parser.add_argument("--open", action="store_true", help="open the studio in the default browser")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..studio import StudioConfig, serve  # the web stack is loaded only for this command

    path = args.data or project().default_data
    if path.suffix.lower() not in YAML_SUFFIXES:
        raise InputError(f"{path}: the studio edits report data (.yaml); import an article with "
                         "`xinhui-print import ARTICLE.txt -o data/NAME.yaml`, or paste it in the studio")
    if not path.is_file():
        raise InputError(f"{path}: no such report file")
    if not 0 <= args.port <= 65535:
        raise InputError(f"--port must be between 0 and 65535, got {args.port}")
    config = StudioConfig(path.resolve(), (args.out or project().default_out).resolve(), args.host)
    try:
        serve(config, args.port, args.open, on_ready=lambda url: print(f"studio: {url}", file=sys.stderr, flush=True))
    except OSError as error:
        raise InputError(f"cannot listen on {args.host}:{args.port} ({error.strerror})") from None
    return 0
