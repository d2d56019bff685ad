"""Build ``resources/gazetteer/china_divisions.csv``: China's prefecture- and county-level divisions.

Source: ``cpca/resources/adcodes.csv`` of the PyPI package cpca 0.5.5 (MIT licence, see
``resources/gazetteer/PROVENANCE.md``); cpca is not a dependency of the project, this script only reads
its data file once::

    pip download --no-deps cpca==0.5.5 -d /tmp/cpca && unzip -o /tmp/cpca/*.whl -d /tmp/cpca
    pip install pypinyin  # the English names, see china_divisions_english.py
    python tools/build_china_divisions.py /tmp/cpca/cpca/resources/adcodes.csv

The matching policy (which names, which short forms, which role) is in ``china_divisions_rules.json``
beside the output and in the functions below; PROVENANCE.md states it in words. The script also writes
the division code of every existing row it can match into the ``code`` column of the other gazetteer
files (their ids never change).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

GAZ = Path(__file__).resolve().parents[1] / "resources" / "gazetteer"
OUT = GAZ / "china_divisions.csv"
RULES = GAZ / "china_divisions_rules.json"
EXISTING = ("xinjiang_places.csv", "donors.csv", "other_recipients.csv")
COLUMNS = ["id", "name_zh", "name_en", "aliases", "level", "parent_zh", "role", "code"]
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
ETHNIC_TAILS = ("自治县", "自治旗")


def _level(code: str, name: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    if name.endswith("区"):
        return "district"
    if name.endswith("市"):
        return "city"
    return "county"


def short_form(name: str, ethnic: list[str]) -> str:
    """The name without its suffix (承德市 → 承德, 北川羌族自治县 → 北川, 大兴安岭地区 → 大兴安岭)."""
    for tail in ("自治州", "自治县", "自治旗", "地区", "市", "县", "区", "旗", "盟", "州"):
        if name.endswith(tail):
            stem = name[: -len(tail)]
            if tail.startswith("自治"):
                cut = True
                while cut:  # 土家族苗族 → ''
                    cut = False
                    for word in ethnic:
                        if stem.endswith(word) and len(stem) > len(word):
                            stem, cut = stem[: -len(word)], True
            return stem
    return name


def _read_existing() -> tuple[dict[str, dict[str, str]], set[str], dict[str, list[dict[str, str]]]]:
    rows_by_name: dict[str, dict[str, str]] = {}
    keys: set[str] = set()
    tables: dict[str, list[dict[str, str]]] = {}
    for file_name in EXISTING:
        with (GAZ / file_name).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        tables[file_name] = rows
        for row in rows:
            rows_by_name[row["name_zh"]] = row
            keys.add(row["name_zh"])
            keys.update(a.strip() for a in row["aliases"].split(";") if a.strip())
    return rows_by_name, keys, tables


def _province(code: str, names: dict[str, str]) -> str:
    return names[code[:2] + "0000"]


def build(adcodes: Path) -> None:
    rules = json.loads(RULES.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    with adcodes.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if row["adcode"][6:] != "000000":
                continue
            names[code] = name
    existing, keys, tables = _read_existing()
    skip_provinces = set(rules["skip_provinces"])
    generic = set(rules["generic_names"])
    no_short = set(rules["no_short_form"])  # short forms, not full names
    ethnic = rules["ethnic_words"]

    # the divisions to consider (no placeholders, islands or provinces left out whole)
    units = {
        c: n
        for c, n in names.items()
        if c[2:] != "0000"
        and n not in PLACEHOLDERS
        and n.endswith(("市", "县", "区", "旗", "州", "盟", "地区"))
    }
    full_count = Counter(units.values())
    codes: dict[str, str] = {}  # existing canonical name → code
    for code, name in names.items():
        if code[2:] == "0000" and name in existing:
            codes[name] = code

    def canonical(code: str) -> str | None:
        """The gazetteer's canonical name of a division (an existing row's name where it has one)."""
        name = names.get(code)
        if name is None or name in PLACEHOLDERS:
            return None
        if name in existing:
            return name
        prov = _province(code, names)
        short = short_form(name, ethnic)
        for other in existing.values():  # 那曲地区 (old) = 那曲市 (existing row)
            if other["parent_zh"] == prov and short_form(other["name_zh"], ethnic) == short:
                return other["name_zh"]
        return name

    def parent_of(code: str) -> str:
        if code[4:] == "00":
            return _province(code, names)
        pref = canonical(code[:4] + "00")
        return pref if pref is not None else _province(code, names)

    rows: list[dict[str, str]] = []
    for code in sorted(units):
        name = units[code]
        prov_code = code[:2] + "0000"
        canon = canonical(code)
        if canon in existing:
            codes.setdefault(canon, code)
            continue
        if prov_code in skip_provinces or name in generic or (len(name) == 2 and name.endswith("区")):
            continue
        level = _level(code, name)
        parent = parent_of(code)
        zh = name
        aliases: list[str] = []
        if full_count[name] > 1:  # 鼓楼区 in four cities: none is guessed (see PROVENANCE.md)
            continue
        if zh in keys:
            print(f"skipped (already a key): {zh} {code}", file=sys.stderr)
            continue
        role = _role(rules, prov_code, level)
        if name in rules["no_full_form"]:
            continue
        for tail, plain in (("自治县", "县"), ("自治旗", "旗"), ("自治州", "州")):
            stem = short_form(name, ethnic)
            if name.endswith(tail) and len(stem) >= 2 and full_count[name] == 1 and not stem.endswith("族"):
                aliases.append(stem + plain)  # 丰宁县, 积石山县: how news often writes them
        short = short_form(name, ethnic)
        if short == short_form(parent, ethnic):
            short = ""  # 承德县 under 承德市: the short form is the prefecture's
        if (
            full_count[name] == 1
            and short not in no_short
            and _short_ok(rules, short, name, level, prov_code)
        ):
            aliases.append(short)
        if name in rules["renamed"]:  # 神木县 has been 神木市 since the source's data: the new name leads
            zh, level = rules["renamed"][name], _level(code, rules["renamed"][name])
            aliases.append(name)
        rows.append(
            {
                "id": code,
                "name_zh": zh,
                "name_en": "",
                "aliases": ";".join(aliases),
                "level": level,
                "parent_zh": parent,
                "role": role,
                "code": code,
            }
        )
    _drop_clashing_shorts(rows, keys)
    from china_divisions_english import add_english  # needs pypinyin; imports this module

    add_english(rows, rules)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    _write_codes(tables, codes)
    print(f"{OUT.name}: {len(rows)} rows; codes on {len(codes)} existing rows", file=sys.stderr)


def _role(rules: dict[str, object], prov_code: str, level: str) -> str:
    """Recipient, except on the giving side: every unit of the eastern donor provinces and the
    prefecture-level cities and city districts of the central ones (see PROVENANCE.md)."""
    roles: dict[str, dict[str, str]] = rules["roles"]  # type: ignore[assignment]
    for group in roles.values():
        if prov_code in group["provinces"]:
            return group.get(level, group["default"])
    return "recipient"


def _short_ok(rules: dict[str, object], short: str, name: str, level: str, prov_code: str) -> bool:
    if len(short) < 2 or short == name or short.endswith("族"):
        return False  # 东乡族自治县: no short form
    if name.endswith("旗") and short.endswith(("左", "右", "前", "中", "后")):
        return False  # 巴林左旗: the bare stem is no name people use
    if level == "prefecture":
        return True
    if level == "district":
        return False  # districts: full names only
    # counties and county-level cities: only in the provinces that receive, and not listed as words
    return prov_code in rules["county_short_provinces"]  # type: ignore[operator]


def _drop_clashing_shorts(rows: list[dict[str, str]], keys: set[str]) -> None:
    """A short form that is also another place's name or short form, or a key of the other files, is dropped."""
    count = Counter()
    for row in rows:
        count[row["name_zh"]] += 1
        for alias in row["aliases"].split(";"):
            if alias:
                count[alias] += 1
    by_name = {row["name_zh"]: row for row in rows}
    for row in rows:
        own = row["name_zh"]
        kept = []
        for alias in filter(None, row["aliases"].split(";")):
            longer = (
                {alias + tail for tail in ("市", "县", "区", "州")} - {own} - set(row["aliases"].split(";"))
            )
            # 承德 = 承德市 and its 承德县: the loader lists both readings, the prefecture first
            longer = {w for w in longer if not (w in by_name and by_name[w]["parent_zh"] == own)}
            if count[alias] == 1 and alias not in keys and not any(w in count or w in keys for w in longer):
                kept.append(alias)
        row["aliases"] = ";".join(kept)


def _write_codes(tables: dict[str, list[dict[str, str]]], codes: dict[str, str]) -> None:
    for file_name, rows in tables.items():
        if not rows:
            continue
        fields = list(rows[0])
        if "code" not in fields:
            fields.append("code")
        for row in rows:
            row["code"] = codes.get(row["name_zh"], row.get("code") or "")
        with (GAZ / file_name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("adcodes", type=Path, help="cpca 0.5.5's cpca/resources/adcodes.csv")
    build(parser.parse_args().adcodes)


if __name__ == "__main__":
    main()
