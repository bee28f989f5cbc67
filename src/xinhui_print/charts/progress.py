"""Progress toward a target: a track to the target, the reached part in red (past the target
mark when over 100 %), the figure large above, the target marked under the track."""

from __future__ import annotations

from .box import Box
from .data import Progress
from .measure import ASCENT, DESCENT
from .svg import Drawing
from .wrap import wrap


def draw_progress(progress: Progress, box: Box, drawing: Drawing) -> Drawing:
    f = box.text
    style = drawing.style
    inset = 0.1 * f
    big = 2.4 * f
    room = box.width - 2 * inset
    y = inset
    lines = wrap(progress.label, room, style, f, max_lines=2)
    for line in lines:
        drawing.text(inset, y + ASCENT * f, line, f, "ink")
        y += 1.3 * f
    y += 0.2 * f
    while big > f and style.width(progress.value_text, big, True) > room:
        big *= 0.95
    drawing.text(inset, y + ASCENT * big, progress.value_text, big, "red", bold=True)
    y += (ASCENT + DESCENT) * big + 0.35 * f
    track = max(0.7 * f, min(1.2 * f, (box.height or 0) * 0.12))
    scale = room / max(progress.value, progress.target)
    drawing.rect(inset, y, progress.target * scale, track, "rule")
    drawing.rect(inset, y, min(progress.value, max(progress.value, progress.target)) * scale, track, "red")
    target_x = inset + progress.target * scale
    drawing.line(target_x, y - 0.25 * f, target_x, y + track + 0.25 * f, "ink", box.hairline)
    note = f"目标 {progress.target_text}"
    anchor = "end" if target_x + style.width(note, f) / 2 > box.width - inset else "middle"
    if target_x - style.width(note, f) / 2 < inset:
        anchor = "start"
    y += track + 0.3 * f
    drawing.text(target_x, y + ASCENT * f, note, f, "grey", anchor=anchor)
    y += (ASCENT + DESCENT) * f + inset
    drawing.height = max(y, box.height or 0)
    drawing.width = box.width
    return drawing
