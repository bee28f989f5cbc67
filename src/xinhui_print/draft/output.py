"""The draft as YAML (each item's source line as a comment) and as an ``--explain`` listing.

The source line is a YAML comment (``# L35``, ``# ¶35``, ``# p3 L12``): an editor
checks every item against the report, layouts never see it, and the model
stays as it is.
"""

from __future__ import annotations

import yaml

from ..data.writer import dump_report
from .compose import Draft

NEXT_CANDIDATES = 3


def draft_yaml(draft: Draft, source_name: str, schema: str | None = "report.schema.json") -> str:
    """The report data in the house style, with ``# source L35`` comments on every drafted item."""
    text = dump_report(draft.report, schema)
    lines = text.split("\n")
    marked: set[int] = set()

    def walk(node: yaml.Node, path: tuple) -> None:
        line = node.start_mark.line
        source = draft.sources.get(path)
        if source is not None and line not in marked:
            lines[line] += f"  # {source_name} {source.where}"
            marked.add(line)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                walk(value, path + (index,))

    walk(yaml.compose(text, Loader=yaml.SafeLoader), ())
    return "\n".join(lines)


def explain(draft: Draft) -> str:
    """Per part of the draft: what was chosen, with scores, and the next candidates."""
    out: list[str] = []
    for choice in draft.choices:
        out.append(f"[{choice.name}] chose {len(choice.chosen)} of {len(choice.chosen) + len(choice.rest)}")
        for scored in choice.chosen:
            out.append(f"  + {scored.score:5.1f}  {scored.line.where:>8}  {_short(scored.text)}{_why(scored.reasons)}")
        for scored in choice.rest[:NEXT_CANDIDATES]:
            out.append(f"  - {scored.score:5.1f}  {scored.line.where:>8}  {_short(scored.text)}{_why(scored.reasons)}")
    return "\n".join(out) + "\n"


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _why(reasons: tuple[str, ...]) -> str:
    return f"  ({', '.join(reasons)})" if reasons else ""
