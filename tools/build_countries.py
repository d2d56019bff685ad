"""Build ``resources/gazetteer/countries.csv``: every ISO 3166-1 country and territory, with Kosovo.

Run from the repository root (the generator's own dependencies are not the app's):

    pip install babel pycountry
    PYTHONPATH=src python tools/build_countries.py

Sources (see ``resources/gazetteer/PROVENANCE.md``):

* Unicode CLDR territory names, read through Babel (BSD-3-Clause; CLDR data under the Unicode licence):
  ``zh_Hans_CN``/``zh_Hans_SG`` (simplified), ``zh_Hant_TW``/``zh_Hant_HK``/``zh_Hant_MO`` (traditional), ``en``.
* ISO 3166-1 alpha-2 → alpha-3 codes and the ISO English names (short, common, official), read through
  pycountry (LGPL-2.1; used here only, never imported by the app).
* The hand-made rows already in the gazetteer (ids, names, aliases, roles), which are kept as they are, and
  the small hand-written tables below (common variants, demonyms, forms left out and why).

The script is idempotent: it reads the country rows of ``countries.csv`` (and any still in
``other_recipients.csv``, which it moves here), keeps every id, name, alias and role, appends the aliases
the sources add, and appends the countries still missing. A traditional form is added as written and, when
it differs, in the characters ``to_simplified`` turns it into, since places are matched on the simplified
text (紐西蘭 → 纽西兰).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry
from babel import Locale

from aidcurator.extract.script import to_simplified

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "resources" / "gazetteer"
COLUMNS = ["id", "name_zh", "name_en", "aliases", "level", "parent_zh", "role"]

#: Regions of China that the gazetteer holds as provinces (donors.csv), not as countries.
NOT_COUNTRIES = {"CN", "HK", "MO", "TW"}
#: Codes outside ISO 3166-1 that aid data uses: CLDR's alpha-2 → the code of the id.
EXTRA_CODES = {"XK": "KOS"}  # the row ctry-kos predates this script (aid data writes XKX)

#: Chinese forms the sources give that are left out: they are other words or places in Chinese text.
SKIP_ZH = {
    "东加",  # Tonga (TW) inside 广东加大, 山东加快
    "東加",
    "狮子山",  # Sierra Leone (TW): a common hill name in China
    "獅子山",
    "查德",  # Chad (TW) inside 调查德国, and 理查德 (Richard)
    "哈萨克",  # Kazakhstan (TW): the Kazakh people of Xinjiang (伊犁哈萨克自治州)
    "哈薩克",
    "塔吉克",  # Tajikistan (TW): the Tajik people of Xinjiang (塔什库尔干塔吉克自治县)
    "卡达",  # Qatar (TW) inside 斯里兰卡达成, 银行卡达到
    "卡達",
    "奥兰",  # Åland short form: also Oran (Algeria) and 奥兰多 (Orlando)
    "巴勒斯坦领土",  # CLDR's 'Palestinian territories' (the row keeps 巴勒斯坦)
    "巴勒斯坦領土",
}
#: English forms left out: ordinary words (matched without case) or other places.
SKIP_EN = {
    "reunion",
    "saint martin",
    "st. martin",
    "st martin",
    "virgin islands",
    "man",
    "car",
    "pole",
    "saba",
}

#: Common Chinese variants not in CLDR (mainland short and official forms, older transcriptions).
EXTRA_ZH = {
    "DOM": ["多米尼加", "多明尼加"],
    "COD": ["民主刚果", "刚果（金沙萨）", "刚果(金沙萨)"],  # not 扎伊尔 / Zaire: now a province of Angola
    "COG": ["刚果(布)", "刚果（布拉柴维尔）", "刚果(布拉柴维尔)"],
    "WSM": ["西萨摩亚"],  # Western Samoa, its name until 1997
    "ERI": ["厄里特里亚"],
    "PRK": ["朝鲜民主主义人民共和国"],
    "CZE": ["捷克共和国"],
    "BIH": ["波斯尼亚"],
    "TTO": ["特立尼达", "千里达"],
    "ATG": ["安提瓜"],
    "KNA": ["圣基茨"],
    "VCT": ["圣文森特"],
    "STP": ["圣多美"],
    "VAT": ["教廷", "梵蒂冈城国"],
    "TZA": ["桑给巴尔"],
    "MOZ": ["莫三鼻给"],
    "CCK": ["科科斯群岛", "基林群岛"],
    "FLK": ["福克兰群岛", "马尔维纳斯群岛"],
    "UMI": ["美国本土外小岛屿"],
    "BES": ["荷兰加勒比区", "博奈尔"],
    "SGS": ["南乔治亚岛"],
    "IOT": ["查戈斯群岛"],
    "PYF": ["塔希提"],
    "GRL": ["格陵兰岛"],
    "PRI": ["波多黎各自由邦"],
}
#: English variants and demonyms for rows that lack them.
EXTRA_EN = {
    "LUX": ["Luxembourger", "Luxembourgish"],
    "WSM": ["Western Samoa"],
    "NLD": ["Holland"],
    "ESH": ["Sahrawi"],
    "KIR": ["I-Kiribati"],
    "TLS": ["Timor Leste"],
    "BFA": ["Burkina"],
    "SLB": ["Solomons"],
    "TTO": ["Tobago", "Tobagonian"],
    "KNA": ["Kittitian", "Nevisian", "St Kitts", "Saint Kitts"],
    "VCT": ["Vincentian"],
    "LCA": ["Saint Lucian"],
    "MCO": ["Monegasque"],
    "AND": ["Andorran"],
    "SMR": ["Sammarinese"],
    "LIE": ["Liechtensteiner"],
    "VAT": ["Holy See", "Vatican"],
    "GRL": ["Greenlandic", "Greenlander"],
    "PRI": ["Puerto Rican"],
    "BMU": ["Bermudian"],
    "CYM": ["Caymanian", "Caymans"],
    "ABW": ["Aruban"],
    "CUW": ["Curacao", "Curaçaoan"],
    "GUM": ["Guamanian"],
    "AIA": ["Anguillan"],
    "MSR": ["Montserratian"],
    "FRO": ["Faroese", "Faroes", "Faeroe Islands"],
    "GIB": ["Gibraltarian"],
    "IMN": ["Manx"],
    "FLK": ["Falklands", "Falkland Islander", "Malvinas"],
    "NCL": ["New Caledonian"],
    "PYF": ["French Polynesian", "Tahiti"],
    "REU": ["Réunion Island", "Reunion Island", "La Réunion"],
    "GUF": ["French Guianese"],
    "GLP": ["Guadeloupean"],
    "MTQ": ["Martiniquais"],
    "MYT": ["Mahoran"],
    "BLM": ["Saint Barthelemy", "St. Barts", "St Barts", "Saint Barts"],
    "MAF": ["Saint Martin (French part)", "Collectivity of Saint Martin"],
    "SXM": ["Sint Maarten (Dutch part)"],
    "BES": ["Bonaire", "Caribbean Netherlands", "Sint Eustatius"],
    "ALA": ["Aland Islands", "Aland"],
    "SJM": ["Svalbard"],
    "IOT": ["Chagos Islands", "Chagos Archipelago"],
    "UMI": ["United States Minor Outlying Islands"],
    "VIR": ["US Virgin Islands", "United States Virgin Islands"],
    "VGB": ["BVI"],
    "MNP": ["Northern Marianas"],
    "ASM": ["American Samoan"],
    "TCA": ["Turks and Caicos"],
    "PCN": ["Pitcairn Islands"],
    "SHN": ["Saint Helena, Ascension and Tristan da Cunha", "St Helena"],
    "JEY": ["Bailiwick of Jersey"],
    "GGY": ["Bailiwick of Guernsey"],
    "XKX": [],
}
#: English names of new rows where CLDR's is a short form that is also another word or place.
NAME_EN = {
    "SHN": "Saint Helena",
    "MAF": "Saint Martin (French part)",
    "BLM": "Saint Barthélemy",
    "SPM": "Saint Pierre and Miquelon",
    "UMI": "United States Minor Outlying Islands",
}
#: Roles of new rows (default recipient): European microstates give as well; empty lands have no role.
ROLES = {"AND": "both", "LIE": "both", "MCO": "both", "SMR": "both", "VAT": "both"}
ROLE_NONE = {"ATA", "BVT", "HMD", "ATF", "SGS", "UMI", "IOT"}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _english_forms(name: str) -> list[str]:
    """CLDR's English name and its spelled-out forms (St. Kitts & Nevis → Saint Kitts and Nevis)."""
    forms = [name]
    if "&" in name:
        forms.append(name.replace("&", "and"))
    for form in list(forms):
        if form.startswith("St. "):
            forms += ["Saint " + form[4:], "St " + form[4:]]
    return forms


def _latin_ok(form: str) -> bool:
    return bool(form) and "," not in form and form.lower() not in SKIP_EN and len(form) >= 3


def main() -> int:
    zh_locales = [Locale.parse(x).territories for x in ("zh_Hans_CN", "zh_Hans_SG")]
    hant_locales = [Locale.parse(x).territories for x in ("zh_Hant_TW", "zh_Hant_HK", "zh_Hant_MO")]
    en = Locale.parse("en").territories

    fields, countries = _read(GAZ / "countries.csv")
    other_fields, others = _read(GAZ / "other_recipients.csv")
    moved = [r for r in others if r["id"].startswith("ctry-")]
    rows = moved + countries
    by_code = {r["id"][5:].upper(): r for r in rows}

    codes = [(c.alpha_2, c.alpha_3) for c in pycountry.countries if c.alpha_2 not in NOT_COUNTRIES]
    codes += list(EXTRA_CODES.items())
    taken_zh = {r["name_zh"] for r in rows}
    for a2, a3 in codes:
        row = by_code.get(a3)
        if row is None:
            name_zh = zh_locales[0][a2]
            if name_zh in taken_zh:
                raise SystemExit(f"{a3}: Chinese name {name_zh} is taken")
            row = {
                "id": "ctry-" + a3.lower(),
                "name_zh": name_zh,
                "name_en": NAME_EN.get(a3) or en[a2].replace("&", "and"),
                "aliases": "",
                "level": "country",
                "parent_zh": "",
                "role": "none" if a3 in ROLE_NONE else ROLES.get(a3, "recipient"),
            }
            rows.append(row)
            by_code[a3] = row
            taken_zh.add(name_zh)
        aliases = [a for a in row["aliases"].split(";") if a]
        seen = {row["name_zh"], row["name_en"].lower(), *(a.lower() for a in aliases)}

        def add(form: str, seen: set[str] = seen, aliases: list[str] = aliases) -> None:
            if form and form.lower() not in seen and form not in SKIP_ZH:
                aliases.append(form)
                seen.add(form.lower())

        chinese = [t[a2] for t in zh_locales if a2 in t] + EXTRA_ZH.get(a3, [])
        for form in chinese:
            add(form)
        for table in hant_locales:
            form = table.get(a2, "")
            simple = to_simplified(form)
            if simple in SKIP_ZH:
                continue
            add(form)
            add(simple)
        english = _english_forms(en[a2]) if a2 in en else []
        country = pycountry.countries.get(alpha_2=a2)
        if country is not None:
            english += [getattr(country, k, "") for k in ("name", "common_name", "official_name")]
            english = [e[4:] if e.startswith("the ") else e for e in english]
        english += EXTRA_EN.get(a3, [])
        for form in english:
            if _latin_ok(form) and "(" not in form.replace("(French part)", "").replace("(Dutch part)", ""):
                add(form)
        row["aliases"] = ";".join(aliases)

    with (GAZ / "countries.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields or COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    if moved:
        with (GAZ / "other_recipients.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=other_fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(r for r in others if not r["id"].startswith("ctry-"))
    print(f"countries.csv: {len(rows)} rows ({len(moved)} moved from other_recipients.csv)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
