"""The report's structure → a short 数读 draft (:class:`~xinhui_print.model.Report`).

Every text in the draft is a run of the source's own words (cut at clause
boundaries) or built from its parts (a KPI's label, verb and figure; the lead
from the subtitle), so every figure appears verbatim in the source.  Candidates
are ranked by what they say in figures and where they stand; the limits keep
the draft short, and each choice is recorded for ``--explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import KPI, Chapter, Group, Indicator, Meta, Report, Review, Section, Targets, indicator_key
from .indicators import Found, indicators
from .read import SourceLine
from .score import Scored, commitment_score, cut, figures_in, text_score
from .structure import Structure
from .structure import Section as SourceSection
from .text import Span, clauses, sentences, strip_end, whole

MIN_FACT_SCORE = 2.4  # at least one figure with its unit, or a ranking/first/record
_RANKING = re.compile(r"第\d+[位名]|排名|排位|位居|跃居|百强|前列|唯一")
_PLEDGE = re.compile(r"民生实事|民生项目|民生工程")
_RUN_IN_NUMBER = re.compile(r"^(?:\d+[.．、]|（\d+）|[一二三四五六七八九十]+是)\s*")


@dataclass(frozen=True)
class Limits:
    kpis: int = 8
    targets: int = 12
    groups: int = 6
    chapters: int = 8
    sections: int = 6
    items: int = 6
    cut: int = 60


@dataclass
class Choice:
    """What was chosen for one part of the draft, and the candidates left out."""

    name: str
    chosen: list[Scored]
    rest: list[Scored]


@dataclass
class Draft:
    report: Report
    sources: dict[tuple, SourceLine]  # a path in the report data → its source line
    choices: list[Choice] = field(default_factory=list)


@dataclass
class _Candidate:
    scored: Scored
    span: Span
    order: int


def compose(structure: Structure, *, report_id: str, publisher: str, place: str | None = None,
            limits: Limits = Limits()) -> Draft:
    draft = Draft(report=None, sources={})  # type: ignore[arg-type]
    year = structure.year
    place = place or structure.place
    kpis, used = _kpis(structure, limits, draft)
    targets = _targets(structure, year, limits, draft)
    review = None
    if kpis:
        review = Review(title=_review_title(structure, year), kpis=kpis,
                        rankings=_picked(structure, _RANKING, "rankings", draft),
                        pledges=_picked(structure, _PLEDGE, "pledges", draft))
    said = tuple(review.rankings + review.pledges) if review else ()
    groups = _groups(structure, limits, used, said, draft)
    chapters = _chapters(structure, limits, draft)
    meta = _meta(structure, report_id, place, publisher, year)
    draft.sources[("meta",)] = structure.title_line
    lead = _lead(structure, review is not None, targets is not None, bool(chapters))
    draft.report = Report(meta=meta, lead=[lead], review=review, groups=groups, targets=targets,
                          chapters=chapters)
    return draft


# --- meta and lead ---------------------------------------------------------------------------

def _source_name(structure: Structure, place: str, year: int) -> str:
    local = "" if place == "全国" else place
    return f"{year}年{local}政府工作报告"


def _meta(structure: Structure, report_id: str, place: str, publisher: str, year: int) -> Meta:
    source = _source_name(structure, place, year)
    return Meta(
        id=report_id, title=_headline(structure) or source, kicker=f"数读{source}", place=place or "全国",
        year=year, publisher=publisher, date=structure.date, source=source,
    )


def _headline(structure: Structure) -> str:
    """The review's first two lead-ins (经济保持恢复发展 创新能力进一步增强), the report's own words."""
    for part in structure.parts_of("review"):
        lead_ins = [s.title for s in part.sections if s.kind == "lead-in"]
        if len(lead_ins) >= 2:
            return " ".join(strip_end(title.split("，")[0]) for title in lead_ins[:2])
    return ""


def _lead(structure: Structure, review: bool, targets: bool, chapters: bool) -> str:
    date = structure.date
    speaker = structure.speaker.replace(" ", "")
    where = f"在{structure.congress}上" if structure.congress else ""
    lead = f"{date.year}年{date.month}月{date.day}日，{speaker}{where}作政府工作报告。"
    said = []
    if review:
        said.append(f"回顾了{_review_year(structure)}年工作")
    if targets:
        said.append(f"提出了{date.year}年发展主要预期目标" + ("和政府工作任务" if chapters else ""))
    elif chapters:
        said.append(f"部署了{date.year}年政府工作任务")
    return lead + ("报告" + "，".join(said) + "。" if said else "")


def _review_year(structure: Structure) -> int:
    for part in structure.parts_of("review"):
        match = re.search(r"(\d{4})年", part.title)
        if match:
            return int(match.group(1))
    return structure.year - 1


def _review_title(structure: Structure, year: int) -> str:
    reviews = structure.parts_of("review")
    return reviews[0].title if reviews else f"{year - 1}年工作回顾"


# --- review: KPIs, rankings, pledges ---------------------------------------------------------

def _review_spans(structure: Structure) -> list[tuple[Span, str]]:
    """Every review sentence with where it stands: 'lead-in', 'intro' or 'section'."""
    spans: list[tuple[Span, str]] = []
    for part in structure.parts_of("review"):
        for span in part.intro:
            spans.extend((sentence, "intro") for sentence in sentences(span))
        for section in part.sections:
            where = "lead-in" if section.kind == "lead-in" else "section"
            for span in section.body:
                spans.extend((sentence, where) for sentence in sentences(span))
    return spans


def _kpi_score(found: Found, where: str, position: int) -> tuple[float, tuple[str, ...]]:
    score, reasons = 2.0, [str(found.figure)]
    if found.key_indicator:
        score += 6
        reasons.append("headline indicator")
    elif found.metric:
        score += 2
        reasons.append("indicator")
    if found.figure.unit in ("%", "个百分点", "万亿元", "亿元"):
        score += 1
    bonus = {"lead-in": 3.0, "intro": 1.5}.get(where, 0.0)
    if bonus:
        score += bonus
        reasons.append(where)
    score -= max(0, len(found.label) - 8) * 0.3 + position * 0.01
    return round(score, 2), tuple(reasons)


def _kpis(structure: Structure, limits: Limits, draft: Draft) -> tuple[list[KPI], set[tuple[int, int]]]:
    target_units = _target_units(structure)
    candidates: list[tuple[Found, Scored, int]] = []
    for position, (sentence, where) in enumerate(_review_spans(structure)):
        for found in indicators(sentence):
            if not (found.key_indicator or (found.metric and where != "section")):
                continue  # a headline indicator anywhere, another indicator only where the review sums up
            score, reasons = _kpi_score(found, where, position)
            text = KPI(label=found.label, verb=found.verb, figure=found.figure).text
            candidates.append((found, Scored(text, found.span.line, score, reasons), position))
    best: dict[str, tuple[Found, Scored, int]] = {}
    for candidate in candidates:
        key = indicator_key(candidate[0].label)
        if key not in best or _better(candidate, best[key], target_units.get(key)):
            best[key] = candidate
    ranked = sorted(best.values(), key=lambda c: -c[1].score)
    chosen = sorted(ranked[: limits.kpis], key=lambda c: c[2])
    draft.choices.append(Choice("review.kpis", [c[1] for c in chosen],
                                [c[1] for c in ranked[limits.kpis :]]))
    kpis = []
    for index, (found, scored, _) in enumerate(chosen):
        kpis.append(KPI(label=found.label, verb=found.verb, figure=found.figure))
        draft.sources[("review", "kpis", index)] = scored.line
    used = {(id(found.span.paragraph), found.span.start) for found, _, _ in chosen}
    return kpis, used


def _better(candidate, current, target_unit: str | None) -> bool:
    """Of two figures for one indicator: the one in the target's unit (so the pair compares), then the higher score."""
    if target_unit is not None:
        matches = (candidate[0].figure.unit == target_unit, current[0].figure.unit == target_unit)
        if matches[0] != matches[1]:
            return matches[0]
    return candidate[1].score > current[1].score


def _target_units(structure: Structure) -> dict[str, str]:
    units: dict[str, str] = {}
    if structure.targets:
        for item in structure.targets.items:
            for found in indicators(item):
                units.setdefault(indicator_key(found.label), found.figure.unit)
    return units


def _picked(structure: Structure, pattern: re.Pattern[str], name: str, draft: Draft, limit: int = 3) -> list[str]:
    """Rankings (第N位, 位居前列) or pledges (民生实事): the clauses that say them."""
    picked: list[str] = []
    for sentence, _ in _review_spans(structure):
        if len(picked) == limit:
            break
        pieces = clauses(sentence)
        for index, piece in enumerate(pieces):
            if pattern.search(piece.text):
                start = pieces[index - 1] if index and len(piece.text) < 12 else piece
                text = strip_end(sentence.paragraph.text[start.start : piece.end])
                if text not in picked:
                    draft.sources[("review", name, len(picked))] = start.line
                    picked.append(text)
                break
    return picked


# --- groups: the review's sections -----------------------------------------------------------

def _facts(spans: list[Span], limits: Limits, used: set[tuple[int, int]], said: tuple[str, ...],
           order: int) -> list[_Candidate]:
    candidates = []
    for position, sentence in enumerate(s for span in spans for s in sentences(span)):
        piece = cut(sentence, limits.cut)
        if piece is None:
            continue
        score, reasons = text_score(piece.text)
        if _only_kpis(piece, used) or (any(text in piece.text for text in said) and not figures_in(piece.text)):
            continue  # a KPI, a ranking or a pledge already says it
        score += 0.8 if position < 2 else 0.0  # where it stands: a section opens with its point
        scored = Scored(piece.text, piece.line, round(score, 2), reasons)
        candidates.append(_Candidate(scored, piece, order * 1000 + position))
    return candidates


def _only_kpis(piece: Span, used: set[tuple[int, int]]) -> bool:
    """A fact whose every figure-bearing clause is already a KPI adds nothing."""
    with_figures = [c for c in clauses(piece) if text_score(c.text)[0] >= MIN_FACT_SCORE]
    return bool(with_figures) and all((id(c.paragraph), c.start) in used for c in with_figures)


def _pick(candidates: list[_Candidate], limit: int, name: str, draft: Draft,
          minimum: float = MIN_FACT_SCORE) -> list[_Candidate]:
    eligible = sorted((c for c in candidates if text_score(c.scored.text)[0] >= minimum),
                      key=lambda c: (-c.scored.score, c.order))
    chosen = sorted(eligible[:limit], key=lambda c: c.order)
    rest = eligible[limit:] + [c for c in candidates if c not in eligible]
    draft.choices.append(Choice(name, [c.scored for c in chosen],
                                [c.scored for c in sorted(rest, key=lambda c: -c.scored.score)]))
    return chosen


def _group_sources(structure: Structure) -> list[tuple[str, Span, list[Span]]]:
    """(heading, heading span, body spans): the review's opening, each review section, each mixed
    part's review half."""
    sources = []
    for part in structure.parts:
        if part.kind == "review":
            if part.intro:
                sources.append((part.title, whole(part.paragraph), part.intro))
            sources.extend((s.title, s.heading, s.body) for s in part.sections)
        elif part.kind == "mixed" and part.intro:
            title = re.split(r"和", part.title, maxsplit=1)[0]
            sources.append((title, whole(part.paragraph), part.intro))
    return sources


def _groups(structure: Structure, limits: Limits, used: set[tuple[int, int]], said: tuple[str, ...],
            draft: Draft) -> list[Group]:
    built = []
    for order, (heading, heading_span, body) in enumerate(_group_sources(structure)):
        start = len(draft.choices)
        facts = _pick(_facts(body, limits, used, said, order), limits.items, f"group {strip_end(heading)}", draft)
        choice = draft.choices.pop(start)
        if facts:
            score = round(sum(c.scored.score for c in facts), 2)
            built.append((order, heading, heading_span, facts, choice, score))
    ranked = sorted(built, key=lambda g: -g[5])
    chosen = sorted(ranked[: limits.groups], key=lambda g: g[0])
    draft.choices.append(Choice("groups", [_section_scored(g[1], g[2], g[5]) for g in chosen],
                                [_section_scored(g[1], g[2], g[5]) for g in ranked[limits.groups :]]))
    groups = []
    for index, (_, heading, heading_span, facts, choice, _) in enumerate(chosen):
        title, _, deck = strip_end(heading).partition("，")
        groups.append(Group(title=title, deck=deck, facts=[c.scored.text for c in facts]))
        draft.sources[("groups", index)] = heading_span.line
        for position, fact in enumerate(facts):
            draft.sources[("groups", index, "facts", position)] = fact.scored.line
        draft.choices.append(choice)
    return groups


def _section_scored(heading: str, span: Span, score: float) -> Scored:
    return Scored(strip_end(heading), span.line, score, ())


# --- targets ---------------------------------------------------------------------------------

def _targets(structure: Structure, year: int, limits: Limits, draft: Draft) -> Targets | None:
    if structure.targets is None:
        return None
    items: list[tuple[Indicator, Span]] = []
    for item in structure.targets.items:
        items.extend(_target_indicators(item))
    if not items:
        return None
    scored = [Scored(ind.text, span.line, text_score(ind.text)[0], ()) for ind, span in items]
    order = sorted(range(len(items)), key=lambda i: (-scored[i].score, i))
    keep = sorted(order[: limits.targets])
    draft.choices.append(Choice("targets", [scored[i] for i in keep], [scored[i] for i in order[limits.targets :]]))
    for index, position in enumerate(keep):
        draft.sources[("targets", "items", index)] = items[position][1].line
    return Targets(title=f"{year}年主要预期目标", intro=structure.targets.intro,
                   items=[items[i][0] for i in keep])


def _target_indicators(item: Span) -> list[tuple[Indicator, Span]]:
    """One target item → indicators: a figure clause each, the clauses between kept as words."""
    by_clause = {found.span.start: found for found in indicators(item)}
    result: list[tuple[Indicator, Span]] = []
    words: list[Span] = []

    def flush():
        if words:
            text = strip_end(item.paragraph.text[words[0].start : words[-1].end])
            if text:
                result.append((Indicator(label=text), words[0]))
            words.clear()

    for clause in clauses(item):
        found = by_clause.get(clause.start)
        if found is None:
            words.append(clause)
            continue
        flush()
        result.append((Indicator(label=found.label, verb=found.verb, figure=found.figure), clause))
    flush()
    return result


# --- chapters: this year's tasks -------------------------------------------------------------

@dataclass
class _SubSection:
    title: str
    heading: Span
    spans: list[Span]


def _chapter_sources(structure: Structure) -> list[tuple[str, Span, list[_SubSection]]]:
    sources = []
    for part in structure.parts_of("plan", "mixed"):
        lead_ins = [s for s in part.sections if s.kind == "lead-in"]
        if lead_ins:
            title = part.title.split("和")[-1] if part.kind == "mixed" else part.title
            subsections = [_SubSection(strip_end(s.title), s.heading, s.body) for s in lead_ins]
            sources.append((title, whole(part.paragraph), subsections))
        for section in part.sections:
            if section.kind != "lead-in":
                sources.append((strip_end(section.title), section.heading, _subsections(section)))
    return sources


def _run_in(span: Span) -> Span | None:
    """A run-in heading: a short first sentence without a comma, the paragraph going on after it."""
    pieces = sentences(span)
    if len(pieces) < 2:
        return None
    first = pieces[0]
    title = _RUN_IN_NUMBER.sub("", strip_end(first.text))
    if 2 <= len(title) <= 24 and "，" not in title:
        return first
    return None


def _subsections(section: SourceSection) -> list[_SubSection]:
    subsections: list[_SubSection] = []
    for span in section.body:
        heading = _run_in(span)
        if heading is not None:
            title = _RUN_IN_NUMBER.sub("", strip_end(heading.text))
            subsections.append(_SubSection(title, heading, [span.sub(heading.end - span.start, len(span.text))]))
        elif subsections:
            subsections[-1].spans.append(span)
        else:
            subsections.append(_untitled(section, span))
    return subsections


def _untitled(section: SourceSection, span: Span) -> _SubSection:
    """Paragraphs before any run-in heading: titled by their opening clause when it is a phrase
    of its own (no figure, more to follow), else by the section's headline."""
    pieces = clauses(sentences(span)[0]) if sentences(span) else []
    if len(pieces) > 1 and not figures_in(pieces[0].text):
        return _SubSection(strip_end(pieces[0].text), pieces[0], [span])
    return _SubSection(strip_end(section.title).split("，")[0], section.heading, [span])


def _items(subsection: _SubSection, limits: Limits, order: int) -> list[_Candidate]:
    candidates = []
    for position, sentence in enumerate(s for span in subsection.spans for s in sentences(span)):
        piece = cut(sentence, limits.cut)
        if piece is None:
            continue
        score, reasons = text_score(piece.text)
        score += commitment_score(piece.text) + (0.5 if position == 0 else 0.0)
        candidates.append(_Candidate(Scored(piece.text, piece.line, round(score, 2), reasons), piece,
                                     order * 1000 + position))
    return candidates


def _chapters(structure: Structure, limits: Limits, draft: Draft) -> list[Chapter]:
    built = []
    for order, (title, heading, subsections) in enumerate(_chapter_sources(structure)):
        sections = []
        for sub_order, subsection in enumerate(subsections):
            start = len(draft.choices)
            items = _pick(_items(subsection, limits, sub_order), limits.items,
                          f"chapter {strip_end(title.split('，')[0])} / {subsection.title}", draft)
            choice = draft.choices.pop(start)
            if items:
                score = round(sum(c.scored.score for c in items), 2)
                sections.append((sub_order, subsection, items, choice, score))
        if not sections:
            continue
        ranked = sorted(sections, key=lambda s: -s[4])
        kept = sorted(ranked[: limits.sections], key=lambda s: s[0])
        score = round(sum(s[4] for s in kept), 2)
        built.append((order, title, heading, kept, score))
    ranked = sorted(built, key=lambda c: -c[4])
    chosen = sorted(ranked[: limits.chapters], key=lambda c: c[0])
    draft.choices.append(Choice("chapters", [_section_scored(c[1], c[2], c[4]) for c in chosen],
                                [_section_scored(c[1], c[2], c[4]) for c in ranked[limits.chapters :]]))
    chapters = []
    for number, (_, title, heading, kept, _) in enumerate(chosen, start=1):
        draft.sources[("chapters", number - 1)] = heading.line
        sections = []
        for index, (_, subsection, items, choice, _) in enumerate(kept):
            sections.append(Section(title=subsection.title, items=[c.scored.text for c in items]))
            draft.sources[("chapters", number - 1, "sections", index)] = subsection.heading.line
            for position, item in enumerate(items):
                draft.sources[("chapters", number - 1, "sections", index, "items", position)] = item.scored.line
            draft.choices.append(choice)
        chapters.append(Chapter(number=number, title=title, sections=sections))
    return chapters


__all__ = ["Choice", "Draft", "Limits", "compose"]
