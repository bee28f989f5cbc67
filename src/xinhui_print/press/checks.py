"""Post-write self-checks: a written press PDF → a list of :class:`CheckResult`.

These are the build's quick checks of its own output (the GWG preflight is a
separate stage).  Each check reads the file independently of the code that wrote
it: pikepdf for structure and content streams, pypdfium2 for text positions and
Ghostscript (``tiff32nc``) for total ink coverage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Name

from ..errors import BuildError
from ..preflight.coverage import max_square_mean, render_total_ink
from .content import K100, colour_space_kind
from .profiles import PressProfile

MM = 72 / 25.4
BOX_TOLERANCE_PT = 0.05
TAC_DPI = 72


@dataclass(frozen=True)
class CheckResult:
    """One check: ``ok`` or not, a one-line detail and measured ``values``."""

    name: str
    ok: bool
    detail: str
    severity: str = "error"  # error | warning
    values: dict | None = None

    def __str__(self) -> str:
        mark = "ok" if self.ok else self.severity.upper()
        return f"[{mark}] {self.name}: {self.detail}"


def check_press_pdf(
    path: Path, profile: PressProfile, *, binding: str | None = None, check_safe_area: bool = True
) -> list[CheckResult]:
    """Run every self-check on ``path``; ``binding="saddle"`` adds the multiple-of-4 rule."""
    with pikepdf.open(path) as pdf:
        results = [
            check_pdfx_identity(pdf, profile),
            check_output_intent(pdf, profile),
            check_boxes(pdf, profile),
            check_no_rgb(pdf),
            check_black_text(pdf),
            check_fonts_embedded(pdf),
        ]
        if binding == "saddle":
            results.append(check_page_multiple(pdf, 4))
    results.append(check_ink_limit(path, profile))
    if check_safe_area:
        results.append(check_text_safe_area(path, profile))
    return results


def raise_on_errors(path: Path, results: list[CheckResult]) -> None:
    """Raise :class:`BuildError` naming every failed error-level check."""
    failed = [r for r in results if not r.ok and r.severity == "error"]
    if failed:
        details = "; ".join(f"{r.name}: {r.detail}" for r in failed)
        raise BuildError(f"{path.name} failed press self-checks: {details}")


# -- identity and output intent --------------------------------------------------

def check_pdfx_identity(pdf: pikepdf.Pdf, profile: PressProfile) -> CheckResult:
    meta = pdf.open_metadata()
    claimed = meta.get("pdfxid:GTS_PDFXVersion")
    problems = []
    if claimed != profile.pdfx_version:
        problems.append(f"XMP pdfxid:GTS_PDFXVersion is {claimed!r}")
    if str(pdf.docinfo.get("/Trapped", "")) not in ("/False", "/True"):
        problems.append("Info /Trapped is not True or False")
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if key not in pdf.docinfo:
            problems.append(f"Info {key} missing")
    if "/ID" not in pdf.trailer:
        problems.append("trailer /ID missing")
    if pdf.pdf_version < "1.6":
        problems.append(f"PDF version {pdf.pdf_version} < 1.6")
    if pdf.is_encrypted:
        problems.append("encrypted")
    detail = "; ".join(problems) or f"{claimed}, PDF {pdf.pdf_version}"
    return CheckResult("pdfx_identity", not problems, detail)


def check_output_intent(pdf: pikepdf.Pdf, profile: PressProfile) -> CheckResult:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        return CheckResult("output_intent", False, f"{len(intents)} GTS_PDFX OutputIntents")
    intent = intents[0]
    problems = []
    identifier = str(intent.get("/OutputConditionIdentifier", ""))
    if identifier != profile.output_condition_identifier:
        problems.append(f"OutputConditionIdentifier {identifier!r}")
    if "/DestOutputProfile" not in intent:
        problems.append("no embedded DestOutputProfile")
    else:
        icc = intent.DestOutputProfile.read_bytes()
        if icc[16:20] != b"CMYK":
            problems.append(f"profile colour space {icc[16:20]!r}, not CMYK")
    if not str(intent.get("/Info", "")).strip():
        problems.append("no readable Info")
    detail = "; ".join(problems) or f"{identifier}: {intent.get('/Info')}"
    return CheckResult("output_intent", not problems, detail)


# -- page boxes ------------------------------------------------------------------

def check_boxes(pdf: pikepdf.Pdf, profile: PressProfile) -> CheckResult:
    bleed = profile.bleed_mm * MM
    problems: list[str] = []
    trim_sizes = set()
    for number, page in enumerate(pdf.pages, 1):
        problems += [f"p{number}: {p}" for p in _page_box_problems(page, bleed)]
        if "/TrimBox" in page.obj:
            x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
            trim_sizes.add((round(x1 - x0, 1), round(y1 - y0, 1)))
    if len(trim_sizes) > 1:
        problems.append(f"different trim sizes {sorted(trim_sizes)}")
    size = next(iter(trim_sizes), (0, 0))
    detail = "; ".join(problems[:5]) or (
        f"trim {size[0] / MM:.1f} × {size[1] / MM:.1f} mm, bleed {profile.bleed_mm:g} mm, "
        f"{len(pdf.pages)} pages"
    )
    values = {"trim_mm": [round(size[0] / MM, 1), round(size[1] / MM, 1)]}
    return CheckResult("boxes", not problems, detail, values=values)


def _page_box_problems(page: pikepdf.Page, bleed: float) -> list[str]:
    obj = page.obj
    if "/TrimBox" not in obj:
        return ["no TrimBox"]
    problems = []
    trim = [float(v) for v in obj.TrimBox]
    media = [float(v) for v in obj.MediaBox]
    expected_bleed = [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
    bleed_box = [float(v) for v in obj.get("/BleedBox", obj.MediaBox)]
    if not _close(bleed_box, expected_bleed):
        problems.append(f"BleedBox {bleed_box} ≠ TrimBox + bleed {expected_bleed}")
    if not _contains(media, bleed_box):
        problems.append(f"MediaBox {media} does not contain BleedBox")
    if "/CropBox" in obj and not _close([float(v) for v in obj.CropBox], media):
        problems.append("CropBox differs from MediaBox")
    if "/UserUnit" in obj:
        problems.append("UserUnit set")
    if int(obj.get("/Rotate", 0)) % 360:
        problems.append("page is rotated")
    if "/Annots" in obj and any(a.get("/Subtype") not in (Name.PrinterMark, Name.TrapNet)
                                for a in obj.Annots):
        problems.append("annotations on the page")
    return problems


def _close(a: list[float], b: list[float]) -> bool:
    return all(abs(x - y) <= BOX_TOLERANCE_PT for x, y in zip(a, b, strict=True))


def _contains(outer: list[float], inner: list[float]) -> bool:
    t = BOX_TOLERANCE_PT
    return (outer[0] <= inner[0] + t and outer[1] <= inner[1] + t
            and outer[2] >= inner[2] - t and outer[3] >= inner[3] - t)


def check_page_multiple(pdf: pikepdf.Pdf, multiple: int) -> CheckResult:
    count = len(pdf.pages)
    ok = count % multiple == 0
    return CheckResult("page_multiple", ok, f"{count} pages ({'' if ok else 'not '}a multiple of "
                       f"{multiple})", values={"pages": count})


# -- colour ----------------------------------------------------------------------

RGB_OPERATORS = {"rg", "RG"}


def check_no_rgb(pdf: pikepdf.Pdf) -> CheckResult:
    """No RGB (or ICC/Lab) colour space in any object and no RGB operator in any stream."""
    problems: list[str] = []
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            problems += _object_colour_problems(obj)
    for stream, label in _content_streams(pdf):
        problems += [f"{label}: {p}" for p in _stream_colour_problems(stream, label)]
    detail = "; ".join(sorted(set(problems))[:6]) or "DeviceCMYK/DeviceGray only"
    return CheckResult("no_rgb", not problems, detail, values={"problems": len(problems)})


def _object_colour_problems(obj) -> list[str]:
    problems = []
    if obj.get("/Type") == Name.OutputIntent:
        return []
    for key in ("/ColorSpace", "/CS"):
        if key not in obj:
            continue
        value = obj[key]
        spaces = value.values() if isinstance(value, pikepdf.Dictionary) else [value]
        for space in spaces:
            problem = _space_problem(space)
            if problem:
                problems.append(f"{key} {problem} in object {obj.objgen}")
    group = obj.get("/Group") if "/Group" in obj else None
    if group is not None and group.get("/S") == Name.Transparency and "/CS" in group:
        if group.CS != Name.DeviceCMYK:
            problems.append(f"transparency group /CS is not /DeviceCMYK in object {obj.objgen}")
    return problems


def _space_problem(space) -> str | None:
    kind = colour_space_kind(space)
    if kind == "rgb":
        return "RGB"
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family in ("/ICCBased", "/Lab", "/CalGray", "/CalRGB"):
            return family[1:]
        if family in ("/Indexed", "/Separation", "/DeviceN") and len(space) > 2:
            base = space[1] if family == "/Indexed" else space[2]
            return _space_problem(base)
    if isinstance(space, Name) and str(space) == "/Lab":
        return "Lab"
    return None


def _content_streams(pdf: pikepdf.Pdf):
    for number, page in enumerate(pdf.pages, 1):
        yield page, f"page {number}"
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and (
            obj.get("/Subtype") == Name.Form or obj.get("/PatternType") == 1
        ):
            yield obj, f"form {obj.objgen}"


def _stream_colour_problems(stream, label: str) -> list[str]:
    problems = []
    for instruction in pikepdf.parse_content_stream(stream):
        operator = str(getattr(instruction, "operator", ""))
        if operator in RGB_OPERATORS:
            problems.append(f"operator {operator}")
        elif operator in ("cs", "CS"):
            name = instruction.operands[0]
            if str(name) in ("/DeviceRGB", "/CalRGB", "/Lab"):
                problems.append(f"colour space {name}")
        elif isinstance(instruction, pikepdf.ContentStreamInlineImage):
            space = instruction.iimage.obj.get("/ColorSpace", instruction.iimage.obj.get("/CS"))
            if space is not None and str(space) in ("/RGB", "/DeviceRGB"):
                problems.append("RGB inline image")
    return problems


def check_black_text(pdf: pikepdf.Pdf) -> CheckResult:
    """Black text is K only: no text with K ≥ 85 % plus C, M or Y, no RGB/gray-set text."""
    counts = {"k100": 0, "rich_black": 0, "non_cmyk": 0, "other": 0}
    for stream, _label in _content_streams(pdf):
        for key, value in _text_fill_counts(stream).items():
            counts[key] += value
    ok = counts["rich_black"] == 0 and counts["non_cmyk"] == 0
    detail = (f"{counts['k100']} K100 text runs, {counts['other']} coloured, "
              f"{counts['rich_black']} rich black, {counts['non_cmyk']} not CMYK")
    return CheckResult("black_text", ok, detail, values=counts)


def _text_fill_counts(stream) -> dict[str, int]:
    counts = {"k100": 0, "rich_black": 0, "non_cmyk": 0, "other": 0}
    fill, space, stack = K100, "cmyk", []
    for instruction in pikepdf.parse_content_stream(stream):
        operator = str(getattr(instruction, "operator", ""))
        operands = list(getattr(instruction, "operands", []))
        if operator == "q":
            stack.append((fill, space))
        elif operator == "Q" and stack:
            fill, space = stack.pop()
        elif operator == "k":
            fill, space = tuple(float(v) for v in operands), "cmyk"
        elif operator in ("g", "rg"):
            fill, space = None, "non_cmyk"
        elif operator == "cs":
            space = "cmyk" if operands[0] == Name.DeviceCMYK else "other_space"
            fill = K100 if space == "cmyk" else None
        elif operator in ("sc", "scn") and space == "cmyk" and len(operands) == 4:
            fill = tuple(float(v) for v in operands)
        elif operator in ("Tj", "TJ", "'", '"'):
            counts[_classify_text_fill(fill, space)] += 1
    return counts


def _classify_text_fill(fill, space: str) -> str:
    if space == "non_cmyk":
        return "non_cmyk"
    if fill == K100:
        return "k100"
    if fill is not None and fill[3] >= 0.85 and sum(fill[:3]) > 0:
        return "rich_black"
    return "other"


# -- fonts -----------------------------------------------------------------------

def check_fonts_embedded(pdf: pikepdf.Pdf) -> CheckResult:
    problems, names = [], set()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != Name.Font:
            continue
        subtype = obj.get("/Subtype")
        if subtype in (Name.Type0, Name.Type3):
            continue  # Type0 is checked through its descendant, Type3 glyphs are content
        name = str(obj.get("/BaseFont", "?"))
        names.add(name)
        descriptor = obj.get("/FontDescriptor")
        embedded = descriptor is not None and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        if not embedded:
            problems.append(f"{name} not embedded")
        if name.lstrip("/").split("+")[-1] == "Courier":
            problems.append("font named Courier")
    detail = "; ".join(problems) or f"{len(names)} fonts, all embedded"
    return CheckResult("fonts_embedded", not problems, detail, values={"fonts": sorted(names)})


# -- ink and text position -------------------------------------------------------

def check_ink_limit(path: Path, profile: PressProfile) -> CheckResult:
    """Max C+M+Y+K averaged over any ``tac_window_mm`` square, from a Ghostscript render."""
    maxima = total_area_coverage(path, profile.tac_window_mm)
    worst = max(maxima) if maxima else 0.0
    page = maxima.index(worst) + 1 if maxima else 0
    ok = worst <= profile.ink_limit
    detail = f"max {worst:.1f}% (page {page}) over {profile.tac_window_mm:g} mm squares, " \
             f"limit {profile.ink_limit:g}%"
    return CheckResult("ink_limit", ok, detail, values={"max_tac": round(worst, 1),
                                                        "per_page": [round(v, 1) for v in maxima]})


def total_area_coverage(path: Path, window_mm: float = 15.0, dpi: int = TAC_DPI) -> list[float]:
    """Per page, the maximum mean C+M+Y+K (percent) over any ``window_mm`` square.

    One implementation with the preflight's R0026 (and one cached Ghostscript render).
    """
    window = max(1, round(window_mm / 25.4 * dpi))
    return [max_square_mean(total, window)[0] for total in render_total_ink(path, dpi)]


DISPLAY_TYPE_MM = 10.0  # glyphs this tall that cross the trim are bleed-off decoration


def check_text_safe_area(path: Path, profile: PressProfile) -> CheckResult:
    """Every character lies at least ``safe_mm`` inside the TrimBox.

    Display type (≥ 10 mm tall) that deliberately runs off the trim into the bleed is
    reported as a warning, not an error.
    """
    import pypdfium2

    margin = profile.safe_mm * MM
    offenders: list[str] = []
    bleeding: list[str] = []
    document = pypdfium2.PdfDocument(str(path))
    try:
        for number in range(len(document)):
            unsafe, decorative = _unsafe_chars(document[number], number + 1, margin)
            offenders += unsafe
            bleeding += decorative
    finally:
        document.close()
    if offenders:
        return CheckResult("text_safe_area", False, "; ".join(offenders[:5]),
                           values={"offending_chars": len(offenders)})
    if bleeding:
        return CheckResult("text_safe_area", False,
                           "display type runs off the trim: " + "; ".join(bleeding[:3]),
                           severity="warning", values={"bleeding_chars": len(bleeding)})
    return CheckResult("text_safe_area", True, f"all text ≥ {profile.safe_mm:g} mm inside the trim",
                       values={"offending_chars": 0})


def _unsafe_chars(page, number: int, margin: float) -> tuple[list[str], list[str]]:
    x0, y0, x1, y1 = page.get_trimbox()
    textpage = page.get_textpage()
    offenders, bleeding = [], []
    try:
        for index in range(textpage.count_chars()):
            char = textpage.get_text_range(index, 1)
            if not char.strip():
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            distance = min(left - x0, bottom - y0, x1 - right, y1 - top)
            if distance >= margin - BOX_TOLERANCE_PT:
                continue
            where = f"p{number} {char!r} {distance / MM:.1f} mm from trim"
            if distance < 0 and top - bottom >= DISPLAY_TYPE_MM * MM:
                bleeding.append(where)
            else:
                offenders.append(where)
    finally:
        textpage.close()
    return offenders, bleeding
