"""The item models: qtmodeltester, paging from SQL, filters and sorting in SQL."""

from PySide6.QtCore import Qt

from aidcurator.curation import Curator
from aidcurator.domain import ReviewState
from aidcurator.domain.views import ArticleQuery
from aidcurator.gui.models import AmountListModel, ArticleListModel, ObjectRole, RecordListModel


def test_article_list_model_passes_modeltester_and_pages(qtmodeltester, demo_db):
    with Curator.open(demo_db) as curator:
        model = ArticleListModel(curator, page_size=4)
        model.reload()
        assert model.rowCount() == 4  # one page, not every row
        assert model.canFetchMore()
        qtmodeltester.check(model)
        while model.canFetchMore():
            model.fetchMore()
        total = curator.count_articles()
        assert model.rowCount() == total
        assert model.progress == (0, total)
        qtmodeltester.check(model)


def test_article_list_search_filter_and_sort_run_in_sql(qtmodeltester, demo_db):
    with Curator.open(demo_db) as curator:
        model = ArticleListModel(curator, page_size=50)
        model.set_query(ArticleQuery(search="Kashgar"))
        titles = [model.data(model.index(r, ArticleListModel.COL_TITLE)) for r in range(model.rowCount())]
        assert titles and all(
            "Kashgar" in curator.article(model.data(model.index(r, 0), ObjectRole).id).text or "Kashgar" in t
            for r, t in enumerate(titles)
        )
        model.set_query(ArticleQuery(language="en"))
        assert {
            model.data(model.index(r, ArticleListModel.COL_LANGUAGE)) for r in range(model.rowCount())
        } == {"en"}
        model.set_query(ArticleQuery(search="亿%元"))  # a LIKE wildcard is taken literally
        assert model.rowCount() == 0
        model.set_query(ArticleQuery(review_state=ReviewState.DONE))
        assert model.rowCount() == 0 and model.progress == (0, 0)
        model.set_query(ArticleQuery())
        model.sort(ArticleListModel.COL_RECORDS, Qt.SortOrder.DescendingOrder)
        counts = [model.article_at(r).n_records for r in range(model.rowCount())]
        assert counts == sorted(counts, reverse=True)
        qtmodeltester.check(model)


def test_record_and_amount_models_pass_modeltester(qtmodeltester, demo_db):
    with Curator.open(demo_db) as curator:
        article_id = curator.list_articles(limit=1)[0].id
        records = curator.records(article_id)
        record_model = RecordListModel()
        record_model.set_records(records)
        qtmodeltester.check(record_model)
        assert record_model.data(record_model.index(0, 0), ObjectRole) == records[0]
        amount_model = AmountListModel()
        amount_model.set_amounts(records[0].amounts)
        qtmodeltester.check(amount_model)
        assert amount_model.rowCount() == len(records[0].amounts)
        value = amount_model.data(amount_model.index(0, AmountListModel.COL_VALUE))
        assert "," in value  # digit grouping
