"""Card plan: Report → the cards of a set, before fitting.

A set is: a cover card, KPI cards, a targets card with the chart, one card per
chapter (split later when it overflows), and a closing card with source and
credits.  Each card has a header (its fixed content) and a list of
:class:`Block` s — the units that may move to a continuation card.  Blocks
never split: an item, a KPI or the chart is either wholly on a card or wholly
on the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..charts import Rank, alt_text, fact_charts, series
from ..model import Report, plain_text


@dataclass(frozen=True)
class Block:
    """One movable unit of a card: ``kind`` picks the template macro, ``text`` names it."""

    kind: str  # kpi | highlight | chart | targets | target-line | item
    text: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Card:
    """One card: a header (tag, title, deck) and its blocks, at ``font_px`` body size."""

    kind: str  # cover | kpis | targets | chapter | closing
    tag: str
    title: str
    deck: str = ""
    number: int | None = None
    blocks: tuple[Block, ...] = ()
    font_px: float = 0
    continued: bool = False  # a follow-up card （续）
    continues: bool = False  # its content goes on on the next card
    searched: bool = False  # fitted by the exact search (not from the measurement; see social.cards)

    @property
    def label(self) -> str:
        return f"{self.tag} {self.title}".strip() + ("（续）" if self.continued else "")

    def with_blocks(self, blocks: tuple[Block, ...], **changes: Any) -> "Card":
        return replace(self, blocks=blocks, **changes)


def kpi_blocks(report: Report) -> list[Block]:
    review = report.review
    if review is None:
        return []
    blocks = [
        Block("kpi", plain_text(kpi.text), {"indicator": kpi, "target": report.target_for(kpi)})
        for kpi in review.kpis
    ]
    blocks += [Block("highlight", plain_text(t), {"text": t}) for t in review.rankings + review.pledges]
    return blocks + fact_blocks(report)


def fact_blocks(report: Report) -> list[Block]:
    """Shares and completion rates (ranks are drawn in their highlight) and the data's series, as charts."""
    charts = [c for c in fact_charts(report) if not isinstance(c, Rank)] + list(series(report))
    return [Block("chart", alt_text(chart), {"chart": chart}) for chart in charts]


def _chunks(blocks: list[Block], size: int) -> list[list[Block]]:
    """KPI blocks in groups of ``size``; highlights stay with the last group."""
    kpis = [b for b in blocks if b.kind == "kpi"]
    rest = [b for b in blocks if b.kind != "kpi"]
    groups = [kpis[i : i + size] for i in range(0, len(kpis), size)] or [[]]
    groups[-1] = groups[-1] + rest
    return groups


def target_blocks(report: Report, with_chart: bool) -> list[Block]:
    targets = report.targets
    if targets is None:
        return []
    blocks = [Block("chart", "图表：去年完成与今年目标", {})] if with_chart else []
    figures = [t for t in targets.items if t.figure is not None]
    if figures:
        blocks.append(Block("targets", "；".join(plain_text(t.text) for t in figures), {"items": figures}))
    blocks += [Block("target-line", plain_text(t.text), {"indicator": t}) for t in targets.items if t.figure is None]
    return blocks


def chapter_blocks(report: Report, number: int) -> list[Block]:
    """Every item of a chapter, each carrying its ● section title and its number in the section."""
    chapter = report.chapters[number - 1]
    blocks = []
    for section in chapter.sections:
        for index, item in enumerate(section.items, start=1):
            blocks.append(Block("item", plain_text(item), {"text": item, "section": section.title, "index": index}))
        if not section.items:
            blocks.append(Block("item", section.title, {"text": "", "section": section.title, "index": 0}))
    return blocks


def plan_cards(report: Report, base_px: float, kpis_per_card: int = 3, with_chart: bool = True) -> list[Card]:
    """The planned set, every card at the base body size; fitting may shrink and split."""
    meta = report.meta
    cards = [Card("cover", "数读", meta.title, meta.kicker, font_px=base_px)]
    if report.review:
        for group in _chunks(kpi_blocks(report), kpis_per_card):
            cards.append(Card("kpis", "回顾", report.review.title, blocks=tuple(group), font_px=base_px))
    if report.targets:
        cards.append(Card("targets", "展望", report.targets.title, report.targets.intro,
                          blocks=tuple(target_blocks(report, with_chart)), font_px=base_px))
    for chapter in report.chapters:
        cards.append(Card("chapter", f"{chapter.number:02d}", chapter.headline, chapter.deck, chapter.number,
                          tuple(chapter_blocks(report, chapter.number)), base_px))
    cards.append(Card("closing", "出品", meta.publisher, meta.kicker, font_px=base_px))
    return cards


def cover_only(report: Report, base_px: float) -> list[Card]:
    """A single title card (WeChat article cover)."""
    return plan_cards(report, base_px)[:1]
