"""Fonts: ``fonts/fonts.toml`` → roles, ``@font-face`` CSS and glyph coverage checks.

Every character a layout will print is checked against the font of its role
before rendering: a missing glyph is an error naming the character and where it
occurs, never a tofu box.
"""

from __future__ import annotations

import html as html_lib
import re
import struct
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from ..errors import DataError, FontError, Location
from ..model import Report, field_path
from ..project import project


@dataclass(frozen=True)
class FontFile:
    path: Path
    weight: int
    embed: bool = False  # shipped in fonts/ and declared with @font-face


@dataclass(frozen=True)
class FontRole:
    name: str
    family: str
    files: tuple[FontFile, ...]
    package: str = ""

    @property
    def regular(self) -> FontFile:
        return min(self.files, key=lambda f: abs(f.weight - 400))


def load_roles(config: Path | None = None) -> dict[str, FontRole]:
    """Read the font roles from ``fonts/fonts.toml``."""
    config = config or project().fonts_dir / "fonts.toml"
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise FontError(f"cannot read font configuration ({error})", Location(config)) from None
    roles = {}
    for name, role in data.get("roles", {}).items():
        files = tuple(
            FontFile(_resolve(config.parent, f["path"]), int(f.get("weight", 400)), bool(f.get("embed")))
            for f in role["files"]
        )
        roles[name] = FontRole(name, role["family"], files, role.get("package", ""))
    return roles


def _resolve(base: Path, path: str) -> Path:
    candidate = Path(path)
    return candidate if candidate.is_absolute() else base / candidate


def font_face_css(roles: Iterable[FontRole]) -> str:
    """``@font-face`` rules for the fonts the project ships (relative to fonts/)."""
    rules = []
    for role in roles:
        for file in role.files:
            if file.embed:
                rules.append(
                    f'@font-face {{ font-family: "{role.family}"; font-weight: {file.weight}; '
                    f'src: url("{file.path.as_uri()}"); }}'
                )
    return "\n".join(rules)


def missing_files(roles: Iterable[FontRole]) -> list[tuple[FontRole, FontFile]]:
    return [(role, f) for role in roles for f in role.files if not f.path.is_file()]


def codepoints(path: Path, family: str) -> frozenset[int]:
    """The code points the face ``family`` in ``path`` (a TTF/OTF or TTC) can draw."""
    if path.suffix.lower() in (".ttc", ".otc"):
        collection = TTCollection(str(path), lazy=True)
        try:
            for font in collection.fonts:
                if font["name"].getDebugName(1) == family:
                    return _cmap_codepoints(font)
        finally:
            collection.close()
        raise FontError(f"no face named {family!r} in {path}")
    with TTFont(str(path), lazy=True) as font:
        return _cmap_codepoints(font)


def _cmap_codepoints(font: TTFont) -> frozenset[int]:
    """Code points of the font's full-Unicode cmap subtable, read straight from its groups
    (format 12: a few thousand ranges; fontTools decodes every glyph name of a CJK font's
    65,000 mappings, ~0.1 s); other fonts through fontTools."""
    raw = font.reader["cmap"] if "cmap" in font.reader else b""
    for offset in _subtable_offsets(raw, (3, 10)):
        if struct.unpack_from(">H", raw, offset)[0] == 12:
            count = struct.unpack_from(">I", raw, offset + 12)[0]
            groups = struct.iter_unpack(">III", raw[offset + 16 : offset + 16 + 12 * count])
            return frozenset(code for start, end, _ in groups for code in range(start, end + 1))
    return frozenset(font.getBestCmap())


def _subtable_offsets(raw: bytes, platform_encoding: tuple[int, int]) -> list[int]:
    if len(raw) < 4:
        return []
    count = struct.unpack_from(">H", raw, 2)[0]
    records = [struct.unpack_from(">HHI", raw, 4 + 8 * i) for i in range(count)]
    return [offset for platform, encoding, offset in records if (platform, encoding) == platform_encoding]


IGNORED = frozenset(map(ord, "\n\r\t\u200b\u200c\u200d\ufeff\u00ad")) | frozenset(range(0xFE00, 0xFE10))  # + variation selectors


def check_glyphs(texts: Iterable[tuple[str, str]], roles: Iterable[FontRole]) -> None:
    """Raise FontError for the first character no role's font can draw.

    ``texts`` are (where, text) pairs; ``where`` names what the text is (a layout's own text).
    """
    roles = list(roles)
    coverage = _coverage(roles)
    for where, text in texts:
        if char := _missing_glyph(text, coverage):
            raise FontError(f"character {char!r} (U+{ord(char):04X}) in {where} "
                            f"has no glyph in {_families(roles)}")


def check_report_glyphs(report: Report, roles: Iterable[FontRole]) -> None:
    """Raise DataError for the first character of the report's text no role's font can draw,
    located at that character in the data file or article (an input error: exit 2)."""
    roles = list(roles)
    coverage = _coverage(roles)
    for loc, text in report.texts():
        if char := _missing_glyph(text, coverage):
            where = replace(report.locate(loc, char), field=field_path(loc))
            raise DataError(f"character {char!r} (U+{ord(char):04X}) "
                            f"has no glyph in {_families(roles)}", where)


def _missing_glyph(text: str, coverage: bytes) -> str | None:
    """The first character of ``text`` outside ``coverage`` (and not ignored), or None."""
    return next((char for char in text if not coverage[ord(char)] and ord(char) not in IGNORED), None)


def _coverage(roles: list[FontRole]) -> bytes:
    """Whether any of the roles can draw a code point (one byte per code point); a missing
    font file is a FontError."""
    for role, file in missing_files(roles):
        raise FontError(
            f"font file for role {role.name!r} ({role.family}) not found: {file.path}",
            hint=f"install the Debian package {role.package}" if role.package else None,
        )
    return _union(tuple((r.regular.path, r.family) for r in roles))


@cache
def _union(faces: tuple[tuple[Path, str], ...]) -> bytes:
    """1 at each code point one of the faces can draw: 1.1 MB, where a set of a CJK
    face's 44,000 code points held ~4 MB per face and as much again per union."""
    drawable = bytearray(sys.maxunicode + 1)
    for path, family in faces:
        for code in codepoints(path, family):
            drawable[code] = 1
    return bytes(drawable)


def _families(roles: list[FontRole]) -> str:
    return ", ".join(r.family for r in roles)


_TAG = re.compile(r"<[^>]*>")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def document_text(html: str) -> str:
    """Every character an HTML page can draw: its text nodes and its stylesheets' strings."""
    return html_lib.unescape(_TAG.sub(" ", _CSS_COMMENT.sub(" ", html)))


def check_document_glyphs(html: str, roles: Iterable[FontRole], where: str) -> None:
    """Check characters the layout itself adds (headings, bullets, leaders) after the data check."""
    check_glyphs([(where, "".join(sorted(set(document_text(html)))))], roles)
