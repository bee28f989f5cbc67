"""Character classes for Chinese typesetting (clreq 3.1, 3.2).

Input: single characters or strings. Output: booleans and regular-expression
fragments shared by the HTML stage, the WeasyPrint hook and the PDF measures,
so that all three agree on what "Chinese", "opening mark" and "closing mark" are.
"""

from __future__ import annotations

import re

from xinhui_print.text.punctuation import HAN

#: Han ideographs (from the shared text module), kana, CJK symbols, full-width forms.
CJK_RANGES = HAN + "\u3000-\u303f\u3040-\u30ff\uff01-\uff60\uffe0-\uffe6"
#: Quotation marks that are full width in a Chinese font.
CJK_QUOTES = "“”‘’"
#: Characters that count as Chinese for justification and punctuation rules.
CJK_CLASS = f"[{CJK_RANGES}{CJK_QUOTES}]"
HAN_CLASS = f"[{HAN}]"

#: Closing marks: pause and stop marks, closing brackets and quotes (clreq 3.1.4).
CLOSING = "，。、；：？！）》」』】〕〉］｝”’"
#: Opening marks: opening brackets and quotes; never at the end of a line.
OPENING = "（《「『【〔〈［｛“‘"
#: Marks that never start a line (clreq 3.1.4): closing marks, interpuncts, wave dashes.
#: (—— and …… may start a line; they must only not be split, which Pango ensures.)
NO_LINE_START = CLOSING + "·・‧〜～"
#: Marks that never end a line.
NO_LINE_END = OPENING
#: Full-width punctuation of all kinds (not counted as "a character" of a widow).
CJK_PUNCTUATION = CLOSING + OPENING + "·・‧〜～…—　"

#: Half-width marks that must not sit next to Chinese characters.
HALF_WIDTH_MARKS = ",;:?!()"

_CJK_RE = re.compile(CJK_CLASS)
_HAN_RE = re.compile(HAN_CLASS)


def is_cjk(char: str) -> bool:
    """True for a Han character, kana, CJK symbol, full-width form or CJK quote."""
    return bool(char) and _CJK_RE.match(char) is not None


def is_han(char: str) -> bool:
    """True for a Han ideograph only (no punctuation)."""
    return bool(char) and _HAN_RE.match(char) is not None


def is_latin_or_digit(char: str) -> bool:
    """True for an ASCII or Latin-1 letter or a digit (clreq 3.2.2 "Western")."""
    return bool(char) and (char.isascii() and char.isalnum() or "\u00c0" <= char <= "\u024f")


def is_punctuation(char: str) -> bool:
    """True for any punctuation, full width or ASCII (not part of a widow's count)."""
    return char in CJK_PUNCTUATION or (char.isascii() and not char.isalnum() and not char.isspace())
