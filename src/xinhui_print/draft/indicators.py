"""Indicators in report sentences: ``国内生产总值增长8.1%`` → label / verb / figure.

The figure is parsed by the model's grammar (:func:`~xinhui_print.model.figures.parse_figure`):
its digits are the source's digits, its qualifier (左右, 以上, 以内, 同比, 约…)
kept.  A clause without a label of its own (``…达到114万亿元，增长8.1%``) takes
the label of the clause before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Figure, parse_figure
from ..model.figures import PREFIX_QUALIFIERS
from .score import figures_in
from .text import Span, clauses

_VERBS = (
    "增加到", "提高到", "增长到", "下降到", "降低到", "增至", "降至", "降到", "达到", "突破", "超过",
    "保持在", "控制在", "稳定在", "平均为", "增长", "下降", "上涨", "涨幅", "降低", "减少", "增加",
    "提高", "完成", "实现", "为", "达",
)
_VERB_RE = re.compile(
    r"(?P<adverb>全年|年均|平均|实际|继续|分别|比上年|预计)?"
    rf"(?P<qualifier>{'|'.join(PREFIX_QUALIFIERS)})?"
    rf"(?P<verb>{'|'.join(_VERBS)})?"
    rf"(?P<near>{'|'.join(PREFIX_QUALIFIERS)})?$"
)
_LEADING = re.compile(r"^(?:全年|去年|今年|年末|年初|一年来|其中|同时|预计全年|预计|我们|我国|我省|我市|我区|我县|全国|全省|全市|全区|全县|实现|完成)+")
# Headline indicators of national and local reports.
KEY_INDICATORS = (
    "国内生产总值", "地区生产总值", "生产总值", "GDP", "财政收入", "一般公共预算收入", "城镇新增就业",
    "城镇调查失业率", "失业率", "居民消费价格", "人均可支配收入", "固定资产投资", "社会消费品零售总额",
    "进出口", "外贸", "工业增加值", "粮食产量", "研发经费", "实际使用外资", "城镇化率",
)
_METRIC_END = re.compile(
    r"(值|额|率|收入|产量|投资|就业|价格|经费|总量|浓度|增加值|人口|指数|规模|产值|里程|面积|能耗|总数|数量)$"
)


@dataclass(frozen=True)
class Found:
    """An indicator found in a clause."""

    label: str
    verb: str
    figure: Figure
    span: Span  # the clause

    @property
    def key_indicator(self) -> bool:
        return any(name in self.label for name in KEY_INDICATORS)

    @property
    def metric(self) -> bool:
        return self.key_indicator or bool(_METRIC_END.search(self.label))


def indicators(sentence: Span) -> list[Found]:
    """Every label / verb / figure of a sentence, one per clause with a single figure."""
    found: list[Found] = []
    label = ""
    for clause in _single_figure_pieces(sentence):
        matches = figures_in(clause.text)
        if len(matches) != 1:
            label = _label_before(clause.text, matches[0].start()) if matches else ""
            continue
        match = matches[0]
        parsed = _split_prefix(clause.text[: match.start()])
        if parsed is None:
            label = ""
            continue
        own_label, qualifier, verb = parsed
        label = own_label or label
        figure = _figure(qualifier, match)
        ends_clause = not clause.text[match.end():].strip("，、；。！？：,;: ")  # 1270多|万人 is no figure
        if label and figure is not None and ends_clause and _is_label(label):
            found.append(Found(label, verb, figure, clause))
    return found


def _single_figure_pieces(sentence: Span) -> list[Span]:
    """Clauses; one holding several figures is split at 、 (``生产总值440.5亿元、增长5.4%``),
    unless its figures go together (``分别增长4.8%、7.2%``)."""
    pieces: list[Span] = []
    for clause in clauses(sentence):
        if len(figures_in(clause.text)) < 2 or "分别" in clause.text:
            pieces.append(clause)
            continue
        position = 0
        for match in re.finditer("、", clause.text):
            pieces.append(clause.sub(position, match.end()))
            position = match.end()
        pieces.append(clause.sub(position, len(clause.text)))
    return pieces


def _label_before(text: str, end: int) -> str:
    parsed = _split_prefix(text[:end])
    return parsed[0] if parsed else ""


def _split_prefix(prefix: str) -> tuple[str, str, str] | None:
    """``全年国内生产总值增长`` → (国内生产总值, "", 增长); qualifiers and adverbs folded in."""
    match = _VERB_RE.search(prefix)
    label = _LEADING.sub("", prefix[: match.start()]).strip()
    qualifier = match["qualifier"] or match["near"] or ""
    if match["qualifier"] and match["near"]:
        return None
    verb = (match["adverb"] or "") + (match["verb"] or "")
    return label, qualifier, verb


def _figure(qualifier: str, match: re.Match[str]) -> Figure | None:
    if qualifier and match["suffix"]:
        return None  # the model takes one qualifier a figure
    try:
        return parse_figure(f"{qualifier}{match['number']}{match['unit'] or ''}{match['suffix'] or ''}")
    except ValueError:
        return None


def _is_label(label: str) -> bool:
    """A short noun phrase: no digits, no clause punctuation, 2–16 characters."""
    return 2 <= len(label) <= 16 and not re.search(r"[\d，,、；：“”（）《》]", label)
