"""QR codes: a URL → inline SVG markup (segno), sized by CSS, in a theme colour.

Deterministic (segno picks the mask by its rules, no randomness) and vector,
so it stays sharp at every density.  Error correction ``M`` survives the JPEG
recompression WeChat Moments applies.
"""

from __future__ import annotations

import re

import segno
from markupsafe import Markup

from ..errors import InputError

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


MAX_URL_LENGTH = 300
"""Characters: longer URLs make codes too dense to scan from a phone screen at poster size."""


def check_qr_url(url: str) -> None:
    """Raise InputError unless ``url`` makes a QR code a phone can read off a card."""
    if not url.strip():
        raise InputError("--qr-url: the URL is empty")
    if len(url) > MAX_URL_LENGTH:
        raise InputError(f"--qr-url: the URL has {len(url)} characters; at most {MAX_URL_LENGTH} make a "
                         "code that scans from a card (use a short link)")


def qr_svg(url: str, colour: str = "#1A1A1A", css_class: str = "qr") -> Markup:
    """``url`` as a QR code ``<svg>`` with a viewBox (size it with CSS), quiet zone included."""
    if not url:
        raise ValueError("a QR code needs a URL")
    if not _HEX.match(colour):
        raise ValueError(f"QR colour must be a #RRGGBB screen colour, got {colour!r}")
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(dark=colour, light="#FFFFFF", border=2, omitsize=True, svgclass=css_class)
    return Markup(svg)
