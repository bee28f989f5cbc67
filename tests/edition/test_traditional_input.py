"""Traditional text through the typesetting stage and the importer."""

import re
from pathlib import Path

import opencc

from xinhui_print.data.importer import import_article
from xinhui_print.typeset import TypesetOptions, typeset_html

SEED = Path(__file__).resolve().parents[1] / "data" / "articles" / "shudu-xinhui-2023.txt"
WJ = "\u2060"


def page(body: str, lang: str) -> str:
    return f'<html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'


def test_centred_punctuation_is_never_compressed_in_traditional_text():
    """clreq 3.1.6: Hong Kong and Taiwan punctuation sits in the middle of the em box;
    the adjacent-pair halving (halt) of Simplified text is not applied to it."""
    text = "<p>實施「十四五」規劃。」（全年）</p>"
    assert 'class="xh-halt"' in typeset_html(page(text, "zh-CN"))
    for lang in ("zh-Hant-HK", "zh-Hant-TW"):
        assert 'class="xh-halt"' not in typeset_html(page(text, lang), TypesetOptions())


def test_traditional_figures_stay_on_one_line():
    out = typeset_html(page("<p>基礎設施累計投入57.8億元，建成100萬平方米以上廠房</p>", "zh-Hant-HK"))
    assert f"57.8{WJ}億{WJ}元，" in out  # digits never break anyway; the unit is joined to them
    assert f"100{WJ}萬{WJ}平{WJ}方{WJ}米{WJ}以{WJ}上廠" in out


def figures(report) -> list[str]:
    return [str(k.figure) for k in report.review.kpis] + [str(t.figure) for t in report.targets.items]


def test_a_traditional_article_imports_as_its_simplified_original():
    seed = SEED.read_text(encoding="utf-8")
    simplified, _ = import_article(seed, "seed.txt")
    for config in ("s2hk", "s2twp"):
        report, _ = import_article(opencc.OpenCC(f"{config}.json").convert(seed), "seed.txt")
        assert report.meta.kicker.startswith("數讀2023年") and report.meta.place == "新會區"
        assert figures(report) == figures(simplified)
        assert [len(c.sections) for c in report.chapters] == [len(c.sections) for c in simplified.chapters]
        assert (len(report.review.rankings), len(report.review.pledges), len(report.groups)) == (
            len(simplified.review.rankings), len(simplified.review.pledges), len(simplified.groups))
        assert not report.notes


def test_traditional_units_ranking_and_pledge_lines():
    article = """乘勢而上加速奔跑 開局之年再上臺階

數讀2023年新會區政府工作報告

2月20日,新會區第十六屆人民代表大會第三次會議開幕。

江門日報記者 任曉盈

2022年工作回顧

- 地區生產總值達**1.2萬億元**
- 一般公共預算收入**57.8億元**
- 新會陳皮躍居全國品牌百強榜首位
- 十大民生實事全部兌現

2023年工作展望

- 地區生產總值增長**5%以上**
"""
    report, _ = import_article(article, "t.txt")
    kpis = [(k.label, k.verb, k.figure.number, k.figure.unit) for k in report.review.kpis]
    assert kpis == [("地區生產總值", "達", "1.2", "萬億元"), ("一般公共預算收入", "", "57.8", "億元")]
    assert report.review.rankings == ["新會陳皮躍居全國品牌百強榜首位"]
    assert report.review.pledges == ["十大民生實事全部兌現"]
    assert re.fullmatch(r"5%以上", str(report.targets.items[0].figure))
