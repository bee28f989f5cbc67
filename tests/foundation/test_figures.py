"""Figures found in running text: what the layouts highlight."""

from __future__ import annotations

import pytest

from xinhui_print.model import parse_figure, segments


def figures(text: str) -> list[str]:
    return [s.text for s in segments(text) if s.kind == "figure"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("基础设施累计投入57.8亿元，工业投资100亿元", ["57.8亿元", "100亿元"]),
        ("地区生产总值增长7.5%以上", ["7.5%以上"]),
        ("2月20日，2022年是开局之年", []),  # dates and years are not highlighted
        ("完善“5G+智慧园区”，“1+9+N”体系，PM2.5浓度", []),  # numbers glued to Latin
        ("全国百强区排名第**42**位", ["42"]),  # the article's own bold
        ("投资完成率128.8%", ["128.8%"]),
    ],
)
def test_figures_in_text(text, expected):
    assert figures(text) == expected


def test_qualifier_is_part_of_the_figure():
    figure = parse_figure("7.5%以上")
    assert (figure.value, figure.unit, figure.qualifier, str(figure)) == (7.5, "%", "以上", "7.5%以上")
    before = parse_figure("同比4%")
    assert before.qualifier_before and str(before) == "同比4%"
