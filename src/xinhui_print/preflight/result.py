"""A preflight result → the three report forms: console lines, JSON, HTML.

Console: one line per finding (``ERROR R0027 p.3 (x0, y0 – x1, y1 pt): message``)
then a summary.  JSON: profile, file sha256 and the findings.  HTML: one
pypdfium2 thumbnail per page with each finding's box drawn on it.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SEVERITIES, InputError
from .findings import Finding
from .geometry import Box

COLOURS = {"error": (220, 30, 30), "warning": (235, 150, 0), "info": (40, 110, 220)}
THUMB_WIDTH = 360


@dataclass
class PreflightResult:
    """Everything one preflight run found."""

    path: str
    profile: str
    profile_title: str
    sha256: str
    page_count: int
    findings: list[Finding] = field(default_factory=list)
    media_boxes: list[Box] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def exit_code(self) -> int:
        return 1 if self.count("error") else 0

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "sha256": self.sha256,
            "profile": self.profile,
            "profile_title": self.profile_title,
            "pages": self.page_count,
            "summary": {s: self.count(s) for s in SEVERITIES},
            "findings": [f.to_dict() for f in self.findings],
        }


def format_finding(finding: Finding) -> str:
    where = f" p.{finding.page}" if finding.page else ""
    if finding.bbox is not None:
        x0, y0, x1, y1 = finding.bbox
        where += f" ({x0:.1f}, {y0:.1f} – {x1:.1f}, {y1:.1f} pt)"
    times = f" [×{finding.count}]" if finding.count > 1 else ""
    return f"{finding.severity.upper()} {finding.id}{where}: {finding.message}{times}"


def console_lines(result: PreflightResult) -> list[str]:
    lines = [format_finding(f) for f in result.findings]
    summary = ", ".join(f"{result.count(s)} {s}{'s' if result.count(s) != 1 else ''}"
                        for s in SEVERITIES)
    verdict = "FAIL" if result.exit_code else "PASS"
    lines.append(f"{verdict} {result.path} against {result.profile} "
                 f"({result.page_count} pages): {summary}")
    return lines


def check_report_target(target: Path, option: str) -> None:
    """Refuse a report path that cannot be written, before any checking starts."""
    target = Path(target)
    folder = target.parent
    if target.is_dir():
        raise InputError(f"{target}: is a folder; {option} needs a file name, e.g. {target / 'report'}"
                         f"{'.json' if option == '--json' else '.html'}")
    if not folder.is_dir():
        raise InputError(f"{target}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{target}: cannot write in {folder} (permission denied)")


def _write_report(target: Path, text: str) -> None:
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{target}: cannot write the report ({error.strerror or error})") from None


def write_json(result: PreflightResult, target: Path) -> None:
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    _write_report(target, text + "\n")


def write_html(result: PreflightResult, target: Path) -> None:
    thumbs = _thumbnails(result)
    pages = []
    for number, (png, _scale) in enumerate(thumbs, 1):
        page_findings = [f for f in result.findings if f.page == number]
        pages.append(_page_section(number, png, page_findings))
    document_findings = [f for f in result.findings if f.page is None]
    body = "\n".join([_header(result), _finding_list(document_findings), *pages])
    _write_report(target, _HTML.format(title=html.escape(result.path), body=body))


def _thumbnails(result: PreflightResult) -> list[tuple[bytes, float]]:
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    out = []
    document = pdfium.PdfDocument(result.path)
    try:
        for index, page in enumerate(document):
            media = result.media_boxes[index]
            scale = THUMB_WIDTH / max(media[2] - media[0], 1)
            image = page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
            draw = ImageDraw.Draw(image, "RGBA")
            for finding in (f for f in result.findings if f.page == index + 1):
                _draw_boxes(draw, finding, media, scale)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            out.append((buffer.getvalue(), scale))
    finally:
        document.close()
    return out


def _draw_boxes(draw, finding: Finding, media: Box, scale: float) -> None:
    rgb = COLOURS[finding.severity]
    for box in finding.boxes or ((finding.bbox,) if finding.bbox else ()):
        x0, y0 = (box[0] - media[0]) * scale, (media[3] - box[3]) * scale
        x1, y1 = (box[2] - media[0]) * scale, (media[3] - box[1]) * scale
        draw.rectangle([x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)], outline=(*rgb, 255),
                       fill=(*rgb, 40), width=1)


def _header(result: PreflightResult) -> str:
    summary = ", ".join(f"{result.count(s)} {s}s" for s in SEVERITIES)
    return (f"<h1>Preflight: {html.escape(result.path)}</h1>"
            f"<p>Profile <b>{html.escape(result.profile_title)}</b> ({html.escape(result.profile)}); "
            f"{result.page_count} pages; {summary}; sha256 <code>{result.sha256}</code></p>")


def _finding_list(findings: list[Finding]) -> str:
    if not findings:
        return ""
    items = "".join(f'<li class="{f.severity}">{html.escape(format_finding(f))}</li>' for f in findings)
    return f"<ul>{items}</ul>"


def _page_section(number: int, png: bytes, findings: list[Finding]) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f'<section><h2>Page {number}</h2><img alt="page {number}" '
            f'src="data:image/png;base64,{data}">{_finding_list(findings) or "<p>No findings.</p>"}'
            "</section>")


_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Preflight {title}</title>
<style>
body {{ font: 14px/1.4 sans-serif; margin: 2em; }}
section {{ display: flex; gap: 1.5em; align-items: flex-start; margin: 1.5em 0; flex-wrap: wrap; }}
section h2 {{ width: 100%; margin: 0; font-size: 1.1em; }}
img {{ border: 1px solid #999; }}
li.error {{ color: #b00; }} li.warning {{ color: #a60; }} li.info {{ color: #06c; }}
</style></head><body>
{body}
</body></html>
"""
