"""Figures found in running text: what the layouts highlight."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinhui_print.model import parse_figure, plain_text, segments
from xinhui_print.model.figures import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, UNITS
from xinhui_print.text.widths import half_width_figures


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


# -- properties (Hypothesis): any text in, a figure or a ValueError out ----------------------

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True)
FIGURE_PARTS = st.lists(st.one_of(
    st.sampled_from(["0", "1", "12", "4.5", ".", "１２", "．", "５", "％", "%", "**", "-", "e9",
                     *UNITS, *PREFIX_QUALIFIERS, *SUFFIX_QUALIFIERS]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=4),
), max_size=8).map("".join)
QUALIFIERS = st.one_of(st.tuples(st.sampled_from(["", *PREFIX_QUALIFIERS]), st.just("")),
                       st.tuples(st.just(""), st.sampled_from(SUFFIX_QUALIFIERS)))
WRITTEN = st.builds(  # a figure as an editor writes it: one qualifier at most
    lambda qualifier, number, unit: f"{qualifier[0]}{number}{unit}{qualifier[1]}",
    QUALIFIERS, st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["", *UNITS]),
)

FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@PROPERTY
@given(text=FIGURE_PARTS)
def test_parsing_any_text_gives_a_finite_figure_or_a_value_error(text):
    try:
        figure = parse_figure(text)
    except ValueError:
        return
    assert math.isfinite(figure.value)
    assert parse_figure(str(figure)) == figure  # what prints, parses back the same


@PROPERTY
@given(text=WRITTEN)
def test_full_width_figures_read_as_their_half_width_form(text):
    assert parse_figure(text.translate(FULL_WIDTH)) == parse_figure(text)
    assert half_width_figures(text.translate(FULL_WIDTH)) == text


@PROPERTY
@given(text=FIGURE_PARTS)
def test_segments_keep_every_character_of_any_text(text):
    found = segments(text)
    assert "".join(segment.text for segment in found) == plain_text(text)
    assert all(math.isfinite(s.figure.value) for s in found if s.figure is not None)


def test_full_width_digits_are_read_as_half_width():
    assert str(parse_figure("１２％")) == "12%" and str(parse_figure("１２．５％")) == "12.5%"
    assert half_width_figures("增长１２．５％，第１位。") == "增长12.5%，第1位。"
