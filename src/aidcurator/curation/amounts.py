"""Changing the amounts of a record: edit, add, delete, put back, reset to extracted."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any, Final

from aidcurator.curation.base import CuratorBase
from aidcurator.curation.history import change, mark_curated, touch
from aidcurator.curation.project_sync import sync_record_project
from aidcurator.curation.validation import (
    check_amount_consistency,
    coerce_currency,
    coerce_decimal,
    coerce_enum,
    coerce_year,
    decode_stored,
    parse_whole_number,
)
from aidcurator.domain import UNKNOWN_CURRENCY, AmountKind, Origin, Qualifier
from aidcurator.domain.fields import AMOUNT_FIELD, AMOUNT_MACHINE_FIELDS
from aidcurator.domain.views import AmountView, RecordView
from aidcurator.store import Session, write_session
from aidcurator.store import repository as repo


class _Unset(Enum):
    token = 0


UNSET: Final = _Unset.token


class AmountsMixin(CuratorBase):
    """Amount use cases."""

    def update_amount(
        self,
        amount_id: int,
        *,
        text: str | None = None,
        currency: str | None = None,
        qualifier: Qualifier | str | None = None,
        kind: AmountKind | str | None = None,
        value_max: Decimal | int | str | _Unset | None = UNSET,
        period_start: int | str | _Unset | None = UNSET,
        period_end: int | str | _Unset | None = UNSET,
        share_of_id: int | _Unset | None = UNSET,
        value: Decimal | int | str | _Unset = UNSET,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Change an amount. ``text`` is parsed with the extractor's parser, which sets the value,
        qualifier and maximum (and the currency when the text names one); explicit arguments win.

        Arguments left out are not changed; ``value_max``, ``period_*`` and ``share_of_id`` accept
        ``None`` to clear them. Giving ``value`` together with ``text`` stores both exactly as given
        without parsing (what undo needs to put back an extracted text such as ``69920万 元``).
        Unreadable text raises ``AmountParseError`` and nothing changes.
        """
        changes = self._amount_changes(
            value=value,
            text=text,
            currency=currency,
            qualifier=qualifier,
            kind=kind,
            value_max=value_max,
            period_start=period_start,
            period_end=period_end,
            share_of_id=share_of_id,
        )
        with write_session(self.engine) as session:
            amount = repo.load_amount(session, amount_id=amount_id)
            record = self._load_for_change(session, amount.record_id, expected_version)
            if "currency" not in changes and changes.get("_text_currency") not in (None, UNKNOWN_CURRENCY):
                changes["currency"] = changes["_text_currency"]
            changes.pop("_text_currency", None)
            if "share_of_id" in changes and changes["share_of_id"] is not None:
                self._check_share(session, amount, changes["share_of_id"])
            check_amount_consistency(amount, changes)
            dropped = self._drop_stale_amount_evidence(session, record, amount, changes, self._who(actor))
            if self._apply_amount(session, amount, record, changes, self._who(actor)) or dropped:
                touch(record)
            sync_record_project(self, session, record.id or 0)
            return self._view(session, record.id or 0)

    @staticmethod
    def _drop_stale_amount_evidence(
        session: Session, record: Any, amount: Any, changes: Mapping[str, Any], actor: str
    ) -> bool:
        """A typed amount text the article does not hold at the amount's span: its quote goes."""
        text = changes.get("text")
        if text is None or text == amount.text or amount.start is None or amount.end is None:
            return False
        article = repo.load_article(session, article_id=record.article_id)
        if article.text[amount.start : amount.end].strip() == text.strip():
            return False
        current = repo.load_evidence(session, record_ids=[record.id]).get(record.id, [])
        stale = [
            ev for ev in current if ev.field == "amount" and (ev.start, ev.end) == (amount.start, amount.end)
        ]
        for ev in stale:
            repo.delete_row(session, ev)
        if stale:
            session.flush()
            repo.add_edit(
                session,
                action="evidence",
                actor=actor,
                record_id=record.id,
                amount_id=amount.id,
                article_id=record.article_id,
                field="amount",
                old_value=[[ev.start, ev.end] for ev in stale],
                new_value=[],
            )
        return bool(stale)

    def _amount_changes(
        self,
        *,
        text: str | None = None,
        currency: Any = None,
        qualifier: Any = None,
        kind: Any = None,
        value_max: Any = UNSET,
        period_start: Any = UNSET,
        period_end: Any = UNSET,
        share_of_id: Any = UNSET,
        value: Any = UNSET,
    ) -> dict[str, Any]:
        """Checked values for the amount fields given (``_text_currency``: the currency the text named)."""
        changes: dict[str, Any] = {}
        if value is not UNSET:
            number = coerce_decimal(value, "value", self.amount_parser)
            if number is None:
                raise ValueError("an amount needs a value")
            changes["value"] = number
            if text is not None:
                if not text.strip():
                    raise ValueError("an amount needs its text as written")
                changes["text"] = text.strip()
        elif text is not None:
            parsed = self.amount_parser(text)  # AmountParseError propagates; nothing written yet
            changes.update(
                text=text.strip(),
                value=Decimal(parsed.value),
                qualifier=Qualifier(parsed.qualifier),
                value_max=Decimal(parsed.value_max) if parsed.value_max is not None else None,
                _text_currency=parsed.currency or UNKNOWN_CURRENCY,
            )
        if currency is not None:
            changes["currency"] = coerce_currency(currency)
        if qualifier is not None:
            changes["qualifier"] = coerce_enum(Qualifier, qualifier, "qualifier")
        if kind is not None:
            changes["kind"] = coerce_enum(AmountKind, kind, "amount kind")
        if value_max is not UNSET:
            changes["value_max"] = coerce_decimal(value_max, "maximum", self.amount_parser)
        for name, given in (("period_start", period_start), ("period_end", period_end)):
            if given is not UNSET:
                changes[name] = coerce_year(given, AMOUNT_FIELD[name].label.lower())
        if share_of_id is not UNSET:
            changes["share_of_id"] = parse_whole_number(share_of_id, "share of")
        return changes

    @staticmethod
    def _check_share(session: Session, amount: Any, share_of_id: int) -> None:
        if share_of_id == amount.id:
            raise ValueError("an amount cannot be a share of itself")
        parent = repo.load_amount(session, amount_id=share_of_id)
        owner = repo.load_record(session, record_id=parent.record_id)
        mine = repo.load_record(session, record_id=amount.record_id)
        if owner.article_id != mine.article_id:
            raise ValueError(f"amount {share_of_id} belongs to another article")

    @staticmethod
    def _apply_amount(
        session: Session, amount: Any, record: Any, changes: Mapping[str, Any], actor: str
    ) -> bool:
        changed = False
        for name, new in changes.items():
            changed = change(session, record, name, new, actor=actor, amount=amount) or changed
        return changed

    def add_amount(
        self,
        record_id: int,
        text: str,
        *,
        currency: str | None = None,
        qualifier: Qualifier | str | None = None,
        kind: AmountKind | str | None = None,
        value_max: Decimal | int | str | _Unset | None = UNSET,
        period_start: int | str | None = None,
        period_end: int | str | None = None,
        share_of_id: int | None = None,
        span: tuple[int, int] | None = None,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> int:
        """Add an amount typed by a person; returns its id."""
        changes = self._amount_changes(
            text=text,
            currency=currency,
            qualifier=qualifier,
            kind=kind,
            value_max=value_max,
            period_start=period_start,
            period_end=period_end,
            share_of_id=share_of_id,
        )
        text_currency = changes.pop("_text_currency", UNKNOWN_CURRENCY)
        changes.setdefault("currency", text_currency)
        check_amount_consistency(None, changes)
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            start = end = None
            if span is not None:
                article = repo.load_article(session, article_id=record.article_id)
                start, end = span
                repo.check_span(article.text, start, end, "amount span")
            share_of = changes.pop("share_of_id", None)
            amount = repo.add_manual_amount(
                session, record_id=record_id, start=start, end=end, values=changes
            )
            if share_of is not None:
                self._check_share(session, amount, share_of)
                amount.share_of_id = share_of
            mark_curated(record, "amounts")
            touch(record)
            repo.add_edit(
                session,
                action="create",
                actor=self._who(actor),
                record_id=record_id,
                amount_id=amount.id,
                article_id=record.article_id,
                field="amount",
                new_value=amount.text,
            )
            assert amount.id is not None
            sync_record_project(self, session, record_id)
            return amount.id

    def delete_amount(
        self, amount_id: int, *, expected_version: int | None = None, actor: str | None = None
    ) -> AmountView:
        """Delete an amount; returns it as it was so :meth:`restore_amount` can put it back."""
        with write_session(self.engine) as session:
            amount = repo.load_amount(session, amount_id=amount_id)
            record = self._load_for_change(session, amount.record_id, expected_version)
            view = repo.amount_view(amount)
            repo.delete_row(session, amount)
            mark_curated(record, "amounts")
            touch(record)
            repo.add_edit(
                session,
                action="delete",
                actor=self._who(actor),
                record_id=record.id,
                amount_id=amount_id,
                article_id=record.article_id,
                field="amount",
                old_value=view.text,
            )
            sync_record_project(self, session, record.id or 0)
            return view

    def restore_amount(
        self, amount: AmountView, *, expected_version: int | None = None, actor: str | None = None
    ) -> int:
        """Put back an amount removed by :meth:`delete_amount`, with the same id."""
        with write_session(self.engine) as session:
            record = self._load_for_change(session, amount.record_id, expected_version)
            repo.restore_amount_row(session, amount=amount)
            mark_curated(record, "amounts")
            touch(record)
            repo.add_edit(
                session,
                action="restore",
                actor=self._who(actor),
                record_id=record.id,
                amount_id=amount.id,
                article_id=record.article_id,
                field="amount",
                new_value=amount.text,
            )
            sync_record_project(self, session, record.id or 0)
            return amount.id

    def reset_amount_to_extracted(
        self,
        amount_id: int,
        field: str | None = None,
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Put one amount field (or every changed one) back to the extractor's value."""
        with write_session(self.engine) as session:
            amount = repo.load_amount(session, amount_id=amount_id)
            record = self._load_for_change(session, amount.record_id, expected_version)
            if amount.origin == Origin.MANUAL:
                raise ValueError(f"amount {amount_id} was typed by hand; it has no extracted values")
            if field is not None and field not in AMOUNT_MACHINE_FIELDS:
                raise ValueError(f"amount field {field!r} has no extracted value to go back to")
            names = (
                [field] if field else [n for n in (amount.curated_fields or []) if n in AMOUNT_MACHINE_FIELDS]
            )
            extracted = amount.extracted or {}
            who = self._who(actor)
            for name in names:
                if name in extracted:
                    new = decode_stored(AMOUNT_FIELD[name], extracted[name])
                    change(
                        session,
                        record,
                        name,
                        new,
                        actor=who,
                        action="update",
                        amount=amount,
                        mark="uncurated",
                    )
                else:
                    change(
                        session,
                        record,
                        name,
                        getattr(amount, name),
                        actor=who,
                        amount=amount,
                        mark="uncurated",
                    )
            if names:
                touch(record)
            sync_record_project(self, session, record.id or 0)
            return self._view(session, record.id or 0)


def decode_amount_values(extracted: Mapping[str, Any]) -> dict[str, Any]:
    """The extractor's amount values kept as JSON, back as Python values."""
    return {
        name: decode_stored(AMOUNT_FIELD[name], extracted[name])
        for name in AMOUNT_MACHINE_FIELDS
        if name in extracted
    }
