"""The organisation gazetteer: the rows of ``resources/organisations/*.csv`` and the generic rules of
``resources/rules/party_roles.json``, loaded into one key automaton (see :mod:`.organisations`, which finds
the names in text)."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from aidcurator.domain.projects import OrganisationType, PartyRole
from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.resources import resource_path

__all__ = ["CJK", "OrgGazetteer", "Organisation", "load_gazetteer", "organisation_rules"]

_COLUMNS = ("id", "name_en", "name_zh", "aliases", "org_type", "country_code", "default_role", "generic")
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Organisation:
    """One gazetteer row."""

    id: str
    name_en: str | None
    name_zh: str | None
    aliases: tuple[str, ...]
    org_type: OrganisationType
    country_code: str | None
    default_role: PartyRole | None
    generic: bool

    @property
    def name(self) -> str:
        return self.name_en or self.name_zh or self.id


@dataclass(frozen=True, slots=True)
class OrgGazetteer:
    """The gazetteer rows, their keys and the generic head words in one automaton, and the generic rules."""

    orgs: list[Organisation]
    automaton: KeyAutomaton
    rules: dict[str, Any]
    en_heads: frozenset[str]
    of_heads: frozenset[str]
    joiners: frozenset[str]
    stop_words: frozenset[str]
    zh_stop: frozenset[str]
    zh_not_before: frozenset[str]
    legal_forms: tuple[str, ...]
    legal_form_re: re.Pattern[str]
    types: tuple[tuple[OrganisationType, tuple[str, ...]], ...]
    china_words: tuple[str, ...]
    ministry_heads: frozenset[str]


@cache
def organisation_rules() -> dict[str, Any]:
    """The rule file ``resources/rules/party_roles.json``."""
    with resource_path("rules", "party_roles.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def _read_rows(name: str) -> list[Organisation]:
    path = resource_path("organisations", name)
    if not path.exists():
        return []
    found = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        for line, row in enumerate(reader, start=2):
            try:
                found.append(
                    Organisation(
                        id=row["id"],
                        name_en=row["name_en"].strip() or None,
                        name_zh=row["name_zh"].strip() or None,
                        aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
                        org_type=OrganisationType(row["org_type"]),
                        country_code=row["country_code"].strip() or None,
                        default_role=PartyRole(row["default_role"]) if row["default_role"] else None,
                        generic=row["generic"].strip() == "1",
                    )
                )
            except ValueError as exc:
                raise ValueError(f"{path}:{line}: {exc}") from None
    return found


def _is_acronym(key: str) -> bool:
    return " " not in key and len(key) <= 8 and key.upper() == key and not CJK.search(key)


def _strip_legal_form(name: str, forms: tuple[str, ...]) -> str:
    for form in forms:
        if name.endswith(form) and len(name) > len(form) + 3:
            return name[: -len(form)].rstrip(" ,")
    return name


@cache
def load_gazetteer(files: tuple[str, ...]) -> OrgGazetteer:
    rules = organisation_rules()
    generic = rules["generic"]
    forms = tuple(sorted(generic["legal_forms"], key=len, reverse=True))
    orgs = [org for name in files for org in _read_rows(name)]
    values: dict[str, tuple] = {}
    for index, org in enumerate(orgs):
        # In file order (a set's order changes with the hash seed: the output must not).
        names = list(dict.fromkeys(n for n in (org.name_en, org.name_zh, *org.aliases) if n))
        names = list(dict.fromkeys([*names, *(_strip_legal_form(n, forms) for n in names)]))
        for key in names:
            cjk = bool(CJK.search(key))
            if len(key) < (2 if cjk else 3):
                continue
            exact = key if _is_acronym(key) else None
            found = values.get(key.lower())
            if found is None:
                values[key.lower()] = ("org", index, len(key), not cjk, exact)
            elif found[:2] == ("org", index) and exact is None and found[4] is not None:
                values[key.lower()] = (*found[:4], None)  # NORINCO and Norinco: any case matches
    for head in generic["en_heads"]:
        values.setdefault(head.lower(), ("en_head", head, len(head), True, head))
    for head in generic["zh_heads"]:
        values.setdefault(head, ("zh_head", head, len(head), False, None))
    automaton = KeyAutomaton(values.items())
    return OrgGazetteer(
        orgs=orgs,
        automaton=automaton,
        rules=rules,
        en_heads=frozenset(generic["en_heads"]),
        of_heads=frozenset(generic["en_of_heads"]),
        joiners=frozenset(generic["en_joiners"]),
        stop_words=frozenset(generic["en_stop_words"]),
        zh_stop=frozenset(generic["zh_stop_chars"]),
        zh_not_before=frozenset(generic["zh_not_before_head"]),
        legal_forms=forms,
        legal_form_re=re.compile("|".join(re.escape(form) for form in forms)),
        types=tuple((OrganisationType(t["type"]), tuple(t["words"])) for t in generic["types"]),
        china_words=tuple(generic["china_words"]),
        ministry_heads=frozenset(rules["foreign_ministry_zh"]["heads"]),
    )
