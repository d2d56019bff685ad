"""Editing an article's metadata: values, history, conflicts, undo, and years that follow a new date."""

import datetime as dt

import pytest
import sqlalchemy as sa
from curation_support import import_zh

from aidcurator.curation import ConflictError, Curator
from aidcurator.curation.changes import SetArticleFields, SetField
from aidcurator.domain import ArticleDraft

ZH = "湖南援建学校开学\n今年，湖南省投入援疆资金3000万元，在吐鲁番市新建学校两所。\n去年，湖南省安排对口支援资金2000万元用于吐鲁番市医院建设。\n"
EN = (
    "Hunan school opens\nThis year, Hunan province invested 30 million yuan in new schools in Turpan.\n"
    "Over the past three years, Hunan provided 80 million yuan for hospitals in Turpan.\n"
)


def _import(curator: Curator, text: str, published: dt.date | None) -> int:
    report = curator.import_drafts([ArticleDraft(text=text, title=text.split("\n")[0], published=published)])
    (article_id,) = report.article_ids
    return article_id


def _years(curator: Curator, article_id: int) -> list[tuple[int | None, int | None]]:
    return [(r.year_start, r.year_end) for r in curator.records(article_id)]


def test_fields_are_set_with_history_and_version(curator: Curator) -> None:
    article_id = import_zh(curator)
    before = curator.article(article_id)
    result = curator.update_article(
        article_id,
        {
            "title": "  湖南援疆  新学校 ",
            "source": "天山晚报",
            "url": "https://example.org/a/1",
            "language": "ZH",
        },
        expected_version=before.metadata_version,
    )
    article = result.article
    assert (article.title, article.source, article.url, article.language) == (
        "湖南援疆 新学校",
        "天山晚报",
        "https://example.org/a/1",
        "zh",
    )
    assert article.metadata_version == before.metadata_version + 1
    assert article.text == before.text and article.review_state == before.review_state
    history = curator.article_history(article_id)
    assert {(e.field, e.old_value, e.new_value, e.actor) for e in history} == {
        ("title", before.title, "湖南援疆 新学校", "tester"),
        ("source", before.source, "天山晚报", "tester"),
        ("url", before.url, "https://example.org/a/1", "tester"),
        ("language", before.language, "zh", "tester"),
    }
    assert all(e.article_id == article_id and e.record_id is None for e in history)


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("published", "2025年11月20日", dt.date(2025, 11, 20)),
        ("published", "20 Nov 2025", dt.date(2025, 11, 20)),
        ("published", "2025/11/20", dt.date(2025, 11, 20)),
        ("published", "", None),
        ("source", "   ", None),
    ],
)
def test_typed_values_are_read(curator: Curator, field: str, typed: str, stored: object) -> None:
    article_id = import_zh(curator)
    curator.update_article(article_id, {"published": dt.date(2020, 1, 2), "source": "x"}, reextract=False)
    assert getattr(curator.update_article(article_id, {field: typed}).article, field) == stored


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("published", "next tuesday", "cannot read"),
        ("published", "1066-10-14", "not a plausible"),
        ("title", "  ", "cannot be empty"),
        ("url", "https://example.org/a b", "spaces"),
        ("language", "Chinese!", "not a language code"),
        ("text", "new text", "not an article field"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    curator: Curator, field: str, typed: str, message: str
) -> None:
    article_id = import_zh(curator)
    before = curator.article(article_id)
    with pytest.raises(ValueError, match=message):
        curator.update_article(article_id, {"source": "天山晚报", field: typed})
    assert curator.article(article_id) == before
    assert curator.article_history(article_id) == []


def test_stale_version_is_a_conflict(curator: Curator) -> None:
    article_id = import_zh(curator)
    seen = curator.article(article_id).metadata_version
    curator.with_actor("other").update_article(article_id, {"source": "天山晚报"}, expected_version=seen)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        curator.update_article(article_id, {"source": "新疆日报"}, expected_version=seen)
    assert curator.article(article_id).source == "天山晚报"


def test_review_state_changes_do_not_make_a_conflict(curator: Curator) -> None:
    article_id = import_zh(curator)
    seen = curator.article(article_id).metadata_version
    curator.accept(curator.records(article_id)[0].id)
    curator.update_article(article_id, {"source": "天山晚报"}, expected_version=seen)
    assert curator.article(article_id).source == "天山晚报"


def test_conditional_write_refuses_a_version_changed_after_the_read(curator: Curator) -> None:
    """The version check is in the UPDATE itself, not only in the read before it."""
    article_id = import_zh(curator)
    with curator.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE article SET metadata_version = metadata_version + 1 WHERE id = :i"),
            {"i": article_id},
        )
    from aidcurator.store import repository as repo
    from aidcurator.store import write_session

    with write_session(curator.engine) as session:
        assert not repo.update_article_metadata(
            session, article_id=article_id, expected_version=1, values={"source": "x"}
        )
    assert curator.article(article_id).source != "x"


def test_new_date_re_resolves_relative_years_of_untouched_fields(real_curator: Curator) -> None:
    article_id = _import(real_curator, ZH, dt.date(2024, 5, 1))
    assert _years(real_curator, article_id) == [(2024, 2024), (2023, 2023)]
    result = real_curator.update_article(article_id, {"published": "2025-11-20"})
    assert result.reextract is not None and result.reextract.records_refreshed == 2
    assert _years(real_curator, article_id) == [(2025, 2025), (2024, 2024)]
    assert [m.data.get("start") for m in real_curator.mentions(article_id, ["year"])] == [2025, 2024]


def test_new_date_keeps_curated_years_and_reviewed_records(real_curator: Curator) -> None:
    article_id = _import(real_curator, EN, dt.date(2024, 5, 1))
    this_year, past_three = real_curator.records(article_id)
    assert (past_three.year_start, past_three.year_end) == (2022, 2024)
    real_curator.update_record_field(this_year.id, "year_start", 2019)  # a person's value
    real_curator.update_record_field(this_year.id, "year_end", 2019)
    real_curator.update_article(article_id, {"published": dt.date(2021, 3, 1)})
    this_year, past_three = real_curator.records(article_id)
    assert (this_year.year_start, this_year.year_end) == (2019, 2019)  # curated: untouched
    assert this_year.extracted["year_start"] == 2021  # the machine value underneath follows the date
    assert (past_three.year_start, past_three.year_end) == (2019, 2021)  # "over the past three years"

    real_curator.accept(past_three.id)
    real_curator.update_article(article_id, {"published": dt.date(2025, 3, 1)})
    assert (real_curator.record(past_three.id).year_start, real_curator.record(past_three.id).year_end) == (
        2019,
        2021,
    )


def test_metadata_only_edits_do_not_re_extract(real_curator: Curator) -> None:
    article_id = _import(real_curator, ZH, dt.date(2024, 5, 1))
    versions = [r.version for r in real_curator.records(article_id)]
    assert real_curator.update_article(article_id, {"title": "新标题"}).reextract is None
    assert [r.version for r in real_curator.records(article_id)] == versions


def test_undo_and_redo_of_a_date_change(real_curator: Curator) -> None:
    article_id = _import(real_curator, ZH, dt.date(2024, 5, 1))
    record = real_curator.records(article_id)[0]
    edit = SetField(record, "donor", "长沙市")
    assert edit.apply(real_curator)
    change = SetArticleFields(real_curator.article(article_id), {"published": "2025-11-20"})
    assert change.apply(real_curator)
    assert change.text == "set published of article 1 to “2025-11-20”"
    assert _years(real_curator, article_id)[0] == (2025, 2025)
    change.undo(real_curator)
    assert real_curator.article(article_id).published == dt.date(2024, 5, 1)
    assert _years(real_curator, article_id)[0] == (2024, 2024)
    change.redo(real_curator)
    assert _years(real_curator, article_id)[0] == (2025, 2025)
    change.undo(real_curator)
    edit.undo(real_curator)  # the earlier record edit still undoes after the re-extractions
    assert real_curator.record(record.id).donor == "湖南省"


def test_undo_after_another_change_elsewhere_is_a_conflict(curator: Curator) -> None:
    article_id = import_zh(curator)
    change = SetArticleFields(curator.article(article_id), {"source": "天山晚报"})
    assert change.apply(curator)
    curator.with_actor("other").update_article(article_id, {"source": "新疆日报"})
    with pytest.raises(ConflictError):
        change.undo(curator)
    assert curator.article(article_id).source == "新疆日报"


def test_unchanged_values_write_nothing(curator: Curator) -> None:
    article_id = import_zh(curator)
    article = curator.article(article_id)
    change = SetArticleFields(article, {"title": article.title})
    assert not change.apply(curator)
    assert curator.article(article_id).metadata_version == article.metadata_version
    assert curator.article_history(article_id) == []
