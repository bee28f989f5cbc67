"""Chinese typesetting: HTML stage, WeasyPrint justification hook, PDF measures.

- :func:`typeset_html` (``stage``): final HTML → HTML with punctuation, figure,
  widow and spacing markup; layout-independent.
- :func:`install_justification` (``weasyprint_hook``): the one place that
  touches WeasyPrint internals (inter-character justification, clreq 3.5.4).
- ``measure``: what a PDF actually shows (flush lines, kinsoku, splits, …).
"""

from ..layout.config import TypesetOptions
from .stage import typeset_css, typeset_html
from .weasyprint_hook import UnsupportedWeasyPrintError, install_justification

__all__ = [
    "TypesetOptions",
    "UnsupportedWeasyPrintError",
    "install_justification",
    "typeset_css",
    "typeset_html",
]
