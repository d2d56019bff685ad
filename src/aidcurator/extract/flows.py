"""Flow type (grant, loan, export credit …) and project status (pledged … completed) of candidate records.

Both come from cue words in ``resources/rules/flows.json``. The flow type is read from the amount's
own sentence, then the title (the text's first line), then the amount's paragraph; the first flow type in
the rule file's priority order with a cue in a scope wins. The status is read from the amount's
paragraph (a headline joins the lead paragraph), after blanking out forward-looking phrases (``expected to be
completed``); the furthest stage with a cue wins (a project handed over was also signed). Without
a cue the defaults of the rule file apply. Every decided field keeps the span of its cue word as
evidence (``record.evidence["flow_type"]`` / ``["project_status"]``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from aidcurator.domain import CandidateRecord, FlowType, ProjectStatus, Span
from aidcurator.resources import resource_path


@dataclass(frozen=True)
class _FlowRules:
    flows: tuple[FlowType, ...]
    flow_pattern: re.Pattern[str]  # one named group per flow type, in priority order
    flow_default: FlowType
    details: tuple[tuple[str, re.Pattern[str]], ...]
    statuses: tuple[ProjectStatus, ...]
    status_pattern: re.Pattern[str]
    exceptions: re.Pattern[str]
    status_default: ProjectStatus


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


def _groups(entries: list[dict[str, list[str]]]) -> re.Pattern[str]:
    """One pattern whose group ``g<i>`` holds the cues of entry ``i``: a text is scanned once.

    It opens with a look at the next character (a letter that starts a word, or the first character
    of a Chinese cue), so most positions are passed over after one test (about three times faster)."""
    first = "".join(sorted({re.escape(w[0]) for e in entries for w in e.get("zh", []) if w}))
    guard = rf"(?:\b(?=[A-Za-z])|(?=[{first}]))" if first else r"\b(?=[A-Za-z])"
    return re.compile(
        guard + "(?:" + "|".join(f"(?P<g{i}>{_fragment(e)})" for i, e in enumerate(entries)) + ")"
    )


@cache
def _rules() -> _FlowRules:
    data = json.loads(resource_path("rules", "flows.json").read_text(encoding="utf-8"))
    try:
        return _FlowRules(
            flows=tuple(FlowType(e["flow"]) for e in data["flow_types"]),
            flow_pattern=_groups(data["flow_types"]),
            flow_default=FlowType(data["flow_default"]),
            details=tuple(
                (name, re.compile(_fragment(words))) for name, words in data["flow_details"].items()
            ),
            statuses=tuple(ProjectStatus(e["status"]) for e in data["statuses"]),
            status_pattern=_groups(data["statuses"]),
            exceptions=re.compile(_fragment(data["status_exceptions"])),
            status_default=ProjectStatus(data["status_default"]),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(f"resources/rules/flows.json is malformed: {exc}") from exc


_Cues = tuple[list[int], list[tuple[int, Span]]]


def _scan(pattern: re.Pattern[str], chunk: str, offset: int) -> _Cues:
    """Every cue in ``chunk`` (which starts at ``offset``): their starts and (priority, span), in order."""
    found = [
        (int(m.lastgroup[1:]), Span(offset + m.start(), offset + m.end()))
        for m in pattern.finditer(chunk)
        if m.lastgroup
    ]
    return [span.start for _, span in found], found


def _best(cues: _Cues, start: int, end: int) -> tuple[int, Span] | None:
    """The cue of highest priority (lowest index) between ``start`` and ``end``, the first one on ties."""
    starts, found = cues
    inside = found[bisect_left(starts, start) : bisect_left(starts, end)]
    return min(inside, key=lambda cue: cue[0]) if inside else None


class FlowReader:
    """Reads flow types and statuses for the records of one text. Each paragraph that holds an amount
    (a headline joined to the lead paragraph) is scanned once, when its first record asks."""

    def __init__(self, text: str, paragraph_of: Callable[[int], tuple[int, int]]) -> None:
        self.text = text
        self.rules = _rules()
        self.paragraph_of = paragraph_of
        title_end = text.find("\n")
        self.title = (0, len(text) if title_end < 0 else title_end)
        self._scanned: dict[tuple[int, int], tuple[_Cues, _Cues]] = {}

    def _cues(self, paragraph: tuple[int, int]) -> tuple[_Cues, _Cues]:
        cues = self._scanned.get(paragraph)
        if cues is None:
            rules = self.rules
            start, end = paragraph
            chunk = self.text[start:end]
            blanked = rules.exceptions.sub(lambda m: " " * len(m.group()), chunk)
            cues = self._scanned[paragraph] = (
                _scan(rules.flow_pattern, chunk, start),
                _scan(rules.status_pattern, blanked, start),
            )
        return cues

    def fill(self, record: CandidateRecord, sentence: Span) -> None:
        """Set the record's flow type and status from the cues around its amount (sentence ``sentence``)."""
        rules = self.rules
        paragraph = self.paragraph_of(sentence.start)
        flows, statuses = self._cues(paragraph)
        title = self._cues(self.paragraph_of(0))[0] if self.title[1] <= paragraph[0] else flows
        flow = (
            _best(flows, sentence.start, sentence.end)
            or _best(title, *self.title)
            or _best(flows, *paragraph)
        )
        if flow is not None:
            record.flow_type = rules.flows[flow[0]]
            record.evidence["flow_type"] = [flow[1]]
        else:
            record.flow_type = rules.flow_default
        if record.flow_type in (FlowType.LOAN, FlowType.GRANT):
            for name, pattern in rules.details:
                if pattern.search(self.text, sentence.start, sentence.end):
                    record.flags["flow_detail"] = name
                    break
        status = _best(statuses, *paragraph)  # the furthest stage the amount's paragraph names
        if status is not None:
            record.project_status = rules.statuses[status[0]]
            record.evidence["project_status"] = [status[1]]
        else:
            record.project_status = rules.status_default
