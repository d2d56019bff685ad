"""What keeps a long article's extraction small: shared values and caches let go of (results unchanged)."""

from __future__ import annotations

from aidcurator.domain import MentionKind
from aidcurator.domain.jsonvalues import dumps_stored
from aidcurator.extract import extract, place_text, script, sector_choice
from aidcurator.store.bulk_rows import mention_rows

ZH = "江苏省今年安排援疆资金3.92亿元，用于克州教育和医疗项目。江苏支持克州学校建设。\n\n"
EN = "Jiangsu provided 120 million yuan for schools and hospitals in Kizilsu in 2023.\n\n"
TRADITIONAL = "江蘇安排援疆資金1億元，支持克州醫療。\n\n"


def test_extract_lets_go_of_the_last_text() -> None:
    text = (ZH + EN + TRADITIONAL) * 3
    assert extract(text).mentions
    assert script._last[0] is not text
    assert place_text._last_squeeze is None
    assert sector_choice._last_index is None


def test_repeated_words_share_their_data_and_text_but_stay_equal_to_fresh_ones() -> None:
    text = (ZH + EN) * 4
    mentions = extract(text).mentions
    for kind in (MentionKind.PLACE, MentionKind.SECTOR):
        found = [m for m in mentions if m.kind is kind]
        assert len(found) > len({m.text for m in found})  # the same words come back
        by_text = {}
        for m in found:
            assert m.text == text[m.start : m.end]
            first = by_text.setdefault((m.text, m.data.get("role_hint")), m)
            assert m.data == first.data
    shared_kinds = (MentionKind.PLACE, MentionKind.SECTOR)
    single = extract(ZH).mentions  # the same words in a text of their own: the same data
    long_first = [(m.kind, m.text, m.data) for m in mentions if m.start < len(ZH) and m.kind in shared_kinds]
    assert long_first == [(m.kind, m.text, m.data) for m in single if m.kind in shared_kinds]


def test_mention_rows_write_each_mention_as_its_own_values() -> None:
    mentions = extract((ZH + EN) * 3).mentions
    rows = mention_rows(mentions)
    assert len(rows) == len(mentions)
    for row, m in zip(rows, mentions, strict=True):
        assert row == (
            str(m.kind), m.start, m.end, m.text, m.value, m.currency,
            str(m.qualifier) if m.qualifier is not None else None, m.value_max, m.what, dumps_stored(m.data),
        )  # fmt: skip
