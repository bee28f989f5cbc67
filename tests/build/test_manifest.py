"""The manifest's copyfit entry: its words are readable fields, put in the edition's script
by ``Edition.readable`` like alt texts and card titles; numbers and unit ids stay."""

from __future__ import annotations

from xinhui_print.build.manifest import copyfit_entry
from xinhui_print.copyfit.fitting import Fitting
from xinhui_print.copyfit.measure import Fragment, PageMeasure
from xinhui_print.copyfit.moves import Callout, Move
from xinhui_print.edition import edition
from xinhui_print.model.figures import parse_figure


def fitting() -> Fitting:
    callout = Move("chapter-4", "callout", callout=Callout(4, parse_figure("350万人次"), "游客350万人次"),
                   tail_before=0.06)
    page = PageMeasure(12, 600.0, (Fragment("chapter-4", 540.0, 400.0, 60.0, (1.8,), False, 20),))
    return Fitting(moves=(callout,), pages=(page,), passes=2, condensed=("chapter 01 to its ● headings 数据",))


def test_copyfit_words_are_in_the_edition_script_numbers_kept():
    entry = edition("hant-hk").readable(copyfit_entry(fitting()))["copyfit"]
    assert entry["moves"] == ["chapter-4: callout figure 350萬人次 (tail was 6%)"]
    assert entry["pages"] == [{"page": 12, "fill": 0.9, "moves": ["chapter-4: callout figure 350萬人次 (tail was 6%)"]}]
    assert entry["condensed"] == ["chapter 01 to its ● headings 數據"] and entry["passes"] == 2


def test_a_simplified_edition_leaves_the_entry_as_measured():
    entry = copyfit_entry(fitting())
    assert edition("hans").readable(entry) == entry == {"copyfit": fitting().as_json()}
