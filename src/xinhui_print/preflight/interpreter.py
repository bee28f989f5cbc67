"""Content streams → painted objects: a graphics-state walker over one page.

``scan_page(document, page_number)`` parses each content stream once
(``pikepdf.parse_content_stream``, cached per stream), follows the current
transformation matrix into form XObjects, tiling patterns and the appearance
streams of printing annotations, and returns a :class:`PageScan`: every
visible text run, stroke, fill, image and shading as a :class:`Paint` with its
bounding box in page space, colour, overprint state and effective size
(font size, line width or image resolution, per the GWG definitions).
Invisible objects (text render mode 3/7, hidden optional content, ``n``) are
skipped, as the GWG allows (I00006).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import pikepdf

from .colour import CMYK, GRAY, RGB, Colour, ColourSpace, initial_values, resolve_space
from .fonts import FontInfo, load_font
from .geometry import (
    IDENTITY,
    Box,
    Matrix,
    apply,
    axis_lengths,
    bbox_of_points,
    intersect,
    min_scale,
    multiply,
    normalise,
    transform_box,
)

ANNOT_HIDDEN, ANNOT_PRINT = 2, 4
FILL_MODES, STROKE_MODES = {0, 2, 4, 6}, {1, 2, 5, 6}


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """A placed image: pixel size, depth and its resolution in the page's space."""

    width: int
    height: int
    bits: int
    is_mask: bool
    space: ColourSpace | None
    ppi: float  # the smaller of the two axes
    has_smask: bool


@dataclass(frozen=True, slots=True)
class Paint:
    """One marking operation as seen on the page."""

    kind: str  # "text", "stroke", "fill", "image", "shading"
    page: int
    bbox: Box
    colour: Colour | None
    overprint: bool
    opm: int
    alpha: float
    blend: str
    size: float | None = None  # font size, line width, thin-fill thickness (pt)
    font: FontInfo | None = None
    image: ImageInfo | None = None
    origin: str = "page"  # page, form, annotation, pattern


@dataclass(frozen=True, slots=True)
class GroupUse:
    """A transparency group met on the page (page group or form group)."""

    page: int
    bbox: Box
    space: ColourSpace | None
    origin: str


@dataclass
class PageScan:
    page: int
    paints: list[Paint] = field(default_factory=list)
    groups: list[GroupUse] = field(default_factory=list)


class GState:
    """The graphics and text state saved by ``q`` and restored by ``Q``."""

    __slots__ = (
        "CA", "OP", "blend", "ca", "char_spacing", "clip", "ctm", "fill", "font",
        "font_size", "h_scale", "leading", "line_width", "op", "opm", "render_mode",
        "rise", "stroke", "word_spacing",
    )

    def __init__(self, ctm: Matrix, clip: Box):
        self.ctm, self.clip = ctm, clip
        self.fill = self.stroke = Colour(GRAY, (0.0,))
        self.line_width = 1.0
        self.op = self.OP = False
        self.opm = 0
        self.ca = self.CA = 1.0
        self.blend = "Normal"
        self.font: FontInfo | None = None
        self.font_size = 0.0
        self.char_spacing = self.word_spacing = self.leading = self.rise = 0.0
        self.h_scale = 1.0
        self.render_mode = 0


class DocumentCaches:
    """Per-document caches shared by all page walks: parsed streams, fonts, spaces."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.ops: dict = {}
        self.fonts: dict = {}
        self.spaces: dict = {}
        self.hidden_ocgs = _hidden_ocgs(pdf)

    def instructions(self, key, source) -> list:
        found = self.ops.get(key)
        if found is None:
            found = list(pikepdf.parse_content_stream(source))
            if key is not None:
                self.ops[key] = found
        return found

    def font(self, obj) -> FontInfo:
        key = obj.objgen if obj.is_indirect else id(obj)
        info = self.fonts.get(key)
        if info is None:
            info = self.fonts[key] = load_font(obj)
        return info


def _hidden_ocgs(pdf: pikepdf.Pdf) -> set:
    props = pdf.Root.get("/OCProperties")
    if props is None or "/D" not in props:
        return set()
    default = props.D
    all_groups = {g.objgen for g in props.get("/OCGs", [])}
    on = {g.objgen for g in default.get("/ON", [])}
    off = {g.objgen for g in default.get("/OFF", [])}
    if default.get("/BaseState") == pikepdf.Name.OFF:
        return (all_groups - on) | off
    return off


def scan_page(caches: DocumentCaches, page_number: int, page: pikepdf.Page) -> PageScan:
    """Walk one page (1-based ``page_number``) and its annotations."""
    walker = _Walker(caches, page_number)
    media = normalise(page.mediabox)
    walker.run_page(page, media)
    walker.run_annotations(page, media)
    return walker.scan


class _Walker:
    def __init__(self, caches: DocumentCaches, page_number: int):
        self.caches = caches
        self.scan = PageScan(page_number)
        self.form_stack: list = []
        self.area_override: Box | None = None  # set while painting a tiling pattern

    # -- entry points -------------------------------------------------------------------------
    def run_page(self, page: pikepdf.Page, media: Box) -> None:
        group = page.obj.get("/Group")
        if group is not None:
            self._record_group(group, media, page.resources, "page")
        ops = self.caches.instructions(page.obj.objgen, page)
        self._run(ops, page.resources, GState(IDENTITY, media), IDENTITY, "page")

    def run_annotations(self, page: pikepdf.Page, media: Box) -> None:
        for annot in page.obj.get("/Annots", []):
            stream = _printing_appearance(annot)
            if stream is not None:
                self._run_appearance(annot, stream, media)

    def _run_appearance(self, annot, stream: pikepdf.Stream, media: Box) -> None:
        form_matrix = _matrix(stream.get("/Matrix"))
        bbox = transform_box(form_matrix, normalise(stream.get("/BBox", [0, 0, 0, 0])))
        rect = normalise(annot.Rect)
        width, height = bbox[2] - bbox[0], bbox[3] - bbox[1]
        sx = (rect[2] - rect[0]) / width if width else 1.0
        sy = (rect[3] - rect[1]) / height if height else 1.0
        fit = (sx, 0.0, 0.0, sy, rect[0] - bbox[0] * sx, rect[1] - bbox[1] * sy)
        ctm = multiply(form_matrix, fit)
        state = GState(ctm, intersect(rect, media) or rect)
        self._form_body(stream, state, ctm, "annotation")

    # -- the operator loop ---------------------------------------------------------------------
    def _run(self, ops, resources, gs: GState, base: Matrix, origin: str) -> None:
        stack: list[GState] = []
        path = _Path()
        hidden: list[bool] = []
        text = _TextState()
        for instruction in ops:
            op = str(instruction.operator)
            if op == "INLINE IMAGE":
                if not any(hidden):
                    self._inline_image(instruction.iimage, resources, gs, origin)
                continue
            args = instruction.operands
            handler = _PATH_OPS.get(op)
            if handler is not None:
                handler(path, gs.ctm, args)
            elif op in _PAINT_OPS:
                self._paint_path(op, path, gs, resources, base, origin, any(hidden))
                path = _Path()
            elif op == "q":
                stack.append(copy.copy(gs))
            elif op == "Q":
                if stack:
                    gs = stack.pop()
            elif op == "cm":
                gs.ctm = multiply(_matrix(args), gs.ctm)
            elif op in ("W", "W*"):
                path.clips = True
            elif op in _TEXT_OPS:
                _TEXT_OPS[op](self, text, gs, args, resources, origin, any(hidden))
            elif op in _COLOUR_OPS:
                _COLOUR_OPS[op](self, gs, args, resources)
            elif op == "w":
                gs.line_width = float(args[0])
            elif op == "gs":
                self._ext_gstate(gs, resources, args[0])
            elif op == "Do":
                if not any(hidden):
                    self._do(gs, resources, args[0], origin)
            elif op == "sh":
                if not any(hidden):
                    self._shading(gs, resources, args[0], origin)
            elif op in ("BDC", "BMC"):
                hidden.append(op == "BDC" and self._is_hidden_content(args, resources))
            elif op == "EMC":
                if hidden:
                    hidden.pop()

    # -- paths ---------------------------------------------------------------------------------
    def _paint_path(self, op, path, gs, resources, base, origin, hidden) -> None:
        box = path.bbox()
        if box is not None and path.clips:
            gs.clip = intersect(gs.clip, box) or (box[0], box[1], box[0], box[1])
        if op == "n" or box is None or hidden:
            return
        if op in _STROKES:
            width = gs.line_width * min_scale(gs.ctm)
            half = width / 2
            grown = (box[0] - half, box[1] - half, box[2] + half, box[3] + half)
            self._emit_fill_or_stroke("stroke", grown, gs.stroke, gs, width, resources, base, origin)
        if op in _FILLS:
            self._emit_fill_or_stroke(
                "fill", box, gs.fill, gs, path.thickness(), resources, base, origin
            )

    def _emit_fill_or_stroke(self, kind, box, colour, gs, size, resources, base, origin) -> None:
        if colour.space.family == "Pattern":
            self._paint_with_pattern(kind, box, colour, gs, resources, base, origin)
            return
        self._emit(kind, box, colour, gs, origin, size=size)

    def _emit(self, kind, box, colour, gs, origin, **extra) -> None:
        stroking = kind == "stroke" or extra.pop("stroking", False)
        # tiling-pattern content repeats over the whole filled area
        visible = self.area_override or intersect(box, gs.clip)
        if visible is None:
            return
        self.scan.paints.append(
            Paint(
                kind=kind,
                page=self.scan.page,
                bbox=visible,
                colour=colour,
                overprint=gs.OP if stroking else gs.op,
                opm=gs.opm,
                alpha=gs.CA if stroking else gs.ca,
                blend=gs.blend,
                origin=origin,
                **extra,
            )
        )

    # -- patterns and shadings -----------------------------------------------------------------
    def _paint_with_pattern(self, kind, box, colour, gs, resources, base, origin) -> None:
        pattern = colour.pattern
        if pattern is None:
            return
        area = intersect(box, gs.clip)
        if area is None:
            return
        if int(pattern.get("/PatternType", 1)) == 2:
            shading = pattern.get("/Shading")
            space = resolve_space(shading.ColorSpace, resources, self.caches.spaces)
            self._emit(kind, area, Colour(space), gs, "pattern")
            return
        if int(pattern.get("/PaintType", 1)) == 2:
            under = colour.space.base or GRAY
            self._emit(kind, area, Colour(under, colour.values), gs, "pattern")
            return
        self._run_tiling_pattern(pattern, area, gs, base)

    def _run_tiling_pattern(self, pattern, area: Box, gs: GState, base: Matrix) -> None:
        if pattern.objgen in self.form_stack:
            return
        ctm = multiply(_matrix(pattern.get("/Matrix")), base)
        state = GState(ctm, area)
        state.op, state.OP, state.opm = gs.op, gs.OP, gs.opm
        saved, self.area_override = self.area_override, area
        self.form_stack.append(pattern.objgen)
        try:
            ops = self.caches.instructions(pattern.objgen, pattern)
            self._run(ops, pattern.get("/Resources"), state, ctm, "pattern")
        finally:
            self.form_stack.pop()
            self.area_override = saved

    def _shading(self, gs, resources, name, origin) -> None:
        shadings = resources.get("/Shading") if resources is not None else None
        if shadings is None or name not in shadings:
            return
        shading = shadings[name]
        space = resolve_space(shading.ColorSpace, resources, self.caches.spaces)
        box = gs.clip
        if "/BBox" in shading:
            box = intersect(box, transform_box(gs.ctm, normalise(shading.BBox))) or box
        self._emit("shading", box, Colour(space), gs, origin)

    # -- XObjects ------------------------------------------------------------------------------
    def _do(self, gs, resources, name, origin) -> None:
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None or name not in xobjects:
            return
        xobj = xobjects[name]
        subtype = xobj.get("/Subtype")
        if "/OC" in xobj and self._oc_hidden(xobj.OC):
            return
        if subtype == pikepdf.Name.Image:
            self._image(xobj, resources, gs, origin)
        elif subtype == pikepdf.Name.Form and xobj.objgen not in self.form_stack:
            ctm = multiply(_matrix(xobj.get("/Matrix")), gs.ctm)
            state = copy.copy(gs)
            state.ctm = ctm
            box = transform_box(ctm, normalise(xobj.get("/BBox", [0, 0, 0, 0])))
            state.clip = intersect(gs.clip, box) or (box[0], box[1], box[0], box[1])
            if "/Group" in xobj:
                self._record_group(xobj.Group, state.clip, xobj.get("/Resources"), "form")
            self._form_body(xobj, state, ctm, "form" if origin == "page" else origin)

    def _form_body(self, stream, state: GState, base: Matrix, origin: str) -> None:
        self.form_stack.append(stream.objgen)
        try:
            ops = self.caches.instructions(stream.objgen, stream)
            self._run(ops, stream.get("/Resources"), state, base, origin)
        finally:
            self.form_stack.pop()

    def _record_group(self, group, box: Box, resources, origin: str) -> None:
        if group.get("/S") != pikepdf.Name.Transparency:
            return
        space = None
        if "/CS" in group:
            space = resolve_space(group.CS, resources, self.caches.spaces)
        self.scan.groups.append(GroupUse(self.scan.page, box, space, origin))

    def _image(self, xobj, resources, gs, origin) -> None:
        is_mask = bool(xobj.get("/ImageMask", False))
        space = None
        if not is_mask and "/ColorSpace" in xobj:
            space = resolve_space(xobj.ColorSpace, resources, self.caches.spaces)
        bits = 1 if is_mask else int(xobj.get("/BitsPerComponent", 8))
        info = _image_info(
            int(xobj.Width), int(xobj.Height), bits, is_mask, space, "/SMask" in xobj, gs.ctm
        )
        self._emit_image(info, gs, origin)

    def _inline_image(self, image, resources, gs, origin) -> None:
        is_mask = bool(image.image_mask)
        space = None
        if not is_mask:
            obj = image.obj.get("/ColorSpace", image.obj.get("/CS"))
            if obj is not None:
                space = resolve_space(obj, resources, self.caches.spaces)
        bits = 1 if is_mask else int(image.bits_per_component)
        info = _image_info(int(image.width), int(image.height), bits, is_mask, space, False, gs.ctm)
        self._emit_image(info, gs, origin)

    def _emit_image(self, info: ImageInfo, gs: GState, origin: str) -> None:
        box = transform_box(gs.ctm, (0.0, 0.0, 1.0, 1.0))
        colour = gs.fill if info.is_mask else Colour(info.space or GRAY)
        self._emit("image", box, colour, gs, origin, image=info)

    # -- graphics state ------------------------------------------------------------------------
    def _ext_gstate(self, gs: GState, resources, name) -> None:
        states = resources.get("/ExtGState") if resources is not None else None
        if states is None or name not in states:
            return
        ext = states[name]
        if "/OP" in ext:
            gs.OP = bool(ext.OP)
            gs.op = bool(ext.get("/op", ext.OP))
        elif "/op" in ext:
            gs.op = bool(ext.op)
        if "/OPM" in ext:
            gs.opm = int(ext.OPM)
        if "/CA" in ext:
            gs.CA = float(ext.CA)
        if "/ca" in ext:
            gs.ca = float(ext.ca)
        if "/LW" in ext:
            gs.line_width = float(ext.LW)
        if "/BM" in ext:
            mode = ext.BM
            gs.blend = str(mode[0] if isinstance(mode, pikepdf.Array) else mode)[1:]
        if "/Font" in ext:
            gs.font = self.caches.font(ext.Font[0])
            gs.font_size = float(ext.Font[1])

    # -- optional content ----------------------------------------------------------------------
    def _is_hidden_content(self, args, resources) -> bool:
        if len(args) < 2 or args[0] != pikepdf.Name.OC:
            return False
        props = args[1]
        if isinstance(props, pikepdf.Name):
            table = resources.get("/Properties") if resources is not None else None
            if table is None or props not in table:
                return False
            props = table[props]
        return self._oc_hidden(props)

    def _oc_hidden(self, oc) -> bool:
        hidden = self.caches.hidden_ocgs
        if oc.get("/Type") == pikepdf.Name.OCMD:
            groups = oc.get("/OCGs")
            if groups is None:
                return False
            groups = [groups] if isinstance(groups, pikepdf.Dictionary) else list(groups)
            states = [g.objgen not in hidden for g in groups]
            policy = str(oc.get("/P", "/AnyOn"))
            visible = {
                "/AllOn": all(states),
                "/AnyOff": not all(states),
                "/AllOff": not any(states),
            }.get(policy, any(states))
            return not visible
        return oc.objgen in hidden


def _image_info(width, height, bits, is_mask, space, has_smask, ctm) -> ImageInfo:
    placed_w, placed_h = axis_lengths(ctm)
    ppi_x = width / (placed_w / 72) if placed_w else float("inf")
    ppi_y = height / (placed_h / 72) if placed_h else float("inf")
    return ImageInfo(width, height, bits, is_mask, space, min(ppi_x, ppi_y), has_smask)


def _printing_appearance(annot) -> pikepdf.Stream | None:
    flags = int(annot.get("/F", 0))
    if flags & ANNOT_HIDDEN or not flags & ANNOT_PRINT or "/AP" not in annot:
        return None
    normal = annot.AP.get("/N")
    if isinstance(normal, pikepdf.Dictionary) and not isinstance(normal, pikepdf.Stream):
        state = annot.get("/AS")
        normal = normal.get(state) if state is not None else None
    return normal if isinstance(normal, pikepdf.Stream) else None


def _matrix(values) -> Matrix:
    if values is None or len(values) != 6:
        return IDENTITY
    return tuple(float(v) for v in values)  # type: ignore[return-value]


# -- path construction ---------------------------------------------------------------------------
class _Path:
    """The current path in page space, with enough shape to spot line-like rectangles."""

    __slots__ = ("clips", "points", "subpaths")

    def __init__(self):
        self.points: list[tuple[float, float]] = []
        self.subpaths: list[list[tuple[float, float]]] = []
        self.clips = False

    def add(self, point, new_subpath=False) -> None:
        self.points.append(point)
        if new_subpath or not self.subpaths:
            self.subpaths.append([point])
        else:
            self.subpaths[-1].append(point)

    def bbox(self) -> Box | None:
        return bbox_of_points(self.points) if self.points else None

    def thickness(self) -> float | None:
        """Width of a single quadrilateral (a rectangle drawn as a line), else None."""
        if len(self.subpaths) != 1:
            return None
        corners = self.subpaths[0]
        if len(corners) == 5 and corners[0] == corners[4]:
            corners = corners[:4]
        if len(corners) != 4:
            return None
        (x0, y0), (x1, y1), (x2, y2) = corners[:3]
        return min(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)


def _op_m(path, ctm, a):
    path.add(apply(ctm, float(a[0]), float(a[1])), new_subpath=True)


def _op_l(path, ctm, a):
    path.add(apply(ctm, float(a[0]), float(a[1])))


def _op_curve(path, ctm, a):
    for i in range(0, len(a) - 1, 2):
        path.add(apply(ctm, float(a[i]), float(a[i + 1])))
    path.subpaths[-1].append(path.subpaths[-1][-1])  # curves are never quadrilaterals


def _op_re(path, ctm, a):
    x, y, w, h = (float(v) for v in a)
    path.add(apply(ctm, x, y), new_subpath=True)
    for px, py in ((x + w, y), (x + w, y + h), (x, y + h)):
        path.add(apply(ctm, px, py))


def _op_h(path, ctm, a):
    pass


_PATH_OPS = {"m": _op_m, "l": _op_l, "c": _op_curve, "v": _op_curve, "y": _op_curve,
             "re": _op_re, "h": _op_h}
_STROKES = {"S", "s", "B", "B*", "b", "b*"}
_FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
_PAINT_OPS = _STROKES | _FILLS | {"n"}


# -- colour operators ----------------------------------------------------------------------------
def _set_space(walker, gs, args, resources, stroking):
    space = resolve_space(args[0], resources, walker.caches.spaces)
    colour = Colour(space, initial_values(space))
    if stroking:
        gs.stroke = colour
    else:
        gs.fill = colour


def _set_values(walker, gs, args, resources, stroking):
    current = gs.stroke if stroking else gs.fill
    pattern = None
    numbers = [float(a) for a in args if not isinstance(a, pikepdf.Name)]
    if args and isinstance(args[-1], pikepdf.Name) and current.space.family == "Pattern":
        patterns = resources.get("/Pattern") if resources is not None else None
        pattern = patterns.get(args[-1]) if patterns is not None else None
    colour = Colour(current.space, tuple(numbers), pattern)
    if stroking:
        gs.stroke = colour
    else:
        gs.fill = colour


def _device(space):
    def handler(walker, gs, args, resources, stroking):
        colour = Colour(space, tuple(float(a) for a in args))
        if stroking:
            gs.stroke = colour
        else:
            gs.fill = colour

    return handler


def _pair(function, stroking):
    return lambda walker, gs, args, resources: function(walker, gs, args, resources, stroking)


_COLOUR_OPS = {
    "cs": _pair(_set_space, False), "CS": _pair(_set_space, True),
    "sc": _pair(_set_values, False), "scn": _pair(_set_values, False),
    "SC": _pair(_set_values, True), "SCN": _pair(_set_values, True),
    "g": _pair(_device(GRAY), False), "G": _pair(_device(GRAY), True),
    "rg": _pair(_device(RGB), False), "RG": _pair(_device(RGB), True),
    "k": _pair(_device(CMYK), False), "K": _pair(_device(CMYK), True),
}


# -- text ----------------------------------------------------------------------------------------
class _TextState:
    __slots__ = ("line", "matrix")

    def __init__(self):
        self.matrix: Matrix = IDENTITY
        self.line: Matrix = IDENTITY


def _bt(walker, text, gs, args, resources, origin, hidden):
    text.matrix = text.line = IDENTITY


def _tf(walker, text, gs, args, resources, origin, hidden):
    fonts = resources.get("/Font") if resources is not None else None
    if fonts is not None and args[0] in fonts:
        gs.font = walker.caches.font(fonts[args[0]])
    gs.font_size = float(args[1])


def _setter(attribute, transform=float):
    def handler(walker, text, gs, args, resources, origin, hidden):
        setattr(gs, attribute, transform(args[0]))

    return handler


def _move(text, tx, ty):
    text.line = text.matrix = multiply((1.0, 0.0, 0.0, 1.0, tx, ty), text.line)


def _td(walker, text, gs, args, resources, origin, hidden):
    _move(text, float(args[0]), float(args[1]))


def _td_leading(walker, text, gs, args, resources, origin, hidden):
    gs.leading = -float(args[1])
    _move(text, float(args[0]), float(args[1]))


def _tm(walker, text, gs, args, resources, origin, hidden):
    text.line = text.matrix = _matrix(args)


def _tstar(walker, text, gs, args, resources, origin, hidden):
    _move(text, 0.0, -gs.leading)


def _show(walker, text, gs, args, resources, origin, hidden):
    _show_items(walker, text, gs, [args[0]], origin, hidden)


def _show_array(walker, text, gs, args, resources, origin, hidden):
    _show_items(walker, text, gs, list(args[0]), origin, hidden)


def _quote(walker, text, gs, args, resources, origin, hidden):
    _tstar(walker, text, gs, args, resources, origin, hidden)
    _show_items(walker, text, gs, [args[-1]], origin, hidden)


def _double_quote(walker, text, gs, args, resources, origin, hidden):
    gs.word_spacing, gs.char_spacing = float(args[0]), float(args[1])
    _quote(walker, text, gs, args, resources, origin, hidden)


def _show_items(walker, text, gs, items, origin, hidden) -> None:
    font = gs.font
    if font is None:
        return
    size, h_scale = gs.font_size, gs.h_scale
    advance = 0.0
    for item in items:
        if isinstance(item, pikepdf.String):
            for code in font.codes(bytes(item)):
                spacing = gs.char_spacing
                if code == 32 and not font.two_byte:
                    spacing += gs.word_spacing
                advance += (font.width(code) * size + spacing) * h_scale
        else:
            advance -= float(item) / 1000 * size * h_scale
    trm = multiply(text.matrix, gs.ctm)
    if not hidden and gs.render_mode not in (3, 7) and advance:
        box = transform_box(
            trm,
            (min(0.0, advance), font.descent * size + gs.rise,
             max(0.0, advance), font.ascent * size + gs.rise),
        )
        effective = abs(size) * axis_lengths(trm)[1]
        if gs.render_mode in FILL_MODES:
            walker._emit("text", box, gs.fill, gs, origin, size=effective, font=font)
        if gs.render_mode in STROKE_MODES:
            walker._emit(
                "text", box, gs.stroke, gs, origin, size=effective, font=font, stroking=True
            )
    text.matrix = multiply((1.0, 0.0, 0.0, 1.0, advance, 0.0), text.matrix)


def _noop(*_):
    pass


_TEXT_OPS = {
    "BT": _bt, "ET": _noop, "Tf": _tf, "Td": _td, "TD": _td_leading, "Tm": _tm, "T*": _tstar,
    "Tj": _show, "TJ": _show_array, "'": _quote, '"': _double_quote,
    "Tc": _setter("char_spacing"), "Tw": _setter("word_spacing"),
    "Tz": _setter("h_scale", lambda v: float(v) / 100), "TL": _setter("leading"),
    "Ts": _setter("rise"), "Tr": _setter("render_mode", int),
}
