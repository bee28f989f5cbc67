"""Hero figures: the one to three numbers a card leads with, chosen from the data.

A 数读 card leads with big numbers.  A hero is a figure with its label, set large
above the card's list.  They are chosen from what the card shows:

* KPI and target cards: the indicators themselves (label + verb, figure);
* fact and item cards: the figures in the text (:func:`text_heroes`), each with
  the words before it as its label (``基础设施累计投入`` / ``57.8亿元``) and a
  comparison word in front of it (``不少于``, ``超``, ``增至``…) kept with the
  figure, never dropped;
* a card whose text has no figure: the number of its measures
  (``4项`` / ``全面加强政府自身建设``), counted from the data.

Figures are ranked so that a card's heroes differ in kind: the largest amount of
money first, then a share or rate, then a count, round robin; at most one hero
per sentence.  A review group's *key figure* is its first-ranked hero: every
platform carries it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Figure, Indicator, plain_text, segments
from ..template import chinese_numeral
from .phrases import phrases

MAX_HEROES = 3

COMPARISONS = ("不少于", "不低于", "不超过", "超过", "突破", "达到", "增至", "降至", "至少", "高达", "超", "达", "近", "约")
"""Words that belong in front of the figure they qualify."""

MONEY = {"万亿元": 1e12, "亿元": 1e8, "亿美元": 7e8, "万元": 1e4, "元": 1}
SHARES = ("%", "‰", "个百分点")

LABEL_MAX = 16
"""Characters of a hero label taken from running text (the words nearest the figure)."""

_BREAK = re.compile(r"[，。；：、,;:！？（）()“”「」《》\s]")
_LEAD_WORDS = ("全年", "力争", "确保", "其中")


@dataclass(frozen=True)
class Hero:
    """One big figure: ``before`` (a comparison word), the figure, and its label.

    ``role``: ``actual`` (a result), ``target`` (a goal) or ``count`` (measures counted)."""

    figure: Figure
    label: str
    before: str = ""
    role: str = "actual"
    source: str = ""  # the sentence it comes from
    target: Figure | None = None  # a KPI's target this year, shown beside it

    @property
    def text(self) -> str:
        return f"{self.before}{self.figure}"

    @property
    def label_phrases(self) -> tuple[str, ...]:
        return phrases(self.label)


def indicator_hero(indicator: Indicator, role: str = "actual") -> Hero:
    """A KPI or target as a hero: its figure, labelled with label and verb."""
    assert indicator.figure is not None
    return Hero(indicator.figure, f"{indicator.label}{indicator.verb}", role=role, source=plain_text(indicator.text))


def _tier(figure: Figure) -> int:
    if figure.unit in MONEY:
        return 0
    if figure.unit in SHARES:
        return 1
    return 2 if figure.unit else 3


def _weight(figure: Figure) -> float:
    return figure.value * MONEY.get(figure.unit, 1)


def figures_in(text: str) -> list[Hero]:
    """Every figure with a unit in ``text``, labelled with the words before it."""
    found: list[Hero] = []
    parts = segments(text)
    plain = ""
    for index, segment in enumerate(parts):
        figure = segment.figure
        if segment.kind == "figure" and figure is not None and figure.unit and not _trivial(figure):
            after = "".join(part.text for part in parts[index + 1:])
            label, before = _label(plain, after)
            if label:
                found.append(Hero(figure, label, before, source=plain_text(text)))
        plain += segment.text
    return found


def _trivial(figure: Figure) -> bool:
    """``1家``, ``1个``: a count of one leads nothing."""
    return _tier(figure) >= 2 and figure.value <= 1


VERB_ONLY = 4
"""A clause before a figure this short is a verb (``建立10个海外调解站``): the label takes the words after it too."""


def _label(text_before: str, text_after: str = "") -> tuple[str, str]:
    """(label, comparison word) from the text around a figure: its clause, lead words dropped."""
    clause = _BREAK.split(text_before)[-1]
    following = _BREAK.split(text_after)[0]
    if len(clause) <= VERB_ONLY and following and not following[0].isdigit():
        clause += following
    before = next((word for word in COMPARISONS if clause.endswith(word)), "")
    clause = clause[: len(clause) - len(before)]
    for word in _LEAD_WORDS:
        if clause.startswith(word) and len(clause) > len(word) + 1:
            clause = clause[len(word):]
    clause = clause.rstrip("的为是在和与及")
    if len(clause) > LABEL_MAX:  # keep the words nearest the figure, whole
        kept = ""
        for phrase in reversed(phrases(clause)):
            if len(kept) + len(phrase) > LABEL_MAX:
                break
            kept = phrase + kept
        clause = kept
    return clause, before


def text_heroes(texts: list[str], limit: int = MAX_HEROES) -> list[Hero]:
    """Up to ``limit`` heroes from ``texts``: one per sentence, kinds in turn (see the module doc)."""
    ranked: dict[int, list[tuple[float, int, Hero]]] = {}
    for position, text in enumerate(texts):
        for hero in figures_in(text):
            tier = _tier(hero.figure)
            weight = 0.0 if tier == 1 else -_weight(hero.figure)
            ranked.setdefault(tier, []).append((weight, position, hero))
    queues = [sorted(ranked[tier], key=lambda entry: (entry[0], entry[1])) for tier in sorted(ranked)]
    chosen: list[Hero] = []
    used: set[int] = set()
    while len(chosen) < limit and any(queues):
        for queue in queues:
            while queue and queue[0][1] in used:
                queue.pop(0)
            if queue and len(chosen) < limit:
                _, position, hero = queue.pop(0)
                chosen.append(hero)
                used.add(position)
    return chosen


def key_figure(texts: list[str]) -> Hero | None:
    """The figure a group of facts is known by (its first-ranked hero)."""
    heroes = text_heroes(texts, 1)
    return heroes[0] if heroes else None


def count_hero(count: int, label: str) -> Hero:
    """The number of measures listed under ``label`` (a card whose text has no figure)."""
    return Hero(Figure(float(count), "项", digits=str(count)), label, role="count",
                source=f"{label}：{chinese_numeral(count)}项举措")
