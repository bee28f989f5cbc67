"""``icon:`` in the data: a Tabler name, checked where it is written, printed where the layout
puts the chapter's or the KPI's icon."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SEED_DATA
from xinhui_print.data import load_report
from xinhui_print.errors import DataError
from xinhui_print.icons import icon_svg


def _with_icon(tmp_path, icon: str):
    text = SEED_DATA.read_text(encoding="utf-8")
    text = text.replace("    title: 坚持制造业当家，", f"    icon: {icon}\n    title: 坚持制造业当家，", 1)
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_unknown_icon_is_a_located_error(tmp_path):
    path, text = _with_icon(tmp_path, "facotry")
    line = text.splitlines().index("    icon: facotry") + 1
    with pytest.raises(DataError) as error:
        load_report(path)
    assert re.fullmatch(rf".*report\.yaml:{line}:11: chapters\[0\]\.icon: unknown icon 'facotry' "
                        r"\(did you mean building-factory.*\)", str(error.value))


def test_icon_names_are_not_text_a_reader_sees(tmp_path):
    path, _ = _with_icon(tmp_path, "rocket")
    report = load_report(path)
    assert report.chapters[0].icon == "rocket"
    assert "rocket" not in report.all_text()


def test_the_data_icon_is_drawn_on_the_chapter_opener(tmp_path):
    from xinhui_print.layout import load_layout
    from xinhui_print.render import template_context
    from xinhui_print.template import render_html

    path, _ = _with_icon(tmp_path, "rocket")
    report = load_report(path)
    layout = load_layout("booklet-a5")
    context = template_context(report, layout, "press")
    html = render_html(report, context)
    opener = html.split('id="chapter-1"', 1)[1].split("</header>", 1)[0]
    rocket = str(icon_svg("rocket", "X")).split("</title>", 1)[1]  # the paths, whatever the colour
    assert rocket in opener
    assert f'stroke="{context.theme["red"]}"' in opener  # the theme's red (press files map it to its CMYK token)
