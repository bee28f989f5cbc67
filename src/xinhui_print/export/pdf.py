"""PDF export: a laid-out WeasyPrint document → PDF bytes, with compact font subsets.

WeasyPrint subsets fonts with HarfBuzz keeping glyph IDs: every embedded CJK face
keeps its ~65,000 glyph slots (empty but for the used ones), which is most of a
file's bytes and most of the time a RIP or Ghostscript spends on it.
:func:`compact_font_subsets` rewrites each CID-keyed CFF subset to hold only the
glyphs the document shows: the glyphs keep their CIDs (the CFF charset maps each
kept glyph to its CID), so content streams, widths and ToUnicode stay as they are;
the OpenType wrapper becomes a bare ``CIDFontType0C`` program (:mod:`.cff`).
Screen and press PDFs go through it; social PDFs can, with :func:`compact_pdf`.

A printable layout is laid out once, with the press bleed, and written once
(:func:`write_pdf`): the screen PDF is those bytes cropped to the trim
(``compact_pdf(..., crop_to_trim=True)``), the press PDF is post-processed from them.
"""

from __future__ import annotations

import io
import struct
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pikepdf
from pikepdf import Name

from .cff import CffError, keep_cids
from .tagging import PDF_UA_VARIANT, pagination_as_artifacts

if TYPE_CHECKING:
    import weasyprint


@dataclass(frozen=True)
class PdfOptions:
    """Options for screen PDFs.

    ``uncompressed``: write uncompressed streams (for tests that read raw bytes).
    ``tagged``: a tagged PDF/UA-1 file (structure tree, ``/Alt``, ``/Lang``; see
    :mod:`.tagging` for what is added after the write).
    """

    uncompressed: bool = False
    tagged: bool = False


def export_pdf(document: weasyprint.Document, options: PdfOptions = PdfOptions()) -> bytes:
    """The document as PDF bytes, font subsets compacted."""
    return compact_pdf(write_pdf(document, options), compress=not options.uncompressed)


def write_pdf(document: weasyprint.Document, options: PdfOptions = PdfOptions()) -> bytes:
    """WeasyPrint's PDF of the document, before compaction (the one write a layout's
    screen and press PDFs are both made from)."""
    variant = PDF_UA_VARIANT if options.tagged else None
    return document.write_pdf(uncompressed_pdf=options.uncompressed, pdf_variant=variant)


def compact_pdf(data: bytes, compress: bool = True, crop_to_trim: bool = False,
                pagination_artifacts: bool = False) -> bytes:
    """PDF bytes → the same PDF with compact font subsets (deterministic).

    ``crop_to_trim``: every page's MediaBox and BleedBox become its TrimBox (the screen
    PDF of a page laid out with the press bleed: what lies in the bleed is clipped).
    ``pagination_artifacts``: a tagged file's running heads and folios become
    pagination artifacts (:func:`.tagging.pagination_as_artifacts`).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if crop_to_trim:
            _crop_to_trim(pdf)
        if pagination_artifacts:
            pagination_as_artifacts(pdf)
        compact_font_subsets(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=compress,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate if compress
                 else pikepdf.ObjectStreamMode.disable)
        return out.getvalue()


def _crop_to_trim(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        trim = page.obj.get("/TrimBox")
        if trim is not None:
            page.obj.MediaBox = trim
            page.obj.BleedBox = trim


# -- compact font subsets ----------------------------------------------------------

def compact_font_subsets(pdf: pikepdf.Pdf) -> int:
    """Keep only the shown glyphs in each CID-keyed CFF subset; returns how many fonts changed.

    A glyph is kept when a content stream (page, form, tiling pattern) shows its code
    through an ``Identity-H`` font, or when the font's ``/W`` widths list it (WeasyPrint
    writes a width for every glyph it used); ``.notdef`` is always kept.  Fonts with
    another encoding, TrueType outlines or a name-keyed CFF are left as they are.
    """
    shown = _shown_codes(pdf)
    changed = 0
    for font_file, cid_fonts in _cid_cff_fonts(pdf).items():
        keep = {0} | shown.get(font_file, set())
        for cid_font in cid_fonts:
            keep |= _width_cids(cid_font.get("/W"))
        descriptor = cid_fonts[0].FontDescriptor
        try:
            program = keep_cids(descriptor.FontFile3.read_bytes(), keep)
        except CffError:
            program = None
        if program is None:
            continue
        descriptor.FontFile3 = pdf.make_stream(program, Subtype=Name.CIDFontType0C)
        for cid_font in cid_fonts:
            if "/CIDToGIDMap" in cid_font:  # a CIDFontType2 key; CFF maps CIDs itself
                del cid_font["/CIDToGIDMap"]
        changed += 1
    return changed


def _cid_cff_fonts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], list[pikepdf.Dictionary]]:
    """Font file objgen → the CIDFontType0 dictionaries of Identity-H fonts embedding it."""
    found: dict[tuple[int, int], list[pikepdf.Dictionary]] = defaultdict(list)
    for font in _fonts(pdf):
        cid_font = _identity_cid_cff(font)
        if cid_font is not None:
            found[cid_font.FontDescriptor.FontFile3.objgen].append(cid_font)
    return found


def _identity_cid_cff(font) -> pikepdf.Dictionary | None:
    """The descendant CIDFontType0 of an Identity-H Type0 font with an embedded CFF, or None."""
    if font.get("/Subtype") != Name.Type0 or font.get("/Encoding") != Name("/Identity-H"):
        return None
    descendants = font.get("/DescendantFonts")
    if not isinstance(descendants, pikepdf.Array) or len(descendants) != 1:
        return None
    cid_font = descendants[0]
    descriptor = cid_font.get("/FontDescriptor")
    if cid_font.get("/Subtype") != Name.CIDFontType0 or descriptor is None:
        return None
    font_file = descriptor.get("/FontFile3")
    if not isinstance(font_file, pikepdf.Stream) or font_file.get("/Subtype") not in (
            Name.OpenType, Name.CIDFontType0C):
        return None
    return cid_font


def _width_cids(widths) -> set[int]:
    """The CIDs a ``/W`` array lists (``c [w…]`` and ``c1 c2 w`` forms)."""
    cids: set[int] = set()
    items = list(widths) if isinstance(widths, pikepdf.Array) else []
    index = 0
    while index + 1 < len(items):
        first, following = int(items[index]), items[index + 1]
        if isinstance(following, pikepdf.Array):
            cids.update(range(first, first + len(following)))
            index += 2
        elif index + 2 < len(items):
            cids.update(range(first, int(following) + 1))
            index += 3
        else:
            break
    return cids


TEXT_OPERATORS = "q Q Tf Tj TJ ' \""


def _shown_codes(pdf: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """Font file objgen → two-byte codes shown with it, from every content stream."""
    shown: dict[tuple[int, int], set[int]] = defaultdict(set)
    visited: set[tuple[int, int]] = set()
    keys: dict[tuple[int, int], tuple[int, int] | None] = {}

    def font_key(fonts, name) -> tuple[int, int] | None:
        font = fonts.get(name) if fonts is not None else None
        if font is None:
            return None
        if font.objgen not in keys or font.objgen == (0, 0):
            keys[font.objgen] = _font_file_key(font)
        return keys[font.objgen]

    def visit(stream, resources) -> None:
        fonts = resources.get("/Font") if resources is not None else None
        font_file, stack = None, []
        for operands, operator in pikepdf.parse_content_stream(stream, TEXT_OPERATORS):
            name = str(operator)
            if name == "q":
                stack.append(font_file)
            elif name == "Q":
                font_file = stack.pop() if stack else font_file
            elif name == "Tf":
                font_file = font_key(fonts, operands[0])
            elif font_file is not None and operands:
                strings = operands[0] if name == "TJ" else [operands[-1]]
                raw = b"".join(bytes(item) if len(bytes(item)) % 2 == 0 else bytes(item)[:-1]
                               for item in strings if isinstance(item, pikepdf.String))
                shown[font_file].update(struct.unpack(f">{len(raw) // 2}H", raw))
        for child in _child_streams(resources):
            if child.objgen not in visited:
                visited.add(child.objgen)
                visit(child, child.get("/Resources", resources))

    for page in pdf.pages:
        visit(page.obj, _page_resources(page.obj))
    return shown


def _font_file_key(font) -> tuple[int, int] | None:
    cid_font = _identity_cid_cff(font) if font is not None else None
    return cid_font.FontDescriptor.FontFile3.objgen if cid_font is not None else None


def _child_streams(resources):
    """Form XObjects and tiling patterns named in ``resources``."""
    if resources is None:
        return
    for xobject in (resources.get("/XObject") or {}).values():
        if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == Name.Form:
            yield xobject
    for pattern in (resources.get("/Pattern") or {}).values():
        if isinstance(pattern, pikepdf.Stream) and pattern.get("/PatternType") == 1:
            yield pattern


def _page_resources(page: pikepdf.Dictionary):
    node = page
    for _ in range(64):
        if node is None or "/Resources" in node:
            return None if node is None else node.Resources
        node = node.get("/Parent")
    return None


def trim_mm(document: weasyprint.Document) -> list[float]:
    """The first page's trim size in millimetres (CSS px → mm), rounded to 0.1 mm."""
    page = document.pages[0]
    return [round(page.width * 25.4 / 96, 1), round(page.height * 25.4 / 96, 1)]


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
