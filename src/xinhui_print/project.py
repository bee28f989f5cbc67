"""The project's folders: where layouts, fonts and data live (all I/O goes through here).

Like Typst's ``World``: the renderer reads only files below these folders.  The
root is the repository checkout (``src/xinhui_print`` → two levels up), or
``XINHUI_PRINT_HOME`` when set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def layouts_dir(self) -> Path:
        return self.root / "layouts"

    @property
    def fonts_dir(self) -> Path:
        return self.root / "fonts"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def readable_roots(self) -> tuple[Path, ...]:
        """Folders the renderer may fetch files from."""
        return (self.layouts_dir, self.fonts_dir, self.data_dir)

    @property
    def default_data(self) -> Path:
        return self.data_dir / "xinhui-2023.yaml"

    @property
    def default_out(self) -> Path:
        return self.root / "out"


@cache
def project() -> Project:
    home = os.environ.get("XINHUI_PRINT_HOME")
    root = Path(home) if home else Path(__file__).resolve().parents[2]
    return Project(root.resolve())
