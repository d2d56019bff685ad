"""Queries and writes. Keyword-only functions that take the caller's session.

Reads return the plain snapshots of :mod:`aidcurator.domain.views`. The ``load_*`` functions return
ORM rows for the curation layer to change inside its own transaction; they never leave it.
Every filter takes user text as a bound parameter.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Literal

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from aidcurator import domain
from aidcurator.domain import (
    AmountKind,
    ArticleDraft,
    CandidateRecord,
    Origin,
    Qualifier,
    RecordKind,
    RecordStatus,
    ReviewState,
)
from aidcurator.domain.fields import (
    AMOUNT_FIELDS,
    MACHINE_FIELDS,
    RECORD_FIELDS,
    FieldSpec,
)
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.views import (
    AmountView,
    ArticleRow,
    ArticleView,
    EditView,
    EvidenceView,
    MentionView,
    RecordCounts,
    RecordSnapshot,
    RecordView,
    Stats,
)
from aidcurator.store.errors import NotFoundError
from aidcurator.store.models import Amount, Article, Edit, Evidence, Mention, Record, utcnow

EXPORT_FIELDS = tuple(spec for spec in RECORD_FIELDS if spec.name != "parent_id")
KEY_FIELD = "_key"  # inside Record.extracted: identifies the candidate across re-extractions

TableName = Literal["articles", "mentions", "edits"]

_IN_CHUNK = 500


def _chunks(items: Sequence[Any], size: int = _IN_CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------------------------------- articles


def add_article(session: Session, *, draft: ArticleDraft, content_hash: str) -> int:
    article = Article(
        title=draft.title or "",
        source=draft.source,
        published=draft.published,
        url=draft.url,
        language=draft.language,
        text=draft.text,
        content_hash=content_hash,
        origin_file=draft.origin_file,
        origin_position=draft.origin_position,
        extra=jsonable(dict(draft.metadata)),
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    return article.id


def find_article_by_hash(session: Session, *, content_hash: str) -> int | None:
    return session.exec(select(Article.id).where(Article.content_hash == content_hash)).first()


def existing_hashes(session: Session, *, hashes: Iterable[str]) -> set[str]:
    wanted = sorted(set(hashes))
    found: set[str] = set()
    for chunk in _chunks(wanted):
        found.update(session.exec(select(Article.content_hash).where(col(Article.content_hash).in_(chunk))))
    return found


def _article_row(article: Article) -> ArticleRow:
    assert article.id is not None
    return ArticleRow(
        id=article.id,
        title=article.title,
        source=article.source,
        published=article.published,
        url=article.url,
        language=article.language,
        review_state=ReviewState(article.review_state),
        imported_at=article.imported_at,
        origin_file=article.origin_file,
        origin_position=article.origin_position,
    )


def get_article(session: Session, *, article_id: int) -> ArticleView | None:
    article = session.get(Article, article_id)
    if article is None:
        return None
    row = _article_row(article)
    return ArticleView(
        id=row.id,
        title=row.title,
        source=row.source,
        published=row.published,
        url=row.url,
        language=row.language,
        review_state=row.review_state,
        imported_at=row.imported_at,
        origin_file=row.origin_file,
        origin_position=row.origin_position,
        text=article.text,
        content_hash=article.content_hash,
        extra=dict(article.extra or {}),
    )


def load_article(session: Session, *, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"article {article_id} does not exist")
    return article


def all_article_ids(session: Session) -> list[int]:
    return list(session.exec(select(Article.id).order_by(Article.id)))


def escape_like(text: str, escape: str = "\\") -> str:
    """Make user text literal inside a LIKE pattern."""
    return text.replace(escape, escape * 2).replace("%", escape + "%").replace("_", escape + "_")


def article_record_counts(session: Session, *, article_ids: Sequence[int]) -> dict[int, RecordCounts]:
    """Records per status for each article id asked for (articles without records get zeros)."""
    tallies: dict[int, dict[RecordStatus, int]] = {aid: {} for aid in article_ids}
    ids = sorted(set(article_ids))
    for chunk in _chunks(ids):
        statement = (
            select(Record.article_id, Record.status, func.count())
            .where(col(Record.article_id).in_(chunk))
            .group_by(Record.article_id, Record.status)
        )
        for article_id, status, n in session.exec(statement):
            tallies.setdefault(article_id, {})[RecordStatus(status)] = int(n)
    return {
        aid: RecordCounts(
            total=sum(t.values()),
            pending=t.get(RecordStatus.PENDING, 0),
            accepted=t.get(RecordStatus.ACCEPTED, 0),
            rejected=t.get(RecordStatus.REJECTED, 0),
        )
        for aid, t in tallies.items()
    }


def record_statuses_for_article(session: Session, *, article_id: int) -> list[RecordStatus]:
    statement = select(Record.status).where(Record.article_id == article_id)
    return [RecordStatus(s) for s in session.exec(statement)]


# ---------------------------------------------------------------------------------------- mentions


def replace_mentions(session: Session, *, article_id: int, mentions: Sequence[domain.Mention]) -> int:
    """Drop the article's mentions and store ``mentions`` instead."""
    session.exec(sa.delete(Mention).where(col(Mention.article_id) == article_id))
    for mention in mentions:
        session.add(
            Mention(
                article_id=article_id,
                kind=str(mention.kind),
                start=mention.start,
                end=mention.end,
                text=mention.text,
                value=mention.value,
                currency=mention.currency,
                qualifier=str(mention.qualifier) if mention.qualifier is not None else None,
                value_max=mention.value_max,
                what=mention.what,
                data=jsonable(dict(mention.data)),
            )
        )
    session.flush()
    return len(mentions)


def _mention_view(m: Mention) -> MentionView:
    assert m.id is not None
    return MentionView(
        id=m.id,
        article_id=m.article_id,
        kind=m.kind,
        start=m.start,
        end=m.end,
        text=m.text,
        value=m.value,
        currency=m.currency,
        qualifier=m.qualifier,
        value_max=m.value_max,
        what=m.what,
        data=dict(m.data or {}),
    )


def mentions_for_article(
    session: Session, *, article_id: int, kinds: Iterable[str] | None = None
) -> list[MentionView]:
    statement = select(Mention).where(Mention.article_id == article_id)
    if kinds is not None:
        statement = statement.where(col(Mention.kind).in_([str(k) for k in kinds]))
    statement = statement.order_by(col(Mention.start), col(Mention.end), col(Mention.id))
    return [_mention_view(m) for m in session.exec(statement)]


# ----------------------------------------------------------------------------------------- records


def candidate_values(candidate: CandidateRecord) -> dict[str, Any]:
    """The machine field values of a candidate, as Python values."""
    values = {name: getattr(candidate, name) for name in MACHINE_FIELDS}
    values["record_kind"] = RecordKind(values["record_kind"] or RecordKind.PROJECT)
    return values


def candidate_key(candidate: CandidateRecord) -> str:
    """A stable identity for a candidate across re-extractions: its anchor amount's span."""
    if candidate.amounts:
        span = candidate.amounts[0].span
        return f"amount:{span.start}-{span.end}"
    spans = sorted((f, s.start, s.end) for f, spans in candidate.evidence.items() for s in spans)
    if spans:
        return "evidence:" + ";".join(f"{f}@{a}-{b}" for f, a, b in spans)
    return "fields:" + json.dumps(jsonable(candidate_values(candidate)), sort_keys=True, ensure_ascii=False)


def amount_values(candidate_amount: domain.CandidateAmount) -> dict[str, Any]:
    return {
        "text": candidate_amount.text,
        "value": Decimal(candidate_amount.value),
        "value_max": Decimal(candidate_amount.value_max) if candidate_amount.value_max is not None else None,
        "currency": candidate_amount.currency or domain.UNKNOWN_CURRENCY,
        "qualifier": Qualifier(candidate_amount.qualifier),
        "kind": AmountKind(candidate_amount.kind),
        "period_start": candidate_amount.period_start,
        "period_end": candidate_amount.period_end,
    }


def check_span(text: str, start: int, end: int, what: str = "span") -> None:
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end <= len(text):
        raise ValueError(f"{what} [{start}, {end}) is outside the article text (length {len(text)})")


def add_evidence(
    session: Session, *, record_id: int, field: str, start: int, end: int, text: str, origin: Origin
) -> Evidence:
    check_span(text, start, end, f"evidence for {field}")
    evidence = Evidence(
        record_id=record_id, field=field, start=start, end=end, quote=text[start:end], origin=origin
    )
    session.add(evidence)
    return evidence


def add_candidate_amount(
    session: Session, *, record_id: int, position: int, candidate_amount: domain.CandidateAmount, text: str
) -> Amount:
    span = candidate_amount.span
    check_span(text, span.start, span.end, "amount span")
    values = amount_values(candidate_amount)
    amount = Amount(
        record_id=record_id,
        position=position,
        start=span.start,
        end=span.end,
        origin=Origin.EXTRACTED,
        extracted=jsonable(values),
        **values,
    )
    session.add(amount)
    return amount


def add_candidate_record(
    session: Session, *, article_id: int, text: str, candidate: CandidateRecord
) -> tuple[Record, list[Amount]]:
    """Store one candidate record with its amounts and evidence (links are set by ``link_candidates``)."""
    values = candidate_values(candidate)
    extracted = jsonable(values)
    extracted[KEY_FIELD] = candidate_key(candidate)
    record = Record(
        article_id=article_id,
        status=RecordStatus.PENDING,
        origin=Origin.EXTRACTED,
        extracted=extracted,
        flags=jsonable(dict(candidate.flags)),
        **values,
    )
    session.add(record)
    session.flush()
    assert record.id is not None
    amounts = [
        add_candidate_amount(session, record_id=record.id, position=pos, candidate_amount=ca, text=text)
        for pos, ca in enumerate(candidate.amounts)
    ]
    for field, spans in candidate.evidence.items():
        for span in spans:
            add_evidence(
                session,
                record_id=record.id,
                field=field,
                start=span.start,
                end=span.end,
                text=text,
                origin=Origin.EXTRACTED,
            )
    session.flush()
    return record, amounts


def link_candidates(
    candidates: Sequence[CandidateRecord],
    records: Sequence[Record | None],
    amounts: Sequence[Sequence[Amount | None]],
    *,
    only: Iterable[int] | None = None,
) -> None:
    """Resolve ``parent_index`` and ``share_of`` (indexes into ``candidates``) into row ids.

    ``records[i]``/``amounts[i]`` are the rows stored for ``candidates[i]``; only the indexes in
    ``only`` (default: all) are changed, and never a link a person set (curated ``parent_id`` /
    ``share_of_id``). ``amounts[i]`` may hold None for an amount that was not stored.
    """
    indexes = range(len(candidates)) if only is None else only
    for index in indexes:
        candidate, record = candidates[index], records[index]
        if record is None:
            continue
        parent = candidate.parent_index
        if "parent_id" not in (record.curated_fields or []):
            target = records[parent] if parent is not None and 0 <= parent < len(records) else None
            record.parent_id = target.id if target is not None and target is not record else None
        for candidate_amount, row in zip(candidate.amounts, amounts[index], strict=False):
            if row is None or "share_of_id" in (row.curated_fields or []):
                continue
            share = candidate_amount.share_of
            parents = amounts[share] if share is not None and 0 <= share < len(amounts) else ()
            target_amount = parents[0] if parents else None
            row.share_of_id = (
                target_amount.id if target_amount is not None and target_amount is not row else None
            )


def add_candidate_records(
    session: Session, *, article_id: int, text: str, candidates: Sequence[CandidateRecord]
) -> list[int]:
    """Store the extractor's candidate records with amounts, parent/share links and evidence."""
    stored = [
        add_candidate_record(session, article_id=article_id, text=text, candidate=c) for c in candidates
    ]
    records = [record for record, _ in stored]
    link_candidates(candidates, records, [amounts for _, amounts in stored])
    session.flush()
    return [record.id for record in records if record.id is not None]


def load_record(session: Session, *, record_id: int) -> Record:
    record = session.get(Record, record_id)
    if record is None:
        raise NotFoundError(f"record {record_id} does not exist (it may have been deleted)")
    return record


def load_amount(session: Session, *, amount_id: int) -> Amount:
    amount = session.get(Amount, amount_id)
    if amount is None:
        raise NotFoundError(f"amount {amount_id} does not exist (it may have been deleted)")
    return amount


def load_records_for_article(session: Session, *, article_id: int) -> list[Record]:
    return list(session.exec(select(Record).where(Record.article_id == article_id).order_by(col(Record.id))))


def load_amounts(session: Session, *, record_ids: Sequence[int]) -> dict[int, list[Amount]]:
    result: dict[int, list[Amount]] = defaultdict(list)
    for chunk in _chunks(sorted(set(record_ids))):
        statement = (
            select(Amount)
            .where(col(Amount.record_id).in_(chunk))
            .order_by(col(Amount.position), col(Amount.id))
        )
        for amount in session.exec(statement):
            result[amount.record_id].append(amount)
    return result


def load_evidence(session: Session, *, record_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    result: dict[int, list[Evidence]] = defaultdict(list)
    for chunk in _chunks(sorted(set(record_ids))):
        statement = (
            select(Evidence)
            .where(col(Evidence.record_id).in_(chunk))
            .order_by(col(Evidence.field), col(Evidence.start), col(Evidence.id))
        )
        for evidence in session.exec(statement):
            result[evidence.record_id].append(evidence)
    return result


def next_amount_position(session: Session, *, record_id: int) -> int:
    current = session.exec(select(func.max(Amount.position)).where(Amount.record_id == record_id)).one()
    return 0 if current is None else int(current) + 1


def amount_view(a: Amount) -> AmountView:
    assert a.id is not None
    return AmountView(
        id=a.id,
        record_id=a.record_id,
        position=a.position,
        text=a.text,
        value=a.value,
        value_max=a.value_max,
        currency=a.currency,
        qualifier=Qualifier(a.qualifier),
        kind=AmountKind(a.kind),
        period_start=a.period_start,
        period_end=a.period_end,
        share_of_id=a.share_of_id,
        start=a.start,
        end=a.end,
        origin=Origin(a.origin),
        extracted=dict(a.extracted or {}),
        curated_fields=tuple(a.curated_fields or ()),
    )


def evidence_view(e: Evidence) -> EvidenceView:
    assert e.id is not None
    return EvidenceView(
        id=e.id,
        record_id=e.record_id,
        field=e.field,
        start=e.start,
        end=e.end,
        quote=e.quote,
        origin=Origin(e.origin),
    )


def _field_value(spec: FieldSpec, value: Any) -> Any:
    if value is None or spec.choices is None:
        return value
    return spec.choices(value)


def record_view(r: Record, amounts: Sequence[Amount] = (), evidence: Sequence[Evidence] = ()) -> RecordView:
    assert r.id is not None
    return RecordView(
        id=r.id,
        article_id=r.article_id,
        **{spec.name: _field_value(spec, getattr(r, spec.name)) for spec in RECORD_FIELDS},
        status=RecordStatus(r.status),
        origin=Origin(r.origin),
        created_at=r.created_at,
        updated_at=r.updated_at,
        version=r.version,
        extracted=dict(r.extracted or {}),
        curated_fields=tuple(r.curated_fields or ()),
        flags=dict(r.flags or {}),
        amounts=tuple(amount_view(a) for a in amounts),
        evidence=tuple(evidence_view(e) for e in evidence),
    )


def _record_views(session: Session, records: Sequence[Record]) -> list[RecordView]:
    ids = [r.id for r in records if r.id is not None]
    amounts = load_amounts(session, record_ids=ids)
    evidence = load_evidence(session, record_ids=ids)
    return [record_view(r, amounts.get(r.id or 0, ()), evidence.get(r.id or 0, ())) for r in records]


def get_record(session: Session, *, record_id: int) -> RecordView | None:
    record = session.get(Record, record_id)
    if record is None:
        return None
    return _record_views(session, [record])[0]


def records_for_article(session: Session, *, article_id: int) -> list[RecordView]:
    return _record_views(session, load_records_for_article(session, article_id=article_id))


def amounts_for_record(session: Session, *, record_id: int) -> list[AmountView]:
    return [amount_view(a) for a in load_amounts(session, record_ids=[record_id]).get(record_id, [])]


def evidence_for_record(session: Session, *, record_id: int) -> list[EvidenceView]:
    return [evidence_view(e) for e in load_evidence(session, record_ids=[record_id]).get(record_id, [])]


# ----------------------------------------------------------------------------- delete and restore


def _columns(row: Any) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in sa.inspect(type(row)).columns}


def snapshot_record(session: Session, *, record_id: int) -> RecordSnapshot:
    record = load_record(session, record_id=record_id)
    amounts = load_amounts(session, record_ids=[record_id]).get(record_id, [])
    evidence = load_evidence(session, record_ids=[record_id]).get(record_id, [])
    children = session.exec(select(Record.id).where(Record.parent_id == record_id).order_by(col(Record.id)))
    amount_ids = [a.id for a in amounts]
    share_links: list[tuple[int, int]] = []
    if amount_ids:
        statement = select(Amount.id, Amount.share_of_id).where(
            col(Amount.share_of_id).in_(amount_ids), Amount.record_id != record_id
        )
        share_links = [
            (int(a), int(b)) for a, b in session.exec(statement) if a is not None and b is not None
        ]
    return RecordSnapshot(
        record=_columns(record),
        amounts=tuple(_columns(a) for a in amounts),
        evidence=tuple(_columns(e) for e in evidence),
        children=tuple(int(c) for c in children if c is not None),
        share_links=tuple(share_links),
    )


def delete_record_row(session: Session, *, record_id: int) -> None:
    record = load_record(session, record_id=record_id)
    session.delete(record)
    session.flush()


def restore_snapshot(session: Session, *, snapshot: RecordSnapshot) -> int:
    """Re-insert a deleted record, its amounts and evidence with their old ids and links."""
    record_id = snapshot.record_id
    if session.get(Record, record_id) is not None:
        raise ValueError(f"record {record_id} already exists; nothing to restore")
    load_article(session, article_id=int(snapshot.record["article_id"]))
    values = dict(snapshot.record)
    parent_id = values.get("parent_id")
    if parent_id is not None and session.get(Record, parent_id) is None:
        values["parent_id"] = None
    session.add(Record(**values))
    session.flush()
    amount_ids = {a["id"] for a in snapshot.amounts}
    pending_shares: list[tuple[Amount, int]] = []
    for amount_values_ in snapshot.amounts:
        values = dict(amount_values_)
        share_of = values.pop("share_of_id", None)
        amount = Amount(**values)
        session.add(amount)
        if share_of is not None:
            pending_shares.append((amount, share_of))
    for evidence_values in snapshot.evidence:
        session.add(Evidence(**evidence_values))
    session.flush()
    for amount, share_of in pending_shares:
        if share_of in amount_ids or session.get(Amount, share_of) is not None:
            amount.share_of_id = share_of
    for child_id in snapshot.children:
        child = session.get(Record, child_id)
        if child is not None and child.parent_id is None:
            child.parent_id = record_id
    for other_amount_id, share_of in snapshot.share_links:
        other = session.get(Amount, other_amount_id)
        if other is not None and other.share_of_id is None:
            other.share_of_id = share_of
    session.flush()
    return record_id


# ------------------------------------------------------------------------------------------- edits


def add_edit(
    session: Session,
    *,
    action: str,
    actor: str,
    record_id: int | None = None,
    amount_id: int | None = None,
    article_id: int | None = None,
    field: str | None = None,
    old_value: Any = None,
    new_value: Any = None,
) -> None:
    session.add(
        Edit(
            record_id=record_id,
            amount_id=amount_id,
            article_id=article_id,
            action=action,
            field=field,
            old_value=jsonable(old_value),
            new_value=jsonable(new_value),
            actor=actor,
            at=utcnow(),
        )
    )


def _edit_view(e: Edit) -> EditView:
    assert e.id is not None
    return EditView(
        id=e.id,
        record_id=e.record_id,
        amount_id=e.amount_id,
        article_id=e.article_id,
        action=e.action,
        field=e.field,
        old_value=e.old_value,
        new_value=e.new_value,
        at=e.at,
        actor=e.actor,
    )


def edits_for_record(session: Session, *, record_id: int) -> list[EditView]:
    statement = select(Edit).where(Edit.record_id == record_id).order_by(col(Edit.id))
    return [_edit_view(e) for e in session.exec(statement)]


def edits_for_article(session: Session, *, article_id: int) -> list[EditView]:
    record_ids = select(Record.id).where(Record.article_id == article_id)
    statement = (
        select(Edit)
        .where(sa.or_(col(Edit.article_id) == article_id, col(Edit.record_id).in_(record_ids)))
        .order_by(col(Edit.id))
    )
    return [_edit_view(e) for e in session.exec(statement)]


# ------------------------------------------------------------------------------------------ export


def _last_edits(session: Session, record_ids: Sequence[int]) -> dict[int, tuple[str, Any]]:
    latest = (
        select(Edit.record_id, func.max(Edit.id).label("edit_id"))
        .where(col(Edit.record_id).is_not(None))
        .group_by(Edit.record_id)
        .subquery()
    )
    statement = select(Edit.record_id, Edit.actor, Edit.at).join(latest, col(Edit.id) == latest.c.edit_id)
    wanted = set(record_ids)
    return {rid: (actor, at) for rid, actor, at in session.exec(statement) if rid in wanted}


def record_export_rows(
    session: Session, *, status: RecordStatus | str | None = None, article_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Records joined with their article, amounts and evidence, in the export contract's shape.

    One query per table; rows ordered by article id, then record id.
    """
    statement = (
        select(Record, Article.title, Article.source, Article.url, Article.published)
        .join(Article, col(Article.id) == col(Record.article_id))
        .order_by(col(Record.article_id), col(Record.id))
    )
    if status is not None:
        statement = statement.where(col(Record.status) == RecordStatus(status))
    if article_ids is not None:
        statement = statement.where(col(Record.article_id).in_(list(article_ids)))
    joined = list(session.exec(statement))
    ids = [rec.id for rec, *_ in joined if rec.id is not None]
    amounts = load_amounts(session, record_ids=ids) if ids else {}
    evidence = load_evidence(session, record_ids=ids) if ids else {}
    last = _last_edits(session, ids) if ids else {}
    rows: list[dict[str, Any]] = []
    for record, title, source, url, published in joined:
        assert record.id is not None
        actor, at = last.get(record.id, (None, None))
        rows.append(
            {
                "record_id": record.id,
                "article_id": record.article_id,
                "article_title": title,
                "article_source": source,
                "article_url": url,
                "article_published": published,
                **{spec.name: jsonable(getattr(record, spec.name)) for spec in EXPORT_FIELDS},
                "status": RecordStatus(record.status).value,
                "origin": Origin(record.origin).value,
                "created_at": record.created_at,
                "updated_at": record.updated_at,
                "version": record.version,
                "last_edited_by": actor,
                "last_edited_at": at,
                "amounts": [
                    {
                        "amount_id": a.id,
                        "text": a.text,
                        "value": a.value,
                        "value_max": a.value_max,
                        "currency": a.currency,
                        "qualifier": Qualifier(a.qualifier).value,
                        "kind": AmountKind(a.kind).value,
                        "period_start": a.period_start,
                        "period_end": a.period_end,
                        "share_of_amount_id": a.share_of_id,
                    }
                    for a in amounts.get(record.id, [])
                ],
                "evidence": [
                    {"field": e.field, "start": e.start, "end": e.end, "quote": e.quote}
                    for e in evidence.get(record.id, [])
                ],
            }
        )
    return rows


def table_rows(
    session: Session, *, what: TableName, article_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Rows of the articles, mentions or edits table (JSON columns as dicts/values)."""
    if what == "articles":
        statement = select(Article).order_by(col(Article.id))
        if article_ids is not None:
            statement = statement.where(col(Article.id).in_(list(article_ids)))
        return [
            {
                "article_id": a.id,
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "url": a.url,
                "language": a.language,
                "review_state": ReviewState(a.review_state).value,
                "content_hash": a.content_hash,
                "origin_file": a.origin_file,
                "origin_position": a.origin_position,
                "imported_at": a.imported_at,
                "extra": dict(a.extra or {}),
                "text": a.text,
            }
            for a in session.exec(statement)
        ]
    if what == "mentions":
        statement_m = select(Mention).order_by(col(Mention.article_id), col(Mention.start), col(Mention.id))
        if article_ids is not None:
            statement_m = statement_m.where(col(Mention.article_id).in_(list(article_ids)))
        return [
            {
                "mention_id": m.id,
                "article_id": m.article_id,
                "kind": m.kind,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "value": m.value,
                "currency": m.currency,
                "qualifier": m.qualifier,
                "value_max": m.value_max,
                "what": m.what,
                "data": dict(m.data or {}),
            }
            for m in session.exec(statement_m)
        ]
    if what == "edits":
        statement_e = select(Edit).order_by(col(Edit.id))
        if article_ids is not None:
            record_ids = select(Record.id).where(col(Record.article_id).in_(list(article_ids)))
            statement_e = statement_e.where(
                sa.or_(col(Edit.article_id).in_(list(article_ids)), col(Edit.record_id).in_(record_ids))
            )
        return [
            {
                "edit_id": e.id,
                "record_id": e.record_id,
                "amount_id": e.amount_id,
                "article_id": e.article_id,
                "action": e.action,
                "field": e.field,
                "old_value": e.old_value,
                "new_value": e.new_value,
                "at": e.at,
                "actor": e.actor,
            }
            for e in session.exec(statement_e)
        ]
    raise ValueError(f"unknown table {what!r}; choose articles, mentions or edits")


# ------------------------------------------------------------------------------------------- stats


def stats(session: Session) -> Stats:
    by_state = {state.value: 0 for state in ReviewState}
    for state, n in session.exec(select(Article.review_state, func.count()).group_by(Article.review_state)):
        by_state[ReviewState(state).value] = int(n)
    by_status = {status.value: 0 for status in RecordStatus}
    for status, n in session.exec(select(Record.status, func.count()).group_by(Record.status)):
        by_status[RecordStatus(status).value] = int(n)

    def count(model: type) -> int:
        return int(session.exec(select(func.count()).select_from(model)).one())

    return Stats(
        articles=sum(by_state.values()),
        records=sum(by_status.values()),
        amounts=count(Amount),
        mentions=count(Mention),
        edits=count(Edit),
        articles_by_state=by_state,
        records_by_status=by_status,
    )


# ------------------------------------------------------------------------------- rows made by hand


def find_record_row(session: Session, *, record_id: int) -> Record | None:
    return session.get(Record, record_id)


def add_manual_record(session: Session, *, article_id: int, values: dict[str, Any]) -> Record:
    """A record typed by a person (every given field marked curated); flushed, so it has an id."""
    record = Record(
        article_id=article_id,
        origin=Origin.MANUAL,
        status=RecordStatus.PENDING,
        curated_fields=sorted(values),
        **values,
    )
    session.add(record)
    session.flush()
    return record


def add_manual_amount(
    session: Session, *, record_id: int, start: int | None, end: int | None, values: dict[str, Any]
) -> Amount:
    """An amount typed by a person, after the record's other amounts; flushed, so it has an id."""
    amount = Amount(
        record_id=record_id,
        position=next_amount_position(session, record_id=record_id),
        start=start,
        end=end,
        origin=Origin.MANUAL,
        curated_fields=[spec.name for spec in AMOUNT_FIELDS],
        **values,
    )
    session.add(amount)
    session.flush()
    return amount


def restore_amount_row(session: Session, *, amount: AmountView) -> None:
    """Re-insert a deleted amount with its old id (its share link only if the target still exists)."""
    if session.get(Amount, amount.id) is not None:
        raise ValueError(f"amount {amount.id} already exists; nothing to restore")
    share_of = amount.share_of_id
    if share_of is not None and session.get(Amount, share_of) is None:
        share_of = None
    session.add(
        Amount(
            id=amount.id,
            record_id=amount.record_id,
            position=amount.position,
            share_of_id=share_of,
            start=amount.start,
            end=amount.end,
            origin=amount.origin,
            extracted=dict(amount.extracted),
            curated_fields=list(amount.curated_fields),
            **{spec.name: getattr(amount, spec.name) for spec in AMOUNT_FIELDS if spec.name != "share_of_id"},
        )
    )
    session.flush()


def delete_row(session: Session, row: Any) -> None:
    """Delete one loaded row (record, amount or evidence) in the caller's transaction."""
    session.delete(row)
