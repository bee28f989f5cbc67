"""Theme colours: CMYK tokens (the one definition) → CSS values per colour mode.

Press output writes ``device-cmyk(c m y k)``; screen output derives sRGB from
the same CMYK values through the press ICC profile, so screen and print agree.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import Image, ImageCms

from ..errors import LayoutError

CMYK = tuple[float, float, float, float]


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
def cmyk_to_hex(cmyk: CMYK, profile: Path) -> str:
    """Convert CMYK percentages to an sRGB hex colour through ``profile``."""
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 2.55) for v in cmyk))
    r, g, b = ImageCms.applyTransform(pixel, _transform(profile)).getpixel((0, 0))
    return f"#{r:02X}{g:02X}{b:02X}"


def device_cmyk(cmyk: CMYK) -> str:
    return "device-cmyk({})".format(" ".join(_fraction(v) for v in cmyk))


def _fraction(value: float) -> str:
    text = f"{value / 100:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def theme_colours(tokens: dict[str, object], mode: str, profile: Path) -> dict[str, str]:
    """Token name → CSS colour for ``mode`` ("screen" or "press")."""
    colours = {}
    for token, value in sorted(tokens.items()):
        cmyk = _cmyk(token, value)
        colours[token] = device_cmyk(cmyk) if mode == "press" else cmyk_to_hex(cmyk, profile)
    return colours
