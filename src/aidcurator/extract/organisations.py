"""Organisation names in text: the gazetteer of ``resources/organisations/*.csv`` and a generic
pattern for names it does not know (a head word such as Company, Group, Bank, Ministry of …, 公司,
集团, 银行, 委员会 with the name before it).

Rules (``resources/rules/party_roles.json``, section ``generic``):

* Gazetteer keys (names and aliases) run in one Aho-Corasick automaton over the lower-cased text
  (offsets unchanged), together with the generic head words. Latin keys match on word boundaries;
  an acronym (``CDB``, ``ZTE``) only in its own case; Chinese keys as substrings of two or more
  characters. The longest hit wins; a company form after a name (``Co., Ltd.``, ``有限公司``) joins it.
* A generic head takes the capitalised words before it (``Shanghai Construction Group``) and, for
  heads like Bank or Ministry, ``of`` + capitalised words after it (``Ministry of Finance``); in
  Chinese, the characters before it up to a stop character (``由江苏建工集团有限公司承建``).
* A foreign country right before a Chinese ministry word (``安哥拉财政部``) makes that country's
  ministry; generic role names (``援疆前方指挥部``) take the donor place written before them.

The gazetteer itself is loaded in ``organisation_gazetteer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aidcurator.domain import Mention
from aidcurator.domain.projects import OrganisationType, PartyRole
from aidcurator.extract.organisation_gazetteer import (
    CJK,
    Organisation,
    OrgGazetteer,
    load_gazetteer,
    organisation_rules,
)

__all__ = [
    "OrgHit",
    "Organisation",
    "find_organisations",
    "organisation_rules",
    "organisations",
    "resolve_organisation",
    "scan_organisations",
]

#: Gazetteer files in load order (an earlier file's key wins); the benchmark may drop the second.
ORGANISATION_FILES: tuple[str, ...] = ("organisations.csv", "organisations_gcof.csv")
_POSSESSIVE = re.compile(r"^([A-Z][\w-]*)['’]s\b")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][\w'’.&-]*")


@dataclass(slots=True)
class OrgHit:
    """An organisation found in the text: a gazetteer row (``org``) or a generic name (``org`` None)."""

    start: int
    end: int
    org: Organisation | None
    name_en: str | None = None
    name_zh: str | None = None
    org_type: OrganisationType = OrganisationType.OTHER
    country_code: str | None = None
    default_role: PartyRole | None = None  # the gazetteer row's, kept when a generic name is resolved

    @property
    def name(self) -> str:
        return self.name_en or self.name_zh or ""


def _gazetteer() -> OrgGazetteer:
    return load_gazetteer(ORGANISATION_FILES)


def organisations() -> list[Organisation]:
    """Every gazetteer row, in file order."""
    return list(_gazetteer().orgs)


def _fold(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _latin_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and ord(before) < 0x2E80) and not (after.isalnum() and ord(after) < 0x2E80)


def find_organisations(text: str, begin: int, stop: int, places: list[Mention]) -> list[OrgHit]:
    """Organisations named in ``text[begin:stop]`` (simplified text), in order, not overlapping,
    with their names, type and country (``places``: the place mentions of the text, by start)."""
    return [resolve_organisation(text, hit, places) for hit in scan_organisations(text, begin, stop)]


def scan_organisations(text: str, begin: int, stop: int) -> list[OrgHit]:
    """Where organisations are named in ``text[begin:stop]``: gazetteer rows and generic names
    (not resolved yet: see :func:`resolve_organisation`)."""
    gaz = _gazetteer()
    low = _fold(text[begin:stop])
    known: list[OrgHit] = []
    heads: dict[int, tuple[int, str]] = {}  # end -> (start, kind): the longest head ending there
    orgs = gaz.orgs
    for last, (kind, payload, length, latin, exact) in gaz.automaton.iter(low):
        end = begin + last + 1
        start = end - length
        if exact is not None and text[start:end] != exact:
            continue
        if latin and not _latin_boundary(text, start, end):
            continue
        if kind == "org":
            known.append(OrgHit(start, end, orgs[payload]))
        elif end not in heads or heads[end][0] > start:
            heads[end] = (start, kind)
    if not known and not heads:
        return []
    chosen = _longest(known)
    for hit in chosen:
        hit.end = _legal_form_end(text, hit.end, stop, gaz)
    generic: list[OrgHit] = []
    for end, (start, kind) in sorted(heads.items()):
        if kind == "en_head":
            span = _en_name(text, start, end, begin, stop, gaz)
        else:
            span = _zh_name(text, start, end, begin, gaz)
        if span is not None:
            generic.append(OrgHit(span[0], span[1], None))
    return _merge(chosen, _longest(generic)) if generic else chosen


def _longest(hits: list[OrgHit]) -> list[OrgHit]:
    taken: list[OrgHit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= t.start or hit.start >= t.end for t in taken):
            taken.append(hit)
    return sorted(taken, key=lambda h: h.start)


def _merge(known: list[OrgHit], generic: list[OrgHit]) -> list[OrgHit]:
    """Gazetteer hits win; a generic name that starts with one extends it (``中国路桥工程有限责任公司``)."""
    result = list(known)
    for name in generic:
        inside = [k for k in known if k.start < name.end and name.start < k.end]
        if not inside:
            result.append(name)
        elif len(inside) == 1 and inside[0].start == name.start and name.end > inside[0].end:
            inside[0].end = name.end
    return sorted(result, key=lambda h: h.start)


def _legal_form_end(text: str, end: int, stop: int, gaz: OrgGazetteer) -> int:
    found = gaz.legal_form_re.match(text, end, stop)
    return found.end() if found is not None else end


def _en_name(
    text: str, start: int, end: int, begin: int, stop: int, gaz: OrgGazetteer
) -> tuple[int, int] | None:
    """The generic English name around a head word, or None."""
    head = text[start:end]
    if head not in gaz.en_heads:
        return None  # heads are capitalised words
    words: list[tuple[int, int]] = []
    cursor = start
    while len(words) < gaz.rules["generic"]["en_max_words"]:
        gap_start = cursor - 1
        if gap_start <= begin or text[gap_start] != " ":
            break
        found = None
        for match in _LATIN_WORD.finditer(text, max(begin, gap_start - 40), gap_start):
            if match.end() == gap_start:
                found = match
        if found is None:
            break
        word = found.group()
        if word.rstrip(".") in gaz.stop_words or word.endswith((".", ",")):
            break
        if word.endswith(("'s", "’s")):
            if word[0].isupper():
                words.append(found.span())  # Ghana's Ministry of Finance
            break
        if not (word[0].isupper() or word in gaz.joiners):
            break
        words.append(found.span())
        cursor = found.start()
    while words and text[words[-1][0] : words[-1][1]] in gaz.joiners:
        words.pop()
    name_start = words[-1][0] if words else start
    name_end = end
    if head in gaz.of_heads and text.startswith(" of ", end):
        tail = re.match(r" of(?: (?:[A-Z][\w'’&-]*|and|&|the|for|de|del|y))+", text[end:stop])
        if tail is not None:
            name_end = end + len(tail.group().rstrip("."))
            while (
                text[name_end - 4 : name_end] in (" and", " the", " for")
                or text[name_end - 2 : name_end] == " &"
            ):
                name_end = text.rfind(" ", 0, name_end)
    name_end = _legal_form_end(text, name_end, stop, gaz)
    name = text[name_start:name_end]
    capitalised = [w for w in name.split() if w[0].isupper() and w.rstrip(".,") not in gaz.en_heads]
    if not capitalised or len(name.split()) < gaz.rules["generic"]["en_min_words"]:
        return None
    return name_start, name_end


def _zh_name(text: str, start: int, end: int, begin: int, gaz: OrgGazetteer) -> tuple[int, int] | None:
    """The generic Chinese name before a head word, or None."""
    limit = max(begin, start - gaz.rules["generic"]["zh_max_chars"])
    cursor = start
    while cursor > limit:
        ch = text[cursor - 1]
        if ch in gaz.zh_stop or not (CJK.match(ch) or ch in "()（）" or (ch.isascii() and ch.isalnum())):
            break
        cursor -= 1
    while cursor < start and text[cursor] in ")）":
        cursor += 1
    if start - cursor < gaz.rules["generic"]["zh_min_chars"] or text[start - 1] in gaz.zh_not_before:
        return None
    return cursor, end


def _generic_type(name: str, gaz: OrgGazetteer) -> OrganisationType:
    for org_type, words in gaz.types:
        if any(w in name for w in words):
            return org_type
    return OrganisationType.OTHER


def _country_inside(places: list[Mention], start: int, end: int) -> str | None:
    for place in places:
        if start <= place.start and place.end <= end:
            place_id = str(place.data.get("id", ""))
            if place_id.startswith("ctry-"):
                return place_id[5:].upper()
            if place_id.startswith(("cn-", "xj-")) or place_id.isdigit():  # (digits: a division code)
                return "CHN"
    return None


def _place_before(places: list[Mention], start: int, gap: int, text: str) -> Mention | None:
    for place in places:
        if (
            place.end <= start
            and start - place.end <= gap
            and not re.search(r"[，,。；;、\s]", text[place.end : start])
        ):
            return place
    return None


def resolve_organisation(text: str, hit: OrgHit, places: list[Mention]) -> OrgHit:
    """Names, type and country of a hit (generic names read from the text), in place.

    ``places``: place mentions near the hit (a foreign country before 财政部, a donor before 前方指挥部)."""
    gaz = _gazetteer()
    org = hit.org
    if org is not None:
        hit.name_en, hit.name_zh = org.name_en, org.name_zh
        hit.org_type, hit.country_code, hit.default_role = org.org_type, org.country_code, org.default_role
        written = text[hit.start : hit.end]
        country = _place_before(places, hit.start, gaz.rules["foreign_ministry_zh"]["max_gap"], text)
        if written in gaz.ministry_heads and country is not None and country.data.get("level") == "country":
            code = str(country.data.get("id", ""))[5:].upper()
            if code != "CHN":  # 安哥拉财政部: Angola's ministry
                hit.org, hit.start, hit.default_role = None, country.start, None
                hit.name_en, hit.name_zh = None, f"{country.data.get('name', country.text)}{written}"
                hit.country_code = code
        elif (
            country is not None
            and not org.generic
            and org.country_code == "CHN"
            and org.org_type.value in gaz.rules["local_agency_zh"]["types"]
            and (
                str(country.data.get("id", "")).startswith(("cn-", "xj-"))
                or str(country.data.get("id", "")).isdigit()
            )
            and country.end == hit.start
        ):  # 浙江省发改委: the province's body, not the national one
            hit.org, hit.start, hit.default_role = None, country.start, None
            hit.name_en, hit.name_zh = None, f"{country.data.get('name', country.text)}{written}"
            hit.country_code = "CHN"
        elif org.generic:
            donor = _place_before(places, hit.start, 12, text)
            if donor is not None and donor.data.get("role_hint") == "donor":
                hit.org, hit.start = None, donor.start
                hit.name_en, hit.name_zh = None, f"{donor.data.get('name', donor.text)}{org.name_zh or ''}"
        return hit
    written = _POSSESSIVE.sub(
        r"\1", " ".join(text[hit.start : hit.end].split())
    )  # Ghana's Ministry → Ghana Ministry
    if CJK.search(written):
        hit.name_zh = written
    else:
        hit.name_en = written
    hit.org_type = _generic_type(written, gaz)
    code = _country_inside(places, hit.start, hit.end)
    if code is None and (hit.name_zh or any(w in written for w in gaz.china_words)):
        code = "CHN"
    hit.country_code = code
    return hit
