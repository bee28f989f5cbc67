"""Screen PDF export: a laid-out WeasyPrint document → PDF bytes."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
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


def join_pdfs(parts: list[bytes]) -> bytes:
    """PDFs laid out separately (parts of one set) → one PDF, deterministically.

    The first part gives the document information, language and metadata; pages
    follow in order.  Bookmarks of later parts are kept, re-pointed to their
    pages: when the first part has a single top-level bookmark (the set's title),
    they go under it, where they would be had the set been laid out at once.
    Named destinations of later parts are dropped (their names are local to each
    part).  A single part is returned as it is."""
    if len(parts) == 1:
        return parts[0]
    with pikepdf.open(io.BytesIO(parts[0])) as joined:
        for data in parts[1:]:
            with pikepdf.open(io.BytesIO(data)) as part:
                offset = len(joined.pages)
                joined.pages.extend(part.pages)
                _append_outline(joined, part, offset)
        out = io.BytesIO()
        joined.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _append_outline(joined: pikepdf.Pdf, part: pikepdf.Pdf, offset: int) -> None:
    pages = {page.objgen: index for index, page in enumerate(part.pages)}
    with part.open_outline() as source, joined.open_outline() as target:
        parent = target.root[0].children if len(target.root) == 1 else target.root
        parent.extend(_copy_item(item, pages, offset) for item in source.root)


def _copy_item(item: pikepdf.OutlineItem, pages: dict, offset: int) -> pikepdf.OutlineItem:
    destination = item.destination
    copied = pikepdf.OutlineItem(item.title)
    if isinstance(destination, pikepdf.Array) and len(destination) >= 4:
        index = pages.get(destination[0].objgen)
        if index is not None:
            copied = pikepdf.OutlineItem(item.title, offset + index, "XYZ", left=float(destination[2]),
                                         top=float(destination[3]))
    copied.children.extend(_copy_item(child, pages, offset) for child in item.children)
    return copied
