"""Chinese labels broken into lines that fit a width (never inside a number or a Latin word)."""

from __future__ import annotations

import re

from .measure import TextStyle

_TOKEN = re.compile(r"[0-9A-Za-z.%+\-]+|.", re.S)
_NO_LINE_START = set("，。、；：？！）》」』”’%")
ELLIPSIS = "…"


def wrap(text: str, width: float, style: TextStyle, size: float, max_lines: int = 2,
         bold: bool = False) -> list[str]:
    """``text`` in lines of at most ``width`` px; past ``max_lines`` the last line ends in …"""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(text):
        if line and style.width(line + token, size, bold) > width and token not in _NO_LINE_START:
            lines.append(line)
            line = token.lstrip()
        else:
            line += token
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shorten(lines[-1] + ELLIPSIS, width, style, size, bold)
    return [shorten(item, width, style, size, bold) for item in lines]


def shorten(text: str, width: float, style: TextStyle, size: float, bold: bool = False) -> str:
    """``text`` cut to fit ``width``, ending in … when cut (a single token wider than the line)."""
    if style.width(text, size, bold) <= width:
        return text
    body = text.rstrip(ELLIPSIS)
    while body and style.width(body + ELLIPSIS, size, bold) > width:
        body = body[:-1]
    return body + ELLIPSIS if body else ""
