"""Property-based tests (Hypothesis): whatever text or structure a user hands the data
loader or the article importer, the answer is a report or one located DataError — never
another exception, never a hang."""

from __future__ import annotations

import copy
import math
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xinhui_print.data import dump_report, import_article, load_report
from xinhui_print.errors import DataError
from xinhui_print.model import Report

ROOT = Path(__file__).resolve().parents[2]
SEED_DATA = yaml.safe_load((ROOT / "data" / "xinhui-2023.yaml").read_text(encoding="utf-8"))
SEED_ARTICLE = (Path(__file__).parent / "articles" / "shudu-xinhui-2023.txt").read_text(encoding="utf-8")

FAST = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text a careless or hostile user types: any Unicode (surrogates cannot be written to UTF-8
# files), plus the characters and words that the formats give meaning to.
ANY_CHAR = st.characters(exclude_categories=("Cs",))
MARKERS = st.sampled_from([
    "- ", "● ", "1. ", "12、", "**", "：", ":", "&a ", "*a", "!!binary ", "{", "}", "[", "]",
    "%", "％", "１２．５", "4%", "同比", "以上", "2023年工作展望", "2022年工作回顾",
    "数读2023年新会区政府工作报告", "江门日报记者 任晓盈", "2月20日", "\n", "\t", " ", "#",
    ".nan", ".inf", "~", "null", "true", "0x1F", "1e999", "\ufeff", "\u200b", "<<: ",
])
TEXT = st.lists(st.one_of(MARKERS, st.text(ANY_CHAR, max_size=12)), max_size=30).map("".join)
SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    TEXT, st.dates(),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(TEXT, st.integers()), inner, max_size=4)),
    max_leaves=12,
)


def assert_located(error: DataError, path: Path) -> None:
    """A DataError the CLI prints as one ``file[:line:col]: cause`` line."""
    line = str(error)
    assert "\n" not in line and line.startswith(str(path)), line
    assert error.exit_code == 2


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def paths_of(value, prefix=()):
    """Every path into the seed's nested dicts and lists."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_of(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths_of(item, (*prefix, index))


SEED_PATHS = list(paths_of(SEED_DATA))


def replaced(data, path, value):
    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


@FAST
@given(text=TEXT)
def test_any_text_as_a_data_file_loads_or_fails_located(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("yaml") / "report.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        report = load_report(path)
    except DataError as error:
        assert_located(error, path)
    else:
        assert isinstance(report, Report)


@FAST
@given(path=st.sampled_from(SEED_PATHS), value=VALUE)
def test_any_value_anywhere_in_the_seed_loads_or_fails_located(tmp_path_factory, path, value):
    """The committed data with one field, list or mapping replaced by anything."""
    file = tmp_path_factory.mktemp("yaml") / "report.yaml"
    file.write_text(yaml.dump(replaced(SEED_DATA, path, value), Dumper=_NoAliases,
                              allow_unicode=True), encoding="utf-8")
    try:
        report = load_report(file)
    except DataError as error:
        assert_located(error, file)
        assert ":" in str(error)[len(str(file)):][:1]  # a line follows the file name
    else:
        figures = [kpi.figure.value for kpi in report.review.kpis] if report.review else []
        assert all(math.isfinite(value) for value in figures)


@FAST
@given(lines=st.lists(TEXT, max_size=12), keep=st.integers(0, 200))
def test_any_article_imports_or_fails_located(tmp_path_factory, lines, keep):
    """Arbitrary lines, alone or after the head of the seed article."""
    head = "\n".join(SEED_ARTICLE.split("\n")[: keep % 40]) if keep > 100 else ""
    text = head + "\n" + "\n".join(lines)
    try:
        report, diagnostics = import_article(text, "article.txt")
    except DataError as error:
        assert str(error).startswith("article.txt"), str(error)
        assert error.exit_code == 2 and "\n" not in str(error)
        return
    # What the importer makes, the loader takes back unchanged.
    path = tmp_path_factory.mktemp("import") / "report.yaml"
    path.write_text(dump_report(report), encoding="utf-8")
    assert load_report(path) == report
    assert all(d.location.line is None or d.location.line >= 1 for d in diagnostics)
