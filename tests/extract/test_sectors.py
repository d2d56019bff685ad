"""Sector keywords → OECD DAC codes, and the dominant sector of a span."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.sector_choice import dominant_sector
from aidcurator.extract.sectors import find_sectors
from aidcurator.resources import resource_path


def codes(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.data["code"], m.data["code5"]) for m in find_sectors(text)]


@pytest.mark.parametrize(
    ("text", "code", "code5"),
    [
        ("学校", "111", "11120"),
        ("教学楼", "111", "11120"),
        ("教育", "111", None),
        ("幼儿园", "111", None),  # every school level is 111, as tests/gold/README.md labels it
        ("职业教育", "111", None),
        ("医院", "121", "12191"),
        ("卫生院", "122", "12230"),
        ("组团式医疗", "122", "12281"),
        ("医疗", "121", None),
        ("饮水", "140", "14030"),
        ("供水", "140", None),
        ("抗震安居", "160", "16040"),
        ("棚户区改造", "160", "16040"),
        ("农房", "160", "16040"),
        ("道路", "210", "21020"),
        ("灾后重建", "730", "73010"),
        ("人道主义援助", "720", "72010"),
        ("粮食援助", "520", "52010"),
        ("债务减免", "600", "60020"),
        ("供热管网", "236", "23620"),
        ("灌溉", "311", "31140"),
        ("humanitarian aid", "720", "72010"),
        ("交通", "210", None),
        ("设施农业", "311", "31120"),
        ("畜牧", "311", "31163"),
        ("林果", "311", "31161"),
        ("产业园", "321", "32120"),
        ("卫星工厂", "321", None),
        ("旅游", "332", "33210"),
        ("文旅", "332", "33210"),
        ("文化润疆", "160", "16061"),
        ("体育", "160", "16065"),
        ("干部培训", "151", "15110"),
        ("人才培训", "430", "43081"),
        ("智力援疆", "430", "43081"),
        ("就业", "160", "16020"),
        ("乡村振兴", "430", "43040"),
        ("示范村", "430", "43040"),
    ],
)
def test_chinese_keywords(text: str, code: str, code5: str | None) -> None:
    assert codes(text) == [(text, code, code5)]


@pytest.mark.parametrize(
    ("text", "quote", "code"),
    [
        ("a new school", "school", "111"),
        ("three Schools", "Schools", "111"),
        ("education and teachers", "education", "111"),
        ("the county hospital", "hospital", "121"),
        ("a village clinic", "clinic", "122"),
        ("doctors from Hunan", "doctors", "122"),
        ("safe drinking water", "drinking water", "140"),
        ("housing for herders", "housing", "160"),
        ("new homes", "new homes", "160"),
        ("a rural road", "road", "210"),
        ("farming and livestock", "farming", "311"),
        ("an industrial park", "industrial park", "321"),
        ("TOURISM", "TOURISM", "332"),
        ("culture", "culture", "160"),
        ("training", "training", "430"),
        ("jobs", "jobs", "160"),
    ],
)
def test_english_keywords(text: str, quote: str, code: str) -> None:
    found = find_sectors(text)
    assert found[0].text == quote
    assert found[0].data["code"] == code


def test_mention_shape() -> None:
    (mention,) = find_sectors("新建学校")
    assert mention.kind is MentionKind.SECTOR
    assert (mention.start, mention.end) == (2, 4)
    assert mention.data["label"] == "Education, level unspecified"
    assert mention.data["keyword"] == "学校"
    assert mention.data["code5"] == "11120"


def test_longest_keyword_wins() -> None:
    assert codes("职业教育") == [("职业教育", "111", None)]
    assert codes("组团式医疗") == [("组团式医疗", "122", "12281")]


@pytest.mark.parametrize(
    "text",
    ["schoolyard", "roadside", "Belt and Road", "坚持道路自信", "开展主题教育", "交通银行", "a road map"],
)
def test_not_sector_words(text: str) -> None:
    assert find_sectors(text) == []


def test_borderline_flag() -> None:
    (mention,) = find_sectors("消费帮扶")
    assert mention.data["code"] == "331"
    assert mention.data["borderline"] is True


def test_rules_file_codes_consistent() -> None:
    with resource_path("rules", "sectors.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)
    for rule in raw["rules"]:
        assert rule["code"] in raw["labels"]
        if rule["code5"] is not None:
            assert rule["code5"].startswith(rule["code"])
            assert rule["code5"] in raw["labels5"]


# --- dominant sector -----------------------------------------------------------------------


def test_dominant_by_most_hits() -> None:
    text = "修建道路，建设学校、教学楼和幼儿园校舍"
    best = dominant_sector(find_sectors(text), 0, len(text))
    assert best is not None
    assert best.data["code"] == "111"
    assert best.data["hits"] == 4  # 幼儿园 is education (111) too
    assert best.data["keywords"] == ["学校", "教学楼", "幼儿园", "校舍"]
    assert [text[s:e] for s, e in best.data["evidence"]] == ["学校", "教学楼", "幼儿园", "校舍"]
    assert best.data["code5"] == "11120"


def test_dominant_tie_broken_by_distance_to_anchor() -> None:
    text = "医院。。。。。。学校"
    mentions = find_sectors(text)
    assert dominant_sector(mentions, 0, len(text)).data["code"] == "121"
    assert dominant_sector(mentions, 0, len(text), anchor=len(text) - 1).data["code"] == "111"


def test_dominant_only_inside_span() -> None:
    text = "学校学校学校。医院"
    mentions = find_sectors(text)
    assert dominant_sector(mentions, 7, len(text)).data["code"] == "121"
    assert dominant_sector(mentions, 3, 5) is None
    assert dominant_sector([], 0, 10) is None


def test_dominant_ignores_other_kinds() -> None:
    other = Mention(kind=MentionKind.PLACE, start=0, end=2, text="和田", data={"code": "999"})
    assert dominant_sector([other], 0, 10) is None


def test_catch_all_category_is_split() -> None:
    text = "安居房、住房，文化馆、体育馆、就业"
    best = dominant_sector(find_sectors(text), 0, len(text))
    assert (best.data["code"], best.data["code5"]) == ("160", "16040")
    assert best.data["hits"] == 2


def test_generic_words_weigh_less() -> None:
    text = "文化、文化、旅游、景区"
    best = dominant_sector(find_sectors(text), 0, len(text))
    assert best.data["code"] == "332"


def test_seed_zh_housing(seed_zh: Path) -> None:
    text = seed_zh.read_text(encoding="utf-8")
    start, end = text.index("泰州援疆助力"), text.index("交融共生")
    best = dominant_sector(find_sectors(text), start, end)
    assert (best.data["code"], best.data["code5"]) == ("160", "16040")
    assert {"住房", "农房", "新居"} <= set(best.data["keywords"])


def test_seed_zh_yangzhou_sentence(seed_zh: Path) -> None:
    text = seed_zh.read_text(encoding="utf-8")
    found = {(m.text, m.data["code"]) for m in find_sectors(text)}
    assert ("人才培训", "430") in found
    assert ("文旅融合", "332") in found


def test_seed_en(seed_en: Path) -> None:
    found = {(m.text, m.data["code"]) for m in find_sectors(seed_en.read_text(encoding="utf-8"))}
    assert ("Drinking Water", "140") in found
    assert ("tourism", "332") in found


def test_a_sector_list_joiner_test_rejects_long_gaps_as_the_squeezed_copy_does() -> None:
    """``sector_choice._joins`` (a quick test of long gaps first) agrees with the lower-cased, squeezed copy."""
    import random

    from aidcurator.extract.sector_choice import _joins, _more_than

    joiners = frozenset({"and", ", and", "、", "as well as", "和"})
    longest = max(map(len, joiners))
    pieces = [" ", "\n", "\u3000", "\xa0", "and", "AND", ",", "、", "和", "as", "well", "x", "İ"]
    chooser = random.Random(3)
    for _ in range(20000):
        gap = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 9)))
        text = "a" + gap + "b"
        expected = " ".join(gap.lower().split()) in joiners
        assert _joins(text, 1, 1 + len(gap), joiners, longest, _more_than(longest)) == expected, repr(gap)
