"""A PDF with no pages (issue 13, defect 16)."""

import sys
from pathlib import Path

import pikepdf

pikepdf.new().save(Path(sys.argv[1]) / "empty.pdf", deterministic_id=True)
