"""Large CSV exports made side by side: worker processes each turn the records of a span of
articles into CSV, this process joins the parts in order into one file, byte for byte the file one
process writes. The workers read the database themselves (the SQLite file or the server), so a
private in-memory database is exported by one process; small exports too, where starting the
workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from aidcurator.curation.names import sector_name
from aidcurator.domain import RecordStatus
from aidcurator.parallel import default_workers
from aidcurator.store import Engine, create_engine_for, read_session, shared_url
from aidcurator.store import repository as repo

#: Below this many records one process is as fast (each worker first spends ~0.5 s starting).
MIN_RECORDS_FOR_WORKERS = 60_000
#: Parts per worker: small enough that the parts in flight stay a few tens of MB.
PARTS_PER_WORKER = 4

_SECTOR = repo.RECORD_EXPORT_KEYS.index("sector")
#: The exported record keys: the store's, with ``sector_name`` (from the code) after ``sector``.
EXPORT_KEYS = (
    *repo.RECORD_EXPORT_KEYS[: _SECTOR + 1],
    "sector_name",
    *repo.RECORD_EXPORT_KEYS[_SECTOR + 1 :],
)

# -- in the worker processes

_engines: dict[str, Engine] = {}


def csv_of_span(
    url: str, status: RecordStatus | None, span: repo.ArticleSpan, usd_base_year: int | None
) -> tuple[int, bytes]:
    """The number of records with ``status`` of the articles in ``span`` and their CSV rows."""
    from aidcurator.export import csv_part, store_text

    engine = _engines.get(url)
    if engine is None:
        engine = _engines[url] = create_engine_for(url)
    with read_session(engine) as session:
        chunks = repo.iter_flat_record_chunks(
            session,
            status=status,
            article_span=span,
            text_of=store_text("csv"),
            derived=("sector", sector_name),
        )
        return csv_part(EXPORT_KEYS, chunks, usd_base_year=usd_base_year)


# -- in the exporting process


def export_csv_side_by_side(
    engine: Engine,
    path: Any,
    *,
    status: RecordStatus | None,
    usd_base_year: int | None,
    workers: int | None = None,
) -> int | None:
    """Write the records with ``status`` (None: all) to the CSV file ``path`` with ``workers``
    processes (default: all cores). Returns how many records were written, or None, having
    written nothing, when one process does better: one worker, a private in-memory database or
    fewer than :data:`MIN_RECORDS_FOR_WORKERS` records."""
    from aidcurator.export import write_csv_parts

    count = default_workers() if workers is None else max(1, workers)
    url = shared_url(engine)
    if count < 2 or url is None:
        return None
    with read_session(engine) as session:
        if repo.count_records(session, status=status) < MIN_RECORDS_FOR_WORKERS:
            return None
        spans = repo.article_spans(session, status=status, parts=count * PARTS_PER_WORKER)
    written = 0

    def parts(pool: ProcessPoolExecutor) -> Iterator[bytes]:
        nonlocal written
        todo = iter(spans)
        pending: deque[Future[tuple[int, bytes]]] = deque()
        try:
            for span in todo:
                pending.append(pool.submit(csv_of_span, url, status, span, usd_base_year))
                if len(pending) > count:  # the parts in flight: one per worker and one more
                    break
            while pending:
                records, data = pending.popleft().result()
                written += records
                span = next(todo, None)
                if span is not None:
                    pending.append(pool.submit(csv_of_span, url, status, span, usd_base_year))
                yield data
        finally:
            for future in pending:
                future.cancel()

    context = multiprocessing.get_context("spawn")  # safe beside the window's threads
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        write_csv_parts(EXPORT_KEYS, parts(pool), path)
    return written
