"""What the social layouts show: Report → condensed content and Chinese alt text.

The long poster condenses each chapter to its ● subsections with their *key
items* (items that carry a figure; a section without any shows its first
item).  The same selection feeds the template and the alt text, so the alt
text states exactly the numbers the image shows.

Alt text (WCAG 1.1.1) is plain Chinese: what the image is, then its content
with every figure, qualifiers included (``7.5%以上``), ending with the source
and credit line.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..charts import alt_text, fact_charts, series
from ..model import Chapter, Indicator, Report, plain_text, segments
from ..template import chinese_numeral

DEFAULT_KEY_ITEMS = 2


@dataclass(frozen=True)
class CondensedSection:
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class CondensedChapter:
    number: int
    headline: str
    deck: str
    sections: tuple[CondensedSection, ...]


def has_figure(text: str) -> bool:
    return any(segment.kind == "figure" for segment in segments(text))


def key_items(items: list[str], limit: int = DEFAULT_KEY_ITEMS) -> tuple[str, ...]:
    """Up to ``limit`` items that carry a figure, in order; else the first item."""
    with_figures = [item for item in items if has_figure(item)]
    chosen = with_figures[:limit] if with_figures else items[:1]
    return tuple(chosen)


def condense(chapter: Chapter, limit: int = DEFAULT_KEY_ITEMS) -> CondensedChapter:
    sections = tuple(CondensedSection(s.title, key_items(s.items, limit)) for s in chapter.sections)
    return CondensedChapter(chapter.number, chapter.headline, chapter.deck, sections)


def credit_line(report: Report, maker: str = "") -> str:
    """``来源：… 文：… 制图：…``; the 制图 credit defaults to the publisher."""
    meta = report.meta
    parts = [f"来源：{meta.source}"]
    roles = [credit.role for credit in meta.credits]
    parts += [f"{credit.role}：{credit.name}" for credit in meta.credits]
    if "制图" not in roles:
        parts.append(f"制图：{maker or meta.publisher}")
    return "　".join(parts)


# ---------------------------------------------------------------- alt text


def _sentence(parts: list[str]) -> str:
    text = "；".join(p.rstrip("。；") for p in parts if p)
    return f"{text}。" if text else ""


def indicator_alt(indicator: Indicator) -> str:
    return plain_text(indicator.text)


def masthead_alt(report: Report) -> str:
    meta = report.meta
    lead = plain_text(report.lead[0]) if report.lead else ""
    return f"标题：{meta.title}（{meta.kicker}，{meta.publisher}）。{lead}"


def review_alt(report: Report) -> str:
    review = report.review
    if review is None:
        return ""
    kpis = _sentence([indicator_alt(k) for k in review.kpis])
    extra = _sentence([plain_text(t) for t in review.rankings + review.pledges])
    return f"{review.title}，主要指标：{kpis}{extra}"


def chart_alt(report: Report) -> str:
    if report.review is None or report.targets is None:
        return ""
    year = report.meta.year
    pairs = []
    for kpi in report.review.kpis:
        target = report.target_for(kpi)
        if target is not None and kpi.figure is not None and target.figure is not None:
            pairs.append(f"{kpi.label}{year - 1}年{kpi.figure}，{year}年目标{target.figure}")
    if not pairs:
        return ""
    return f"条形图：{year - 1}年完成与{year}年目标对比。{_sentence(pairs)}"


def groups_alt(report: Report) -> list[str]:
    return [
        f"{group.title}{('，' + group.deck) if group.deck else ''}：{_sentence([plain_text(f) for f in group.facts])}"
        for group in report.groups
    ]


def targets_alt(report: Report) -> str:
    targets = report.targets
    if targets is None:
        return ""
    intro = targets.intro.rstrip("：:") or "主要预期目标"
    return f"{targets.title}，{intro}：{_sentence([indicator_alt(t) for t in targets.items])}"


def chapter_alt(chapter: CondensedChapter) -> str:
    sections = [f"{s.title}——{_sentence([plain_text(i) for i in s.items])}" for s in chapter.sections]
    return f"重点任务{chinese_numeral(chapter.number)}：{chapter.headline}。" + "".join(sections)


def poster_blocks(report: Report, limit: int = DEFAULT_KEY_ITEMS, maker: str = "") -> dict[str, str]:
    """Block id (``data-block`` in the poster template) → alt text, in reading order."""
    blocks = {"masthead": masthead_alt(report), "review": review_alt(report), "chart": chart_alt(report),
              "chart-facts": _sentence([alt_text(chart) for chart in fact_charts(report)])}
    for index, chart in enumerate(series(report), start=1):
        blocks[f"chart-series-{index}"] = f"{'折线图' if chart.kind == 'trend' else '条形图'}：{alt_text(chart)}"
    for index, text in enumerate(groups_alt(report), start=1):
        blocks[f"group-{index}"] = text
    blocks["targets"] = targets_alt(report)
    for chapter in report.chapters:
        blocks[f"chapter-{chapter.number}"] = chapter_alt(condense(chapter, limit))
    blocks["footer"] = credit_line(report, maker) + "。"
    return {key: value for key, value in blocks.items() if value}


def poster_alt(blocks: dict[str, str], segment: tuple[int, int] | None = None, names: list[str] | None = None) -> str:
    """Alt text of the whole poster, or of segment ``(k, n)`` showing the blocks ``names``."""
    chosen = [blocks[name] for name in (names if names is not None else blocks) if name in blocks]
    if segment is None:
        head = "数读长图"
    else:
        head = f"数读长图第{segment[0]}段（共{segment[1]}段）"
    return f"{head}。" + "".join(chosen)
