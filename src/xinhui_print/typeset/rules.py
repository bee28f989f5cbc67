"""Where the typesetting rules apply in a run of Chinese text: str → ranges.

Each function takes the plain text of one paragraph (tags removed) and returns
character ranges ``(start, end)``; the stage turns the ranges into markup.
Nothing here knows about HTML or WeasyPrint.

- :func:`figure_ranges`: a number with its unit or qualifier (``57.8亿元``,
  ``7.5%以上``, ``2023年``, ``2月20日``, ``第42位``) — kept on one line.
- :func:`halt_positions`: the mark of an adjacent pair that is set half width
  (clreq 3.1.6.2): the first of two closing marks, otherwise an opening mark
  that follows another mark, so a line break never strands a halved mark.
- :func:`widow_range`: the paragraph's last two characters and trailing
  punctuation — kept together so no line holds a single character (孤字).
- :func:`latin_ranges`: Latin or digit runs next to Chinese, with the sides that
  touch Chinese (clreq 3.2.2).
- :func:`quote_breaks`: where Chinese rules allow a line break next to a
  quotation mark that Pango 1.50 (older UAX #14 rules for ``“ ” ‘ ’``) forbids.
"""

from __future__ import annotations

import re

from ..edition import with_traditional_forms
from .chars import CJK_CLASS, CLOSING, HAN_CLASS, OPENING, is_han, is_punctuation

NUMBER = r"[-+±]?\d+(?:[.,]\d+)*(?:\s?[-~～—–]\s?\d+(?:[.,]\d+)*)?"
# Longest first so that 亿元 wins over 亿 and 万平方米 over 万; Traditional forms too (億元).
UNITS = sorted(
    with_traditional_forms("""
    个百分点 百分点 万平方米 平方公里 平方米 立方米 万千瓦 千瓦时 千瓦 兆瓦 公里 千米 厘米 毫米 米
    万亩 亩 公顷 万吨 吨 公斤 千克 克 亿美元 美元 万亿元 亿元 万元 千元 元 万亿 亿 万 千 百
    万人次 人次 万人 万户 万家 个 家 项 位 名 人 次 件 宗 台 套 户 所 座 条 场 期 批 辆 艘 架 种 类
    部 款 篇 本 份 张 枚 株 棵 只 头 间 层 栋 幢 处 片 段 支 周年 年度 年 季度 月 日 号 时 小时
    分钟 天 周 岁 倍 成 级 星 G % ‰ ℃ A
    """.split()),
    key=len,
    reverse=True,
)
QUALIFIERS = "|".join(with_traditional_forms("以上|以下|左右|多|余|之内|以内".split("|")))
_UNIT = "|".join(re.escape(unit) for unit in UNITS)
_DATE = r"\d{1,4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日"
_FIGURE_RE = re.compile(
    rf"(?:{_DATE})|第?{NUMBER}(?:多|余)?(?:(?:{_UNIT})+(?:{QUALIFIERS})?|(?:{QUALIFIERS}))"
)
_HALT_RE = re.compile(f"[{CLOSING}](?=[{CLOSING}])|(?<=[{CLOSING}{OPENING}])[{OPENING}]")
_LATIN_RUN_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f.,%+\-/]*[A-Za-z0-9%+])?")


def figure_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of numbers with a unit or qualifier; never inside a Latin word."""
    ranges = []
    for match in _FIGURE_RE.finditer(text):
        start = match.start()
        if start and text[start - 1].isascii() and text[start - 1].isalnum():
            continue  # "PM2.5年" keeps PM2.5 whole; the break before 年 is no figure split
        ranges.append(match.span())
    return ranges


def halt_positions(text: str) -> list[int]:
    """Positions of marks that are set half width because a mark stands next to them."""
    return [match.start() for match in _HALT_RE.finditer(text)]


def widow_range(text: str) -> tuple[int, int] | None:
    """The tail to keep on one line: the last two characters plus punctuation.

    ``None`` when the paragraph does not end in a Han character (a Latin word or a
    figure cannot break into a single character anyway) or is too short.
    """
    end = len(text.rstrip())
    last = end - 1
    while last >= 0 and is_punctuation(text[last]):
        last -= 1
    if last < 1 or not is_han(text[last]):
        return None
    start = last - 1
    while start > 0 and is_punctuation(text[start]):
        start -= 1  # "发，展。" → keep "发，展。" together
    if text[start].isspace():
        return None
    return start, end


def latin_ranges(text: str) -> list[tuple[int, int, bool, bool]]:
    """Latin/digit runs touching Chinese: ``(start, end, cjk_before, cjk_after)``."""
    ranges = []
    for match in _LATIN_RUN_RE.finditer(text):
        start, end = match.span()
        before = start > 0 and re.match(HAN_CLASS, text[start - 1]) is not None
        after = end < len(text) and re.match(HAN_CLASS, text[end]) is not None
        if before or after:
            ranges.append((start, end, before, after))
    return ranges


_OPENING_QUOTES, _CLOSING_QUOTES = "“‘", "”’"


def quote_breaks(text: str) -> list[int]:
    """Positions where a line may break next to a quotation mark (clreq 3.1.4).

    Before an opening quote that follows a Han character or a closing mark, and
    after a closing quote that is followed by a Han character or an opening
    mark: Chinese rules allow both, Pango 1.50 allows neither (an opening quote
    still never ends a line, a closing one never starts one).
    """
    positions = []
    for index in range(1, len(text)):
        before, after = text[index - 1], text[index]
        if after in _OPENING_QUOTES and (is_han(before) or before in CLOSING):
            positions.append(index)
        elif before in _CLOSING_QUOTES and (is_han(after) or after in OPENING):
            positions.append(index)
    return positions


def has_chinese(text: str) -> bool:
    """True when the text holds at least one Chinese character or mark."""
    return re.search(CJK_CLASS, text) is not None
