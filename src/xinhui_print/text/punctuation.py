"""Punctuation normalisation for Chinese text: str → str.

Articles converted from the web often carry ASCII ``,`` ``?`` ``:`` ``;`` ``!``
``(`` ``)`` inside Chinese sentences.  Inside Chinese they become full width;
inside numbers and Latin text (``57.8``, ``5G+``, ``RCEP``, ``“1+9+N”``) ASCII stays.
"""

from __future__ import annotations

import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff60“”‘’"
CJK = HAN + CJK_PUNCT

_FULL_WIDTH = {",": "，", "?": "？", ":": "：", ";": "；", "!": "！"}

# An ASCII mark counts as Chinese when a Chinese character stands on either side
# (spaces around it are dropped).  ``3:1`` or ``a, b`` stay ASCII.
_MARK_AFTER_CJK = re.compile(rf"(?<=[{CJK}])\s*([,?:;!])\s*")
_MARK_BEFORE_CJK = re.compile(rf"\s*([,?:;!])\s*(?=[{HAN}“‘（《])")
_PAREN = re.compile(r"\(([^()]*)\)")


def _full_width_parens(match: re.Match[str]) -> str:
    inner = match.group(1)
    if re.search(f"[{HAN}]", inner):
        return f"（{inner}）"
    return match.group(0)


def normalize_punctuation(text: str) -> str:
    """Return ``text`` with ASCII punctuation inside Chinese turned full width."""
    text = _MARK_AFTER_CJK.sub(lambda m: _FULL_WIDTH[m.group(1)], text)
    text = _MARK_BEFORE_CJK.sub(lambda m: _FULL_WIDTH[m.group(1)], text)
    return _PAREN.sub(_full_width_parens, text)


def punctuation_edits(text: str) -> list[tuple[int, int, str]]:
    """The changes :func:`normalize_punctuation` makes, as ``(start, end, new)`` spans.

    Spans index into ``text``, do not overlap and are sorted; applying them gives
    ``normalize_punctuation(text)``.  Callers that must keep positions (the
    typesetting stage edits text split across HTML tags) use this form.
    """
    edits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_MARK_AFTER_CJK, _MARK_BEFORE_CJK):
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            edits.append((*span, _FULL_WIDTH[match.group(1)]))
    for match in _PAREN.finditer(text):
        if _full_width_parens(match) != match.group(0):
            edits.append((match.start(), match.start() + 1, "（"))
            edits.append((match.end() - 1, match.end(), "）"))
    return sorted(edits)


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply sorted, non-overlapping ``(start, end, new)`` edits to ``text``."""
    parts, last = [], 0
    for start, end, new in edits:
        parts += [text[last:start], new]
        last = end
    return "".join(parts) + text[last:]
