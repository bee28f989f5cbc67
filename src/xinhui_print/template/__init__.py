"""Template stage: Report + Layout → one HTML string (Jinja2, autoescaped).

All report text is untrusted: it is escaped, and the only markup added to it
comes from the filters below (figures, emphasis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..errors import LayoutError, Location
from ..fonts import FontRole, font_face_css
from ..icons import chapter_icon, icon_svg, indicator_icon
from ..layout import Layout
from ..model import Figure, Report, segments

CHINESE_NUMERALS = "〇一二三四五六七八九十"


def rich(text: str) -> Markup:
    """Escape ``text`` and mark its figures (``<b class="fig">``) and ``**emphasis**``."""
    parts = []
    for segment in segments(text):
        if segment.kind == "figure":
            parts.append(Markup('<b class="fig">{}</b>').format(segment.text))
        elif segment.kind == "emphasis":
            parts.append(Markup('<b class="em">{}</b>').format(segment.text))
        else:
            parts.append(escape(segment.text))
    return Markup("").join(parts)


def figure_html(figure: Figure | None, class_: str = "kpi-fig") -> Markup:
    """A big figure: qualifier, numeral and unit as separate spans on one baseline."""
    if figure is None:
        return Markup("")
    before = Markup('<span class="q q-before">{}</span>').format(figure.qualifier) if figure.qualifier_before else ""
    after = (
        Markup('<span class="q">{}</span>').format(figure.qualifier)
        if figure.qualifier and not figure.qualifier_before
        else ""
    )
    unit = Markup('<span class="unit">{}</span>').format(figure.unit) if figure.unit else ""
    long = " fig-long" if figure_width_em(figure) > LONG_FIGURE_EM else ""
    return Markup('<span class="{}{}">{}<span class="num">{}</span>{}{}</span>').format(
        class_, long, before, figure.number, unit, after
    )


LONG_FIGURE_EM = 4.0
"""A big figure wider than this (in its own em) is marked ``fig-long``: layouts set it smaller
(the longest the data allows, ``123456万平方米``, is about 4.4 em)."""


def figure_width_em(figure: Figure) -> float:
    """Roughly how wide a big figure is set: condensed digits (~0.45 em), the unit at 0.42 em
    and the qualifier at 0.3 em per character (see ``_base/css/10-figures.css``)."""
    return 0.45 * len(figure.number) + 0.42 * len(figure.unit or "") + 0.3 * len(figure.qualifier or "")


_CLAUSE_BREAK = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def title_lines(title: str) -> list[str]:
    """A two-clause Chinese headline (``乘势而上加速奔跑 开局之年再上台阶``) → its clauses.

    Only a space between Chinese characters separates lines; Latin titles stay whole.
    """
    return [part for part in _CLAUSE_BREAK.split(title.strip()) if part]


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (chapter and section numbers up to 99)."""
    if number < 0 or number > 99:
        return str(number)
    if number <= 10:
        return CHINESE_NUMERALS[number]
    tens, units = divmod(number, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens]
    return f"{head}十{CHINESE_NUMERALS[units] if units else ''}"


@dataclass
class TemplateContext:
    """Everything a layout's templates receive besides the report."""

    layout: Layout
    mode: str  # "screen" | "press"
    theme: dict[str, str]
    fonts: dict[str, FontRole]
    charts: Any = None  # charts.ChartSet: drawn when a template places a chart
    extra: dict[str, Any] = field(default_factory=dict)


def environment(layout: Layout) -> jinja2.Environment:
    """The Jinja environment for a layout's template folders (built once per folder list:
    compiling the templates costs ~60 ms, and card fitting renders many times)."""
    return _environment(tuple(str(p) for p in layout.template_dirs()))


@cache
def _environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(template_dirs)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(rich=rich, figure=figure_html, cn=chinese_numeral, title_lines=title_lines,
                       two=lambda n: f"{int(n):02d}", chapter_icon=chapter_icon,
                       indicator_icon=indicator_icon)
    env.globals.update(icon_svg=icon_svg, shows=shows)
    return env


@jinja2.pass_context
def shows(context: jinja2.runtime.Context, unit: str) -> bool:
    """Does this document hold unit ``unit`` (a part that starts on a page of its own, by its
    ``id``)?  All of them unless the render options' ``units`` name some: copyfitting lays out
    the parts an edit changed on their own (:mod:`xinhui_print.copyfit.natural`)."""
    units = context.get("units")
    return units is None or unit in units


def stylesheet_text(paths: list[Path]) -> Markup:
    return Markup("\n").join(Markup(p.read_text(encoding="utf-8")) for p in paths)


def render_html(report: Report, context: TemplateContext) -> str:
    """Render the layout's ``main.html`` for ``report``."""
    env = environment(context.layout)
    try:
        template = env.get_template("main.html")
        return template.render(
            report=report,
            layout=context.layout.config,
            mode=context.mode,
            theme=context.theme,
            fonts={name: role.family for name, role in context.fonts.items()},
            font_faces=Markup(font_face_css(context.fonts.values())),
            stylesheets=stylesheet_text(context.layout.stylesheets()),
            charts=context.charts,
            **context.extra,
        )
    except jinja2.TemplateSyntaxError as error:
        raise LayoutError(f"template syntax error ({error.message})", Location(error.filename, error.lineno)) from None
    except jinja2.UndefinedError as error:
        raise LayoutError(f"template error ({error.message})", Location(context.layout.path)) from None
