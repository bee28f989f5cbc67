"""Draft stage: a full government work report → a short 数读 draft (report data).

``read`` (.txt/.docx/.pdf/.html → source lines) → ``text`` (paragraphs, sentences,
clauses) → ``structure`` (title, session date, parts, sections, main targets) →
``compose`` (KPIs, groups, targets, chapters, ranked and limited) → ``output``
(YAML with each item's source line as a comment; ``--explain``).  It reads text
and builds a :class:`~xinhui_print.model.Report`; it renders nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .compose import Choice, Draft, Limits, compose
from .output import draft_yaml, explain
from .read import SourceLine, read_source
from .structure import parse_structure
from .text import paragraphs


def draft_report(path: str | Path, *, report_id: str, publisher: str, place: str | None = None,
                 year: int | None = None, date: dt.date | None = None, limits: Limits = Limits()) -> Draft:
    """Read ``path`` and draft a 数读 from it."""
    structure = parse_structure(paragraphs(read_source(path)), path, year=year, date=date)
    return compose(structure, report_id=report_id, place=place, publisher=publisher, limits=limits)


__all__ = ["Choice", "Draft", "Limits", "SourceLine", "draft_report", "draft_yaml", "explain", "read_source"]
