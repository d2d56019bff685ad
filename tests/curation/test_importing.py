"""Importing files and drafts: all-or-nothing files, duplicates, progress and cancel."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from curation_support import _AMOUNTS, EN_TEXT, ZH_TEXT, StubExtractor, count_rows, import_zh  # noqa: F401

from aidcurator.curation import Curator, content_hash
from aidcurator.domain import (
    CandidateRecord,
    Extraction,
    RecordStatus,
    ReviewState,
    Span,
)

# ------------------------------------------------------------------------------------------ import


def test_content_hash_ignores_normalization_and_outer_space() -> None:
    assert content_hash("  援疆\n") == content_hash("援疆")
    assert content_hash("e\u0301") == content_hash("\u00e9")
    assert content_hash("援疆") != content_hash("援 疆")


def test_import_stores_article_mentions_records_amounts_and_evidence(curator: Curator) -> None:
    article_id = import_zh(curator)
    article = curator.article(article_id)
    assert article.title == "湖南援疆" and article.text == ZH_TEXT and article.review_state == ReviewState.NEW
    mentions = curator.mentions(article_id)
    assert [m.text for m in mentions] == ["3.76亿元", "2.14亿元", "1262万元"]
    assert all(ZH_TEXT[m.start : m.end] == m.text for m in mentions)
    first, share, third = curator.records(article_id)
    assert first.n_projects == 102 and first.year_start == 2024 and first.status == RecordStatus.PENDING
    assert first.extracted["n_projects"] == 102 and first.extracted["donor"] == "湖南"
    assert (
        first.amounts[0].value == Decimal("376000000") and first.amounts[0].extracted["value"] == "376000000"
    )
    assert share.parent_id == first.id and share.amounts[0].share_of_id == first.amounts[0].id
    assert {e.field: e.quote for e in first.evidence} == {"amount": "3.76亿元", "n_projects": "102个援疆项目"}
    assert third.parent_id is None


def test_reimport_adds_nothing_and_counts_skipped(curator: Curator, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("湖南援疆\n\n" + ZH_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Zhejiang aid\n\n" + EN_TEXT, encoding="utf-8")
    first = curator.import_paths([tmp_path])
    assert (first.imported, first.skipped, first.files, first.failed) == (2, 0, 2, 0)
    second = curator.import_paths([tmp_path])
    assert (second.imported, second.skipped) == (0, 2)
    assert second.summary() == "Imported 0 articles (2 skipped as duplicates) from 2 files; 0 failed"
    assert count_rows(curator, "article") == 2


def test_duplicates_inside_one_batch_are_skipped(curator: Curator, tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Title\n\n" + EN_TEXT, encoding="utf-8")
    lines = [json.dumps({"title": f"t{i}", "text": ZH_TEXT}, ensure_ascii=False) for i in range(3)]
    (tmp_path / "three.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = curator.import_paths([tmp_path])
    assert (report.imported, report.skipped, report.failed) == (2, 3, 0)


def test_each_file_is_all_or_nothing(curator: Curator, stub: StubExtractor, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good\n\n" + EN_TEXT, encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    rows = [{"title": "fine", "text": ZH_TEXT}, {"title": "breaks", "text": "BOOM 8010万元 援疆"}]
    bad.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    stub.fail_on = "BOOM"
    report = curator.import_paths([bad, good])
    assert report.imported == 1 and report.failed == 1
    ((name, reason),) = report.failures
    assert name == str(bad) and "extractor exploded" in reason
    assert [a.title for a in curator.list_articles()] == ["Good"]
    # Fixed extractor: the same file now imports completely, nothing counted as duplicate.
    stub.fail_on = None
    again = curator.import_paths([bad])
    assert (again.imported, again.skipped, again.failed) == (2, 0, 0)


def test_a_file_failing_while_stored_leaves_nothing(curator: Curator, tmp_path: Path) -> None:
    def bad_spans(text: str, published: dt.date | None = None) -> Extraction:
        return Extraction(records=[CandidateRecord(evidence={"donor": [Span(0, len(text) + 10)]})])

    curator._extractor = bad_spans
    target = tmp_path / "digest.jsonl"
    target.write_text(
        "\n".join(json.dumps({"title": t, "text": t * 3}, ensure_ascii=False) for t in ("甲", "乙")),
        encoding="utf-8",
    )
    report = curator.import_paths([target])
    assert report.failed == 1 and "outside the article text" in report.failures[0][1]
    assert count_rows(curator, "article") == 0 and count_rows(curator, "record") == 0


def test_unreadable_files_fail_with_one_line_each_and_store_nothing(
    real_curator: Curator, tmp_path: Path
) -> None:
    random_bytes = tmp_path / "random.txt"
    random_bytes.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    truncated = tmp_path / "cut.json"
    truncated.write_text('[{"title": "援疆", "text": "投入3亿元', encoding="utf-8")
    gb = tmp_path / "gb.txt"
    gb_text = "喀什援疆项目进展顺利\n\n今年上海计划投入援疆资金12亿元，建设12所学校，惠及3000户家庭。"
    gb.write_bytes(gb_text.encode("gb18030"))
    report = real_curator.import_paths([random_bytes, empty, truncated, gb, tmp_path / "missing.txt"])
    failed = dict(report.failures)
    assert set(failed) == {str(random_bytes), str(empty), str(truncated), str(tmp_path / "missing.txt")}
    assert all(reason and "\n" not in reason for reason in failed.values())
    assert report.imported == 1 and report.files == 5
    (article,) = real_curator.list_articles()
    assert article.title == "喀什援疆项目进展顺利"
    assert "12亿元" in real_curator.article(article.id).text


def test_progress_and_cancel(curator: Curator, tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"T{i}\n\n{EN_TEXT} {i}", encoding="utf-8")
    calls: list[tuple[int, int, str]] = []
    report = curator.import_paths([tmp_path], progress=lambda d, t, n: calls.append((d, t, n)))
    assert [c[:2] for c in calls] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert report.imported == 3
    cancelled = curator.import_paths([tmp_path], cancel=lambda: True)
    assert cancelled.cancelled and cancelled.imported == 0


def test_worker_processes_store_the_same_as_one_process(engine, tmp_path: Path, monkeypatch) -> None:
    """With the package's extractor and enough files, extraction runs in a process pool; the data
    stored is the same as an import in one process."""
    from aidcurator.curation import extraction_pool as pool
    from aidcurator.store import open_engine

    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(pool.MIN_FILES_FOR_WORKERS + 5):
        (folder / f"{number:03d}.txt").write_text(
            f"湖南省今年在吐鲁番市安排援疆资金{number + 1}.5亿元，实施援疆项目{number + 2}个。",
            encoding="utf-8",
        )
    pools = []
    real_pool = pool.ProcessPoolExecutor

    def counting_pool(*args, **kwargs):
        pools.append(kwargs.get("max_workers"))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", counting_pool)
    parallel = Curator(engine)
    assert parallel.import_paths([folder], workers=2).imported == pool.MIN_FILES_FOR_WORKERS + 5
    assert pools == [2]
    serial = Curator(open_engine(tmp_path / "serial.db"))
    serial.import_paths([folder], workers=1)
    assert pools == [2]  # one process: no pool

    def shape(curator: Curator) -> list:
        return [
            (
                a.title,
                [(r.donor, r.n_projects, [str(x.value) for x in r.amounts]) for r in curator.records(a.id)],
            )
            for a in curator.list_articles(limit=100, order_by="id", descending=False)
        ]

    assert shape(parallel) == shape(serial)
    # a re-import of known texts never starts the pool
    assert parallel.import_paths([folder], workers=2).skipped == pool.MIN_FILES_FOR_WORKERS + 5
    assert pools == [2]


def test_worker_groups_keep_the_file_order(engine, tmp_path: Path) -> None:
    """Files go to the workers in groups; failed and known files between them still come back in
    the order of the files, and each file is stored or refused on its own."""
    from aidcurator.curation import extraction_pool as pool

    folder = tmp_path / "mixed"
    folder.mkdir()
    count = pool.MIN_FILES_FOR_WORKERS + pool.GROUP_FILES + 3
    empty = {4, 21, count - 2}
    for number in range(count):
        text = (
            ""
            if number in empty
            else f"江苏省今年在克州安排援疆资金{number + 1}亿元，实施援疆项目{number + 3}个。"
        )
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    curator = Curator(engine)
    curator.import_paths([folder / "001.txt", folder / "002.txt"], workers=1)  # known before
    names: list[str] = []
    report = curator.import_paths([folder], workers=2, progress=lambda d, t, n: names.append(n))
    assert names[:-1] == [str(folder / f"{number:03d}.txt") for number in range(count)]
    assert sorted(name for name, _ in report.failures) == [
        str(folder / f"{n:03d}.txt") for n in sorted(empty)
    ]
    assert (report.imported, report.skipped) == (count - len(empty) - 2, 2)
    assert report.article_ids == sorted(report.article_ids)
    texts = [
        curator.article(a.id).text for a in curator.list_articles(limit=1000, order_by="id", descending=False)
    ]
    assert texts == [
        f"江苏省今年在克州安排援疆资金{n + 1}亿元，实施援疆项目{n + 3}个。"
        for n in [1, 2, *(n for n in range(count) if n not in empty | {1, 2})]
    ]


def _table_rows(curator: Curator) -> dict[str, list[tuple]]:
    """Every row of the import's tables, clock columns left out."""
    clock = {"imported_at", "created_at", "updated_at"}
    found = {}
    with curator.engine.connect() as conn:
        for table in ("article", "mention", "record", "amount", "evidence"):
            cursor = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
            keep = [i for i, name in enumerate(cursor.keys()) if name not in clock]
            found[table] = [tuple(row[i] for i in keep) for row in cursor]
    return found


def _zh_files(folder: Path, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:02d}.txt").write_text(
            f"湖南援疆 {number}\n\n{ZH_TEXT} {number}", encoding="utf-8"
        )


def test_files_stored_together_are_stored_as_one_by_one(
    curator: Curator, tmp_path: Path, monkeypatch
) -> None:
    """A batch of files goes to the database in a few statements; ids, links between records and
    shares of amounts are the same as when every file is a transaction of its own."""
    from aidcurator.curation import importing
    from aidcurator.store import open_engine

    _zh_files(tmp_path / "in", 5)
    assert curator.import_paths([tmp_path / "in"]).imported == 5
    monkeypatch.setattr(importing, "BATCH_FILES", 1)
    alone = Curator(open_engine(tmp_path / "alone.db"), extractor=curator.extractor)
    assert alone.import_paths([tmp_path / "in"]).imported == 5
    together = _table_rows(curator)
    assert together == _table_rows(alone)
    assert len(together["record"]) == 15 and sum(r[2] is not None for r in together["record"]) == 5


def test_a_file_the_database_refuses_leaves_the_rest_of_its_batch_stored(
    curator: Curator, tmp_path: Path
) -> None:
    """When the database refuses one file of a batch, the batch is stored again file by file."""
    _zh_files(tmp_path / "in", 4)
    with curator.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse BEFORE INSERT ON article WHEN NEW.title = '湖南援疆 2' "
            "BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END"
        )
    report = curator.import_paths([tmp_path / "in"])
    assert (report.imported, report.failed) == (3, 1)
    ((name, reason),) = report.failures
    assert name == str(tmp_path / "in" / "02.txt") and "refused by a trigger" in reason
    assert [a.title for a in curator.list_articles(order_by="id", descending=False)] == [
        "湖南援疆 0", "湖南援疆 1", "湖南援疆 3"
    ]  # fmt: skip
    assert count_rows(curator, "record") == 9
