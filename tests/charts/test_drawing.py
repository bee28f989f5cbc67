"""Every chart kind, drawn for every canvas's box, read back from its SVG: no text touches other
text, a bar, a dot or a ring, none leaves the box, type sizes keep their floors, and the SVG is
exactly the box it was drawn for (so the page shows it unscaled)."""

from __future__ import annotations

import pytest

from xinhui_print.charts import ChartSet
from xinhui_print.charts.box import PRINT_FLOOR_PX, SOCIAL_FLOOR_PX, make_box
from xinhui_print.social.presets import PRESETS

from .geometry import collisions, read_svg

COLOURS = {"red": "#c00", "grey": "#555", "ink": "#000", "rule": "#ccc", "gold": "#fc0", "white": "#fff",
           "paper": "#fef"}


def card_box(name: str) -> tuple[str, str, str]:
    """The targets chart's box on a card of this preset (as layouts/cards/templates/card-blocks.html sizes it)."""
    preset = PRESETS[name]
    safe = preset.safe
    column = preset.width - max(safe.left, 64) - max(safe.right, 64)
    share = 0.42 if preset.height > 1.5 * preset.width else 0.34
    return f"{column}px", f"{int((preset.height - safe.top - safe.bottom) * share)}px", "19pt"


#: (canvas, width, height, type size): every canvas a layout draws charts for.
CANVASES = [
    ("booklet A5 column", "116mm", "45mm", "8pt"),
    ("booklet A4 column", "178mm", "45mm", "8pt"),
    ("booklet 大度32开 column", "108mm", "45mm", "8pt"),
    ("booklet fact strip", "36mm", "24mm", "8pt"),
    ("poster-long column", "952px", "640px", "19pt"),
    ("poster-long fact strip", "296px", "240px", "19pt"),
    ("poster-long series", "952px", "480px", "19pt"),
    ("poster-print A2", "134.06mm", "74.08mm", "10pt"),
    ("poster-print A3", "94.8mm", "52.4mm", "7.07pt"),
    *[(f"cards {name}", *card_box(name)) for name in ("xhs", "square", "ig", "story", "douyin")],
]


def all_charts(charts: ChartSet) -> list[tuple[str, object]]:
    found = [("results vs targets", None)] if charts.targets else []
    return found + [(type(c).__name__, c) for c in (*charts.facts, *charts.series)]


@pytest.fixture(scope="module", params=["seed", "stress"])
def chart_set(request, seed_report, stress_report, style):
    report = seed_report if request.param == "seed" else stress_report
    return ChartSet(report, style, COLOURS)


def test_the_stress_report_has_every_kind(stress_report, style):
    charts = ChartSet(stress_report, style, COLOURS)
    kinds = {type(c).__name__ for c in charts.facts} | {c.kind for c in charts.series}
    assert charts.targets and kinds == {"Rank", "Share", "Progress", "trend", "bars"}


@pytest.mark.parametrize(("canvas", "width", "height", "font"), CANVASES, ids=[c[0] for c in CANVASES])
def test_no_text_collides_on_any_canvas(chart_set, style, canvas, width, height, font):
    box = make_box(width, height, font)
    problems = []
    for name, chart in all_charts(chart_set):
        svg = chart_set.results_vs_targets(width, height, font) if chart is None else chart_set.draw(chart, width, height, font)
        read = read_svg(str(svg), style)
        problems += [f"{name}: {p}" for p in collisions(read)]
        floor = PRINT_FLOOR_PX if box.printed else SOCIAL_FLOOR_PX
        problems += [f"{name}: text at {s:.1f} px, below the floor {floor:.1f}" for s in read.sizes if s < floor - 1e-6]
        # Drawn for the box: its own width, at least the box's height (taller only when the rows need it).
        assert read.width == pytest.approx(box.width, abs=0.01) and read.view == (read.width, read.height)
        assert read.height >= box.height - 0.01
    assert not problems, f"{canvas}:\n" + "\n".join(problems)


def test_a_chart_fills_the_height_it_is_given(seed_report, style):
    charts = ChartSet(seed_report, style, COLOURS)
    for height in (480, 600, 900):
        read = read_svg(str(charts.results_vs_targets("952px", f"{height}px", "19pt")), style)
        assert read.height == pytest.approx(height, abs=0.01)
        bottom = max(m.y1 for m in read.marks)
        assert bottom > height * 0.9, "the bars use the box's height"


def test_value_labels_stand_outside_their_bars(seed_report, style):
    read = read_svg(str(ChartSet(seed_report, style, COLOURS).results_vs_targets("888px", "565px", "19pt")), style)
    values = [t for t in read.texts if t.what.endswith("%") or t.what.endswith("以上")]
    assert len(values) == 12
    for text in values:
        bar = min((m for m in read.marks if m.y0 <= (text.y0 + text.y1) / 2 <= m.y1), key=lambda m: abs(m.x1 - text.x0))
        assert text.x0 >= bar.x1, f"{text.what} starts inside its bar"


def test_long_labels_go_above_their_bars_on_a_narrow_box(stress_report, style):
    read = read_svg(str(ChartSet(stress_report, style, COLOURS).results_vs_targets("36mm", "60mm", "8pt")), style)
    labels = [t for t in read.texts if t.what.startswith("全区") or t.what.startswith("指标")]
    assert labels and min(t.x0 for t in labels) == pytest.approx(min(t.x0 for t in read.texts), abs=0.5)


def test_type_below_the_floor_is_raised(seed_report, style):
    charts = ChartSet(seed_report, style, COLOURS)
    social = read_svg(str(charts.results_vs_targets("952px", "400px", "12px")), style)
    printed = read_svg(str(charts.results_vs_targets("100mm", "40mm", "4pt")), style)
    assert min(social.sizes) == pytest.approx(SOCIAL_FLOOR_PX, abs=0.01)
    assert min(printed.sizes) == pytest.approx(PRINT_FLOOR_PX, abs=0.01)


def test_chart_text_is_escaped(style):
    from xinhui_print.model import Report

    from .conftest import META
    report = Report.model_validate({"meta": META, "charts": [
        {"kind": "bars", "title": "<b>x</b>", "labels": ["<script>", "a&b"], "values": [1, 2]}]})
    svg = str(ChartSet(report, style, COLOURS).draw(ChartSet(report, style, COLOURS).series[0], "300px", "200px", "22px"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a&amp;b" in svg


def test_same_chart_same_bytes(seed_report, style):
    first = ChartSet(seed_report, style, COLOURS).results_vs_targets("116mm", "45mm", "8pt")
    from xinhui_print.charts import drawn
    drawn.cache_clear()
    assert ChartSet(seed_report, style, COLOURS).results_vs_targets("116mm", "45mm", "8pt") == first
