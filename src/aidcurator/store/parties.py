"""Organisations and their roles on records and projects (tables ``organisation`` and ``partylink``).

One organisation row per canonical name (the English name, else the Chinese one): imports and
re-extraction look names up and insert only the new ones, in bulk (Core statements). A party
link ties an organisation to a record or a project with a role and, when the text says so, the
span and quote. Curators' links have origin ``manual``; re-extraction replaces only a record's
extracted links, and only while no person has changed its parties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.parties import PARTY_EXPORT_COLUMNS, PARTY_SEPARATOR, PartyView, party_label
from aidcurator.domain.projects import OrganisationType, PartyRole
from aidcurator.store.edits import current_change_group
from aidcurator.store.models import Edit, Record, utcnow
from aidcurator.store.project_models import Organisation, PartyLink
from aidcurator.store.records import check_span

__all__ = [
    "PARTY_FIELD",
    "OrganisationRow",
    "PartyRow",
    "add_candidate_parties",
    "add_party_link",
    "add_project_edit",
    "article_parties",
    "delete_party_link",
    "get_party_link",
    "organisation_ids",
    "parties_of",
    "party_columns",
    "party_rows",
    "replace_extracted_parties",
    "set_party_role",
    "write_party_links",
]

#: The ``field`` of the Edit rows that party changes write.
PARTY_FIELD = "parties"
#: (name_en, name_zh, aliases, org_type, country_code)
OrganisationRow = tuple[str | None, str | None, list[str], str, str | None]
#: (organisation row, role, start, end, quote)
PartyRow = tuple[OrganisationRow, str, int | None, int | None, str | None]

_ORG = Organisation.__table__
_LINK = PartyLink.__table__
_CHUNK = 400


def _key(name_en: str | None, name_zh: str | None) -> str:
    return name_en or name_zh or ""


def party_rows(text: str, parties: Iterable[Any], offset: int = 0) -> list[PartyRow]:
    """Candidate parties (``domain.parties.CandidateParty``) as plain rows, spans checked (``text``
    starts at ``offset`` of the article the spans point into)."""
    rows: list[PartyRow] = []
    for party in parties:
        span = party.span
        start, end = span.start - offset, span.end - offset
        check_span(text, start, end, f"party {party.name}")
        organisation = (
            party.name_en if party.name_en or party.name_zh else party.name,
            party.name_zh,
            list(party.aliases),
            OrganisationType(party.organisation_type).value,
            party.country_code,
        )
        rows.append((organisation, PartyRole(party.role).value, span.start, span.end, text[start:end]))
    return rows


def organisation_ids(connection: sa.Connection, organisations: Sequence[OrganisationRow]) -> list[int]:
    """The id of each organisation, inserting those whose canonical name is not stored yet.

    Safe when two importers add the same new organisation at once: the insert skips a key another
    transaction stored first (``ON CONFLICT DO NOTHING`` on the unique ``canonical_key``), and the ids
    are read back afterwards."""
    wanted: dict[str, OrganisationRow] = {}
    for row in organisations:
        wanted.setdefault(_key(row[0], row[1]), row)
    keys = [k for k in wanted if k]
    if keys:
        insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        rows = [
            {
                "name_en": wanted[key][0],
                "name_zh": wanted[key][1],
                "aliases": list(wanted[key][2]),
                "org_type": wanted[key][3],
                "country_code": wanted[key][4],
                "canonical_key": key,
            }
            for key in keys
        ]
        for start in range(0, len(rows), _CHUNK):
            connection.execute(
                insert(_ORG).on_conflict_do_nothing(index_elements=["canonical_key"]),
                rows[start : start + _CHUNK],
            )
    found: dict[str, int] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        statement = sa.select(_ORG.c.id, _ORG.c.canonical_key).where(_ORG.c.canonical_key.in_(chunk))
        found.update((key, int(org_id)) for org_id, key in connection.execute(statement))
    return [found[_key(row[0], row[1])] for row in organisations]


def write_party_links(
    connection: sa.Connection, links: Sequence[tuple[int, PartyRow]], *, origin: str = "extracted"
) -> None:
    """Insert the links ``(record id, party row)`` with their organisations (bulk)."""
    if not links:
        return
    ids = organisation_ids(connection, [row[0] for _, row in links])
    connection.execute(
        _LINK.insert(),
        [
            {
                "organisation_id": org_id,
                "record_id": record_id,
                "project_id": None,
                "role": role,
                "start": start,
                "end": end,
                "quote": quote,
                "origin": origin,
            }
            for org_id, (record_id, (_, role, start, end, quote)) in zip(ids, links, strict=True)
        ],
    )


def add_candidate_parties(session: Session, *, record_id: int, text: str, parties: Iterable[Any]) -> None:
    """Store a new candidate record's parties."""
    write_party_links(session.connection(), [(record_id, row) for row in party_rows(text, parties)])


def replace_extracted_parties(session: Session, *, record_id: int, text: str, parties: Iterable[Any]) -> bool:
    """Re-extraction: the record's extracted links replaced by ``parties``, unless a person changed
    its parties (a manual link or a party edit); returns whether they were replaced."""
    connection = session.connection()
    manual = connection.execute(
        sa.select(sa.func.count())
        .select_from(_LINK)
        .where(_LINK.c.record_id == record_id, _LINK.c.origin != "extracted")
    ).scalar_one()
    edited = connection.execute(
        sa.select(sa.func.count())
        .select_from(Edit.__table__)
        .where(Edit.__table__.c.record_id == record_id, Edit.__table__.c.field == PARTY_FIELD)
    ).scalar_one()
    if manual or edited:
        return False
    connection.execute(_LINK.delete().where(_LINK.c.record_id == record_id))
    add_candidate_parties(session, record_id=record_id, text=text, parties=parties)
    return True


def _view_select() -> sa.Select[Any]:
    return sa.select(
        _LINK.c.id, _LINK.c.organisation_id, _ORG.c.name_en, _ORG.c.name_zh, _ORG.c.org_type,
        _ORG.c.country_code, _LINK.c.role, _LINK.c.record_id, _LINK.c.project_id, _LINK.c.start,
        _LINK.c.end, _LINK.c.quote, _LINK.c.origin,
    ).join(_ORG, _ORG.c.id == _LINK.c.organisation_id)  # fmt: skip


def _view(row: Any) -> PartyView:
    (
        link_id,
        org_id,
        name_en,
        name_zh,
        org_type,
        country,
        role,
        record_id,
        project_id,
        start,
        end,
        quote,
        origin,
    ) = row
    return PartyView(
        link_id=int(link_id),
        organisation_id=int(org_id),
        name=_key(name_en, name_zh),
        name_en=name_en,
        name_zh=name_zh,
        organisation_type=org_type,
        country_code=country,
        role=role,
        record_id=record_id,
        project_id=project_id,
        start=start,
        end=end,
        quote=quote,
        origin=origin,
    )


def parties_of(
    session: Session,
    *,
    record_id: int | None = None,
    project_id: int | None = None,
    record_ids: Sequence[int] | None = None,
) -> list[PartyView]:
    """The parties of a record, of records (``record_ids``) or of a project, in role order, then by
    position in the text."""
    statement = _view_select()
    if record_id is not None:
        statement = statement.where(_LINK.c.record_id == record_id)
    if record_ids is not None:
        if not record_ids:
            return []
        statement = statement.where(_LINK.c.record_id.in_(list(record_ids)))
    if project_id is not None:
        statement = statement.where(_LINK.c.project_id == project_id)
    order = {role.value: i for i, role in enumerate(PartyRole)}
    views = [_view(row) for row in session.connection().execute(statement.order_by(_LINK.c.id))]
    return sorted(
        views, key=lambda v: (order.get(v.role, 99), v.start if v.start is not None else 1 << 30, v.link_id)
    )


def article_parties(session: Session, *, article_id: int) -> list[PartyView]:
    """The parties of every record of an article that have words in it (start and end), by position."""
    record = Record.__table__
    statement = (
        _view_select()
        .join(record, record.c.id == _LINK.c.record_id)
        .where(record.c.article_id == article_id, _LINK.c.start.is_not(None), _LINK.c.end.is_not(None))
        .order_by(_LINK.c.start, _LINK.c.end, _LINK.c.id)
    )
    return [_view(row) for row in session.connection().execute(statement)]


def get_party_link(session: Session, *, link_id: int) -> PartyView | None:
    row = session.connection().execute(_view_select().where(_LINK.c.id == link_id)).first()
    return _view(row) if row is not None else None


def add_party_link(
    session: Session,
    *,
    organisation: OrganisationRow,
    role: str,
    record_id: int | None = None,
    project_id: int | None = None,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    origin: str = "manual",
) -> PartyView:
    """Link an organisation (found by its canonical name, else added) to a record or a project."""
    if (record_id is None) == (project_id is None):
        raise ValueError("a party belongs to a record or to a project")
    connection = session.connection()
    [org_id] = organisation_ids(connection, [organisation])
    result = connection.execute(
        _LINK.insert().values(
            organisation_id=org_id, record_id=record_id, project_id=project_id, role=PartyRole(role).value,
            start=start, end=end, quote=quote, origin=origin,
        )
    )  # fmt: skip
    view = get_party_link(session, link_id=int(result.inserted_primary_key[0]))
    assert view is not None
    return view


def delete_party_link(session: Session, *, link_id: int) -> None:
    session.connection().execute(_LINK.delete().where(_LINK.c.id == link_id))


def set_party_role(session: Session, *, link_id: int, role: str, origin: str = "manual") -> None:
    session.connection().execute(
        _LINK.update().where(_LINK.c.id == link_id).values(role=PartyRole(role).value, origin=origin)
    )


def add_project_edit(
    session: Session, *, project_id: int | None, action: str, actor: str, old_value: Any, new_value: Any
) -> None:
    """The Edit row of a change to a project's parties."""
    session.connection().execute(
        Edit.__table__.insert().values(
            project_id=project_id, action=action, field=PARTY_FIELD, old_value=jsonable(old_value),
            new_value=jsonable(new_value), actor=actor, at=utcnow(), change_group=current_change_group(),
        )
    )  # fmt: skip


def party_columns(session: Session, scope: list[Any]) -> dict[int, tuple[str | None, ...]]:
    """Per record of ``scope`` (conditions on ``record``): one ``Name (type)|…`` cell per role, in
    :data:`PARTY_EXPORT_COLUMNS` order (None where the record has no party of that role)."""
    record = Record.__table__
    statement = (
        sa.select(_LINK.c.record_id, _LINK.c.role, _ORG.c.name_en, _ORG.c.name_zh, _ORG.c.org_type)
        .join(_ORG, _ORG.c.id == _LINK.c.organisation_id)
        .join(record, record.c.id == _LINK.c.record_id)
        .where(*scope)
        .order_by(_LINK.c.record_id, _LINK.c.id)
    )
    roles = [role.value for role in PARTY_EXPORT_COLUMNS]
    cells: dict[int, list[list[str]]] = {}
    for record_id, role, name_en, name_zh, org_type in session.connection().execute(statement):
        if role not in roles:
            continue
        lists = cells.setdefault(record_id, [[] for _ in roles])
        label = party_label(_key(name_en, name_zh), org_type)
        column = lists[roles.index(role)]
        if label not in column:
            column.append(label)
    return {
        record_id: tuple(PARTY_SEPARATOR.join(column) or None for column in lists)
        for record_id, lists in cells.items()
    }
