"""All xinhui-print errors and warnings, in one place.

Errors are data with a location: every error can print itself as one line
``path:line:col: message`` that an editor can jump to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a problem sits: a file and, when known, a 1-based line and column."""

    path: str | Path | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [str(self.path) if self.path is not None else "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class XinhuiError(Exception):
    """Base of every error xinhui-print reports to a user (exit code ``exit_code``)."""

    exit_code = 1

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text} ({self.hint})" if self.hint else text


class InputError(XinhuiError):
    """Raised when user input (a file, an option) is unusable: exit code 2."""

    exit_code = 2


class DataError(InputError):
    """Raised when report data cannot be parsed or fails the schema."""


class ArticleWarning(UserWarning):
    """An article line the importer did not understand and kept as a paragraph."""


class LayoutNotFoundError(InputError):
    """Raised when a layout name does not exist; the message lists the available ones."""


class LayoutError(XinhuiError):
    """Raised when a layout folder is broken (bad config, template error)."""


class FontError(XinhuiError):
    """Raised when a font is missing or lacks a glyph the data needs."""


class BuildError(XinhuiError):
    """Raised when rendering or export fails for a reason that is not bad input."""


class PdfReadError(InputError):
    """Raised when a PDF handed to us cannot be read (encrypted, damaged, not a PDF)."""
