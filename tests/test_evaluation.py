"""`aidcurator evaluate`: scoring mechanics and the regression floor on our gold file."""

from pathlib import Path

import pytest

from aidcurator.cli import main
from aidcurator.evaluation import GoldFormatError, evaluate_documents, load_gold

GOLD = Path(__file__).parent / "gold" / "gold_articles.jsonl"


def test_scoring_counts_true_and_false_positives() -> None:
    doc = {
        "id": "t1", "text": "湖南省今年安排援疆资金3.76亿元，实施102个项目。", "published": "2024-03-01",
        "mentions": [
            {"kind": "amount", "text": "3.76亿元", "value": "376000000", "currency": "CNY"},
            {"kind": "count", "text": "102个项目", "value": "999", "what": "projects"},  # wrong value on purpose
        ],
        "records": [{"donor": "湖南省", "recipient": None, "year_start": 2024, "year_end": 2024,
                     "record_kind": "programme", "n_projects": 102,
                     "amount": {"value": "376000000", "currency": "CNY", "kind": "committed"}}],
    }
    report = evaluate_documents([doc])
    assert report.mentions["amount"].f1 == 1.0
    assert report.mentions["count"].true_positives == 0
    assert report.paired_records == 1
    assert report.field_accuracy("donor") == 1.0
    assert report.field_accuracy("year") == 1.0
    assert report.field_accuracy("n_projects") == 1.0


def test_gold_file_meets_the_mention_targets() -> None:
    docs = load_gold(GOLD)
    assert len(docs) >= 60
    report = evaluate_documents(docs)
    assert report.mentions["amount"].f1 >= 0.97
    assert report.mentions["count"].f1 >= 0.95
    assert report.field_accuracy("donor") >= 0.90


def test_malformed_gold_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": "x", "text": "abc"\n', encoding="utf-8")
    with pytest.raises(GoldFormatError):
        load_gold(bad)
    assert main(["evaluate", str(bad)]) != 0
    assert "malformed JSON" in capsys.readouterr().err


def test_cli_prints_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(GOLD)]) == 0
    out = capsys.readouterr().out
    assert "amount" in out and "field accuracy" in out
