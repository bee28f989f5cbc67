"""Faithfulness: every figure of a draft appears verbatim in the report it was drafted from.

The source is compared after the reader's narrow normalisation (full-width
digits and ``％`` to ASCII, line breaks inside a paragraph joined).  A figure is
its number with its unit and trailing qualifier as printed (``5.5%左右``,
``1.37万亿斤``); every other run of digits must appear too, not as part of a
longer number.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Report
from ..model.figures import FIGURE_IN_TEXT_RE, plain_text
from .read import read_source
from .text import paragraphs

_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def source_text(path: str | Path) -> str:
    """The report's text as the drafter reads it: one normalised paragraph a line."""
    return "\n".join(paragraph.text for paragraph in paragraphs(read_source(path)))


def drafted_texts(report: Report) -> list[str]:
    """The texts of a draft a reader sees (the id and the ISO date left out), KPIs and targets as printed."""
    meta = report.meta
    texts = [meta.title, meta.kicker, meta.source, meta.place, *report.lead]
    if report.review:
        texts += [report.review.title, *report.review.rankings, *report.review.pledges]
        texts += [kpi.text for kpi in report.review.kpis]
    for group in report.groups:
        texts += [group.title, group.deck, *group.facts]
    if report.targets:
        texts += [report.targets.title, report.targets.intro]
        texts += [target.text for target in report.targets.items]
    for chapter in report.chapters:
        texts.append(chapter.title)
        for section in chapter.sections:
            texts += [section.title, *section.items]
    return [plain_text(text) for text in texts if text]


def figures_not_in_source(report: Report, source: str) -> list[str]:
    """Figures and numbers of the draft that the source does not contain verbatim."""
    stray: list[str] = []
    for text in drafted_texts(report):
        for match in FIGURE_IN_TEXT_RE.finditer(text):
            _check(match.group(0), source, stray)
        for match in _DIGITS.finditer(text):
            _check(match.group(0), source, stray)
    return stray


def _check(printed: str, source: str, stray: list[str]) -> None:
    """``printed`` must stand in the source on its own: ``8.2%`` is not found inside ``18.2%``."""
    pattern = rf"(?<![\d.]){re.escape(printed)}" + (r"(?![\d]|\.\d)" if printed[-1].isdigit() else "")
    if not re.search(pattern, source) and printed not in stray:
        stray.append(printed)
