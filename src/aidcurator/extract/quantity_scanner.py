"""The quantity scan: each number token the pattern proposes is read as an amount, else as a count,
else dropped (years, dates, ages, percentages, vague numbers)."""

from __future__ import annotations

import re

from aidcurator.domain import Mention
from aidcurator.extract.amount_reading import AmountReader
from aidcurator.extract.en_count_reading import EnCountReader
from aidcurator.extract.quantity_patterns import after_number_firsts
from aidcurator.extract.quantity_text import Number
from aidcurator.extract.zh_count_reading import ZhCountReader


class QuantityScanner(AmountReader, ZhCountReader, EnCountReader):
    """Scans one text for amounts and counts, in order."""

    def scan(self) -> list[Mention]:
        """Every amount and count of the text, in order, none overlapping."""
        mentions: list[Mention] = []
        last_end = 0
        for match in self.patterns.token.finditer(self.text):
            if match.start() < last_end:
                continue
            mention = self.read_quantity(match)
            if mention is not None:
                mentions.append(mention)
                last_end = mention.end
        return mentions

    def read_quantity(self, match: re.Match[str]) -> Mention | None:
        """The amount or count that starts with a number-token match, or None."""
        if self.blocked_left(match.start()):
            return None
        if match.lastgroup == "arabic":
            if self.nothing_after(match.end()) and self.currency_before(match.start()) is None:
                return None  # 2025年, 3月, 18岁, "in 2008,": neither an amount nor a count
        elif (
            match.lastgroup == "zh"
            and match.start() > 0
            and self.text[match.start() - 1] in self.rules.zh_vague_before
            and not self.round_floor(match.start())
        ):
            return None  # 几十户, 数百万元: no exact value to report
        number = self.read_number(match)
        if number is None or self.blocked_right(number):
            return None
        return self.read_amount(number) or self.read_count(number)

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
