"""Half-width figures: full-width digits and their marks → ASCII, str → str.

Text typed with a Chinese input method in full-width mode carries ``１２．５％``.
The figure fonts (and the figure parser) know ASCII figures only, so figures are
read as half width once, when data is loaded: full-width digits always, and the
full-width point and percent sign where they belong to a number (``１２．５％`` →
``12.5%``).  Other full-width punctuation (``，`` ``：``) is Chinese and stays.
"""

from __future__ import annotations

import re

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_POINT = re.compile(r"(?<=[0-9])．(?=[0-9])")
_PERCENT = re.compile(r"(?<=[0-9])％")
_ANY = re.compile("[０-９．％]")


def half_width_figures(text: str) -> str:
    """``１２．５％`` → ``12.5%``, ``12％`` → ``12%``; other text is returned unchanged."""
    if not _ANY.search(text):
        return text
    text = text.translate(_DIGITS)
    return _PERCENT.sub("%", _POINT.sub(".", text))
