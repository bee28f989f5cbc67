"""``xinhui-print doctor``: what this machine gives the renderer (subsetter, fonts, tools)."""

from __future__ import annotations

import shutil
import subprocess

from ..errors import XinhuiError
from ..fonts import load_roles


def _tool_version(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        return "missing"
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    text = (result.stdout or result.stderr).strip().splitlines()
    return text[0] if text else "present"


def checks() -> list[tuple[str, bool, str]]:
    import weasyprint

    try:
        from ..render.weasyprint_adapter import font_subsetter
    except XinhuiError as error:  # a WeasyPrint the adapter was not written for
        return [("weasyprint", False, str(error))]
    subsetter = font_subsetter()
    rows = [
        ("weasyprint", True, f"{weasyprint.__version__} (internals checked)"),
        ("font subsetter", subsetter == "harfbuzz",
         "harfbuzz (hb-subset)" if subsetter == "harfbuzz" else "fonttools fallback: install libharfbuzz-subset0"),
    ]
    for role in load_roles().values():
        missing = [str(f.path) for f in role.files if not f.path.is_file()]
        detail = role.family if not missing else f"{role.family}: missing {', '.join(missing)}"
        rows.append((f"font role {role.name}", not missing, detail))
    for name, command in (("ghostscript", ["gs", "--version"]), ("pdftoppm", ["pdftoppm", "-v"]),
                          ("qpdf", ["qpdf", "--version"])):
        version = _tool_version(command)
        rows.append((name, version != "missing", version))
    return rows


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("doctor", help="report the font subsetter, fonts and tools in use")
    parser.set_defaults(func=run)


def run(args) -> int:
    rows = checks()
    for name, ok, detail in rows:
        print(f"{'ok ' if ok else 'BAD'}  {name:<18} {detail}")
    return 0 if all(ok for _, ok, _ in rows) else 1
