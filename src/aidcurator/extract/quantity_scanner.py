"""The quantity scan: each number token the pattern proposes is read as an amount, else as a count,
else dropped (years, dates, ages, percentages, vague numbers)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import methodcaller

from aidcurator.domain import Mention
from aidcurator.extract.amount_reading import AmountReader
from aidcurator.extract.en_count_reading import EnCountReader
from aidcurator.extract.quantity_patterns import after_number_firsts, left_blockers
from aidcurator.extract.quantity_text import Number
from aidcurator.extract.zh_count_reading import ZhCountReader

_START = methodcaller("start")


class QuantityScanner(AmountReader, ZhCountReader, EnCountReader):
    """Scans one text for amounts and counts, in order."""

    def scan(self) -> list[Mention]:
        """Every amount and count of the text, in order, none overlapping.

        Each number-token match is read as an amount, else as a count; before that, tokens that make
        no quantity are dropped by cheap checks of the characters around them (years, dates, vague
        numbers). The loop is written out: it runs for every number of the text."""
        text = self.text
        blockers = left_blockers()
        vague = self.rules.zh_vague_before
        read_number, blocked_right = self.read_number, self.blocked_right
        read_amount, read_count = self.read_amount, self.read_count
        mentions: list[Mention] = []
        last_end = 0
        for match in self.tokens():
            start = match.start()
            if start < last_end:
                continue
            # (most tokens: the character before them can block nothing, one set lookup says so)
            if start and text[start - 1] in blockers and self.blocked_left(start):
                continue
            kind = match.lastgroup
            if kind == "arabic":
                if self.nothing_after(match.end()) and self.currency_before(start) is None:
                    continue  # 2025年, 3月, 18岁, "in 2008,": neither an amount nor a count
            elif kind == "zh" and start and text[start - 1] in vague and not self.round_floor(start):
                continue  # 几十户, 数百万元: no exact value to report
            number = read_number(match)
            if number is None or blocked_right(number):
                continue
            mention = read_amount(number) or read_count(number)
            if mention is not None:
                mentions.append(mention)
                last_end = mention.end
        return mentions

    def tokens(self) -> Iterable[re.Match[str]]:
        """The matches of the number-token pattern in the text, in order (``patterns.token.finditer``).

        An English text is searched in two parts that cannot overlap (a number word holds no digit and
        no Chinese numeral, and starts after no word character): its Arabic and Chinese numbers, and its
        number words found with the character before them, each then matched with the whole pattern. The
        whole pattern's search stops at every letter a number word starts with (a third of English
        text) to check the character before it; the second part's stops at spaces and punctuation."""
        text = self.text
        patterns = self.patterns
        if text.count(" ") * 10 < len(text):  # (few spaces: no English text, searched whole)
            return patterns.token.finditer(text)
        match_at = patterns.token.match
        found = (match_at(text, word.start() + 1) for word in patterns.words_after.finditer(text))
        words = [word for word in found if word is not None]  # (each is one: see above)
        if text and text[0] in patterns.word_firsts:
            first = match_at(text, 0)
            if first is not None and first.lastgroup == "en":  # (the words it holds are no matches)
                words = [first, *(word for word in words if word.start() >= first.end())]
        if not words:
            return patterns.digits.finditer(text)
        return sorted([*patterns.digits.finditer(text), *words], key=_START)

    def round_floor(self, start: int) -> bool:
        """``上百个``: a round number after 上 is a floor (value 100, at least), unlike 几十 or 数百."""
        rules = self.rules
        char = self.text[start]
        return self.text[start - 1] in rules.zh_round_before and (
            char in rules.zh_units or char in rules.zh_sections
        )

    def nothing_after(self, pos: int) -> bool:
        """Whether the character at ``pos``, right after an Arabic number token, can start nothing that
        makes the number an amount or a count: no scale, currency, qualifier, range connector,
        classifier, counted noun, percent sign or English word (a Chinese character or a punctuation
        mark outside those words). Without a currency before it, such a number is then neither; this
        skips the word checks for the many years, dates and ages of news text."""
        text = self.text
        live = after_number_firsts()
        if pos >= len(text) or live is None or self.bare_numbers_are_money:
            return False
        char = text[pos]
        if char in live:
            return False
        if char == "," and text.startswith(" ", pos + 1) and text[pos + 2 : pos + 3].isdigit():
            return False  # $300, 000 / 150, 000 dollars: a thousands group after a comma and a space
        return (
            "\u3400" <= char <= "\u9fff"
            or "\uf900" <= char <= "\ufaff"
            or not (char.isalnum() or char.isspace())
        )

    def read_count(self, number: Number) -> Mention | None:
        """The count a number makes, read as Chinese or English by the character after it."""
        if number.attached_scale:
            return None
        if number.script == "zh" and number.value <= 1:
            return None
        after = self.text[number.end : number.end + 1]  # (a range test: CJK.search on one character)
        if after and ("\u3400" <= after <= "\u9fff" or "\uf900" <= after <= "\ufaff"):
            return self.read_zh_count(number)
        return self.read_en_count(number)
