"""Content-stream rewriting: a page or form content stream → the same drawing in DeviceCMYK.

Input is a list of parsed instructions (``pikepdf.parse_content_stream``) plus the
stream's resources; output is a new instruction list in which

* every RGB or gray colour (``rg``/``RG``/``g``/``G``, ``sc``/``scn`` in an RGB or gray
  space) is replaced by its CMYK equivalent (greys and black → K only);
* 100 % K text and 100 % K strokes and thin fills (GWG R0009/R0010) are painted with
  overprint on (``/OP true /op true /OPM 1``); everything else, including white,
  knocks out.

The overprint state is set lazily, right before a painting operator, with one of four
ExtGStates made once per file by :func:`overprint_states`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pikepdf
from pikepdf import ContentStreamInstruction, Name, Operator

from .colour import ColourConverter

K100 = (0.0, 0.0, 0.0, 1.0)
THIN_FILL_PT = 2.0  # a filled path narrower than this is a rule and overprints like a line

TEXT_SHOW = {"Tj", "TJ", "'", '"'}
PATH_FILL = {"f", "F", "f*"}
PATH_STROKE = {"S", "s"}
PATH_BOTH = {"B", "B*", "b", "b*"}
PATH_BUILD = {"m", "l", "c", "v", "y", "h", "re"}
NON_COLOUR_PAINT = {"Do", "sh", "BI", "INLINE IMAGE"}

RGB_SPACES = {"/DeviceRGB", "/CalRGB"}
GRAY_SPACES = {"/DeviceGray", "/CalGray"}


def colour_space_kind(space) -> str:
    """``rgb``, ``gray``, ``cmyk`` or ``other`` for a colour-space object or name."""
    if isinstance(space, Name):
        name = str(space)
        if name in RGB_SPACES:
            return "rgb"
        if name in GRAY_SPACES:
            return "gray"
        if name == "/DeviceCMYK":
            return "cmyk"
        return "other"
    if isinstance(space, pikepdf.Array) and len(space) >= 1:
        family = str(space[0])
        if family == "/ICCBased":
            return {1: "gray", 3: "rgb", 4: "cmyk"}.get(int(space[1].get("/N", 0)), "other")
        if family in RGB_SPACES:
            return "rgb"
        if family in GRAY_SPACES:
            return "gray"
    return "other"


def overprint_state_name(fill: bool, stroke: bool) -> Name:
    return Name(f"/XHop{int(fill)}{int(stroke)}")


def overprint_states(pdf: pikepdf.Pdf) -> dict[Name, pikepdf.Object]:
    """The four overprint ExtGStates (fill × stroke), made once per file; each rewritten
    stream's resources list the ones it uses."""
    return {
        overprint_state_name(fill, stroke): pdf.make_indirect(pikepdf.Dictionary(
            Type=Name.ExtGState, op=fill, OP=stroke, OPM=1 if fill or stroke else 0))
        for fill in (False, True) for stroke in (False, True)
    }


@dataclass
class _State:
    """The part of the graphics state the rewriter tracks (saved by q, restored by Q)."""

    fill_kind: str = "gray"  # kind of the *original* fill colour space
    stroke_kind: str = "gray"
    fill: tuple | None = K100  # current fill colour when it is CMYK, else None
    stroke: tuple | None = K100
    applied_op: tuple[bool, bool] | None = (False, False)  # overprint currently in effect
    ctm: tuple = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class RewriteStats:
    """What a rewrite changed, for the post-processing report."""

    colours_converted: int = 0
    overprinted_paints: int = 0
    rich_black_text: int = 0
    kinds_seen: set = field(default_factory=set)


class ContentRewriter:
    """Rewrites one content stream's instructions; see the module docstring."""

    def __init__(self, converter: ColourConverter, resources, *, inherit_overprint: bool):
        self.converter = converter
        self.resources = resources
        self.stack: list[_State] = []
        self.state = _State(applied_op=None if inherit_overprint else (False, False))
        self.path_points: list[tuple[float, float]] = []
        self.stats = RewriteStats()
        self.out: list = []

    def rewrite(self, instructions) -> list:
        for instruction in instructions:
            self._handle(instruction)
        return self.out

    # -- dispatch -------------------------------------------------------------
    def _handle(self, instruction) -> None:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            self._set_overprint(False, False)
            self.out.append(instruction)
            return
        operands, operator = list(instruction.operands), str(instruction.operator)
        handler = getattr(self, f"_op_{_OPERATOR_METHODS.get(operator, 'other')}")
        handler(operands, operator)

    def _emit(self, operands, operator: str) -> None:
        self.out.append(ContentStreamInstruction(operands, Operator(operator)))

    def _op_other(self, operands, operator) -> None:
        if operator in NON_COLOUR_PAINT:
            self._set_overprint(False, False)
        self._emit(operands, operator)

    # -- graphics state -------------------------------------------------------
    def _op_save(self, operands, operator) -> None:
        self.stack.append(replace(self.state))
        self._emit(operands, operator)

    def _op_restore(self, operands, operator) -> None:
        if self.stack:
            self.state = self.stack.pop()
        self._emit(operands, operator)

    def _op_concat(self, operands, operator) -> None:
        self.state.ctm = _multiply(tuple(float(v) for v in operands), self.state.ctm)
        self._emit(operands, operator)

    def _op_extgstate(self, operands, operator) -> None:
        gstate = self._resource("/ExtGState", operands[0])
        if gstate is not None and ("/OP" in gstate or "/op" in gstate):
            stroke = bool(gstate.get("/OP", False))
            fill = bool(gstate.get("/op", stroke))
            self.state.applied_op = (fill, stroke)
        self._emit(operands, operator)

    # -- colour ---------------------------------------------------------------
    def _op_device_colour(self, operands, operator) -> None:
        stroking = operator.isupper()
        values = [float(v) for v in operands]
        if operator in ("k", "K"):
            cmyk = tuple(values)
        else:
            cmyk = self._convert(values, "rgb" if operator in ("rg", "RG") else "gray")
        self._set_colour(stroking, "cmyk", cmyk)
        self._emit([_num(v) for v in cmyk], "K" if stroking else "k")

    def _op_colour_space(self, operands, operator) -> None:
        stroking = operator == "CS"
        space = operands[0]
        resolved = self._resource("/ColorSpace", space)
        kind = colour_space_kind(resolved if resolved is not None else space)
        self.stats.kinds_seen.add(kind)
        initial = {"rgb": K100, "gray": K100, "cmyk": K100}.get(kind)
        self._set_colour(stroking, kind, initial)
        if kind in ("rgb", "gray", "cmyk"):
            operands = [Name.DeviceCMYK]  # early binding: ICC-based CMYK becomes device CMYK
        self._emit(operands, operator)

    def _op_colour(self, operands, operator) -> None:
        stroking = operator in ("SC", "SCN")
        kind = self.state.stroke_kind if stroking else self.state.fill_kind
        numbers = [float(v) for v in operands if not isinstance(v, Name)]
        if kind in ("rgb", "gray") and len(numbers) == len(operands):
            cmyk = self._convert(numbers, kind)
            self._set_colour(stroking, kind, cmyk)
            operands = [_num(v) for v in cmyk]
        elif kind == "cmyk" and len(numbers) == 4:
            self._set_colour(stroking, kind, tuple(numbers))
        else:
            self._set_colour(stroking, kind, None)
        self._emit(operands, operator)

    def _convert(self, values: list[float], kind: str) -> tuple:
        self.stats.colours_converted += 1
        if kind == "rgb":
            return self.converter.rgb_to_cmyk(*values[:3])
        return self.converter.gray_to_cmyk(values[0])

    def _set_colour(self, stroking: bool, kind: str, cmyk) -> None:
        if stroking:
            self.state.stroke_kind, self.state.stroke = kind, cmyk
        else:
            self.state.fill_kind, self.state.fill = kind, cmyk

    # -- painting -------------------------------------------------------------
    def _op_path(self, operands, operator) -> None:
        numbers = [float(v) for v in operands]
        if operator == "re":
            x, y, w, h = numbers
            self.path_points += [(x, y), (x + w, y + h)]
        elif numbers:
            self.path_points += list(zip(numbers[0::2], numbers[1::2], strict=False))
        self._emit(operands, operator)

    def _op_paint(self, operands, operator) -> None:
        fills = operator in PATH_FILL or operator in PATH_BOTH
        strokes = operator in PATH_STROKE or operator in PATH_BOTH
        fill_op = fills and self.state.fill == K100 and self._path_is_thin()
        stroke_op = strokes and self.state.stroke == K100
        # a fill-and-stroke path is one object: overprint only if both parts are K100
        if fills and strokes and fill_op != stroke_op:
            fill_op = stroke_op = False
        self._set_overprint(fill_op, stroke_op)
        self.path_points = []
        self._emit(operands, operator)

    def _op_end_path(self, operands, operator) -> None:
        self.path_points = []
        self._emit(operands, operator)

    def _op_text(self, operands, operator) -> None:
        fill = self.state.fill
        if fill is not None and fill != K100 and fill[3] >= 0.85 and sum(fill[:3]) > 0:
            self.stats.rich_black_text += 1
        self._set_overprint(fill == K100, False)
        self._emit(operands, operator)

    def _path_is_thin(self) -> bool:
        if not self.path_points:
            return False
        a, b, c, d, _, _ = self.state.ctm
        points = [(a * x + c * y, b * x + d * y) for x, y in self.path_points]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(max(xs) - min(xs), max(ys) - min(ys)) < THIN_FILL_PT

    def _set_overprint(self, fill: bool, stroke: bool) -> None:
        wanted = (fill, stroke)
        if self.state.applied_op == wanted:
            return
        self.out.append(
            ContentStreamInstruction([overprint_state_name(fill, stroke)], Operator("gs"))
        )
        self.state.applied_op = wanted
        if fill or stroke:
            self.stats.overprinted_paints += 1

    def _resource(self, category: str, name):
        if not isinstance(name, Name):
            return None
        group = self.resources.get(category) if self.resources is not None else None
        if group is None or name not in group:
            return None
        return group[name]


_OPERATOR_METHODS = {
    "q": "save", "Q": "restore", "cm": "concat", "gs": "extgstate",
    "rg": "device_colour", "RG": "device_colour", "g": "device_colour", "G": "device_colour",
    "k": "device_colour", "K": "device_colour",
    "cs": "colour_space", "CS": "colour_space",
    "sc": "colour", "scn": "colour", "SC": "colour", "SCN": "colour",
    **{op: "path" for op in PATH_BUILD},
    **{op: "paint" for op in PATH_FILL | PATH_STROKE | PATH_BOTH},
    "n": "end_path",
    **{op: "text" for op in TEXT_SHOW},
}


def _multiply(m1: tuple, m2: tuple) -> tuple:
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2, a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2,
    )


def _num(value: float):
    """A PDF number with at most 4 decimals (deterministic, compact)."""
    rounded = round(float(value), 4)
    return int(rounded) if rounded == int(rounded) else rounded


def rewrite_instructions(instructions, converter, resources, *, inherit_overprint: bool):
    """Rewrite parsed instructions; returns ``(new_instructions, RewriteStats)``."""
    rewriter = ContentRewriter(converter, resources, inherit_overprint=inherit_overprint)
    return rewriter.rewrite(instructions), rewriter.stats
