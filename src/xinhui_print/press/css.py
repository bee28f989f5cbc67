"""Press stylesheet: the CSS that turns a layout's render into a CMYK press render.

Given to :func:`xinhui_print.render.render` as a user stylesheet (so every layout rule
still wins), it

* declares the press ICC profile as WeasyPrint's ``device-cmyk`` colour profile
  (``components`` is mandatory in WeasyPrint 70);
* replaces every colour WeasyPrint's user-agent stylesheet adds in RGB (links, ``hr``,
  ``mark``, table borders, the initial text colour) with 100 % K or a CMYK tint;
* makes ``hr`` borders solid: inset/outset/groove/ridge borders with a ``device-cmyk()``
  colour crash WeasyPrint 70 (it lightens the colour through sRGB).
"""

from __future__ import annotations

from pathlib import Path

K100 = "device-cmyk(0 0 0 1)"

UA_OVERRIDES = f"""
html {{ color: {K100}; }}
:link, :visited, a {{ color: inherit; }}
hr {{ color: {K100}; border-color: {K100}; border-style: solid; border-width: 0.5pt 0 0 0; }}
mark {{ background-color: device-cmyk(0 0 0.9 0); color: {K100}; }}
table, thead, tbody, tfoot, tr, th, td {{ border-color: {K100}; }}
abbr[title], acronym[title] {{ text-decoration-color: {K100}; }}
::marker {{ color: inherit; }}
"""



def press_stylesheet(icc_path: Path) -> str:
    """The CSS text: ``@color-profile device-cmyk`` plus the user-agent colour overrides."""
    return (
        "@color-profile device-cmyk {\n"
        f"  src: url({Path(icc_path).resolve().as_uri()});\n"
        "  components: c, m, y, k;\n"
        "}\n" + UA_OVERRIDES
    )

