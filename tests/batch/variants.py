"""Report variants generated from the seed data: other ids, places and chapters, and a broken one."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "xinhui-2023.yaml"

PLACES = ("蓬江区", "江海区", "台山市", "开平市", "鹤山市", "恩平市")
BROKEN_LINE = "figure: 5.1%"


def variant(index: int, chapters: int = 1) -> tuple[str, str]:
    """(report id, YAML text): the seed report retold for another place, with ``chapters``
    of its chapters starting at chapter ``index`` (renumbered from 1)."""
    place = PLACES[index % len(PLACES)]
    text = SEED.read_text(encoding="utf-8").replace("新会区", place).replace("新会", place[:-1])
    data = yaml.safe_load(text)
    report_id = f"variant-{index + 1}"
    data["meta"]["id"] = report_id
    count = len(data["chapters"])
    picked = [data["chapters"][(index + n) % count] for n in range(chapters)]
    data["chapters"] = [{**chapter, "number": number} for number, chapter in enumerate(picked, 1)]
    return report_id, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_variants(folder: Path, count: int, chapters: int = 1) -> dict[str, Path]:
    """``count`` variants as ``folder/<id>.yaml``; returns id → path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for index in range(count):
        report_id, text = variant(index, chapters)
        path = folder / f"{report_id}.yaml"
        path.write_text(text, encoding="utf-8")
        written[report_id] = path
    return written


def write_broken(path: Path) -> int:
    """The seed with an unclosed flow sequence where a figure was; returns the line it is on."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.strip() == BROKEN_LINE)
    lines[number - 1] = lines[number - 1].replace(BROKEN_LINE, "figure: [5.1")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number
