"""Runs of inline content: edits inside one run leave every later run where its text is."""

import pytest

from xinhui_print.typeset.html_runs import parse, wrap


def test_later_runs_follow_the_tokens_inserted_before_them():
    document = parse("<p>数据<b>显示</b>增长</p><p>第二段文字</p><p>第三段</p>")
    texts = []
    for run in document.runs():
        texts.append(run.text)
        assert wrap(run, 0, 2, '<span class="x">', "</span>")  # four tokens more per run (split + tags)
    assert texts == ["数据显示增长", "第二段文字", "第三段"]
    assert document.serialize() == ('<p><span class="x">数据</span><b>显示</b>增长</p>'
                                    '<p><span class="x">第二</span>段文字</p><p><span class="x">第三</span>段</p>')


def test_an_insertion_outside_the_run_is_refused():
    run = next(parse("<p>一段</p><p>二段</p>").runs())
    with pytest.raises(ValueError):
        run.insert(run.end + 2, [])
