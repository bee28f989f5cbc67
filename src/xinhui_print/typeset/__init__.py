"""Chinese typesetting: HTML stage and PDF measures.

- :func:`typeset_html` (``stage``): final HTML → HTML with punctuation, figure,
  widow and spacing markup; layout-independent.  Inter-character justification
  of the marked lines is done while WeasyPrint lays them out, by the render
  stage's adapter (:mod:`xinhui_print.render.weasyprint_adapter`), with the
  line plans of ``linebreak``.
- ``measure``: what a PDF actually shows (flush lines, kinsoku, splits, …).
"""

from ..layout.config import TypesetOptions
from .stage import typeset_css, typeset_html

__all__ = [
    "TypesetOptions",
    "typeset_css",
    "typeset_html",
]
