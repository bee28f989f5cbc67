"""Size limits of report data: characters per field, items per list, size of a report.

Each limit is generous for a real 数读 report (the seed's longest KPI label has
10 characters, its longest paragraph 160) and small enough that every layout
sets the field without breaking its page, and that a build finishes in bounded
time.  README.md ("Limits") lists them; the loader reports a field past its
limit as ``file:line:col: review.kpis[0].label: 300 characters, at most 30``.
"""

from __future__ import annotations

# -- characters per field -------------------------------------------------------------------

REPORT_ID = 64
#: credit role and name, place, publisher, author.
NAME = 30
#: meta.title, meta.kicker, meta.byline.
HEADLINE = 60
SOURCE = 60
#: review, targets, group and section titles.
HEADING = 30
DECK = 40
#: a KPI's label (printed large in the KPI grids).
KPI_LABEL = 30
#: a target's label: a whole sentence when the target has no figure.
TARGET_LABEL = 80
VERB = 8
CHAPTER_TITLE = 60
#: facts, rankings, pledges, the targets' intro.
SENTENCE = 200
#: lead paragraphs, notes.
PARAGRAPH = 1000
#: a chapter's numbered item (the booklet's time to set one grows faster than its length:
#: 300 characters 3 s, 500 5 s, 1,000 33 s for four of them).
ITEM = 500
#: an icon name (``building-factory-2``) and an image path from the data file's folder.
ICON_NAME = 60
IMAGE_PATH = 200
#: digits of a figure's number (``57.8`` has 3).
FIGURE_DIGITS = 6

# -- items per list -------------------------------------------------------------------------

CREDITS = 10
LEAD = 10
KPIS = 12
RANKINGS = 20
PLEDGES = 20
GROUPS = 12
FACTS = 20
TARGETS = 24
CHAPTERS = 20
SECTIONS = 12
ITEMS = 40
NOTES = 100

# -- explicit charts (the ``charts:`` section) ---------------------------------------------

CHARTS = 12
#: points of one series (a trend over 30 years at most).
CHART_POINTS = 30
#: a point's label (``2022年``, ``一季度``).
CHART_LABEL = 12
#: a chart's unit (``亿元``, ``%``).
CHART_UNIT = 8

# -- a whole report -------------------------------------------------------------------------

#: characters of text a reader sees, all fields together.
REPORT_CHARACTERS = 50_000
#: bytes of a data file or an article, checked before it is parsed.
FILE_BYTES = 1_000_000
#: an image named in the data (logo, cover photo): bytes on disk, and pixels once decoded
#: (a 100 000 × 100 000 PNG of a few kB would need 40 GB).
IMAGE_BYTES = 20_000_000
IMAGE_PIXELS = 50_000_000
#: an SVG logo: elements, and nesting (the renderer draws an SVG recursively).
SVG_ELEMENTS = 20_000
SVG_DEPTH = 50
#: nesting of mappings and lists in a data file (a report needs 5).
DEPTH = 12
