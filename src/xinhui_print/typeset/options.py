"""Typesetting options: a layout's ``[typeset]`` table → :class:`TypesetOptions`.

Every field has a documented default; unknown keys and wrong types raise
:class:`~xinhui_print.errors.LayoutError` instead of being ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from xinhui_print.errors import LayoutError


@dataclass(frozen=True)
class TypesetOptions:
    """What the typesetting stage does to Chinese text.

    Defaults suit print body text (the booklet): everything on except the
    CJK–Latin space, which Chinese newspapers usually leave out and which
    copy/paste would return as a space.
    """

    #: Normalise ASCII ``, ? : ; ! ( )`` inside Chinese to full width (not inside numbers or Latin).
    normalize_punctuation: bool = True
    #: Keep a number with its unit or qualifier on one line (``57.8亿元``, ``7.5%以上``).
    keep_figures: bool = True
    #: Set the first of two adjacent marks half width with the ``halt`` feature (``。”`` ``）、``).
    compress_punctuation: bool = True
    #: Keep the last two characters of a paragraph together: no one-character last line (孤字).
    avoid_widows: bool = True
    #: Allow line breaks before “ and after ” (clreq; Pango 1.50 forbids both) with U+200B.
    quote_breaks: bool = True
    #: ¼ em between Han and Latin letters or digits (clreq 3.2.2), none at line edges.
    latin_space: bool = False
    #: Inter-character justification of Chinese lines (needs :func:`install_justification`).
    justify: bool = True
    #: Largest extra gap between two Chinese characters, in em.  Above 0.1 em
    #: poppler (pdftotext) starts a new word and reads the gap as a space (pdf.js
    #: at 0.102 em).  The hook compensates WeasyPrint's int() rounding of glyph
    #: positions, so drawn gaps stay at or below this value; 0.095 keeps a margin.
    #: A line needing more stays short.
    max_gap_em: float = 0.095

    @classmethod
    def from_mapping(cls, table: dict[str, Any], source: str = "[typeset]") -> TypesetOptions:
        """Options from a config table; unknown keys or wrong types raise ``LayoutError``."""
        known = {field.name: field for field in fields(cls)}
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise LayoutError(
                f"unknown typeset option {', '.join(unknown)} in {source}",
                hint=f"known options: {', '.join(known)}",
            )
        for key, value in table.items():
            expected = float if known[key].type in ("float", float) else bool
            if expected is bool and not isinstance(value, bool):
                raise LayoutError(f"typeset option {key} must be true or false in {source}")
            if expected is float and not isinstance(value, (int, float)):
                raise LayoutError(f"typeset option {key} must be a number in {source}")
        return cls(**table)
