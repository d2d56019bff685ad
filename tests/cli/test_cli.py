"""The command line: exit codes, messages, what is stored, extract output and exports."""

import io
import json
import subprocess
import sys
import types
from decimal import Decimal
from pathlib import Path

import pytest

from aidcurator.cli import dumps_exact, main

ZH_ARTICLE = "阿克苏援疆项目开工\n\n今年浙江计划投入援疆资金3.5亿元，实施28个援疆项目，预计带动就业1200人。其中1.2亿元用于教育。"
EN_ARTICLE = (
    "Jiangsu funds new clinics in Yining\n\n"
    "Jiangsu will invest 120 million yuan in 14 projects in Yining this year, benefiting 3,500 households."
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _count(db: Path, table: str) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zh.txt").write_text(ZH_ARTICLE, encoding="utf-8")
    (folder / "en.md").write_text(EN_ARTICLE, encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------------------ import


def test_import_then_reimport_reports_skipped(capsys, inputs: Path, db_path: Path) -> None:
    code, out, err = run(capsys, "import", str(inputs), "--db", str(db_path))
    assert (code, err) == (0, "")
    assert out.strip() == "Imported 2 articles (0 skipped as duplicates) from 2 files; 0 failed"
    code, out, _ = run(capsys, "import", str(inputs), "--db", str(db_path))
    assert code == 0
    assert out.strip() == "Imported 0 articles (2 skipped as duplicates) from 2 files; 0 failed"
    assert _count(db_path, "article") == 2


def test_bad_files_get_one_line_each_and_store_nothing(capsys, tmp_path: Path, db_path: Path) -> None:
    random_bytes = tmp_path / "noise.txt"
    random_bytes.write_bytes(bytes((i * 131 + 7) % 256 for i in range(4096)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    truncated = tmp_path / "cut.json"
    truncated.write_text('[{"title": "援疆", "text": "今年投入3亿元', encoding="utf-8")
    gb = tmp_path / "gb18030.txt"
    gb.write_bytes(ZH_ARTICLE.encode("gb18030"))
    code, out, err = run(
        capsys, "import", str(random_bytes), str(empty), str(truncated), str(gb), "--db", str(db_path)
    )
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 3
    for bad, line in zip((random_bytes, empty, truncated), lines, strict=True):
        assert line.startswith(f"error: {bad}: ") and len(line) > len(f"error: {bad}: ")
    assert out.strip() == "Imported 1 article (0 skipped as duplicates) from 4 files; 3 failed"
    assert _count(db_path, "article") == 1
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        title, text = conn.execute("SELECT title, text FROM article").fetchone()
    assert title == "阿克苏援疆项目开工" and "3.5亿元" in text


def test_import_from_stdin(capsys, monkeypatch: pytest.MonkeyPatch, inputs: Path, db_path: Path) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(EN_ARTICLE.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "import", str(inputs / "zh.txt"), "-", "--db", str(db_path))
    assert code == 0
    assert out.strip() == "Imported 2 articles (0 skipped as duplicates) from 2 files; 0 failed"


def test_missing_path_is_reported(capsys, tmp_path: Path, db_path: Path) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nope.txt"), "--db", str(db_path))
    assert code == 1 and err.startswith(f"error: {tmp_path / 'nope.txt'}: ")
    assert not db_path.exists()  # a typo creates no database


def test_import_accepts_an_sqlalchemy_url(capsys, inputs: Path, tmp_path: Path) -> None:
    target = tmp_path / "url.db"
    code, _, _ = run(capsys, "import", str(inputs / "zh.txt"), "--db", f"sqlite:///{target}")
    assert code == 0 and _count(target, "article") == 1


def test_default_database_comes_from_the_environment(capsys, inputs: Path, isolated_user_data: Path) -> None:
    code, _, _ = run(capsys, "import", str(inputs))
    assert code == 0 and _count(isolated_user_data / "aidcurator.db", "article") == 2


def test_seeds_import_six_articles_then_skip_six(capsys, seeds_dir: Path, db_path: Path) -> None:
    files = [str(p) for p in sorted(seeds_dir.glob("*.txt"))]
    code, out, _ = run(capsys, "import", *files, "--db", str(db_path))
    assert code == 0 and out.startswith("Imported 6 articles (0 skipped")
    code, out, _ = run(capsys, "import", *files, "--db", str(db_path))
    assert code == 0 and out.startswith("Imported 0 articles (6 skipped as duplicates)")


# ----------------------------------------------------------------------------------------- extract


def _docs(out: str) -> list[dict]:
    return [json.loads(line, parse_float=Decimal) for line in out.splitlines() if line.strip()]


def _check_offsets(doc: dict, text: str) -> None:
    assert doc["text"] == text
    for mention in doc["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for record in doc["records"]:
        for amount in record["amounts"]:
            assert text[amount["start"] : amount["end"]] == amount["text"]
        for evidence in record["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_extract_files_prints_exact_values_and_true_offsets(capsys, inputs: Path) -> None:
    code, out, err = run(capsys, "extract", str(inputs / "zh.txt"), str(inputs / "en.md"))
    assert (code, err) == (0, "")
    zh, en = _docs(out)
    assert zh["id"] == str(inputs / "zh.txt") and zh["title"] == "阿克苏援疆项目开工"
    _check_offsets(zh, ZH_ARTICLE)
    amounts = [m for m in zh["mentions"] if m["kind"] == "amount"]
    assert [m["value"] for m in amounts] == [350000000, 120000000]
    assert all(type(m["value"]) is int for m in amounts)  # JSON integers, not 3.5e8
    assert '"value": 350000000' in out
    assert "3.5亿元" in out  # ensure_ascii=False
    assert {m["kind"] for m in zh["mentions"]} >= {"amount", "count"}
    assert zh["records"] and all("amounts" in r and "evidence" in r for r in zh["records"])
    _check_offsets(en, EN_ARTICLE)


def test_extract_stdin_and_jsonl_with_ids(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = tmp_path / "docs.jsonl"
    texts = ["上海投入援疆资金约2.5亿元。", "Over 300 million yuan was allocated to 40 projects in Kashgar."]
    lines.write_text(
        json.dumps({"id": "a1", "text": texts[0], "published": "2024-05-01"}, ensure_ascii=False)
        + "\n\n"
        + json.dumps({"text": texts[1]})
        + "\n",
        encoding="utf-8",
    )
    stdin = io.TextIOWrapper(io.BytesIO("深圳援疆投入1.8亿元。".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, err = run(capsys, "extract", str(lines), "-", "--format", "json")
    assert (code, err) == (0, "")
    docs = json.loads(out)
    assert [d["id"] for d in docs] == ["a1", f"{lines}#3", "-"]
    for doc, text in zip(docs, [*texts, "深圳援疆投入1.8亿元。"], strict=True):
        _check_offsets(doc, text)
    amounts = [m for m in docs[0]["mentions"] if m["kind"] == "amount"]
    assert amounts[0]["qualifier"] == "approx"
    assert amounts[0]["value"] == 250000000


def test_extract_digest_gives_one_document_per_article(capsys, seeds_dir: Path) -> None:
    code, out, _ = run(capsys, "extract", *[str(p) for p in sorted(seeds_dir.glob("*.txt"))])
    assert code == 0
    docs = _docs(out)
    assert len(docs) == 6
    values = [m["value"] for d in docs for m in d["mentions"] if m["kind"] == "amount"]
    for expected in (376000000, 699200000, 214000000, 219000000, 80100000, 12620000, 200000000000):
        assert expected in values


def test_extract_reports_bad_inputs_and_goes_on(capsys, tmp_path: Path, inputs: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\n{"id": 2, "txt": "no text key"}\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", str(bad), str(inputs / "zh.txt"))
    assert code == 1
    assert err.strip() == f'error: {bad}: line 2 has no "text" string'
    assert len(_docs(out)) == 1


def test_dumps_exact_never_goes_through_float() -> None:
    text = dumps_exact(
        {"a": Decimal("0.1"), "b": Decimal("12345678901234567890.125"), "c": Decimal("2.14E+8")}
    )
    assert text == '{"a": 0.1, "b": 12345678901234567890.125, "c": 214000000}'
    assert json.loads(text, parse_float=Decimal)["b"] == Decimal("12345678901234567890.125")
    assert dumps_exact(["@@tricky:0@@", Decimal("NaN")]) == '["@@tricky:0@@", null]'


def test_dumps_exact_many_fractions_keep_their_places() -> None:
    values = [Decimal(f"{i}.{i:03d}5") for i in range(1, 400)]
    nested = {"list": values, "text": '0.5 @@ "quoted" 汉字', "deep": [{"v": Decimal("-0.25")}]}
    text = dumps_exact(nested)
    expected = ", ".join(f"{i}.{i:03d}5" for i in range(1, 400))
    assert text.startswith('{"list": [' + expected + "]")
    assert text.endswith('"deep": [{"v": -0.25}]}')
    assert json.loads(text, parse_float=Decimal)["list"] == values


# ---------------------------------------------------------------------------------- export, stats


def test_export_each_format_and_stats(capsys, inputs: Path, db_path: Path, tmp_path: Path) -> None:
    import pandas as pd

    assert run(capsys, "import", str(inputs), "--db", str(db_path))[0] == 0
    code, out, _ = run(capsys, "stats", "--db", str(db_path))
    assert code == 0
    assert "Articles: 2" in out and "new               2" in out and "pending" in out
    for fmt in ("csv", "json", "jsonl", "xlsx"):
        target = tmp_path / f"records.{fmt}"
        code, out, err = run(
            capsys, "export", "--db", str(db_path), "--format", fmt, "--out", str(target), "--status", "all"
        )
        assert (code, err) == (0, ""), err
        assert out.startswith("Wrote ") and target.exists()
    frame = pd.read_csv(tmp_path / "records.csv", dtype=str, encoding="utf-8-sig")
    jsonl = [
        json.loads(line) for line in (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert list(frame["record_id"]) == [str(r["record_id"]) for r in jsonl]
    assert list(frame["amount_value"]) == [str(r["amounts"][0]["value"]) for r in jsonl]
    assert "阿克苏援疆项目开工" in set(frame["article_title"])
    code, out, _ = run(capsys, "export", "--db", str(db_path), "--out", str(tmp_path / "acc.csv"))
    assert code == 0 and out.startswith("Wrote 0 records")
    code, out, _ = run(
        capsys, "export", "--db", str(db_path), "--what", "articles", "--out", str(tmp_path / "a.xlsx")
    )
    assert code == 0 and out.startswith("Wrote 2 articles")
    assert len(pd.read_excel(tmp_path / "a.xlsx")) == 2


def test_export_and_stats_without_a_database_fail_cleanly(capsys, tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    code, _, err = run(capsys, "stats", "--db", str(missing))
    assert code == 1 and err.startswith("error: no database at")
    code, _, err = run(capsys, "export", "--db", str(missing), "--out", str(tmp_path / "x.csv"))
    assert code == 1 and not missing.exists()
    code, _, err = run(capsys, "export", "--db", str(missing), "--out", str(tmp_path / "x.weird"))
    assert code == 2 and "--format" in err


def test_export_to_an_unwritable_place_fails_cleanly(
    capsys, inputs: Path, db_path: Path, tmp_path: Path
) -> None:
    run(capsys, "import", str(inputs), "--db", str(db_path))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "export", "--db", str(db_path), "--out", str(blocker / "sub" / "x.csv"))
    assert code == 1 and err.startswith("error: ") and "Traceback" not in err


def test_not_a_database_fails_cleanly(capsys, tmp_path: Path, inputs: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "import", str(inputs), "--db", str(bogus))
    assert code == 1 and err.startswith("error: cannot open database")


# ------------------------------------------------------------------------------------ demo, gui


def test_demo_imports_the_samples_and_shows_them(capsys, tmp_path: Path) -> None:
    demo_db = tmp_path / "demo.db"
    code, out, err = run(capsys, "demo", "--db", str(demo_db))
    assert code == 0, err
    assert f"Demo database: {demo_db}" in out and "0 failed" in out
    assert " CNY" in out and "Records:" in out
    code, out, _ = run(capsys, "demo", "--db", str(demo_db))
    assert code == 0 and "Imported 0 articles" in out


def test_demo_uses_the_data_folder_by_default(capsys, isolated_user_data: Path) -> None:
    code, _out, _ = run(capsys, "demo")
    assert code == 0 and (isolated_user_data / "data" / "demo.db").exists()


def _no_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def fake(name: str, *args, **kwargs):
        if name == "aidcurator.gui.app":
            raise ModuleNotFoundError("No module named 'aidcurator.gui.app'", name="aidcurator.gui.app")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", fake)


@pytest.mark.parametrize("argv", [[], ["gui"], ["gui", "--demo"]])
def test_without_a_window_the_gui_says_so(capsys, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    _no_gui(monkeypatch)
    code, _, err = run(capsys, *argv)
    assert code == 2 and "window is not part of this version" in err and "aidcurator demo" in err


def test_gui_hook_passes_the_options(capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = {}
    fake = types.ModuleType("aidcurator.gui.app")
    fake.run = lambda args: seen.update(vars(args)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "aidcurator.gui.app", fake)
    code, _, _ = run(capsys, "gui", "--demo", "--screenshot", str(tmp_path / "s.png"), "--db", "x.db")
    assert code == 0
    assert (seen["demo"], seen["screenshot"], seen["db"]) == (True, str(tmp_path / "s.png"), "x.db")


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["import"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["export", "--format", "pdf", "--out", "x.pdf"])
    assert exc.value.code == 2


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aidcurator", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("aidcurator ")


def test_extract_does_not_load_the_store(tmp_path) -> None:
    """``aidcurator extract`` needs no database: the store (and SQLAlchemy) stay unimported."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("湖南省今年安排援疆资金3.76亿元。", encoding="utf-8")
    probe = (
        "import sys; from aidcurator.cli import main; code = main(['extract', sys.argv[1]]); "
        "loaded = sorted(m for m in sys.modules if m.startswith(('aidcurator.store', 'sqlalchemy', 'sqlmodel'))); "
        "print('LOADED', loaded, file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(article)], capture_output=True, text=True, check=True
    )
    assert "376000000" in done.stdout
    assert "LOADED []" in done.stderr


def test_a_file_with_a_few_bad_bytes_imports_with_a_warning(capsys, tmp_path: Path, db_path: Path) -> None:
    text = "湖南省今年在吐鲁番市安排援疆资金3.76亿元，实施援疆项目102个。" * 20
    damaged = text.encode("utf-8") + "末尾".encode()[:-1]  # cut in the middle of the last character
    path = tmp_path / "cut.txt"
    path.write_bytes(damaged)
    code, out, err = run(capsys, "import", str(path), "--db", str(db_path))
    assert code == 0, err
    assert "Imported 1 article" in out
    assert err.startswith(f"warning: {path}: ") and "replaced" in err
    assert _count(db_path, "article") == 1


def test_export_usd_base_year(capsys, inputs: Path, db_path: Path, tmp_path: Path) -> None:
    import pandas as pd

    assert run(capsys, "import", str(inputs), "--db", str(db_path))[0] == 0
    for fmt in ("csv", "jsonl"):
        target = tmp_path / f"usd.{fmt}"
        code, _, err = run(
            capsys,
            "export",
            "--db",
            str(db_path),
            "--out",
            str(target),
            "--status",
            "all",
            "--usd-base-year",
            "2019",
        )
        assert (code, err) == (0, ""), err
    frame = pd.read_csv(tmp_path / "usd.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert set(frame["amount_usd_base_year"]) <= {"2019", ""}
    with_amount = frame[frame["amount_value"] != ""]
    assert len(with_amount) and all(with_amount["amount_usd_reason"] + with_amount["amount_usd_nominal"])
    rows = [json.loads(line) for line in (tmp_path / "usd.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(a["usd_base_year"] == 2019 for r in rows for a in r["amounts"])
    code, _, err = run(
        capsys, "export", "--db", str(db_path), "--out", str(tmp_path / "x.csv"), "--usd-base-year", "1800"
    )
    assert code == 1 and "base year 1800" in err and not (tmp_path / "x.csv").exists()
