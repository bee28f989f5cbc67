"""Post-processing: WeasyPrint's PDF bytes → a press-ready, deterministic PDF/X-4 file.

The input is the same PDF the screen file is made from (one layout pass, laid out with
the press bleed, in the theme's sRGB); WeasyPrint's own PDF/X variant would add
metadata only.  This stage, with pikepdf:

1. removes annotations (links are not allowed inside the BleedBox in PDF/X);
2. moves each page's origin to the bleed corner: MediaBox = BleedBox = trim + bleed,
   TrimBox = the trim, no CropBox or ArtBox;
3. rewrites content streams to DeviceCMYK (theme colours → their CMYK tokens, other
   greys and black → K only), makes 100 % K text and thin rules overprint (GWG
   R0009/R0010) and gives each page and form resources listing only what it uses;
4. converts RGB images to CMYK with the press ICC profile, and RGB shadings;
5. sets every transparency group ``/CS`` to ``/DeviceCMYK`` (GWG R0030);
6. writes the OutputIntent (profile embedded, ``OutputConditionIdentifier`` e.g. FOGRA39,
   readable ``Info``, ``RegistryName``);
7. keeps only the shown glyphs in each font subset (:func:`~xinhui_print.export.pdf.compact_font_subsets`);
8. writes Info and XMP with dates from the report date and an XMP DocumentID and
   InstanceID derived from the content, so two builds are byte-identical.

Anything that could not be converted is listed in :class:`PostprocessReport` (and
found again by the preflight).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Name

from ..data.writer import write_atomic
from ..export.pdf import compact_font_subsets
from .colour import ColourConverter
from .content import (
    ContentStreamInstruction,
    colour_space_kind,
    overprint_states,
    rewrite_instructions,
)
from .marks import add_crop_marks
from .profiles import PressProfile

MM = 72 / 25.4
CHINA_TZ = dt.timezone(dt.timedelta(hours=8))
PRODUCER = "xinhui-print (WeasyPrint, pikepdf)"


@dataclass
class PostprocessReport:
    """What post-processing did, and what it could not fix."""

    pages: int = 0
    colours_converted: int = 0
    images_converted: int = 0
    shadings_converted: int = 0
    groups_fixed: int = 0
    overprinted_paints: int = 0
    annotations_removed: int = 0
    rich_black_text: int = 0
    fonts_compacted: int = 0
    unconverted: list[str] = field(default_factory=list)
    document_id: str = ""


# -- public API ----------------------------------------------------------------

def postprocess_pdf(
    pdf_bytes: bytes,
    profile: PressProfile,
    *,
    report_date: dt.date | str | None = None,
    title: str | None = None,
    crop_marks: bool = False,
    tokens: Mapping[tuple[int, int, int], tuple[float, ...]] | None = None,
) -> tuple[bytes, PostprocessReport]:
    """Make WeasyPrint PDF bytes press-ready; returns ``(bytes, report)``.

    ``tokens``: the theme's exact sRGB colours → their CMYK (see
    :func:`xinhui_print.layout.theme.press_colours`).
    ``crop_marks``: enlarge the MediaBox and draw crop marks outside the bleed in the
    registration colour (off by default: shops add their own).
    """
    report = PostprocessReport()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        converter = ColourConverter(profile.icc_path, tokens)
        created = _creation_datetime(pdf, report_date)
        title = title or str(pdf.docinfo.get("/Title", "")) or "untitled"
        report.pages = len(pdf.pages)
        _remove_annotations(pdf, report)
        states = overprint_states(pdf)
        _normalise_pages(pdf, profile.bleed_mm * MM, converter, report, states)
        _rewrite_forms(pdf, converter, report, states)
        _convert_images(pdf, converter, report)
        _convert_shadings(pdf, converter, report)
        _fix_transparency_groups(pdf, report)
        report.fonts_compacted = compact_font_subsets(pdf)
        set_output_intent(pdf, profile)
        if crop_marks:
            add_crop_marks(pdf)
        data = write_identity(pdf, profile, title=title, created=created, report=report)
    return data, report


def postprocess_file(src: Path, dest: Path, profile: PressProfile, **kwargs) -> PostprocessReport:
    """File version of :func:`postprocess_pdf`; ``dest`` is written atomically."""
    data, report = postprocess_pdf(Path(src).read_bytes(), profile, **kwargs)
    write_atomic(Path(dest), data)
    return report


# -- pages, boxes and content ----------------------------------------------------

def _remove_annotations(pdf: pikepdf.Pdf, report: PostprocessReport) -> None:
    for page in pdf.pages:
        if "/Annots" in page.obj:
            report.annotations_removed += len(page.obj.Annots)
            del page.obj["/Annots"]
    for key in ("/AcroForm", "/OpenAction", "/AA"):
        if key in pdf.Root:
            del pdf.Root[key]


def _normalise_pages(pdf, bleed: float, converter, report: PostprocessReport, states) -> None:
    for page in pdf.pages:
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)
        shift = (bleed - x0, bleed - y0)
        _rewrite_page_content(pdf, page, converter, shift, report, states)
        width, height = x1 - x0, y1 - y0
        set_page_boxes(page, width, height, bleed)


def set_page_boxes(page: pikepdf.Page, width: float, height: float, bleed: float) -> None:
    """MediaBox = BleedBox = trim + bleed from the origin; TrimBox inside; no Crop/ArtBox."""
    media = [0, 0, _round(width + 2 * bleed), _round(height + 2 * bleed)]
    page.obj.MediaBox = pikepdf.Array(media)
    page.obj.BleedBox = pikepdf.Array(media)
    page.obj.TrimBox = pikepdf.Array(
        [_round(bleed), _round(bleed), _round(bleed + width), _round(bleed + height)]
    )
    for key in ("/CropBox", "/ArtBox"):
        if key in page.obj:
            del page.obj[key]


def _rewrite_page_content(pdf, page, converter, shift, report, states) -> None:
    page.contents_coalesce()
    instructions = pikepdf.parse_content_stream(page)
    page.obj.Resources = _inherited_resources(page.obj)
    rewritten, stats = rewrite_instructions(
        instructions, converter, page.obj.Resources, inherit_overprint=False
    )
    prefix = [
        ContentStreamInstruction([], pikepdf.Operator("q")),
        ContentStreamInstruction([1, 0, 0, 1, *map(_round, shift)], pikepdf.Operator("cm")),
    ]
    suffix = [ContentStreamInstruction([], pikepdf.Operator("Q"))]
    page.obj.Contents = pdf.make_stream(
        pikepdf.unparse_content_stream(prefix + rewritten + suffix)
    )
    _own_resources(page.obj, rewritten, states)
    _add_stats(report, stats)


def _rewrite_forms(pdf: pikepdf.Pdf, converter, report: PostprocessReport, states) -> None:
    """Form XObjects and tiling patterns carry their own content streams."""
    for obj in list(pdf.objects):
        if not isinstance(obj, pikepdf.Stream):
            continue
        is_form = obj.get("/Subtype") == Name.Form
        is_tiling = obj.get("/PatternType") == 1
        if not (is_form or is_tiling):
            continue
        instructions = pikepdf.parse_content_stream(obj)
        rewritten, stats = rewrite_instructions(
            instructions, converter, obj.get("/Resources"), inherit_overprint=True
        )
        obj.write(pikepdf.unparse_content_stream(rewritten))
        _own_resources(obj, rewritten, states)
        _add_stats(report, stats)


def _own_resources(holder, instructions, states: dict) -> None:
    """Give a rewritten stream resources of its own that list only what it names.

    WeasyPrint shares one resource dictionary among every page and form, so each page
    seemed to hold every transparency group of the document: Ghostscript (and a RIP)
    composited every sheet of the imposed booklet, 3× the time of its pages alone.
    Colour spaces the rewrite replaced by DeviceCMYK go with the names no longer used.
    """
    names = {str(operand) for instruction in instructions
             if not isinstance(instruction, pikepdf.ContentStreamInlineImage)
             for operand in instruction.operands if isinstance(operand, Name)}
    inline_images = any(isinstance(i, pikepdf.ContentStreamInlineImage) for i in instructions)
    shared = holder.get("/Resources")
    own = pikepdf.Dictionary()
    for category, entries in (shared.items() if shared is not None else ()):
        if not isinstance(entries, pikepdf.Dictionary):
            own[category] = entries  # /ProcSet
        elif category == "/ColorSpace" and inline_images:  # named inside the image dictionary
            own[category] = entries
        else:
            kept = {name: entries[name] for name in entries.keys() if name in names}
            if kept:
                own[category] = pikepdf.Dictionary(kept)
    used_states = {str(name): state for name, state in states.items() if str(name) in names}
    if used_states:
        own.ExtGState = pikepdf.Dictionary({**dict(own.get("/ExtGState", {}).items()), **used_states})
    holder.Resources = own


def _inherited_resources(page: pikepdf.Dictionary) -> pikepdf.Dictionary:
    node = page
    while node is not None and "/Resources" not in node:
        node = node.get("/Parent")
    return node.Resources if node is not None else pikepdf.Dictionary()


def _add_stats(report: PostprocessReport, stats) -> None:
    report.colours_converted += stats.colours_converted
    report.overprinted_paints += stats.overprinted_paints
    report.rich_black_text += stats.rich_black_text


# -- images, shadings, groups ----------------------------------------------------

def _convert_images(pdf: pikepdf.Pdf, converter, report: PostprocessReport) -> None:
    for obj in list(pdf.objects):
        if not (isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == Name.Image):
            continue
        if obj.get("/ImageMask", False) or not _image_needs_conversion(obj):
            continue
        try:
            image = pikepdf.PdfImage(obj).as_pil_image()
        except Exception as error:  # noqa: BLE001 - reported, and caught again by the preflight
            report.unconverted.append(f"image {obj.objgen}: {error}")
            continue
        cmyk = converter.image_to_cmyk(image)
        obj.write(zlib.compress(cmyk.tobytes(), 9), filter=Name.FlateDecode)
        obj.ColorSpace = Name.DeviceCMYK
        obj.BitsPerComponent = 8
        for key in ("/Decode", "/DecodeParms", "/Interpolate"):
            if key in obj:
                del obj[key]
        report.images_converted += 1


def _image_needs_conversion(image: pikepdf.Stream) -> bool:
    space = image.get("/ColorSpace")
    if space is None:
        return False
    if isinstance(space, pikepdf.Array) and str(space[0]) == "/Indexed":
        return colour_space_kind(space[1]) == "rgb"
    return colour_space_kind(space) == "rgb"


def _convert_shadings(pdf: pikepdf.Pdf, converter, report: PostprocessReport) -> None:
    for obj in list(pdf.objects):
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) or "/ShadingType" not in obj:
            continue
        kind = colour_space_kind(obj.get("/ColorSpace"))
        if kind not in ("rgb", "gray"):
            continue
        if _convert_function(obj.get("/Function"), kind, converter):
            obj.ColorSpace = Name.DeviceCMYK
            report.shadings_converted += 1
        else:
            report.unconverted.append(f"shading {obj.objgen}: unsupported function")


def _convert_function(function, kind: str, converter) -> bool:
    """Convert a Type 2 (or Type 3 of Type 2) function's output colours in place."""
    if function is None:
        return False
    if isinstance(function, pikepdf.Array):
        return False
    function_type = int(function.get("/FunctionType", -1))
    if function_type == 3:
        return all(_convert_function(part, kind, converter) for part in function.Functions)
    if function_type != 2:
        return False
    width = 3 if kind == "rgb" else 1
    defaults = {"/C0": [0.0] * width, "/C1": [1.0] * width}
    for key, default in defaults.items():
        values = [float(v) for v in function.get(key, default)]
        cmyk = (converter.rgb_to_cmyk(*values) if kind == "rgb"
                else converter.gray_to_cmyk(values[0]))
        function[key] = pikepdf.Array([_round(v) for v in cmyk])
    return True


def _fix_transparency_groups(pdf: pikepdf.Pdf, report: PostprocessReport) -> None:
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        group = obj.get("/Group") if "/Group" in obj else None
        if obj.get("/Type") == Name.Group:
            group = obj
        if group is None or group.get("/S") != Name.Transparency or "/CS" not in group:
            continue
        if group.CS != Name.DeviceCMYK:
            group.CS = Name.DeviceCMYK
            report.groups_fixed += 1


# -- output intent and identity --------------------------------------------------

def set_output_intent(pdf: pikepdf.Pdf, profile: PressProfile) -> None:
    """One ``/GTS_PDFX`` OutputIntent with the embedded CMYK profile of ``profile``."""
    icc = pdf.make_stream(profile.icc_bytes)
    icc.N = 4
    intent = pikepdf.Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(profile.output_condition_identifier),
        OutputCondition=pikepdf.String(profile.output_condition),
        RegistryName=pikepdf.String(profile.registry_name),
        Info=pikepdf.String(profile.output_intent_info),
        DestOutputProfile=icc,
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])


def write_identity(pdf, profile, *, title: str, created: dt.datetime, report=None) -> bytes:
    """Write Info + XMP (PDF/X-4 claim, content-derived IDs) and return the saved bytes."""
    if "/ID" in pdf.trailer:
        del pdf.trailer["/ID"]  # WeasyPrint's /ID hashes its random X-4 DocumentID
    _set_metadata(pdf, profile, title, created, document_id="0" * 32)
    digest = hashlib.sha256(_save(pdf, profile.pdf_version)).digest()
    document_id = str(uuid.UUID(bytes=digest[:16], version=4))
    _set_metadata(pdf, profile, title, created, document_id=document_id)
    if report is not None:
        report.document_id = document_id
    return _save(pdf, profile.pdf_version)


def _set_metadata(pdf, profile, title: str, created: dt.datetime, document_id: str) -> None:
    info = pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(title),
        Creator=pikepdf.String("xinhui-print"),
        Producer=pikepdf.String(PRODUCER),
        CreationDate=pikepdf.String(_pdf_date(created)),
        ModDate=pikepdf.String(_pdf_date(created)),
        Trapped=Name("/False"),
        GTS_PDFXVersion=pikepdf.String(profile.pdfx_version),
    ))
    pdf.trailer.Info = info
    xmp = _xmp_packet(profile, title, created, document_id)
    pdf.Root.Metadata = pdf.make_stream(xmp.encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)


def _save(pdf: pikepdf.Pdf, version: str) -> bytes:
    buffer = io.BytesIO()
    pdf.save(
        buffer,
        deterministic_id=True,
        force_version=version,  # PDF/X-4 is PDF 1.6; WeasyPrint writes a 1.7 header
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.preserve,
    )
    return buffer.getvalue()


def _xmp_packet(profile, title: str, created: dt.datetime, document_id: str) -> str:
    date = created.isoformat()
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml_escape(title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>xinhui-print</xmp:CreatorTool>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{profile.pdfx_version}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _creation_datetime(pdf: pikepdf.Pdf, report_date) -> dt.datetime:
    """Midnight (UTC+8) of the report date, or the input's CreationDate, or 2000-01-01."""
    if isinstance(report_date, dt.datetime):
        return report_date if report_date.tzinfo else report_date.replace(tzinfo=CHINA_TZ)
    if isinstance(report_date, dt.date):
        return dt.datetime(report_date.year, report_date.month, report_date.day, tzinfo=CHINA_TZ)
    if isinstance(report_date, str) and report_date:
        return _creation_datetime(pdf, dt.date.fromisoformat(report_date[:10]))
    existing = str(pdf.docinfo.get("/CreationDate", ""))
    try:
        parsed = dt.datetime.strptime(existing[2:16], "%Y%m%d%H%M%S")
        return parsed.replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return dt.datetime(2000, 1, 1, tzinfo=CHINA_TZ)


def _pdf_date(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hours:02d}'{mins:02d}'"


def _round(value: float):
    rounded = round(float(value), 4)
    return int(rounded) if rounded == int(rounded) else rounded
