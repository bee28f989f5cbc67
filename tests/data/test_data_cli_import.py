"""``xinhui-print import``: exit codes, warnings on stderr, atomic output."""

from __future__ import annotations

import pytest

from xinhui_print import cli
from xinhui_print.data import load_report


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the CLI with only the import command registered; → (code, stderr)."""
    monkeypatch.setattr(cli, "COMMANDS", {"import": "import_article"})

    def invoke(*argv: str) -> tuple[int, str]:
        code = cli.main([str(arg) for arg in argv])
        return code, capsys.readouterr().err

    return invoke


def test_import_seed_writes_the_data(run, articles, tmp_path, data_file):
    out = tmp_path / "xinhui-2023.yaml"
    code, err = run("import", articles / "shudu-xinhui-2023.txt", "-o", out)
    assert code == 0
    assert err.strip() == f"wrote {out} (5 chapters, 0 warnings)"
    assert load_report(out) == load_report(data_file)
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert [p.name for p in tmp_path.iterdir()] == ["xinhui-2023.yaml"]  # no temp file left


def test_imported_text_matches_the_committed_file(run, articles, data_file, tmp_path):
    out = tmp_path / "copy.yaml"
    code, _ = run("import", articles / "shudu-xinhui-2023.txt", "-o", out, "--id", "xinhui-2023")
    assert code == 0
    body = out.read_text(encoding="utf-8").split("\n", 1)[1]
    assert body == data_file.read_text(encoding="utf-8").split("\n", 1)[1]


def test_warnings_name_the_article_and_line(run, articles, tmp_path):
    article = articles / "extra-headings.txt"
    code, err = run("import", article, "-o", tmp_path / "x.yaml")
    assert code == 0
    assert f"{article}:27: kept as a paragraph: 延伸阅读" in err.splitlines()
    assert "5 warnings" in err


def test_verbose_shows_joined_lines(run, articles, tmp_path):
    _, err = run("import", articles / "shudu-xinhui-2023.txt", "-o", tmp_path / "x.yaml", "-v")
    assert ":140: bullet joined to the item above: “评定分离”" in err


def test_empty_article_exits_2_and_leaves_the_old_file(run, articles, tmp_path):
    out = tmp_path / "report.yaml"
    out.write_text("old: data\n", encoding="utf-8")
    code, err = run("import", articles / "empty.txt", "-o", out)
    assert code == 2
    assert err.count("\n") == 1 and "no text found in the article" in err
    assert out.read_text(encoding="utf-8") == "old: data\n"


def test_missing_article_exits_2_and_writes_nothing(run, tmp_path):
    code, err = run("import", tmp_path / "nope.txt", "-o", tmp_path / "out.yaml")
    assert code == 2 and "file not found" in err
    assert list(tmp_path.iterdir()) == []


def test_binary_article_exits_2(run, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)))
    code, err = run("import", junk, "-o", tmp_path / "out.yaml")
    assert code == 2 and "not a text file" in err
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(("output", "message"), [
    ("out.txt", "output must be a .yaml file"),
    ("missing/out.yaml", "output folder does not exist"),
])
def test_bad_output_exits_2(run, articles, tmp_path, output, message):
    code, err = run("import", articles / "shudu-xinhui-2023.txt", "-o", tmp_path / output)
    assert code == 2 and message in err


def test_output_is_required(run, articles):
    with pytest.raises(SystemExit) as raised:
        run("import", articles / "shudu-xinhui-2023.txt")
    assert raised.value.code == 2
