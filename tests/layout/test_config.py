"""layout.toml is typed: unknown keys and wrong types are located errors, defaults live in one place."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from xinhui_print.errors import LayoutError
from xinhui_print.layout import available_layouts, load_layout
from xinhui_print.layout.config import LayoutSettings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def layouts(tmp_path: Path) -> Path:
    """A copy of the project's layouts to break."""
    shutil.copytree(ROOT / "layouts", tmp_path / "layouts")
    return tmp_path / "layouts"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_every_project_layout_parses_with_defaults_filled():
    for layout in available_layouts():
        assert layout.settings.typeset.max_gap_em == 0.095
    cards = load_layout("cards").settings.cards
    assert (cards.base_px, cards.floor_px, cards.preset) == (40, 30, "xhs")
    assert load_layout("booklet-a5").settings.page.pad_to_multiple == 4
    assert load_layout("booklet-a5").settings.cards is None


def test_unknown_key_is_located_in_the_file_that_has_it(layouts):
    config = layouts / "cards" / "layout.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nbase_px = ", "\nbase_pxx = ", 1),
                      encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        load_layout("cards", layouts)
    assert str(caught.value).startswith(f"{config}:{line_of(config, 'base_pxx')}:1: unknown key 'base_pxx' in [cards]")
    assert "base_px" in str(caught.value)


def test_a_parent_mistake_is_reported_in_the_parent(layouts):
    base = layouts / "_base" / "layout.toml"
    append(base, "\n[chart]\nfont_size_pt = \"wide\"\n")
    with pytest.raises(LayoutError, match=re.escape(f"{base}:{line_of(base, 'font_size_pt')}:1: font_size_pt in [chart]")):
        load_layout("booklet-a5", layouts)


@pytest.mark.parametrize(("table", "message"), [
    ("[typeset]\navoid_widows = \"yes\"", "avoid_widows in [typeset]: expected a valid boolean"),
    ("[page]\npress_bleed = \"3 furlongs\"", "press_bleed in [page]: expected a length such as 3mm"),
    ("[page]\nmax_pages = 0", "max_pages in [page]"),
    ("[theme]\nred = [0, 100, 100]", "red in [theme]: expected four CMYK percentages"),
    ("[theme]\nred = [0, 100, 100, 120]", "outside 0–100"),
    ("[cards]\nbase_px = 30", "[cards] does not apply to a layout of kind 'booklet'"),
    ("[press]\ncreep_mm = nan", "creep_mm in [press]"),
])
def test_wrong_values_are_located_errors(layouts, table, message):
    config = layouts / "booklet-a5" / "layout.toml"
    text = config.read_text(encoding="utf-8")
    header = table.split("\n")[0]
    if header in text:  # add the key to the existing table
        text = text.replace(header, table, 1)
    else:
        text += "\n" + table + "\n"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(LayoutError, match=re.escape(message)) as caught:
        load_layout("booklet-a5", layouts)
    assert str(caught.value).startswith(str(config))


def test_name_must_match_the_folder(layouts):
    config = layouts / "cards" / "layout.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('name = "cards"', 'name = "kards"'),
                      encoding="utf-8")
    with pytest.raises(LayoutError, match=f"{config}:1:1: name 'kards' must equal the folder name 'cards'"):
        load_layout("cards", layouts)


def documented_keys() -> set[tuple[str, str]]:
    """(table, key) pairs of the layout.toml example in layouts/README.md."""
    readme = (ROOT / "layouts" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## layout\.toml.*?```toml\n(.*?)```", readme, re.S)[1]
    config = tomllib.loads(block)
    pairs = set()
    for key, value in config.items():
        if isinstance(value, dict) and key != "theme":
            pairs |= {(key, inner) for inner in value}
        else:
            pairs.add(("", key))
    return pairs


def code_keys() -> set[tuple[str, str]]:
    pairs = set()
    for key, field in LayoutSettings.model_fields.items():
        model = next((arg for arg in (field.annotation, *getattr(field.annotation, "__args__", ()))
                      if isinstance(arg, type) and hasattr(arg, "model_fields")), None)
        if model is None:
            pairs.add(("", key))
        else:
            pairs |= {(key, inner) for inner in model.model_fields}
    return pairs


def test_readme_and_code_name_the_same_keys():
    assert documented_keys() == code_keys()
