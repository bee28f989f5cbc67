"""Theme colours: CMYK tokens (the one definition) → the sRGB the layouts are drawn in, and back.

Every output is laid out in sRGB derived from the CMYK tokens through the press ICC
profile, so screen and print agree.  A press file is exported from that same layout
pass: :func:`press_colours` gives post-processing each token's exact sRGB value and its
CMYK percentages, so a theme colour prints as its token (``ink`` is exactly K 100),
never as an ICC round trip of its sRGB.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from PIL import Image, ImageCms

from ..errors import LayoutError, Location
from .config import locate

CMYK = tuple[float, float, float, float]
RGB8 = tuple[int, int, int]


def _cmyk(token: str, value: object) -> CMYK:
    if not (isinstance(value, list) and len(value) == 4 and all(isinstance(v, (int, float)) for v in value)):
        raise LayoutError(f"theme colour {token!r} must be four CMYK percentages, got {value!r}")
    if not all(0 <= v <= 100 for v in value):
        raise LayoutError(f"theme colour {token!r} has a CMYK value outside 0–100: {value!r}")
    return tuple(float(v) for v in value)  # type: ignore[return-value]


@cache
def _transform(profile: Path) -> ImageCms.ImageCmsTransform:
    cmyk_profile = ImageCms.getOpenProfile(str(profile))
    srgb = ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(
        cmyk_profile, srgb, "CMYK", "RGB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC
    )


@cache
def _cmyk_to_rgb8(cmyk: CMYK, profile: Path) -> RGB8:
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 2.55) for v in cmyk))
    return ImageCms.applyTransform(pixel, _transform(profile)).getpixel((0, 0))


def cmyk_to_hex(cmyk: CMYK, profile: Path) -> str:
    """Convert CMYK percentages to an sRGB hex colour through ``profile``."""
    return "#{:02X}{:02X}{:02X}".format(*_cmyk_to_rgb8(cmyk, profile))


def theme_colours(tokens: dict[str, object], profile: Path) -> dict[str, str]:
    """Token name → CSS colour (sRGB hex through ``profile``)."""
    return {token: cmyk_to_hex(_cmyk(token, value), profile) for token, value in sorted(tokens.items())}


def press_colours(tokens: dict[str, object], profile: Path, files: Sequence[Path] = ()) -> dict[RGB8, CMYK]:
    """Each token's sRGB (8 bits a channel, as :func:`theme_colours` writes it) → its CMYK
    as fractions (0…1), for press post-processing.  Two tokens that print differently but
    share an sRGB value could not be told apart in the laid-out page: a layout error,
    located in the first of ``files`` (the layout's ``layout.toml`` files, own first) that
    sets either token."""
    found: dict[RGB8, tuple[str, CMYK]] = {}
    for token, value in sorted(tokens.items()):
        cmyk = _cmyk(token, value)
        rgb = _cmyk_to_rgb8(cmyk, profile)
        if rgb in found and found[rgb][1] != cmyk:
            raise LayoutError(f"theme colours {found[rgb][0]!r} and {token!r} differ in CMYK but both "
                              f"show as {cmyk_to_hex(cmyk, profile)} on screen: press output could not "
                              "tell them apart; make them differ more",
                              _token_location(files, (token, found[rgb][0])))
        found[rgb] = (token, cmyk)
    return {rgb: tuple(v / 100 for v in cmyk) for rgb, (_, cmyk) in found.items()}


def _token_location(files: Sequence[Path], tokens: tuple[str, ...]) -> Location | None:
    for path in files:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("theme", {})
        except (OSError, tomllib.TOMLDecodeError):
            continue
        for token in tokens:
            if token in table:
                return locate(path, "theme", token)
    return None
