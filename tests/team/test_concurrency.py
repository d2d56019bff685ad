"""Two curators or importers on one database, on SQLite and PostgreSQL: no lost edit, no failure."""

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from aidcurator.curation import Curator

INCREMENTS = 150

_INCREMENTER = """
import sys
from aidcurator.curation import ConflictError, Curator
url, record_id, times = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
curator = Curator.open(url, actor=sys.argv[4])
done = conflicts = 0
while done < times:
    record = curator.record(record_id)
    try:
        curator.update_record_field(record_id, "n_projects", (record.n_projects or 0) + 1,
                                    expected_version=record.version)
    except ConflictError:
        conflicts += 1
        continue
    done += 1
print(conflicts)
"""


def _run_together(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    results = []
    for command, process in zip(commands, processes, strict=True):
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def test_two_processes_of_guarded_increments_lose_nothing(backend_url: str) -> None:
    with Curator.open(backend_url) as curator:
        from aidcurator.domain import ArticleDraft

        report = curator.import_drafts([ArticleDraft(text="一篇没有金额的文章。", title="t")])
        record_id = curator.create_record(report.article_ids[0], {"n_projects": 0})
    results = _run_together(
        *[
            [sys.executable, "-c", _INCREMENTER, backend_url, str(record_id), str(INCREMENTS), who]
            for who in "ab"
        ]
    )
    for result in results:
        assert result.returncode == 0, result.stderr
    with Curator.open(backend_url) as curator:
        assert curator.record(record_id).n_projects == 2 * INCREMENTS
        edits = [e for e in curator.history(record_id) if e.field == "n_projects"]
    assert len(edits) == 2 * INCREMENTS
    olds = [e.old_value for e in edits]
    assert len(set(olds)) == len(olds)  # no two edits were made from the same old version


def _write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for number in range(count):
        text = (
            f"第{number}号报道：江苏省今年在克州实施援疆项目{number % 40 + 2}个，"
            f"安排援疆资金{number + 1}.5亿元，惠及群众{number * 7 + 100}人。"
        )
        (folder / f"a{number:03d}.txt").write_text(text, encoding="utf-8")


def test_two_concurrent_imports_of_one_folder_end_with_each_article_once(
    backend_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    _write_articles(folder, 200)
    command = [sys.executable, "-m", "aidcurator", "import", str(folder), "--db", backend_url]
    results = _run_together(command, command)
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr.lower(), result.stderr
    imported = sum(int(r.stdout.split()[1]) for r in results)
    assert imported == 200, [r.stdout for r in results]
    with Curator.open(backend_url) as curator:
        assert curator.count_articles() == 200
        with curator.engine.connect() as conn:
            hashes = conn.execute(sa.text("SELECT count(DISTINCT content_hash) FROM article")).scalar()
    assert hashes == 200


def test_money_keeps_every_digit_typed(backend_url: str) -> None:
    from decimal import Decimal

    from aidcurator.domain import ArticleDraft

    with Curator.open(backend_url) as curator:
        report = curator.import_drafts([ArticleDraft(text="一篇文章。", title="t")])
        record_id = curator.create_record(report.article_ids[0], amounts=["1亿元"])
        amount = curator.record(record_id).amounts[0]
        exact = Decimal("123456789012345678901234.123456789012")
        curator.update_amount(amount.id, value=exact, text="typed by hand")
        assert curator.record(record_id).amounts[0].value == exact


def test_opening_a_current_database_runs_no_migration_and_no_integrity_check(backend_url: str) -> None:
    from aidcurator.store import open_engine

    open_engine(backend_url).dispose()  # creates and migrates
    statements: list[str] = []
    from aidcurator.store.engine import create_engine_for
    from aidcurator.store.migrate import upgrade

    engine = create_engine_for(backend_url)
    sa.event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    try:
        assert upgrade(engine) is False
    finally:
        engine.dispose()
    assert not any(
        "foreign_key_check" in s or "ALTER" in s.upper() or "CREATE" in s.upper() for s in statements
    )
