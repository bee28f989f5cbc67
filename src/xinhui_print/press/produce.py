"""Press files for the build: a printable layout's PDF → press PDF/X-4, imposed spreads, job sheet.

``produce_press(job, pdf)`` (called by ``build.producers.ScreenAndPress``) takes the
PDF WeasyPrint wrote for the layout's one layout pass (laid out with the press bleed,
in the theme's sRGB; the screen PDF is the same bytes cropped to the trim), converts
it to CMYK with each theme colour as its CMYK token, writes ``<layout>-press.pdf``
(role ``press``) and preflights it once (the layout's shop profile, ``shop-cn``:
PDF/X-4 identity, boxes and bleed, CMYK only, K-only black text, fonts, ink coverage,
safe area, page multiple), failing the build on errors; booklets are also imposed for
saddle stitching (``<layout>-imposed.pdf``, role ``imposed``, preflighted against GWG
SheetCMYK).  The job sheet (``jobsheet.json`` and ``jobsheet.txt``) is rewritten after
each press layout, so it lists every press file of the build.
"""

from __future__ import annotations

import logging

from ..errors import BuildError
from ..layout.theme import press_colours
from ..preflight import Profile, load_profile, preflight
from ..preflight.result import format_finding
from .impose import ImposeOptions, impose
from .jobsheet import JobFile, job_sheet, job_sheet_json, job_sheet_text
from .postprocess import postprocess_pdf
from .profiles import PressProfile, press_profile

LOGGER = logging.getLogger("xinhui_print")
LAYOUT_KEYS = {"icc": "icc_path"}  # layout.toml [press] key → PressProfile field
SADDLE_KINDS = ("booklet",)


def layout_press_profile(layout, bleed_mm: float | None = None) -> PressProfile:
    """The press target for a layout: ``[press] profile`` plus its overrides."""
    press = layout.settings.press
    section = press.model_dump(exclude_none=True, exclude={"profile", "creep_mm"})  # creep is imposition's
    overrides = {LAYOUT_KEYS.get(key, key): value for key, value in section.items()}
    if bleed_mm is not None:
        overrides.setdefault("bleed_mm", bleed_mm)
    return press_profile(press.profile, overrides)


def produce_press(job, pdf: bytes, bleed_mm: float | None) -> None:
    """Write the press PDF (and, for booklets, the imposed spreads) made from ``pdf``
    (WeasyPrint's PDF of the layout laid out with ``bleed_mm``) and check them."""
    layout = job.layout
    profile = layout_press_profile(layout, bleed_mm)
    tokens = press_colours(layout.section("theme"), profile.icc_path,
                           [folder / "layout.toml" for folder in layout.chain])
    convert = dict(report_date=job.report.meta.date, title=layout.edition.text(_title(job.report)), tokens=tokens)
    data, report = postprocess_pdf(pdf, profile, **convert)
    if report.unconverted:
        raise BuildError(f"{layout.name}: could not convert to CMYK: {'; '.join(report.unconverted)}")
    saddle = layout.kind in SADDLE_KINDS
    name = f"{layout.name}-press.pdf"
    press_data = data
    if job.options.crop_marks:  # the imposition still starts from the unmarked pages
        press_data, _ = postprocess_pdf(pdf, profile, crop_marks=True, **convert)
    entry = _add_press_file(job, name, press_data, profile, report.pages, "press", saddle)
    entry.extra["crop_marks"] = job.options.crop_marks
    job.log(f"{name}: {report.pages} pages, PDF/X-4 {profile.output_condition_identifier}, "
            f"{report.colours_converted} colours converted, {report.overprinted_paints} overprints")
    if saddle:
        _produce_imposed(job, data, profile, entry)
    write_job_sheet(job, profile)


def _add_press_file(job, name, data, profile, pages, role, saddle):
    path = job.manifest.out_dir / name
    trim = _trim_mm(data)
    entry = job.manifest.add_file(
        name, data, job.layout.name, role, "pdf", pages=pages, trim_mm=trim,
        pdfx=profile.pdfx_version, bleed_mm=profile.bleed_mm,
        output_condition=profile.output_condition_identifier,
        **({"binding": "saddle"} if saddle else {}),
    )
    run_preflight(path, preflight_profile(profile, role), job.log)
    return entry


def _produce_imposed(job, press_data: bytes, profile: PressProfile, press_entry) -> None:
    options = ImposeOptions(creep_mm=job.layout.settings.press.creep_mm)
    data, info = impose(press_data, options, profile)
    name = f"{job.layout.name}-imposed.pdf"
    _add_press_file(job, name, data, profile, len(info.sides), "imposed", False)
    entry = job.manifest.entries[-1]
    entry.extra.update(sheets=info.sheets, sides=[list(s) for s in info.sides],
                       creep_mm=info.creep_mm, source=press_entry.path)
    job.log(f"{name}: {info.sheets} sheets, {len(info.sides)} sides")


def preflight_profile(profile: PressProfile, role: str) -> Profile:
    """What a press file must pass: single pages in reading order the shop's profile,
    printer's spreads GWG SheetCMYK; both with the press target's ink limit (an error),
    pages also with its bleed and safe margin."""
    base = load_profile(profile.preflight_profile if role == "press" else "sheetcmyk-cmyk")
    changes = {"R0026": {"severity": "error", "limit": profile.ink_limit, "square_mm": profile.tac_window_mm}}
    if role == "press":
        changes |= {"SHOP-BLEED": {"min_mm": profile.bleed_mm}, "BLEED-AT-TRIM": {"min_mm": profile.bleed_mm},
                    "SHOP-SAFE-MARGIN": {"min_mm": profile.safe_mm}}
    return base.with_settings(changes)


def run_preflight(path, profile: Profile, log=lambda _: None) -> None:
    """Preflight a written press file once; log its warnings, fail the build on errors."""
    result = preflight(path, profile)
    warnings: dict[str, list] = {}
    for finding in result.findings:
        if finding.severity == "warning":
            warnings.setdefault(finding.id, []).append(finding)
    for rule_id, found in sorted(warnings.items()):
        pages = sorted({f.page for f in found if f.page})
        where = f" on {len(pages)} page{'s' if len(pages) != 1 else ''}" if pages else ""
        log(f"{path.name}: preflight warning {rule_id}{where}: {found[0].message}")
    errors = [format_finding(f) for f in result.findings if f.severity == "error"]
    if errors:
        raise BuildError(f"{path.name}: preflight ({profile.name}) errors: {'; '.join(errors[:5])}")


def write_job_sheet(job, profile: PressProfile) -> None:
    files = [_job_file(entry) for entry in job.manifest.entries if entry.role in ("press", "imposed")]
    meta = job.report.meta
    edition = job.layout.edition
    sheet = job_sheet(meta.id, edition.text(_title(job.report)), meta.date.isoformat(), profile, files,
                      script=edition.text)
    job.manifest.add_file("jobsheet.json", job_sheet_json(sheet), "press", "jobsheet", "json")
    job.manifest.add_file("jobsheet.txt", job_sheet_text(sheet, script=edition.text), "press", "jobsheet", "txt")


def _job_file(entry) -> JobFile:
    extra = entry.extra
    notes = []
    if entry.role == "imposed":
        notes.append(f"printer's spreads of {extra.get('source')}: {extra.get('sheets')} sheets, "
                     f"front and back per sheet, creep {extra.get('creep_mm', 0):g} mm per sheet")
    return JobFile(entry.path, entry.role, entry.layout, int(extra.get("pages", 0)),
                   list(extra.get("trim_mm", [])), entry.sha256, extra.get("binding"), notes)


def _title(report) -> str:
    meta = report.meta
    return f"{meta.kicker}：{meta.title}" if getattr(meta, "kicker", None) else meta.title


def _trim_mm(data: bytes) -> list[float]:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[0].obj.TrimBox)
    return [round((x1 - x0) * 25.4 / 72, 1), round((y1 - y0) * 25.4 / 72, 1)]
