"""Icons: the Tabler outline set as inline SVG, names checked, colours from the theme."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from xinhui_print.icons import TOPICS, check_icon_name, icon_label, icon_names, icon_svg
from xinhui_print.icons.topics import FALLBACK_CHAPTER, FALLBACK_INDICATOR

SVG = "{http://www.w3.org/2000/svg}"


def test_the_set_is_the_full_tabler_outline_set():
    assert len(icon_names()) > 4000
    assert {"building-factory-2", "road", "school", "stethoscope", "leaf", "world"} <= icon_names()


def test_each_topic_has_its_own_icon():
    icons = [topic.icon for topic in TOPICS] + [FALLBACK_CHAPTER, FALLBACK_INDICATOR]
    assert len(set(icons)) == len(icons)


def test_every_topic_and_fallback_icon_exists():
    for name in [topic.icon for topic in TOPICS] + [FALLBACK_CHAPTER, FALLBACK_INDICATOR]:
        assert check_icon_name(name) == name


def test_an_unknown_name_names_the_nearest_icons():
    with pytest.raises(ValueError, match=r"unknown icon 'facotry' \(did you mean .*factory"):
        check_icon_name("facotry")


def test_icon_is_vector_paths_stroked_in_the_given_colour():
    markup = str(icon_svg("building-factory-2", "device-cmyk(0 1 1 0.2)"))
    root = ElementTree.fromstring(markup)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 24 24"
    assert root.get("stroke") == "device-cmyk(0 1 1 0.2)" and root.get("fill") == "none"
    title, *shapes = list(root)
    assert title.tag == f"{SVG}title" and title.text == "制造/工业"  # the tagged PDF's /Alt
    assert len(shapes) == 5 and all(shape.tag == f"{SVG}path" for shape in shapes)
    assert all(shape.get("stroke") != "none" for shape in shapes)  # Tabler's frame is dropped
    assert "<image" not in markup


def test_icon_colour_is_escaped():
    markup = str(icon_svg("road", '"><script>'))
    assert "<script>" not in markup


def test_every_icon_a_layout_draws_has_words_for_screen_readers():
    assert icon_label("building-factory-2") == "制造/工业"
    assert icon_label(FALLBACK_CHAPTER) == "任务" and icon_label("target-arrow") == "目标"
    assert icon_label("rocket") == "rocket"  # one the data chose
