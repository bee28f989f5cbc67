"""What a sentence says in figures: scores for ranking candidates, and cutting to ~60 characters.

Figures are found with the model's grammar (:mod:`xinhui_print.model.figures`): a
number with its unit and qualifier; years and dates are not figures.  A
candidate scores for its figures (units, money, percentages, qualifiers),
rankings (第N位), firsts (首次, 首批), records (历史新高), totals (累计, 总量)
and concrete quantities in words (三年行动, 两次降准), and for where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.figures import FIGURE_IN_TEXT_RE, is_date
from .read import SourceLine
from .text import Span, clauses, strip_end

CUT_AT = 60  # characters: facts and items are cut at clause boundaries to about this length

_MONEY = ("亿元", "万亿元", "万元", "元", "亿美元", "万亿美元", "美元")
_RATE = ("%", "‰", "个百分点")
_CUES = (
    (re.compile(r"第\d+[位名]|排名|排位|位居|跃居|百强|前列|唯一"), 2.5, "ranking"),
    (re.compile(r"首次|首个|首批|首家|首位|首笔|首份|全国第一|全省第一"), 2.0, "first"),
    (re.compile(r"历史新高|创历史|新高|最高水平|最低水平|最大增幅|最好水平"), 2.0, "record"),
    (re.compile(r"累计|总量|总额|总规模|全部|全面完成"), 0.7, "total"),
    (re.compile(r"(?<![第一二两三四五六七八九十百千])(?!一[年个项次批大倍类条张])[一二两三四五六七八九十百千]+"
                r"(?:年|个|项|次|批|大|倍|类|条|张)(?!来|以来)"), 0.8, "quantity"),
)
_COMMITMENTS = re.compile(r"建成|开工|新增|启动|设立|出台|提高|降低|扩大|延续|实施|推进|完成|力争|确保|不少于|不低于")


@dataclass(frozen=True)
class Scored:
    """A candidate text with its score and why."""

    text: str
    line: SourceLine
    score: float
    reasons: tuple[str, ...]


def figures_in(text: str) -> list[re.Match[str]]:
    """Figure matches in running text (the model's grammar), years and dates left out."""
    return [match for match in FIGURE_IN_TEXT_RE.finditer(text) if not is_date(match)]


def figure_score(match: re.Match[str]) -> float:
    unit, suffix = match["unit"] or "", match["suffix"] or ""
    if unit in _RATE:
        score = 3.0
    elif unit in _MONEY:
        score = 3.5
    elif unit:
        score = 2.5
    else:
        score = 0.8  # a bare number says little without its unit
    if suffix:
        score += 0.5
    return score


def text_score(text: str) -> tuple[float, tuple[str, ...]]:
    """How much a piece of text says in figures, with the reasons."""
    reasons: list[str] = []
    score = 0.0
    for match in figures_in(text):
        score += figure_score(match)
        reasons.append(match.group(0))
    for pattern, weight, name in _CUES:
        if pattern.search(text):
            score += weight
            reasons.append(name)
    return score, tuple(reasons)


def commitment_score(text: str) -> float:
    """A small bonus for concrete commitments (建成, 新增, 不少于…), once per text."""
    return 0.5 if _COMMITMENTS.search(text) else 0.0


def cut(sentence: Span, limit: int = CUT_AT) -> Span | None:
    """The most informative run of whole clauses of about ``limit`` characters.

    A sentence within the limit is kept whole.  A longer one keeps the window of
    consecutive clauses, within the limit, that says most in figures (ties: the
    earlier one, which carries the subject); a single clause longer than the limit
    is kept whole, as the sentence does not allow a cut there.  Cuts fall only at
    ，and ：, never inside a figure.  None when no clause says anything in figures.
    """
    text = strip_end(sentence.text)
    if len(text) <= limit:
        return sentence.sub(0, len(text)) if text else None
    pieces = clauses(sentence)
    scores = [text_score(piece.text)[0] for piece in pieces]
    best: tuple[float, int, int] | None = None
    for first in range(len(pieces)):
        for last in range(first, len(pieces)):
            length = pieces[last].end - pieces[first].start
            if length > limit and last > first:
                break
            total = sum(scores[first : last + 1])
            if total <= 0:
                continue
            value = total + (0.5 if first == 0 else 0.0) - length / 200
            if best is None or value > best[0] + 1e-9:
                best = (value, first, last)
    if best is None:
        return None
    _, first, last = best
    start = pieces[first].start - sentence.start
    end = start + len(strip_end(sentence.paragraph.text[pieces[first].start : pieces[last].end]))
    return sentence.sub(start, end)
