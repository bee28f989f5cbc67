"""What the charts read from a report: paired figures, shares, ranks, completion rates, and the
explicit ``charts:`` section — validated like the rest of the data, errors located."""

from __future__ import annotations

import pytest

from xinhui_print.charts.data import completion_rates, paired_figures, ranks, series, shares
from xinhui_print.data import load_report
from xinhui_print.errors import DataError

from .conftest import run_cli_build

HEAD = """\
meta: {id: t, title: 图表, kicker: 数读测试, place: 测试区, year: 2023, publisher: 测试日报, date: 2023-02-20, source: 测试}
charts:
"""


def test_the_seed_facts_are_found(seed_report):
    assert [(r.board, r.rank, r.change, r.since) for r in ranks(seed_report)] == [("全国高质量发展百强区", 42, 3, "2021年")]
    assert [(s.part, s.whole, s.value) for s in shares(seed_report)] == [("全年民生支出", "一般公共预算支出", 73.0)]
    [rate] = completion_rates(seed_report)
    assert (rate.value, rate.target, rate.label) == (128.8, 100.0, "113个市重点项目完成投资273亿元，投资完成率")
    assert [p.label for p in paired_figures(seed_report)][:2] == ["地区生产总值", "规上工业增加值"]
    assert series(seed_report) == ()  # the seed gives no series: no trend is invented


def test_a_falling_figure_is_a_negative_bar(stress_report):
    first = paired_figures(stress_report)[0]
    assert first.result == pytest.approx(-6.8) and first.result_text == "下降6.8%"


def test_explicit_series_load(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "  - {kind: trend, title: 地区生产总值, unit: 亿元, years: [2021, 2022], values: [950, 1002.5]}\n",
                    encoding="utf-8")
    [trend] = series(load_report(path))
    assert trend.labels == ("2021", "2022") and trend.values == (950.0, 1002.5) and trend.unit == "亿元"


@pytest.mark.parametrize(("entry", "line", "message"), [
    ("{kind: trend, title: x, years: [2021, 2022], values: [1]}", 3, "1 values and 2 labels/years"),
    ("{kind: trend, title: x, labels: [a], values: [1]}", 3, "at least 2 values"),
    ("{kind: pie, title: x, values: [1]}", 3, "kind"),
    ("{kind: share, title: x, whole: y, values: [130]}", 3, "at most 100"),
    ("{kind: share, title: x, values: [30]}", 3, "needs whole"),
    ("{kind: progress, title: x, values: [3]}", 3, "needs a target"),
    ("{kind: bars, title: x, labels: [a, b], values: [1, .nan]}", 3, "values"),
    ("{kind: trend, title: x, years: [2022, 2021], values: [1, 2]}", 3, "years must rise"),
    ("{kind: bars, title: x, labels: [a, b], values: [1, 2], colour: red}", 3, "colour"),
])
def test_bad_charts_are_located_errors(tmp_path, entry, line, message):
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + f"  - {entry}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_report(path)
    text = str(caught.value)
    assert text.startswith(f"{path}:{line}:") and "charts[0]" in text and message in text, text


def test_a_bad_chart_is_one_line_exit_2(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "  - {kind: share, title: x, whole: y, values: [130]}\n", encoding="utf-8")
    result = run_cli_build(path, tmp_path / "out")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and f"{path}:3:" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_readme_lists_the_chart_limits():
    from pathlib import Path

    from xinhui_print.model import limits
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| explicit charts"))
    assert (f"{limits.CHARTS} charts of at most {limits.CHART_POINTS} values" in row
            and f"point label {limits.CHART_LABEL} characters, unit {limits.CHART_UNIT}" in row)
