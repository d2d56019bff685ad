"""Rebuild ``resources/organisations/organisations_gcof.csv``: organisation NAMES and types from the agency
columns of AidData's GCOF 1.0 dev half (``../shared/eval/gcof/gcof1_dev.jsonl``).

Only the names, their acronyms and AidData's agency type are taken (structured data; no description text).
Names already in ``organisations.csv`` (name or alias, case-insensitive) are left out. Run from the
repository root: ``python scripts/build_organisations_gcof.py [--gcof DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "organisations" / "organisations_gcof.csv"
PUBLIC = ROOT / "resources" / "organisations" / "organisations.csv"
COLUMNS = {
    "funding_agency": "funding",
    "implementing_agency": "implementing",
    "cofinancing_agency": "cofinancing",
    "recipient_agencies": "receiving",
}
TYPES = {
    "government agency": "government_agency",
    "state-owned company": "state_owned_enterprise",
    "private sector": "company",
    "public private partnership": "company",
    "multilateral": "multilateral",
    "multilateral agency": "multilateral",
    "national ngo": "ngo",
    "international ngo": "ngo",
    "regional ngo": "ngo",
    "ngo": "ngo",
    "foundation": "ngo",
    "academic, training and research": "other",
    "political party": "other",
}
CHINESE = re.compile(
    r"\b(China|Chinese|Sino|Beijing|Shanghai|Jiangsu|Anhui|Hunan|Henan|Shandong|Weihai|"
    r"Dalian|Shanxi|Zhejiang|Guangdong|Sichuan|Hubei|Fujian|Jiangxi|Yunnan|Xinjiang|Tianjin|"
    r"Chongqing|Hebei|Liaoning|Jilin|Heilongjiang|Guangxi|Shenzhen|Xiamen|Qingdao|Huawei|ZTE)\b"
)


def split_agencies(value: str) -> list[tuple[str, str]]:
    """``"Name (ACR), Type; Other, Type"`` → [(name with acronym, type key)]."""
    found = []
    for part in value.split(";"):
        part = part.strip()
        kind = "other"
        for label, key in sorted(TYPES.items(), key=lambda kv: -len(kv[0])):
            if part.lower().endswith(", " + label) or part.lower().endswith("," + label):
                part, kind = part[: -len(label)].rstrip(" ,"), key
                break
        if part:
            found.append((part, kind))
    return found


def name_and_acronym(raw: str) -> tuple[str, str | None]:
    match = re.search(r"\(([^)]{2,12})\)\s*$", raw)
    if match:
        inside = match.group(1).strip()
        acronym = (
            inside
            if re.fullmatch(r"[A-Z][A-Za-z0-9&.-]*[A-Z0-9]", inside) and inside.upper() == inside
            else None
        )
        return raw[: match.start()].strip(" ,"), acronym
    return raw.strip(" ,"), None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gcof", type=Path, default=ROOT.parent / "shared" / "eval" / "gcof")
    args = parser.parse_args()
    known: set[str] = set()
    with PUBLIC.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for name in [row["name_en"], row["name_zh"], *row["aliases"].split(";")]:
                if name:
                    known.add(name.casefold())
    roles: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    acronyms: dict[str, set[str]] = defaultdict(set)
    with (args.gcof / "gcof1_dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for column, role in COLUMNS.items():
                for raw, kind in split_agencies(row.get(column) or ""):
                    name, acronym = name_and_acronym(raw)
                    if name.lower().startswith("unspecified") or len(name.split()) < 2 or "Í" in name:
                        continue
                    if re.match(r"(?i)(the )?(ministry|department|office|embassy) (of|for) ", name):
                        continue  # a ministry without its country: the generic pattern finds it
                    roles[name][role] += 1
                    kinds[name][kind] += 1
                    if acronym:
                        acronyms[name].add(acronym)
    rows = []
    for name in sorted(roles):
        aliases = sorted(
            a for a in acronyms[name] if len(a) >= 4
        )  # three letters collide with words (CAN, ABC)
        if name.casefold() in known or any(a.casefold() in known for a in aliases):
            continue
        role = roles[name].most_common(1)[0][0]
        country = "CHN" if role != "receiving" and CHINESE.search(name) else ""
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:48]
        rows.append(
            [f"gcof-{slug}", name, "", ";".join(aliases), kinds[name].most_common(1)[0][0], country, role, ""]
        )
    seen: set[str] = set()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["id", "name_en", "name_zh", "aliases", "org_type", "country_code", "default_role", "generic"]
        )
        for row in rows:
            if row[0] in seen:
                continue
            seen.add(row[0])
            writer.writerow(row)
    print(f"{len(seen)} organisations written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
