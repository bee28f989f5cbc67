"""Card plan: Report → the cards of a set, before fitting, in the card grammar.

Every content card has a **hero** — the one to three figures that matter most
on it, set large with their labels (:mod:`.heroes`) — and at most
:data:`MAX_ITEMS` list items below it.  The full set is:

* a cover (place, 数读, topic, headline, one hero number);
* the review: KPI cards (three KPIs each, the rankings and pledges as list
  items), one card per review group (its facts, its key figures as heroes), the
  review's shares, completion rates and the data's series drawn as charts;
* the targets (three as heroes, the rest listed) and, when KPIs pair with
  targets, the comparison chart with the first pair as heroes;
* every chapter on as many cards as its items need at six a card, balanced;
* a closing card (source, credits; where the full content is).

A platform that takes fewer images per post than the full set has
(``Preset.max_images``) gets a **condensed** set, the first of these that fits:
each chapter abridged to one card of its key items (those with figures first),
marked 节选 with where the rest is; then also the review groups on one digest
card of their key figures, the KPIs on one card and no separate chart card;
then also several chapters per card.  The review's figures — KPIs, rankings,
pledges, each group's key figure — and the targets are on every set.
:func:`omissions` says what a condensed set left out (for the manifest).

Each card's list items are :class:`Block` s, which never split.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from ..charts import Rank, alt_text, fact_charts, series
from ..model import Chapter, Report, plain_text
from ..template import figure_width_em
from .heroes import Hero, count_hero, indicator_hero, key_figure, text_heroes
from .phrases import phrases

MAX_ITEMS = 6
"""List items on one card."""

FULL_TEXT = "全文见数读读本"

STACKED = ("kpis", "targets")
"""Cards whose heroes are the point: with two list items or fewer, figures one above the other, large."""

HERO_COLUMN_EM = {2: 3.9, 3: 2.9}
"""Widest hero figure (in its own em) that fits its column when two or three stand side by side."""
"""Where the rest of an abridged card is (the booklet)."""


@dataclass(frozen=True)
class Block:
    """One list unit of a card: ``kind`` picks the template macro, ``text`` names it."""

    kind: str  # item | highlight | fact | target-line | chart
    text: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def listed(self) -> bool:
        """Is it a list item (at most :data:`MAX_ITEMS` a card)?"""
        return self.kind != "chart"

    @property
    def section_phrases(self) -> tuple[str, ...]:
        return phrases(str(self.data.get("section", "")))


@dataclass(frozen=True)
class Card:
    """One card: a header (tag, title, deck), its heroes and blocks, at ``font_px`` body size
    under a header band ``head_px`` tall (0: as tall as its text; fitting sets one per set)
    and over a hero panel ``hero_px`` tall (fitting gives it what the page leaves)."""

    kind: str  # cover | kpis | group | groups | facts | targets | chart | chapter | closing
    tag: str
    title: str
    deck: str = ""
    number: int | None = None
    blocks: tuple[Block, ...] = ()
    heroes: tuple[Hero, ...] = ()
    font_px: float = 0
    head_px: float = 0
    hero_px: float = 0  # the hero panel's height on its page (0: as its figures need)
    continued: bool = False  # a follow-up card （续）
    continues: bool = False  # its content goes on on the next card
    of_items: int = 0  # an abridged card (节选): the items its own were chosen from
    note: str = ""  # the closing card of a condensed set: where the rest is

    @property
    def label(self) -> str:
        return f"{self.tag} {self.title}".strip() + ("（续）" if self.continued else "")

    @property
    def draws_pairs(self) -> bool:
        """Does it hold the chart drawn from the report's KPIs and targets?  (A fact chart is
        drawn from its own block's data.)"""
        return any(block.kind == "chart" and "chart" not in block.data for block in self.blocks)

    @property
    def abridged(self) -> str:
        """``节选6/28项 · 全文见数读读本`` on an abridged card; where the rest is, on a condensed set's closing card."""
        return f"节选{self.items}/{self.of_items}项 · {FULL_TEXT}" if self.of_items else self.note

    @property
    def title_phrases(self) -> tuple[str, ...]:
        return phrases(self.title)

    @property
    def deck_phrases(self) -> tuple[str, ...]:
        return phrases(self.deck)

    @property
    def items(self) -> int:
        return sum(block.listed for block in self.blocks)

    @property
    def content(self) -> bool:
        """A content card (not the cover or the closing card)."""
        return self.kind not in ("cover", "closing")

    @property
    def hero_rows(self) -> bool:
        """Heroes one above the other (a figure too wide for its column beside the others)."""
        if len(self.heroes) < 2:
            return False
        if self.kind in STACKED and self.items <= 2:
            return True
        widest = max(figure_width_em(hero.figure) + 0.35 * len(hero.before) for hero in self.heroes)
        return widest > HERO_COLUMN_EM[len(self.heroes)]

    def with_blocks(self, blocks: tuple[Block, ...], **changes: Any) -> "Card":
        return replace(self, blocks=blocks, **changes)


# ---------------------------------------------------------------- the review


def kpi_cards(report: Report, per_card: int = 3) -> list[Card]:
    """Three KPIs a card as heroes; the rankings and pledges listed on the last."""
    review = report.review
    if review is None:
        return []
    heroes = [_kpi_hero(report, kpi) for kpi in review.kpis]
    groups = [heroes[i : i + per_card] for i in range(0, len(heroes), per_card)]
    cards = [Card("kpis", "回顾", review.title, heroes=tuple(group)) for group in groups]
    highlights = tuple(Block("highlight", plain_text(text), {"text": text}) for text in review.rankings + review.pledges)
    cards[-1] = replace(cards[-1], blocks=highlights[:MAX_ITEMS])
    for extra in _chunks(list(highlights[MAX_ITEMS:]), MAX_ITEMS):  # more than six: a card of their own
        cards.append(Card("kpis", "回顾", review.title, blocks=tuple(extra),
                          heroes=tuple(_highlight_heroes(extra)) or cards[-1].heroes[:1]))
    return cards


def _kpi_hero(report: Report, kpi) -> Hero:
    hero = indicator_hero(kpi)
    target = report.target_for(kpi)
    return replace(hero, target=target.figure) if target is not None and target.figure is not None else hero


def _highlight_heroes(blocks: list[Block]) -> list[Hero]:
    return text_heroes([block.data["text"] for block in blocks])


def one_kpi_card(report: Report) -> list[Card]:
    """The condensed review: three KPIs as heroes, the others, rankings and pledges listed."""
    review = report.review
    if review is None:
        return []
    heroes = [_kpi_hero(report, kpi) for kpi in review.kpis[:3]]
    lines = [Block("highlight", plain_text(kpi.text), {"text": _kpi_line(report, kpi)}) for kpi in review.kpis[3:]]
    lines += [Block("highlight", plain_text(text), {"text": text}) for text in review.rankings + review.pledges]
    return [Card("kpis", "回顾", review.title, heroes=tuple(heroes), blocks=tuple(chunk))
            for chunk in _chunks(lines, MAX_ITEMS) or [[]]]


def _kpi_line(report: Report, kpi) -> str:
    target = report.target_for(kpi)
    line = f"{kpi.label}{kpi.verb}**{kpi.figure}**"
    return line + (f"（今年目标{target.figure}）" if target is not None and target.figure is not None else "")


def group_cards(report: Report) -> list[Card]:
    """One card per review group: its key figures as heroes, its facts listed."""
    cards = []
    for number, group in enumerate(report.groups, start=1):
        facts = [Block("fact", plain_text(fact), {"text": fact}) for fact in group.facts]
        for part, chunk in enumerate(_chunks(facts, MAX_ITEMS)):
            texts = [block.data["text"] for block in chunk]
            heroes = text_heroes(texts) or [count_hero(len(chunk), group.title)]
            cards.append(Card("group", "成绩", group.title, group.deck, number, tuple(chunk), tuple(heroes),
                              continued=part > 0, continues=(part + 1) * MAX_ITEMS < len(facts)))
    return cards


def digest_cards(report: Report) -> list[Card]:
    """The condensed review groups: one line a group — its title and its key figure with the
    figure's own words — the three first key figures as heroes."""
    lines, heroes = [], []
    for group in report.groups:
        hero = key_figure(group.facts)
        text = f"{group.title}：{hero.label}{hero.before}**{hero.figure}**" if hero else f"{group.title}：{group.facts[0]}"
        lines.append(Block("fact", plain_text(text), {"text": text, "hero": hero}))
        if hero is not None:
            heroes.append(hero)
    title = f"{report.review.title}·亮点" if report.review else "亮点"
    return [Card("groups", "成绩", title, blocks=tuple(chunk),
                 heroes=tuple(b.data["hero"] for b in chunk if b.data["hero"])[:3] or tuple(heroes[:1]))
            for chunk in _chunks(lines, MAX_ITEMS)]


FACT_CHARTS_PER_CARD = 3


def fact_cards(report: Report) -> list[Card]:
    """The review's shares and completion rates and the data's series as charts (ranks stay
    lines of the KPI card), three a card, their figures as the card's heroes."""
    if report.review is None:
        return []
    charts = [chart for chart in fact_charts(report) if not isinstance(chart, Rank)] + list(series(report))
    cards = []
    for chunk in _chunks(charts, FACT_CHARTS_PER_CARD):
        texts = [alt_text(chart) for chart in chunk]
        blocks = tuple(Block("chart", text, {"chart": chart}) for text, chart in zip(texts, chunk))
        heroes = text_heroes(texts) or [count_hero(len(chunk), "图表")]
        cards.append(Card("facts", "数据", f"{report.review.title}·图解", blocks=blocks, heroes=tuple(heroes)))
    return cards


# ---------------------------------------------------------------- targets and chart


def target_cards(report: Report, with_chart: bool) -> list[Card]:
    """Three targets as heroes, the others listed; the chart card when KPIs pair with targets."""
    targets = report.targets
    if targets is None:
        return []
    figured = [t for t in targets.items if t.figure is not None]
    heroes = [indicator_hero(t, "target") for t in figured[:3]]
    rest = [Block("target-line", plain_text(t.text), {"indicator": t}) for t in figured[3:]]
    rest += [Block("target-line", plain_text(t.text), {"indicator": t}) for t in targets.items if t.figure is None]
    chunks = _chunks(rest, MAX_ITEMS) or [[]]
    cards = [Card("targets", "展望", targets.title, targets.intro if n == 0 else "", blocks=tuple(chunk),
                  heroes=tuple(heroes) if n == 0 else tuple(indicator_hero(b.data["indicator"], "target")
                                                          for b in chunk if b.data["indicator"].figure)[:3],
                  continued=n > 0, continues=n < len(chunks) - 1)
             for n, chunk in enumerate(chunks)]
    cards = [card for card in cards if card.heroes or card.blocks]
    if with_chart and report.review:
        pair = next(((kpi, report.target_for(kpi)) for kpi in report.review.kpis
                     if report.target_for(kpi) is not None and report.target_for(kpi).figure is not None), None)
        if pair is not None:
            year = report.meta.year
            heroes = (replace(indicator_hero(pair[1], "target"), label=f"{year}年{pair[0].label}目标"),)
            cards.append(Card("chart", "对比", f"{year - 1}年完成 vs {year}年目标", heroes=heroes,
                              blocks=(Block("chart", "图表：去年完成与今年目标", {}),)))
    return cards


# ---------------------------------------------------------------- chapters


def chapter_blocks(chapter: Chapter) -> list[Block]:
    """Every item of a chapter, each carrying its ● section title and its number in the section."""
    blocks = []
    for section in chapter.sections:
        for index, item in enumerate(section.items, start=1):
            blocks.append(Block("item", plain_text(item), {"text": item, "section": section.title, "index": index}))
        if not section.items:
            blocks.append(Block("item", section.title, {"text": "", "section": section.title, "index": 0}))
    return blocks


def chapter_card(chapter: Chapter, blocks: list[Block], **changes: Any) -> Card:
    """A chapter card: its heroes from its own items (or the count of its measures)."""
    texts = [block.data["text"] for block in blocks if block.data.get("text")]
    heroes = text_heroes(texts) or [_count_of_largest_section(blocks)]
    card = Card("chapter", f"{chapter.number:02d}", chapter.headline, chapter.deck, chapter.number,
                tuple(blocks), tuple(heroes))
    return replace(card, **changes)


def _count_of_largest_section(blocks: list[Block]) -> Hero:
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.data["section"]] = counts.get(block.data["section"], 0) + 1
    section = max(counts, key=lambda name: counts[name])  # the first of the largest
    return count_hero(counts[section], section)


def chapter_cards(chapter: Chapter) -> list[Card]:
    """A chapter on as many cards as its items need, at most six a card, balanced."""
    chunks = _chunks(chapter_blocks(chapter), MAX_ITEMS)
    return [chapter_card(chapter, chunk, continued=n > 0, continues=n < len(chunks) - 1)
            for n, chunk in enumerate(chunks)]


def abridged_chapter(chapter: Chapter) -> Card:
    """A chapter on one card: its key items (with figures first, in order), marked 节选."""
    blocks = chapter_blocks(chapter)
    if len(blocks) <= MAX_ITEMS:
        return chapter_card(chapter, blocks)
    chosen = _key_blocks(blocks, MAX_ITEMS)
    return chapter_card(chapter, _renumbered(chosen), of_items=len(blocks))


def merged_chapters(chapters: list[Chapter]) -> Card:
    """Several chapters on one card, each by its key items (the headline as the section), marked 节选."""
    share = max(1, MAX_ITEMS // len(chapters))
    blocks, total = [], 0
    for chapter in chapters:
        own = chapter_blocks(chapter)
        total += len(own)
        for block in _key_blocks(own, share):
            blocks.append(replace(block, data={**block.data, "section": f"{chapter.number:02d} {chapter.headline}"}))
    first, last = chapters[0], chapters[-1]
    title = f"重点任务{first.number:02d}–{last.number:02d}" if len(chapters) > 1 else first.headline
    card = chapter_card(first, _renumbered(blocks), title=title, deck="", tag=f"{first.number:02d}")
    return replace(card, of_items=total if len(blocks) < total else 0)


def _key_blocks(blocks: list[Block], limit: int) -> list[Block]:
    """Up to ``limit`` blocks, those whose text has a figure first, kept in order."""
    figured = [i for i, block in enumerate(blocks) if text_heroes([block.data.get("text", "")], 1)]
    rest = [i for i in range(len(blocks)) if i not in figured]
    keep = sorted((figured + rest)[:limit])
    return [blocks[i] for i in keep]


def _renumbered(blocks: list[Block]) -> list[Block]:
    """Items numbered 1, 2, … within each section again (an abridged list has no gaps)."""
    counts: dict[str, int] = {}
    out = []
    for block in blocks:
        section = block.data["section"]
        counts[section] = counts.get(section, 0) + 1
        out.append(replace(block, data={**block.data, "index": counts[section], "first": counts[section] == 1}))
    return out


def with_own_heroes(card: Card) -> Card:
    """A piece of a split card, led by the figures of its own list (the card's first hero when it has none)."""
    texts = [block.data.get("text", "") for block in card.blocks if block.kind in ("item", "fact", "highlight")]
    heroes = text_heroes([text for text in texts if text])
    return replace(card, heroes=tuple(heroes) or card.heroes[:1])


def abridge_further(card: Card) -> Card:
    """An abridged card with one key item fewer, taken from the section that shows the most
    (each section keeps its items as long as another has more): its last item without a
    figure, else its last."""
    blocks = list(card.blocks)
    counts = Counter(block.data.get("section") for block in blocks)
    fullest = max(counts.values())
    section = [name for name in counts if counts[name] == fullest][-1]
    mine = [i for i, block in enumerate(blocks) if block.data.get("section") == section]
    plain = [i for i in mine if not text_heroes([blocks[i].data.get("text", "")], 1)]
    del blocks[plain[-1] if plain else mine[-1]]
    return card.with_blocks(tuple(_renumbered(blocks)))


# ---------------------------------------------------------------- sets


def _chunks(blocks: list, size: int) -> list[list]:
    """``blocks`` in as few runs of at most ``size`` as hold them, balanced (the first ones fuller)."""
    if not blocks:
        return []
    count = math.ceil(len(blocks) / size)
    base, extra = divmod(len(blocks), count)
    out, start = [], 0
    for n in range(count):
        end = start + base + (1 if n < extra else 0)
        out.append(blocks[start:end])
        start = end
    return out


def cover_card(report: Report) -> Card:
    meta = report.meta
    hero = indicator_hero(report.review.kpis[0]) if report.review else None
    if hero is None and report.targets:
        hero = next((indicator_hero(t, "target") for t in report.targets.items if t.figure is not None), None)
    if hero is not None and report.review:
        hero = replace(hero, label=f"{meta.year - 1}年{hero.label}")
    return Card("cover", "数读", meta.title, cover_topic(report), heroes=(hero,) if hero else ())


def cover_topic(report: Report) -> str:
    """What the feature reads: the kicker without 数读 and the place (shown on their own)."""
    meta = report.meta
    topic = meta.kicker.replace("数读", "", 1).replace(meta.place, "", 1).strip(" ：:·")
    return topic or meta.kicker


def closing_card(report: Report, condensed: bool) -> Card:
    meta = report.meta
    return Card("closing", "出品", meta.publisher, meta.kicker, note=FULL_TEXT if condensed else "")


def full_plan(report: Report, with_chart: bool = True) -> list[Card]:
    cards = [cover_card(report), *kpi_cards(report), *group_cards(report), *fact_cards(report),
             *target_cards(report, with_chart)]
    for chapter in report.chapters:
        cards += chapter_cards(chapter)
    return [*cards, closing_card(report, condensed=False)]


def condensed_plans(report: Report, with_chart: bool, limit: int) -> list[list[Card]]:
    """The condensed sets, from the fullest to the tightest (see the module doc)."""
    review = [*kpi_cards(report), *group_cards(report), *fact_cards(report)]
    targets = target_cards(report, with_chart)
    tight_review = [*one_kpi_card(report), *digest_cards(report)]
    tight_targets = [card for card in target_cards(report, False)]
    chapters = [abridged_chapter(chapter) for chapter in report.chapters]
    plans = [
        [cover_card(report), *review, *targets, *chapters],
        [cover_card(report), *tight_review, *tight_targets, *chapters],
    ]
    fixed = 2 + len(tight_review) + len(tight_targets)
    slots = max(1, limit - fixed)
    if report.chapters and slots < len(report.chapters):
        groups = _chunks(list(report.chapters), math.ceil(len(report.chapters) / slots))
        plans.append([cover_card(report), *tight_review, *tight_targets, *(merged_chapters(g) for g in groups)])
    return [[*plan, closing_card(report, condensed=True)] for plan in plans]


def candidate_plans(report: Report, with_chart: bool = True, limit: int | None = None) -> list[list[Card]]:
    """The sets to try, in order: the full set, then (with a ``limit``) the condensed sets,
    each only when it plans within the limit (fitting may add cards, never remove them);
    the tightest is always tried last."""
    full = full_plan(report, with_chart)
    if limit is None:
        return [full]
    plans = [full, *condensed_plans(report, with_chart, limit)]
    return [plan for plan in plans[:-1] if len(plan) <= limit] + plans[-1:]


def cover_only(report: Report) -> list[Card]:
    """A single title card (WeChat article cover)."""
    return [cover_card(report)]


def omissions(report: Report, cards: list[Card]) -> list[dict[str, Any]]:
    """What a set leaves out of the report's chapters and review groups, for the manifest:
    ``{"part": …, "shown": n, "of": m}`` per chapter section and group with items not on a card."""
    shown = {(block.data.get("section"), block.text) for card in cards for block in card.blocks}
    shown_texts = {text for _, text in shown}
    out = []
    for chapter in report.chapters:
        for section in chapter.sections:
            on = sum(plain_text(item) in shown_texts for item in section.items)
            if on < len(section.items):
                out.append({"part": f"{chapter.number:02d} {chapter.headline} · {section.title}",
                            "shown": on, "of": len(section.items)})
    for group in report.groups:
        on = sum(plain_text(fact) in shown_texts for fact in group.facts)
        if on < len(group.facts):
            out.append({"part": f"{group.title}", "shown": on, "of": len(group.facts)})
    return out
