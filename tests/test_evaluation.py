"""`aidcurator evaluate`: scoring mechanics and the regression floor on our gold file."""

import json
from pathlib import Path

import pytest

from aidcurator.cli import main
from aidcurator.evaluation import GoldFormatError, evaluate_documents, load_gold

GOLD = Path(__file__).parent / "gold" / "gold_articles.jsonl"
HELDOUT = Path(__file__).parent / "gold" / "heldout_articles.jsonl"


def test_scoring_counts_true_and_false_positives() -> None:
    doc = {
        "id": "t1",
        "text": "湖南省今年安排援疆资金3.76亿元，实施102个项目。",
        "published": "2024-03-01",
        "mentions": [
            {"kind": "amount", "text": "3.76亿元", "value": "376000000", "currency": "CNY"},
            {
                "kind": "count",
                "text": "102个项目",
                "value": "999",
                "what": "projects",
            },  # wrong value on purpose
        ],
        "records": [
            {
                "donor": "湖南省",
                "recipient": None,
                "year_start": 2024,
                "year_end": 2024,
                "record_kind": "programme",
                "n_projects": 102,
                "amount": {"value": "376000000", "currency": "CNY", "kind": "committed"},
            }
        ],
    }
    report = evaluate_documents([doc])
    assert report.mentions["amount"].f1 == 1.0
    assert report.mentions["count"].true_positives == 0
    assert report.paired_records == 1
    assert report.field_accuracy("donor") == 1.0
    assert report.field_accuracy("year") == 1.0
    assert report.field_accuracy("n_projects") == 1.0


@pytest.mark.parametrize(("path", "minimum_articles", "count_f1"), [(GOLD, 60, 0.95), (HELDOUT, 30, 0.94)])
def test_gold_files_meet_the_targets(path: Path, minimum_articles: int, count_f1: float) -> None:
    docs = load_gold(path)
    assert len(docs) >= minimum_articles
    report = evaluate_documents(docs)
    assert report.paired_records == report.gold_records
    assert report.mentions["amount"].f1 >= 0.97
    assert report.mentions["count"].f1 >= count_f1
    for name in ("donor", "recipient", "year"):
        assert report.field_accuracy(name) >= 0.90, name
    assert report.field_accuracy("amount_kind") >= 0.85
    assert report.record_precision >= 0.95  # few records the curator has to reject


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


def test_show_errors_lists_fields_that_disagree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    doc = {
        "id": "t2",
        "text": "湖南省今年安排援疆资金3.76亿元。",
        "published": "2024-03-01",
        "mentions": [],
        "records": [
            {
                "donor": "江西省",
                "recipient": "吐鲁番市",
                "year_start": 2024,
                "record_kind": "programme",
                "amount": {"value": "376000000", "currency": "CNY", "kind": "committed"},
            }
        ],
    }
    gold.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), "--show-errors"]) == 0
    out = capsys.readouterr().out
    assert "t2: donor of 376000000 CNY: expected '江西省', got '湖南省'" in out
    assert "recipient of" not in out


def test_records_with_no_gold_counterpart_lower_record_precision(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = {
        "id": "t3",
        "text": "湖南省今年安排援疆资金3.76亿元，另向吐鲁番追加援疆资金2000万元。",
        "published": "2024-03-01",
        "mentions": [],
        "records": [
            {
                "donor": "湖南省",
                "year_start": 2024,
                "record_kind": "programme",
                "amount": {"value": "376000000", "currency": "CNY", "kind": "committed"},
            }
        ],
    }
    report = evaluate_documents([doc])
    assert (report.paired_records, report.predicted_records) == (1, 2)
    assert report.record_precision == 0.5
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), "--show-errors"]) == 0
    out = capsys.readouterr().out
    assert "of which 1 match no gold record (precision 0.500)" in out
    assert "t3: extra record for '2000万元'" in out
