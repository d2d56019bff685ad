"""Row → read-model mapping (ORM rows to the plain views of domain.views)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from aidcurator.domain import (
    AmountKind,
    Origin,
    Qualifier,
    RecordStatus,
    ReviewState,
)
from aidcurator.domain.fields import (
    RECORD_FIELDS,
    FieldSpec,
)
from aidcurator.domain.views import (
    AmountView,
    ArticleRow,
    EditView,
    EvidenceView,
    MentionView,
    RecordView,
)
from aidcurator.store.models import Amount, Article, Edit, Evidence, Mention, Record

_IN_CHUNK = 500


def _chunks(items: Sequence[Any], size: int = _IN_CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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


def _columns(row: Any) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in sa.inspect(type(row)).columns}


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
        change_group=e.change_group,
        project_id=e.project_id,
    )
