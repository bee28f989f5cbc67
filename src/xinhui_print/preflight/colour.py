"""PDF colour spaces → small immutable descriptions, and the GWG colour predicates.

``resolve_space(obj, resources)`` turns a colour-space operand or object into a
:class:`ColourSpace`; :class:`Colour` pairs it with the current values.  The
predicates (white, black, colorant count, spot names) follow the GWG 2022
definitions in press.md §3.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

PROCESS_NAMES = ("Cyan", "Magenta", "Yellow", "Black")
NON_SPOT_NAMES = frozenset(PROCESS_NAMES) | {"All", "None"}
INLINE_ABBREVIATIONS = {
    "/G": "/DeviceGray",
    "/RGB": "/DeviceRGB",
    "/CMYK": "/DeviceCMYK",
    "/I": "/Indexed",
}
DEVICE_FAMILIES = {"DeviceGray": 1, "DeviceRGB": 3, "DeviceCMYK": 4}


@dataclass(frozen=True, slots=True)
class ColourSpace:
    """A colour space reduced to what preflight needs."""

    family: str  # DeviceGray, DeviceRGB, DeviceCMYK, ICCBased, CalRGB, CalGray, Lab,
    # Separation, DeviceN, Indexed, Pattern
    n: int = 1
    names: tuple[str, ...] = ()  # colorants of Separation / DeviceN
    base: ColourSpace | None = None  # Indexed base, uncoloured-pattern base
    lookup: bytes = b""  # Indexed table

    @property
    def process_family(self) -> str:
        """``Gray``, ``RGB``, ``CMYK``, ``Lab`` or the family itself."""
        if self.family in ("DeviceGray", "CalGray") or (self.family == "ICCBased" and self.n == 1):
            return "Gray"
        if self.family in ("DeviceRGB", "CalRGB") or (self.family == "ICCBased" and self.n == 3):
            return "RGB"
        if self.family == "DeviceCMYK" or (self.family == "ICCBased" and self.n == 4):
            return "CMYK"
        return self.family

    def describe(self) -> str:
        if self.family == "ICCBased":
            return f"ICCBased {self.process_family}"
        if self.family == "Separation":
            return f"Separation {self.names[0]}"
        if self.family == "Indexed" and self.base:
            return f"Indexed {self.base.describe()}"
        return self.family


GRAY = ColourSpace("DeviceGray", 1)
RGB = ColourSpace("DeviceRGB", 3)
CMYK = ColourSpace("DeviceCMYK", 4)
PATTERN = ColourSpace("Pattern", 1)
_BY_NAME = {"DeviceGray": GRAY, "DeviceRGB": RGB, "DeviceCMYK": CMYK, "Pattern": PATTERN}


@dataclass(frozen=True, slots=True)
class Colour:
    """A colour space and the component values set with ``sc``/``scn`` (may be empty)."""

    space: ColourSpace
    values: tuple[float, ...] = ()
    pattern: object = None  # the pattern object for Pattern spaces


def initial_values(space: ColourSpace) -> tuple[float, ...]:
    """The colour a ``cs`` operator selects before any ``sc`` (PDF 32000 §8.6.8)."""
    if space.family == "DeviceCMYK":
        return (0.0, 0.0, 0.0, 1.0)
    if space.family in ("Separation", "DeviceN"):
        return (1.0,) * len(space.names)
    if space.family == "Pattern":
        return ()
    return (0.0,) * space.n


def resolve_space(obj, resources=None, cache: dict | None = None) -> ColourSpace:
    """Resolve a colour-space name or array, using the ``/ColorSpace`` resources."""
    if isinstance(obj, pikepdf.Name):
        name = INLINE_ABBREVIATIONS.get(str(obj), str(obj))[1:]
        if name in _BY_NAME:
            return _BY_NAME[name]
        named = _named_resource(resources, str(obj))
        if named is None:
            return ColourSpace(name, 1)
        return resolve_space(named, resources, cache)
    key = _cache_key(obj)
    if cache is not None and key in cache:
        return cache[key]
    space = _resolve_array(obj, resources, cache)
    if cache is not None and key is not None:
        cache[key] = space
    return space


def _named_resource(resources, name: str):
    if resources is None:
        return None
    spaces = resources.get("/ColorSpace")
    if spaces is None or name not in spaces:
        return None
    return spaces[name]


def _cache_key(obj):
    try:
        return obj.objgen if obj.is_indirect else None
    except AttributeError:
        return None


def _resolve_array(obj, resources, cache) -> ColourSpace:
    if not isinstance(obj, pikepdf.Array) or len(obj) == 0:
        return ColourSpace("Unknown", 1)
    family = str(obj[0])[1:]
    family = INLINE_ABBREVIATIONS.get("/" + family, "/" + family)[1:]
    if family in _BY_NAME and len(obj) == 1:
        return _BY_NAME[family]
    if family == "ICCBased":
        return ColourSpace("ICCBased", int(obj[1].get("/N", 3)))
    if family in ("CalRGB", "Lab"):
        return ColourSpace(family, 3)
    if family == "CalGray":
        return ColourSpace(family, 1)
    if family == "Separation":
        return ColourSpace("Separation", 1, (str(obj[1])[1:],))
    if family == "DeviceN":
        names = tuple(str(n)[1:] for n in obj[1])
        return ColourSpace("DeviceN", len(names), names)
    if family == "Indexed":
        return _resolve_indexed(obj, resources, cache)
    if family == "Pattern":
        base = resolve_space(obj[1], resources, cache) if len(obj) > 1 else None
        return ColourSpace("Pattern", 1, base=base)
    return ColourSpace(family, 1)


def _resolve_indexed(obj, resources, cache) -> ColourSpace:
    base = resolve_space(obj[1], resources, cache)
    table = obj[3]
    lookup = table.read_bytes() if isinstance(table, pikepdf.Stream) else bytes(table)
    return ColourSpace("Indexed", 1, base=base, lookup=lookup)


def effective(colour: Colour) -> Colour:
    """Replace an Indexed colour by its base colour (other colours unchanged)."""
    space = colour.space
    if space.family != "Indexed" or space.base is None or not colour.values:
        return colour
    n = max(space.base.n, len(space.base.names))
    index = int(colour.values[0])
    raw = space.lookup[index * n : index * n + n]
    if len(raw) < n:
        return Colour(space.base, ())
    return Colour(space.base, tuple(b / 255 for b in raw))


def inks(colour: Colour) -> dict[str, float] | None:
    """Process and spot tints (0–1) a colour lays down, or None when not device-defined."""
    colour = effective(colour)
    space, values = colour.space, colour.values
    if not values:
        return None
    family = space.process_family
    if family == "CMYK":
        return dict(zip(PROCESS_NAMES, values, strict=False))
    if family == "Gray":
        return {"Black": 1.0 - values[0]}
    if space.family in ("Separation", "DeviceN"):
        return dict(zip(space.names, values, strict=False))
    return None


def is_white(colour: Colour) -> bool:
    """GWG white: CMYK 0/0/0/0, Separation (or DeviceN) tint 0, or Gray 1."""
    tints = inks(colour)
    return tints is not None and all(v <= 0 for v in tints.values())


def is_cmyk_black(colour: Colour) -> bool:
    """Exactly 0/0/0/1 in (device or ICC-based) CMYK, or Separation Black at tint 1."""
    colour = effective(colour)
    if colour.space.process_family == "CMYK":
        return tuple(colour.values) == (0.0, 0.0, 0.0, 1.0)
    if colour.space.family == "Separation":
        return colour.space.names == ("Black",) and colour.values == (1.0,)
    return False


def is_gray_black(colour: Colour) -> bool:
    """Gray 0 (100 % black) defined in DeviceGray."""
    colour = effective(colour)
    return colour.space.family == "DeviceGray" and colour.values == (0.0,)


def colorant_count(colour: Colour) -> int:
    """How many colorants the colour uses; non-device spaces (RGB, Lab) count as 3."""
    tints = inks(colour)
    if tints is not None:
        if "All" in tints and tints["All"] > 0:
            return 4
        return sum(1 for v in tints.values() if v > 0)
    colour = effective(colour)
    if colour.space.process_family == "RGB" and colour.values and min(colour.values) >= 1:
        return 0
    return 3


def spot_names(space: ColourSpace) -> tuple[str, ...]:
    """Spot colorant names a space uses (process names, All and None excluded)."""
    while space.family in ("Indexed", "Pattern") and space.base is not None:
        space = space.base
    return tuple(n for n in space.names if n not in NON_SPOT_NAMES)


def binding_families(space: ColourSpace) -> set[str]:
    """Families whose use decides binding: the space itself and an Indexed/Pattern base."""
    families = {space.family}
    if space.base is not None:
        families |= binding_families(space.base)
    return families
