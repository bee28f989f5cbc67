"""Profiles: TOML data, ``extends`` layering, GWG variant limits."""

from __future__ import annotations

import pytest

from xinhui_print.errors import InputError
from xinhui_print.preflight import available_profiles, load_profile


def test_bundled_profiles():
    assert available_profiles() == [
        "digital-print", "magazine-ads-cmyk", "newspaper-ads-cmyk",
        "sheetcmyk-cmyk", "sheetcmyk-cmyk-rgb", "shop-cn",
    ]


@pytest.mark.parametrize(("name", "tac", "text", "contone"), [
    ("sheetcmyk-cmyk", 320.0, 8.0, (149.0, 224.0)),
    ("magazine-ads-cmyk", 305.0, 9.0, (149.0, 224.0)),
    ("newspaper-ads-cmyk", 245.0, 10.0, (99.0, 149.0)),
])
def test_variant_limits_follow_gwg_2022(name, tac, text, contone):
    profile = load_profile(name)
    assert profile.rules["R0026"]["limit"] == tac
    assert profile.rules["R0017"]["limit"] == text
    r0031 = profile.rules["R0031"]
    assert (r0031["error_below"], r0031["warning_below"]) == contone


def test_extends_layers_rule_by_rule():
    shop = load_profile("shop-cn")
    assert shop.rules["R0026"].severity == "error" and shop.rules["R0026"]["limit"] == 300.0
    assert shop.rules["R0026"]["square_mm"] == 15.0  # inherited
    assert shop.rules["R0027"].severity == "error"
    rgb = load_profile("sheetcmyk-cmyk-rgb")
    assert rgb.rules["R0027"].severity == "ignore" and rgb.rules["R0028"].severity == "error"
    digital = load_profile("digital-print")
    assert "R0026" not in {r.id for r in digital.active_rules()}


def test_a_shop_profile_file_needs_no_code(tmp_path, clean_pdf):
    from xinhui_print.preflight import preflight

    custom = tmp_path / "tight.toml"
    custom.write_text('extends = "shop-cn"\n[rules.R0026]\nlimit = 15.0\n')
    findings = preflight(clean_pdf, custom).findings
    assert [(f.id, f.page, f.limit) for f in findings] == [("R0026", n, 15.0) for n in range(1, 5)]


def test_bad_severity_is_reported(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[rules.R0001]\nseverity = "fatal"\n')
    with pytest.raises(InputError, match="severity must be one of"):
        load_profile(bad)
