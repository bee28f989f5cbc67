"""Checks at the command line's edge, made before any work starts: numbers, the project
folder, the files a command reads and the file it will write."""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

from ..errors import InputError, Location
from ..project import project


def finite_float(text: str) -> float:
    """An ``argparse`` type: a finite number (``nan`` and ``inf`` are usage errors)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    return value


def require_project() -> None:
    """The layouts folder exists (``XINHUI_PRINT_HOME`` may point elsewhere)."""
    layouts = project().layouts_dir
    if not layouts.is_dir():
        home = os.environ.get("XINHUI_PRINT_HOME")
        cause = f"XINHUI_PRINT_HOME={home} is not a xinhui-print folder" if home else "no layouts folder"
        raise InputError(f"{cause} (no {layouts})")


def readable_file(path: Path) -> None:
    if not path.exists():
        raise InputError("no such file", Location(path))
    if not path.is_file():
        raise InputError("not a file", Location(path))
    if not os.access(path, os.R_OK):
        raise InputError("cannot read the file (permission denied)", Location(path))


def writable_file(path: Path) -> None:
    """``path`` can be written as a new file or over an old one (not a folder, folder exists)."""
    if path.is_dir():
        raise InputError("is a folder; give a file name", Location(path))
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"output folder does not exist: {folder}", Location(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write in {folder} (permission denied)", Location(path))
