"""Generated PDF fixtures for preflight tests: a clean PDF/X-4 booklet and its variants.

``build(path, ...)`` writes a 4-page PDF/X-4 file (100 × 140 mm trim, 3 mm
bleed, FOGRA39-like output intent, an embedded Type 3 font) on which no rule
of ``sheetcmyk-cmyk`` or ``shop-cn`` fires.  Keyword arguments and hooks
change exactly one thing, so each negative test breaks one requirement.
ReportLab makes the pages that need real TrueType/standard fonts
(:func:`reportlab_form`); pikepdf assembles everything.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf

MM = 72 / 25.4
BLEED = 3 * MM
TRIM_W, TRIM_H = 100 * MM, 140 * MM
CMYK_PROFILE = Path("/usr/share/scribus/profiles/ISOcoated_v2_300_bas.icc")

MEDIA = (0.0, 0.0, TRIM_W + 2 * BLEED, TRIM_H + 2 * BLEED)
TRIM = (BLEED, BLEED, BLEED + TRIM_W, BLEED + TRIM_H)

# Page content in page space (origin at the media corner); the trim starts at 8.5 pt.
BACKGROUND = f"q 0.2 0 0 0 k 0 0 {MEDIA[2]:.4f} {MEDIA[3]:.4f} re f Q\n"
CLEAN_CONTENT = (
    BACKGROUND
    + "q 0 0 0 1 k BT /T3 12 Tf 40 330 Td (AAAA) Tj ET Q\n"  # K text at 12 pt
    + "q 0 g BT /T3 14 Tf 40 300 Td (AA) Tj ET Q\n"  # gray black text at 14 pt
    + "q 0 0 0 1 K 3 w 40 270 m 200 270 l S Q\n"  # K line 3 pt
    + "q 0.5 0.4 0 0 k 40 200 100 50 re f Q\n"  # a two-colorant block
    + "q 43.2 0 0 43.2 150 120 cm /Im1 Do Q\n"  # 180 px over 43.2 pt = 300 ppi
    + "q 1 0 0 1 40 60 cm /Fm1 Do Q\n"  # a transparency group in DeviceCMYK
)
OVERPRINT = "/GSop gs "


def cmyk_profile_bytes() -> bytes:
    return CMYK_PROFILE.read_bytes()


def srgb_profile_bytes() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def type3_font(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    """An embedded Type 3 font whose glyph ``A`` is a 500 × 700 box, 600 units wide."""
    glyph = pdf.make_stream(b"600 0 0 0 500 700 d1 0 0 500 700 re f")
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3,
        FontBBox=[0, 0, 500, 700], FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=pikepdf.Dictionary(A=glyph),
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=[65, pikepdf.Name.A]),
        FirstChar=65, LastChar=65, Widths=[600],
    ))


def image_stream(pdf, width, height, space=pikepdf.Name.DeviceCMYK, components=4, bits=8,
                 value=60, **extra) -> pikepdf.Stream:
    row_bytes = (width * components * bits + 7) // 8
    data = zlib.compress(bytes([value]) * row_bytes * height)
    stream = pdf.make_stream(data)
    stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    stream.Width, stream.Height, stream.BitsPerComponent = width, height, bits
    stream.Filter = pikepdf.Name.FlateDecode
    if space is not None:
        stream.ColorSpace = space
    for key, val in extra.items():
        stream[f"/{key}"] = val
    return stream


def group_form(pdf) -> pikepdf.Stream:
    form = pdf.make_stream(b"0.1 0.1 0.1 0.1 k 0 0 60 40 re f")
    form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
    form.BBox = [0, 0, 60, 40]
    form.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceCMYK)
    return form


def resources(pdf) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(
        Font=pikepdf.Dictionary(T3=type3_font(pdf)),
        XObject=pikepdf.Dictionary(Im1=image_stream(pdf, 180, 180), Fm1=group_form(pdf)),
        ExtGState=pikepdf.Dictionary(
            GSop=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=True, op=True, OPM=1)
        ),
        ColorSpace=pikepdf.Dictionary(
            Spot=pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/PANTONE 185 C"),
                                pikepdf.Name.DeviceCMYK, _tint_function(pdf)]),
            AllSep=pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All,
                                  pikepdf.Name.DeviceCMYK, _tint_function(pdf)]),
        ),
    )


def _tint_function(pdf):
    return pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[0, 1, 1, 0], N=1)


def add_pdfx_identity(pdf: pikepdf.Pdf, profile: bytes | None = None, claim: str = "PDF/X-4") -> None:
    profile = profile if profile is not None else cmyk_profile_bytes()
    icc = pdf.make_stream(profile)
    icc.N = 4 if profile[16:20] == b"CMYK" else 3
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String("FOGRA39"), DestOutputProfile=icc,
    )])
    pdf.docinfo.Trapped = pikepdf.Name("/False")
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        if claim:
            meta["pdfxid:GTS_PDFXVersion"] = claim
        meta["dc:title"] = "Preflight fixture"
        meta["xmp:CreateDate"] = "2026-01-01T00:00:00+00:00"
        meta["xmp:ModifyDate"] = "2026-01-01T00:00:00+00:00"
        meta["pdf:Trapped"] = "False"


PageHook = Callable[[pikepdf.Pdf, pikepdf.Dictionary, int], None]


def build(
    path: Path,
    *,
    pages: int = 4,
    content: str = CLEAN_CONTENT,
    extra: str = "",
    extra_on: tuple[int, ...] = (1,),
    page_hook: PageHook | None = None,
    doc_hook: Callable[[pikepdf.Pdf], None] | None = None,
    identity: bool = True,
) -> Path:
    """Write the clean booklet, with ``extra`` content appended on pages ``extra_on`` (1-based)."""
    pdf = pikepdf.new()
    shared = resources(pdf)
    for number in range(1, pages + 1):
        body = content + (extra if number in extra_on else "")
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=list(MEDIA), BleedBox=list(MEDIA), TrimBox=list(TRIM),
            Resources=shared, Contents=pdf.make_stream(body.encode("latin-1")),
        )
        pdf.pages.append(pikepdf.Page(page))
        if page_hook is not None:
            page_hook(pdf, pdf.pages[-1].obj, number)
    if identity:
        add_pdfx_identity(pdf)
    if doc_hook is not None:
        doc_hook(pdf)
    pdf.save(path, deterministic_id=True, min_version="1.6" if identity else "")
    return path


def reportlab_form(pdf: pikepdf.Pdf, draw: Callable) -> pikepdf.Stream:
    """Draw with a ReportLab canvas on a trim-sized page and return it as a form XObject."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(TRIM_W, TRIM_H), pageCompression=0)
    draw(page)
    page.showPage()
    page.save()
    source = pikepdf.open(io.BytesIO(buffer.getvalue()))
    form = source.pages[0].as_form_xobject()
    return pdf.copy_foreign(form)


def add_form(pdf: pikepdf.Pdf, page: pikepdf.Dictionary, name: str, form: pikepdf.Stream) -> None:
    """Give ``page`` its own resources with ``form`` added, and draw it at the trim origin."""
    own = pikepdf.Dictionary({k: v for k, v in page.Resources.items()})
    own.XObject = pikepdf.Dictionary({k: v for k, v in page.Resources.XObject.items()})
    own.XObject[f"/{name}"] = form
    page.Resources = own
    data = page.Contents.read_bytes() + f"q 1 0 0 1 {BLEED:.4f} {BLEED:.4f} cm /{name} Do Q\n".encode()
    page.Contents = pdf.make_stream(data)
