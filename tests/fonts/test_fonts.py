"""Fonts: every character is checked before rendering; doctor reports the subsetter."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinhui_print.data import import_article, load_report
from xinhui_print.errors import DataError, FontError
from xinhui_print.fonts import check_glyphs, check_report_glyphs, load_roles
from xinhui_print.render.weasyprint_adapter import font_subsetter
from xinhui_print.layout import load_layout
from xinhui_print.render import render


def test_seed_text_is_fully_covered(seed_report):
    check_report_glyphs(seed_report, load_roles().values())


def test_missing_glyph_names_the_character_and_the_field(seed_report):
    groups = [seed_report.groups[0].model_copy(update={"facts": ["新会😀增长"]})]
    report = seed_report.model_copy(update={"groups": groups})
    with pytest.raises(DataError) as error:  # bad input: exit 2, not a broken font
        render(report, load_layout("booklet-a5"))
    message = str(error.value)
    assert "U+1F600" in message and "groups[0].facts[0]" in message
    assert error.value.exit_code == 2


def test_missing_glyph_points_at_the_character_in_the_data_file(seed_report, tmp_path):
    source = Path(__file__).resolve().parents[2] / "data" / "xinhui-2023.yaml"
    lines = source.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "label: 固定资产投资" in line)
    lines[number] = lines[number].replace("固定资产投资", "固定资产\U00013000投资")
    path = tmp_path / "report.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as error:
        check_report_glyphs(load_report(path), load_roles().values())
    column = lines[number].index("\U00013000") + 1
    assert str(error.value).startswith(f"{path}:{number + 1}:{column}: review.kpis[2].label: "
                                       "character '\U00013000' (U+13000) has no glyph in ")


def test_missing_glyph_points_at_the_character_in_the_article():
    article = "乘势而上\n数读2023年新会区政府工作报告\n2023年工作展望\n- 地区生产总值增长**5%**左右\U00013000\n"
    report, _ = import_article(article, "a.txt")
    with pytest.raises(DataError, match=r"^a\.txt:4:19: .*\(U\+13000\) has no glyph"):
        check_report_glyphs(report, load_roles().values())


def test_a_layout_character_without_glyph_is_a_font_error():
    with pytest.raises(FontError, match=r"U\+13000\) in the layout's text has no glyph"):
        check_glyphs([("the layout's text", "目录\U00013000")], load_roles().values())


def test_shipped_fonts_have_their_licence():
    from xinhui_print.project import project

    for role in load_roles().values():
        for file in role.files:
            if file.embed:
                assert file.path.is_relative_to(project().fonts_dir)
                licences = list(project().fonts_dir.glob("LICENSE-*"))
                assert any(file.path.stem.split("-")[0] in p.name for p in licences)


def test_harfbuzz_subsetter_is_active():
    assert font_subsetter() == "harfbuzz"


def test_doctor_reports_the_subsetter(cli):
    result = cli("doctor")
    assert "font subsetter" in result.stdout and "harfbuzz" in result.stdout


def test_missing_glyph_in_the_layouts_own_text_is_an_error(seed_report, tmp_path):
    import shutil

    from xinhui_print.project import project

    shutil.copytree(project().layouts_dir / "_base", tmp_path / "_base")
    folder = tmp_path / "odd"
    (folder / "templates").mkdir(parents=True)
    (folder / "layout.toml").write_text('extends = "_base"\nkind = "booklet"\n')
    (folder / "templates" / "main.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>{{ report.meta.title }}🂡</p>{% endblock %}'
    )
    with pytest.raises(FontError) as error:
        render(seed_report, load_layout("odd", tmp_path))
    assert "U+1F0A1" in str(error.value) and "layout 'odd'" in str(error.value)


def test_cjk_code_points_read_from_the_cmap_groups_match_fonttools():
    from fontTools.ttLib import TTCollection

    from xinhui_print.fonts import codepoints

    for role in load_roles().values():
        path, family = role.regular.path, role.family
        if path.suffix.lower() != ".ttc":
            continue
        collection = TTCollection(str(path), lazy=True)
        face = next(f for f in collection.fonts if f["name"].getDebugName(1) == family)
        assert codepoints(path, family) == frozenset(face.getBestCmap()), family
        collection.close()
