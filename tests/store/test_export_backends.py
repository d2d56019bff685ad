"""The export's fast paths on each backend: the flat chunks (first amount, amount count and evidence
summary made by the database) agree with the nested ones (every amount and evidence span), in small
chunks, with a status filter, several amounts and typed fields."""

import csv
import datetime as dt
import json
from pathlib import Path

from aidcurator.curation import Curator
from aidcurator.domain import ArticleDraft
from aidcurator.export.flat import _evidence_text
from aidcurator.store import read_session
from aidcurator.store import repository as repo
from aidcurator.store.exports import AMOUNT_EXPORT_KEYS, EVIDENCE_EXPORT_KEYS

TEXTS = (  # written for this test
    "苏州援疆工作组今年投入资金3000万元，用于阿图什市学校建设。",
    "江苏省2023年在克州安排援疆资金3.76亿元，实施援疆项目102个，惠及群众12000人。",
    "北京市2021年至2023年向和田地区投入援疆资金12.5亿元，建设学校30所。",
)


def _fill(curator: Curator) -> list[int]:
    report = curator.import_drafts(
        [
            ArticleDraft(text=text, title=f"援疆 {n}", published=dt.date(2025, 3, 1))
            for n, text in enumerate(TEXTS)
        ]
    )
    records = [record for article in report.article_ids for record in curator.records(article)]
    first = records[0]
    curator.update_record_field(first.id, "donor", "浙江")  # typed: its quote goes, "donor: typed"
    curator.update_amount(first.amounts[0].id, text="5000万元")
    curator.add_amount(records[1].id, "0.50亿元")  # several amounts: the others are summarised
    curator.add_amount(records[1].id, "1.25万美元")
    curator.accept(first.id)
    curator.accept(records[-1].id)
    return [record.id for record in records]


def _items(curator: Curator, status: str | None, flat: bool, chunk_size: int) -> list[tuple]:
    """``(scalars, amounts, evidence)`` per record: from the flat chunks (the first amount, then
    the others; the evidence summary) or from the nested ones (amount and evidence tuples)."""
    iterate = repo.iter_flat_record_chunks if flat else repo.iter_nested_record_chunks
    width = len(repo.RECORD_EXPORT_KEYS)
    items = []
    with read_session(curator.engine) as session:
        for chunk in iterate(session, status=status, chunk_size=chunk_size):
            if flat:
                for row in chunk.rows.made():
                    scalars, first = row[:width], row[width : width + len(AMOUNT_EXPORT_KEYS)]
                    count, summary = row[-2:]
                    amounts = [first, *chunk.other_amounts.get(row[0], ())] if count else []
                    assert len(amounts) == count
                    items.append((scalars, amounts, summary))
                continue
            amounts = _by_record(chunk.amounts)
            evidence = _by_record(chunk.evidence)
            items.extend(
                (row, amounts.get(row[0], []), evidence.get(row[0], [])) for row in chunk.rows.made()
            )
    return items


def _by_record(columns) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for record_id, *item in zip(*columns, strict=True):
        found.setdefault(record_id, []).append(tuple(item))
    return found


def test_evidence_summary_matches_the_tuples_on_each_backend(backend_url: str, tmp_path: Path) -> None:
    with Curator.open(backend_url) as curator:
        ids = _fill(curator)
        for status in (None, "accepted", "pending"):
            for chunk_size in (1, 2, 100):
                tuples = _items(curator, status, flat=False, chunk_size=chunk_size)
                texts = _items(curator, status, flat=True, chunk_size=chunk_size)
                assert [item[0] for item in texts] == [item[0] for item in tuples]
                assert [item[1] for item in texts] == [item[1] for item in tuples]
                assert [item[2] for item in texts] == [_evidence_text(item[2]) for item in tuples]
        accepted = [item[0][0] for item in _items(curator, "accepted", flat=True, chunk_size=1)]
        assert accepted == [ids[0], ids[-1]]
        several = [item[1] for item in _items(curator, None, flat=True, chunk_size=100) if len(item[1]) > 1]
        assert [len(amounts) for amounts in several] == [3]
        assert len(several[0][0]) == len(AMOUNT_EXPORT_KEYS)
        summary = dict((item[0][0], item[2]) for item in _items(curator, None, flat=True, chunk_size=1))
        assert "donor: typed" in summary[ids[0]] and "amount: typed" in summary[ids[0]]
        assert "«苏州" not in summary[ids[0]]

        curator.export(tmp_path / "r.csv", status="all")
        curator.export(tmp_path / "r.json", status="all")
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    records = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [row["record_id"] for row in rows] == [str(record["record_id"]) for record in records]
    for row, record in zip(rows, records, strict=True):
        expected = _evidence_text([tuple(e[key] for key in EVIDENCE_EXPORT_KEYS) for e in record["evidence"]])
        assert row["evidence"] == (expected or "")
        assert row["sector_name"] == (record["sector_name"] or "")


def test_the_fast_csv_path_neutralises_formulas_in_every_free_text(backend_url: str, tmp_path: Path) -> None:
    """Text a spreadsheet would run (``=``, ``+``, ``-``, ``@``, tab, CR first) gets its ``'`` in
    the record's, the article's, the amounts' and the parties' text; numbers and dates do not."""
    with Curator.open(backend_url) as curator:
        report = curator.import_drafts(
            [ArticleDraft(text=TEXTS[1], title="=HYPERLINK(1)", source="+src", published=dt.date(2025, 3, 1))]
        )
        record = curator.records(report.article_ids[0])[0]
        curator.update_record_field(record.id, "notes", "-1+1")
        curator.update_record_field(record.id, "title", "=SUM(A1)")
        curator.add_amount(record.id, "12万元")
        curator.update_amount(
            curator.records(report.article_ids[0])[0].amounts[-1].id, text="@3万元", value="30000"
        )
        curator.add_party(name="@org", role="funding", record_id=record.id)
        curator.export(tmp_path / "r.csv", status="all")
        curator.export(tmp_path / "r.json", status="all")
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    record_json = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))[0]
    assert (row["article_title"], row["article_source"]) == ("'=HYPERLINK(1)", "'+src")
    assert (row["notes"], row["title"]) == ("'-1+1", "'=SUM(A1)")
    assert row["funding_agencies"].startswith("'@org")
    assert row["other_amounts"].startswith("'@3万元 = 30000")
    assert row["article_published"] == "2025-03-01" and not row["created_at"].startswith("'")
    assert record_json["notes"] == "-1+1" and record_json["article_title"] == "=HYPERLINK(1)"
