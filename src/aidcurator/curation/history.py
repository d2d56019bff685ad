"""One way to change a stored value: the value, the curated mark, the version and an ``Edit``.

Every change a person (or re-extraction) makes to a record or an amount goes through
:func:`change`, so the history is complete and the "changed by a person" marks stay true.
"""

from __future__ import annotations

from typing import Any, Literal

from aidcurator.domain.errors import ConflictError
from aidcurator.store import repository as repo

Mark = Literal["curated", "uncurated", "keep"]


def check_version(record: Any, expected_version: int | None) -> None:
    """Raise :class:`ConflictError` when ``record`` is not at ``expected_version`` (None: no check)."""
    if expected_version is not None and record.version != expected_version:
        raise ConflictError(
            f"record {record.id} was changed elsewhere since you loaded it "
            f"(now version {record.version}, yours {expected_version}); reload it and try again"
        )


def touch(record: Any) -> None:
    """Mark the record changed: every write that changes it calls this once.

    The store's UPDATE of the row then raises the version, with the old version in its WHERE
    clause, so a concurrent change makes the write fail (``ConflictError``) on every backend.
    """
    record.updated_at = repo.utcnow()


def mark_curated(row: Any, *names: str) -> None:
    current = list(row.curated_fields or [])
    row.curated_fields = current + [n for n in names if n not in current]


def unmark_curated(row: Any, *names: str) -> None:
    row.curated_fields = [n for n in (row.curated_fields or []) if n not in names]


def change(
    session: Any,
    record: Any,
    name: str,
    new: Any,
    *,
    actor: str,
    action: str = "update",
    amount: Any = None,
    mark: Mark = "curated",
) -> bool:
    """Set ``name`` of ``record`` (or of ``amount``, an amount of that record) to ``new``.

    Writes an ``Edit`` (field ``amount.<name>`` for amounts) and sets the curated mark as asked;
    returns whether the value changed. The caller calls :func:`touch` once per operation.
    """
    row = amount if amount is not None else record
    old = getattr(row, name)
    if mark == "curated" and old != new:
        mark_curated(row, name)
    elif mark == "uncurated":
        unmark_curated(row, name)
    if old == new:
        return False
    setattr(row, name, new)
    repo.add_edit(
        session,
        action=action,
        actor=actor,
        record_id=record.id,
        amount_id=amount.id if amount is not None else None,
        article_id=record.article_id,
        field=f"amount.{name}" if amount is not None else name,
        old_value=old,
        new_value=new,
    )
    return True
