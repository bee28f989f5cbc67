"""Colour rules: spot colours (R0020), the ``All`` colorant (R0024), early and
intermediate binding (R0027, R0028) and transparency group spaces (R0030)."""

from __future__ import annotations

from ..colour import binding_families, spot_names
from ..findings import Finding, Hit, per_page
from . import rule

LATE_BOUND = {"DeviceRGB", "ICCBased", "CalRGB", "CalGray", "Lab"}
CALIBRATED = {"ICCBased", "CalRGB", "CalGray", "Lab"}


def coloured_paints(doc):
    for paint in doc.paints():
        if paint.colour is not None:
            yield paint


@rule("R0020")
def spot_colour_count(doc, settings):
    limit = int(settings["limit"])
    first_use: dict[str, Hit] = {}
    for paint in coloured_paints(doc):
        for name in spot_names(paint.colour.space):
            first_use.setdefault(name, Hit(paint.page, paint.bbox))
    if len(first_use) <= limit:
        return []
    count = len(first_use)
    return [
        Finding.of("R0020", settings.severity,
                f"spot colour {name!r} used; {count} spot colours, at most {limit} allowed",
                page=hit.page, bbox=hit.bbox, measured=count, limit=limit)
        for name, hit in sorted(first_use.items())
    ]


@rule("R0024")
def no_all_colorant(doc, settings):
    hits = [Hit(p.page, p.bbox) for p in coloured_paints(doc) if "All" in _names(p.colour.space)]
    return per_page("R0024", settings.severity, hits, lambda _: "colorant named All is used")


def _names(space) -> tuple[str, ...]:
    names = space.names
    return names + _names(space.base) if space.base is not None else names


@rule("R0027")
def early_binding(doc, settings):
    findings = []
    for family in sorted(LATE_BOUND):
        hits = [Hit(p.page, p.bbox) for p in coloured_paints(doc)
                if family in binding_families(p.colour.space)]
        findings += per_page("R0027", settings.severity, hits,
                             _binding_message(family, "early-binding profile"))
    return findings


@rule("R0028")
def intermediate_binding(doc, settings):
    findings = []
    device_rgb = [Hit(p.page, p.bbox) for p in coloured_paints(doc)
                  if "DeviceRGB" in binding_families(p.colour.space)]
    findings += per_page("R0028", settings.severity, device_rgb,
                         _binding_message("DeviceRGB", "intermediate-binding profile"))
    for family in sorted(CALIBRATED):
        hits = [Hit(p.page, p.bbox) for p in coloured_paints(doc)
                if p.kind != "image" and family in binding_families(p.colour.space)]
        findings += per_page("R0028", settings.severity, hits,
                             _binding_message(family, "intermediate binding (images only)"))
    return findings


def _binding_message(family: str, context: str):
    return lambda _: f"{family} colour in {context}"


@rule("R0030")
def group_colour_space(doc, settings):
    findings = []
    for scan in doc.scans:
        for group in scan.groups:
            if group.space is None or group.space.family == "DeviceCMYK":
                continue
            findings.append(Finding.of(
                "R0030", settings.severity,
                f"{group.origin} transparency group blends in {group.space.describe()}, not DeviceCMYK",
                page=group.page, bbox=group.bbox, measured=group.space.describe(), limit="DeviceCMYK",
            ))
    return findings
