"""Parties of records and projects: list them, add one, remove one, change its role; undoable.

A record's party change is a change of the record: it checks the version the curator saw, raises
it, and writes an ``Edit`` (field ``parties``; actions ``party_add``, ``party_remove``,
``party_role``) so history, undo after a restart and conflict detection work as for fields. A
project's party change writes an ``Edit`` with the project's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aidcurator.curation.base import CuratorBase
from aidcurator.curation.changes.base import Change, quote
from aidcurator.curation.history import touch
from aidcurator.domain.parties import PartyView
from aidcurator.domain.projects import OrganisationType, PartyRole
from aidcurator.domain.views import MentionView, RecordView
from aidcurator.store import NotFoundError, Session, read_session, write_session
from aidcurator.store import parties as party_store
from aidcurator.store import repository as repo

if TYPE_CHECKING:
    from aidcurator.curation import Curator

__all__ = ["PARTY_KIND", "AddParty", "OrganisationChoice", "PartiesMixin", "RemoveParty", "SetPartyRole"]

#: The highlight kind of a party's words in the article view.
PARTY_KIND = "party"


@dataclass(frozen=True, slots=True)
class OrganisationChoice:
    """A gazetteer organisation offered while the curator types a party's name."""

    name: str  # the canonical name (English when the gazetteer has one)
    name_zh: str | None
    organisation_type: str
    label: str  # ``name · 中文 · type`` as a list shows it
    aliases: tuple[str, ...] = ()

    @property
    def value(self) -> str:  # what a name field takes when it is chosen
        return self.name


def organisation_choices(text: str, limit: int = 15) -> list[OrganisationChoice]:
    """Gazetteer organisations whose English or Chinese name or an alias contains ``text``
    (case-insensitive); names that start with it first."""
    from aidcurator.extract.organisations import organisations

    needle = " ".join(text.split()).casefold()
    if not needle:
        return []
    found: list[tuple[int, int, OrganisationChoice]] = []
    for position, org in enumerate(organisations()):
        if org.generic:
            continue
        keys = [k.casefold() for k in (org.name_en, org.name_zh, *org.aliases) if k]
        if not any(needle in key for key in keys):
            continue
        prefix = 0 if any(key.startswith(needle) for key in keys) else 1
        kind = OrganisationType(org.org_type).value
        parts = [org.name, org.name_zh if org.name_zh != org.name else None, kind.replace("_", " ")]
        label = " · ".join(p for p in parts if p)
        found.append((prefix, position, OrganisationChoice(org.name, org.name_zh, kind, label, org.aliases)))
    found.sort(key=lambda item: item[:2])
    return [choice for _prefix, _position, choice in found[:limit]]


def _state(view: PartyView) -> dict[str, Any]:
    """What an Edit keeps of a party (enough to put it back)."""
    return {
        "name": view.name,
        "name_en": view.name_en,
        "name_zh": view.name_zh,
        "organisation_type": view.organisation_type,
        "country_code": view.country_code,
        "role": view.role,
        "start": view.start,
        "end": view.end,
        "quote": view.quote,
        "origin": view.origin,
    }


class PartiesMixin(CuratorBase):
    """Party use cases of the :class:`~aidcurator.curation.Curator`."""

    def record_parties(self, record_id: int) -> list[PartyView]:
        """The organisations of a record with their roles (funding, implementing, co-financing, receiving)."""
        with read_session(self.engine) as session:
            return party_store.parties_of(session, record_id=record_id)

    def party_mentions(self, article_id: int) -> list[MentionView]:
        """The words of the article that name its records' parties, as ``party`` mentions (one per
        span; the tooltip value is ``Name (role)``) for the article view to highlight."""
        with read_session(self.engine) as session:
            parties = party_store.article_parties(session, article_id=article_id)
        seen: dict[tuple[int, int], MentionView] = {}
        for party in parties:
            assert party.start is not None and party.end is not None
            if (party.start, party.end) in seen:
                continue
            seen[party.start, party.end] = MentionView(
                id=-party.link_id,  # not a stored mention: a party link
                article_id=article_id,
                kind=PARTY_KIND,
                start=party.start,
                end=party.end,
                text=party.quote or "",
                value=None,
                currency=None,
                qualifier=None,
                value_max=None,
                what=None,
                data={"name": f"{party.name} ({party.role})", "link_id": party.link_id},
            )
        return list(seen.values())

    def project_parties(self, project_id: int) -> list[PartyView]:
        """The organisations of a project with their roles."""
        with read_session(self.engine) as session:
            return party_store.parties_of(session, project_id=project_id)

    def organisation_choices(self, text: str, limit: int = 15) -> list[OrganisationChoice]:
        """Gazetteer organisations matching ``text`` (English, Chinese or alias), for completion."""
        return organisation_choices(text, limit)

    def add_party(
        self,
        *,
        name: str,
        role: PartyRole | str,
        organisation_type: OrganisationType | str = OrganisationType.OTHER,
        record_id: int | None = None,
        project_id: int | None = None,
        span: tuple[int, int] | None = None,
        name_zh: str | None = None,
        country_code: str | None = None,
        expected_version: int | None = None,
        actor: str | None = None,
        origin: str = "manual",
    ) -> PartyView:
        """Link the organisation called ``name`` (added when new) to a record or a project.

        ``span`` is its evidence in the record's article. A name in Chinese script goes to
        ``name_zh`` unless ``name_zh`` is given."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("an organisation needs a name")
        kind, role_value = OrganisationType(organisation_type).value, PartyRole(role).value
        chinese = any("\u3400" <= c <= "\u9fff" for c in name) and name_zh is None
        organisation = (None if chinese else name, name if chinese else name_zh, [], kind, country_code)
        who = self._who(actor)
        with write_session(self.engine) as session:
            record, quote_text = self._party_target(session, record_id, expected_version, span)
            view = party_store.add_party_link(
                session,
                organisation=organisation,
                role=role_value,
                record_id=record_id,
                project_id=project_id if record_id is None else None,
                start=span[0] if span else None,
                end=span[1] if span else None,
                quote=quote_text,
                origin=origin,
            )
            self._party_edit(session, record, project_id, "party_add", who, None, _state(view))
            return view

    def remove_party(
        self, link_id: int, *, expected_version: int | None = None, actor: str | None = None
    ) -> PartyView:
        """Remove one party link (the organisation stays); returns it as it was, for undo."""
        who = self._who(actor)
        with write_session(self.engine) as session:
            view = self._party(session, link_id)
            record, _ = self._party_target(session, view.record_id, expected_version, None)
            party_store.delete_party_link(session, link_id=link_id)
            self._party_edit(session, record, view.project_id, "party_remove", who, _state(view), None)
            return view

    def set_party_role(
        self,
        link_id: int,
        role: PartyRole | str,
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> PartyView:
        """Change the role of one party link (it becomes the curator's: origin manual)."""
        new = PartyRole(role).value
        who = self._who(actor)
        with write_session(self.engine) as session:
            view = self._party(session, link_id)
            record, _ = self._party_target(session, view.record_id, expected_version, None)
            if view.role != new:
                party_store.set_party_role(session, link_id=link_id, role=new)
                self._party_edit(
                    session,
                    record,
                    view.project_id,
                    "party_role",
                    who,
                    _state(view),
                    {**_state(view), "role": new},
                )
            changed = party_store.get_party_link(session, link_id=link_id)
            assert changed is not None
            return changed

    def restore_party(
        self, view: PartyView, *, expected_version: int | None = None, actor: str | None = None
    ) -> PartyView:
        """Put back a removed party (a new link with the same organisation, role, span and origin)."""
        span = (view.start, view.end) if view.start is not None and view.end is not None else None
        return self.add_party(
            name=view.name_en or view.name,
            name_zh=view.name_zh if view.name_en else None,
            role=view.role,
            organisation_type=view.organisation_type,
            country_code=view.country_code,
            record_id=view.record_id,
            project_id=view.project_id,
            span=span,
            expected_version=expected_version,
            actor=actor,
            origin=view.origin,
        )

    # -- helpers --------------------------------------------------------------------------------

    @staticmethod
    def _party(session: Session, link_id: int) -> PartyView:
        view = party_store.get_party_link(session, link_id=link_id)
        if view is None:
            raise NotFoundError(f"party {link_id} does not exist (it may have been removed)")
        return view

    def _party_target(
        self,
        session: Session,
        record_id: int | None,
        expected_version: int | None,
        span: tuple[int, int] | None,
    ) -> tuple[Any, str | None]:
        """The record row (version checked, touched) and the quote of ``span`` in its article."""
        if record_id is None:
            return None, None
        record = self._load_for_change(session, record_id, expected_version)
        touch(record)
        quote_text = None
        if span is not None:
            article = repo.load_article(session, article_id=record.article_id)
            repo.check_span(article.text, span[0], span[1], "party span")
            quote_text = article.text[span[0] : span[1]]
        return record, quote_text

    @staticmethod
    def _party_edit(
        session: Session, record: Any, project_id: int | None, action: str, who: str, old: Any, new: Any
    ) -> None:
        if record is not None:
            repo.add_edit(
                session,
                action=action,
                actor=who,
                record_id=record.id,
                article_id=record.article_id,
                field=party_store.PARTY_FIELD,
                old_value=old,
                new_value=new,
            )
        else:
            party_store.add_project_edit(
                session, project_id=project_id, action=action, actor=who, old_value=old, new_value=new
            )


# -- undoable changes ---------------------------------------------------------------------------


class AddParty(Change):
    """Add an organisation with a role to a record; undo removes it."""

    def __init__(
        self,
        record: RecordView,
        name: str,
        role: PartyRole | str,
        organisation_type: OrganisationType | str = OrganisationType.OTHER,
        span: tuple[int, int] | None = None,
        name_zh: str | None = None,
    ) -> None:
        super().__init__(
            f"add {quote(name)} ({PartyRole(role).value}) to record {record.id}",
            record.article_id,
            record.id,
            record.version,
        )
        self.name, self.role, self.kind, self.span = (
            name,
            PartyRole(role),
            OrganisationType(organisation_type),
            span,
        )
        self.name_zh = name_zh if name_zh != name else None
        self.party: PartyView | None = None

    def _redo(self, curator: Curator) -> None:
        assert self.record_id is not None
        if self.party is None:
            self.party = curator.add_party(
                name=self.name,
                role=self.role,
                organisation_type=self.kind,
                record_id=self.record_id,
                span=self.span,
                name_zh=self.name_zh,
                expected_version=self._version(curator),
            )
        else:
            self.party = curator.restore_party(self.party, expected_version=self._version(curator))
        self._refresh(curator)

    def _undo(self, curator: Curator) -> None:
        assert self.party is not None
        curator.remove_party(self.party.link_id, expected_version=self._version(curator))
        self._refresh(curator)


class RemoveParty(Change):
    """Remove a party from a record; undo puts it back (organisation, role, span, origin)."""

    def __init__(self, record: RecordView, party: PartyView) -> None:
        super().__init__(
            f"remove {quote(party.name)} from record {record.id}",
            record.article_id,
            record.id,
            record.version,
        )
        self.party = party

    def _redo(self, curator: Curator) -> None:
        curator.remove_party(self.party.link_id, expected_version=self._version(curator))
        self._refresh(curator)

    def _undo(self, curator: Curator) -> None:
        self.party = curator.restore_party(self.party, expected_version=self._version(curator))
        self._refresh(curator)


class SetPartyRole(Change):
    """Change a party's role on a record; undo puts the old role back."""

    def __init__(self, record: RecordView, party: PartyView, role: PartyRole | str) -> None:
        self.new = PartyRole(role).value
        super().__init__(
            f"make {quote(party.name)} {self.new} on record {record.id}",
            record.article_id,
            record.id,
            record.version,
        )
        self.party = party
        self.old = party.role

    def _first(self, curator: Curator) -> bool:
        if self.old == self.new:
            return False
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        curator.set_party_role(self.party.link_id, self.new, expected_version=self._version(curator))
        self._refresh(curator)

    def _undo(self, curator: Curator) -> None:
        curator.set_party_role(self.party.link_id, self.old, expected_version=self._version(curator))
        self._refresh(curator)
