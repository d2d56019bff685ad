"""Very large articles extracted in parts: cuts at paragraph breaks, positions, the document's date,
all-or-nothing files, and the same rows with or without worker processes."""

import datetime as dt
import itertools
from pathlib import Path

import pytest

from aidcurator.curation import Curator, chunking, extraction_pool
from aidcurator.curation.preparing import FileFailure, extract_draft
from aidcurator.domain import ArticleDraft
from aidcurator.extract import extract
from aidcurator.store.bulk_rows import unpack_rows

# paragraphs written for these tests: amounts, places, years and relative years
PARAGRAPHS = (
    "江苏省今年在克州安排援疆资金{n}亿元，实施援疆项目{m}个，惠及群众{k}人。",
    "Zhejiang will invest {n} million yuan in Aksu next year, creating {k} jobs for local residents.",
    "　　去年，湖南省在山南市完成投资{m}万元，新建学校{n}所。",
    "Guangdong signed an agreement with Guangxi in 2021 for a {n} million yuan water project.",
)


def _document(paragraphs: int, head: str = "援助汇编") -> str:
    body = [
        PARAGRAPHS[i % len(PARAGRAPHS)].format(n=i % 97 + 2, m=i % 89 + 3, k=i * 7 + 100)
        for i in range(paragraphs)
    ]
    return head + "\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of a few thousand characters, so a test text is "very large"."""
    monkeypatch.setattr(chunking, "SPLIT_ABOVE", 6000)
    monkeypatch.setattr(chunking, "PART_CHARS", 3000)


def test_ordinary_texts_are_not_cut() -> None:
    assert chunking.split_document(_document(40), None, "a") is None


def test_parts_are_slices_that_start_at_a_paragraph_break(small_parts: None) -> None:
    text = _document(400)
    parts = chunking.split_document(text, dt.date(2024, 5, 1), "big.txt")
    assert parts is not None and len(parts) > 5
    assert all(text[p.start : p.start + len(p.text)] == p.text for p in parts)
    assert parts[0].start == 0 and parts[-1].start + len(parts[-1].text) == len(text)
    for before, after in itertools.pairwise(parts):
        assert after.start == before.start + len(before.text) - 1  # the shared line break
        assert before.text.endswith("\n\n")  # cut at a blank line
        assert after.text.startswith("\n") and after.text[1] != "\n"  # no line of it reads as a title
    assert {p.published for p in parts} == {dt.date(2024, 5, 1)} and not any(p.estimated for p in parts)


def test_a_text_without_blank_lines_is_cut_at_line_breaks(small_parts: None) -> None:
    text = _document(400).replace("\n\n", "\n")
    parts = chunking.split_document(text, None, "big.txt")
    assert parts is not None and all(p.text.startswith("\n") for p in parts[1:])


def _mentions(rows) -> list[tuple]:
    found = list(rows.mentions)
    for packed in rows.parts:
        found.extend(unpack_rows(packed).mentions)
    return found


@pytest.mark.parametrize("published", [dt.date(2023, 6, 30), None])
def test_parts_find_the_mentions_of_the_whole_text(small_parts: None, published: dt.date | None) -> None:
    """Undated, every part resolves 今年/next year against the document's first year, estimated."""
    text = _document(400)
    draft = ArticleDraft(text=text, title="援助汇编", published=published)
    whole = extract_draft(draft, "h", extract, split=False)
    split = extract_draft(draft, "h", extract, split=True)
    assert not whole.parts and len(split.parts) > 5 and not split.mentions
    assert _mentions(split) == whole.mentions
    records = [unpack_rows(packed) for packed in split.parts]
    amounts = [row for part in records for _, _, row in part.amounts]
    assert all(text[start:end] == quote for quote, *_, start, end, _, _, _ in amounts)
    evidence = [row for part in records for _, row in part.evidence]
    assert all(text[start:end] == quote for _, start, end, quote, _ in evidence)


def test_a_failing_part_refuses_the_article(small_parts: None) -> None:
    text = _document(400)
    calls = []

    def failing(part_text: str, published: object = None, *, estimated: bool = False):
        calls.append(part_text)
        if len(calls) == 3:
            raise RuntimeError("boom")
        return extract(part_text, published, estimated=estimated)

    with pytest.raises(FileFailure, match=r"characters .*RuntimeError: boom"):
        extract_draft(ArticleDraft(text=text, title="t"), "h", failing, split=True)


def _rows(curator: Curator) -> dict[str, list[tuple]]:
    clock = {"imported_at", "created_at", "updated_at"}
    found = {}
    with curator.engine.connect() as conn:
        for table in ("article", "mention", "record", "amount", "evidence", "partylink"):
            cursor = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
            keep = [i for i, name in enumerate(cursor.keys()) if name not in clock]
            found[table] = [tuple(row[i] for i in keep) for row in cursor]
    return found


def test_a_very_large_file_imports_the_same_with_or_without_workers(
    small_parts: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One big file (and a small one) with two worker processes: the parts are extracted side by side
    and stored as one article, row for row as in one process."""
    from aidcurator.store import open_engine

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text(_document(400), encoding="utf-8")
    (folder / "small.txt").write_text(_document(3, head="小"), encoding="utf-8")
    pools = []
    real_pool = extraction_pool.ProcessPoolExecutor

    def counting_pool(*args, **kwargs):
        pools.append(kwargs.get("max_workers"))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(extraction_pool, "ProcessPoolExecutor", counting_pool)
    parallel = Curator(open_engine(tmp_path / "parallel.db"))
    report = parallel.import_paths([folder], workers=2)
    assert pools == [2]  # two files, one of them large: the pool starts
    assert (report.imported, report.failed) == (2, 0)
    serial = Curator(open_engine(tmp_path / "serial.db"))
    assert serial.import_paths([folder], workers=1).imported == 2
    rows = _rows(parallel)
    assert rows == _rows(serial)
    assert len(rows["mention"]) > 1000 and len(rows["record"]) > 100
    big = parallel.article(1)
    assert big.title == "援助汇编"
    mentions = parallel.mentions(1)
    assert len(mentions) > 1000 and all(big.text[m.start : m.end] == m.text for m in mentions)
    for record in parallel.records(1):
        assert all(big.text[e.start : e.end] == e.quote for e in record.evidence)
