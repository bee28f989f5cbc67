"""Colour conversion for press output: RGB/gray colours and images → CMYK through the ICC profile.

A theme colour (an exact sRGB value the layout derived from a CMYK token, see
:func:`xinhui_print.layout.theme.press_colours`) becomes its token again.  Other
chromatic RGB goes through littleCMS (sRGB → press profile, relative colorimetric
with black-point compensation).  Neutral colours (R = G = B, and DeviceGray) become
K only (单黑), with the K tint chosen so that its L* in the press profile matches
the grey's L*: pure black is exactly 0/0/0/100, never four-colour black.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from PIL import Image, ImageCms

NEUTRAL_TOLERANCE = 1.5 / 255  # channel spread below which an RGB colour counts as grey
RGB8 = tuple[int, int, int]
EXACT_8_BIT = 0.02  # how far (in 1/255) a PDF colour component may be from a whole 8-bit value


@functools.lru_cache(maxsize=4)
def _profile(path: str) -> ImageCms.ImageCmsProfile:
    return ImageCms.getOpenProfile(path)


@functools.lru_cache(maxsize=4)
def _rgb_to_cmyk_transform(icc_path: str) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        _profile(icc_path),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@functools.lru_cache(maxsize=4)
def _k_lightness_table(icc_path: str) -> np.ndarray:
    """L* (0–100) of K-only tints 0…255 printed with the profile."""
    to_lab = ImageCms.buildTransform(
        _profile(icc_path), ImageCms.createProfile("LAB"), "CMYK", "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
    ramp = Image.frombytes("CMYK", (256, 1), bytes(b for k in range(256) for b in (0, 0, 0, k)))
    lab = ImageCms.applyTransform(ramp, to_lab)
    return np.array([lab.getpixel((k, 0))[0] for k in range(256)], dtype=float) * 100 / 255


def srgb_lightness(value: float) -> float:
    """CIE L* (0–100) of an sRGB grey with channel value 0…1."""
    linear = value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    return 116 * linear ** (1 / 3) - 16 if linear > 216 / 24389 else linear * 24389 / 27


class ColourConverter:
    """Converts colours and images to CMYK with one press profile.

    ``tokens``: exact sRGB colours (8 bits a channel) → the CMYK (0…1 each) they stand for.
    """

    def __init__(self, icc_path: str | Path, tokens: Mapping[RGB8, tuple[float, ...]] | None = None):
        self.icc_path = str(icc_path)
        self.tokens = dict(tokens or {})

    def gray_to_k(self, gray: float) -> float:
        """K tint (0…1) whose printed lightness matches a grey level (0 = black, 1 = white)."""
        if gray <= 0:
            return 1.0
        if gray >= 1:
            return 0.0
        table = _k_lightness_table(self.icc_path)
        wanted = srgb_lightness(gray) * table[0] / 100  # scale to the paper white
        # table falls from paper white (K 0) to K 100: find the first tint as dark as wanted
        darker = np.nonzero(table <= wanted)[0]
        k = int(darker[0]) if darker.size else 255
        return round(k / 255, 4)

    def rgb_to_cmyk(self, r: float, g: float, b: float) -> tuple[float, float, float, float]:
        """CMYK (0…1 each) for an sRGB colour (0…1 each): a theme token's own CMYK, else
        greys as K only and other colours through the profile."""
        token = self.tokens.get(_rgb8(r, g, b))
        if token is not None:
            return token
        if max(r, g, b) - min(r, g, b) <= NEUTRAL_TOLERANCE:
            return (0.0, 0.0, 0.0, self.gray_to_k((r + g + b) / 3))
        pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (r, g, b)))
        cmyk = ImageCms.applyTransform(pixel, _rgb_to_cmyk_transform(self.icc_path))
        return tuple(round(v / 255, 4) for v in cmyk.getpixel((0, 0)))

    def gray_to_cmyk(self, gray: float) -> tuple[float, float, float, float]:
        return (0.0, 0.0, 0.0, self.gray_to_k(gray))

    def image_to_cmyk(self, image: Image.Image) -> Image.Image:
        """A CMYK copy of an RGB, L or P image (alpha is the caller's business)."""
        if image.mode == "CMYK":
            return image
        if image.mode in ("L", "1"):
            gray = np.asarray(image.convert("L"), dtype=np.uint8)
            lut = np.array([round(self.gray_to_k(v / 255) * 255) for v in range(256)], np.uint8)
            k = lut[gray]
            zeros = np.zeros_like(k)
            return Image.fromarray(np.dstack([zeros, zeros, zeros, k]), "CMYK")
        rgb = image.convert("RGB")
        return ImageCms.applyTransform(rgb, _rgb_to_cmyk_transform(self.icc_path))


def _rgb8(r: float, g: float, b: float) -> RGB8 | None:
    """The 8-bit triple an sRGB colour (0…1 each) was written from, or None when it is not one."""
    scaled = [v * 255 for v in (r, g, b)]
    whole = tuple(round(v) for v in scaled)
    return whole if all(abs(v - w) <= EXACT_8_BIT for v, w in zip(scaled, whole)) else None
