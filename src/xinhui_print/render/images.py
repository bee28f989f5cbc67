"""Images named in the report data (``meta.logo``, ``meta.cover_image``): found, checked, served.

A path is read from the folder of the data file and must stay inside it (links are
resolved first).  Each file is checked before any layout starts, and each problem is one
located line at the field that names it: a missing file, a file that is not what its name
says (``logo.png`` holding text), a file over :data:`limits.IMAGE_BYTES` or an image over
:data:`limits.IMAGE_PIXELS` (a few kB of PNG can declare 100 000 × 100 000 pixels), an SVG
with a DTD or pointing at another file.  Raster images reach the renderer in sRGB
(a CMYK JPEG or an Adobe RGB PNG is converted; the press stage converts sRGB to the
press profile's CMYK).  The renderer's fetcher serves exactly these files, from memory.
"""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from ..errors import DataError, Location
from ..model import Report, limits

FIELDS = ("logo", "cover_image")
KINDS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff"}
RASTER_MODES = ("RGB", "RGBA", "L", "LA", "P", "1")
_OUTSIDE_REFERENCE = re.compile(r"url\(\s*['\"]?(?!#|data:)|@import", re.IGNORECASE)


@dataclass(frozen=True)
class DataImage:
    """One checked image: where it is, its kind, its size in pixels (SVG: user units) and
    the bytes the renderer is served."""

    field: str
    path: Path
    kind: str
    width: float
    height: float
    body: bytes

    @property
    def url(self) -> str:
        return self.path.as_uri()


@dataclass(frozen=True)
class ReportImages:
    logo: DataImage | None = None
    cover_image: DataImage | None = None

    @property
    def files(self) -> dict[str, bytes]:
        """Resolved path → bytes, for the fetcher."""
        return {str(image.path): image.body for image in (self.logo, self.cover_image) if image}


def report_images(report: Report) -> ReportImages:
    """The report's images, checked (a problem is a :class:`DataError` at its field)."""
    found = {}
    for name in FIELDS:
        relative = getattr(report.meta, name)
        if relative:
            found[name] = _data_image(report, name, relative)
    return ReportImages(**found)


def _data_image(report: Report, name: str, relative: str) -> DataImage:
    location = report.locate(("meta", name)) or Location()
    field = f"meta.{name}"
    if location.path is None:
        raise DataError(f"{field}: images need report data read from a file (paths are "
                        "relative to its folder)", location)
    folder = Path(location.path).resolve().parent
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder):
        raise DataError(f"{field}: {relative!r} leads outside the folder of the data file "
                        f"({folder}); images come only from that folder", location)
    try:
        stat = path.stat()
        if not path.is_file():
            raise DataError(f"{field}: {relative!r} is not a file", location)
        if stat.st_size > limits.IMAGE_BYTES:
            raise DataError(f"{field}: {relative!r} has {stat.st_size:,} bytes, at most "
                            f"{limits.IMAGE_BYTES:,}", location)
        return _checked(name, path, stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        raise DataError(f"{field}: file not found: {relative!r} (in {folder})", location) from None
    except OSError as error:
        raise DataError(f"{field}: cannot read {relative!r} ({error.strerror})", location) from None
    except ValueError as error:
        raise DataError(f"{field}: {relative!r}: {error}", location) from None


@functools.lru_cache(maxsize=16)
def _checked(name: str, path: Path, mtime_ns: int, size: int) -> DataImage:
    """The image at ``path`` (cached by modification time and size: card fitting renders a set
    many times); a ValueError says what is wrong with it."""
    raw = path.read_bytes()
    kind = KINDS[path.suffix.lower()]
    if kind == "svg":
        width, height = svg_size(raw)
        return DataImage(name, path, kind, width, height, raw)
    if not raw.startswith(MAGIC[kind]):
        raise ValueError(f"not a {kind.upper()} image (the file does not start like one)")
    body, (width, height) = srgb_raster(raw, kind)
    return DataImage(name, path, kind, width, height, body)


def srgb_raster(raw: bytes, kind: str) -> tuple[bytes, tuple[int, int]]:
    """(bytes in sRGB, pixel size) of a PNG or JPEG: the file itself when it is already
    sRGB (or untagged RGB/grey) and upright, else a converted copy."""
    too_many = f"pixels, at most {limits.IMAGE_PIXELS:,} (scale it down)"
    try:
        image = Image.open(io.BytesIO(raw))
        width, height = image.size
        if width * height > limits.IMAGE_PIXELS:
            raise ValueError(f"{width} × {height} {too_many}")
        image.load()
    except Image.DecompressionBombError:
        raise ValueError(f"far too many {too_many}") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValueError(f"not a readable {kind.upper()} image ({error})") from None
    profile = image.info.get("icc_profile")
    rotated = image.getexif().get(0x0112, 1) != 1
    if image.mode in RASTER_MODES and not rotated and (not profile or _is_srgb(profile)):
        return raw, (width, height)
    converted = _to_srgb(ImageOps.exif_transpose(image), profile)
    buffer = io.BytesIO()
    if kind == "jpeg":
        converted.convert("RGB").save(buffer, "JPEG", quality=92, subsampling=0)
    else:
        converted.save(buffer, "PNG")
    return buffer.getvalue(), converted.size


def _is_srgb(profile: bytes) -> bool:
    try:
        described = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(profile)))
    except (ImageCms.PyCMSError, OSError):
        return False
    return "srgb" in described.lower()


def _to_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    alpha = image.getchannel("A") if image.mode in ("RGBA", "LA") else None
    base = image.convert("RGB") if image.mode not in ("RGB", "CMYK", "L") else image
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            base = ImageCms.profileToProfile(base, source, ImageCms.createProfile("sRGB"),
                                             outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: read the pixels as sRGB
    rgb = base.convert("RGB")
    rgb.info.pop("icc_profile", None)  # untagged RGB is read as sRGB
    if alpha is not None:
        rgb.putalpha(alpha)
    return rgb


def svg_size(raw: bytes) -> tuple[float, float]:
    """(width, height) of an SVG logo in its own units; a ValueError when it is not a
    self-contained SVG (a DTD, an entity, a link to another file or a font)."""
    head = raw[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in raw.lower():
        raise ValueError("an SVG with a DTD or entities is refused (save it as plain SVG)")
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as error:
        raise ValueError(f"not a readable SVG image ({error})") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise ValueError("not an SVG image (its root element is not <svg>)")
    _check_svg_size(root)
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.rsplit("}", 1)[-1] == "href" and not value.startswith(("#", "data:")):
                raise ValueError(f"the SVG refers to another file ({value[:60]!r}): embed it")
        if _OUTSIDE_REFERENCE.search(" ".join([element.text or "", *element.attrib.values()])):
            raise ValueError("the SVG refers to another file (url(…) or @import): embed it")
    return _svg_dimensions(root)


def _check_svg_size(root: ElementTree.Element) -> None:
    count, stack = 0, [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if count > limits.SVG_ELEMENTS:
            raise ValueError(f"the SVG has more than {limits.SVG_ELEMENTS:,} elements (simplify it)")
        if depth > limits.SVG_DEPTH:
            raise ValueError(f"the SVG nests elements more than {limits.SVG_DEPTH} deep (simplify it)")
        stack.extend((child, depth + 1) for child in element)


def _svg_dimensions(root: ElementTree.Element) -> tuple[float, float]:
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view_box) == 4:
        width, height = (_number(v) for v in view_box[2:])
    else:
        width, height = _number(root.get("width", "")), _number(root.get("height", ""))
    if not (width and height and width > 0 and height > 0):
        raise ValueError("the SVG has no size (give it a viewBox or a width and height)")
    return width, height


def _number(text: str) -> float | None:
    match = re.match(r"\s*([0-9]*\.?[0-9]+)", text)
    return float(match[1]) if match else None
