"""A small database of projects for the dashboard tests (made with the store's bulk inserts).

Seven projects over three articles, written for the tests:

==  ====  ======  =========  ======  ==============  ===========  ========  ========  ========
id  year  donor   recipient  sector  status          amount       review    umbrella  override
==  ====  ======  =========  ======  ==============  ===========  ========  ========  ========
1   2019  广东省  喀什地区   321     committed       100,000,000 CNY  accepted
2   2019  广东省  喀什地区   321     completed       50,000,000 USD   accepted
3   2021  江苏省  伊犁州     122     pledged         10,000,000 CNY   accepted
4   2021  江苏省  伊犁州     122     completed       900,000,000 CNY  accepted  umbrella
5   2022  上海市  (none)     (none)  implementation  5,000,000 ABC    accepted
6   2022  上海市  喀什地区   321     committed       1,000,000 CNY    pending
7   2021  北京市  和田地区   (none)  pledged         (no amount)      accepted            yes
==  ====  ======  =========  ======  ==============  ===========  ========  ========  ========

Recommended for aggregates (accepted, committed or later, not an umbrella, or overridden): 1, 2, 5, 7.
Project 5's currency has no rate. Article 1 holds the records of projects 1 and 2, article 2 of 3
and 4, article 3 of 5, 6 and 7.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from aidcurator.domain import Origin, RecordKind, RecordStatus, ReviewState
from aidcurator.store import open_engine, write_session
from aidcurator.store.listing import bulk_insert

PROJECTS = (
    (1, 2019, "广东省", "喀什地区", "321", "committed", "100000000", "CNY", "accepted", False, None, 1),
    (2, 2019, "广东省", "喀什地区", "321", "completed", "50000000", "USD", "accepted", False, None, 1),
    (3, 2021, "江苏省", "伊犁州", "122", "pledged", "10000000", "CNY", "accepted", False, None, 2),
    (4, 2021, "江苏省", "伊犁州", "122", "completed", "900000000", "CNY", "accepted", True, None, 2),
    (5, 2022, "上海市", None, None, "implementation", "5000000", "ABC", "accepted", False, None, 3),
    (6, 2022, "上海市", "喀什地区", "321", "committed", "1000000", "CNY", "pending", False, None, 3),
    (7, 2021, "北京市", "和田地区", None, "pledged", None, None, "accepted", False, True, 3),
)


def fill_articles(db: Path, *, n_articles: int = 3) -> None:
    """Articles (with no records), in a fresh database at ``db``."""
    engine = open_engine(db)
    now = dt.datetime.now(dt.UTC)
    with write_session(engine) as session:
        bulk_insert(
            session,
            table="article",
            rows=(
                {
                    "id": i,
                    "title": f"Test article {i}",
                    "text": f"A text written for the dashboard tests, number {i}.",
                    "content_hash": f"{i:064x}",
                    "imported_at": now,
                    "review_state": ReviewState.NEW,
                    "extra": {},
                    "language": "en",
                }
                for i in range(1, n_articles + 1)
            ),
        )
    engine.dispose()


def _record(record_id: int, article_id: int, row: tuple, status: RecordStatus, now: dt.datetime) -> dict:
    _, year, donor, recipient, sector, project_status, *_ = row
    return {
        "id": record_id,
        "article_id": article_id,
        "record_kind": RecordKind.PROJECT,
        "donor": donor,
        "recipient": recipient,
        "year_start": year,
        "sector": sector,
        "project_status": project_status.upper(),
        "status": status,
        "origin": Origin.EXTRACTED,
        "extracted": {},
        "curated_fields": [],
        "flags": {},
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def fill_projects(db: Path, *, with_projects: bool = True) -> None:
    """The table above: one record per project (accepted when the project is), and the projects
    themselves unless ``with_projects`` is false (then only the records are there)."""
    fill_articles(db)
    engine = open_engine(db)
    now = dt.datetime.now(dt.UTC)
    records, amounts, projects, members = [], [], [], []
    for row in PROJECTS:
        pid, year, donor, recipient, sector, status, value, currency, review, umbrella, override, article = (
            row
        )
        accepted = RecordStatus.ACCEPTED if review == "accepted" else RecordStatus.PENDING
        records.append(_record(pid, article, row, accepted, now))
        if value is not None:
            amounts.append(
                {
                    "id": pid,
                    "record_id": pid,
                    "position": 0,
                    "text": f"{value} {currency}",
                    "value": Decimal(value),
                    "currency": currency,
                    "qualifier": "EXACT",
                    "kind": "UNKNOWN",
                    "origin": Origin.EXTRACTED,
                    "extracted": {},
                    "curated_fields": [],
                }
            )
        projects.append(
            {
                "id": pid,
                "title": f"Project {pid}",
                "donor": donor,
                "recipient": recipient,
                "commitment_year": year,
                "sector": sector,
                "project_status": status,
                "amount_value": Decimal(value) if value is not None else None,
                "amount_currency": currency,
                "umbrella": umbrella,
                "recommended_override": override,
                "field_sources": {},
                "review_status": review,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
        members.append({"id": pid, "project_id": pid, "record_id": pid, "added_at": now})
    with write_session(engine) as session:
        bulk_insert(session, table="record", rows=records)
        bulk_insert(session, table="amount", rows=amounts)
        if with_projects:
            bulk_insert(session, table="project", rows=projects)
            bulk_insert(session, table="projectrecord", rows=members)
    engine.dispose()
