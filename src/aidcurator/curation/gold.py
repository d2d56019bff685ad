"""The records people accepted, as gold documents for ``aidcurator evaluate --db``."""

from __future__ import annotations

from typing import Any

from aidcurator.curation.queries import QueriesMixin
from aidcurator.domain import RecordStatus
from aidcurator.domain.fields import RECORD_FIELDS
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.views import ArticleQuery

_GOLD_FIELDS = tuple(spec.name for spec in RECORD_FIELDS if spec.machine)


class GoldMixin(QueriesMixin):
    """Accepted records in the gold-file shape (README: Evaluating)."""

    def accepted_gold(self, *, page: int = 500) -> list[dict[str, Any]]:
        """One gold document per article with accepted records that carry an amount."""
        docs: list[dict[str, Any]] = []
        query = ArticleQuery(order_by="id", descending=False)
        offset = 0
        while rows := self.article_page(query, offset, page):
            offset += len(rows)
            for row in rows:
                accepted = [
                    r for r in self.records(row.id) if r.status == RecordStatus.ACCEPTED and r.amounts
                ]
                if not accepted:
                    continue
                article = self.article(row.id)
                records = []
                for record in accepted:
                    amount = record.amounts[0]
                    values = jsonable({name: getattr(record, name) for name in _GOLD_FIELDS})
                    values["amount"] = {
                        "value": str(amount.value),
                        "currency": amount.currency,
                        "kind": str(amount.kind),
                    }
                    records.append(values)
                docs.append(
                    {
                        "id": f"article {row.id}",
                        "text": article.text,
                        "published": article.published.isoformat() if article.published else None,
                        "mentions": [],
                        "records": records,
                    }
                )
        return docs
