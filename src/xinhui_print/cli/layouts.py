"""``xinhui-print layouts``: list the layouts with their kind and description."""

from __future__ import annotations

from ..layout import available_layouts
from .checks import require_project


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("layouts", help="list the available layouts")
    parser.set_defaults(func=run)


def run(args) -> int:
    require_project()
    for layout in available_layouts():
        flags = ", ".join(f for f, on in (("default", layout.is_default), ("printable", layout.printable)) if on)
        size = layout.settings.page.size or ""
        print(f"{layout.name:<14} {layout.kind:<13} {size:<10} {layout.description}" + (f"  [{flags}]" if flags else ""))
    return 0
