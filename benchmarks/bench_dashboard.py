"""How fast the dashboard opens on a large database (not a test; prints figures).

Builds (once, then reuses) bench_gui's database of 100,000 articles and 300,000 records, plus one
project per accepted record (about 100,000 projects, each amount made distinct so that SQL cannot
fold them together: the worst case for adding up in Python), with bulk inserts through the store
layer. Then measures in a fresh process:

- the totals alone (``Curator.dashboard``) for each scope,
- View ▸ Dashboard in the window: from the menu action to every chart painted with its totals,
- a click on a bar: the article list filtered (first page and its "n of m done" line).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_dashboard.py [--db PATH] [--articles N] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEFAULT_DB = Path(tempfile.gettempdir()) / "aidcurator-bench" / "bench_dashboard.db"
#: Statuses given in turn to projects whose record has none (the bench records have none).
STATUSES = ("committed", "completed", "implementation", "pledged", "completed", "cancelled", "committed")


def _bench_gui():
    spec = importlib.util.spec_from_file_location("bench_gui", Path(__file__).with_name("bench_gui.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(db: Path, n_articles: int) -> None:
    """bench_gui's database, then one project per accepted record (bulk inserts)."""
    import sqlalchemy as sa

    from aidcurator.domain import RecordStatus
    from aidcurator.store import open_engine, write_session
    from aidcurator.store.listing import bulk_insert
    from aidcurator.store.models import Amount, Record

    _bench_gui().build(db, n_articles)
    started = time.perf_counter()
    engine = open_engine(db)
    now = dt.datetime.now(dt.UTC)
    first = (
        sa.select(Amount.value, Amount.currency)
        .where(Amount.record_id == Record.id)
        .order_by(Amount.position)
        .limit(1)
        .correlate(Record)
    )
    statement = sa.select(
        Record.id,
        Record.donor,
        Record.recipient,
        Record.year_start,
        Record.sector,
        Record.project_status,
        first.with_only_columns(Amount.value).scalar_subquery(),
        first.with_only_columns(Amount.currency).scalar_subquery(),
    ).where(Record.status == RecordStatus.ACCEPTED)
    projects, members = [], []
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    for number, (record_id, donor, recipient, year, sector, status, value, currency) in enumerate(rows, 1):
        if value is not None:
            value = Decimal(value) * Decimal(1000 + number % 997) / 1000  # distinct amounts
        projects.append(
            {
                "id": number,
                "title": f"Project {number}",
                "donor": donor,
                "recipient": recipient,
                "commitment_year": 2000 + number % 25 if year else None,
                "sector": sector,
                "project_status": (
                    getattr(status, "value", None) if status else STATUSES[number % len(STATUSES)]
                ),
                "amount_value": value,
                "amount_currency": currency,
                "umbrella": number % 50 == 0,
                "field_sources": {},
                "review_status": "pending" if number % 10 == 0 else "accepted",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
        members.append({"id": number, "project_id": number, "record_id": record_id, "added_at": now})
    with write_session(engine) as session:
        bulk_insert(session, table="project", rows=projects)
        bulk_insert(session, table="projectrecord", rows=members)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    print(f"added {len(projects):,} projects in {time.perf_counter() - started:.1f} s")


def measure(db: Path, repeats: int) -> None:
    from PySide6.QtCore import QEventLoop, QSettings

    from aidcurator.curation import Curator
    from aidcurator.domain.dashboard import Dimension, Scope
    from aidcurator.gui.app import application
    from aidcurator.gui.main_window import MainWindow

    curator = Curator.open(db)
    for scope in Scope:
        times, cpu_times = [], []
        for _ in range(repeats):
            begin, begin_cpu = time.perf_counter(), time.process_time()
            totals = curator.dashboard(scope)
            times.append(time.perf_counter() - begin)
            cpu_times.append(time.process_time() - begin_cpu)
        print(
            f"totals ({scope.value:<11}): median {statistics.median(times) * 1000:6.0f} ms, "
            f"max {max(times) * 1000:6.0f} ms, CPU {statistics.median(cpu_times) * 1000:4.0f} ms  "
            f"({totals.items:,} {totals.basis.value}, "
            f"{totals.no_rate:,} amounts without a rate)"
        )

    app = application()
    settings_dir = Path(tempfile.mkdtemp(prefix="bench-settings-"))
    settings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(curator, database_path=db, settings=settings, remember=False)
    window.show()
    window.select_first_article()
    for _ in range(3):
        app.processEvents()

    def wait_for(signal) -> None:
        """Run the event loop (sleeping, as the application does) until ``signal`` fires."""
        loop = QEventLoop()
        signal.connect(loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    opened, cpu = [], []
    window.dashboard.open()  # made once (and shown): later opens raise it and add up afresh
    dashboard = window.dashboard.dashboard
    assert dashboard is not None
    wait_for(dashboard.loaded)
    dashboard.close()
    for _ in range(3):
        app.processEvents()
    for _attempt in range(repeats):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        window.actions["dashboard"].trigger()
        wait_for(dashboard.loaded)
        for panel in dashboard.panels.values():
            panel.chart.repaint()
        opened.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
        dashboard.close()
        app.processEvents()
    print(
        f"open the dashboard ({repeats}x):        median {statistics.median(opened) * 1000:6.0f} ms, "
        f"max {max(opened) * 1000:6.0f} ms  (View > Dashboard to every chart painted; CPU median "
        f"{statistics.median(cpu) * 1000:.0f} ms)"
    )
    window.actions["dashboard"].trigger()
    wait_for(dashboard.loaded)

    for dimension in (Dimension.DONOR, Dimension.YEAR, Dimension.STATUS):
        chart = dashboard.panels[dimension].chart
        begin, begin_cpu = time.perf_counter(), time.process_time()
        chart.bar_clicked.emit(chart.bars[0].key)
        app.processEvents()
        elapsed, elapsed_cpu = time.perf_counter() - begin, time.process_time() - begin_cpu
        done, matching = window.articles.progress
        print(
            f"click bar {dimension.value}={chart.bars[0].label[:16]:<16} {elapsed * 1000:6.0f} ms, "
            f"CPU {elapsed_cpu * 1000:4.0f} ms  (list: {matching:,} articles, {done:,} done)"
        )
    begin = time.perf_counter()
    window.dashboard.apply_filter(None)
    app.processEvents()
    print(f"clear the bar filter:            {(time.perf_counter() - begin) * 1000:6.0f} ms")
    window.close()
    curator.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the database even if it exists")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build(args.db, args.articles)
        return 0
    if args.rebuild or not args.db.exists():
        command = [
            sys.executable,
            __file__,
            "--build-only",
            "--db",
            str(args.db),
            "--articles",
            str(args.articles),
        ]
        subprocess.run(command, check=True)
    measure(args.db, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
