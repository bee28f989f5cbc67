"""Build producers for social layouts: a build job → files in ``out/<id>/`` listed in the manifest.

``produce_poster`` (kind ``poster``) and ``produce_cards`` (kind ``cards``) are
wrapped by the typed producers of :mod:`xinhui_print.build.producers`.  Every file goes through
the manifest's atomic writer with ``role: social`` and the fields ``format``,
``width_px``, ``height_px``, ``bytes``, ``preset``, ``sha256`` and ``alt``;
each image has its alt text in a ``.txt`` beside it.  Budget fallbacks and card
fitting are logged on the console, one line each.  :func:`check_options` rejects
bad social options before anything is built.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from .output import ROLE, SocialOptions, SocialResult, files
from .presets import PRESETS, get_preset


def social_options(job: Any) -> SocialOptions:
    densities = tuple(float(d) for d in getattr(job.options, "densities", []) or []) or None
    qr_url = getattr(job.options, "qr_url", None) or None
    return SocialOptions(densities=densities, qr_url=qr_url, full_set=bool(getattr(job.options, "full_set", False)))


MAX_DENSITY = 8.0


def check_options(options: Any) -> None:
    """Reject unknown presets, impossible densities and unencodable QR URLs before anything is built."""
    for name in getattr(options, "presets", []) or []:
        get_preset(name)
    for density in getattr(options, "densities", []) or []:
        if not 0 < float(density) <= MAX_DENSITY:
            raise InputError(f"density must be more than 0 and at most {MAX_DENSITY:g}, got {density:g}")
    qr_url = getattr(options, "qr_url", None)
    if qr_url is not None:
        from .qr import check_qr_url

        check_qr_url(qr_url)


def card_presets(job: Any) -> list[str]:
    """The card presets asked for (validated), or the layout's default preset."""
    asked = [get_preset(name).name for name in getattr(job.options, "presets", []) or []]
    cards = [name for name in dict.fromkeys(asked) if PRESETS[name].height is not None]
    return cards or [job.layout.settings.cards.preset]


def write_result(job: Any, result: SocialResult) -> None:
    edition = job.layout.edition  # alt texts in the edition's script, as the images
    for name, data, format_, fields in files(result):
        if format_ == "txt":
            data = edition.text(data.decode("utf-8")).encode("utf-8")
        job.manifest.add_file(name, data, job.layout.name, ROLE, format_, **edition.readable(fields))
    job.log(summary(result))
    for line in result.notes():
        job.log(f"  {line}")


def summary(result: SocialResult) -> str:
    """``cards-xhs.pdf + 17 png: 1080×1440 @1x, 63–281 kB (2.9 MB)``."""
    images = result.images
    if not images:
        return result.pdf_name
    sizes = sorted({f"{i.raster.width_px}×{i.raster.height_px} @{i.density:g}x" for i in images
                    if i.kind != "segment"})
    kinds = sorted({i.raster.format for i in images})
    smallest, largest = min(i.raster.bytes for i in images), max(i.raster.bytes for i in images)
    segments = sum(i.kind == "segment" for i in images)
    extra = f", {segments} segments" if segments else ""
    return (f"{result.pdf_name} + {len(images)} {'/'.join(kinds)}: {', '.join(sizes)}{extra}, "
            f"{smallest / 1000:.0f}–{largest / 1000:.0f} kB ({sum(i.raster.bytes for i in images) / 1e6:.1f} MB)")


def produce_poster(job: Any) -> None:
    """The long poster: PDF, PNG per density, segments, alt texts."""
    from .poster import build_poster  # the rasteriser and the layout code load when a poster is made

    write_result(job, build_poster(job.report, job.layout, social_options(job)))


def produce_cards(job: Any) -> None:
    """One card set per preset: PDF (one card per page), PNGs, alt texts, per-card report."""
    from .cards import build_cards  # the rasteriser and the fitting code load when a card set is made

    for preset in card_presets(job):
        write_result(job, build_cards(job.report, job.layout, preset, social_options(job)))

