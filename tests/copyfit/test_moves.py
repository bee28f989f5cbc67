"""Moves are numbers on ids (never report text in CSS); the key figure of a chapter is one of its own."""

from __future__ import annotations

import pytest

from xinhui_print.copyfit.moves import Callout, Move, Moves, key_figure
from xinhui_print.model.figures import parse_figure


def test_a_move_is_css_on_its_unit_and_a_join_breaks_no_page():
    moves = Moves().with_move(Move("chapter-2", "pull-back", space=0.7, leading=1.66))
    moves = moves.with_move(Move("chapter-4", "join", joins="chapter-5"))
    css = moves.stylesheet()
    assert "#chapter-2 { --xh-fit-space: 0.700; --xh-fit-leading: 1.660 }" in css
    assert "#chapter-5 { break-before: auto !important; --xh-fit-joined: 1 }" in css


def test_a_callout_reaches_css_only_as_a_height():
    callout = Callout(3, parse_figure("50亿元"), "</style><script>alert(1)</script>50亿元", height_px=210.0)
    moves = Moves().with_move(Move("chapter-3", "callout", callout=callout))
    assert moves.stylesheet() == "#fit-callout-3 { min-height: 210.0px }"
    assert moves.callouts() == {3: callout}


@pytest.mark.parametrize("unit", ["chapter-1 }", "x{", "Chapter", ""])
def test_a_unit_must_be_an_id(unit):
    with pytest.raises(ValueError):
        Move(unit, "loosen")


def test_key_figure_is_an_amount_with_a_unit_from_a_short_clause(seed_report):
    found = {c.number: key_figure(seed_report, c.number) for c in seed_report.chapters}
    for number, callout in found.items():
        chapter = next(c for c in seed_report.chapters if c.number == number)
        assert callout is not None and callout.figure.unit
        assert len(callout.text) <= 30
        assert any(callout.text in item for section in chapter.sections for item in section.items)
        assert str(callout.figure) in callout.text
    assert key_figure(seed_report, 99) is None
