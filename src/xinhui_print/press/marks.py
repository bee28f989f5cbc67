"""Printer's marks: a press page → the same page with crop (and fold) marks outside the bleed.

Marks are drawn with pikepdf in the registration colour (``/Separation /All``,
alternate DeviceCMYK 100/100/100/100) on a MediaBox enlarged by
:data:`MARK_MARGIN_MM`; TrimBox and BleedBox keep their meaning.  WeasyPrint's own
``marks`` are never used: it paints them in DeviceRGB.  (GWG R0024 warns about a
colorant named ``All``; shops that object get the default file without marks.)
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

MM = 72 / 25.4
MARK_LENGTH_MM = 5.0
MARK_GAP_MM = 0.0  # marks start right at the bleed edge, never inside it
MARK_MARGIN_MM = MARK_LENGTH_MM + 1.0  # paper around the bleed that holds the marks
LINE_WIDTH_PT = 0.25
REGISTRATION = Name("/XHRegistration")


def registration_colour_space(pdf: pikepdf.Pdf) -> pikepdf.Array:
    """``[/Separation /All /DeviceCMYK f]``: the colour that prints on every plate."""
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return pikepdf.Array([Name.Separation, Name.All, Name.DeviceCMYK, pdf.make_indirect(tint)])


def crop_mark_lines(trim: tuple[float, float, float, float], bleed: float) -> list[tuple]:
    """Line segments ``(x1, y1, x2, y2)`` continuing each trim edge beyond the bleed."""
    x0, y0, x1, y1 = trim
    start, end = bleed + MARK_GAP_MM * MM, bleed + (MARK_GAP_MM + MARK_LENGTH_MM) * MM
    lines = []
    for x, sign_x in ((x0, -1), (x1, 1)):
        for y, sign_y in ((y0, -1), (y1, 1)):
            lines.append((x + sign_x * start, y, x + sign_x * end, y))  # horizontal
            lines.append((x, y + sign_y * start, x, y + sign_y * end))  # vertical
    return lines


def fold_mark_lines(x: float, trim: tuple[float, float, float, float], bleed: float) -> list[tuple]:
    """Short vertical segments on the fold line ``x``, above and below the bleed."""
    _, y0, _, y1 = trim
    start, end = bleed + MARK_GAP_MM * MM, bleed + (MARK_GAP_MM + MARK_LENGTH_MM) * MM
    return [(x, y0 - start, x, y0 - end), (x, y1 + start, x, y1 + end)]


def marks_content(lines: list[tuple], dashed: list[tuple] = ()) -> bytes:
    """Content-stream bytes stroking ``lines`` (solid) and ``dashed`` in registration colour."""
    parts = [f"q {REGISTRATION} CS 1 SCN {LINE_WIDTH_PT} w 0 J"]
    parts += [_segment(line) for line in lines]
    if dashed:
        parts.append("[2 2] 0 d")
        parts += [_segment(line) for line in dashed]
    parts.append("Q")
    return "\n".join(parts).encode("ascii")


def _segment(line: tuple) -> str:
    x1, y1, x2, y2 = (f"{v:.3f}" for v in line)
    return f"{x1} {y1} m {x2} {y2} l S"


def add_registration_space(pdf: pikepdf.Pdf, resources: pikepdf.Dictionary) -> None:
    if "/ColorSpace" not in resources:
        resources.ColorSpace = pikepdf.Dictionary()
    resources.ColorSpace[REGISTRATION] = registration_colour_space(pdf)


def add_crop_marks(pdf: pikepdf.Pdf) -> None:
    """Enlarge every page's MediaBox by the mark margin and draw crop marks outside the bleed."""
    margin = MARK_MARGIN_MM * MM
    for page in pdf.pages:
        trim = tuple(float(v) for v in page.obj.TrimBox)
        bleed_box = [float(v) for v in page.obj.get("/BleedBox", page.obj.MediaBox)]
        bleed = trim[0] - bleed_box[0]
        shift_page(pdf, page, margin, margin)
        trim = tuple(float(v) for v in page.obj.TrimBox)
        add_registration_space(pdf, page.obj.Resources)
        page.contents_add(pdf.make_stream(marks_content(crop_mark_lines(trim, bleed))), prepend=False)


def shift_page(pdf: pikepdf.Pdf, page: pikepdf.Page, dx: float, dy: float) -> None:
    """Move content right/up by (dx, dy) and grow the MediaBox by as much on every side."""
    page.contents_coalesce()
    body = page.obj.Contents.read_bytes()
    page.obj.Contents = pdf.make_stream(
        f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm\n".encode("ascii") + body + b"\nQ\n"
    )
    x0, y0, x1, y1 = (float(v) for v in page.obj.MediaBox)
    page.obj.MediaBox = _box([x0, y0, x1 + 2 * dx, y1 + 2 * dy])
    for key in ("/TrimBox", "/BleedBox"):
        if key in page.obj:
            bx0, by0, bx1, by1 = (float(v) for v in page.obj[key])
            page.obj[key] = _box([bx0 + dx, by0 + dy, bx1 + dx, by1 + dy])
    for key in ("/CropBox", "/ArtBox"):
        if key in page.obj:
            del page.obj[key]


def _box(values: list[float]) -> pikepdf.Array:
    return pikepdf.Array([round(v, 4) for v in values])
