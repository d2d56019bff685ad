"""English names for the rows of ``resources/gazetteer/china_divisions.csv``, in Hanyu Pinyin.

English news writes a Chinese division in pinyin with an English suffix: ``Luolong County``,
``Dujiangyan City``, ``Ganzi Autonomous Prefecture``, a prefecture often bare (``Luzhou``). This
script fills ``name_en`` and adds those forms to ``aliases``. The pinyin comes from the PyPI package
pypinyin (MIT licence), which is not a dependency of the project: install it to run this script::

    pip install pypinyin
    python tools/china_divisions_english.py            # rewrites china_divisions.csv in place
    python tools/china_divisions_english.py --check    # scores the method on the other gazetteer files

``build_china_divisions.py`` calls :func:`add_english` on the rows it writes. The policy is data in
``china_divisions_rules.json`` (``english``): the suffix of each Chinese ending, readings pypinyin gets
wrong in place names, and the words a bare name may not be. Only prefectures get a bare name (no suffix),
and only names of two syllables or more: a county is written with its suffix in English, and a bare
county name is too often a person's given name. An English key that two rows would share is dropped
from both rows, and a row whose name, without its suffix, is the name of a place in another gazetteer
file gets no English name at all (宿州 and 苏州 are both Suzhou; neither is guessed).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter

from build_china_divisions import COLUMNS, EXISTING, GAZ, OUT, RULES, _level, short_form

_VOWEL_STARTS = ("a", "o", "e")


def pinyin(chinese: str, readings: dict[str, str]) -> list[str]:
    """The syllables of ``chinese`` (lower case, ü as u): whole-word readings first, then pypinyin."""
    from pypinyin import Style, lazy_pinyin

    for word, reading in sorted(readings.items(), key=lambda item: -len(item[0])):
        at = chinese.find(word)
        if at >= 0:
            return (
                pinyin(chinese[:at], readings) + reading.split() + pinyin(chinese[at + len(word) :], readings)
            )
    if not chinese:
        return []
    return [s.replace("v", "u") for s in lazy_pinyin(chinese, style=Style.NORMAL, v_to_u=False)]


def romanise(syllables: list[str]) -> str:
    """``['xi', 'an']`` → ``Xi'an``: one capitalised word, an apostrophe before a syllable that starts
    with a, o or e (the standard rule, so that syllables read unambiguously)."""
    word = ""
    for i, syllable in enumerate(syllables):
        if i and syllable.startswith(_VOWEL_STARTS):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def _ending(name: str, level: str, suffixes: dict[str, str]) -> tuple[str, str]:
    """(the Chinese ending, its English suffix) of a name: 新区 → New District; a prefecture's 市 → none."""
    for tail in sorted(suffixes, key=len, reverse=True):
        if name.endswith(tail):
            return tail, suffixes[tail] if level != "prefecture" or tail != "市" else ""
    return "", ""


def peoples(name: str, stem_zh: str, tail: str, groups: dict[str, str]) -> list[str]:
    """The English names of the peoples between a name's stem and its ending (土家族苗族 → Tujia, Miao)."""
    middle, found = name[len(stem_zh) : len(name) - len(tail)], []
    while middle:
        word = next((w for w in sorted(groups, key=len, reverse=True) if middle.startswith(w)), None)
        if word is None:
            return []
        found.append(groups[word])
        middle = middle[len(word) :]
    return found


def english_forms(row: dict[str, str], rules: dict) -> tuple[str, list[str]]:
    """(``name_en``, further English aliases) of one division row."""
    english = rules["english"]
    name, level = row["name_zh"], row["level"]
    tail, suffix = _ending(name, level, english["suffixes"])
    autonomous = tail.startswith("自治")
    stem_zh = short_form(name, rules["ethnic_words"]) if autonomous or not tail else name[: -len(tail)]
    if stem_zh.endswith("族") or stem_zh + "族" in english["ethnic_groups"]:
        return "", []  # 鄂温克族自治旗 is named after a people: English uses the people's own name (Evenk)
    stem = romanise(pinyin(stem_zh, english["readings"]))
    forms = [f"{stem} {suffix}" if suffix else stem]
    if autonomous:
        groups = peoples(name, stem_zh, tail, english["ethnic_groups"])
        plain = f"{stem} {suffix.split()[-1]}"  # 北川县: Beichuan County
        forms = [f"{stem} {' and '.join(groups)} {suffix}", plain] if groups else [plain]
    if level == "prefecture" and tail == "市":
        forms += [
            f"{stem} {extra}" for extra in english["prefecture_extras"] if f"{stem} {extra}" not in forms
        ]
    syllables = len(pinyin(stem_zh, english["readings"]))
    if (
        level == "prefecture"
        and syllables >= 2
        and stem.lower() not in english["not_bare"]
        and stem not in forms
    ):
        forms.append(stem)
    return forms[0], forms[1:]


def _with_old_name(row: dict[str, str], rules: dict) -> tuple[str, list[str]]:
    """:func:`english_forms` of a row, plus those of its former name (神木市: Shenmu City, Shenmu County)."""
    name, extra = english_forms(row, rules)
    old = next((old for old, new in rules["renamed"].items() if new == row["name_zh"]), None)
    if name and old and old in row["aliases"].split(";"):
        old_name, old_extra = english_forms({**row, "name_zh": old, "level": _level(row["code"], old)}, rules)
        extra += [key for key in (old_name, *old_extra) if key and key != name and key not in extra]
    return name, extra


def stem_of(key: str, suffixes: list[str]) -> str:
    """``suzhou city`` → ``suzhou``: an English place key without its administrative suffix."""
    for suffix in sorted(suffixes, key=len, reverse=True):
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1]
    return key


def _existing_keys() -> set[str]:
    """Every English key of the hand-made gazetteer files and countries.csv, lower case."""
    keys: set[str] = set()
    for file_name in (*EXISTING, "countries.csv"):
        with (GAZ / file_name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for key in (row["name_en"], *row["aliases"].split(";")):
                    if key.strip().isascii() and key.strip():
                        keys.add(key.strip().lower())
    return keys


def add_english(rows: list[dict[str, str]], rules: dict) -> None:
    """Fill ``name_en`` and add the English aliases of every row in place (see the module docstring)."""
    suffixes = [
        s.lower() for s in {*rules["english"]["suffixes"].values(), *rules["english"]["prefecture_extras"]}
    ]
    forms = {row["id"]: _with_old_name(row, rules) for row in rows}
    used = Counter(key.lower() for name, extra in forms.values() for key in {name, *extra})
    taken_stems = {stem_of(key, suffixes) for key in _existing_keys()}
    for row in rows:
        name, extra = forms[row["id"]]
        if not name or stem_of(name.lower(), suffixes) in taken_stems:  # 宿州 (Suzhou) beside 苏州 (Suzhou)
            name, extra = "", []
        keep = [key for key in (name, *extra) if key and used[key.lower()] == 1]
        row["name_en"] = name if name in keep else ""
        chinese = [a for a in row["aliases"].split(";") if a and not a.isascii()]
        row["aliases"] = ";".join(chinese + [key for key in keep if key != name])


def check(rules: dict) -> None:
    """How often the pinyin stem equals the English name the hand-made gazetteer files give."""
    same = total = 0
    for file_name in EXISTING:
        with (GAZ / file_name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                level = row["level"]
                if level in ("province", "region", "municipality", "country") or not row["name_en"]:
                    continue
                stem = romanise(
                    pinyin(short_form(row["name_zh"], rules["ethnic_words"]), rules["english"]["readings"])
                )
                names = {row["name_en"].lower(), *(a.lower() for a in row["aliases"].split(";"))}
                total += 1
                hit = any(n == stem.lower() or n.startswith(stem.lower() + " ") for n in names)
                same += hit
                if not hit:
                    print(f"  {row['name_zh']}: pinyin {stem}, file {row['name_en']}", file=sys.stderr)
    print(f"pinyin stem among the file's English names: {same}/{total}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="score the method on the hand-made files")
    args = parser.parse_args()
    rules = json.loads(RULES.read_text(encoding="utf-8"))
    if args.check:
        check(rules)
        return
    with OUT.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    add_english(rows, rules)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    named = sum(1 for row in rows if row["name_en"])
    print(f"{OUT.name}: English names on {named} of {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
