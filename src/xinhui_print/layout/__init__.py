"""Layouts: a folder under ``layouts/`` → a merged config, template dirs and stylesheets.

See ``layouts/README.md`` for the folder contract.  ``extends`` chains are
resolved here; the template stage uses :meth:`Layout.template_dirs` and
:meth:`Layout.stylesheets`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..edition import DEFAULT_SCRIPT, Edition, edition
from ..errors import LayoutError, LayoutNotFoundError, Location
from ..project import project
from .config import KINDS, LayoutSettings, check_file, parse_settings

CONFIG_NAME = "layout.toml"
__all__ = ["KINDS", "Layout", "LayoutSettings", "available_layouts", "load_layout", "merge"]


@dataclass(frozen=True)
class Layout:
    """A layout folder with its parents, and the config merged down the chain."""

    name: str
    chain: tuple[Path, ...]  # own folder first, then parents
    config: dict[str, Any]
    script: str = DEFAULT_SCRIPT  # the edition it prints (build --script; xinhui_print.edition)

    @property
    def edition(self) -> Edition:
        return edition(self.script)

    @property
    def path(self) -> Path:
        return self.chain[0]

    @cached_property
    def settings(self) -> LayoutSettings:
        """The merged config, typed, with every default filled in (see :mod:`.config`)."""
        return parse_settings(self.config, self.path / CONFIG_NAME)

    @property
    def kind(self) -> str:
        return self.settings.kind

    @property
    def description(self) -> str:
        return self.settings.description

    @property
    def is_default(self) -> bool:
        return self.settings.default

    @property
    def printable(self) -> bool:
        return self.settings.printable

    def section(self, name: str) -> dict[str, Any]:
        return dict(self.config.get(name, {}))

    def template_dirs(self) -> list[Path]:
        return [folder / "templates" for folder in self.chain if (folder / "templates").is_dir()]

    def stylesheets(self) -> list[Path]:
        """css/*.css along the chain, parents first; a child's file replaces its parent's namesake."""
        by_name: dict[str, Path] = {}
        for folder in reversed(self.chain):
            for css in sorted((folder / "css").glob("*.css")):
                by_name[css.name] = css  # a replaced name keeps its parent's position
        return list(by_name.values())


def _read_config(folder: Path) -> dict[str, Any]:
    path = folder / CONFIG_NAME
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LayoutError(f"layout folder has no {CONFIG_NAME}", Location(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise toml_error(error, path) from None


def toml_error(error: tomllib.TOMLDecodeError, path: Path) -> LayoutError:
    """A TOML error located ``path:line:col`` (Python 3.11 keeps the position in the message)."""
    text = str(error)
    match = re.search(r"^(.*?) \(at line (\d+), column (\d+)\)$", text)
    if match:
        return LayoutError(f"invalid layout config ({match[1]})", Location(path, int(match[2]), int(match[3])))
    return LayoutError(f"invalid layout config ({text})", Location(path))


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; a child's value wins."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _folder(name: str, root: Path) -> Path:
    folder = root / name
    if "/" in name or "\\" in name or name in (".", "..") or not (folder / CONFIG_NAME).is_file():
        available = ", ".join(layout_names(root)) or "none"
        raise LayoutNotFoundError(f"unknown layout {name!r}; available layouts: {available}")
    return folder


def load_layout(name: str, root: Path | None = None) -> Layout:
    """Load a layout by name, resolving its ``extends`` chain."""
    root = root or project().layouts_dir
    chain: list[Path] = []
    configs: list[dict[str, Any]] = []
    current: str | None = name
    while current:
        folder = _folder(current, root)
        if folder in chain:
            raise LayoutError(f"layout {name!r} extends itself through {current!r}", Location(folder / CONFIG_NAME))
        config = _read_config(folder)
        check_file(config, folder / CONFIG_NAME)
        chain.append(folder)
        configs.append(config)
        current = config.get("extends")
    merged: dict[str, Any] = {}
    for config in reversed(configs):
        merged = merge(merged, {k: v for k, v in config.items() if k != "extends"})
    merged["name"] = name
    layout = Layout(name, tuple(chain), merged)
    _validate(layout)
    return layout


def _validate(layout: Layout) -> None:
    layout.settings  # noqa: B018 - parsing the merged config is the check
    if not any((d / "main.html").is_file() for d in layout.template_dirs()):
        raise LayoutError("layout has no templates/main.html", Location(layout.path))


def layout_names(root: Path | None = None) -> list[str]:
    root = root or project().layouts_dir
    return sorted(
        p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_") and (p / CONFIG_NAME).is_file()
    )


def available_layouts(root: Path | None = None) -> list[Layout]:
    return [load_layout(name, root) for name in layout_names(root)]


def default_layouts(root: Path | None = None) -> list[Layout]:
    return [layout for layout in available_layouts(root) if layout.is_default]
