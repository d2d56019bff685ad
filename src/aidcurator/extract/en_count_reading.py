"""Reading a count in English: a number and the counted noun a few words after it (``20 primary
and secondary schools``, ``the projects, 111 in all``)."""

from __future__ import annotations

import re

from aidcurator.domain import Mention
from aidcurator.extract.quantity_text import Number, QuantityText
from aidcurator.extract.quantity_words import SPACES, en_two_word_noun_firsts, is_year_like


def _plural_word(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` (spaces skipped) looks like an English plural (camps, Africans)."""
    word = re.search(r"([A-Za-z]+)\s*\Z", text[max(0, pos - 30) : pos])
    return word is not None and word.group(1).endswith("s") and not word.group(1).endswith("ss")


class EnCountReader(QuantityText):
    """Reads what a number before English words counts."""

    def read_en_count(self, number: Number) -> Mention | None:
        """The count ``number`` makes with an English noun a few words after it, or None."""
        rules = self.rules
        text = self.text
        pos = number.end
        if pos >= len(text) or text[pos] not in SPACES:
            return None  # the noun comes after a space (checked first: no other test is needed then)
        year_like = number.script == "arabic" and is_year_like(text[number.start : number.raw_end])
        if self.word_before(self.skip_spaces_back(number.start, 2), rules.en_not_count_before, english=True):
            return None  # a three phase project: a number used as an adjective
        gaps = rules.en_noun_gap_words
        two_word_firsts = en_two_word_noun_firsts()
        gap = 0
        while gap <= gaps:
            spaced = self.skip_spaces(pos, 2)
            if spaced == pos:
                return None
            word = self.patterns.en_word.match(text, spaced)
            if word is None:
                return None
            lower = word.group().lower()
            if gap == 0 and self.match_word_at(spaced, rules.en_total_after, english=True):
                return self.en_noun_before(number)  # the projects, 111 in all
            if lower in two_word_firsts:  # (most words start no two-word noun: the next word is not read)
                two = self.patterns.en_word.match(text, self.skip_spaces(word.end(), 1))
                if two is not None and f"{lower} {two.group().lower()}" in rules.en_nouns:
                    return self.count_mention(
                        number, two.end(), rules.en_nouns[f"{lower} {two.group().lower()}"]
                    )
            if lower in rules.en_nouns:
                if year_like and gap > 0:
                    return None
                what = rules.en_nouns[lower]
                return self.count_mention(number, self.en_paired_noun(word.end(), what), what)
            if lower in rules.en_number_words:
                return None  # another number starts: three phase and four projects
            if (
                gap > 0
                and gaps == rules.en_noun_gap_words
                and lower in rules.en_modifier_joiners
                and not _plural_word(text, spaced)  # 10,000 Africans and send…: a noun, not a modifier
            ):
                gaps += 2  # 20 primary and secondary schools: modifiers joined once
            elif lower in rules.jurisdictions_en or lower in rules.en_gap_stopwords:
                return None
            pos = word.end()
            gap += 1
        return None

    def en_paired_noun(self, end: int, what: str) -> int:
        """End of ``farmers and herdsmen``: a second noun of the same class joined by and/or."""
        text = self.text
        joiner = self.patterns.en_word.match(text, self.skip_spaces(end, 1))
        if joiner is None or joiner.group().lower() not in ("and", "or"):
            return end
        second = self.patterns.en_word.match(text, self.skip_spaces(joiner.end(), 1))
        if second is not None and self.rules.en_nouns.get(second.group().lower()) == what:
            return second.end()
        return end

    def en_noun_before(self, number: Number) -> Mention | None:
        """``the supporting projects, 111 in all``: the noun right before the comma is what is counted."""
        text = self.text
        pos = self.skip_spaces_back(number.start, 2)
        if pos == 0 or text[pos - 1] != ",":
            return None
        word = re.search(r"([A-Za-z]+)\Z", text[max(0, pos - 30) : pos - 1])
        what = self.rules.en_nouns.get(word.group(1).lower()) if word else None
        return self.count_mention(number, number.end, what) if what else None
