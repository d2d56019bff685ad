"""Find Chinese divisions renamed after the data of ``china_divisions.csv`` (about 2018).

Reads a newer list of division names (province, prefecture, county-level name per line) and prints,
as JSON, each county-level name the gazetteer lacks that has the same name without its ending as
exactly one gazetteer row under the same prefecture: 神木县 → 神木市, 湟中县 → 湟中区. Review the pairs,
then put them under ``renamed`` in ``resources/gazetteer/china_divisions_rules.json``; the build script
adds the new names as aliases of the old rows. Renames that change the name itself (盘县 → 盘州市) are not
found and are added by hand.

The list used: ``addressparser/pca.csv`` of the PyPI package addressparser-x 0.0.3 (MIT licence; names
only, about 2021), which is not a dependency of the project::

    pip download --no-deps addressparser-x==0.0.3 -d /tmp/apx && unzip -o /tmp/apx/*.whl -d /tmp/apx
    python tools/find_division_renames.py /tmp/apx/addressparser/pca.csv
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from build_china_divisions import GAZ, OUT, RULES, short_form

_FILES = (OUT.name, "xinjiang_places.csv", "donors.csv", "other_recipients.csv")


def find_renames(names_csv: Path) -> dict[str, str]:
    """Old gazetteer name → newer name, for the pairs described in the module docstring."""
    ethnic = json.loads(RULES.read_text(encoding="utf-8"))["ethnic_words"]
    rows = []
    for file_name in _FILES:
        with (GAZ / file_name).open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    keys = {row["name_zh"] for row in rows} | {a for row in rows for a in row["aliases"].split(";") if a}
    pairs: dict[str, str] = {}
    with names_csv.open(encoding="utf-8", newline="") as fh:
        for line in csv.reader(fh):
            prefecture, name = line[2], line[3]
            if not name or name in keys or not name.endswith(("市", "县", "区", "旗")):
                continue
            stem = short_form(name, ethnic)
            if len(stem) < 2:
                continue
            same = [
                row
                for row in rows
                if row["level"] in ("county", "city", "district")
                and row["name_zh"] != name
                and short_form(row["name_zh"], ethnic) == stem
                and short_form(row["parent_zh"], ethnic) == short_form(prefecture, ethnic)
            ]
            if len(same) == 1:
                pairs[same[0]["name_zh"]] = name
    return dict(sorted(pairs.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", type=Path, help="CSV: country, province, prefecture, county-level name, ...")
    print(json.dumps(find_renames(parser.parse_args().names), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
