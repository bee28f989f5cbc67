"""Press targets: a target name (plus layout overrides) → a :class:`PressProfile`.

A press profile says what a print shop receives: the PDF/X version, the CMYK output-intent profile and its registered output condition, the
total ink limit, bleed and safe margin the preflight of its files enforces.
Targets are a registry like WeasyPrint's ``VARIANTS``; a layout's ``[press]``
table may override single fields (``icc``, ``ink_limit``, ``bleed_mm`` …).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..project import project

REPO_ROOT = project().root
ICC_DIR = project().data_dir / "icc"
DEFAULT_ICC = ICC_DIR / "ISOcoated_v2_300_bas.icc"
DEFAULT_PROFILE = "sheet-cmyk"


@dataclass(frozen=True)
class PressProfile:
    """Everything the press build, post-processing and preflight need to know about a target."""

    name: str
    description: str
    pdfx_version: str = "PDF/X-4"
    pdf_version: str = "1.6"  # the file's header (PDF/X-4 is based on PDF 1.6)
    icc_path: Path = DEFAULT_ICC
    output_condition_identifier: str = "FOGRA39"
    output_condition: str = "Offset printing, coated paper, ISO 12647-2:2004 (FOGRA39)"
    registry_name: str = "http://www.color.org"
    output_intent_info: str = (
        "ISO Coated v2 300% (basICColor), FOGRA39-based: sheet-fed offset, "
        "coated paper (PT 1/2), total ink limit 300%"
    )
    ink_limit: float = 300.0  # percent, max C+M+Y+K averaged over any 15 mm square
    tac_window_mm: float = 15.0
    bleed_mm: float = 3.0
    safe_mm: float = 5.0  # text stays this far inside the trim
    preflight_profile: str = "shop-cn"  # GWG SheetCMYK CMYK plus the Chinese shop's rules

    @property
    def icc_bytes(self) -> bytes:
        return self.icc_path.read_bytes()

    def with_overrides(self, overrides: dict | None) -> PressProfile:
        """A copy with fields from a layout's ``[press]`` table; unknown keys raise."""
        if not overrides:
            return self
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise InputError(
                f"unknown press setting(s): {', '.join(unknown)}",
                hint=f"known: {', '.join(sorted(known))}",
            )
        values = dict(overrides)
        if "icc_path" in values:
            values["icc_path"] = _resolve_icc(values["icc_path"])
        return dataclasses.replace(self, **values)


def _resolve_icc(value: str | Path) -> Path:
    """An ICC path: absolute, or relative to the repository, or a file name in data/icc."""
    path = Path(value)
    for candidate in (path, REPO_ROOT / path, ICC_DIR / path):
        if candidate.is_file():
            return candidate.resolve()
    raise InputError(f"ICC profile not found: {value}", hint=f"profiles ship in {ICC_DIR}")


PRESS_PROFILES: dict[str, PressProfile] = {
    "sheet-cmyk": PressProfile(
        name="sheet-cmyk",
        description="GWG 2022 SheetCMYK CMYK: sheet-fed offset, early binding, FOGRA39, 300% ink",
    ),
    "sheet-cmyk-250": PressProfile(
        name="sheet-cmyk-250",
        description="SheetCMYK CMYK for shops that cap total ink at 250%",
        ink_limit=250.0,
    ),
}


def press_profile(name: str | None = None, overrides: dict | None = None) -> PressProfile:
    """The registered target ``name`` (default ``sheet-cmyk``) with layout overrides applied."""
    key = name or DEFAULT_PROFILE
    try:
        profile = PRESS_PROFILES[key]
    except KeyError:
        raise InputError(
            f"unknown press profile {key!r}", hint=f"known: {', '.join(PRESS_PROFILES)}"
        ) from None
    return profile.with_overrides(overrides)
