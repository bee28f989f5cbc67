"""Compare two builds of the same report, file by file: pages, sizes, text, fonts, preflight.

    python benchmarks/compare_builds.py BEFORE/xinhui-2023 AFTER/xinhui-2023 [--preflight]

For every file either manifest lists: bytes (and whether they are identical), pages
(PDF) or pixel size (PNG), whether the extracted text (``pdftotext``) is the same, the
number of embedded fonts and, with ``--preflight``, the error and warning counts of
``xinhui-print preflight`` on press files, against the profile the build checks them
with (pages in reading order ``shop-cn``, imposed spreads GWG ``sheetcmyk-cmyk``).
Used for the before/after table of a redesign; it changes nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def manifest(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {entry["path"]: entry for entry in data["files"]}


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=False)
    return result.stdout


def pdf_fonts(path: Path) -> int:
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=False)
    return max(0, len(result.stdout.splitlines()) - 2)


PREFLIGHT_PROFILES = {"press": "shop-cn", "imposed": "sheetcmyk-cmyk"}


def pdf_pages(path: Path) -> str:
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    pages = [line.split()[-1] for line in result.stdout.splitlines() if line.startswith("Pages:")]
    return pages[0] if pages else "?"


def preflight_counts(path: Path, role: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run([sys.executable, "-m", "xinhui_print", "preflight", str(path),
                        "--profile", PREFLIGHT_PROFILES[role], "--json", str(report)],
                       capture_output=True, text=True, check=False)
        if not report.exists():
            return "?"
        data = json.loads(report.read_text(encoding="utf-8"))
    summary = data["summary"]
    return f"{summary['error']}E/{summary['warning']}W"


def describe(folder: Path, entry: dict | None, with_preflight: bool) -> dict[str, str]:
    if entry is None:
        return {"bytes": "—", "shape": "—", "fonts": "—", "preflight": "—"}
    path = folder / entry["path"]
    shape = (f"{pdf_pages(path)} p" if entry.get("format") == "pdf"
             else f"{entry.get('width_px')}×{entry.get('height_px')}" if "width_px" in entry else "")
    fonts = str(pdf_fonts(path)) if entry.get("format") == "pdf" else ""
    role = entry.get("role")
    flight = preflight_counts(path, role) if with_preflight and role in PREFLIGHT_PROFILES else ""
    return {"bytes": f"{entry['bytes'] / 1024:.0f} kB", "shape": shape, "fonts": fonts, "preflight": flight}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--preflight", action="store_true", help="also preflight the press files (slow)")
    args = parser.parse_args()
    before, after = manifest(args.before), manifest(args.after)
    print("| file | bytes before → after | same bytes | pages/px | fonts | text | preflight |")
    print("|---|---|---|---|---|---|---|")
    for name in sorted(set(before) | set(after)):
        if name.endswith(".txt") or name.endswith(".json"):
            continue
        old = describe(args.before, before.get(name), args.preflight)
        new = describe(args.after, after.get(name), args.preflight)
        same_text = ""
        if name.endswith(".pdf") and name in before and name in after:
            same_text = "same" if pdf_text(args.before / name) == pdf_text(args.after / name) else "DIFFERS"
        same_bytes = ("—" if name not in before or name not in after
                      else "yes" if before[name]["sha256"] == after[name]["sha256"] else "no")
        print(f"| {name} | {old['bytes']} → {new['bytes']} | {same_bytes} | {old['shape']} → {new['shape']} | "
              f"{old['fonts']} → {new['fonts']} | {same_text} | {old['preflight']} → {new['preflight']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
