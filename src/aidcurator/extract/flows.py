"""Flow type (grant, loan, export credit …) and project status (pledged … completed) of candidate records.

Both come from cue words in ``resources/rules/flows.json``. The flow type is read from the amount's
own sentence, then the title (the text's first line), then the whole text; the first flow type in
the rule file's priority order with a cue in a scope wins. The status is read from the amount's
sentence, then the whole text, after blanking out forward-looking phrases (``expected to be
completed``); the furthest stage with a cue wins (a project handed over was also signed). Without
a cue the defaults of the rule file apply. Every decided field keeps the span of its cue word as
evidence (``record.evidence["flow_type"]`` / ``["project_status"]``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from aidcurator.domain import CandidateRecord, FlowType, ProjectStatus, Span
from aidcurator.resources import resource_path


@dataclass(frozen=True)
class _FlowRules:
    flows: tuple[tuple[FlowType, re.Pattern[str]], ...]
    flow_default: FlowType
    details: tuple[tuple[str, re.Pattern[str]], ...]
    statuses: tuple[tuple[ProjectStatus, re.Pattern[str]], ...]
    exceptions: re.Pattern[str]
    status_default: ProjectStatus


def _pattern(words: dict[str, list[str]]) -> re.Pattern[str]:
    """English fragments (whole words, any case) or Chinese ones (as written), in one pattern."""
    parts = []
    english = [w for w in words.get("en", []) if w]
    chinese = [w for w in words.get("zh", []) if w]
    if english:
        parts.append(rf"(?i:(?<![\w'-])(?:{'|'.join(english)})(?![\w-]))")
    if chinese:
        parts.append("|".join(chinese))
    return re.compile("|".join(parts) if parts else r"(?!)")


@cache
def _rules() -> _FlowRules:
    data = json.loads(resource_path("rules", "flows.json").read_text(encoding="utf-8"))
    try:
        return _FlowRules(
            flows=tuple((FlowType(e["flow"]), _pattern(e)) for e in data["flow_types"]),
            flow_default=FlowType(data["flow_default"]),
            details=tuple((name, _pattern(words)) for name, words in data["flow_details"].items()),
            statuses=tuple((ProjectStatus(e["status"]), _pattern(e)) for e in data["statuses"]),
            exceptions=_pattern(data["status_exceptions"]),
            status_default=ProjectStatus(data["status_default"]),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(f"resources/rules/flows.json is malformed: {exc}") from exc


class FlowReader:
    """Reads flow types and statuses for the records of one text; the whole-text answers are made once."""

    def __init__(self, text: str) -> None:
        self.text = text
        rules = _rules()
        self.rules = rules
        self.blanked = rules.exceptions.sub(lambda m: " " * len(m.group()), text)
        title_end = text.find("\n")
        self.title = (0, len(text) if title_end < 0 else title_end)
        self._whole_flow: tuple[FlowType, Span] | bool | None = False
        self._whole_status: tuple[ProjectStatus, Span] | bool | None = False

    def _flow_in(self, start: int, end: int) -> tuple[FlowType, Span] | None:
        for flow, pattern in self.rules.flows:
            match = pattern.search(self.text, start, end)
            if match is not None:
                return flow, Span(match.start(), match.end())
        return None

    def _status_in(self, start: int, end: int) -> tuple[ProjectStatus, Span] | None:
        for status, pattern in self.rules.statuses:
            match = pattern.search(self.blanked, start, end)
            if match is not None:
                return status, Span(match.start(), match.end())
        return None

    def fill(self, record: CandidateRecord, sentence: Span) -> None:
        """Set the record's flow type and status from the cues around its amount (sentence ``sentence``)."""
        flow = self._flow_in(sentence.start, sentence.end) or self._flow_in(*self.title)
        if flow is None:
            if self._whole_flow is False:
                self._whole_flow = self._flow_in(0, len(self.text))
            flow = self._whole_flow or None  # type: ignore[assignment]
        if flow is not None:
            record.flow_type, span = flow  # type: ignore[misc]
            record.evidence["flow_type"] = [span]
        else:
            record.flow_type = self.rules.flow_default
        if record.flow_type in (FlowType.LOAN, FlowType.GRANT):
            for name, pattern in self.rules.details:
                if pattern.search(self.text, sentence.start, sentence.end):
                    record.flags["flow_detail"] = name
                    break
        status = self._status_in(sentence.start, sentence.end)
        if self._whole_status is False:
            self._whole_status = self._status_in(0, len(self.text))
        whole = self._whole_status or None
        if whole is not None and (status is None or _stage(whole[0]) < _stage(status[0])):  # type: ignore[index]
            status = whole  # type: ignore[assignment]
        if status is not None:
            record.project_status, span = status
            record.evidence["project_status"] = [span]
        else:
            record.project_status = self.rules.status_default


def _stage(status: ProjectStatus) -> int:
    """Position in the rule file's order: smaller is further along (cancelled, suspended, completed …)."""
    return next(i for i, (s, _) in enumerate(_rules().statuses) if s is status)
