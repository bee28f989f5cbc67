"""Screen PDF export: a laid-out WeasyPrint document → PDF bytes."""

from __future__ import annotations

from dataclasses import dataclass

import weasyprint


@dataclass(frozen=True)
class PdfOptions:
    """Options for screen PDFs.

    ``uncompressed``: write uncompressed streams (for tests that read raw bytes).
    """

    uncompressed: bool = False


def export_pdf(document: weasyprint.Document, options: PdfOptions = PdfOptions()) -> bytes:
    return document.write_pdf(uncompressed_pdf=options.uncompressed)


def trim_mm(document: weasyprint.Document) -> list[float]:
    """The first page's trim size in millimetres (CSS px → mm), rounded to 0.1 mm."""
    page = document.pages[0]
    return [round(page.width * 25.4 / 96, 1), round(page.height * 25.4 / 96, 1)]
