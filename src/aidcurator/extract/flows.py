"""Flow type (grant, loan, export credit …) and project status (pledged … completed) of candidate records.

Both come from cue words in ``resources/rules/flows.json``. The flow type is read from the amount's
own sentence, then the title (the text's first line), then the amount's paragraph; the first flow type in
the rule file's priority order with a cue in a scope wins.

The status is read from the amount's paragraph (a headline joins the lead paragraph) and the paragraphs
after it that hold no amount of their own (they go on with its story). Status phrases
(``signed a memorandum of understanding``, ``still under construction``) and exceptions (``expected to be
completed``, ``unclear whether``) are read in the same pass as the stage cues, and a stage cue that
overlaps one of them does not count. Every
cue has a rank: its stage's place in the rule file (the furthest stage first: a project handed over was
also signed), or, for a phrase that ``outranks`` a stage, just above that stage. The best-ranked cue wins;
the headline's cues (``China pledges …``) join those of the lead paragraph and of a paragraph without cues.
Without a cue the default of the record's flow type applies (a loan: committed), else the rule file's
default. A debt relief that is pledged or committed is completed (``done_when``). Every decided field
keeps the span of its cue as evidence (``record.evidence["flow_type"]`` / ``["project_status"]``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from aidcurator.domain import AmountKind, CandidateRecord, FlowType, ProjectStatus, Span
from aidcurator.extract.fastre import Hits, Prefiltered, PrefilteredSet
from aidcurator.extract.flow_cues import cue_groups
from aidcurator.resources import resource_path


@dataclass(frozen=True)
class _Ranked:
    """A status cue's rank (lower wins: the order of ``statuses``, or just above the stage a phrase
    outranks) and the status it names."""

    rank: float
    status: ProjectStatus


@dataclass(frozen=True)
class _FlowRules:
    flows: tuple[FlowType, ...]
    flow_pattern: Prefiltered  # named groups g<i>_… per flow type, in priority order
    flow_default: FlowType
    details: tuple[str, ...]
    detail_scan: PrefilteredSet  # one pattern per detail, in the order of the rule file
    statuses: tuple[ProjectStatus, ...]
    status_pattern: Prefiltered
    exceptions: Prefiltered  # groups g<i>_…: the status phrases in file order, then the exceptions
    phrases: tuple[_Ranked, ...]  # the status and rank of each status phrase (entry i of exceptions)
    headline_pattern: Prefiltered
    headlines: tuple[_Ranked, ...]
    status_default: ProjectStatus
    status_default_by_flow: dict[FlowType, ProjectStatus]  # the default for these flow types
    status_default_by_kind: dict[AmountKind, ProjectStatus]  # before that, for these amount kinds
    done_when: dict[FlowType, frozenset[ProjectStatus]]  # these statuses of these flows are completed
    scan: PrefilteredSet  # exceptions, statuses, flows, then the details (SCANNED_FIRST): one pass
    story_chars: int  # how far after an amount's paragraph its story is read


def _details(words: dict[str, list[str]]) -> Prefiltered:
    cues = [(w, True) for w in words.get("en", []) if w] + [(w, False) for w in words.get("zh", []) if w]
    return Prefiltered(re.compile(_fragment(words)), cues)


def _fragment(words: dict[str, list[str]]) -> str:
    """English fragments (whole words, any case) or Chinese ones (as written), as one alternation."""
    parts = []
    english = [w for w in words.get("en", []) if w]
    chinese = [w for w in words.get("zh", []) if w]
    if english:
        parts.append(rf"(?i:(?<![\w'-])(?:{'|'.join(english)})(?![\w-]))")
    if chinese:
        parts.append("|".join(chinese))
    return "|".join(parts) if parts else r"(?!)"


@cache  # (a few hundred group names, read for every cue found)
def _entry(name: str) -> int:
    """The entry index of group ``g<i>_…``."""
    return int(name[1:].split("_", 1)[0])


def _ranked(entries: list[dict], statuses: tuple[ProjectStatus, ...]) -> tuple[_Ranked, ...]:
    """Each entry's status and rank: the rank of the stage it names, or, with ``outranks``, just
    above the stage named there (a phrase that outranks ``completed`` beats a completion cue)."""
    ranks = []
    for entry in entries:
        status = ProjectStatus(entry["status"])
        above = entry.get("outranks")
        rank = statuses.index(ProjectStatus(above)) - 0.5 if above else statuses.index(status)
        ranks.append(_Ranked(rank, status))
    return tuple(ranks)


@cache
def _rules() -> _FlowRules:
    data = json.loads(resource_path("rules", "flows.json").read_text(encoding="utf-8"))
    try:
        flow_pattern, status_pattern = cue_groups(data["flow_types"]), cue_groups(data["statuses"])
        phrases = data.get("status_phrases", [])
        exceptions = cue_groups([*phrases, data["status_exceptions"]])
        statuses = tuple(ProjectStatus(e["status"]) for e in data["statuses"])
        headlines = data.get("headline_statuses", [])
        details = [_details(words) for words in data["flow_details"].values()]
        return _FlowRules(
            flows=tuple(FlowType(e["flow"]) for e in data["flow_types"]),
            flow_pattern=flow_pattern,
            flow_default=FlowType(data["flow_default"]),
            details=tuple(data["flow_details"]),
            detail_scan=PrefilteredSet(details),
            statuses=statuses,
            status_pattern=status_pattern,
            exceptions=exceptions,
            phrases=_ranked(phrases, statuses),
            headline_pattern=cue_groups(headlines),
            headlines=_ranked(headlines, statuses),
            status_default=ProjectStatus(data["status_default"]),
            status_default_by_flow={
                FlowType(flow): ProjectStatus(status)
                for flow, status in data.get("status_default_by_flow", {}).items()
            },
            status_default_by_kind={
                AmountKind(kind): ProjectStatus(status)
                for kind, status in data.get("status_default_by_kind", {}).items()
            },
            done_when={
                FlowType(flow): frozenset(ProjectStatus(s) for s in statuses)
                for flow, statuses in data.get("done_when", {}).items()
            },
            scan=PrefilteredSet([exceptions, status_pattern, flow_pattern, *details]),
            story_chars=int(data.get("story_chars", 0)),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(f"resources/rules/flows.json is malformed: {exc}") from exc


_Where = tuple[int, int]  # a cue's start and end: made a Span only for the cue that decides
_Cues = tuple[list[int], list[tuple[int, _Where]]]
_SCANNED_FIRST = 3  # the patterns of ``scan`` whose matches are read: exceptions, statuses, flows
_STATUS_PATTERNS = 2  # the first two: all a story's paragraphs are scanned for
_StatusCue = tuple[float, _Where, ProjectStatus]  # rank, where, which status


def _scan(matches: Iterable[re.Match[str]], offset: int) -> _Cues:
    """Every cue in ``matches`` (of a chunk that starts at ``offset``): their starts and (priority, (start, end))."""
    found = [(_entry(m.lastgroup), (offset + m.start(), offset + m.end())) for m in matches if m.lastgroup]
    return [where[0] for _, where in found], found


def _best(cues: _Cues, start: int, end: int) -> tuple[int, _Where] | None:
    """The cue of highest priority (lowest index) between ``start`` and ``end``, the first one on ties."""
    starts, found = cues
    inside = found[bisect_left(starts, start) : bisect_left(starts, end)]
    return min(inside, key=lambda cue: cue[0]) if inside else None


def _status_cues(
    matches: Iterable[re.Match[str]], ranked: tuple[_Ranked, ...], offset: int
) -> list[_StatusCue]:
    """The status cues among ``matches`` (groups ``g<i>_…`` of entry ``i`` of ``ranked``)."""
    cues = []
    for m in matches:
        if m.lastgroup:
            entry = _entry(m.lastgroup)
            if entry < len(ranked):  # past the ranked entries: an exception, no status
                cues.append(
                    (ranked[entry].rank, (offset + m.start(), offset + m.end()), ranked[entry].status)
                )
    return cues


def _outside(matches: list[re.Match[str]], blanks: list[re.Match[str]]) -> list[re.Match[str]]:
    """The ``matches`` that overlap none of ``blanks`` (both in text order, ``blanks`` non-overlapping)."""
    ends = [b.end() for b in blanks]
    kept = []
    for m in matches:
        i = bisect_left(ends, m.start() + 1)  # the first blank that ends after the match starts
        if i == len(blanks) or blanks[i].start() >= m.end():
            kept.append(m)
    return kept


def _stage_cues(
    exceptions: list[re.Match[str]], statuses: list[re.Match[str]], rules: _FlowRules, offset: int
) -> list[_StatusCue]:
    """The status cues of one scanned chunk (at ``offset``): its stage cues outside the phrases and
    exceptions, and the phrases."""
    phrases = _status_cues(exceptions, rules.phrases, offset)
    if exceptions:  # a stage cue that overlaps a phrase or an exception does not count
        statuses = _outside(statuses, exceptions)
    return [(float(i), where, rules.statuses[i]) for i, where in _scan(statuses, offset)[1]] + phrases


class FlowReader:
    """Reads flow types and statuses for the records of one text. Each paragraph that holds an amount
    (a headline joined to the lead paragraph) is scanned once, when its first record asks."""

    def __init__(
        self,
        text: str,
        paragraph_of: Callable[[int], tuple[int, int]],
        amount_starts: list[int] | None = None,
    ) -> None:
        """``amount_starts``: where the text's amounts start, in order (a paragraph without one goes on
        with the story of the amount before it)."""
        self.text = text
        self.amount_starts = amount_starts or []
        self.rules = _rules()
        self.paragraph_of = paragraph_of
        title_end = text.find("\n")
        self.title = (0, len(text) if title_end < 0 else title_end)
        self._scanned: dict[tuple[int, int], tuple[_Cues, list[_StatusCue]]] = {}
        self._detail_hits: dict[tuple[int, int], Hits | None] = {}
        self._headline: list[_StatusCue] | None = None
        self._story: dict[tuple[int, int], list[_StatusCue]] = {}

    def _cues(self, paragraph: tuple[int, int]) -> tuple[_Cues, list[_StatusCue]]:
        cues = self._scanned.get(paragraph)
        if cues is None:
            rules = self.rules
            start, end = paragraph
            chunk = self.text[start:end]
            # the detail words' prefixes are found in the same pass (their bits follow the first three)
            (exceptions, statuses, flows), hits = rules.scan.findall_hits(
                chunk, 0, len(chunk), _SCANNED_FIRST
            )
            cues = self._scanned[paragraph] = (
                _scan(flows, start),
                _stage_cues(exceptions, statuses, rules, start),
            )
            self._detail_hits[paragraph] = (
                None
                if hits is None
                else [(start + s, m >> _SCANNED_FIRST) for s, m in hits if m >> _SCANNED_FIRST]
            )
        return cues

    def _headline_cues(self) -> list[_StatusCue]:
        """The status cues of the headline (the text's first line, when more follows)."""
        if self._headline is None:
            rules = self.rules
            start, end = self.title
            self._headline = (
                _status_cues(rules.headline_pattern.finditer(self.text, start, end), rules.headlines, 0)
                if end < len(self.text)
                else []
            )
        return self._headline

    def _story_cues(self, paragraph: tuple[int, int]) -> list[_StatusCue]:
        """The status cues of the paragraphs after ``paragraph`` up to the next one that holds an
        amount, and at most ``story_chars`` on: they go on with the story of its money (the works
        began, the school was handed over)."""
        found = self._story.get(paragraph)
        if found is None:
            start = paragraph[1]
            i = bisect_left(self.amount_starts, start)
            end = (
                self.paragraph_of(self.amount_starts[i])[0] if i < len(self.amount_starts) else len(self.text)
            )
            if end - start > self.rules.story_chars:  # cut at a space: no half word at the end
                end = max(start, self.text.rfind(" ", start, start + self.rules.story_chars))
            found = []
            if end > start:
                chunk = self.text[start:end]
                # (the automaton of every cue, also the one of the amounts' paragraphs: it stays in the cache)
                (exceptions, statuses), _ = self.rules.scan.findall_hits(
                    chunk, 0, len(chunk), _STATUS_PATTERNS
                )
                found = _stage_cues(exceptions, statuses, self.rules, start)
            self._story[paragraph] = found
        return found

    def _status(self, paragraph: tuple[int, int], cues: list[_StatusCue]) -> _StatusCue | None:
        """The cue that decides the status: the best-ranked one of the paragraph (the furthest stage it
        names) and, for the lead paragraph or a paragraph without a cue, of the headline."""
        if paragraph[0] <= self.title[0] or not cues:
            cues = cues + self._headline_cues()
        return min(cues, key=lambda cue: cue[0]) if cues else None

    def fill(self, record: CandidateRecord, sentence: Span) -> None:
        """Set the record's flow type and status from the cues around its amount (sentence ``sentence``)."""
        rules = self.rules
        paragraph = self.paragraph_of(sentence.start)
        flows, statuses = self._cues(paragraph)
        flow = _best(flows, sentence.start, sentence.end)
        if flow is None:  # the title's paragraph is scanned only when a record asks about it
            title = self._cues(self.paragraph_of(0))[0] if self.title[1] <= paragraph[0] else flows
            flow = _best(title, *self.title) or _best(flows, *paragraph)
        if flow is not None:
            record.flow_type = rules.flows[flow[0]]
            record.evidence["flow_type"] = [Span(*flow[1])]
        else:
            record.flow_type = rules.flow_default
        if record.flow_type in (FlowType.LOAN, FlowType.GRANT):
            # where a detail word may start: found with the paragraph when it holds the sentence; the
            # end of a sentence past the paragraph (its line break) is looked up on its own
            hits = None
            if paragraph[0] <= sentence.start and (hits := self._detail_hits[paragraph]) is not None:
                inside = min(sentence.end, paragraph[1])
                hits = hits[bisect_left(hits, (sentence.start, -1)) : bisect_left(hits, (inside, -1))]
                if inside < sentence.end:
                    rest = rules.detail_scan.hits(self.text, max(inside, sentence.start), sentence.end)
                    hits = None if rest is None else hits + rest
            detail = rules.detail_scan.first(self.text, sentence.start, sentence.end, hits)
            if detail is not None:
                record.flags["flow_detail"] = rules.details[detail]
        status = self._status(paragraph, statuses + self._story_cues(paragraph))
        if status is not None:
            record.project_status = status[2]
            record.evidence["project_status"] = [Span(*status[1])]
        else:
            status_of_kind = (
                rules.status_default_by_kind.get(record.amounts[0].kind) if record.amounts else None
            )
            record.project_status = status_of_kind or rules.status_default_by_flow.get(
                record.flow_type, rules.status_default
            )
        if record.project_status in rules.done_when.get(record.flow_type, ()):
            record.project_status = ProjectStatus.COMPLETED  # the debt is cancelled when it is signed
