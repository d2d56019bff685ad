"""Publication date and source from the header lines at the top of an article.

News pages put lines such as ``发布时间：2025-11-20 来源：广州日报``, ``来源：西藏日报 2024-11-20``,
``2024年11月20日 08:30 来源：新华网``, ``Published: 2021-06-18 | Source: Xinhua`` or
``By Jane Doe | China Daily | Updated: 2021-06-18 09:12`` under the title. Only the first few
non-empty lines are read, and scanning stops at the first line that reads like body prose, so a
date mentioned in a sentence is never taken. A line counts when it holds a known label
(date, source, or one to ignore such as 作者/责任编辑) or is a date on its own; an unlabeled name
on such a line is a source only when it looks like a publisher (China Daily, 新华网). Labels,
separators and site words live in ``resources/rules/headers.json``. The text itself is never
changed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from aidcurator.ingest.dates import find_date
from aidcurator.ingest.header_rules import HeaderRules, header_rules, looks_like_site

# A line without a four-digit year and without a colon holds neither a date nor a label.
_DIGIT_OR_COLON = re.compile(r"\d{4}|[:：]")
_COLON = re.compile("[:：]")


@dataclass(slots=True)
class Header:
    """What the header lines said (None: not found) and which lines they were."""

    published: dt.date | None = None
    source: str | None = None
    lines: list[int] = field(default_factory=list)  # indexes in text.split("\n")


@dataclass(slots=True)
class _LineFields:
    recognised: bool = False
    date: dt.date | None = None
    source: str | None = None  # from a label
    site: str | None = None  # an unlabeled publisher name


def read_header(text: str) -> Header:
    """The date and source of ``text``'s header lines (see the module docstring)."""
    rules = header_rules()
    header = Header()
    unlabeled: str | None = None
    for number, (index, line) in enumerate(_first_lines(text, rules.max_lines, rules.max_line_chars)):
        if line is None or _is_prose(line, rules):
            if number == 0:
                continue  # a title may read like a sentence
            break
        fields = _read_line(line, rules)
        if not fields.recognised:
            continue
        header.lines.append(index)
        if header.published is None and fields.date is not None:
            header.published = fields.date
        if header.source is None and fields.source:
            header.source = fields.source
        if unlabeled is None and fields.site:
            unlabeled = fields.site
    if header.source is None:
        header.source = unlabeled
    return header


def is_header_line(line: str) -> bool:
    """Whether ``line`` is a header line (a date, a source, an author… with its label)."""
    rules = header_rules()
    return not _is_prose(line, rules) and _read_line(line, rules).recognised


def strip_source_label(source: str) -> str:
    """``来源：广州日报`` → ``广州日报``; a source without a label is returned as it is."""
    rules = header_rules()
    match = rules.labels.match(source.strip())
    if match is not None and rules.label_kinds.get(_fold(match.group("label"))) == "source":
        return source.strip()[match.end() :].strip() or source.strip()
    return source.strip()


def _first_lines(text: str, count: int, longest: int) -> Iterator[tuple[int, str | None]]:
    """The first ``count`` non-empty lines, stripped, with their index in ``text.split("\\n")``.

    A line far longer than ``longest`` is prose whatever it holds: it comes as None, uncopied.
    """
    found = start = index = 0
    while found < count:
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if stop - start > 2 * longest:
            found += 1
            yield index, None
        else:
            line = text[start:stop].strip()
            if line:
                found += 1
                yield index, line
        if end < 0:
            return
        start, index = end + 1, index + 1


def _fold(label: str) -> str:
    return " ".join(label.casefold().split())


def _is_prose(line: str, rules: HeaderRules) -> bool:
    return len(line) > rules.max_line_chars or line.endswith(rules.sentence_endings)


def _read_line(line: str, rules: HeaderRules) -> _LineFields:
    fields = _LineFields()
    if _DIGIT_OR_COLON.search(line) is None and rules.bare_labels.match(line) is None:
        return fields  # no date, no label: cannot be a header line
    sites: list[str] = []
    for segment in rules.separators.split(line):
        if segment.strip():
            _read_segment(segment.strip(), rules, fields, sites)
    if fields.recognised and sites:
        fields.site = sites[0]
    return fields


def _labels(segment: str, rules: HeaderRules) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the labels in ``segment``: known ones, then any other word before a colon."""
    labels = [
        (m.start(), m.end(), rules.label_kinds.get(_fold(m.group("label")), "ignored"))
        for m in rules.labels.finditer(segment)
    ]
    for match in rules.unknown_label.finditer(segment):
        if not any(
            start <= match.start() < end or match.start() <= start < match.end() for start, end, _ in labels
        ):
            labels.append((match.start(), match.end(), "unknown"))
    return sorted(labels)


def _read_segment(segment: str, rules: HeaderRules, fields: _LineFields, sites: list[str]) -> None:
    labels = _labels(segment, rules) if _COLON.search(segment) else []
    bare = rules.bare_labels.match(segment)
    if bare is not None and (not labels or labels[0][0] >= bare.end()):
        labels.insert(
            0, (bare.start(), bare.end(), rules.bare_kinds.get(_fold(bare.group("label")), "ignored"))
        )
    first = labels[0][0] if labels else len(segment)
    _read_unlabeled(segment[:first], rules, fields, sites)
    for number, (_start, end, kind) in enumerate(labels):
        stop = labels[number + 1][0] if number + 1 < len(labels) else len(segment)
        value = segment[end:stop].strip()
        if kind == "unknown":
            continue
        fields.recognised = True
        if kind == "date":
            found = find_date(value)
            if found is not None and fields.date is None:
                fields.date = found[0]
        elif kind == "source":
            _read_source(value, rules, fields)


def _read_source(value: str, rules: HeaderRules, fields: _LineFields) -> None:
    found = find_date(value)
    if found is not None:  # 来源：西藏日报 2024-11-20
        date, start, end = found
        if not rules.filler.sub("", value[end:]):
            fields.date = fields.date or date
            value = value[:start]
    value = value.strip(" ,，;；()（）[]【】")
    if value and len(value) <= rules.max_value_chars and fields.source is None:
        fields.source = value


def _read_unlabeled(piece: str, rules: HeaderRules, fields: _LineFields, sites: list[str]) -> None:
    """A piece without a label: a date on its own, a date beside a site name, or a site name."""
    piece = piece.strip()
    if not piece:
        return
    found = find_date(piece)
    if found is not None:
        date, start, end = found
        before, after = rules.filler.sub("", piece[:start]), rules.filler.sub("", piece[end:])
        rest = piece[:start].strip() if before else piece[end:].strip()
        if before and after:
            return  # a date inside other words: a sentence, not a header
        if not before and not after:
            fields.recognised = True
            fields.date = fields.date or date
            return
        rest = rules.filler.sub(" ", rest).strip() if rest else rest
        if looks_like_site(rest):  # 2024-11-20 新华网
            fields.recognised = True
            fields.date = fields.date or date
            sites.append(rest)
        return
    if len(piece) <= rules.max_value_chars and looks_like_site(piece):
        sites.append(piece)
