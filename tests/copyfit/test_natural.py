"""The booklet without moves put together part by part is the booklet laid out whole (NaturalPages).

Kept across edits, :class:`~xinhui_print.copyfit.NaturalPages` lays out only the parts an
edit changed; what it gives must be, page for page, what fit's first pass measures on the
whole booklet, or the studio's booklet would differ from the built one.
"""

from __future__ import annotations

import shutil

import pytest

from xinhui_print.copyfit import NaturalPages, fit
from xinhui_print.copyfit.measure import measure_pages
from xinhui_print.layout import load_layout
from xinhui_print.model import Report
from xinhui_print.project import project
from xinhui_print.render import render

from .conftest import SOURCES, on_paper


def whole(report: Report, layout) -> list:
    """What fit's first pass measures: the booklet without moves, laid out whole."""
    return measure_pages(render(report, layout).document)


def same_pages(assembled, measured) -> bool:
    """Page by page the same fill, parts and lines; a blank page (padding) is blank in both."""
    def rows(pages):
        return [(p.number, p.blank, None if p.blank else (p.height, p.fragments)) for p in pages]
    return assembled is not None and rows(assembled) == rows(measured)


def edited(report: Report, change) -> Report:
    data = report.model_dump(mode="json")
    change(data)
    return Report.model_validate(data)


@pytest.mark.parametrize("source", SOURCES)
def test_a_first_call_is_the_whole_layout(reports, source):
    layout = load_layout("booklet-a5")
    natural = NaturalPages()
    assert same_pages(natural.pages(reports[source], layout), whole(reports[source], layout))
    assert len(natural.laid_out) == 1, "one layout of every part"


def test_edits_lay_out_only_the_parts_they_change(reports):
    layout = on_paper("booklet-a5", "A5")
    natural = NaturalPages()
    report = reports["seed"]
    natural.pages(report, layout)

    def kpi(data):  # the review's KPI card, and the targets card paired with it
        data["review"]["kpis"][0]["figure"] = "同比5.1%"

    def item(data):
        data["chapters"][2]["sections"][0]["items"][0] += "，全力推进重点项目"

    def grow(data):  # two groups more: the review takes more pages, the contents more lines and numbers
        data["groups"] += [{**group, "title": group["title"] + "（续）"} for group in data["groups"][:2]]

    for change, parts in ((kpi, ("review", "targets")), (item, ("chapter-3",)), (grow, None)):
        report = edited(report, change)
        assembled = natural.pages(report, layout)
        measured = whole(report, layout)
        assert same_pages(assembled, measured), change.__name__
        if parts:
            assert natural.laid_out[-1] == parts, change.__name__
        else:
            assert len(natural.laid_out[-1]) == len({unit for page in measured for unit in page.units})
    def review_pages(pages):
        return sum("review" in page.units for page in pages)
    assert review_pages(measured) > review_pages(whole(reports["seed"], layout)), "the last edit added a page"


def test_the_studio_fits_as_the_build_fits(reports):
    layout = load_layout("booklet-a5")
    natural = NaturalPages()
    fit(reports["seed"], layout, natural=natural)
    report = edited(reports["seed"], lambda data: data["review"]["kpis"].reverse())
    built, built_fitting = fit(report, layout)
    kept, kept_fitting = fit(report, layout, natural=natural)
    assert built_fitting.moves, "the seed's booklet is copyfitted"
    assert kept_fitting == built_fitting
    assert built.html == kept.html
    assert [measure_pages(built.document)] == [measure_pages(kept.document)]


def test_a_template_without_shows_is_laid_out_whole(reports, tmp_path):
    """A layout author's booklet template that does not wrap its parts in ``shows()``: the
    parts cannot be laid out alone, so every edit lays out all of them (the first pass), once."""
    shutil.copytree(project().layouts_dir, tmp_path / "layouts")
    template = tmp_path / "layouts" / "booklet-a5" / "templates" / "main.html"
    text = template.read_text(encoding="utf-8")
    marker = '{% set meta = report.meta %}'
    assert marker in text
    template.write_text(text.replace(marker, marker + '\n{% macro shows(unit) %}every part{% endmacro %}'),
                        encoding="utf-8")
    layout = load_layout("booklet-a5", root=tmp_path / "layouts")
    natural = NaturalPages()
    natural.pages(reports["seed"], layout)
    report = edited(reports["seed"], lambda data: data["chapters"][2]["sections"][0]["items"].pop())
    assert same_pages(natural.pages(report, layout), whole(report, layout))
    assert not natural.alone
    report = edited(report, lambda data: data["chapters"][1]["sections"][0]["items"].pop())
    assert same_pages(natural.pages(report, layout), whole(report, layout))
    assert [len(units) for units in natural.laid_out] == [11, 1, 11, 11], "one try alone, then whole"
