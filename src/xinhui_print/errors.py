"""All xinhui-print errors and warnings, in one place: one located :class:`Diagnostic`.

Errors are data with a location: every problem (a raised error, an importer warning,
a schema problem, a fitting or image-encoding note, a preflight finding, a batch
report's failure) is a :class:`Diagnostic` that prints itself as one line
``path:line:col: message`` an editor can jump to (``path p.3: message`` for a place on
a PDF page, ``path:line:col: review.kpis[2].figure: message`` when it belongs to a field
of the report data).  Errors raised to the user are :class:`XinhuiError` exceptions;
each carries its diagnostic.  Diagnostics become text only where they are printed or
written to a manifest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePath

SEVERITIES = ("error", "warning", "info")

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Location:
    """Where a problem sits: a file and, when known, a 1-based line and column, or a
    1-based PDF page and a box on it (``position``: x0, y0, x1, y1 in pt); ``field``: the
    report data field it belongs to (``review.kpis[2].figure``), for an editor's form."""

    path: str | Path | None = None
    line: int | None = None
    column: int | None = None
    page: int | None = None
    position: Box | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [str(self.path) if self.path is not None else "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        text = ":".join(parts)
        return f"{text} p.{self.page}" if self.page is not None else text


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's input or in an output: how bad, which kind, what, where.

    ``code`` names the kind (a rule id such as ``R0026``, or a stage such as ``import``);
    ``excerpt`` quotes the text it is about; ``hint`` says what to do.
    """

    severity: str
    code: str
    message: str
    location: Location | None = None
    excerpt: str = ""
    hint: str | None = None

    def __str__(self) -> str:
        text = self.message
        if self.location is not None:
            field = f"{self.location.field}: " if self.location.field else ""
            text = f"{self.location}: {field}{text}"
        if self.excerpt:
            text += ": " + (self.excerpt if len(self.excerpt) <= 40 else self.excerpt[:39] + "…")
        return f"{text} ({self.hint})" if self.hint else text

    def in_file(self, path: str | PurePath | None) -> Diagnostic:
        """This diagnostic located in ``path`` (for those found in text before it had a name)."""
        if path is None or (self.location is not None and self.location.path is not None):
            return self
        return replace(self, location=replace(self.location or Location(), path=path))


class XinhuiError(Exception):
    """Base of every error xinhui-print reports to a user (exit code ``exit_code``)."""

    exit_code = 1
    code = "error"

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    @property
    def diagnostic(self) -> Diagnostic:
        return Diagnostic("error", self.code, self.message, self.location, hint=self.hint)

    def __str__(self) -> str:
        return str(self.diagnostic)


class InputError(XinhuiError):
    """Raised when user input (a file, an option) is unusable: exit code 2."""

    exit_code = 2
    code = "input"


class DataError(InputError):
    """Raised when report data cannot be parsed or fails the schema."""

    code = "data"


class LayoutNotFoundError(InputError):
    """Raised when a layout name does not exist; the message lists the available ones."""

    code = "layout"


class LayoutError(XinhuiError):
    """Raised when a layout folder is broken (bad config, template error)."""

    code = "layout"


class FontError(XinhuiError):
    """Raised when a font is missing or lacks a glyph the data needs."""

    code = "font"


class BuildError(XinhuiError):
    """Raised when rendering or export fails for a reason that is not bad input."""

    code = "build"


class PdfReadError(InputError):
    """Raised when a PDF handed to us cannot be read (encrypted, damaged, not a PDF)."""

    code = "pdf"
