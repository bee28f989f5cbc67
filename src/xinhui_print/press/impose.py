"""Saddle-stitch imposition: single press pages in reading order → printer's spreads.

Each folded sheet has a front and a back side with two pages side by side.  For N
pages (padded to a multiple of 4 with blank pages inserted before the back cover),
sheet *s* (0 = outermost) carries front (N−1−2s | 2s) and back (2s+1 | N−2−2s).

Every page is placed as a Form XObject, clipped at its trim on the spine side and
keeping its bleed on the three outer edges.  Creep compensation shifts the pages of
sheet *s* towards the spine by ``s × paper thickness``.  The sheet gets a TrimBox
(the two trims), a BleedBox (trim + bleed), optional crop and fold marks outside the
bleed, the source's OutputIntent and a PDF/X-4 identity of its own.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Name

from ..errors import InputError, Location, PdfReadError
from .marks import (
    MARK_MARGIN_MM,
    add_registration_space,
    crop_mark_lines,
    fold_mark_lines,
    marks_content,
)
from .postprocess import CHINA_TZ, write_identity
from .profiles import PressProfile, press_profile

MM = 72 / 25.4
MAX_CREEP_MM = 2.0
MAX_SHEET_PT = 14400.0  # the largest page PDF allows (200 in)


@dataclass(frozen=True)
class ImposeOptions:
    """``creep_mm``: paper thickness in mm (0 = no creep compensation); ``marks``: crop/fold marks."""

    binding: str = "saddle"
    creep_mm: float = 0.0
    marks: bool = False


@dataclass
class Imposition:
    """What :func:`impose` produced, for the manifest and the job sheet."""

    source_pages: int
    padded_pages: int
    sheets: int
    sides: list[tuple[int | None, int | None]] = field(default_factory=list)  # 1-based, None = blank
    trim_mm: list[float] = field(default_factory=list)  # of one page
    sheet_trim_mm: list[float] = field(default_factory=list)
    bleed_mm: float = 0.0
    creep_mm: float = 0.0
    max_shift_mm: float = 0.0


def saddle_sides(count: int) -> list[tuple[int, int]]:
    """0-based (left, right) page pairs for each sheet side, fronts before backs."""
    if count % 4:
        raise ValueError("saddle page count must be a multiple of 4")
    sides = []
    for sheet in range(count // 4):
        sides.append((count - 1 - 2 * sheet, 2 * sheet))
        sides.append((2 * sheet + 1, count - 2 - 2 * sheet))
    return sides


def padded_order(count: int) -> list[int | None]:
    """Reading order padded to a multiple of 4: blanks (None) go before the last page."""
    missing = -count % 4
    if missing == 0 or count < 2:
        return list(range(count)) + [None] * missing
    return list(range(count - 1)) + [None] * missing + [count - 1]


def check_options(options: ImposeOptions) -> None:
    if options.binding != "saddle":
        raise InputError(f"unknown binding {options.binding!r}; supported: saddle")
    if not 0 <= options.creep_mm <= MAX_CREEP_MM:  # also refuses nan
        raise InputError(f"--creep is a paper thickness in mm (0–{MAX_CREEP_MM:g}), got {options.creep_mm}")


def impose(pdf_bytes: bytes, options: ImposeOptions = ImposeOptions(),
           profile: PressProfile | None = None, source: str | Path | None = None) -> tuple[bytes, Imposition]:
    """Impose press PDF bytes; returns the imposed PDF bytes and a description.

    ``source`` names the PDF in error messages."""
    check_options(options)
    where = Location(source) if source is not None else None
    profile = profile or press_profile()
    pdf = _open(pdf_bytes, where)
    with pdf:
        geometry = _Geometry.from_page(pdf.pages[0], options.marks)
        geometry.check_size(where)
        order = padded_order(len(pdf.pages))
        sides = saddle_sides(len(order))
        out = pikepdf.new()
        forms = [_page_form(out, page) for page in pdf.pages]
        info = Imposition(len(pdf.pages), len(order), len(order) // 4,
                          trim_mm=geometry.trim_mm, sheet_trim_mm=geometry.sheet_trim_mm,
                          bleed_mm=round(geometry.bleed / MM, 2), creep_mm=options.creep_mm)
        for index, (left, right) in enumerate(sides):
            sheet = index // 2
            shift = sheet * options.creep_mm * MM
            info.max_shift_mm = round(max(info.max_shift_mm, shift / MM), 3)
            slots = (order[left], order[right])
            info.sides.append(tuple(None if s is None else s + 1 for s in slots))
            _add_sheet_side(out, geometry, [None if s is None else forms[s] for s in slots],
                            shift, options.marks)
        _copy_output_intent(pdf, out)
        title = f"{pdf.docinfo.get('/Title', 'untitled')} (saddle-stitch spreads)"
        created = _created(pdf)
    data = write_identity(out, profile, title=title, created=created)
    return data, info


def _page_form(out: pikepdf.Pdf, page: pikepdf.Page) -> pikepdf.Stream:
    """The page as a Form XObject whose BBox is the whole MediaBox (pikepdf uses the
    TrimBox, which would cut the bleed off)."""
    form = page.as_form_xobject()
    form.BBox = pikepdf.Array([float(v) for v in page.obj.MediaBox])
    return out.copy_foreign(form)


def _open(pdf_bytes: bytes, where: Location | None) -> pikepdf.Pdf:
    try:
        pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    except pikepdf.PasswordError:
        raise PdfReadError("cannot read PDF (encrypted with a password)", where) from None
    except pikepdf.PdfError as error:
        reason = str(error).split(": ", 1)[-1]
        raise PdfReadError(f"cannot read PDF ({reason})", where) from None
    problem = None
    if pdf.is_encrypted:
        problem = PdfReadError("cannot read PDF (encrypted; PDF/X forbids encryption)", where)
    elif len(pdf.pages) == 0:
        problem = InputError("PDF has no pages", where)
    elif "/TrimBox" not in pdf.pages[0].obj:
        problem = InputError("PDF has no TrimBox: impose press PDFs (build --press)", where)
    if problem:
        pdf.close()
        raise problem
    return pdf


@dataclass(frozen=True)
class _Geometry:
    """Sizes in points: one page's trim (w, h) and bleed, the mark margin, the page's trim origin."""

    width: float
    height: float
    bleed: float
    margin: float
    trim_origin: tuple[float, float]

    @classmethod
    def from_page(cls, page: pikepdf.Page, marks: bool) -> _Geometry:
        x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
        bleed_box = [float(v) for v in page.obj.get("/BleedBox", page.obj.MediaBox)]
        bleed = max(0.0, min(x0 - bleed_box[0], y0 - bleed_box[1],
                             bleed_box[2] - x1, bleed_box[3] - y1))
        margin = MARK_MARGIN_MM * MM if marks else 0.0
        return cls(x1 - x0, y1 - y0, bleed, margin, (x0, y0))

    def check_size(self, where: Location | None) -> None:
        width, height = self.media
        if self.width <= 0 or self.height <= 0 or max(width, height) > MAX_SHEET_PT:
            raise InputError(
                f"a page trimmed to {self.width / MM:.0f} × {self.height / MM:.0f} mm makes a sheet of "
                f"{width / MM:.0f} × {height / MM:.0f} mm; a PDF page is at most "
                f"{MAX_SHEET_PT / MM:.0f} mm a side", where)

    @property
    def trim_mm(self) -> list[float]:
        return [round(self.width / MM, 1), round(self.height / MM, 1)]

    @property
    def sheet_trim_mm(self) -> list[float]:
        return [round(2 * self.width / MM, 1), round(self.height / MM, 1)]

    @property
    def sheet_trim(self) -> tuple[float, float, float, float]:
        x0 = y0 = self.margin + self.bleed
        return (x0, y0, x0 + 2 * self.width, y0 + self.height)

    @property
    def media(self) -> tuple[float, float]:
        return (2 * (self.width + self.bleed + self.margin), self.height + 2 * (self.bleed + self.margin))


def _add_sheet_side(out, geometry: _Geometry, forms: list, shift: float, marks: bool) -> None:
    width, height = geometry.media
    out.add_blank_page(page_size=(round(width, 4), round(height, 4)))
    page = out.pages[-1]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary())
    trim = geometry.sheet_trim
    spine = trim[0] + geometry.width
    parts = []
    for position, form in enumerate(forms):
        if form is None:
            continue
        name = Name(f"/P{position}")
        page.obj.Resources.XObject[name] = form
        parts.append(_placement(geometry, position, shift, spine, name))
    if marks:
        add_registration_space(out, page.obj.Resources)
        parts.append(marks_content(crop_mark_lines(trim, geometry.bleed),
                                   dashed=fold_mark_lines(spine, trim, geometry.bleed)).decode())
    page.obj.Contents = out.make_stream("\n".join(parts).encode("ascii"))
    b = geometry.bleed
    page.obj.MediaBox = pikepdf.Array([0, 0, round(width, 4), round(height, 4)])
    page.obj.TrimBox = pikepdf.Array([round(v, 4) for v in trim])
    page.obj.BleedBox = pikepdf.Array(
        [round(v, 4) for v in (trim[0] - b, trim[1] - b, trim[2] + b, trim[3] + b)]
    )


def _placement(geometry: _Geometry, position: int, shift: float, spine: float, name: Name) -> str:
    """Clip to the page's half of the sheet (trim at the spine, bleed outside) and draw it."""
    b, top = geometry.bleed, geometry.margin + 2 * geometry.bleed + geometry.height
    bottom = geometry.margin
    if position == 0:  # left page: spine on its right, moves right for creep
        clip = (geometry.margin, bottom, spine, top)
        page_x = spine - geometry.width + shift
    else:  # right page: spine on its left, moves left for creep
        clip = (spine, bottom, spine + geometry.width + b, top)
        page_x = spine - shift
    dx = page_x - geometry.trim_origin[0]
    dy = geometry.margin + b - geometry.trim_origin[1]
    x0, y0, x1, y1 = clip
    return (f"q {x0:.4f} {y0:.4f} {x1 - x0:.4f} {y1 - y0:.4f} re W n "
            f"1 0 0 1 {dx:.4f} {dy:.4f} cm {name} Do Q")


def _copy_output_intent(source: pikepdf.Pdf, out: pikepdf.Pdf) -> None:
    if "/OutputIntents" in source.Root:
        out.Root.OutputIntents = pikepdf.Array(
            [out.copy_foreign(source.make_indirect(intent)) for intent in source.Root.OutputIntents]
        )


def _created(source: pikepdf.Pdf) -> dt.datetime:
    text = str(source.docinfo.get("/CreationDate", ""))
    try:
        return dt.datetime.strptime(text[2:16], "%Y%m%d%H%M%S").replace(tzinfo=CHINA_TZ)
    except ValueError:
        return dt.datetime(2000, 1, 1, tzinfo=CHINA_TZ)
