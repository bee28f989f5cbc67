"""A PDF → per-page ink coverage: Ghostscript CMYK rendering + numpy summed-area tables.

``measure(path, media_boxes, dpi, square_mm)`` renders every page in one
``gs -sDEVICE=tiff32nc`` call, sums C+M+Y+K per pixel (in percent) and finds,
with a summed-area table, the ``square_mm`` square whose mean total area
coverage is highest (GWG R0026).  It also reports the page's total ink, which
is 0 for an empty page (R0005).
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from ..errors import BuildError, PdfReadError
from .geometry import MM, Box


@dataclass(frozen=True)
class PageCoverage:
    page: int
    max_mean: float  # percent, highest mean C+M+Y+K over any square
    square: Box  # that square in page space (pt)
    total_ink: float  # sum of all pixels' C+M+Y+K (percent × pixels)


def render_total_ink(path: Path, dpi: int) -> list[np.ndarray]:
    """Total area coverage (0–400 %) per pixel for every page, top row first.

    Cached by file content and resolution: the press self-check and the preflight of
    the same file share one Ghostscript render.
    """
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return _render_total_ink(digest, str(Path(path).resolve()), dpi)


@lru_cache(maxsize=2)
def _render_total_ink(digest: str, path: str, dpi: int) -> list[np.ndarray]:
    with tempfile.TemporaryDirectory(prefix="xinhui-tac-") as tmp:
        pattern = str(Path(tmp) / "p%05d.tif")
        command = [
            "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc",
            f"-r{dpi}", "-dTextAlphaBits=1", "-dGraphicsAlphaBits=1",
            f"-sOutputFile={pattern}", path,
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except FileNotFoundError:
            raise BuildError("Ghostscript (gs) is not installed; run scripts/setup.sh") from None
        if done.returncode != 0:
            cause = (done.stderr or done.stdout).strip().splitlines()
            raise PdfReadError(f"{path}: Ghostscript could not render it ({cause[-1] if cause else 'no output'})")
        return [_total_ink(tif) for tif in sorted(Path(tmp).glob("p*.tif"))]


def _total_ink(tif: Path) -> np.ndarray:
    with Image.open(tif) as image:
        channels = np.asarray(image, dtype=np.uint8)
    return (channels.sum(axis=2, dtype=np.float64) * (100.0 / 255.0)).astype(np.float32)


def max_square_mean(total: np.ndarray, window: int) -> tuple[float, int, int, int, int]:
    """Highest mean over ``window``×``window`` squares: (mean, row, col, height, width)."""
    rows, cols = total.shape
    h, w = min(window, rows), min(window, cols)
    table = np.zeros((rows + 1, cols + 1), dtype=np.float64)
    np.cumsum(np.cumsum(total, axis=0), axis=1, out=table[1:, 1:])
    sums = table[h:, w:] - table[:-h, w:] - table[h:, :-w] + table[:-h, :-w]
    row, col = np.unravel_index(int(np.argmax(sums)), sums.shape)
    return float(sums[row, col]) / (h * w), int(row), int(col), h, w


def measure(path: Path, media_boxes: list[Box], dpi: int = 72, square_mm: float = 15.0) -> list[PageCoverage]:
    window = max(1, round(square_mm * MM * dpi / 72))
    results = []
    for number, (total, media) in enumerate(zip(render_total_ink(path, dpi), media_boxes, strict=False), 1):
        mean, row, col, h, w = max_square_mean(total, window)
        scale = 72 / dpi
        x0, top = media[0] + col * scale, media[3] - row * scale
        square = (x0, top - h * scale, x0 + w * scale, top)
        results.append(PageCoverage(number, mean, square, float(total.sum())))
    return results
