"""Icons: Tabler's outline set (MIT, from the ``tablerpy`` package) as inline SVG, chosen by topic.

A chapter or a KPI gets the icon of its topic (:mod:`.topics`: 制造 →
``building-factory-2``, 交通 → ``road`` …) unless the data names one (``icon:``).  Icons
are drawn as vector paths in the colour the layout passes (a theme token: sRGB on screen,
``device-cmyk()`` in press files), never as images.
"""

from __future__ import annotations

import difflib
import functools
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable

from markupsafe import Markup
from tablerpy import OutlineIcon, get_icon

from .topics import FALLBACK_CHAPTER, FALLBACK_INDICATOR, TOPICS, Topic, topic_of

SVG_NS = "{http://www.w3.org/2000/svg}"
STROKE_WIDTH = 1.75
"""Tabler draws with 2 on a 24 grid; a little lighter reads better beside Chinese text."""


@functools.cache
def icon_names() -> frozenset[str]:
    """Every outline icon name (``building-factory-2``), as on tabler.io/icons."""
    return frozenset(icon.value.removesuffix(".svg") for icon in OutlineIcon)


def check_icon_name(name: str) -> str:
    """``name`` if it is an outline icon; else a ValueError naming the nearest ones."""
    if name in icon_names():
        return name
    near = _nearest(name)
    hint = f"did you mean {', '.join(near)}?" if near else "names as on tabler.io/icons, e.g. building-factory-2"
    raise ValueError(f"unknown icon {name!r} ({hint})")


def _nearest(name: str) -> list[str]:
    """Up to three icons whose name, or a word of it (``factory`` in ``building-factory``),
    is close to ``name``."""
    by_word: dict[str, list[str]] = {}
    for icon in sorted(icon_names(), key=len):
        for word in icon.split("-"):
            by_word.setdefault(word, []).append(icon)
    words = difflib.get_close_matches(name, list(by_word), n=2, cutoff=0.75)
    near = [icon for word in words for icon in by_word[word][:2]]
    near += difflib.get_close_matches(name, sorted(icon_names()), n=3, cutoff=0.6)
    return list(dict.fromkeys(near))[:3]


@functools.cache
def _icon_body(name: str) -> str:
    """The drawing elements of an icon (paths, circles …) without Tabler's invisible frame."""
    member = OutlineIcon(f"{check_icon_name(name)}.svg")
    root = ElementTree.fromstring(get_icon(member).read_text(encoding="utf-8"))
    parts = []
    for element in root:
        if element.get("stroke") == "none":
            continue  # the 24×24 bounding rectangle
        tag = element.tag.removeprefix(SVG_NS)
        attributes = "".join(f' {key}="{value}"' for key, value in element.attrib.items())
        parts.append(f"<{tag}{attributes}/>")
    return "".join(parts)


def icon_svg(name: str, colour: str, class_: str = "icon") -> Markup:
    """An inline ``<svg>`` of icon ``name`` stroked in ``colour`` (a CSS colour from the theme);
    its size comes from the layout's CSS (``.icon { width: …; height: … }``).  Its ``<title>``
    (the topic, :func:`icon_label`) is the alternative text of the ``Figure`` a tagged PDF
    makes of it."""
    return Markup(
        '<svg class="{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
        'stroke="{}" stroke-width="{}" stroke-linecap="round" stroke-linejoin="round">'
        '<title>{}</title>{}</svg>'
    ).format(class_, colour, STROKE_WIDTH, icon_label(name), Markup(_icon_body(name)))


def icon_label(name: str) -> str:
    """What an icon stands for, in words: its topic (``制造/工业``), else its name."""
    return _LABELS.get(name, name.replace("-", " "))


_LABELS = {**{topic.icon: topic.name for topic in TOPICS},
           FALLBACK_CHAPTER: "任务", FALLBACK_INDICATOR: "指标", "target-arrow": "目标"}


def chapter_icon(chapter) -> str:
    """A chapter's icon: its own ``icon``, else its topic's (headline, deck, then sections)."""
    texts = [(chapter.headline, 4), (chapter.deck, 2)]
    texts += [(section.title, 1) for section in chapter.sections]
    return chapter.icon or _topic_icon(texts, FALLBACK_CHAPTER)


def indicator_icon(indicator) -> str:
    """A KPI's icon: its own (``icon:``), else its label's topic (a target's: the topic)."""
    own = getattr(indicator, "icon", None)  # targets have no icon field
    return own or _topic_icon([(indicator.label, 1)], FALLBACK_INDICATOR)


def _topic_icon(texts: Iterable[tuple[str, int]], fallback: str) -> str:
    topic = topic_of(texts)
    return topic.icon if topic else fallback


__all__ = [
    "TOPICS", "Topic", "chapter_icon", "check_icon_name", "icon_label", "icon_names", "icon_svg",
    "indicator_icon", "topic_of",
]
