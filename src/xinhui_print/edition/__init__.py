"""Editions: the script a build is printed in — Simplified (``hans``), or Traditional to the
Hong Kong (``hant-hk``) or Taiwan (``hant-tw``) standard.

The report data and the layouts are written in Simplified Chinese; an edition converts
what is printed, phrase by phrase, with OpenCC (``s2hk``; ``s2twp``, which also uses
Taiwan's own words), never character by character.  It is applied where text leaves the
pipeline:

- :meth:`Edition.html`: the rendered page — its text nodes and the attributes a reader
  sees (``alt``, ``title``, ``content`` of ``<meta>``, ``data-*`` that CSS prints), never
  tags, attribute names, stylesheets or scripts;
- :meth:`Edition.text` and :meth:`Edition.readable`: alt texts, the job sheet and the
  manifest's readable strings.

Digits, Latin letters and punctuation are left as they are, so figures never change;
only curly quotation marks become the corner brackets both standards use (「」『』).
Each edition also names its language tag (``zh-Hant-HK``: glyph forms and centred
punctuation follow the locale), the font roles it prints with (``serif`` →
``serif-hk``) and the suffix its files carry (``booklet-a5.hant-hk.pdf``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

SCRIPTS = ("hans", "hant-hk", "hant-tw")
DEFAULT_SCRIPT = "hans"


@dataclass(frozen=True)
class Edition:
    """One script a build can be printed in (see the module doc)."""

    script: str
    lang: str
    opencc_config: str | None  # None: the text is printed as written
    font_region: str | None  # font roles ``<role>-<region>`` (fonts/fonts.toml), when there are any

    @property
    def converts(self) -> bool:
        return self.opencc_config is not None

    def text(self, text: str) -> str:
        """``text`` in this edition's script (phrase-level conversion), its quotation marks
        the corner brackets of Hong Kong and Taiwan (“…” → 「…」, ‘…’ → 『…』)."""
        if not self.converts or not text:
            return text
        return corner_quotes(_converter(self.opencc_config).convert(text))

    def html(self, html: str) -> str:
        """The page in this edition's script: text nodes and readable attribute values
        converted, markup, stylesheets and scripts untouched."""
        if not self.converts:
            return html
        return "".join(self._html_piece(piece) for piece in _HTML_PIECES.split(html))

    def _html_piece(self, piece: str) -> str:
        if not piece:
            return piece
        if piece.startswith("<"):
            if _RAW_ELEMENT.match(piece) or piece.startswith("<!"):
                return piece
            return _READABLE_ATTRIBUTE.sub(lambda m: m[1] + self.text(m[2]), piece)
        return self.text(piece)

    def readable(self, value: Any, read: bool = False) -> Any:
        """Manifest fields with their readable strings converted: the strings, or lists of
        strings, under a :data:`READABLE_FIELDS` key (``read``: ``value`` is under one)."""
        if isinstance(value, str):
            return self.text(value) if read else value
        if isinstance(value, Mapping):
            return {key: self.readable(item, key in READABLE_FIELDS) for key, item in value.items()}
        if isinstance(value, list):
            return [self.readable(item, read) for item in value]
        return value

    def file_name(self, stem: str) -> str:
        """A layout's file stem with the script: ``booklet-a5`` → ``booklet-a5.hant-hk``."""
        return stem if self.script == DEFAULT_SCRIPT else f"{stem}.{self.script}"

    def font_role(self, role: str, available: Iterable[str]) -> str:
        """The role this edition prints ``role`` with: its regional face when fonts.toml
        has one (``sans`` → ``sans-hk``), else the role itself (the Latin numerals)."""
        regional = f"{role}-{self.font_region}" if self.font_region else role
        return regional if regional in set(available) else role


EDITIONS = {
    "hans": Edition("hans", "zh-CN", None, None),
    "hant-hk": Edition("hant-hk", "zh-Hant-HK", "s2hk", "hk"),
    "hant-tw": Edition("hant-tw", "zh-Hant-TW", "s2twp", "tw"),
}

#: Manifest keys whose values are text for a reader: alt texts, card titles, what a card set
#: left out (``part``, ``abridged``), copyfitting's moves and what a poster condensed.
READABLE_FIELDS = frozenset({"alt", "title", "part", "abridged", "moves", "condensed"})


def edition(script: str = DEFAULT_SCRIPT) -> Edition:
    """The edition of ``script``; an unknown script is a ValueError naming the known ones."""
    try:
        return EDITIONS[script]
    except KeyError:
        raise ValueError(f"unknown script {script!r}; choose one of {', '.join(SCRIPTS)}") from None


_DOUBLE_QUOTES = str.maketrans("“”", "「」")
_SINGLE_QUOTE = re.compile(r"‘|(?<![A-Za-z])’|’(?![A-Za-z])")  # an apostrophe (Li’s) stays


def corner_quotes(text: str) -> str:
    """Curly quotation marks → corner brackets (「」 outside, 『』 inside)."""
    return _SINGLE_QUOTE.sub(lambda m: "『" if m[0] == "‘" else "』", text.translate(_DOUBLE_QUOTES))


_TRADITIONAL_LANG = re.compile(r"^zh-(?:hant|tw|hk|mo)\b", re.I)


def is_traditional_lang(lang: str) -> bool:
    """``zh-Hant-HK``, ``zh-TW``, ``zh-HK``, ``zh-MO``: Traditional Chinese, whose full-width
    punctuation sits in the middle of the em box (clreq 3.1.6: not compressed)."""
    return bool(lang) and _TRADITIONAL_LANG.match(lang) is not None


@cache
def _converter(config: str):
    import opencc  # loaded by the first Traditional build only

    return opencc.OpenCC(f"{config}.json")


# Comments, raw-text elements (whole) and tags split the page; the rest is text.
_HTML_PIECES = re.compile(r"(<!--.*?-->|<(?:style|script)\b.*?</(?:style|script)\s*>|<[^>]*>)", re.S | re.I)
_RAW_ELEMENT = re.compile(r"<(?:style|script)\b", re.I)
_READABLE_ATTRIBUTE = re.compile(
    r"""(\s(?:alt|title|aria-label|content|data-[\w-]+)\s*=\s*["']?)([^"'>]*)""", re.I)


#: Simplified → Traditional for the characters of units and qualifiers (亿元 → 億元, 以内 →
#: 以內, 余 → 餘), one table per standard (Hong Kong keeps 户 and 台, Taiwan writes 戶 and 臺);
#: tests/edition checks every unit against OpenCC, so figures read in either script.
_COMMON = ("万个亩亿吨点内余顷钟时厘号周场处头层岁张条栋种类计约级辆镇间项",
           "萬個畝億噸點內餘頃鐘時釐號週場處頭層歲張條棟種類計約級輛鎮間項")
_TRADITIONAL_TABLES = (
    str.maketrans(*_COMMON),  # Hong Kong
    str.maketrans(_COMMON[0] + "户台", _COMMON[1] + "戶臺"),  # Taiwan
)


def with_traditional_forms(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` followed by their Traditional forms not already among them."""
    words = tuple(words)
    extra = (word.translate(table) for table in _TRADITIONAL_TABLES for word in words)
    return words + tuple(dict.fromkeys(word for word in extra if word not in words))
