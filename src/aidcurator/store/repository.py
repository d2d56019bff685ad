"""Queries and writes, one module per aggregate, gathered under one name for the curation layer.

Keyword-only functions that take the caller's session. Reads return the plain snapshots of
:mod:`aidcurator.domain.views`; the ``load_*`` functions return ORM rows for the curation layer to
change inside its own transaction; they never leave it. Every filter takes user text as a bound
parameter. The modules: ``articles``, ``mentions``, ``records``, ``candidates``, ``edits``,
``exports`` and ``mapping`` (row → view).
"""

from aidcurator.store.articles import (
    add_article,
    all_article_ids,
    all_content_hashes,
    article_record_counts,
    escape_like,
    existing_hashes,
    find_article_by_hash,
    get_article,
    load_article,
    record_statuses_for_article,
)
from aidcurator.store.candidates import (
    KEY_FIELD,
    add_candidate_amount,
    add_candidate_record,
    add_candidate_records,
    amount_values,
    candidate_key,
    candidate_values,
    link_candidates,
)
from aidcurator.store.edits import (
    add_edit,
    edits_for_article,
    edits_for_record,
)
from aidcurator.store.exports import (
    EXPORT_FIELDS,
    RECORD_EXPORT_KEYS,
    iter_record_export_rows,
    iter_record_export_tuples,
    record_export_rows,
    stats,
    table_rows,
)
from aidcurator.store.mapping import (
    amount_view,
    evidence_view,
    record_view,
)
from aidcurator.store.mentions import (
    mentions_for_article,
    replace_mentions,
)
from aidcurator.store.models import utcnow
from aidcurator.store.records import (
    add_evidence,
    add_manual_amount,
    add_manual_record,
    amounts_for_record,
    check_span,
    delete_record_row,
    delete_row,
    evidence_for_record,
    find_record_row,
    get_record,
    load_amount,
    load_amounts,
    load_evidence,
    load_record,
    load_records_for_article,
    next_amount_position,
    records_for_article,
    restore_amount_row,
    restore_snapshot,
    snapshot_record,
)

__all__ = [
    "EXPORT_FIELDS",
    "KEY_FIELD",
    "RECORD_EXPORT_KEYS",
    "add_article",
    "add_candidate_amount",
    "add_candidate_record",
    "add_candidate_records",
    "add_edit",
    "add_evidence",
    "add_manual_amount",
    "add_manual_record",
    "all_article_ids",
    "all_content_hashes",
    "amount_values",
    "amount_view",
    "amounts_for_record",
    "article_record_counts",
    "candidate_key",
    "candidate_values",
    "check_span",
    "delete_record_row",
    "delete_row",
    "edits_for_article",
    "edits_for_record",
    "escape_like",
    "evidence_for_record",
    "evidence_view",
    "existing_hashes",
    "find_article_by_hash",
    "find_record_row",
    "get_article",
    "get_record",
    "iter_record_export_rows",
    "iter_record_export_tuples",
    "link_candidates",
    "load_amount",
    "load_amounts",
    "load_article",
    "load_evidence",
    "load_record",
    "load_records_for_article",
    "mentions_for_article",
    "next_amount_position",
    "record_export_rows",
    "record_statuses_for_article",
    "record_view",
    "records_for_article",
    "replace_mentions",
    "restore_amount_row",
    "restore_snapshot",
    "snapshot_record",
    "stats",
    "table_rows",
    "utcnow",
]
