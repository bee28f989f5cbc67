"""A PDF → per-page ink coverage: one Ghostscript CMYK render, read page by page from a pipe.

:class:`InkRender` starts ``gs -sDEVICE=pamcmyk32`` writing one PAM image per page
to its standard output; a reader thread turns each page, as it arrives, into a
:class:`PageCoverage`: C+M+Y+K summed per pixel, the ``square_mm`` square whose
mean total area coverage is highest (GWG R0026, found with a summed-area table)
and the page's total ink (0 for an empty page, R0005).  At most one page is held
in memory and nothing is written to disk; the render runs while the caller reads
the content streams.

Pixels are bounded: the profile's resolution is used unless a page would exceed
:data:`MAX_PAGE_PIXELS` or the document :data:`MAX_DOCUMENT_PIXELS`; then the
whole file is rendered coarser, down to the resolution at which the ink square
still spans :data:`MIN_SQUARE_PIXELS` pixels.  A file that would need less is
refused with a message naming the file and its largest page.
"""

from __future__ import annotations

import math
import subprocess
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import BuildError, PdfReadError
from .geometry import MM, Box

MAX_PAGE_PIXELS = 1 << 23  # 8.4 Mpx: A0 at 72 dpi; ~120 MB of arrays while a page is measured
MAX_DOCUMENT_PIXELS = 1 << 28  # ~550 A4 pages at 72 dpi
MIN_SQUARE_PIXELS = 8  # the ink square must span at least this many pixels
RENDER_TIMEOUT_S = 300
INK_SCALE = 100.0 / 255.0  # one channel byte → percent


@dataclass(frozen=True)
class PageCoverage:
    page: int
    max_mean: float  # percent, highest mean C+M+Y+K over any square
    square: Box  # that square in page space (pt)
    total_ink: float  # sum of all pixels' C+M+Y+K (percent × pixels)
    dpi: float  # the resolution it was measured at


def max_square_mean(total: np.ndarray, window: int) -> tuple[float, int, int, int, int]:
    """Highest mean over ``window``×``window`` squares: (mean, row, col, height, width)."""
    rows, cols = total.shape
    h, w = min(window, rows), min(window, cols)
    table = np.zeros((rows + 1, cols + 1), dtype=np.float64)
    np.cumsum(np.cumsum(total, axis=0, dtype=np.float64), axis=1, out=table[1:, 1:])
    sums = table[h:, w:] - table[:-h, w:] - table[h:, :-w] + table[:-h, :-w]
    row, col = np.unravel_index(int(np.argmax(sums)), sums.shape)
    return float(sums[row, col]) / (h * w), int(row), int(col), h, w


def render_resolution(path: Path, media_boxes: list[Box], dpi: float, square_mm: float,
                      user_units: list[float] | None = None) -> float:
    """The resolution to render at: ``dpi``, or coarser when pages are huge; refuses past the floor."""
    if not media_boxes:
        return dpi
    units = user_units or [1.0] * len(media_boxes)
    areas = [max(b[2] - b[0], 0.0) * max(b[3] - b[1], 0.0) * unit * unit / (72 * 72)
             for b, unit in zip(media_boxes, units, strict=True)]  # in²
    largest = max(range(len(areas)), key=areas.__getitem__)
    limits = [dpi]
    if areas[largest] > 0:
        limits.append(math.sqrt(MAX_PAGE_PIXELS / areas[largest]))
    if sum(areas) > 0:
        limits.append(math.sqrt(MAX_DOCUMENT_PIXELS / sum(areas)))
    chosen = math.floor(min(limits) * 100) / 100  # gs rounds pixel sizes up: stay under the budget
    floor = MIN_SQUARE_PIXELS / (square_mm / 25.4)
    if chosen < floor:
        box, unit = media_boxes[largest], units[largest]
        width, height = (box[2] - box[0]) * unit / MM, (box[3] - box[1]) * unit / MM
        raise PdfReadError(
            f"{path}: page {largest + 1} measures {width:.0f} × {height:.0f} mm "
            f"({len(media_boxes)} pages): too large to measure ink coverage "
            f"(at most {MAX_PAGE_PIXELS / floor ** 2 * 0.0254 ** 2:.1f} m² per page)")
    return chosen


class InkRender:
    """One Ghostscript render of a file, measured page by page in a reader thread."""

    def __init__(self, path: Path, media_boxes: list[Box], dpi: float = 72, square_mm: float = 15.0,
                 user_units: list[float] | None = None):
        self.path = Path(path)
        self.media_boxes = media_boxes
        self.dpi = render_resolution(self.path, media_boxes, dpi, square_mm, user_units)
        self.window = max(1, round(square_mm * MM * self.dpi / 72))
        self.pages: list[PageCoverage] = []
        self._failure: Exception | None = None
        self._stderr: deque[str] = deque(maxlen=20)
        self._process = _start_ghostscript(self.path, self.dpi)
        self._threads = [threading.Thread(target=self._read_pages, daemon=True),
                         threading.Thread(target=self._read_messages, daemon=True)]
        for thread in self._threads:
            thread.start()

    def result(self) -> list[PageCoverage]:
        """Wait for the render; the coverage of every page, or :class:`PdfReadError`."""
        self._threads[0].join(RENDER_TIMEOUT_S)
        if self._threads[0].is_alive():
            self.close()
            raise PdfReadError(f"{self.path}: Ghostscript took more than {RENDER_TIMEOUT_S} s to render it")
        self._threads[1].join()
        code = self._process.wait()
        if self._failure is not None:
            raise self._failure
        if code != 0:
            cause = self._stderr[-1] if self._stderr else "no output"
            raise PdfReadError(f"{self.path}: Ghostscript could not render it ({cause})")
        return self.pages

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def _read_pages(self) -> None:
        stream = self._process.stdout
        try:
            while (page := _read_pam(stream)) is not None:
                self.pages.append(self._measure(len(self.pages) + 1, page))
        except (ValueError, OSError) as error:
            self._failure = PdfReadError(f"{self.path}: unreadable Ghostscript output ({error})")
            self.close()
        finally:
            stream.close()

    def _read_messages(self) -> None:
        for line in self._process.stderr:
            text = line.decode("utf-8", "replace").strip()
            if text:
                self._stderr.append(text)
        self._process.stderr.close()

    def _measure(self, number: int, cmyk: np.ndarray) -> PageCoverage:
        total = cmyk.sum(axis=2, dtype=np.uint16)
        mean, row, col, h, w = max_square_mean(total, self.window)
        media = self.media_boxes[number - 1] if number <= len(self.media_boxes) else (0, 0, 0, 0)
        scale = 72 / self.dpi
        x0, top = media[0] + col * scale, media[3] - row * scale
        square = (x0, top - h * scale, x0 + w * scale, top)
        ink = float(total.sum(dtype=np.uint64)) * INK_SCALE
        return PageCoverage(number, mean * INK_SCALE, square, ink, self.dpi)


def _start_ghostscript(path: Path, dpi: float) -> subprocess.Popen:
    command = [
        "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sstdout=%stderr", "-sDEVICE=pamcmyk32",
        f"-r{dpi:g}", "-dTextAlphaBits=1", "-dGraphicsAlphaBits=1", "-sOutputFile=-", str(path),
    ]
    try:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise BuildError("Ghostscript (gs) is not installed; run scripts/setup.sh") from None


def _read_pam(stream) -> np.ndarray | None:
    """The next CMYK PAM image of ``stream`` as a (height, width, 4) array, or None at the end."""
    header: dict[str, str] = {}
    first = stream.readline()
    if not first:
        return None
    if first.strip() != b"P7":
        raise ValueError(f"expected a PAM image, got {first[:20]!r}")
    while (line := stream.readline().strip()) != b"ENDHDR":
        if not line:
            raise ValueError("PAM header cut short")
        if not line.startswith(b"#"):
            key, _, value = line.decode("ascii").partition(" ")
            header[key] = value.strip()
    width, height, depth = int(header["WIDTH"]), int(header["HEIGHT"]), int(header["DEPTH"])
    if depth != 4 or width * height > MAX_PAGE_PIXELS * 1.01 + 4096:
        raise ValueError(f"unexpected {width}×{height}×{depth} image")
    data = stream.read(width * height * 4)
    if len(data) != width * height * 4:
        raise ValueError("image cut short")
    return np.frombuffer(data, dtype=np.uint8).reshape(height, width, 4)


def measure(path: Path, media_boxes: list[Box], dpi: float = 72, square_mm: float = 15.0) -> list[PageCoverage]:
    """Render ``path`` once and measure every page (waits for the result)."""
    render = InkRender(path, media_boxes, dpi, square_mm)
    try:
        return render.result()
    finally:
        render.close()
