"""Headings' phrases (jieba) and heroes chosen from the data: no layout."""

from __future__ import annotations

from xinhui_print.model import Report
from xinhui_print.social.heroes import key_figure, text_heroes
from xinhui_print.social.phrases import phrases
from xinhui_print.social.plan import MAX_ITEMS, candidate_plans, full_plan

from .conftest import chapter, report_data


def test_a_quoted_name_and_a_word_are_never_broken():
    assert "“百县千镇万村高质量发展工程”" in phrases("坚持锚定“百县千镇万村高质量发展工程”")
    assert "“两个文明”" in phrases("坚持“两个文明”协调发展")
    assert "大湾区" in phrases("全力打造大湾区城乡融合发展示范中心")
    assert "2022年" in phrases("2022年工作回顾")
    assert "".join(phrases("推动“一件事”主题服务事项拓展至288个")) == "推动“一件事”主题服务事项拓展至288个"


def test_punctuation_stays_with_its_word():
    parts = phrases("群众幸福感、获得感、安全感不断攀升")
    assert "幸福感、" in parts and not any(part.startswith("、") for part in parts)


def test_heroes_differ_in_kind_and_keep_their_comparison_word():
    facts = ["首次上榜，规上工业企业增至706家", "引进项目计划总投资超560亿元", "投资完成率128.8%"]
    heroes = text_heroes(facts)
    assert [str(h.figure) for h in heroes] == ["560亿元", "128.8%", "706家"]
    assert heroes[0].before == "超" and heroes[0].label == "引进项目计划总投资"
    assert heroes[2].before == "增至" and heroes[2].label == "规上工业企业"


def test_a_verb_before_a_figure_takes_the_noun_after_it():
    (hero,) = text_heroes(["建立10个海外调解站"])
    assert hero.label == "建立海外调解站"


def test_a_group_is_known_by_its_largest_amount(seed_report):
    assert str(key_figure(seed_report.groups[2].facts).figure) == "61亿元"


def test_every_content_card_of_every_plan_has_a_hero_and_at_most_six_items(seed_report):
    for limit in (None, 9, 18):
        for plan in candidate_plans(seed_report, True, limit):
            for card in plan:
                if card.content:
                    assert card.heroes and card.items <= MAX_ITEMS, card.label


def test_a_chunk_without_figures_counts_its_measures():
    report = Report.model_validate(report_data([chapter(1, [f"推进第{n}项" for n in "一二三四五六七"])]))
    cards = [card for card in full_plan(report) if card.kind == "chapter"]
    assert [len(card.blocks) for card in cards] == [4, 3]
    assert str(cards[0].heroes[0].figure) == "4项" and cards[0].heroes[0].role == "count"
