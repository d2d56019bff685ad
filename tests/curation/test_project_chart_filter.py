"""curator.projects(chart=…): the projects of a dashboard bar, with the bar's scope and value."""

from pathlib import Path

import pytest
from dashboard_support import fill_projects

from aidcurator.curation import Curator
from aidcurator.domain.dashboard import Basis, ChartFilter, Dimension, Scope


@pytest.fixture
def curator(tmp_path: Path):
    db = tmp_path / "projects.db"
    fill_projects(db)
    with Curator.open(db) as curator:
        yield curator


def _ids(curator: Curator, chart: ChartFilter | None) -> list[int]:
    return sorted(row.id for row in curator.projects(chart=chart))


@pytest.mark.parametrize(
    ("scope", "dimension", "value", "expected"),
    [
        (Scope.RECOMMENDED, Dimension.DONOR, "广东省", [1, 2]),
        (Scope.ALL, Dimension.DONOR, "上海市", [5, 6]),
        (Scope.ACCEPTED, Dimension.DONOR, "上海市", [5]),
        (Scope.RECOMMENDED, Dimension.RECIPIENT, None, [5]),
        (Scope.ALL, Dimension.SECTOR, None, [5, 7]),
        (Scope.ALL, Dimension.YEAR, 2021, [3, 4, 7]),
        (Scope.RECOMMENDED, Dimension.YEAR, 2021, [7]),
        (Scope.ACCEPTED, Dimension.STATUS, "completed", [2, 4]),
    ],
)
def test_projects_of_a_bar(curator: Curator, scope, dimension, value, expected) -> None:
    assert _ids(curator, ChartFilter(Basis.PROJECTS, scope, dimension, value)) == expected
    assert _ids(curator, None) == [1, 2, 3, 4, 5, 6, 7]


def test_a_records_bar_lists_the_projects_holding_such_a_record(curator: Curator) -> None:
    chart = ChartFilter(Basis.RECORDS, Scope.ALL, Dimension.DONOR, "江苏省")
    assert _ids(curator, chart) == [3, 4]
    chart = ChartFilter(Basis.RECORDS, Scope.ALL, Dimension.STATUS, "pledged")
    assert _ids(curator, chart) == [3, 7]
