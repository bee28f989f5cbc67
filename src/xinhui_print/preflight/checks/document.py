"""Document and page structure rules: PDF/X-4 identity (R0001), page boxes
(R0002–R0004, PDFX-BOXES), page count (R0006, PDFX-PAGES), optional content
(R0034) and the output intent (R0035)."""

from __future__ import annotations

import pikepdf

from ..findings import Finding
from ..geometry import contains, normalise
from . import rule

ANNOT_HIDDEN, ANNOT_PRINT = 2, 4
MARK_ANNOTATIONS = {"/PrinterMark", "/TrapNet"}


def pdfx_output_intent(pdf: pikepdf.Pdf):
    for intent in pdf.Root.get("/OutputIntents", []):
        if intent.get("/S") == pikepdf.Name.GTS_PDFX:
            return intent
    return None


@rule("R0001")
def pdfx4_identification(doc, settings):
    """PDF/X-4 claim, output intent, Trapped, title/dates, file ID, trim per page, annotations."""
    problems = [*_metadata_problems(doc.pdf), *_intent_problems(doc.pdf)]
    findings = [Finding.of("R0001", settings.severity, p) for p in problems]
    for boxes in doc.boxes:
        if not (boxes.has_trim or boxes.has_art):
            findings.append(Finding.of("R0001", settings.severity, "page has neither TrimBox nor ArtBox",
                                    page=boxes.number, bbox=boxes.media))
    findings.extend(_annotation_findings(doc, settings.severity))
    return findings


def _metadata_problems(pdf: pikepdf.Pdf) -> list[str]:
    meta = pdf.open_metadata()
    problems = []
    claim = meta.get("pdfxid:GTS_PDFXVersion")
    if not (claim or "").startswith("PDF/X-4"):
        problems.append(f"not identified as PDF/X-4 (XMP pdfxid:GTS_PDFXVersion is {claim!r})")
    trapped = str(pdf.docinfo.get("/Trapped", "")) if "/Trapped" in pdf.docinfo else None
    trapped = trapped or meta.get("pdf:Trapped")
    if str(trapped).lstrip("/") not in ("True", "False"):
        problems.append(f"Trapped must be True or False (found {trapped!r})")
    if not meta.get("dc:title"):
        problems.append("XMP dc:title is missing")
    for key in ("xmp:CreateDate", "xmp:ModifyDate"):
        if not meta.get(key):
            problems.append(f"XMP {key} is missing")
    if "/ID" not in pdf.trailer:
        problems.append("trailer /ID is missing")
    if pdf.pdf_version < "1.6":
        problems.append(f"PDF version {pdf.pdf_version} is older than 1.6 (PDF/X-4 needs 1.6 or later)")
    return problems


def _intent_problems(pdf: pikepdf.Pdf) -> list[str]:
    intent = pdfx_output_intent(pdf)
    if intent is None:
        return ["no GTS_PDFX OutputIntent"]
    problems = []
    if "/DestOutputProfile" not in intent and "/DestOutputProfileRef" not in intent:
        problems.append("GTS_PDFX OutputIntent has no embedded DestOutputProfile")
    if not str(intent.get("/OutputConditionIdentifier", "")):
        problems.append("GTS_PDFX OutputIntent has no OutputConditionIdentifier")
    return problems


def _annotation_findings(doc, severity: str) -> list[Finding]:
    findings = []
    for boxes, page in zip(doc.boxes, doc.pdf.pages, strict=True):
        for annot in page.obj.get("/Annots", []):
            flags = int(annot.get("/F", 0))
            subtype = str(annot.get("/Subtype", ""))
            if subtype in MARK_ANNOTATIONS or flags & ANNOT_HIDDEN or not flags & ANNOT_PRINT:
                continue
            findings.append(Finding.of("R0001", severity, f"printing {subtype[1:]} annotation on the page",
                                    page=boxes.number, bbox=_rect(annot)))
    return findings


def _rect(annot):
    return normalise(annot.Rect) if "/Rect" in annot else None


@rule("R0002")
def no_user_unit(doc, settings):
    return [
        Finding.of("R0002", settings.severity, f"page sets UserUnit {b.user_unit:g}",
                page=b.number, bbox=b.media, measured=b.user_unit, limit="absent")
        for b in doc.boxes
        if b.user_unit is not None
    ]


@rule("R0003")
def crop_equals_media(doc, settings):
    return [
        Finding.of("R0003", settings.severity, "CropBox differs from MediaBox",
                page=b.number, bbox=b.crop)
        for b in doc.boxes
        if b.has_crop and max(abs(c - m) for c, m in zip(b.crop, b.media, strict=True)) > 0.01
    ]


@rule("R0004")
def equal_trim_no_rotate(doc, settings):
    tolerance = float(settings.get("tolerance_pt", 0.01))
    findings = []
    first = doc.boxes[0] if doc.boxes else None
    for b in doc.boxes:
        if b.rotate:
            findings.append(Finding.of("R0004", settings.severity, f"page is rotated by {b.rotate}°",
                                    page=b.number, bbox=b.trim, measured=b.rotate, limit=0))
        size, first_size = _size(b.trim), _size(first.trim)
        if max(abs(size[0] - first_size[0]), abs(size[1] - first_size[1])) > tolerance:
            findings.append(Finding.of(
                "R0004", settings.severity,
                f"TrimBox {size[0]:.2f} × {size[1]:.2f} pt differs from page 1 "
                f"({first_size[0]:.2f} × {first_size[1]:.2f} pt)",
                page=b.number, bbox=b.trim,
            ))
    return findings


def _size(box):
    return box[2] - box[0], box[3] - box[1]


@rule("R0006")
def single_page(doc, settings):
    count = len(doc.boxes)
    if count == 1:
        return []
    return [Finding.of("R0006", settings.severity, f"document has {count} pages, must have exactly 1",
                    measured=count, limit=1)]


@rule("PDFX-PAGES")
def has_pages(doc, settings):
    if doc.boxes:
        return []
    return [Finding.of("PDFX-PAGES", settings.severity, "the document is empty (it has no pages)",
                    measured=0, limit="≥ 1")]


@rule("R0034")
def no_optional_content_configs(doc, settings):
    props = doc.pdf.Root.get("/OCProperties")
    if props is None or "/Configs" not in props:
        return []
    return [Finding.of("R0034", settings.severity, "OCProperties contains alternate Configs",
                    measured=len(props.Configs), limit=0)]


@rule("R0035")
def cmyk_output_intent(doc, settings):
    intent = pdfx_output_intent(doc.pdf)
    if intent is None or "/DestOutputProfile" not in intent:
        return []
    header = intent.DestOutputProfile.read_bytes()[:20]
    space = header[16:20].decode("latin-1").strip()
    if space == "CMYK":
        return []
    return [Finding.of("R0035", settings.severity, f"OutputIntent profile is {space or 'unknown'}, not CMYK",
                    measured=space, limit="CMYK")]


@rule("PDFX-BOXES")
def trim_inside_bleed(doc, settings):
    findings = []
    for b in doc.boxes:
        if b.has_bleed and not contains(b.bleed, b.trim):
            findings.append(Finding.of("PDFX-BOXES", settings.severity, "TrimBox extends beyond BleedBox",
                                    page=b.number, bbox=b.trim))
        if not contains(b.media, b.trim):
            findings.append(Finding.of("PDFX-BOXES", settings.severity, "TrimBox extends beyond MediaBox",
                                    page=b.number, bbox=b.trim))
    return findings
