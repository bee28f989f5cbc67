"""Theme colours print as their CMYK tokens: the press file is made from the sRGB layout pass."""

from __future__ import annotations

import pytest

from xinhui_print.errors import LayoutError
from xinhui_print.layout import load_layout
from xinhui_print.layout.theme import press_colours, theme_colours
from xinhui_print.press.colour import ColourConverter
from xinhui_print.press.profiles import DEFAULT_ICC

TOKENS = load_layout("booklet-a5").section("theme")


def rgb_fractions(hex_colour: str) -> tuple[float, ...]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def test_every_theme_colour_converts_back_to_its_own_token():
    screen = theme_colours(TOKENS, DEFAULT_ICC)
    converter = ColourConverter(DEFAULT_ICC, press_colours(TOKENS, DEFAULT_ICC))
    for token, cmyk in TOKENS.items():
        assert converter.rgb_to_cmyk(*rgb_fractions(screen[token])) == tuple(v / 100 for v in cmyk), token


def test_the_house_red_prints_as_its_token_not_as_an_icc_round_trip():
    """Red 0/100/100/20 shows as #C12222; through the profile it would come back as four inks."""
    red = theme_colours(TOKENS, DEFAULT_ICC)["red"]
    assert red == "#C12222"
    assert ColourConverter(DEFAULT_ICC).rgb_to_cmyk(*rgb_fractions(red))[0] > 0.1  # cyan in the red
    assert ColourConverter(DEFAULT_ICC, press_colours(TOKENS, DEFAULT_ICC)).rgb_to_cmyk(
        *rgb_fractions(red)) == (0, 1, 1, 0.2)


def test_a_colour_that_is_not_a_token_still_goes_through_the_profile():
    converter = ColourConverter(DEFAULT_ICC, press_colours(TOKENS, DEFAULT_ICC))
    c, m, y, k = converter.rgb_to_cmyk(0.0, 0.4, 0.8)
    assert c > 0.5 and y < 0.2
    assert converter.rgb_to_cmyk(0.5, 0.5, 0.5)[:3] == (0, 0, 0)  # a grey: K only


def test_two_tokens_that_look_alike_on_screen_are_a_located_layout_error(tmp_path):
    config = tmp_path / "layout.toml"
    config.write_text('name = "x"\n\n[theme]\nwhite = [0, 0, 0, 0]\nalmost = [0, 0, 0, 0.1]\n', encoding="utf-8")
    with pytest.raises(LayoutError, match="'almost' and 'white' differ in CMYK but both show as #FFFFFF") as caught:
        press_colours({"white": [0, 0, 0, 0], "almost": [0, 0, 0, 0.1]}, DEFAULT_ICC, [config])
    assert str(caught.value.location).startswith(f"{config}:4:")
