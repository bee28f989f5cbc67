"""A PDF whose second page is 200,000 pt square: too large to measure ink coverage on."""

import sys
from pathlib import Path

import pikepdf

pdf = pikepdf.new()
for side in (595, 200000):
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, side, side],
        Contents=pdf.make_stream(b"q 0 0 0 1 k 100 100 200 200 re f Q"))))
pdf.save(Path(sys.argv[1]) / "vast.pdf", deterministic_id=True)
