"""Large CSV exports made by worker processes side by side: the same bytes as one process."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from curation_support import ZH_TEXT

from aidcurator.curation import Curator, export_pool
from aidcurator.domain import ArticleDraft
from aidcurator.store import create_engine_for, open_engine, read_session
from aidcurator.store import repository as repo


def _articles(curator: Curator, count: int) -> None:
    drafts = [
        ArticleDraft(text=f"{ZH_TEXT}（第{n}篇）", title=f"湖南援疆 {n}", published=dt.date(2024, 3, 1))
        for n in range(count)
    ]
    report = curator.import_drafts(drafts)
    assert report.ok and len(report.article_ids) == count
    for n, article_id in enumerate(report.article_ids):
        if n % 3:  # some accepted, some pending
            curator.accept(curator.records(article_id)[0].id)


def test_article_spans_split_records_in_order_without_overlap(curator: Curator) -> None:
    _articles(curator, 7)
    with read_session(curator.engine) as session:
        total = repo.count_records(session, status=None)
        spans = repo.article_spans(session, status=None, parts=3)
        seen = []
        for first, stop in spans:
            for chunk in repo.iter_flat_record_chunks(session, article_span=(first, stop)):
                seen += [row[0] for row in chunk.rows.raw]
    assert spans[0][0] is None and spans[-1][1] is None
    assert all(left[1] == right[0] for left, right in itertools.pairwise(spans))
    assert len(spans) == 3
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == total


def test_more_parts_than_articles_gives_one_span_per_article(curator: Curator) -> None:
    _articles(curator, 2)
    with read_session(curator.engine) as session:
        spans = repo.article_spans(session, status=None, parts=50)
    assert len(spans) == 2


@pytest.fixture
def backend_curator(backend_url: str, stub) -> Iterator[Curator]:
    """A curator on an SQLite file and on the PostgreSQL server ``.ci/run`` starts."""
    engine = open_engine(backend_url)
    try:
        yield Curator(engine, extractor=stub, actor="tester")
    finally:
        engine.dispose()


@pytest.mark.parametrize("status", ["all", "accepted"])
def test_side_by_side_csv_is_byte_identical_to_one_process(
    backend_curator: Curator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: str
) -> None:
    curator = backend_curator
    _articles(curator, 9)
    one = tmp_path / "one.csv"
    expected = curator.export(one, status=status, workers=1)
    monkeypatch.setattr(export_pool, "MIN_RECORDS_FOR_WORKERS", 0)
    monkeypatch.setattr(export_pool, "PARTS_PER_WORKER", 2)
    calls = []
    real = export_pool.export_csv_side_by_side

    def spy(*args, **kwargs):
        calls.append(result := real(*args, **kwargs))
        return result

    monkeypatch.setattr("aidcurator.curation.exporting.export_csv_side_by_side", spy)
    two = tmp_path / "two.csv"
    assert curator.export(two, status=status, workers=2) == expected > 0
    assert calls == [expected]  # really written by the workers
    assert two.read_bytes() == one.read_bytes()


def test_small_exports_and_private_databases_stay_in_one_process(curator: Curator, tmp_path: Path) -> None:
    _articles(curator, 2)
    assert (
        export_pool.export_csv_side_by_side(
            curator.engine, tmp_path / "small.csv", status=None, usd_base_year=None, workers=2
        )
        is None
    )
    memory = create_engine_for("sqlite://")
    try:
        assert (
            export_pool.export_csv_side_by_side(
                memory, tmp_path / "memory.csv", status=None, usd_base_year=None, workers=2
            )
            is None
        )
    finally:
        memory.dispose()
    assert not (tmp_path / "small.csv").exists() and not (tmp_path / "memory.csv").exists()
