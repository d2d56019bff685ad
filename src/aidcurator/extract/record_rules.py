"""The rule data record assembly reads (``resources/rules/records.json``): cue words per language."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from aidcurator.domain import AmountKind
from aidcurator.extract.fastre import after_first, first_chars
from aidcurator.extract.residue import PINYIN_LETTERS
from aidcurator.resources import resource_path

CJK = re.compile(r"[\u3400-\u9fff]")
#: Characters re.IGNORECASE matches to ASCII letters (Kelvin sign, long s, dotted and dotless i).
_CASE_ODDITIES = "\u212aſİı"  # (the Kelvin sign, not the letter K)


@dataclass(frozen=True)
class Cues:
    """One list of cue words for each language."""

    zh: re.Pattern[str]
    en: re.Pattern[str]
    zh_words: tuple[str, ...] = ()
    en_words: tuple[str, ...] = ()  # lower case

    @classmethod
    def load(cls, words: dict[str, list[str]]) -> Cues:
        return cls(
            _alternation(words["zh"], english=False),
            _alternation(words["en"], english=True),
            tuple(w for w in words["zh"] if w),
            tuple(w.lower() for w in words["en"] if w),
        )

    @classmethod
    def union(cls, many: Iterable[Cues]) -> Cues:
        """One list of the words of all of ``many``: it matches where one of theirs does, and its pattern
        opens with one character class, which the regex engine scans for quickly (a joined alternation of
        their patterns would be tried at every position)."""
        lists = list(many)
        zh = list(dict.fromkeys(w for cues in lists for w in cues.zh_words))
        en = list(dict.fromkeys(w for cues in lists for w in cues.en_words))
        return cls(_alternation(zh, english=False), _alternation(en, english=True), tuple(zh), tuple(en))

    def en_starts(self, text: str, low: str) -> list[int] | None:
        """Every offset where an English cue word may start in ``text`` (``low``: its lower case), in
        order, found by substring searches; None when the words cannot tell (a letter that matches others
        only ignoring case, such as K or ſ, is in the text)."""
        if any(odd in text for odd in _CASE_ODDITIES):  # (a substring search each: faster than a class)
            return None
        found: set[int] = set()
        for word in _start_keys(self.en_words):
            at = low.find(word)
            while at >= 0:
                found.add(at)
                at = low.find(word, at + 1)
        return sorted(found)

    def pick(self, english: bool) -> re.Pattern[str]:
        return self.en if english else self.zh


@cache  # (a few lists of words)
def _start_keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """What to look for to find where ``words`` start: words that open with the same word of three
    letters or more (``each of``, ``each year``) are looked for by that word, once (a few more starts,
    which the pattern tried there rejects, for a pass over the text per word saved)."""
    heads = [w.split(" ", 1)[0] for w in words]
    shared = {h for h in heads if len(h) >= 3 and heads.count(h) > 1}
    return tuple(dict.fromkeys(h if h in shared else w for h, w in zip(heads, words, strict=True)))


@dataclass(frozen=True)
class RecordRules:
    """The contents of ``resources/rules/records.json``, compiled."""

    kind_priority: tuple[AmountKind, ...]
    kind_default: AmountKind
    kind_cues: dict[AmountKind, Cues]
    weak_cumulative: Cues
    exceptions: Cues
    share_after: Cues
    en_cue_after_window: int
    list_intro_endings: tuple[str, ...]
    programme_regions: dict[str, str]
    capital_metonyms: dict[str, str]
    anaphora: dict[str, tuple[str, ...]]
    since_words: Cues
    aggregate: Cues
    many_givers: Cues
    many_givers_channels: tuple[str, ...]  # 通过社会捐赠筹集: the named donor raised it itself
    whole_region_donors: frozenset[str]
    donorless_regions: frozenset[str]
    programme: Cues
    project: Cues
    per_unit: Cues
    per_unit_before: re.Pattern[str]  # 每县, 每村: a Chinese rate only when written before the amount
    not_aid: Cues
    aid: Cues
    difference_before: Cues
    portfolio_total_before: re.Pattern[str]
    part_of_pledge_before: re.Pattern[str]
    not_a_record_exceptions: Cues
    venue_after: re.Pattern[str]
    venue_before: re.Pattern[str]
    conversion_gap: re.Pattern[str]
    restated_before: re.Pattern[str]
    enterprise_donor: re.Pattern[str]
    committed_framing: re.Pattern[str]  # a decision verb closing the clause before the amount's
    decision_words: re.Pattern[str]  # the same verbs anywhere (a list sharing one clause)
    after_cues_zh: tuple[tuple[AmountKind, re.Pattern[str]], ...]  # in kind_priority order
    share_chain_opener: re.Pattern[str]
    share_chain_inner: re.Pattern[str]  # ，其中 inside the chain's first clause
    single_year_before: re.Pattern[str]  # one year of the amount's own (2017年的)
    donor_list_joiners: frozenset[str]  # what joins two donors listed side by side (上海、广东)
    each_giver_before: re.Pattern[str]  # 分别 + a short verb right before the amount
    each_recipient_before: re.Pattern[str]  # 各提供 right before the amount: each receiver's sum
    each_giver_joiners: tuple[str, ...]
    single_works: re.Pattern[str]  # one named works the money builds (…人民医院, …新校区)
    percent_share_before: re.Pattern[str]  # 的51.8%（: a share of a total, restated as money
    percent_share_after: re.Pattern[str]  # ，占…总额的8.1%: a share of a total
    many_countries: re.Pattern[str]  # 向10国提供: aid to many countries, a programme
    partitive_after: re.Pattern[str]  # '… of the 1 billion dollars': a part of a named sum
    en_predicate_after: re.Pattern[str]  # '… was disbursed': the amount's own passive verb
    running_list_gap: int  # characters at most between a running total and the next item of its list
    one_off_sectors: frozenset[str]  # sectors whose aid is one gift: no programme from a fund's name
    programme_bundle: Cues  # programme cues that name a bundle or a total, not a fund
    en_clause_turn: re.Pattern[str]  # ', but' / '; while': a new English clause with its own cues
    as_of_total: re.Pattern[str]  # 截至… + 共: a total to date
    this_year_words: re.Pattern[str]  # 今年, 本年: the total is one year's
    announced_before: re.Pattern[str]  # 'announced' with the amount as its object
    budget_before: re.Pattern[str]  # 年度资金总计…: a year's allotment, committed when no cue decides
    agreement_sentence: Cues  # signed, agreement, 签订: the sentence's sums were agreed, committed
    disbursed_words: Cues  # disbursed, handed over, 已拨付: money that moved, spent even in an agreement
    en_relative_opener: re.Pattern[str]  # ' that ', ' which ': a relative clause after the amount's noun
    en_perfect_total: re.Pattern[str]  # 'has provided a total of': a total to date
    en_value_apposition: re.Pattern[str]  # ', worth' / ', valued at' opening the amount's clause
    project_total_before: tuple[re.Pattern[str], re.Pattern[str]]  # (zh, en): 总投资 / total investment of
    zh_list_joiners: str  # 、和及与: what joins the items of a Chinese list of amounts
    received_from_many: re.Pattern[str]  # 引入, 引进, 接受: a receiver bringing in aid (Chinese)
    raised_from: tuple[
        tuple[re.Pattern[str], re.Pattern[str]], ...
    ]  # (zh, en): (before, after) of an old level


def _alternation(words: list[str], *, english: bool) -> re.Pattern[str]:
    """Any of ``words`` (English: whole words, any case), opening with one character class (see fastre)."""
    words = [w for w in words if w]
    if not words:
        return re.compile(r"(?!)")
    if english:  # cue words start and end with a letter or digit: \b on both sides
        return re.compile(
            rf"[{first_chars(words, both_cases=True)}](?<!\w.)(?i:{after_first(words, both_cases=True)})\b"
        )
    return re.compile(rf"[{first_chars(words)}]{after_first(words)}")


def _framing(words: list[str]) -> re.Pattern[str]:
    """One of ``words`` closing a clause: only a comma or colon (and spaces) after it, up to the end."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:{'|'.join(map(re.escape, words))})\s*[,，:：]\s*\Z")


@cache
def record_rules() -> RecordRules:
    """The record rules, read and checked once; ValueError names what is malformed."""
    data = json.loads(resource_path("rules", "records.json").read_text(encoding="utf-8"))
    try:
        priority = tuple(AmountKind(k) for k in data["kind_priority"])
        return RecordRules(
            kind_priority=priority,
            kind_default=AmountKind(data.get("kind_default", "unknown")),
            kind_cues={k: Cues.load(data["kind_cues"][k.value]) for k in priority},
            weak_cumulative=Cues.load(data["weak_cumulative_cues"]),
            exceptions=Cues.load(data["cue_exceptions"]),
            share_after=Cues.load(data["share_after_cues"]),
            en_cue_after_window=int(data["en_cue_after_window"]),
            list_intro_endings=tuple(data["list_intro_endings"]),
            programme_regions=dict(data["programme_regions"]),
            capital_metonyms=dict(data["capital_metonyms"]),
            anaphora={k: tuple(v) for k, v in data["anaphora"].items()},
            since_words=Cues.load(data["since_cues"]),
            aggregate=Cues.load(data["aggregate_cues"]),
            many_givers=Cues.load(data["many_givers_cues"]),
            many_givers_channels=tuple(data["many_givers_channels"]),
            whole_region_donors=frozenset(data["whole_region_donors"]),
            donorless_regions=frozenset(data["donorless_regions"]),
            programme=Cues.load(data["programme_cues"]),
            project=Cues.load(data["project_cues"]),
            per_unit=Cues.load(data["not_a_record_cues"]["per_unit"]),
            per_unit_before=_alternation(
                data["not_a_record_cues"].get("per_unit_before_zh", []), english=False
            ),
            not_aid=Cues.load(data["not_a_record_cues"]["not_aid"]),
            aid=Cues.load(data["not_a_record_cues"]["aid_cues"]),
            difference_before=Cues.load(data["not_a_record_cues"]["difference_before"]),
            portfolio_total_before=re.compile(
                data["not_a_record_cues"].get("portfolio_total_before") or "(?!)"
            ),
            part_of_pledge_before=re.compile(data["part_of_pledge_before"]),
            not_a_record_exceptions=Cues.load(data["not_a_record_cues"]["exceptions"]),
            venue_after=re.compile("|".join(f"(?:{p})" for p in data["venue_after"]) or "(?!)"),
            venue_before=re.compile("|".join(f"(?:{p})" for p in data["venue_before"]) or "(?!)"),
            conversion_gap=re.compile(data["conversion_gap"]),
            restated_before=re.compile(data["restated_before"]),
            enterprise_donor=re.compile(data["enterprise_donor"]),
            committed_framing=_framing(data["zh_committed_framing"]),
            decision_words=_alternation(data["zh_committed_framing"], english=False),
            after_cues_zh=tuple(
                (kind, _alternation(data["zh_after_cues"].get(kind.value, []), english=False))
                for kind in priority
                if data["zh_after_cues"].get(kind.value)
            ),
            donor_list_joiners=frozenset(data["donor_list_joiners"]),
            each_giver_before=re.compile(data["each_giver_before"]),
            each_recipient_before=re.compile(data["each_recipient_before"]),
            each_giver_joiners=tuple(data["each_giver_joiners"]),
            single_works=re.compile(data["single_works"]),
            percent_share_before=re.compile(data["percent_share_before"]),
            percent_share_after=re.compile(data["percent_share_after"]),
            many_countries=re.compile(data["many_countries"]),
            partitive_after=re.compile(data["partitive_after"]),
            en_predicate_after=re.compile(data["en_predicate_after"]),
            running_list_gap=int(data["running_list_gap"]),
            one_off_sectors=frozenset(data["one_off_sectors"]),
            programme_bundle=Cues.load(data.get("programme_bundle_cues", {"zh": [], "en": []})),
            en_clause_turn=re.compile(data["en_clause_turn"]),
            as_of_total=re.compile(data["as_of_total"]),
            this_year_words=_alternation(data["this_year_words"], english=False),
            announced_before=re.compile(data["announced_before"]),
            budget_before=re.compile(data["budget_before"]),
            agreement_sentence=Cues.load(data["agreement_sentence"]),
            disbursed_words=Cues.load(data["disbursed_words"]),
            en_relative_opener=re.compile(data["en_relative_opener"]),
            en_perfect_total=re.compile(data["en_perfect_total"]),
            zh_list_joiners=str(data.get("zh_list_joiners", "")),
            received_from_many=_alternation(data["received_from_many_zh"], english=False),
            raised_from=tuple(
                (
                    re.compile(data["raised_from"][lang]["before"]),
                    re.compile(data["raised_from"][lang]["after"]),
                )
                for lang in ("zh", "en")
            ),
            project_total_before=(
                re.compile(data["project_total_before"].get("zh") or "(?!)"),
                re.compile(data["project_total_before"].get("en") or "(?!)"),
            ),
            en_value_apposition=re.compile(
                rf"\s*(?i:{'|'.join(map(re.escape, data.get('en_value_apposition', []))) or '(?!)'})\s*"
            ),
            single_year_before=re.compile(data["single_year_before"]),
            share_chain_opener=re.compile(
                rf"\s*({'|'.join(map(re.escape, data.get('zh_share_chain_openers', []))) or '(?!)'})"
            ),
            share_chain_inner=re.compile(
                rf"[，,]\s*({'|'.join(map(re.escape, data.get('zh_share_chain_openers', []))) or '(?!)'})"
            ),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(f"resources/rules/records.json is malformed: {exc}") from exc


_PINYIN = PINYIN_LETTERS
_RESIDUE_RUN = re.compile(
    rf"[\u3400-\u9fff](?:\([{_PINYIN}]{{1,7}}\))?(?:[\u3400-\u9fff](?:\([{_PINYIN}]{{1,7}}\))?)*"
)
_RESIDUE = re.compile(rf"\([{_PINYIN}]{{1,7}}\)")


def without_pinyin(text: str) -> str:
    """``text`` with pinyin residue (``生产(chǎn)总值``, left by some converted pages) taken out of runs of
    Chinese characters so cue words read whole; each run is padded with spaces at its end, so every
    other character (digits, punctuation) keeps its offset."""
    if "(" not in text or _RESIDUE.search(text) is None:
        return text

    def compact(match: re.Match[str]) -> str:
        run = match.group()
        if "(" not in run:
            return run
        bare = _RESIDUE.sub("", run)
        return bare + " " * (len(run) - len(bare))

    return _RESIDUE_RUN.sub(compact, text)


_last_programme: tuple[str, str | None] | None = None


def text_programme_region(text: str) -> str | None:
    """:func:`programme_region` of a whole article, found once per text."""
    global _last_programme
    last = _last_programme
    if last is not None and last[0] is text:
        return last[1]
    region = programme_region(text)
    _last_programme = (text, region)
    return region


def programme_region(text: str) -> str | None:
    """The region a programme word names (援疆 → 新疆维吾尔自治区), if any."""
    for word, region in record_rules().programme_regions.items():
        if word in text:
            return region
    return None
