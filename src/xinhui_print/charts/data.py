"""What a report holds to chart: paired results and targets, shares, ranks, completion rates
and the explicit series of its ``charts:`` section.

Facts are read from the text the article prints (``…，占一般公共预算支出的73%``,
``…排名第42位，较2021年上升3位``, ``…投资完成率128.8%``); a sentence that does not
match is simply not charted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Report, plain_text


@dataclass(frozen=True)
class Pair:
    """One indicator: last year's result and this year's target."""

    label: str
    result: float
    result_text: str
    target: float
    target_text: str


@dataclass(frozen=True)
class Share:
    """``part`` is ``value`` % of ``whole`` (a donut)."""

    part: str
    whole: str
    value: float
    text: str


@dataclass(frozen=True)
class Rank:
    """Place ``rank`` on ``board``; ``change`` places up (+) or down (−) since ``since``."""

    board: str
    rank: int
    change: int | None
    since: str


@dataclass(frozen=True)
class Progress:
    """``value`` of ``target`` reached (a completion rate: target 100 %)."""

    label: str
    value: float
    target: float
    value_text: str
    target_text: str
    unit: str


@dataclass(frozen=True)
class Series:
    """An explicit series from the data: a trend line or bars."""

    kind: str  # trend | bars
    title: str
    unit: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    note: str


def paired_figures(report: Report) -> tuple[Pair, ...]:
    """Last year's KPI and this year's target with the same indicator, where both are in %."""
    if report.review is None or report.targets is None:
        return ()
    pairs = []
    for kpi in report.review.kpis:
        target = report.target_for(kpi)
        if kpi.figure is None or target is None or target.figure is None:
            continue
        if kpi.figure.unit != "%" or target.figure.unit != "%":
            continue  # the chart is drawn in %: 1269万人 vs 1100万人 is not a bar beside 8.1%
        pairs.append(Pair(short_label(kpi.label), *_signed(kpi.verb, kpi.figure), *_signed(target.verb, target.figure)))
    return tuple(pairs)


_FALLING = ("下降", "减少", "回落", "下滑")


def _signed(verb: str, figure) -> tuple[float, str]:
    """A figure as a bar: ``下降2%`` is −2 (drawn left of the axis) and keeps its verb in the label."""
    if any(word in verb for word in _FALLING):
        return -figure.value, f"{verb}{figure}"
    return figure.value, str(figure)


def short_label(label: str) -> str:
    return label.replace("规模以上", "规上").replace("地方一般公共预算收入", "一般公共预算收入")


_CLAUSE = r"[^，。；、,;]"
_SHARE = re.compile(rf"(?:(?P<part>{_CLAUSE}+)[，,])?占(?P<whole>{_CLAUSE}+?)的?(?:比重|比例)?(?:为|达)?"
                    r"(?P<value>\d+(?:\.\d+)?)%")
_RANK = re.compile(rf"(?P<board>{_CLAUSE}+?)(?:排名|排|位列|居)?第(?P<rank>\d+)(?:位|名)"
                   rf"(?:[，,]?较(?P<since>{_CLAUSE}+?)(?P<way>上升|提升|前进|提高|下降|后退|下滑)(?P<change>\d+)(?:位|名))?")
_RATE = re.compile(rf"(?:(?P<context>{_CLAUSE}+)[，,])?(?P<name>{_CLAUSE}*?完成率)(?:为|达)?(?P<value>\d+(?:\.\d+)?)%")
_TRAILING_FIGURE = re.compile(r"\d+(?:\.\d+)?\S*$")


def shares(report: Report) -> tuple[Share, ...]:
    """``…，占X的73%`` in the review and the themed groups."""
    found = []
    for text in _fact_texts(report):
        for match in _SHARE.finditer(text):
            value = float(match["value"])
            if 0 < value <= 100:
                part = _TRAILING_FIGURE.sub("", match["part"] or "").strip()
                found.append(Share(part, match["whole"], value, f"{match['value']}%"))
    return tuple(found)


def ranks(report: Report) -> tuple[Rank, ...]:
    """``…排名第42位，较2021年上升3位`` among the review's rankings."""
    found = (rank_in(text) for text in (report.review.rankings if report.review else []))
    return tuple(rank for rank in found if rank)


def rank_in(text: str) -> Rank | None:
    """The rank a sentence states, if it states one."""
    match = _RANK.search(plain_text(text))
    if not match or int(match["rank"]) == 0:
        return None
    change = None
    if match["change"]:
        change = int(match["change"]) * (-1 if match["way"] in ("下降", "后退", "下滑") else 1)
    return Rank(match["board"], int(match["rank"]), change, match["since"] or "")


def completion_rates(report: Report) -> tuple[Progress, ...]:
    """``…投资完成率128.8%`` in the review and the themed groups: progress toward 100 %."""
    found = []
    for text in _fact_texts(report):
        for match in _RATE.finditer(text):
            context = match["context"] or ""
            label = f"{context}，{match['name']}" if context else match["name"]
            found.append(Progress(label, float(match["value"]), 100.0, f"{match['value']}%", "100%", "%"))
    return tuple(found)


def series(report: Report) -> tuple[Series, ...]:
    """The explicit trend lines and bar series of the data's ``charts:`` section."""
    return tuple(Series(c.kind, c.title, c.unit, tuple(c.point_labels), tuple(float(v) for v in c.values), c.note)
                 for c in report.charts if c.kind in ("trend", "bars"))


def explicit_shares(report: Report) -> tuple[Share, ...]:
    return tuple(Share(c.title, c.whole, float(c.values[0]), f"{_number(c.values[0])}%")
                 for c in report.charts if c.kind == "share")


def explicit_progress(report: Report) -> tuple[Progress, ...]:
    return tuple(Progress(c.title, float(c.values[0]), float(c.target), f"{_number(c.values[0])}{c.unit}",
                          f"{_number(c.target)}{c.unit}", c.unit)
                 for c in report.charts if c.kind == "progress")


def _number(value: float) -> str:
    return f"{value:g}"


def _fact_texts(report: Report) -> list[str]:
    texts = [fact for group in report.groups for fact in group.facts]
    if report.review:
        texts += report.review.rankings + report.review.pledges
    return [plain_text(t) for t in texts]
