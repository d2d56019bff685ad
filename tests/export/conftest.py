"""Small, explicit records and tables shaped like what the store layer hands to export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

CREATED = dt.datetime(2023, 5, 2, 8, 30, 0)
UPDATED = dt.datetime(2023, 5, 3, 9, 15, 30)

INJECTION_TITLE = '=HYPERLINK("http://evil.example","点我")'


def amount(
    amount_id: int,
    text: str,
    value: Decimal,
    *,
    currency: str | None = "CNY",
    kind: str | None = "committed",
    value_max: Decimal | None = None,
    qualifier: str = "exact",
) -> dict[str, Any]:
    return {
        "amount_id": amount_id,
        "text": text,
        "value": value,
        "value_max": value_max,
        "currency": currency,
        "qualifier": qualifier,
        "kind": kind,
        "period_start": None,
        "period_end": None,
        "share_of_amount_id": None,
    }


def record(record_id: int, **changes: Any) -> dict[str, Any]:
    """A full record dict in the store's key order; ``changes`` override fields."""
    base: dict[str, Any] = {
        "record_id": record_id,
        "article_id": 10 + record_id,
        "article_title": "新疆日报",
        "article_source": "新疆日报",
        "article_url": f"https://example.cn/a/{record_id}",
        "article_published": dt.date(2023, 5, 1),
        "record_kind": "project",
        "donor": "扬州",
        "donor_code": "cn-yangzhou",
        "recipient": "新源县",
        "recipient_code": "xj-xinyuan",
        "year_start": 2021,
        "year_end": 2023,
        "title": "扬州援疆项目",
        "sector": "education",
        "flow_type": None,
        "project_status": None,
        "n_projects": 12,
        "beneficiaries_people": 3000,
        "beneficiaries_households": None,
        "jobs": 150,
        "reject_reason": None,
        "notes": "含\n两行备注",
        "status": "accepted",
        "origin": "extracted",
        "created_at": CREATED,
        "updated_at": UPDATED,
        "version": 3,
        "last_edited_by": "curator",
        "last_edited_at": UPDATED,
        "amounts": [],
        "evidence": [],
    }
    base.update(changes)
    return base


@pytest.fixture
def make_record():
    """Factory for one record dict (see ``record``)."""
    return record


@pytest.fixture
def make_amount():
    """Factory for one amount dict (see ``amount``)."""
    return amount


@pytest.fixture
def records() -> list[dict[str, Any]]:
    """Three records: Chinese with three amounts, injection strings, and a sparse one."""
    return [
        record(
            1,
            amounts=[
                amount(101, "2.14亿元", Decimal("214000000")),
                amount(102, "6.992亿元", Decimal("699200000"), kind="planned"),
                amount(103, "1262万元", Decimal("12620000"), kind="spent"),
            ],
            evidence=[
                {"field": "donor", "start": 0, "end": 2, "quote": "扬州"},
                {"field": "amount", "start": 10, "end": 17, "quote": "2.14亿元"},
            ],
        ),
        record(
            2,
            title=INJECTION_TITLE,
            donor="+1",
            recipient="-x",
            sector="@SUM(A1:A2)",
            notes="\tcmd",
            last_edited_by="\rreturn",
            jobs=-5,
            amounts=[amount(201, "亏损5元", Decimal("-5"), kind="spent")],
        ),
        record(
            3,
            article_source=None,
            article_url=None,
            article_published=None,
            donor=None,
            year_end=None,
            n_projects=None,
            notes=None,
            last_edited_by=None,
            last_edited_at=None,
            amounts=[
                amount(
                    301,
                    "约0.5亿元",
                    Decimal("0.5"),
                    currency="CNY",
                    kind="estimate",
                    qualifier="range",
                    value_max=Decimal("0.75"),
                )
            ],
        ),
    ]
