"""Split a news digest (several articles pasted one after another) into articles.

A digest entry is a title line, then a source line ``Publisher· 2025-12-23 23:56`` (a
publisher name, a separator ``·``, ``•``, ``・`` or ``|``, a date and an optional time), then
the body up to the next entry's title line. Lines before the first title (a topic heading,
a search page's "Search documents") are dropped.

Text convention: each article's ``text`` is its title (the title line, stripped) + ``"\\n"`` +
its body (the lines between the source line and the next title, without leading or
trailing blank lines); the source line itself is not part of the text, its content is in
``source``/``published``. So ``draft.text.startswith(draft.title)`` always holds. A source
label on the source line (``来源：广州日报 | 2025-11-20``) is not part of the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aidcurator.domain import ArticleDraft
from aidcurator.ingest.dates import parse_date
from aidcurator.ingest.headers import strip_source_label
from aidcurator.ingest.titles import clean_title

MAX_SOURCE_LENGTH = 80
SOURCE_LINE = re.compile(
    r"^\s*(?P<source>.+?)\s*[·•・|｜]\s*"
    r"(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
    r"(?:[ T]+(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?\s*$"
)
# What every source line contains: a text without a separator followed by a date is no digest.
_SEPARATORS = "·•・|｜"
_SOURCE_HINT = re.compile(rf"[{_SEPARATORS}]\s*\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}")


@dataclass(frozen=True, slots=True)
class _Entry:
    title_line: int
    source_line: int
    source: str
    date: str
    time: str | None


def is_source_line(line: str) -> bool:
    """True when ``line`` looks like a digest source line (``Publisher· YYYY-MM-DD HH:MM``)."""
    return _match_source(line) is not None


def split_digest(text: str) -> list[ArticleDraft]:
    """Articles of a digest, with origin_position ``"article N"``; [] when ``text`` is no digest."""
    if not any(separator in text for separator in _SEPARATORS):
        return []
    lines = text.split("\n")
    entries = _find_entries(text, lines)
    drafts: list[ArticleDraft] = []
    for number, entry in enumerate(entries, start=1):
        end = entries[number].title_line if number < len(entries) else len(lines)
        title = clean_title(lines[entry.title_line])
        body = "\n".join(lines[entry.source_line + 1 : end]).strip("\n")
        metadata: dict[str, str] = {}
        if entry.time:
            metadata["published_time"] = entry.time
        published = parse_date(entry.date)
        if published is None:
            metadata["published_raw"] = entry.date
        drafts.append(
            ArticleDraft(
                text=f"{title}\n{body}" if body.strip() else title,
                title=title,
                source=strip_source_label(entry.source),
                published=published,
                origin_position=f"article {number}",
                metadata=metadata,
            )
        )
    return drafts


def _match_source(line: str) -> re.Match[str] | None:
    match = SOURCE_LINE.match(line)
    if match is None:
        return None
    source = match.group("source").strip()
    if len(source) > MAX_SOURCE_LENGTH or not any(ch.isalpha() for ch in source):
        return None
    return match


def _find_entries(text: str, lines: list[str]) -> list[_Entry]:
    entries: list[_Entry] = []
    for index in _candidate_lines(text):
        line = lines[index]
        match = _match_source(line)
        if match is None:
            continue
        title_line = _previous_non_blank(lines, index)
        floor = entries[-1].source_line if entries else -1
        if title_line is None or title_line <= floor or not clean_title(lines[title_line]):
            continue
        entries.append(
            _Entry(title_line, index, match.group("source").strip(), match.group("date"), match.group("time"))
        )
    return entries


def _candidate_lines(text: str) -> list[int]:
    """Indexes (in ``text.split("\\n")``) of the lines holding a separator followed by a date.

    Every source line is one of them, so only these lines need the full SOURCE_LINE match.
    """
    indexes: list[int] = []
    line = position = 0
    for hint in _SOURCE_HINT.finditer(text):
        line += text.count("\n", position, hint.start())
        position = hint.start()
        if not indexes or indexes[-1] != line:
            indexes.append(line)
    return indexes


def _previous_non_blank(lines: list[str], index: int) -> int | None:
    for candidate in range(index - 1, -1, -1):
        if lines[candidate].strip():
            return candidate
    return None
