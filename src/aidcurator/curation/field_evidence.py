"""Evidence follows the value: a typed value drops the quotes that supported the old one.

A field's evidence names come from the field table (``FieldSpec.evidence``). When a person types a
new value, the evidence under the field's own name and under names only it uses goes (a shared
name such as ``year`` goes once every field sharing it was changed by a person); the export then
reports the field as typed. "Use as" replaces the evidence with the selected span instead.
Undo puts the rows back exactly (spans and origins) with :func:`put_back`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from aidcurator.domain import Origin
from aidcurator.domain.fields import RECORD_FIELD, RECORD_FIELDS
from aidcurator.store import Session
from aidcurator.store import repository as repo

#: One evidence row as undo keeps it: (evidence name, start, end, origin value).
EvidenceRow = tuple[str, int, int, str]


def stale_names(field: str, curated: Iterable[str]) -> list[str]:
    """Evidence names whose quotes no longer support anything once ``field`` is typed."""
    spec = RECORD_FIELD.get(field)
    if spec is None:
        return [field]
    changed = {*curated, field}
    names = []
    for name in spec.evidence:
        sharers = [s.name for s in RECORD_FIELDS if name in s.evidence]
        if all(s in changed for s in sharers):
            names.append(name)
    return names


def evidence_rows(record: Any, names: Sequence[str]) -> list[EvidenceRow]:
    """The evidence rows of a record view under ``names`` (for undo)."""
    return [(ev.field, ev.start, ev.end, str(ev.origin)) for ev in record.evidence if ev.field in names]


def _edit(session: Session, record: Any, field: str, old: list[Any], new: list[Any], actor: str) -> None:
    repo.add_edit(
        session,
        action="evidence",
        actor=actor,
        record_id=record.id,
        article_id=record.article_id,
        field=field,
        old_value=old,
        new_value=new,
    )


def drop(session: Session, record: Any, names: Sequence[str], field: str, actor: str) -> bool:
    """Delete the record's evidence under ``names``; returns whether any row went."""
    current = repo.load_evidence(session, record_ids=[record.id]).get(record.id, [])
    gone = [ev for ev in current if ev.field in names]
    for ev in gone:
        repo.delete_row(session, ev)
    if gone:
        session.flush()
        _edit(session, record, field, [[ev.field, ev.start, ev.end] for ev in gone], [], actor)
    return bool(gone)


def replace(
    session: Session, record: Any, names: Sequence[str], rows: Sequence[EvidenceRow], field: str, actor: str
) -> bool:
    """Make the record's evidence under ``names`` exactly ``rows`` (spans and origins)."""
    current = repo.load_evidence(session, record_ids=[record.id]).get(record.id, [])
    old = sorted((ev.field, ev.start, ev.end, str(ev.origin)) for ev in current if ev.field in names)
    if old == sorted(rows):
        return False
    for ev in current:
        if ev.field in names:
            repo.delete_row(session, ev)
    session.flush()
    article = repo.load_article(session, article_id=record.article_id)
    for name, start, end, origin in rows:
        repo.add_evidence(
            session,
            record_id=record.id,
            field=name,
            start=start,
            end=end,
            text=article.text,
            origin=Origin(origin),
        )
    _edit(session, record, field, [list(r[:3]) for r in old], [list(r[:3]) for r in rows], actor)
    return True
