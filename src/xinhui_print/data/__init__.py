"""Data stage: YAML files and plain-text articles → validated :class:`Report`.

- :func:`load_report` — ``data/NAME.yaml`` → Report (errors located ``path:line:col``)
- :func:`load_source` — a YAML file or an article ``.txt`` → (Report, diagnostics)
- :func:`import_article` — article text → (Report, diagnostics)
- :func:`dump_report` — Report → YAML text in the style of ``data/xinhui-2023.yaml``
"""

from .importer import import_article
from .loader import SchemaError, load_report, load_source
from .writer import dump_report, write_report

__all__ = [
    "SchemaError", "dump_report", "import_article", "load_report",
    "load_source", "write_report",
]
