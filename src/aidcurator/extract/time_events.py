"""Periods counted from a named event: ``党的十八大以来`` → 2012 … the publication year, ``since the
18th CPC National Congress`` likewise. The events, their years and the words that make a period of
them live in ``resources/rules/time.json`` (``events_since``); :func:`aidcurator.extract.timex.find_times`
adds what is found here to its candidates."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from aidcurator.extract.fastre import alternation
from aidcurator.resources import resource_path

__all__ = ["event_periods", "since_clause"]


@cache
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], dict[str, int]]:
    raw = json.loads(resource_path("rules", "time.json").read_text(encoding="utf-8"))["events_since"]
    try:
        years = {name.lower(): int(year) for name, year in {**raw["zh"], **raw["en"]}.items()}
        zh = re.compile(f"({alternation(list(raw['zh']))})(?:{alternation(raw['suffixes_zh'])})")
        en = re.compile(
            rf"(?i)\b(?:{alternation(raw['prefixes_en'])})\s+(?:the\s+)?({alternation(list(raw['en']))})\b"
        )
        return zh, en, tuple(raw["suffixes_zh"]), years
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(f"resources/rules/time.json events_since is malformed: {exc}") from exc


def event_periods(text: str, pub: int | None) -> list[tuple[int, int, dict[str, Any]]]:
    """``(start, end, data)`` of each period counted from a named event, ``data`` as timex gives a
    ``since`` mention (end None without a publication year, or when the event comes after it)."""
    zh, en, suffixes, years = _rules()
    found = []
    matches = [*(zh.finditer(text) if any(s in text for s in suffixes) else ())]
    if "ongress" in text:  # every English event is a National Congress
        matches += en.finditer(text)
    for m in matches:
        name = m.group(1)
        year = years[name.lower()]
        end = pub if pub is not None and pub >= year else None
        data = {"start": year, "end": end, "estimated": False, "relative": True, "source": "since"}
        found.append((m.start(), m.end(), data | {"event": name}))
    return found


@cache
def _clause_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    raw = json.loads(resource_path("rules", "time.json").read_text(encoding="utf-8"))["since_clause"]
    try:
        n = int(raw["max_chars"])
        not_after = "".join(rf"(?<!\b{re.escape(w)} )" for w in raw["not_after_en"])
        before = re.compile(
            rf"(?:^|[,，;；:：.。!?！？\n]\s*|(?<=\s){not_after})(?i:{alternation(raw['openers_en'])})\s+"
            rf"[^,，;；:：.。!?！？\n]{{0,{n}}}\Z"
            rf"|(?:{alternation(raw['openers_zh'])})[^,，;；:：。！？\n]{{0,{n}}}\Z"
        )
        after_zh = re.compile(rf"[^,，;；:：。！？\n]{{0,{n}}}?(?:{alternation(raw['closers_zh'])})")
        m = int(raw["then_max_chars"])
        then = re.compile(
            rf"[^.;。；！？!?\n]{{0,{m}}}?(?:(?i:\b(?:{alternation(raw['then_after_en'])})\b)"
            rf"|{alternation(raw['then_after_zh'])})"
        )
        return before, after_zh, then
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(f"resources/rules/time.json since_clause is malformed: {exc}") from exc


def since_clause(text: str, start: int, end: int) -> bool:
    """Whether the year at ``text[start:end]`` dates the start of a since-clause (``Since the paired
    aid began in 2012, …``; ``… three batches since its pledge at the 2006 summit``;
    ``自对口支援于2012年启动以来``): the period runs from it."""
    before, after_zh, then = _clause_rules()
    found = before.search(text, max(0, start - 90), start)
    if found is None:
        return then.match(text, end) is not None  # began in 1990 and from that time to the present
    if found.group().isascii():
        return True
    return after_zh.match(text, end) is not None
