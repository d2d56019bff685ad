"""Context an amount's kind reads beyond its own clause: the sentence (agreements signed), the paragraph
(其中 chains), a running total's opener, and which language the words around the amount are in."""

from __future__ import annotations

from aidcurator.domain import Mention, Span
from aidcurator.extract.not_aid import Blanked
from aidcurator.extract.record_rules import CJK, record_rules


def agreed(text: str, sentence: Span, amount: Mention, blanked: Blanked) -> Span | None:
    """An agreement cue (signed, agreements) in the amount's sentence with no word of money that moved
    (disbursed, handed over): the sums the sentence gives were agreed, not yet paid."""
    rules = record_rules()
    english = not chinese_words(text, sentence.start, sentence.end)
    window = blanked.get(english)
    pattern = rules.agreement_sentence.pick(english)
    if pattern.pattern == "(?!)" or rules.disbursed_words.pick(english).search(
        window, sentence.start, sentence.end
    ):
        return None
    match = pattern.search(window, sentence.start, sentence.end)
    return None if match is None else Span(match.start(), match.end())


def chinese_words(text: str, start: int, end: int) -> bool:
    """Whether Chinese characters stand in ``text[start:end]`` outside brackets: an English sentence that
    names a person or a bank in Chinese too (the Ruritanian Bank (甲银行) lent …) stays English."""
    at = start
    while match := CJK.search(text, at, end):
        opened = max(text.rfind("(", start, match.start()), text.rfind("（", start, match.start()))
        closed = max(text.rfind(")", start, match.start()), text.rfind("）", start, match.start()))
        if opened <= closed:
            return True
        close = min(
            (i for i in (text.find(")", match.end(), end), text.find("）", match.end(), end)) if i >= 0),
            default=-1,
        )
        if close < 0:
            return True
        at = close + 1
    return False


def wrapped_start(text: str, start: int) -> int:
    """Where an English sentence that a line starting at ``start`` continues begins: a page wrapped at a
    fixed width breaks lines inside sentences (``The sum\nincludes 21.6 million yuan …``). Back over at
    most three lines that end without a full stop, to the last sentence end in them."""
    for _ in range(3):
        if start == 0 or text[start - 1] != "\n":
            return start
        end = start - 1  # (the text before the line break, right-stripped of spaces and tabs, uncopied)
        while end and text[end - 1] in " \t":
            end -= 1
        if end == 0 or text[end - 1] in ".!?:;\n":
            return start  # an empty line or a finished sentence: a real break
        line_start = text.rfind("\n", 0, end) + 1
        cut = max(text.rfind(mark, line_start, end) for mark in (". ", "? ", "! "))
        if cut >= 0:
            return cut + 2
        start = line_start
    return start


def as_of_total(window: str, before: tuple[int, int]) -> Span | None:
    """``截至…`` (or 据统计…, N年内…) and then a total word (共, 共计, 总计) before the amount, with no word
    that makes it this year's (截至6月底，今年共到位…): a total to date."""
    rules = record_rules()
    match = rules.as_of_total.search(window, *before)
    if match is None or any(
        not (word.group().startswith("年") and window[word.start() - 1] in _YEAR_COUNT_DIGITS)
        for word in rules.this_year_words.finditer(window, before[0], before[1])
    ):  # (三年内 counts three years, not this one)
        return None
    return Span(match.start(), match.end())


_YEAR_COUNT_DIGITS = "两二三四五六七八九十0123456789０１２３４５６７８９"


def share_chain(window: str, sentence_start: int) -> Span | None:
    """The opener (其中) of a chain of semicolon-joined clauses that the sentence continues, if the chain
    opens a sentence (``。其中，经济合作类项目投入资金7.62亿元；无偿援助项目累计到位资金2.03亿元``) or
    follows a comma in the chain's first clause (``投入的650万元资金，其中500万元用于…；80万元用于…``)."""
    end = sentence_start  # (the text before the sentence, right-stripped, without copying it)
    while end and window[end - 1].isspace():
        end -= 1
    if not end or window[end - 1] not in ";；":
        return None
    chain_start = max(window.rfind(mark, 0, sentence_start) for mark in "。！？!?\n") + 1
    rules = record_rules()
    match = rules.share_chain_opener.match(window, chain_start, sentence_start)
    if match is None:
        ends = [i for i in (window.find(m, chain_start, sentence_start) for m in ";；") if i >= 0]
        first_end = min(ends, default=sentence_start)
        match = rules.share_chain_inner.search(window, chain_start, first_end)
    return Span(match.start(1), match.end(1)) if match else None


def share_paragraph(window: str, sentence_start: int) -> Span | None:
    """The opener (其中) of the paragraph the amount's sentence goes on, when the sentence is not its first
    (其中，甲项目获贷款2亿元。乙项目获贷款3亿元。: the paragraph lists the parts of a total before it)."""
    line_start = window.rfind("\n", 0, sentence_start) + 1
    if line_start >= sentence_start or not window[line_start:sentence_start].strip():
        return None
    match = record_rules().share_chain_opener.match(window, line_start, sentence_start)
    return Span(match.start(1), match.end(1)) if match else None
