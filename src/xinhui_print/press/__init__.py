"""Press output: press targets (PDF/X profiles), post-processing, marks, imposition,
job sheets; each written file is checked by the preflight (:mod:`xinhui_print.preflight`).

Input is a PDF written by WeasyPrint for a press target; output is a PDF/X-4 file a
print shop can use without calling back (plus imposed spreads and a job sheet).
Paper sizes are layout geometry: :mod:`xinhui_print.layout.papers`.
"""
