"""Less plain written forms of Arabic numbers (``resources/rules/number_forms.json``): a space before a
Chinese scale or classifier (``300 万元``), a middle dot as decimal point (``12·5亿``), a decimal comma
before an English scale (``2,5 million``), thousands groups
after a comma and a space in money (``$300, 000``), a hyphen before a one-letter scale (``$2.4-M``) and
compounds of two scales (``3 billion 6 million``, ``3亿6000万元``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from aidcurator.extract.fastre import alternation
from aidcurator.extract.rules import RuleDataError, load_rules
from aidcurator.resources import resource_path


@dataclass(frozen=True)
class NumberFormRules:
    gap_spaces: frozenset[str]
    middle_dot_points: str
    spaced_separator: str
    months: frozenset[str]
    hyphen_scales: tuple[str, ...]
    compound_en_max_digits: int
    compound_zh_max_digits: int
    point_abbreviations: tuple[str, ...]


@cache
def number_forms() -> NumberFormRules:
    """The rule data of the written forms, read and checked once."""
    path = resource_path("rules", "number_forms.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        forms = NumberFormRules(
            gap_spaces=frozenset(data["gap_spaces"]),
            middle_dot_points=str(data["middle_dot_points"]),
            spaced_separator=str(data["spaced_thousands_separator"]),
            months=frozenset(w.lower() for w in data["months"]),
            hyphen_scales=tuple(w.lower() for w in data["hyphen_scales"]),
            compound_en_max_digits=int(data["compound_en_max_digits"]),
            compound_zh_max_digits=int(data["compound_zh_max_digits"]),
            point_abbreviations=tuple(str(w) for w in data["point_abbreviations"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuleDataError(f"cannot read {path}: {exc}") from exc
    if not forms.spaced_separator or forms.spaced_separator[0] not in ",，":
        raise RuleDataError(f"{path}: spaced_thousands_separator must open with a comma")
    attached = load_rules().en_attached_scales
    unknown = [w for w in forms.hyphen_scales if w not in attached]
    if unknown:
        raise RuleDataError(f"{path}: hyphen_scales {unknown} are not en_attached_scales of amounts.json")
    return forms


def after_a_point() -> str:
    """A look-behind for the first digit of a number (already matched): no point just before it, unless the
    point closes a currency abbreviation (``Rs.16.5``; not ``No.7``, ``Sept.5``, ``.5`` opening a text)."""
    allowed = "".join(f"|(?<=(?<![A-Za-z]){re.escape(w)}[.].)" for w in number_forms().point_abbreviations)
    return f"(?:(?<![.].){allowed})"


def middle_dot_decimal() -> str:
    """The token pattern's branch of a middle-dot decimal (``12·5`` before 亿, the first digits already
    matched): the dot, digits and a look-ahead at a scale holding 万 or 亿 (one gap space allowed)."""
    forms = number_forms()
    rules = load_rules()
    scales = [w for w in rules.zh_scales if any(c in rules.zh_sections for c in w)]
    spaces = re.escape("".join(sorted(forms.gap_spaces)))
    dots = re.escape(forms.middle_dot_points)
    return rf"[{dots}][0-9]+(?=[{spaces}]?(?:{alternation(scales)}))"


def decimal_comma() -> str:
    """The token pattern's branch of a decimal comma before an English scale (``2,5 million``,
    ``€12,75m``; the digits before it already matched): at most three digits before the comma, one or
    two after it (a thousands group has three), then a scale word (one space allowed) or an attached
    scale."""
    rules = load_rules()
    spaced = [w for w in rules.en_scales if rules.en_scales[w] >= 1000]
    spaces = re.escape("".join(sorted(number_forms().gap_spaces)))
    return (
        rf"(?<![0-9]{{4}}),[0-9]{{1,2}}"
        rf"(?=(?i:[{spaces}]?(?:{alternation(spaced)})|(?:{alternation(rules.en_attached_scales)}))(?![A-Za-z0-9]))"
    )


def gap_after_arabic() -> str:
    """The token pattern's optional tail of an Arabic number: one gap space before a character a
    Chinese scale, classifier, counted noun or inner qualifier (多/余) starts with (``300 万元``); the
    readers check the word itself (:meth:`NumberFormReader.gap_end`) and give the space back if not."""
    rules = load_rules()
    words = (*rules.zh_scales, *rules.zh_classifiers, *rules.zh_direct_nouns, *rules.zh_inner_qualifiers)
    firsts = "".join(sorted({w[0] for w in words if w}))
    spaces = "".join(sorted(number_forms().gap_spaces))
    return rf"(?:[{re.escape(spaces)}](?=[{re.escape(firsts)}]))?"


def hyphen_scale_branch() -> str:
    """The English scale pattern's branch of a hyphen before a one-letter scale (``$2.4-M``)."""
    return rf"-(?P<hyphened>{alternation(number_forms().hyphen_scales)})(?![A-Za-z0-9])"
