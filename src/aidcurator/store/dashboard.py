"""The dashboard's queries: projects (or records) grouped in SQL, and the list filter of a bar.

Amounts are exact decimals (text on SQLite), so SQL does not add them up: it groups projects by
every dimension, the currency and the amount itself and counts them, and curation multiplies and
adds exactly in Python. Projects (records) that share all of these come back as one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from aidcurator.domain import ProjectStatus, RecordKind, RecordStatus
from aidcurator.domain.dashboard import Basis, ChartFilter, Dimension, Scope
from aidcurator.domain.projects import AGGREGATE_STATUSES
from aidcurator.store.models import Amount, Article, Record
from aidcurator.store.project_models import Project, ProjectRecord

#: Columns of a grouped row, in order: the dimensions, then currency, amount value and count.
ROW_DIMENSIONS: tuple[Dimension, ...] = (
    Dimension.YEAR,
    Dimension.DONOR,
    Dimension.RECIPIENT,
    Dimension.SECTOR,
    Dimension.STATUS,
)

_GROUP_ORDER = (Dimension.DONOR, Dimension.RECIPIENT, Dimension.SECTOR, Dimension.STATUS, Dimension.YEAR)
_ACCEPTED = RecordStatus.ACCEPTED.value
_AGGREGATE_VALUES = sorted(status.value for status in AGGREGATE_STATUSES)


def has_projects(session: Session) -> bool:
    """Whether the database holds any project."""
    return session.exec(select(Project.id).limit(1)).first() is not None


def _project_columns() -> dict[Dimension, Any]:
    return {
        Dimension.YEAR: col(Project.commitment_year),
        Dimension.DONOR: col(Project.donor),
        Dimension.RECIPIENT: col(Project.recipient),
        Dimension.SECTOR: col(Project.sector),
        Dimension.STATUS: col(Project.project_status),
    }


def _record_columns() -> dict[Dimension, Any]:
    return {
        Dimension.YEAR: col(Record.year_start),
        Dimension.DONOR: col(Record.donor),
        Dimension.RECIPIENT: col(Record.recipient),
        Dimension.SECTOR: col(Record.sector),
        Dimension.STATUS: col(Record.project_status),
    }


def _project_scope(scope: Scope) -> list[sa.ColumnElement[bool]]:
    """AidData's rule in SQL: accepted, and (overridden to yes, or not overridden and committed or
    later and not an umbrella)."""
    if scope == Scope.ALL:
        return []
    conditions = [col(Project.review_status) == _ACCEPTED]
    if scope == Scope.RECOMMENDED:
        override = col(Project.recommended_override)
        derived = sa.and_(
            override.is_(None),
            col(Project.project_status).in_(_AGGREGATE_VALUES),
            sa.not_(col(Project.umbrella)),
        )
        conditions.append(sa.or_(override.is_(True), derived))
    return conditions


def _record_scope(scope: Scope) -> list[sa.ColumnElement[bool]]:
    """The same rule for records: accepted, committed or later, and not an aggregate of others."""
    if scope == Scope.ALL:
        return []
    conditions = [col(Record.status) == RecordStatus.ACCEPTED]
    if scope == Scope.RECOMMENDED:
        conditions.append(col(Record.project_status).in_([ProjectStatus(v) for v in _AGGREGATE_VALUES]))
        conditions.append(col(Record.record_kind) != RecordKind.AGGREGATE)
    return conditions


def grouped_rows(session: Session, *, basis: Basis, scope: Scope) -> list[tuple[Any, ...]]:
    """The projects (records) in ``scope`` grouped by every dimension and currency: rows of
    ``(year, donor, recipient, sector, status, currency, total, amounts, count)``, ``total`` the
    exact sum (a Decimal, ``None`` without amounts) of the ``amounts`` amounts among the ``count``
    projects. A record's amount is its first one; status is the enum value.

    Whole amounts are added up in SQL as integers (exact); any other amount (a fraction, more than
    15 digits) forms a group of its own, multiplied out in Python. Should the integer sum overflow,
    every amount is grouped by its value instead.
    """
    try:
        rows = _grouped(session, basis, scope, integers_in_sql=True)
    except sa.exc.OperationalError:  # SQLite's "integer overflow": add up in Python instead
        session.rollback()
        rows = _grouped(session, basis, scope, integers_in_sql=False)
    status_at = ROW_DIMENSIONS.index(Dimension.STATUS)
    result = []
    for *keys, currency, odd, whole, amounts, count in rows:
        status = keys[status_at]
        keys[status_at] = status.value if isinstance(status, ProjectStatus) else status
        if not amounts:
            total = None
        elif odd is not None:
            total = odd * amounts
        else:
            total = whole if isinstance(whole, Decimal) else Decimal(whole or 0)
        result.append((*keys, currency, total, int(amounts or 0), int(count)))
    return result


def _grouped(session: Session, basis: Basis, scope: Scope, *, integers_in_sql: bool) -> Sequence[Any]:
    if basis == Basis.PROJECTS:
        columns = _project_columns()
        currency, value = col(Project.amount_currency), col(Project.amount_value)
        source: Any = Project.__table__
        conditions = _project_scope(scope)
    else:
        columns = _record_columns()
        currency, value = col(Amount.currency), col(Amount.value)
        inner = aliased(Amount)
        first_amount = (
            sa.select(inner.id)
            .where(inner.record_id == col(Record.id))
            .order_by(inner.position, inner.id)
            .limit(1)
            .correlate(Record)
            .scalar_subquery()
        )
        source = sa.outerjoin(Record, Amount, col(Amount.id) == first_amount)
        conditions = _record_scope(scope)
    odd: Any = sa.null()
    selected = [columns[d] for d in ROW_DIMENSIONS] + [currency]
    # The year is not grouped first: SQLite would then walk the year index and fetch every row
    # through it, slower than reading the table once (0.25 s against 0.15 s at 100,000 projects).
    grouping = [columns[d] for d in _GROUP_ORDER] + [currency]
    if session.get_bind().dialect.name == "postgresql":  # NUMERIC adds up exactly
        whole: Any = sa.func.sum(value)
    else:
        pattern = sa.literal("*[^0-9-]*", sa.String())
        special = (
            sa.or_(value.op("GLOB")(pattern), sa.func.length(value) > 15) if integers_in_sql else sa.true()
        )
        odd = sa.case((special, value), else_=sa.null())
        whole = sa.func.sum(sa.case((special, sa.null()), else_=sa.cast(value, sa.Integer)))
        grouping.append(odd)
    statement = (
        sa.select(*selected, odd, whole, sa.func.count(value), sa.func.count())
        .select_from(source)
        .where(*conditions)
        .group_by(*grouping)
    )
    return session.execute(statement).all()


def article_condition(chart: ChartFilter) -> sa.ColumnElement[bool]:
    """The article-list condition of a clicked bar: the article has a project (record) in the
    bar's scope whose dimension has the bar's value (``None``: is not set)."""
    if chart.basis == Basis.PROJECTS:
        column = _project_columns()[chart.dimension]
        value: Any = chart.value
        statement = (
            select(Record.article_id)
            .join(ProjectRecord, col(ProjectRecord.record_id) == col(Record.id))
            .join(Project, col(Project.id) == col(ProjectRecord.project_id))
            .where(*_project_scope(chart.scope))
        )
    else:
        column = _record_columns()[chart.dimension]
        value = chart.value
        if chart.dimension == Dimension.STATUS and value is not None:
            value = ProjectStatus(value)
        statement = select(Record.article_id).where(*_record_scope(chart.scope))
    matches = column.is_(None) if value is None else column == value
    return col(Article.id).in_(statement.where(matches))


def project_condition(chart: ChartFilter) -> sa.ColumnElement[bool]:
    """The project-list condition of a clicked bar, as :func:`article_condition` for articles: the
    project is in the bar's scope and its dimension has the bar's value (``None``: is not set); on
    the records basis, the project holds a record in scope whose dimension has the value."""
    if chart.basis == Basis.PROJECTS:
        column = _project_columns()[chart.dimension]
        matches = column.is_(None) if chart.value is None else column == chart.value
        return sa.and_(*_project_scope(chart.scope), matches)
    column = _record_columns()[chart.dimension]
    value: Any = chart.value
    if chart.dimension == Dimension.STATUS and value is not None:
        value = ProjectStatus(value)
    matches = column.is_(None) if value is None else column == value
    statement = (
        select(ProjectRecord.project_id)
        .join(Record, col(Record.id) == col(ProjectRecord.record_id))
        .where(*_record_scope(chart.scope), matches)
    )
    return col(Project.id).in_(statement)
