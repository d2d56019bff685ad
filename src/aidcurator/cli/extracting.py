"""``aidcurator extract``: the extractor's findings as JSON, without a database.

Documents are extracted (and their JSON written) in worker processes when there are many of
them, so the whole command runs at the extractor's speed on every core; the output keeps the
input's order.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from aidcurator.domain.jsonvalues import dumps_exact
from aidcurator.parallel import default_workers

#: Fewer documents than this are extracted in this process (a pool costs a second to start).
MIN_DOCUMENTS_FOR_WORKERS = 24
#: New containers (net) between two young-generation collections while a batch is extracted (Python: 700).
GC_THRESHOLD = 20_000
EXIT_OK, EXIT_FAILED = 0, 1


def _mention_json(mention: Any) -> dict[str, Any]:
    return {
        "kind": mention.kind,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "value": mention.value,
        "currency": mention.currency,
        "qualifier": mention.qualifier,
        "value_max": mention.value_max,
        "what": mention.what,
        "data": mention.data,
    }


def _record_json(record: Any, text: str) -> dict[str, Any]:
    from aidcurator.domain.fields import MACHINE_FIELDS

    result = {
        key: getattr(record, key) for key in (*MACHINE_FIELDS, "parent_index", "donor_code", "recipient_code")
    }
    result["amounts"] = [
        {
            "text": amount.text,
            "value": amount.value,
            "value_max": amount.value_max,
            "currency": amount.currency,
            "qualifier": amount.qualifier,
            "kind": amount.kind,
            "period_start": amount.period_start,
            "period_end": amount.period_end,
            "start": amount.span.start,
            "end": amount.span.end,
            "share_of": amount.share_of,
        }
        for amount in record.amounts
    ]
    result["evidence"] = [
        {"field": field, "start": span.start, "end": span.end, "text": text[span.start : span.end]}
        for field, spans in record.evidence.items()
        for span in spans
    ]
    result["flags"] = record.flags
    result["parties"] = [  # parties hook: organisations with their roles (extract/party_roles.py)
        {
            "name": party.name,
            "organisation_type": party.organisation_type,
            "role": party.role,
            "start": party.span.start,
            "end": party.span.end,
            "text": text[party.span.start : party.span.end],
        }
        for party in record.parties
    ]
    return result


def _extract_inputs(paths: Sequence[str]) -> Iterator[tuple[str, list[Any] | Exception]]:
    from aidcurator.ingest import IngestError, iter_input_files
    from aidcurator.ingest.documents import read_documents

    for given in paths:
        if given == "-":
            data = sys.stdin.buffer.read()
            try:
                yield "-", read_documents("-", data)
            except IngestError as exc:
                yield "-", exc
            continue
        try:
            files = iter_input_files([given])
        except IngestError as exc:
            yield given, exc
            continue
        for path in files:
            try:
                yield str(path), read_documents(str(path))
            except IngestError as exc:
                yield str(path), exc
            except OSError as exc:
                yield str(path), IngestError(str(path), exc.strerror or str(exc))


def document_json(doc: Any) -> str:
    """One document's JSON line: mentions and records, with the text the offsets count in."""
    from aidcurator.extract import extract

    extraction = extract(doc.text, doc.published)
    return dumps_exact(
        {
            "id": doc.id,
            "title": doc.title,
            "mentions": [_mention_json(m) for m in extraction.mentions],
            "records": [_record_json(r, doc.text) for r in extraction.records],
            "text": doc.text,  # what the offsets count in
        }
    )


def _documents(paths: Sequence[str], failures: list[str]) -> Iterator[Any]:
    for name, result in _extract_inputs(paths):
        if isinstance(result, Exception):
            message = str(result) if str(result).startswith(name) else f"{name}: {result}"
            print(f"error: {message}", file=sys.stderr)
            failures.append(name)
            continue
        yield from result


def run_extract(paths: Sequence[str], fmt: str, *, workers: int | None = None) -> int:
    """Write every document's JSON to stdout (a list, or one a line); returns the exit code."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # JSON goes out as UTF-8 whatever the console uses
    out = sys.stdout
    failures: list[str] = []
    docs = list(_documents(paths, failures))
    count = default_workers() if workers is None else max(1, workers)
    if count > 1 and len(docs) >= MIN_DOCUMENTS_FOR_WORKERS:
        import multiprocessing  # here, not at the top: a one-process run does without (~15 ms)
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=collect_less) as pool:
            lines: Iterator[str] = pool.map(document_json, docs, chunksize=8)
            _write(out, lines, fmt)
    else:
        threshold = gc.get_threshold()
        collect_less()
        try:
            _write(out, map(document_json, docs), fmt)
        finally:
            gc.set_threshold(*threshold)  # (a caller in the same process, such as a test, keeps its own)
    return EXIT_FAILED if failures else EXIT_OK


def collect_less() -> None:
    """Look for reference cycles less often in a process that extracts a batch of documents: each
    document makes and frees tens of thousands of short-lived containers, and a collection after every
    700 of them cost about 1 % of the run (cycles are still collected, a little later)."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def _write(out: Any, lines: Iterator[str], fmt: str) -> None:
    if fmt == "json":
        out.write("[")
        first = True
        for line in lines:
            out.write(("\n" if first else ",\n") + line)
            first = False
        out.write("\n]\n" if not first else "]\n")
    else:
        for line in lines:
            out.write(line + "\n")
    out.flush()
