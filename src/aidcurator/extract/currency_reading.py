"""Currency words and signs around a number (``5亿元``, ``US$3 million``, ``澳門幣四十二萬``), their
families, and the currency an earlier amount of the sentence lends a bare one."""

from __future__ import annotations

from aidcurator.extract.number_reading import NumberReader
from aidcurator.extract.quantity_words import (
    CJK,
    SPACES,
    currency_prefix_key,
    currency_prefix_pattern,
    edge_chars,
    en_currency_suffixes,
    zh_currency_suffixes,
)


class CurrencyReader(NumberReader):
    """Finds the currency written before or after a number."""

    def currency_after(self, pos: int) -> tuple[str, int] | None:
        """The currency written after a number ending at ``pos`` (``亿元``, `` million yuan``) and its end."""
        text = self.text
        spaced = self.skip_spaces(pos, 2) if pos < len(text) and text[pos] in SPACES else pos
        word = self.match_word_at(spaced, zh_currency_suffixes())
        if word and (spaced == pos or spaced - pos <= 1):
            return self.rules.currencies.zh_suffix[word], spaced + len(word)
        if spaced > pos:
            word = self.match_word_at(spaced, en_currency_suffixes(), english=True)
            if word:
                return self.rules.currencies.en_suffix[word.lower()], spaced + len(word)
        elif pos < len(text) and text[pos].isalpha():
            word = self.match_word_at(pos, en_currency_suffixes(), english=True)
            if word and word.isupper():  # 3bnRMB is rare; allow 5USD
                return self.rules.currencies.en_suffix[word.lower()], pos + len(word)
        if text.startswith("-", pos) and pos > 0 and text[pos - 1].isalpha():  # a 2.5-billion-yuan loan
            word = self.match_word_at(pos + 1, en_currency_suffixes(), english=True)
            if word and not word.isupper():
                return self.rules.currencies.en_suffix[word.lower()], pos + 1 + len(word)
        if text.startswith("\n", pos) and not text.startswith(
            "\n", pos + 1
        ):  # a wrapped line: 500 million\nyuan
            word = self.match_word_at(pos + 1, en_currency_suffixes(), english=True)
            if word and not word.isupper():
                return self.rules.currencies.en_suffix[word.lower()], pos + 1 + len(word)
        return None

    def currency_before(self, start: int) -> tuple[str, int] | None:
        """The currency word or sign written before ``start`` (``US$``, ``人民币``) and where it starts."""
        pos = self.skip_spaces_back(start, 2)
        if pos == 0 or self.text[pos - 1] not in edge_chars().prefix_last:
            return None
        pattern, longest = currency_prefix_pattern()
        match = pattern.search(self.text, max(0, pos - longest), pos)
        if match is None:
            return None
        word = match.group()
        currencies = self.rules.currencies
        if word in currencies.zh_prefix:
            code = currencies.zh_prefix[word]
        elif word == "¥":
            code = self.yen_sign_currency()
        else:
            code = currencies.prefix[currency_prefix_key(word)]
        return code, match.start()

    def currency_family(self, zh_key: str, other_key: str, word: str) -> str | None:
        """The family of a generic currency word (francs, Rs, K), None for a specific one (Kenyan shillings)."""
        families = self.rules.currencies.family
        if not families or not word:
            return None
        found = families.get(f"{zh_key}:{word}")
        if found is None:
            key = word.lower() if other_key == "en_suffix" else currency_prefix_key(word)
            found = families.get(f"{other_key}:{key}")
        return found

    def local_conversion(self, word: str, code: str, start: int) -> bool:
        """Whether a bare ``$`` amount opens a bracket right after a US-dollar amount: a conversion into
        the local dollar of the country the text is about."""
        last = self.last_currency
        if (
            word != "$"
            or last is None
            or last[0] != code
            or "local_dollar" not in self.rules.currencies.families
        ):
            return False
        return self.text[last[1] : start].strip(SPACES) in ("(", "（")

    def currency_earlier_in_sentence(self, start: int) -> str | None:
        """A scaled number without a currency takes the currency of an amount earlier in its sentence."""
        if self.last_currency is None:
            return None
        code, end = self.last_currency
        if start - end > 200 or CJK.search(self.text, end, start):
            return None
        gap = self.text[end:start]
        if any(mark in gap for mark in "。！？!?\n；;") or ". " in gap:
            return None
        return code
