"""Raster export: laid-out PDF pages → PNG (or JPEG) bytes for screens and platforms.

Input is a PDF (bytes, a path, or anything with ``write_pdf()`` such as a
WeasyPrint ``Document``) and a :class:`RasterOptions`; output is one
:class:`RasterImage` per page.  The pipeline per page:

1. **Rasterise** with pypdfium2 at ``96/72 × density`` pixels per point, i.e. one
   image pixel per CSS px at density 1.  The bitmap size is computed here
   (``round(css_px × density)``) and pdfium scales the page to exactly that size,
   so a 1080 px wide page gives exactly 1080 (1×) or 2160 (2×) pixels, never 1081.
   Pixels are 8-bit RGB on an opaque white background (no alpha).
2. **Encode** losslessly as 8-bit RGB PNG tagged sRGB with the 13-byte ``sRGB``
   chunk (rendering intent perceptual): with pyoxipng (``balanced``, ``max``) or,
   for big images where time matters, with zlib deflating bands of rows in
   parallel threads (``fast``); or as JPEG (4:4:4, sRGB ICC embedded) when asked.
3. **Fit the byte budget** (e.g. WeChat's 1 MB for article images): when the
   lossless PNG is too big, fall back to a 256-colour palette PNG, then to JPEG
   at decreasing quality.  Every fallback is recorded in ``RasterImage.fallback``
   and ``RasterImage.notes`` (diagnostics, coded ``raster``) so that the caller can report it.

Output is deterministic: the same PDF and options give the same bytes (no
timestamps, no random salts; oxipng, Pillow and pdfium are deterministic).
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import os
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import oxipng
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from ..errors import BuildError, Diagnostic

PX_PER_PT = 96 / 72
"""Pixels per PDF point at density 1 (1 CSS px = 0.75 pt)."""

FORMATS = ("png", "jpeg")

# Lossless PNG effort.  Rendered text is anti-aliased and mostly sits on flat
# colour: unfiltered rows compress best and fastest (measured on a 1080 × 5200
# poster: no filter + libdeflater 6 → 1.03 MB in 0.23 s; oxipng level 2 → 0.91 MB
# in 2.1 s).  "fast" is not oxipng: it deflates fixed bands of rows with zlib
# level 3 in parallel threads (zlib releases the GIL) — same pixels, files ~10 %
# larger than zlib 6 at less than half its time (1080 × 11817 poster: 1.88 MB in
# 0.10 s vs 1.79 MB in 0.22 s, measured); an image over its byte budget is first
# deflated again at level 9 before any lossy fallback.  "max" is for final masters
# when time does not matter.
PNG_EFFORT = {
    "fast": None,
    "balanced": {"level": 0, "filter": [oxipng.RowFilter.NoOp], "deflate": oxipng.Deflaters.libdeflater(9)},
    "max": {"level": 2, "deflate": oxipng.Deflaters.libdeflater(12)},
}

FAST_BAND_ROWS = 256
"""Rows per independently deflated band in the "fast" encoder (fixed, so bytes never
depend on the number of threads)."""

FAST_ZLIB_LEVEL = 3
TIGHT_ZLIB_LEVEL = 9
"""Level of the lossless retry of a "fast" PNG that is over its byte budget."""

_ZLIB_HEADER = {3: b"\x78\x5e", 9: b"\x78\xda"}

# Keep the pixels exactly as rendered: no palette or grey reduction behind our back.
_KEEP_RGB = {
    "color_type_reduction": False,
    "bit_depth_reduction": False,
    "palette_reduction": False,
    "grayscale_reduction": False,
}

PALETTE_STEPS = (256, 64)
"""Palette sizes tried in turn when a PNG is over its budget (median cut, no dithering)."""

JPEG_STEPS = ((90, 0), (85, 0), (85, 2), (75, 2))
"""(quality, Pillow subsampling) tried in turn when a JPEG must fit a budget:
4:4:4 first (crisp red text), then 4:2:0, which is smaller on text-heavy images."""


@dataclass(frozen=True)
class RasterOptions:
    """How pages become images.

    ``density``: image pixels per CSS px (1 → 1080 px wide poster, 2 → 2160 px).
    ``format``: ``png`` (lossless, default) or ``jpeg``.
    ``byte_budget``: largest allowed file size in bytes; ``None`` = unlimited.
    ``png_effort``: key of :data:`PNG_EFFORT` (``fast``, ``balanced``, ``max``).
    ``jpeg_quality``: quality of a JPEG asked for directly (budget fallbacks use
    :data:`JPEG_STEPS`).
    ``pages``: 0-based page indexes to export; ``None`` = all pages.
    """

    density: float = 1.0
    format: str = "png"
    byte_budget: int | None = None
    png_effort: str = "balanced"
    jpeg_quality: int = 90
    pages: Sequence[int] | None = None

    def __post_init__(self):
        if self.format not in FORMATS:
            raise ValueError(f"unknown raster format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.png_effort not in PNG_EFFORT:
            raise ValueError(f"unknown PNG effort {self.png_effort!r}; choose one of {', '.join(PNG_EFFORT)}")
        if not 0 < self.density <= 8:
            raise ValueError(f"density must be in (0, 8], got {self.density}")
        if self.byte_budget is not None and self.byte_budget <= 0:
            raise ValueError(f"byte budget must be positive, got {self.byte_budget}")


@dataclass(frozen=True)
class RasterImage:
    """One encoded image with what happened on the way.

    ``fallback`` is ``None`` when the image was written as asked, else
    ``"palette"`` or ``"jpeg"``; ``notes`` says why, in plain words, step by step (the last
    a warning when even the last fallback was over budget).
    ``within_budget`` is False only when even the last fallback was too big.
    """

    data: bytes
    format: str
    width_px: int
    height_px: int
    page_index: int = 0
    fallback: str | None = None
    notes: tuple[Diagnostic, ...] = ()
    within_budget: bool = True

    @property
    def bytes(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def suffix(self) -> str:
        return ".png" if self.format == "png" else ".jpg"


@dataclass
class _Encoded:
    data: bytes
    format: str
    fallback: str | None = None
    notes: list[Diagnostic] = field(default_factory=list)
    within_budget: bool = True


# ---------------------------------------------------------------- rasterise


def open_pdf(source: Any) -> pdfium.PdfDocument:
    """A pypdfium2 document from PDF bytes, a path, or an object with ``write_pdf()``."""
    if isinstance(source, pdfium.PdfDocument):
        return source
    if hasattr(source, "write_pdf"):
        source = source.write_pdf()
    if isinstance(source, (str, Path)):
        source = Path(source).read_bytes()
    if not isinstance(source, (bytes, bytearray)):
        raise TypeError(f"expected PDF bytes, a path or a Document, got {type(source).__name__}")
    return pdfium.PdfDocument(bytes(source))


def pixel_size(width_pt: float, height_pt: float, density: float) -> tuple[int, int]:
    """Exact bitmap size for a page: CSS px × density, rounded to whole pixels."""
    return round(width_pt * PX_PER_PT * density), round(height_pt * PX_PER_PT * density)


def render_page(page: pdfium.PdfPage, density: float = 1.0) -> Image.Image:
    """One PDF page → an RGB Pillow image of exactly :func:`pixel_size` pixels."""
    width, height = pixel_size(page.get_width(), page.get_height(), density)
    bitmap = pdfium.PdfBitmap.new_native(width, height, format=pdfium_c.FPDFBitmap_BGR, rev_byteorder=False)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
    pdfium_c.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, pdfium_c.FPDF_ANNOT)
    image = bitmap.to_pil()
    return image if image.mode == "RGB" else image.convert("RGB")


@dataclass(frozen=True)
class Scanlines:
    """A rendered page held as PNG scanlines: every row is a filter byte (0, "none")
    followed by the row's 8-bit RGB pixels, so PNG encoding deflates the buffer as it
    is and a band of rows (a segment) is a slice, without copying pixels.

    ``data`` is a bytearray or a memoryview of ``height × (3 × width + 1)`` bytes."""

    data: Any
    width: int
    height: int

    @property
    def stride(self) -> int:
        return 3 * self.width + 1

    def band(self, top: int, bottom: int) -> "Scanlines":
        """Rows ``top`` to ``bottom`` (pixel rows, bottom excluded), sharing the buffer."""
        top, bottom = max(0, top), min(self.height, bottom)
        view = memoryview(self.data)[top * self.stride : bottom * self.stride]
        return Scanlines(view, self.width, bottom - top)

    def image(self) -> Image.Image:
        """The pixels as an RGB Pillow image (a copy; used for palette and JPEG encoding)."""
        pixels = memoryview(self.data)[1:] if self.height else b""
        return Image.frombuffer("RGB", (self.width, self.height), bytes(pixels) + b"\0", "raw", "RGB", self.stride, 1)

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


def render_scanlines(page: pdfium.PdfPage, density: float = 1.0) -> Scanlines:
    """One PDF page → :class:`Scanlines` of exactly :func:`pixel_size` pixels.

    pdfium renders RGB (byte order reversed from its native BGR) straight into the
    PNG row buffer: the bitmap's stride is one byte longer than a row of pixels and
    starts one byte in, so each row's filter byte sits in the gap.  Same pixels as
    :func:`render_page`, without the copies that a Pillow image and a row join cost."""
    width, height = pixel_size(page.get_width(), page.get_height(), density)
    stride = 3 * width + 1
    data = bytearray(b"\xff") * (stride * height)  # opaque white background
    buffer = (ctypes.c_ubyte * len(data)).from_buffer(data)
    bitmap = pdfium_c.FPDFBitmap_CreateEx(width, height, pdfium_c.FPDFBitmap_BGR, ctypes.byref(buffer, 1), stride)
    try:
        pdfium_c.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0,
                                       pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_REVERSE_BYTE_ORDER)
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)
    del buffer  # release the export so that the bytearray may be sliced and resized
    data[0::stride] = bytes(height)  # filter type 0 on every row
    return Scanlines(data, width, height)


STREAM_BAND_ROWS = 16 * 256
"""Rows rendered at a time by :func:`encode_png_streamed` (a multiple of the deflate band)."""


def render_band(page: pdfium.PdfPage, width: int, height: int, top: int, rows: int) -> Scanlines:
    """Rows ``top`` to ``top + rows`` of ``page`` rendered at ``width`` × ``height`` px, without
    holding the whole page: the pixels of :func:`render_scanlines` but for pdfium's glyph
    placement in bands below the first (a few levels, on a fraction of a per cent of pixels)."""
    stride = 3 * width + 1
    data = bytearray(b"\xff") * (stride * rows)
    buffer = (ctypes.c_ubyte * len(data)).from_buffer(data)
    bitmap = pdfium_c.FPDFBitmap_CreateEx(width, rows, pdfium_c.FPDFBitmap_BGR, ctypes.byref(buffer, 1), stride)
    try:
        scale_x, scale_y = width / page.get_width(), height / page.get_height()
        matrix = pdfium_c.FS_MATRIX(scale_x, 0, 0, scale_y, 0, -top)
        clip = pdfium_c.FS_RECTF(0, 0, width, rows)
        pdfium_c.FPDF_RenderPageBitmapWithMatrix(bitmap, page, ctypes.byref(matrix), ctypes.byref(clip),
                                                 pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_REVERSE_BYTE_ORDER)
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)
    del buffer
    data[0::stride] = bytes(rows)
    return Scanlines(data, width, rows)


def rasterize(source: Any, density: float = 1.0, pages: Iterable[int] | None = None) -> list[Image.Image]:
    """PDF → one RGB image per (selected) page."""
    document = open_pdf(source)
    indexes = range(len(document)) if pages is None else pages
    return [render_page(document[index], density) for index in indexes]


# ---------------------------------------------------------------- encode


def as_image(source: "Image.Image | Scanlines") -> Image.Image:
    return source.image() if isinstance(source, Scanlines) else source


def encode_png(image: "Image.Image | Scanlines", effort: str = "balanced") -> bytes:
    """RGB image → lossless 8-bit RGB PNG, sRGB-tagged (oxipng, or parallel zlib for "fast")."""
    if PNG_EFFORT[effort] is None:
        return encode_png_parallel(image)
    image = as_image(image)
    image = image if image.mode == "RGB" else image.convert("RGB")
    raw = oxipng.RawImage(image.tobytes(), image.width, image.height, color_type=oxipng.ColorType.rgb())
    raw.add_png_chunk(b"sRGB", b"\x00")
    return raw.create_optimized_png(**PNG_EFFORT[effort], **_KEEP_RGB)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _deflate_band(rows: bytes, last: bool, level: int = FAST_ZLIB_LEVEL) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(rows) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


def png_scanlines(image: Image.Image) -> Scanlines:
    """A Pillow image → :class:`Scanlines` (copies the pixels once)."""
    image = image if image.mode == "RGB" else image.convert("RGB")
    width, height = image.size
    stride = 3 * width + 1
    data = bytearray(stride * height)
    pixels = image.tobytes()
    for row in range(height):
        data[row * stride + 1 : (row + 1) * stride] = pixels[row * 3 * width : (row + 1) * 3 * width]
    return Scanlines(data, width, height)


def encode_png_parallel(image: "Image.Image | Scanlines", level: int = FAST_ZLIB_LEVEL) -> bytes:
    """RGB image → PNG (filter type 0) whose IDAT is bands deflated in parallel, joined
    into one valid zlib stream (pigz-style: full flush between bands, one Adler-32)."""
    lines = image if isinstance(image, Scanlines) else png_scanlines(image)
    deflated = _deflate_rows(lines, True, level)
    return _png(lines.width, lines.height, deflated, zlib.adler32(memoryview(lines.data)), level)


def encode_png_streamed(page: pdfium.PdfPage, density: float, level: int = FAST_ZLIB_LEVEL) -> RasterImage:
    """One page → a PNG like ``encode_png_parallel(render_scanlines(page, density))`` (see
    :func:`render_band`), rendered and deflated :data:`STREAM_BAND_ROWS` rows at a time: a 2×
    long poster (2160 × 23634 px) never holds its 150 MB of pixels at once."""
    width, height = pixel_size(page.get_width(), page.get_height(), density)
    deflated, checksum = [], 1
    for top in range(0, height, STREAM_BAND_ROWS):
        band = render_band(page, width, height, top, min(STREAM_BAND_ROWS, height - top))
        checksum = zlib.adler32(memoryview(band.data), checksum)
        deflated += _deflate_rows(band, top + STREAM_BAND_ROWS >= height, level)
    return RasterImage(_png(width, height, deflated, checksum, level), "png", width, height)


def _deflate_rows(lines: Scanlines, last: bool, level: int) -> list[bytes]:
    """Bands of :data:`FAST_BAND_ROWS` rows deflated in threads; the stream ends after the last
    band when ``last``."""
    data = memoryview(lines.data)
    step = FAST_BAND_ROWS * lines.stride
    bands = [data[top : top + step] for top in range(0, lines.height * lines.stride, step)] or [data[:0]]
    ends = [last and i == len(bands) - 1 for i in range(len(bands))]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return list(pool.map(_deflate_band, bands, ends, [level] * len(bands)))


def _png(width: int, height: int, deflated: list[bytes], checksum: int, level: int) -> bytes:
    stream = _ZLIB_HEADER.get(level, b"\x78\x9c") + b"".join(deflated) + struct.pack(">I", checksum)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"sRGB", b"\x00")
            + _chunk(b"IDAT", stream) + _chunk(b"IEND", b""))


def encode_palette_png(image: Image.Image, colours: int = 256) -> bytes:
    """RGB image → 8-bit indexed PNG (median cut, no dithering: lossy but crisp on flat colour)."""
    quantized = image.convert("RGB").quantize(
        colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    flat = quantized.getpalette()[: 3 * colours]
    palette = [(*flat[i : i + 3], 255) for i in range(0, len(flat), 3)]
    raw = oxipng.RawImage(
        quantized.tobytes(), image.width, image.height, color_type=oxipng.ColorType.indexed(palette)
    )
    raw.add_png_chunk(b"sRGB", b"\x00")
    return raw.create_optimized_png(**PNG_EFFORT["balanced"])


def srgb_icc_profile() -> bytes:
    """The sRGB ICC profile WeasyPrint ships (fixed bytes, so JPEGs stay deterministic)."""
    return (resources.files("weasyprint") / "pdf" / "sRGB2014.icc").read_bytes()


def encode_jpeg(image: Image.Image, quality: int = 90, subsampling: int = 0) -> bytes:
    """RGB image → baseline JPEG, sRGB ICC embedded; subsampling 0 = 4:4:4, 2 = 4:2:0."""
    buffer = io.BytesIO()
    image.convert("RGB").save(
        buffer, "JPEG", quality=quality, subsampling=subsampling, optimize=True,
        icc_profile=srgb_icc_profile(),
    )
    return buffer.getvalue()


def _fits(data: bytes, budget: int | None) -> bool:
    return budget is None or len(data) <= budget


def _kb(size: int) -> str:
    return f"{size / 1000:.0f} kB"


def _note(message: str, severity: str = "info") -> Diagnostic:
    """One step of fitting the byte budget, for the caller to report."""
    return Diagnostic(severity, "raster", message)


def fit_budget(image: Image.Image, options: RasterOptions) -> _Encoded:
    """Encode as asked; when over ``byte_budget``, fall back to palette PNG, then JPEG."""
    budget = options.byte_budget
    if options.format == "jpeg":
        first = _Encoded(encode_jpeg(as_image(image), options.jpeg_quality), "jpeg")
    else:
        first = _Encoded(encode_png(image, options.png_effort), "png")
    if _fits(first.data, budget):
        return first
    notes = [_note(f"{options.format.upper()} {_kb(len(first.data))} exceeds the budget of {_kb(budget)}")]
    if options.format == "png" and PNG_EFFORT[options.png_effort] is None:
        tight = encode_png_parallel(image, TIGHT_ZLIB_LEVEL)
        if _fits(tight, budget):
            notes.append(_note(f"deflated again at level {TIGHT_ZLIB_LEVEL}: {_kb(len(tight))}, still lossless"))
            return _Encoded(tight, "png", None, [])
        notes.append(_note(f"lossless at zlib level {TIGHT_ZLIB_LEVEL} still {_kb(len(tight))}"))
    image = as_image(image)
    if options.format == "png":
        palette = _palette_within(image, budget, notes)
        if palette is not None:
            return palette
    return _jpeg_within(image, budget, notes)


def _palette_within(image: Image.Image, budget: int, notes: list[Diagnostic]) -> _Encoded | None:
    for colours in PALETTE_STEPS:
        data = encode_palette_png(image, colours)
        if _fits(data, budget):
            notes.append(_note(f"fell back to a {colours}-colour palette PNG ({_kb(len(data))})"))
            return _Encoded(data, "png", "palette", notes)
        notes.append(_note(f"{colours}-colour palette PNG still {_kb(len(data))}"))
    return None


def _jpeg_within(image: Image.Image, budget: int, notes: list[Diagnostic]) -> _Encoded:
    data = b""
    for quality, subsampling in JPEG_STEPS:
        data = encode_jpeg(image, quality, subsampling)
        chroma = "4:4:4" if subsampling == 0 else "4:2:0"
        if _fits(data, budget):
            notes.append(_note(f"fell back to JPEG quality {quality} {chroma} ({_kb(len(data))})"))
            return _Encoded(data, "jpeg", "jpeg", notes)
    notes.append(_note(f"JPEG quality {quality} {chroma} still {_kb(len(data))}: over budget", "warning"))
    return _Encoded(data, "jpeg", "jpeg", notes, within_budget=False)


def encode_image(image: "Image.Image | Scanlines", options: RasterOptions, page_index: int = 0) -> RasterImage:
    """One rendered image → a :class:`RasterImage` that respects the options' budget."""
    encoded = fit_budget(image, options)
    return RasterImage(
        data=encoded.data,
        format=encoded.format,
        width_px=image.size[0],
        height_px=image.size[1],
        page_index=page_index,
        fallback=encoded.fallback,
        notes=tuple(encoded.notes),
        within_budget=encoded.within_budget,
    )


# ---------------------------------------------------------------- exporter


def export_png(source: Any, options: RasterOptions | None = None) -> list[RasterImage]:
    """PDF (bytes, path or Document) → one encoded image per selected page.

    Despite the name, ``options.format = "jpeg"`` gives JPEGs; budget fallbacks
    may also turn a PNG into a palette PNG or a JPEG (see ``RasterImage.fallback``).
    """
    options = options or RasterOptions()
    document = open_pdf(source)
    indexes = list(range(len(document))) if options.pages is None else list(options.pages)
    if not indexes:
        raise BuildError("nothing to rasterise: the PDF has no pages selected")
    return [encode_image(render_page(document[i], options.density), options, i) for i in indexes]


__all__ = [
    "JPEG_STEPS", "PALETTE_STEPS", "PNG_EFFORT", "PX_PER_PT", "RasterImage", "RasterOptions", "encode_image", "encode_jpeg",
    "encode_palette_png", "encode_png", "encode_png_streamed", "export_png", "fit_budget", "open_pdf", "pixel_size",
    "rasterize", "render_page", "render_scanlines", "Scanlines",
]
