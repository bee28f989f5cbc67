"""Screen PDF export: a laid-out WeasyPrint document → PDF bytes."""

from __future__ import annotations

import hashlib
import io
import re
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
    part).  Each part embeds its own font subsets, which WeasyPrint names after the
    font alone (``CUJEUO+Noto-Sans-CJK-SC``): later parts' subsets are renamed, so
    that no two different subsets in the joined file share a name.  A single part
    is returned as it is."""
    if len(parts) == 1:
        return parts[0]
    with pikepdf.open(io.BytesIO(parts[0])) as joined:
        for number, data in enumerate(parts[1:], start=1):
            with pikepdf.open(io.BytesIO(data)) as part:
                _rename_subsets(part, number)
                offset = len(joined.pages)
                joined.pages.extend(part.pages)
                _append_outline(joined, part, offset)
        out = io.BytesIO()
        joined.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def _rename_subsets(pdf: pikepdf.Pdf, number: int) -> None:
    """Give every subset font of ``pdf`` a new tag, derived from the old one and ``number``."""
    for font in _fonts(pdf):
        for holder in (font, *list(font.get("/DescendantFonts", []))):
            for owner, key in ((holder, "/BaseFont"), (holder.get("/FontDescriptor"), "/FontName")):
                if owner is None or key not in owner:
                    continue
                name = str(owner[key])[1:]
                if _SUBSET_TAG.match(name):
                    owner[key] = pikepdf.Name("/" + _subset_tag(name[:6], number) + name[6:])


def _subset_tag(old: str, number: int) -> str:
    digest = hashlib.sha256(f"{old}/{number}".encode()).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every font dictionary reached from the pages' resources (forms included), once."""
    found, seen = [], set()

    def visit(resources) -> None:
        if resources is None:
            return
        for font in (resources.get("/Font") or {}).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                found.append(font)
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.objgen not in seen and xobject.get("/Subtype") == "/Form":
                seen.add(xobject.objgen)
                visit(xobject.get("/Resources"))

    for page in pdf.pages:
        visit(page.obj.get("/Resources"))
    return found


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
