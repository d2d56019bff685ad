"""Dashboard totals: scopes, exact sums converted once per currency and year, the fallback to
records before there are projects, and the article-list filter of a bar."""

from decimal import Decimal

import pytest
from dashboard_support import fill_articles, fill_projects

from aidcurator.curation import Curator
from aidcurator.curation.dashboard import top_bars
from aidcurator.domain.dashboard import Basis, ChartFilter, Dimension, Measure, Scope
from aidcurator.domain.views import ArticleQuery
from aidcurator.export.usd import usd_converter


def _usd(value: str, currency: str, year: int) -> Decimal:
    usd = usd_converter().convert(Decimal(value), currency, year).nominal
    assert usd is not None
    return usd


@pytest.fixture
def projects_db(db_path):
    fill_projects(db_path)
    return db_path


def _bars(totals, dimension):
    return {bar.key: bar for bar in totals.charts[dimension]}


def test_recommended_scope_is_the_default_and_follows_aiddatas_rule(projects_db) -> None:
    with Curator.open(projects_db) as curator:
        totals = curator.dashboard()
    assert totals.basis == Basis.PROJECTS and totals.scope == Scope.RECOMMENDED
    # 1 and 2 (committed, completed), 5 (implementation), 7 (pledged but overridden); not the
    # pledge 3, the umbrella 4 or the pending 6
    assert totals.items == 4
    assert totals.amounts == 3 and totals.no_rate == 1
    assert totals.no_rate_reasons == (("no rate for ABC 2022", 1),)
    cny = _usd("100000000", "CNY", 2019)
    assert totals.usd_total == cny + Decimal(50_000_000)
    donors = _bars(totals, Dimension.DONOR)
    assert donors["广东省"].count == 2 and donors["广东省"].usd == cny + Decimal(50_000_000)
    assert dict(donors["广东省"].by_currency) == {"CNY": Decimal(100_000_000), "USD": Decimal(50_000_000)}
    assert donors["上海市"].usd == 0 and donors["上海市"].no_rate == 1
    assert "江苏省" not in donors
    assert "1 amount without a US-dollar rate left out (no rate for ABC 2022 ×1)" in totals.note()


def test_accepted_and_all_scopes(projects_db) -> None:
    with Curator.open(projects_db) as curator:
        accepted = curator.dashboard(Scope.ACCEPTED)
        everything = curator.dashboard(Scope.ALL)
    assert accepted.items == 6 and everything.items == 7
    jiangsu = _bars(accepted, Dimension.DONOR)["江苏省"]
    assert jiangsu.count == 2
    assert jiangsu.usd == _usd("910000000", "CNY", 2021)  # summed exactly, converted once
    assert _bars(everything, Dimension.DONOR)["上海市"].count == 2


def test_years_in_order_without_holes_and_statuses_on_the_ladder(projects_db) -> None:
    with Curator.open(projects_db) as curator:
        totals = curator.dashboard(Scope.ALL)
    assert [bar.key for bar in totals.charts[Dimension.YEAR]] == [2019, 2020, 2021, 2022]
    assert totals.charts[Dimension.YEAR][1].count == 0
    statuses = [bar.key for bar in totals.charts[Dimension.STATUS]]
    assert statuses == ["pledged", "committed", "implementation", "completed"]
    sectors = _bars(totals, Dimension.SECTOR)
    assert sectors["321"].label.startswith("321 · ")  # the sector's name beside its code
    assert sectors[None].label == "(no sector)"


def test_top_bars_keeps_the_largest_by_the_chosen_measure(projects_db) -> None:
    with Curator.open(projects_db) as curator:
        totals = curator.dashboard(Scope.ALL)
    donors = totals.charts[Dimension.DONOR]
    assert [b.key for b in top_bars(donors, Dimension.DONOR, Measure.USD, limit=1)] == ["江苏省"]
    by_count = top_bars(donors, Dimension.DONOR, Measure.COUNT, limit=2)
    assert [b.count for b in by_count] == [2, 2]
    assert len(top_bars(donors, Dimension.DONOR, Measure.COUNT, limit=3)) == 4  # never "the other 1"
    years = totals.charts[Dimension.YEAR]
    assert top_bars(years, Dimension.YEAR, Measure.USD, limit=1) == list(years)  # a time axis is whole


def test_without_projects_accepted_records_are_totalled_and_the_note_says_so(db_path) -> None:
    fill_projects(db_path, with_projects=False)
    with Curator.open(db_path) as curator:
        totals = curator.dashboard(Scope.ACCEPTED)
        recommended = curator.dashboard()
    assert totals.basis == Basis.RECORDS
    assert totals.items == 6  # the accepted records; the pending one is left out
    assert totals.note().startswith("No projects yet")
    # records follow the same rule by their own status (no umbrella on records): 1, 2, 4, 5
    assert recommended.items == 4
    assert _bars(recommended, Dimension.STATUS)["completed"].count == 2


def test_an_empty_database_gives_empty_totals(db_path) -> None:
    fill_articles(db_path)
    with Curator.open(db_path) as curator:
        totals = curator.dashboard()
    assert totals.empty and totals.basis == Basis.RECORDS
    assert all(bars == () for bars in totals.charts.values())


@pytest.mark.parametrize(
    ("basis", "scope", "dimension", "value", "articles"),
    [
        (Basis.PROJECTS, Scope.RECOMMENDED, Dimension.DONOR, "广东省", 1),
        (Basis.PROJECTS, Scope.RECOMMENDED, Dimension.DONOR, "江苏省", 0),  # pledge and umbrella
        (Basis.PROJECTS, Scope.ACCEPTED, Dimension.DONOR, "江苏省", 1),
        (Basis.PROJECTS, Scope.ALL, Dimension.RECIPIENT, "喀什地区", 2),
        (Basis.PROJECTS, Scope.ALL, Dimension.RECIPIENT, None, 1),
        (Basis.PROJECTS, Scope.ACCEPTED, Dimension.YEAR, 2021, 2),
        (Basis.PROJECTS, Scope.RECOMMENDED, Dimension.STATUS, "implementation", 1),
        (Basis.RECORDS, Scope.ACCEPTED, Dimension.STATUS, "completed", 2),
        (Basis.RECORDS, Scope.ALL, Dimension.SECTOR, "321", 2),
    ],
)
def test_a_bar_filters_the_article_list(projects_db, basis, scope, dimension, value, articles) -> None:
    chart = ChartFilter(basis, scope, dimension, value)
    with Curator.open(projects_db) as curator:
        assert curator.article_progress(ArticleQuery(chart=chart))[1] == articles
        rows = curator.article_page(ArticleQuery(chart=chart))
        assert len(rows) == articles
        assert len(curator.article_ids(ArticleQuery(chart=chart))) == articles


def test_the_filter_describes_itself() -> None:
    chart = ChartFilter(Basis.PROJECTS, Scope.RECOMMENDED, Dimension.DONOR, "广东省")
    assert chart.describe() == "Donor = 广东省 · accepted, recommended projects"
    unset = ChartFilter(Basis.RECORDS, Scope.ALL, Dimension.YEAR, None)
    assert unset.describe() == "Commitment year = (no year) · records (any review status)"
