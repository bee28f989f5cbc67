"""GWG 2022 preflight: a PDF file and a profile name → a sorted :class:`PreflightResult`.

>>> result = preflight("booklet-press.pdf", profile="shop-cn")
>>> result.exit_code, [f.id for f in result.findings]

Profiles are TOML files in ``profiles/`` (see :func:`available_profiles`);
rules live in ``checks/`` keyed by requirement ID.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .findings import Finding, sort_findings
from .profiles import DEFAULT_PROFILE, Profile, available_profiles, load_profile
from .result import PreflightResult, check_report_target, console_lines, write_html, write_json

INK_RULES = ("R0005", "R0026")  # measured on the rendered separations

__all__ = [
    "DEFAULT_PROFILE",
    "Finding",
    "Profile",
    "PreflightResult",
    "available_profiles",
    "check_report_target",
    "console_lines",
    "load_profile",
    "preflight",
    "write_html",
    "write_json",
]


def preflight(path: str | Path, profile: str | Path | Profile = DEFAULT_PROFILE) -> PreflightResult:
    """Check ``path`` against ``profile``; raises ``PdfReadError`` for unreadable files."""
    from .checks import RULES  # the rules, pikepdf and numpy load when a file is checked,
    from .document import Inspection  # not when a command merely registers its options

    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    _require_known_rules(profile, RULES)
    doc = Inspection(path, profile)
    try:
        if any(r.id in INK_RULES for r in profile.active_rules()):
            doc.start_coverage(*doc.coverage_settings)  # Ghostscript renders while the rules read
        findings = []
        for settings in profile.active_rules():
            findings.extend(RULES[settings.id](doc, settings))
        return PreflightResult(
            path=str(path),
            profile=profile.name,
            profile_title=profile.title,
            sha256=doc.sha256,
            page_count=len(doc.boxes),
            findings=sort_findings(findings),
            media_boxes=[b.media for b in doc.boxes],
        )
    finally:
        doc.close()


def _require_known_rules(profile: Profile, rules) -> None:
    unknown = sorted(r.id for r in profile.active_rules() if r.id not in rules)
    if unknown:
        raise InputError(
            f"profile {profile.name} enables unknown rules {', '.join(unknown)}; "
            f"known: {', '.join(sorted(rules))}"
        )
