"""The compact jieba dictionary answers exactly as jieba's own: the same words, far less memory."""

import logging
import re
from pathlib import Path

import jieba
import pytest

from xinhui_print.social.phrases import CompactDictionary, _tokenizer, words

SEED = Path(__file__).resolve().parents[1] / "data" / "articles" / "shudu-xinhui-2023.txt"


@pytest.fixture(scope="module")
def jieba_own():
    tokenizer = jieba.Tokenizer()
    jieba.setLogLevel(logging.WARNING)
    tokenizer.initialize()
    return tokenizer


def test_same_words_as_jieba_on_the_seed(jieba_own):
    clauses = [part for part in re.split(r"[\n。；]", SEED.read_text(encoding="utf-8")) if part.strip()]
    assert len(clauses) > 100
    for clause in clauses:
        assert words(clause) == [w for w in jieba_own.cut(clause, HMM=False) if w], clause


def test_lookups_match_jieba_frequencies(jieba_own):
    compact = _tokenizer().FREQ
    assert compact.total == jieba_own.total
    for text in ("数据", "数", "粤港澳大湾", "粤港澳大湾区", "B超", "不是一个词语吗", "z"):
        assert compact.get(text) == jieba_own.FREQ.get(text), text
        assert (text in compact) == (text in jieba_own.FREQ), text
    with pytest.raises(KeyError):
        compact["不是一个词语吗"]


def test_a_repeated_line_counts_twice_in_the_total(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_bytes("大湾区 5 ns\n大湾区 5 ns\n区 7 n\n".encode())
    compact = CompactDictionary(path)
    assert compact.total == 17
    assert compact["大湾区"] == 5 and compact["大湾"] == 0 and "湾" not in compact
