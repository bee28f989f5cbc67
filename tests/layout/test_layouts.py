"""Layout folders: listing, lookup errors, extends merging, stylesheet overrides."""

from __future__ import annotations

import pytest

from xinhui_print.errors import LayoutError, LayoutNotFoundError
from xinhui_print.layout import layout_names, load_layout, merge


def test_booklet_is_listed_and_base_is_not():
    names = layout_names()
    assert "booklet-a5" in names
    assert "_base" not in names


def test_unknown_layout_names_the_available_ones():
    with pytest.raises(LayoutNotFoundError) as error:
        load_layout("poster-xxl")
    assert "booklet-a5" in str(error.value)


@pytest.mark.parametrize("name", ["../booklet-a5", "/etc", ".."])
def test_layout_names_cannot_escape_the_layouts_folder(name):
    with pytest.raises(LayoutNotFoundError):
        load_layout(name)


def test_config_merges_down_the_extends_chain():
    layout = load_layout("booklet-a5")
    assert layout.section("theme")["red"] == [0, 100, 100, 20]  # from _base
    assert layout.section("page")["size"] == "A5"  # own
    assert layout.path.name == "booklet-a5" and layout.chain[-1].name == "_base"


def test_merge_is_deep_and_the_child_wins():
    assert merge({"a": {"x": 1, "y": 2}, "b": 1}, {"a": {"y": 3}, "c": 4}) == {"a": {"x": 1, "y": 3}, "b": 1, "c": 4}


def test_child_stylesheet_replaces_its_parents_namesake(tmp_path):
    for name, extends in (("_p", None), ("child", "_p")):
        folder = tmp_path / name
        (folder / "css").mkdir(parents=True)
        (folder / "templates").mkdir()
        (folder / "templates" / "main.html").write_text("x")
        (folder / "layout.toml").write_text('kind = "booklet"\n' + (f'extends = "{extends}"\n' if extends else ""))
    (tmp_path / "_p" / "css" / "10-a.css").write_text("parent a")
    (tmp_path / "_p" / "css" / "20-b.css").write_text("parent b")
    (tmp_path / "child" / "css" / "10-a.css").write_text("child a")
    (tmp_path / "child" / "css" / "30-c.css").write_text("child c")
    layout = load_layout("child", tmp_path)
    assert [p.read_text() for p in layout.stylesheets()] == ["child a", "parent b", "child c"]


def test_broken_config_is_located(tmp_path):
    folder = tmp_path / "bad"
    (folder / "templates").mkdir(parents=True)
    (folder / "layout.toml").write_text('kind = "booklet"\nname = \n')
    with pytest.raises(LayoutError) as error:
        load_layout("bad", tmp_path)
    assert "layout.toml:2" in str(error.value)
