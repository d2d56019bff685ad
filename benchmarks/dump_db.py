"""Print a database's contents canonically, to compare an import before and after a change.

    python benchmarks/dump_db.py DB [--out FILE]

Every table (but alembic's) row by row in id order, with the time stamps an import sets from the
clock (``imported_at``, ``created_at``, ``updated_at``, ``at``) masked; the last line is the SHA-256
of everything before it. Two imports of the same files must print the same text.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from pathlib import Path

CLOCK_COLUMNS = {"imported_at", "created_at", "updated_at", "at"}


def dump(db: Path) -> list[str]:
    """The canonical lines of ``db``."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    lines: list[str] = []
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name"
        )
    ]
    for table in tables:
        cursor = connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        names = [c[0] for c in cursor.description]
        masked = [i for i, n in enumerate(names) if n in CLOCK_COLUMNS]
        lines.append(f"## {table}: {', '.join(names)}")
        for row in cursor:
            values = list(row)
            for i in masked:
                values[i] = "<clock>" if values[i] is not None else None
            lines.append(repr(tuple(values)))
    connection.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = dump(args.db)
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    text = "\n".join([*lines, f"sha256 {digest}"]) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"{args.db}: {len(lines)} lines, sha256 {digest}", file=sys.stderr)


if __name__ == "__main__":
    main()
