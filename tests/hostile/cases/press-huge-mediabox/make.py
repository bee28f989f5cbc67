"""A press-like PDF whose pages are 14400 × 14400 pt with no other boxes (issue 13, defect 2)."""

import sys
from pathlib import Path

import pikepdf

SIDE = 14400
pdf = pikepdf.new()
for number in range(6):
    content = f"q 0 0 0 1 k 1000 1000 566.93 566.93 re f 0.2 0.6 0 0 k 3000 {2000 + number * 100} 300 300 re f Q"
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, SIDE, SIDE], Contents=pdf.make_stream(content.encode()))))
pdf.save(Path(sys.argv[1]) / "huge.pdf", deterministic_id=True)
