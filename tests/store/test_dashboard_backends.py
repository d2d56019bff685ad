"""The dashboard's grouped query adds up exactly on SQLite (whole amounts as integers in SQL,
the others in Python) and on PostgreSQL (NUMERIC), with the same totals."""

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "curation"))  # the dashboard test data

from dashboard_support import fill_projects

from aidcurator.curation import Curator
from aidcurator.domain.dashboard import Basis, ChartFilter, Dimension, Scope
from aidcurator.domain.views import ArticleQuery
from aidcurator.store import open_engine, write_session
from aidcurator.store.project_models import Project


def test_totals_and_filters_on_each_backend(backend_url) -> None:
    fill_projects(backend_url)
    engine = open_engine(backend_url)
    with write_session(engine) as session:  # a fraction and a long number beside the whole amounts
        for number, value in ((8, "0.5"), (9, "12345678901234567890")):
            session.add(
                Project(
                    id=number,
                    donor="广东省",
                    commitment_year=2019,
                    project_status="completed",
                    amount_value=Decimal(value),
                    amount_currency="USD",
                    review_status="accepted",
                )
            )
    engine.dispose()
    with Curator.open(backend_url) as curator:
        totals = curator.dashboard(Scope.ALL)
        guangdong = {bar.key: bar for bar in totals.charts[Dimension.DONOR]}["广东省"]
        assert guangdong.count == 4
        assert dict(guangdong.by_currency)["USD"] == Decimal("12345678901284567890.5")
        chart = ChartFilter(Basis.PROJECTS, Scope.ALL, Dimension.YEAR, 2019)
        assert curator.article_progress(ArticleQuery(chart=chart))[1] == 1


def test_an_integer_sum_too_large_for_sqlite_is_added_up_in_python(db_path) -> None:
    import datetime as dt

    from aidcurator.store.listing import bulk_insert

    engine = open_engine(db_path)
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "id": number,
            "donor": "广东省",
            "commitment_year": 2019,
            "project_status": "completed",
            "amount_value": Decimal("999999999999999") + number,  # 15 digits: added up in SQL
            "amount_currency": "USD",
            "review_status": "accepted",
            "field_sources": {},
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for number in range(1, 10_001)
    ]
    with write_session(engine) as session:
        bulk_insert(session, table="project", rows=rows)
    engine.dispose()
    with Curator.open(db_path) as curator:
        totals = curator.dashboard()
    expected = sum((row["amount_value"] for row in rows), Decimal(0))
    assert expected > 2**63  # SQLite's SUM would overflow
    assert totals.usd_total == expected and totals.items == 10_000
