"""Headings broken only between words: text → the phrases a line may break between.

Card titles, decks, section headings and hero labels are set as a run of
unbreakable phrases (``<span class="w">`` each, ``display: inline-block``), so a
line ends between two words, never inside one ("工/程") and never inside a
quoted name (「」“”《》‘’): a quotation up to :data:`QUOTE_MAX` characters is one
phrase, longer ones break between their words.

Words come from jieba's dictionary segmentation (deterministic, HMM off); then
a one-character word is joined to its neighbour (``新`` + ``时代``, ``大湾`` +
``区``), punctuation to the word it belongs to (an opening mark to the word
after it, every other mark to the word before it), and figures stay whole.
"""

from __future__ import annotations

import logging
import re
from array import array
from bisect import bisect_left
from functools import cache, lru_cache
from itertools import accumulate
from pathlib import Path

OPENING = "「『“‘《〈（【"
CLOSING = "」』”’》〉）】"
PUNCTUATION = CLOSING + "，、。；：！？…—·"
QUOTES = {"「": "」", "『": "』", "“": "”", "‘": "’", "《": "》"}

QUOTE_MAX = 16
"""Characters of a quotation kept on one line (with its marks); a longer one breaks between words."""

SUFFIXES = set("区县市省镇村乡街业性化型式率者家们馆园站港感年月日")
"""One-character words that end the word before them (大湾 + 区) rather than start the next."""

_HAN = re.compile(r"[\u3400-\u9fff]")


class CompactDictionary:
    """jieba's word frequencies, read-only, in ~7 MB instead of ~70 MB.

    jieba keeps its dictionary as a ``dict`` of every word *and every prefix of a word*
    (prefixes with frequency 0: its word graph walks a fragment while it is a prefix),
    ~580,000 ``str`` keys.  Here the words stay one UTF-8 ``bytes`` block, sorted, with
    arrays of their starts and frequencies; a lookup is a binary search.  It answers the
    three questions jieba's segmentation asks of its ``FREQ`` (``in``, ``[]``, ``get``)
    exactly as jieba's own dict would, so the words are the same.
    """

    def __init__(self, path: Path):
        every = [line for line in path.read_bytes().splitlines() if line]
        self.total = sum(_frequency(line) for line in every)  # as jieba counts: every line, repeats too
        lines = sorted(set(every))  # "word frequency tag", by word: a space sorts first
        words = [line.partition(b" ")[0] for line in lines]
        self._frequencies = array("I", [_frequency(line) for line in lines])
        self._block = b"\n".join(words) + b"\n"
        self._starts = array("I", accumulate((len(word) + 1 for word in words), initial=0))
        self._count = len(words)

    def _word(self, index: int) -> bytes:
        return self._block[self._starts[index]:self._starts[index + 1] - 1]

    @lru_cache(maxsize=1 << 16)
    def get(self, text: str, default: int | None = None) -> int | None:
        """A word's frequency; 0 for the beginning of a word; ``default`` otherwise."""
        key = text.encode("utf-8")
        index = bisect_left(range(self._count), key, key=self._word)
        if index >= self._count:
            return default
        word = self._word(index)
        if word == key:
            return self._frequencies[index]
        return 0 if word.startswith(key) else default

    def __contains__(self, text: str) -> bool:
        """A word or the beginning of one."""
        return self.get(text) is not None

    def __getitem__(self, text: str) -> int:
        value = self.get(text)
        if value is None:
            raise KeyError(text)
        return value


def _frequency(line: bytes) -> int:
    """The frequency of a dictionary line ``word frequency [tag]``."""
    return int(line.split(b" ", 2)[1])


@cache
def _tokenizer():
    """jieba's segmenter on its own dictionary, held as a :class:`CompactDictionary` (jieba's
    own loading keeps ~70 MB and writes a cache file to the temporary folder)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = CompactDictionary(Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME))
    tokenizer.total = tokenizer.FREQ.total
    tokenizer.initialized = True
    return tokenizer


def words(text: str) -> list[str]:
    """jieba's words of ``text`` (dictionary only: the same words on every run)."""
    return [word for word in _tokenizer().cut(text, HMM=False) if word]


@cache
def phrases(text: str) -> tuple[str, ...]:
    """``text`` as the phrases a line may break between (see the module doc)."""
    units: list[str] = []
    for part, quoted in _quotations(text):
        if quoted:
            units.append(part)
        else:
            units += _join_small(words(part))
    return tuple(_attach_punctuation(units))


def _quotations(text: str) -> list[tuple[str, bool]]:
    """Runs of ``text``: (a short quotation with its marks, True) or (other text, False)."""
    runs: list[tuple[str, bool]] = []
    position = 0
    while position < len(text):
        start = next((i for i in range(position, len(text)) if text[i] in QUOTES), None)
        if start is None:
            runs.append((text[position:], False))
            break
        end = text.find(QUOTES[text[start]], start + 1)
        if end < 0 or end - start + 1 > QUOTE_MAX:
            stop = len(text) if end < 0 else end + 1
            runs.append((text[position:stop], False))
            position = stop
            continue
        if start > position:
            runs.append((text[position:start], False))
        runs.append((text[start : end + 1], True))
        position = end + 1
    return runs


def _join_small(tokens: list[str]) -> list[str]:
    """One-character Chinese words joined to a neighbour: a suffix to the word before, others to the word after."""
    joined: list[str] = []
    pending = ""
    for token in tokens:
        single = len(token) == 1 and _HAN.match(token)
        after_figure = bool(joined) and not pending and joined[-1][-1:].isdigit()
        if single and (token in SUFFIXES or after_figure) and joined and not pending:
            joined[-1] += token
        elif single:
            pending += token
        else:
            joined.append(pending + token)
            pending = ""
    if pending:
        if joined:
            joined[-1] += pending
        else:
            joined.append(pending)
    return joined


def _attach_punctuation(units: list[str]) -> list[str]:
    """Opening marks join the phrase after them; closing marks and other punctuation the one before."""
    out: list[str] = []
    carry = ""
    for unit in units:
        if unit and all(char in OPENING for char in unit):
            carry += unit
            continue
        unit, carry = carry + unit, ""
        if out and unit and unit[0] in PUNCTUATION and not _is_quotation(unit):
            lead = len(unit) - len(unit.lstrip(PUNCTUATION))
            out[-1] += unit[:lead]
            unit = unit[lead:]
        if unit:
            out.append(unit)
    if carry:
        out.append(carry)
    return out


def _is_quotation(unit: str) -> bool:
    return unit[0] in QUOTES


def longest_phrase(text: str) -> int:
    """Characters in the longest phrase of ``text``: a line must hold at least that many."""
    return max((len(phrase) for phrase in phrases(text)), default=0)
