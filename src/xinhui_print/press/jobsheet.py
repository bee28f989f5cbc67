"""Job sheet: press files + profile + imposition → a JSON document and a readable text for the shop."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from .profiles import PressProfile


@dataclass
class JobFile:
    """One file handed to the shop."""

    path: str
    role: str  # press | imposed
    layout: str
    pages: int
    trim_mm: list[float]
    sha256: str
    binding: str | None = None
    notes: list[str] = field(default_factory=list)


def job_sheet(report_id: str, title: str, report_date: str, profile: PressProfile,
              files: list[JobFile], script: Callable[[str], str] = str) -> dict:
    """The job sheet as JSON-ready data; ``script`` puts its Chinese words in the edition's script."""
    return {
        "job": report_id,
        "title": title,
        "date": report_date,
        "standard": profile.pdfx_version,
        "colour": {
            "output_condition": profile.output_condition_identifier,
            "output_condition_description": profile.output_condition,
            "icc_profile": profile.icc_path.name,
            "total_ink_limit_percent": profile.ink_limit,
            "black_text": script("100% K only (单黑), overprinting"),
        },
        "bleed_mm": profile.bleed_mm,
        "safe_margin_mm": profile.safe_mm,
        "marks": "none in single-page files (add your own)",
        "files": [vars(f) for f in files],
    }


def job_sheet_json(sheet: dict) -> bytes:
    return (json.dumps(sheet, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def job_sheet_text(sheet: dict, script: Callable[[str], str] = str) -> bytes:
    """A plain-text version, Chinese and English labels, one fact per line; ``script`` puts
    the labels in the edition's script (file names are left as they are)."""
    colour = sheet["colour"]
    lines = [
        f"印刷工单 Job sheet: {sheet['title']}",
        f"编号 Job: {sheet['job']}    日期 Date: {sheet['date']}",
        "",
        f"文件标准 Standard: {sheet['standard']}",
        f"输出条件 Output condition: {colour['output_condition']} "
        f"({colour['output_condition_description']})",
        f"色彩配置 ICC profile: {colour['icc_profile']} (embedded as OutputIntent)",
        f"总墨量 Total ink limit: {colour['total_ink_limit_percent']:g}%",
        f"黑色文字 Black text: {colour['black_text']}",
        f"出血 Bleed: {sheet['bleed_mm']:g} mm each side",
        f"安全距离 Safe margin: {sheet['safe_margin_mm']:g} mm inside the trim",
        f"裁切标记 Marks: {sheet['marks']}",
        "",
        "文件 Files:",
    ]
    lines = [script(line) for line in lines]
    for item in sheet["files"]:
        width, height = item["trim_mm"]
        binding = f", {item['binding']}" if item.get("binding") else ""
        lines.append(f"  {item['path']}  [{item['role']}{binding}]")
        lines.append(script(f"    成品尺寸 trim {width:g} × {height:g} mm, {item['pages']} pages"))
        lines.extend(f"    {note}" for note in item.get("notes", []))
        lines.append(f"    sha256 {item['sha256']}")
    return ("\n".join(lines) + "\n").encode("utf-8")
