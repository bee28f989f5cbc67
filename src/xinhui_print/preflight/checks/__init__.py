"""The rule registry: requirement ID → check function.

A check takes the :class:`~xinhui_print.preflight.document.Inspection` and the
profile's :class:`~xinhui_print.preflight.profiles.RuleSettings` and returns
findings.  Modules register their checks with :func:`rule` on import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..findings import Finding

Check = Callable[..., Iterable[Finding]]
RULES: dict[str, Check] = {}


def rule(rule_id: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = function
        return function

    return register


from . import colour, document, images, ink, overprint, shop, text  # noqa: E402, F401
