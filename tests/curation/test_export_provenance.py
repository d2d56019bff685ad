"""The export after a curator typed values: no stale quote, per-field origin, codes and sector names."""

import csv
import datetime as dt
import json
from pathlib import Path

from aidcurator.curation import Curator
from aidcurator.domain import ArticleDraft

TEXT = "苏州援疆工作组今年投入资金3000万元，用于阿图什市学校建设。"  # written for this test


def _typed_record(curator: Curator) -> int:
    report = curator.import_drafts([ArticleDraft(text=TEXT, title="苏州援疆", published=dt.date(2025, 3, 1))])
    (record,) = curator.records(report.article_ids[0])
    assert [e.quote for e in record.evidence_for("donor")] == ["苏州"]
    curator.update_record_field(record.id, "donor", "浙江")
    amount = record.amounts[0]
    curator.update_amount(amount.id, text="5000万元")
    curator.update_record_field(record.id, "sector", "旅游")
    return record.id


def test_json_export_has_no_stale_quote_and_reports_typed_fields(
    real_curator: Curator, tmp_path: Path
) -> None:
    _typed_record(real_curator)
    path = tmp_path / "records.json"
    real_curator.export(path, status="all")
    (row,) = json.loads(path.read_text(encoding="utf-8"))
    assert (row["donor"], row["donor_code"], row["sector"], row["sector_name"]) == (
        "浙江省",
        "cn-zhejiang",
        "332",
        "Tourism",
    )
    donor = [e for e in row["evidence"] if e["field"] == "donor"]
    assert donor == [{"field": "donor", "start": None, "end": None, "quote": None, "origin": "typed"}]
    amount = [e for e in row["evidence"] if e["field"] == "amount"]
    assert amount == [{"field": "amount", "start": None, "end": None, "quote": None, "origin": "typed"}]
    assert all(e["quote"] != "苏州" and e["quote"] != "3000万元" for e in row["evidence"])
    recipient = [e for e in row["evidence"] if e["field"] == "recipient"]
    assert recipient and recipient[0]["origin"] == "extracted" and recipient[0]["quote"] == "阿图什市"


def test_csv_export_summarises_typed_fields_without_the_old_quote(
    real_curator: Curator, tmp_path: Path
) -> None:
    _typed_record(real_curator)
    path = tmp_path / "records.csv"
    real_curator.export(path, status="all")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["donor"], row["donor_code"], row["sector"], row["sector_name"]) == (
        "浙江省",
        "cn-zhejiang",
        "332",
        "Tourism",
    )
    assert "donor: typed" in row["evidence"] and "amount: typed" in row["evidence"]
    assert "«苏州»" not in row["evidence"] and "«3000万元»" not in row["evidence"]
    assert "recipient: «阿图什市»" in row["evidence"]
    header = list(row)
    assert header.index("sector_name") == header.index("sector") + 1
    assert header.index("donor_code") == header.index("donor") + 1
