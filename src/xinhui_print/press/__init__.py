"""Press output: paper sizes, press targets (PDF/X profiles), post-processing, marks,
imposition, job sheets and post-write self-checks.

Input is a PDF written by WeasyPrint for a press target; output is a PDF/X-4 file a
print shop can use without calling back (plus imposed spreads and a job sheet).
"""

from .papers import PAPER_SIZES, paper_names, paper_size, paper_size_css

__all__ = ["PAPER_SIZES", "paper_names", "paper_size", "paper_size_css"]
