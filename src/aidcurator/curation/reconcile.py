"""Reconciliation with published datasets: import an AidData table as reference projects, propose
for each curated project the references it most likely is, confirm or reject, export AidData-style.

Matching compares structured fields only (see :mod:`aidcurator.domain.reconcile`); description text
is never used, so a table imported ``without_descriptions`` matches exactly as well.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aidcurator.curation.base import CuratorBase
from aidcurator.domain.parties import party_cells, project_parties
from aidcurator.domain.reconcile import Candidate, ProjectFacts, ReferenceFacts, ReferenceIndex, best_matches
from aidcurator.store import Session, read_session, write_session
from aidcurator.store import parties as party_store
from aidcurator.store import projects as project_store
from aidcurator.store import reference as store

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.parties import PartyView


@dataclass(frozen=True, slots=True)
class ReferenceImport:
    """What an import of an AidData table did."""

    dataset: str
    flavour: str
    inserted: int
    skipped: int
    seconds: float

    def summary(self) -> str:
        return (
            f"Imported {self.inserted} reference projects into dataset {self.dataset!r} "
            f"({self.flavour}; {self.skipped} already there) in {self.seconds:.2f} s"
        )


@dataclass(frozen=True, slots=True)
class ProjectMatches:
    """The proposed references of one project, best first."""

    project_id: int
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


class ReconcileMixin(CuratorBase):
    """Reference datasets and matching."""

    def import_reference(
        self,
        path: str | os.PathLike[str],
        *,
        dataset: str | None = None,
        without_descriptions: bool = False,
    ) -> ReferenceImport:
        """Import an AidData table (CSV, XLSX, JSONL, JSON); all rows or none (``IngestError``).

        ``dataset`` names it (default: the detected kind, ``gcof1`` or ``gcdf3``; a name that is one
        of those kinds also chooses how the columns are read). Ids already in the dataset are skipped.
        """
        from aidcurator.ingest.reference_table import aiddata_rules, read_reference_table

        started = time.perf_counter()
        flavour = dataset if dataset in aiddata_rules()["datasets"] else None
        table = read_reference_table(Path(path), flavour=flavour, without_descriptions=without_descriptions)
        name = dataset or table.flavour
        with write_session(self.engine) as session:
            inserted, skipped = store.insert_references(session, dataset=name, rows=table.rows)
        return ReferenceImport(name, table.flavour, inserted, skipped, time.perf_counter() - started)

    def reference_datasets(self) -> dict[str, int]:
        """Dataset name → number of reference projects."""
        with read_session(self.engine) as session:
            return store.reference_datasets(session)

    def references(self, reference_ids: Iterable[int]) -> dict[int, ReferenceFacts]:
        """Reference projects by database id (ids not found are left out)."""
        wanted = list(reference_ids)
        if not wanted:
            return {}
        with read_session(self.engine) as session:
            return {ref.id: ref for ref in store.reference_facts(session, ids=wanted)}

    def projects_confirming(self, reference_ids: Iterable[int]) -> dict[int, list[int]]:
        """Reference id → the projects that confirmed it (a reference is usually one project)."""
        with read_session(self.engine) as session:
            return store.projects_confirming(session, reference_ids=reference_ids)

    def match_projects(
        self,
        project_ids: Iterable[int] | None = None,
        *,
        dataset: str | None = None,
        limit: int = 3,
    ) -> list[ProjectMatches]:
        """The ``limit`` best references of each project (all projects by default); references a
        curator rejected for a project are not proposed again."""
        with read_session(self.engine) as session:
            references = store.reference_facts(session, dataset=dataset)
            projects = store.project_facts(session, project_ids=project_ids)
            rejected = store.rejected_references(session)
        index = ReferenceIndex.build(_with_codes_and_usd(references))
        return [
            ProjectMatches(
                p.id, tuple(best_matches(p, index, limit=limit, excluded=rejected.get(p.id, frozenset())))
            )
            for p in _projects_with_usd(projects)
        ]

    def confirm_reference(
        self,
        project_id: int,
        reference_id: int | None,
        *,
        score: float | None = None,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> int:
        """Set (None: clear) the project's confirmed reference; returns the project's new version."""
        with write_session(self.engine) as session:
            return store.set_project_reference(
                session,
                project_id=project_id,
                reference_id=reference_id,
                score=score,
                expected_version=expected_version,
                actor=self._who(actor),
            )

    def reject_reference(self, project_id: int, reference_id: int, *, undo: bool = False) -> None:
        """Never propose ``reference_id`` for the project again (``undo``: propose it again)."""
        with write_session(self.engine) as session:
            store.add_rejection(
                session, project_id=project_id, reference_id=reference_id, actor=self._who(None), undo=undo
            )

    def project_reference(self, project_id: int) -> tuple[int | None, float | None, int]:
        """The project's confirmed reference id, its score and the project's version."""
        with read_session(self.engine) as session:
            return store.project_reference(session, project_id=project_id)

    def confirm_matches(self, matches: Sequence[ProjectMatches], *, above: float) -> int:
        """Confirm every project's best candidate that scores at least ``above`` and strictly more
        than the second (a tie is left to the curator); returns how many were newly confirmed."""
        done = 0
        for match in matches:
            best = match.best
            if best is None or best.score < above:
                continue
            if len(match.candidates) > 1 and match.candidates[1].score >= best.score:
                continue
            current, _, version = self.project_reference(match.project_id)
            if current == best.reference_id:
                continue  # confirmed already (a second run writes nothing)
            self.confirm_reference(
                match.project_id, best.reference_id, score=best.score, expected_version=version
            )
            done += 1
        return done

    def export_aiddata(self, path: str | os.PathLike[str], *, flavour: str = "gcof1") -> int:
        """Write the projects as an AidData-compatible CSV (``gcof1`` or ``gcdf3`` column names)."""
        from aidcurator.export.aiddata import write_aiddata_csv

        with read_session(self.engine) as session:
            rows = store.export_rows(session)
            for row in rows:  # the agencies: the project's parties and its records', by role
                row.update(party_cells(_project_parties(session, row["id"])))
        english = _english_names()
        for row in rows:  # AidData names countries in English ("China", "Kenya")
            row["donor"], row["recipient"] = english(row["donor"]), english(row["recipient"])
        write_aiddata_csv(rows, path, flavour=flavour)
        return len(rows)

    def projects_from_records(self, record_ids: Sequence[int]) -> list[int]:
        """One new project per record, through the projects API (history rows, undoable); a record
        without a title gives its project its article's title."""
        made = []
        for record_id in record_ids:
            outcome = self.create_project([record_id])
            assert outcome.project_id is not None
            made.append(outcome.project_id)
        return made


def _project_parties(session: Session, project_id: int) -> list[PartyView]:
    """A project's own parties and its member records' (one per organisation and role)."""
    members = project_store.member_ids(session, project_id=project_id)
    return project_parties(
        party_store.parties_of(session, project_id=project_id),
        party_store.parties_of(session, record_ids=members),
    )


def _english_names():  # type: ignore[no-untyped-def]
    """A function giving a place's English name from the gazetteer (the name itself when unknown)."""
    from aidcurator.extract.places import lookup_place

    cache: dict[str, str] = {}

    def english(name: str | None) -> str | None:
        if not name:
            return name
        if name not in cache:
            place = lookup_place(name)
            cache[name] = place.name_en if place is not None and place.name_en else name
        return cache[name]

    return english


def _with_codes_and_usd(references: list[ReferenceFacts]) -> list[ReferenceFacts]:
    """References with their donor's code (from the gazetteer) and US dollars where the table had none."""
    from aidcurator.curation.names import resolve_place

    codes: dict[str, str | None] = {}
    converter = _converter()
    out = []
    for ref in references:
        changes: dict[str, object] = {}
        if ref.donor:
            if ref.donor not in codes:
                choice = resolve_place(ref.donor)
                codes[ref.donor] = choice.code if choice is not None else None
            changes["donor_code"] = codes[ref.donor]
        if ref.usd is None and ref.amount is not None:
            changes["usd"] = converter.convert(ref.amount, ref.currency, ref.year).nominal
        out.append(dataclasses.replace(ref, **changes) if changes else ref)  # type: ignore[arg-type]
    return out


def _projects_with_usd(projects: list[ProjectFacts]) -> list[ProjectFacts]:
    converter = _converter()
    return [
        dataclasses.replace(p, usd=converter.convert(p.amount, p.currency, p.year).nominal)
        if p.amount is not None
        else p
        for p in projects
    ]


def _converter():  # type: ignore[no-untyped-def]
    from aidcurator.export.usd import usd_converter

    return usd_converter()


class ConfirmReference:
    """An undoable confirmation (or clearing) of a project's reference, with a version check.

    Same protocol as :class:`~aidcurator.curation.changes.Change` (``text``, ``apply``, ``undo``,
    ``redo``): undo puts the earlier reference and score back; a project changed elsewhere in between
    raises ``ConflictError`` and nothing is written.
    """

    def __init__(self, project_id: int, reference_id: int | None, score: float | None = None) -> None:
        self.project_id = project_id
        self.new = (reference_id, score)
        self.old: tuple[int | None, float | None] = (None, None)
        self.version: int | None = None
        self.text = f"confirm reference {reference_id} for project {project_id}"

    def apply(self, curator: Curator) -> bool:
        old_ref, old_score, version = curator.project_reference(self.project_id)
        if (old_ref, old_score) == self.new:
            return False
        self.old = (old_ref, old_score)
        self.version = curator.confirm_reference(
            self.project_id, self.new[0], score=self.new[1], expected_version=version
        )
        return True

    def undo(self, curator: Curator) -> None:
        self.version = curator.confirm_reference(
            self.project_id, self.old[0], score=self.old[1], expected_version=self.version
        )

    def redo(self, curator: Curator) -> None:
        self.version = curator.confirm_reference(
            self.project_id, self.new[0], score=self.new[1], expected_version=self.version
        )


class RejectReference:
    """An undoable rejection of a proposed reference for a project (same protocol as
    :class:`ConfirmReference`): undo proposes it again."""

    def __init__(self, project_id: int, reference_id: int) -> None:
        self.project_id = project_id
        self.reference_id = reference_id
        self.text = f"reject reference {reference_id} for project {project_id}"

    def apply(self, curator: Curator) -> bool:
        curator.reject_reference(self.project_id, self.reference_id)
        return True

    def undo(self, curator: Curator) -> None:
        curator.reject_reference(self.project_id, self.reference_id, undo=True)

    def redo(self, curator: Curator) -> None:
        curator.reject_reference(self.project_id, self.reference_id)
