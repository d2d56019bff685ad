"""Queries: paging, filtering with user text, counts, export rows, tables, stats."""

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from aidcurator.curation import Curator
from aidcurator.domain import (
    AmountKind,
    ArticleDraft,
    CandidateAmount,
    CandidateRecord,
    Mention,
    MentionKind,
    Qualifier,
    RecordKind,
    ReviewState,
    Span,
)
from aidcurator.store import read_session, write_session
from aidcurator.store import repository as repo

TEXT = "江苏今年安排援疆资金2.14亿元，实施12个项目。其中8010万元用于人才培训。"


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def _candidates(text: str = TEXT) -> list[CandidateRecord]:
    parent = CandidateRecord(
        record_kind=RecordKind.PROGRAMME,
        donor="江苏",
        n_projects=12,
        year_start=2024,
        amounts=[
            CandidateAmount(
                text="2.14亿元",
                value=Decimal("214000000"),
                currency="CNY",
                qualifier=Qualifier.EXACT,
                kind=AmountKind.COMMITTED,
                span=_span(text, "2.14亿元"),
            )
        ],
        evidence={"amount": [_span(text, "2.14亿元")], "n_projects": [_span(text, "12个项目")]},
    )
    share = CandidateRecord(
        title="人才培训",
        amounts=[
            CandidateAmount(
                text="8010万元",
                value=Decimal("80100000"),
                currency="CNY",
                qualifier=Qualifier.EXACT,
                kind=AmountKind.SHARE,
                span=_span(text, "8010万元"),
                share_of=0,
            )
        ],
        evidence={"amount": [_span(text, "8010万元")]},
        parent_index=0,
    )
    return [parent, share]


def _add(session, title: str, text: str, *, published=None, language="zh", digest=None) -> int:
    draft = ArticleDraft(text=text, title=title, source="新华日报", published=published, language=language)
    return repo.add_article(session, draft=draft, content_hash=digest or f"hash-{title}-{text}"[:64])


def test_candidate_records_are_stored_with_links_and_evidence(engine: sa.Engine) -> None:
    with write_session(engine) as session:
        article_id = _add(session, "扬州援疆", TEXT)
        repo.replace_mentions(
            session,
            article_id=article_id,
            mentions=[
                Mention(
                    kind=MentionKind.AMOUNT,
                    start=_span(TEXT, "2.14亿元").start,
                    end=_span(TEXT, "2.14亿元").end,
                    text="2.14亿元",
                    value=Decimal("214000000"),
                    currency="CNY",
                    qualifier=Qualifier.EXACT,
                    data={"note": "值"},
                )
            ],
        )
        ids = repo.add_candidate_records(session, article_id=article_id, text=TEXT, candidates=_candidates())
    with read_session(engine) as session:
        parent, share = repo.records_for_article(session, article_id=article_id)
        assert [parent.id, share.id] == ids
        assert share.parent_id == parent.id
        assert share.amounts[0].share_of_id == parent.amounts[0].id
        assert parent.amounts[0].value == Decimal("214000000")
        assert parent.extracted["n_projects"] == 12 and parent.extracted["record_kind"] == "programme"
        assert parent.amounts[0].extracted["value"] == "214000000"
        assert {e.field: e.quote for e in parent.evidence} == {"amount": "2.14亿元", "n_projects": "12个项目"}
        (m,) = repo.mentions_for_article(session, article_id=article_id)
        assert TEXT[m.start : m.end] == m.text and m.value == Decimal("214000000") and m.qualifier == "exact"
        assert repo.mentions_for_article(session, article_id=article_id, kinds=["count"]) == []


def test_spans_outside_the_text_are_refused(engine: sa.Engine) -> None:
    bad = CandidateRecord(evidence={"donor": [Span(0, len(TEXT) + 5)]})
    with pytest.raises(ValueError, match="outside the article text"), write_session(engine) as session:
        article_id = _add(session, "x", TEXT)
        repo.add_candidate_records(session, article_id=article_id, text=TEXT, candidates=[bad])


def test_list_articles_pages_filters_and_orders_in_sql(engine: sa.Engine) -> None:
    with write_session(engine) as session:
        for day in range(1, 8):
            _add(session, f"项目 {day}", f"正文 {day} 援疆", published=dt.date(2024, 1, day))
        _add(session, "100% done_ok", "English text about aid", published=None, language="en")
    curator = Curator(engine)
    page = curator.list_articles(offset=0, limit=3)
    assert [r.published.day for r in page] == [7, 6, 5]
    page2 = curator.list_articles(offset=3, limit=3)
    assert [r.published.day for r in page2] == [4, 3, 2]
    oldest_first = curator.list_articles(limit=2, order_by="published", descending=False)
    assert oldest_first[0].published is None  # NULLs first when ascending
    assert curator.count_articles() == 8
    assert curator.count_articles(search="援疆") == 7
    assert curator.count_articles(search="english") == 1  # case-insensitive for ASCII
    # % and _ in user text are literal characters, not wildcards.
    assert [r.title for r in curator.list_articles(search="100%")] == ["100% done_ok"]
    assert curator.count_articles(search="%") == 1
    assert curator.count_articles(search="e_o") == 1  # "done_ok"
    assert curator.count_articles(search="n_o") == 0
    assert curator.count_articles(search="'; DROP TABLE article; --") == 0
    assert curator.count_articles(language="en") == 1
    assert curator.count_articles(review_state=ReviewState.NEW) == 8
    assert curator.count_articles(review_state="done") == 0
    with pytest.raises(ValueError, match="cannot order"):
        curator.list_articles(order_by="text; DROP")


def test_record_counts_export_rows_tables_and_stats(engine: sa.Engine) -> None:
    with write_session(engine) as session:
        first = _add(session, "=SUM(A1)", TEXT, published=dt.date(2025, 12, 23))
        second = _add(session, "empty", "没有数字的文章")
        repo.add_candidate_records(session, article_id=first, text=TEXT, candidates=_candidates())
        record = repo.load_records_for_article(session, article_id=first)[0]
        repo.add_edit(
            session,
            action="update",
            actor="ana",
            record_id=record.id,
            field="donor",
            old_value="a",
            new_value="b",
        )
        repo.add_edit(
            session,
            action="update",
            actor="bo",
            record_id=record.id,
            field="donor",
            old_value="b",
            new_value="c",
        )
    with read_session(engine) as session:
        counts = repo.article_record_counts(session, article_ids=[first, second])
        assert counts[first].total == 2 and counts[first].pending == 2
        assert counts[second].total == 0
        rows = repo.record_export_rows(session, status=None)
        assert [r["record_kind"] for r in rows] == ["programme", "project"]
        top = rows[0]
        assert top["article_title"] == "=SUM(A1)" and top["article_published"] == dt.date(2025, 12, 23)
        assert top["last_edited_by"] == "bo" and top["last_edited_at"].tzinfo is not None
        assert top["amounts"][0]["value"] == Decimal("214000000") and top["amounts"][0]["kind"] == "committed"
        assert rows[1]["amounts"][0]["share_of_amount_id"] == top["amounts"][0]["amount_id"]
        assert {e["field"] for e in top["evidence"]} == {"amount", "n_projects"}
        assert rows[1]["last_edited_by"] is None
        assert repo.record_export_rows(session, status="accepted") == []
        assert repo.record_export_rows(session, status=None, article_ids=[second]) == []
        articles = repo.table_rows(session, what="articles")
        assert [a["article_id"] for a in articles] == [first, second] and articles[0]["review_state"] == "new"
        edits = repo.table_rows(session, what="edits")
        assert [e["new_value"] for e in edits] == ["b", "c"]
        assert repo.table_rows(session, what="mentions") == []
        with pytest.raises(ValueError):
            repo.table_rows(session, what="nope")  # type: ignore[arg-type]
        stats = repo.stats(session)
        assert stats.articles == 2 and stats.articles_by_state == {
            "new": 2,
            "in_progress": 0,
            "done": 0,
            "skipped": 0,
            "flagged": 0,
        }
        assert stats.records_by_status == {"pending": 2, "accepted": 0, "rejected": 0, "unsure": 0}
        assert stats.amounts == 2 and stats.edits == 2


def test_snapshot_and_restore_keep_ids_and_links(engine: sa.Engine) -> None:
    with write_session(engine) as session:
        article_id = _add(session, "t", TEXT)
        parent_id, share_id = repo.add_candidate_records(
            session, article_id=article_id, text=TEXT, candidates=_candidates()
        )
    with read_session(engine) as session:
        before = repo.records_for_article(session, article_id=article_id)
    with write_session(engine) as session:
        snapshot = repo.snapshot_record(session, record_id=parent_id)
        repo.delete_record_row(session, record_id=parent_id)
    with read_session(engine) as session:
        (share,) = repo.records_for_article(session, article_id=article_id)
        assert share.parent_id is None and share.amounts[0].share_of_id is None  # ON DELETE SET NULL
    assert snapshot.children == (share_id,)
    with write_session(engine) as session:
        repo.restore_snapshot(session, snapshot=snapshot)
    with read_session(engine) as session:
        after = repo.records_for_article(session, article_id=article_id)
    assert after == before
