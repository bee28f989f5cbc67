"""Font dictionaries → :class:`FontInfo` (name, embedding, glyph widths, vertical extent).

Widths are in text-space units for a 1-point font, so an advance is
``width(code) * font_size``.  Composite (Type0) fonts read the CIDFont ``/W``
array and use two-byte codes; simple fonts read ``/Widths`` and one-byte codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

STANDARD_MONOSPACE = ("Courier",)


@dataclass
class FontInfo:
    """What text measurement and font rules need to know about one font."""

    base_name: str  # BaseFont without a subset prefix, e.g. "NotoSansCJKsc-Regular"
    subtype: str
    embedded: bool
    two_byte: bool
    default_width: float
    ascent: float = 0.8
    descent: float = -0.2
    widths: dict[int, float] = field(default_factory=dict)
    ranges: list[tuple[int, int, float]] = field(default_factory=list)

    def width(self, code: int) -> float:
        found = self.widths.get(code)
        if found is not None:
            return found
        for first, last, width in self.ranges:
            if first <= code <= last:
                return width
        return self.default_width

    def codes(self, data: bytes) -> list[int]:
        if self.two_byte:
            return [(data[i] << 8) | data[i + 1] for i in range(0, len(data) - 1, 2)]
        return list(data)


def strip_subset_prefix(name: str) -> str:
    """``ABCDEF+Courier`` → ``Courier``."""
    if len(name) > 7 and name[6] == "+" and name[:6].isupper() and name[:6].isalpha():
        return name[7:]
    return name


def load_font(font: pikepdf.Dictionary) -> FontInfo:
    subtype = str(font.get("/Subtype", "/Type1"))[1:]
    base = strip_subset_prefix(str(font.get("/BaseFont", "/Unnamed"))[1:])
    if subtype == "Type0":
        return _load_composite(font, base)
    info = FontInfo(
        base_name=base,
        subtype=subtype,
        embedded=subtype == "Type3" or _has_font_file(font.get("/FontDescriptor")),
        two_byte=False,
        default_width=0.6 if base.startswith(STANDARD_MONOSPACE) else 0.5,
    )
    scale = _type3_scale(font) if subtype == "Type3" else 0.001
    first = int(font.get("/FirstChar", 0))
    for i, w in enumerate(font.get("/Widths", [])):
        info.widths[first + i] = float(w) * scale
    _read_extent(info, font.get("/FontDescriptor"))
    return info


def _load_composite(font: pikepdf.Dictionary, base: str) -> FontInfo:
    descendants = font.get("/DescendantFonts")
    cid = descendants[0] if descendants is not None and len(descendants) else pikepdf.Dictionary()
    info = FontInfo(
        base_name=base,
        subtype="Type0",
        embedded=_has_font_file(cid.get("/FontDescriptor")),
        two_byte=True,
        default_width=float(cid.get("/DW", 1000)) / 1000,
    )
    _read_cid_widths(info, cid.get("/W"))
    _read_extent(info, cid.get("/FontDescriptor"))
    return info


def _read_cid_widths(info: FontInfo, array) -> None:
    if array is None:
        return
    items = list(array)
    i = 0
    while i + 1 < len(items):
        first, nxt = int(items[i]), items[i + 1]
        if isinstance(nxt, pikepdf.Array):
            for j, w in enumerate(nxt):
                info.widths[first + j] = float(w) / 1000
            i += 2
        elif i + 2 < len(items):
            info.ranges.append((first, int(nxt), float(items[i + 2]) / 1000))
            i += 3
        else:
            break


def _read_extent(info: FontInfo, descriptor) -> None:
    if descriptor is None:
        return
    ascent = float(descriptor.get("/Ascent", 0) or 0) / 1000
    descent = float(descriptor.get("/Descent", 0) or 0) / 1000
    if 0 < ascent <= 2:
        info.ascent = ascent
    if -1 <= descent < 0:
        info.descent = descent


def _has_font_file(descriptor) -> bool:
    if descriptor is None:
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _type3_scale(font: pikepdf.Dictionary) -> float:
    matrix = font.get("/FontMatrix")
    return float(matrix[0]) if matrix is not None else 0.001
