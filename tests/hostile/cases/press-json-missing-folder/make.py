"""A small valid one-page PDF to preflight (and, for the profile case, a binary .toml)."""

import sys
from pathlib import Path

import pikepdf

folder = Path(sys.argv[1])
pdf = pikepdf.new()
pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
    Type=pikepdf.Name.Page, MediaBox=[0, 0, 420, 595],
    Contents=pdf.make_stream(b"q 0 0 0 1 k 100 100 200 200 re f Q"))))
pdf.save(folder / "page.pdf", deterministic_id=True)
(folder / "reports").mkdir()
(folder / "binary.toml").write_bytes(bytes(range(256)) * 8)
