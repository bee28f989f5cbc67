"""QR codes: a URL → inline SVG markup (segno), sized by CSS, in a theme colour.

Deterministic (segno picks the mask by its rules, no randomness) and vector,
so it stays sharp at every density.  Error correction ``M`` survives the JPEG
recompression WeChat Moments applies.
"""

from __future__ import annotations

import re

import segno
from markupsafe import Markup

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def qr_svg(url: str, colour: str = "#1A1A1A", css_class: str = "qr") -> Markup:
    """``url`` as a QR code ``<svg>`` with a viewBox (size it with CSS), quiet zone included."""
    if not url:
        raise ValueError("a QR code needs a URL")
    if not _HEX.match(colour):
        raise ValueError(f"QR colour must be a #RRGGBB screen colour, got {colour!r}")
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(dark=colour, light="#FFFFFF", border=2, omitsize=True, svgclass=css_class)
    return Markup(svg)
