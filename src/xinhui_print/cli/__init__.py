"""Command-line interface: ``xinhui-print COMMAND …``.

Each command is a module in this package with ``add_parser(subparsers)``
(registering a subparser whose default ``func`` is the module's ``run``) and
``run(args) -> int``.  Only the module of the command being run is imported (a
``preflight`` or ``draft`` does not load WeasyPrint); ``--help`` imports them all.  Errors derived from :class:`XinhuiError` print as one
line and exit with their code (2: bad input or usage, 1: a failed build); any
other error that reaches this boundary (the OS, a library) prints as one line
too and exits 1.  Tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings

from ..errors import XinhuiError

COMMANDS = {  # the command as typed → its module
    "build": "build", "import": "import_article", "draft": "draft", "layouts": "layouts",
    "doctor": "doctor", "preflight": "preflight", "impose": "impose", "batch": "batch",
    "serve": "serve",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def make_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv``, only the command it names (if it names one) is loaded."""
    parser = _Parser(prog="xinhui-print", description="数读 report → booklet, posters, press PDF")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    named = command_named(argv)
    for module in [COMMANDS[named]] if named else COMMANDS.values():
        importlib.import_module(f"{__name__}.{module}").add_parser(subparsers)
    return parser


def command_named(argv: list[str] | None) -> str | None:
    """The command in ``argv`` (its first word that is not an option), when it is one of ours."""
    words = [word for word in (sys.argv[1:] if argv is None else argv) if not word.startswith("-")]
    return words[0] if words and words[0] in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(argv)
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            if not args.debug:
                warnings.simplefilter("ignore", DeprecationWarning)
            return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("xinhui-print: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (`| head`): nothing left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        if args.debug:
            raise
        print(f"xinhui-print: error: {describe(error)}", file=sys.stderr)
        return error.exit_code if isinstance(error, XinhuiError) else 1


def describe(error: Exception) -> str:
    """One line for any error: ours print themselves, the OS's name the file."""
    if isinstance(error, XinhuiError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        names = [str(n) for n in (error.filename, error.filename2) if n is not None]
        return ": ".join([*names, error.strerror])
    text = " ".join(str(error).split()) or "no message"
    return f"unexpected {type(error).__name__}: {text} (run with --debug for the traceback)"
