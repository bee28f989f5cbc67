"""The paragraph line planner on synthetic widths (no WeasyPrint)."""

from xinhui_print.typeset.linebreak import BreakPlanner, ParagraphModel

EM = 10.0


def model(text: str, breaks=None, max_gap_em=0.095) -> ParagraphModel:
    """Han and full-width marks 1 em, digits ½ em; breaks between Han characters
    except inside digit runs (a figure with its unit is one token)."""
    widths = [EM / 2 if char.isdigit() else EM for char in text]
    if breaks is None:
        breaks = [
            i for i in range(1, len(text))
            if not (text[i - 1].isdigit() or text[i] in "，。")
        ]
    gains = [EM / 2 if char in "，。" else 0.0 for char in text]
    return ParagraphModel(text, widths, breaks, gains, EM, max_gap_em)


def lines_of(planner: BreakPlanner, width: float) -> list[str]:
    lines, start = [], 0
    text = planner.model.text
    while (planned := planner.next_break(start, width, width)) is not None:
        lines.append(text[start:planned.end])
        start = planned.end
    return [*lines, text[start:]]


def test_earlier_lines_end_sooner_so_a_long_token_fits():
    # Greedy: line 2 would end before "12345678万" with a 5-em hole (0.095 em x 19 gaps < 2 em).
    text = "甲" * 20 + "乙" * 15 + "12345678万" + "丙" * 30
    planner = BreakPlanner(model(text))
    lines = lines_of(planner, 20 * EM)
    assert "".join(lines) == text
    m, start = planner.model, 0
    for line in lines[:-1]:
        end = start + len(line)
        slack = 20 * EM - m.natural_width(start, end)
        assert 0 <= slack <= m.capacity(start, end) + 1e-6, lines
        start = end


def test_push_in_takes_a_line_end_comma_set_half_width():
    text = "甲" * 19 + "，" + "乙" * 10
    planner = BreakPlanner(model(text, max_gap_em=0.0))
    first = planner.next_break(0, 19.5 * EM, 19.5 * EM)
    assert first.end == 20 and not first.short  # 20 em natural, 19.5 em with a half-width comma
    assert first.cap > 19.5 * EM  # the greedy breaker gets a wider cap to take the comma


def test_rest_that_fits_needs_no_plan():
    planner = BreakPlanner(model("甲乙丙丁"))
    assert planner.next_break(0, 10 * EM, 10 * EM) is None


def test_an_unavoidable_short_line_is_reported():
    text = "甲" * 18 + "1234567890123456万" + "乙" * 5
    planner = BreakPlanner(model(text))
    planned = planner.next_break(0, 20 * EM, 20 * EM)
    assert planned.short and planned.end == 18


def test_a_paragraph_of_39000_characters_is_planned_without_recursion():
    # The planner used to recurse once per line: ~1,950 lines here passed Python's limit.
    sentence = "新会区坚持以高质量发展为首要任务，地区生产总值增长4%。"
    text = (sentence * 1500)[:39000]
    planner = BreakPlanner(model(text))
    lines = lines_of(planner, 20 * EM)
    assert "".join(lines) == text
    assert len(lines) > 1900


def test_the_iterative_plan_is_the_optimal_one():
    # The cheapest plan found by trying every break sequence equals the planner's on a small case.
    text = "甲" * 20 + "乙" * 15 + "12345678万" + "丙" * 12 + "，" + "丁" * 9
    planner = BreakPlanner(model(text))
    width = 20 * EM
    best = _brute_force_cost(planner, 0, width)
    assert abs(planner._cost(0, width) - best) < 1e-9


def _brute_force_cost(planner: BreakPlanner, start: int, width: float) -> float:
    from xinhui_print.typeset.linebreak import LINE

    candidates = planner._line_candidates(start, width)
    if candidates is None:
        return 0.0
    return min(cost + LINE + _brute_force_cost(planner, end, width) for end, cost, _ in candidates)
