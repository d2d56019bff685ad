"""The data of ``resources/rules/headers.json``: header-line labels and site-suffix words, compiled once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from aidcurator.resources import resource_path

_RULES_FILE = ("rules", "headers.json")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@dataclass(frozen=True, slots=True)
class HeaderRules:
    max_lines: int
    max_line_chars: int
    max_value_chars: int
    sentence_endings: tuple[str, ...]
    label_kinds: dict[str, str]  # casefolded label -> "date" | "source" | "ignored"
    labels: re.Pattern[str]  # a known label and its colon
    bare_labels: re.Pattern[str]  # a label without colon at the start of a field ("By Jane Doe")
    bare_kinds: dict[str, str]
    unknown_label: re.Pattern[str]  # any other word before a colon, at the start or after a space
    separators: re.Pattern[str]
    filler: re.Pattern[str]  # times, weekdays, time zones and punctuation around a date
    title_separators: re.Pattern[str]
    site_names: frozenset[str]
    site_endings_zh: tuple[str, ...]
    site_words_en: frozenset[str]
    max_site_chars: int
    min_title_chars: int


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _label_alternation(words: list[str]) -> str:
    """Labels longest first; a Latin label must not follow a letter (``update`` in ``outdated``)."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(rf"(?<![A-Za-z]){escaped}" if word[:1].isascii() else escaped)
    return "|".join(parts)


@cache
def header_rules() -> HeaderRules:
    """The rules of ``resources/rules/headers.json`` (read once)."""
    path = resource_path(*_RULES_FILE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        kinds: dict[str, str] = {}
        for kind, key in (
            ("date", "date_labels"),
            ("source", "source_labels"),
            ("ignored", "ignored_labels"),
        ):
            for label in raw[key]:
                kinds.setdefault(" ".join(label.casefold().split()), kind)
        bare = {" ".join(k.casefold().split()): v for k, v in raw["labels_without_colon"].items()}
        filler_words = _alternation([*raw["weekdays"], *raw["time_zones"]])
        return HeaderRules(
            max_lines=int(raw["max_header_lines"]),
            max_line_chars=int(raw["max_header_line_chars"]),
            max_value_chars=int(raw["max_value_chars"]),
            sentence_endings=tuple(raw["sentence_endings"]),
            label_kinds=kinds,
            labels=re.compile(rf"(?P<label>{_label_alternation(list(kinds))})\s*[:：]\s*", re.IGNORECASE),
            bare_labels=re.compile(
                rf"^\s*(?P<label>{_label_alternation(list(bare))})\s+(?=\S)", re.IGNORECASE
            ),
            bare_kinds=bare,
            unknown_label=re.compile(r"(?:^|(?<=\s))(?P<label>[^\W\d_][^\s:：]{0,11})\s*[:：]\s*"),
            separators=re.compile(_alternation(raw["field_separators"])),
            filler=re.compile(
                rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?|(?<![A-Za-z])(?:{filler_words})(?![A-Za-z])"
                r"|[\s,，、()（）\[\]【】:：.\-—–]",
                re.IGNORECASE,
            ),
            title_separators=re.compile(_alternation(raw["title_separators"])),
            site_names=frozenset(" ".join(n.casefold().split()) for n in raw["site_names"]),
            site_endings_zh=tuple(raw["site_endings_zh"]),
            site_words_en=frozenset(w.casefold() for w in raw["site_words_en"]),
            max_site_chars=int(raw["max_site_chars"]),
            min_title_chars=int(raw["min_title_chars"]),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(f"resources/rules/headers.json is malformed: {exc}") from exc


_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}$")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_CJK_CHAR = re.compile(f"[{_CJK}]")


def looks_like_site(name: str, *, known: str | None = None) -> bool:
    """Whether ``name`` names a news site or publisher (新浪网, China Daily, English.news.cn…).

    ``known`` is a site name the page itself gives (e.g. its ``og:site_name``).
    """
    rules = header_rules()
    text = " ".join(name.split())
    if not text or len(text) > rules.max_site_chars:
        return False
    folded = text.casefold()
    if folded in rules.site_names or (known and folded == " ".join(known.casefold().split())):
        return True
    if _DOMAIN.match(text):
        return True
    if _CJK_CHAR.search(text):
        return text.endswith(rules.site_endings_zh)
    words = _LATIN_WORD.findall(folded)
    return 0 < len(words) <= 6 and any(word in rules.site_words_en for word in words)
