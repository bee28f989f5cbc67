"""The limits README.md lists are the ones the model enforces."""

from __future__ import annotations

import re
from pathlib import Path

from xinhui_print.model import limits

README = Path(__file__).resolve().parents[2] / "README.md"


def limits_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("### Limits", 1)[1].split("\n## ", 1)[0]


def number(text: str) -> int:
    return int(text.replace(",", ""))


def test_readme_lists_the_field_limits():
    rows = dict(re.findall(r"^\| (.+?) \| (.+?) \|$", limits_section(), re.M))
    expected = {
        "KPI label": limits.KPI_LABEL, "verb": limits.VERB, "title, kicker, byline": limits.HEADLINE,
        "source line": limits.SOURCE, "group deck": limits.DECK, "chapter title": limits.CHAPTER_TITLE,
        "place, publisher, author, credit role and name": limits.NAME,
        "review, targets, group and section titles": limits.HEADING,
        "fact, ranking, pledge, targets intro": limits.SENTENCE,
        "lead paragraph, note": limits.PARAGRAPH, "chapter item": limits.ITEM,
        "report id": limits.REPORT_ID,
        "target label (a sentence when the target has no figure)": limits.TARGET_LABEL,
        "KPI or target figure": limits.FIGURE_DIGITS,
        "whole report": limits.REPORT_CHARACTERS, "data file or article": limits.FILE_BYTES,
        "YAML nesting": limits.DEPTH,
    }
    for what, limit in expected.items():
        assert number(re.match(r"[\d,]+", rows[what])[0]) == limit, what


def test_readme_lists_the_list_limits():
    row = re.search(r"^\| lists \| (.+) \|$", limits_section(), re.M)[1]
    counts = {name: number(n) for n, name in re.findall(r"([\d,]+) ([A-Za-z ]+?)(?=,| of|$)", row)}
    assert counts == {
        "KPIs": limits.KPIS, "targets": limits.TARGETS, "rankings": limits.RANKINGS,
        "pledges": limits.PLEDGES, "groups": limits.GROUPS, "facts": limits.FACTS,
        "chapters": limits.CHAPTERS, "sections": limits.SECTIONS, "items": limits.ITEMS,
        "lead paragraphs": limits.LEAD, "credits": limits.CREDITS, "notes": limits.NOTES,
    }
