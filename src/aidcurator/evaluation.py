"""Score the extractor against gold data: mention precision/recall/F1 and record field accuracy.

Gold documents are dicts ``{"id", "text", "published"?, "mentions": [...], "records": [...]}`` (format in
README.md and tests/gold/README.md). A mention counts as found when kind, span and exact value agree
(plus currency for amounts and the counted noun for counts). Records are paired by their amount's
value and currency; a field's accuracy is the share of gold records whose field the extractor got
right (an unpaired gold record counts as wrong for every field).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from aidcurator.domain import CandidateRecord, Mention, MentionKind
from aidcurator.domain.fields import AMOUNT_FIELD, RECORD_FIELDS
from aidcurator.extract import extract

MENTION_KINDS = ("amount", "count")


def _scored_fields() -> tuple[tuple[str, bool], ...]:
    """(name, always) of every field evaluate scores, in the order the report prints them.

    The record fields come from :data:`aidcurator.domain.fields.RECORD_FIELDS` (``spec.scored``); the
    period's fields (``year_start``/``year_end``) are scored together as ``year``, followed by the
    amount's kind (``amount_kind``). A party, the period and a field with a default value (record kind,
    amount kind) are scored on every gold record, since the gold's null is an answer there; the others
    (counts, sector, flow type, status) only where the gold states them. Printed: the always-scored
    fields (parties, period, kinds), then the others (counts first), each group in table order."""
    fields: list[tuple[str, bool, str]] = []
    for spec in RECORD_FIELDS:
        if spec.type == "year":
            if not any(name == "year" for name, _, _ in fields):
                kind = AMOUNT_FIELD["kind"]
                fields += [("year", True, "year"), ("amount_kind", kind.default is not None, "amount")]
        elif spec.scored:
            fields.append((spec.name, spec.highlight == "place" or spec.default is not None, spec.type))
    always_order = {"text": 0, "year": 1, "amount": 1}  # then choices
    other_order = {"count": 0, "text": 1}  # then choices
    fields.sort(key=lambda f: (not f[1], (always_order if f[1] else other_order).get(f[2], 2)))
    return tuple((name, always) for name, always, _ in fields)


SCORED_FIELDS = _scored_fields()
#: Names of the scored fields, in the order the report prints them.
SCORED_NAMES = tuple(name for name, _ in SCORED_FIELDS)
#: Fields scored on every gold record; the others only where the gold states a value.
ALWAYS_SCORED = tuple(name for name, always in SCORED_FIELDS if always)


class GoldFormatError(ValueError):
    """A gold file that cannot be read."""


@dataclass
class Tally:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    documents: int = 0
    mentions: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in MENTION_KINDS})
    gold_records: int = 0
    paired_records: int = 0
    predicted_records: int = 0  # records the extractor proposed; those left unpaired the curator rejects
    field_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED_NAMES, 0))
    field_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED_NAMES, 0))
    errors: list[str] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)

    def field_accuracy(self, name: str) -> float | None:
        total = self.field_total[name]
        return self.field_correct[name] / total if total else None

    @property
    def record_precision(self) -> float:
        return self.paired_records / self.predicted_records if self.predicted_records else 1.0

    def format(self) -> str:
        """A plain-text table of the figures."""
        lines = [
            f"documents: {self.documents}",
            "",
            "mentions     precision  recall     F1   (tp / predicted / gold)",
        ]
        for kind, tally in self.mentions.items():
            if tally.gold or tally.predicted:
                lines.append(
                    f"  {kind:<10} {tally.precision:8.3f} {tally.recall:7.3f} {tally.f1:7.3f}   "
                    f"({tally.true_positives} / {tally.predicted} / {tally.gold})"
                )
        if self.gold_records:
            extra = self.predicted_records - self.paired_records
            lines += [
                "",
                f"records: {self.paired_records} of {self.gold_records} gold records paired by amount",
                f"proposed: {self.predicted_records}, of which {extra} match no gold record "
                f"(precision {self.record_precision:.3f})",
                "field accuracy (over gold records that state the field)",
            ]
            for name in SCORED_NAMES:
                accuracy = self.field_accuracy(name)
                if accuracy is not None:
                    lines.append(
                        f"  {name:<26} {accuracy:6.3f}   ({self.field_correct[name]} / {self.field_total[name]})"
                    )
        return "\n".join(lines)

    def format_errors(self, most: int = 40) -> str:
        """The first ``most`` missed mentions and every record field that disagrees with the gold, as
        text ("" when there are none)."""
        parts = []
        if self.errors:
            parts.append("\nfirst misses:\n" + "\n".join("  " + line for line in self.errors[:most]))
        if self.field_errors:
            parts.append(
                "\nrecord fields that disagree with the gold:\n"
                + "\n".join("  " + line for line in self.field_errors)
            )
        return "\n".join(parts)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise GoldFormatError(f"not a number: {value!r}") from exc


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold documents from our JSONL format or a Recognizers-Text spec file (JSON array)."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read ({exc})") from exc
    stripped = raw.lstrip()
    try:
        if stripped.startswith("["):
            items = json.loads(stripped)
        else:
            items = [json.loads(line) for line in raw.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise GoldFormatError(
            f"{path}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    docs = [_from_recognizers(item, i) if "input" in item else item for i, item in enumerate(items)]
    for index, doc in enumerate(docs):
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise GoldFormatError(f"{path}: document {index + 1} has no text")
    return docs


def _from_recognizers(item: dict[str, Any], index: int) -> dict[str, Any]:
    """A Recognizers-Text case → a gold document with amount mentions (currency cases only)."""
    mentions = []
    for expected in item.get("expected", []):
        if expected.get("type") != "currency" or expected.get("value") is None:
            continue
        mentions.append(
            {
                "kind": "amount",
                "start": expected["start"],
                "text": expected["span_text"],
                "value": expected.get("value_str") or expected["value"],
                "currency": expected.get("currency"),
            }
        )
    return {
        "id": f"{item.get('lang', '')}-{index + 1}",
        "text": item["input"],
        "mentions": mentions,
        "records": [],
        "recognizers": True,
    }


def _mention_key(kind: str, start: int, end: int, value: Decimal | None, extra: str | None) -> tuple:
    return (kind, start, end, value, extra)


def _gold_mention_keys(doc: dict[str, Any]) -> dict[str, set[tuple]]:
    keys: dict[str, set[tuple]] = {k: set() for k in MENTION_KINDS}
    text = doc["text"]
    for item in doc.get("mentions", []):
        kind = item.get("kind")
        if kind not in keys:
            continue
        start = item.get("start")
        if start is None:
            start = text.find(item["text"])
        end = start + len(item["text"])
        extra = item.get("currency") if kind == "amount" else item.get("what")
        keys[kind].add(_mention_key(kind, start, end, _decimal(item.get("value")), extra))
    return keys


def _predicted_mention_keys(mentions: list[Mention], *, currency_known_only: bool) -> dict[str, set[tuple]]:
    keys: dict[str, set[tuple]] = {k: set() for k in MENTION_KINDS}
    for mention in mentions:
        if mention.kind not in (MentionKind.AMOUNT, MentionKind.COUNT):
            continue
        kind = mention.kind.value
        extra = mention.currency if kind == "amount" else mention.what
        keys[kind].add(_mention_key(kind, mention.start, mention.end, mention.value, extra))
    return keys


def _recognizers_compatible(keys: set[tuple]) -> set[tuple]:
    """Recognizers marks a currency-less or ambiguous amount with currency null: compare value and span."""
    return {(k[0], k[1], k[2], k[3], None) for k in keys}


def _record_values(record: CandidateRecord) -> dict[str, Any]:
    amount = record.amounts[0] if record.amounts else None
    values: dict[str, Any] = {}
    for name in SCORED_NAMES:
        if name == "year":
            values[name] = (record.year_start, record.year_end)
        elif name == "amount_kind":
            values[name] = amount.kind.value if amount else None
        else:
            values[name] = _plain(getattr(record, name, None))
    return values


def _gold_record_values(gold: dict[str, Any]) -> dict[str, Any]:
    amount = gold.get("amount") or {}
    year_start, year_end = gold.get("year_start"), gold.get("year_end")
    values: dict[str, Any] = {}
    for name in SCORED_NAMES:
        if name == "year":
            values[name] = (year_start, year_end if year_end is not None else year_start)
        elif name == "amount_kind":
            values[name] = amount.get("kind")
        else:
            values[name] = gold.get(name)
    return values


def _plain(value: Any) -> Any:
    """A choice's value as the gold writes it (``RecordKind.PROJECT`` → ``"project"``)."""
    return value.value if isinstance(value, StrEnum) else value


def score_records(
    report: Report, gold_records: list[dict[str, Any]], predicted: list[CandidateRecord], doc_id: Any = None
) -> None:
    """Pair gold and predicted records by amount value and currency, then tally field agreement."""
    unused = list(predicted)
    report.predicted_records += len(predicted)
    for gold in gold_records:
        report.gold_records += 1
        amount = gold.get("amount") or {}
        value, currency = _decimal(amount.get("value")), amount.get("currency")
        match = next(
            (
                r
                for r in unused
                if r.amounts
                and r.amounts[0].value == value
                and (currency is None or r.amounts[0].currency == currency)
            ),
            None,
        )
        expected = _gold_record_values(gold)
        got = _record_values(match) if match is not None else None
        if match is not None:
            unused.remove(match)
            report.paired_records += 1
        for name in SCORED_NAMES:
            if name not in ALWAYS_SCORED and expected[name] is None:
                continue
            report.field_total[name] += 1
            if got is not None and got[name] == expected[name]:
                report.field_correct[name] += 1
            else:
                shown = amount.get("value")
                report.field_errors.append(
                    f"{doc_id}: {name} of {shown} {currency or ''}: expected {expected[name]!r}, "
                    f"got {got[name] if got is not None else 'no record'!r}"
                )
    for record in unused:
        amount = record.amounts[0] if record.amounts else None
        report.field_errors.append(
            f"{doc_id}: extra record for {amount.text if amount else '?'!r} ({amount.value if amount else ''}): "
            "no gold record has its amount"
        )


def evaluate_documents(docs: Iterable[dict[str, Any]]) -> Report:
    """Run the extractor over gold documents and score it."""
    report = Report()
    for doc in docs:
        report.documents += 1
        extraction = extract(doc["text"], _date(doc.get("published")))
        gold_keys = _gold_mention_keys(doc)
        predicted_keys = _predicted_mention_keys(extraction.mentions, currency_known_only=False)
        if doc.get("recognizers"):
            gold_keys = {k: _recognizers_compatible(v) for k, v in gold_keys.items()}
            predicted_keys = {k: _recognizers_compatible(v) for k, v in predicted_keys.items()}
            predicted_keys["count"] = set()
        for kind in MENTION_KINDS:
            tally = report.mentions[kind]
            tally.gold += len(gold_keys[kind])
            tally.predicted += len(predicted_keys[kind])
            tally.true_positives += len(gold_keys[kind] & predicted_keys[kind])
            for missing in sorted(gold_keys[kind] - predicted_keys[kind], key=str)[:3]:
                report.errors.append(
                    f"{doc.get('id')}: missed {kind} {doc['text'][missing[1] : missing[2]]!r}"
                )
        score_records(report, doc.get("records", []), extraction.records, doc.get("id"))
    return report
