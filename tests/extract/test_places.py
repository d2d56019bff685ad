"""Place mentions, ambiguity, donor hints and the pairing table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract.places import (
    donors_for,
    find_places,
    is_paired,
    lookup_place,
    pairing_for,
    province_of,
    squeeze_cjk_gaps,
)
from aidcurator.resources import resource_path


def names(text: str) -> list[str]:
    return [m.data["name"] for m in find_places(text)]


def only(text: str):
    found = find_places(text)
    assert len(found) == 1, [(m.text, m.data["name"]) for m in found]
    return found[0]


# --- basic matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湖南省援建吐鲁番", ["湖南省", "吐鲁番市"]),
        ("扬州援疆工作组在新源县", ["扬州市", "新源县"]),
        ("泰州援疆队走进昭苏乡村", ["泰州市", "昭苏县"]),
        ("兵团第一师阿拉尔市", ["新疆生产建设兵团", "第一师"]),
        ("农一师", ["第一师"]),
        ("西藏日喀则市", ["西藏自治区", "日喀则市"]),
        ("中国援助柬埔寨", ["中国", "柬埔寨"]),
        ("Hunan plans 90 aid projects in Turpan", ["湖南省", "吐鲁番市"]),
        ("aid to Turfan and Khotan", ["吐鲁番市", "和田地区"]),
        ("the Xinjiang Uygur Autonomous Region", ["新疆维吾尔自治区"]),
    ],
)
def test_finds_places(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_mention_shape_and_offsets() -> None:
    text = "今年扬州市援建新源县学校"
    first, second = find_places(text)
    assert first.kind is MentionKind.PLACE
    assert (first.start, first.end, first.text) == (2, 5, "扬州市")
    assert text[second.start : second.end] == "新源县"
    assert set(first.data) >= {"id", "name", "name_en", "level", "parent", "role_hint", "candidates"}
    assert first.data["id"] == "cn-yangzhou"
    assert first.data["parent"] == "江苏省"
    assert second.data["level"] == "county"
    assert second.data["parent"] == "伊犁哈萨克自治州"


def test_longest_match_wins() -> None:
    assert only("和田县").data["id"] == "xj-hotan-county"
    assert only("和田地区").data["id"] == "xj-hotan-pref"
    assert only("新疆生产建设兵团").data["id"] == "xj-xpcc"
    assert only("伊犁哈萨克自治州").data["id"] == "xj-ili"


def test_no_one_character_abbreviation() -> None:
    assert find_places("湘") == []
    assert find_places("苏浙沪皖") == []


# --- English boundaries --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["a hilly road", "mobility and facility", "civilian military", "develop"])
def test_english_names_need_word_boundaries(text: str) -> None:
    assert find_places(text) == []


def test_english_case_insensitive() -> None:
    assert names("ILI and ili and Ili") == ["伊犁哈萨克自治州"] * 3
    assert names("TURPAN") == ["吐鲁番市"]


def test_english_next_to_chinese_is_a_boundary() -> None:
    assert names("在Turpan举行") == ["吐鲁番市"]


def test_english_possessive() -> None:
    mention = only("Hunan's aid projects")
    assert mention.text == "Hunan"


# --- ambiguity -----------------------------------------------------------------------------


def test_hotan_alone_defaults_to_prefecture_with_candidates() -> None:
    mention = only("和田的发展")
    assert mention.data["id"] == "xj-hotan-pref"
    assert mention.data["name"] == "和田地区"
    assert mention.data["candidates"] == ["xj-hotan-pref", "xj-hotan-city", "xj-hotan-county"]


def test_yining_alone_is_city_or_county() -> None:
    mention = only("伊宁的发展")
    assert mention.data["id"] == "xj-yining-city"
    assert set(mention.data["candidates"]) == {"xj-yining-city", "xj-yining-county"}


def test_ambiguity_resolved_by_unambiguous_mention_in_same_text() -> None:
    found = find_places("伊宁县位于伊犁河谷。伊宁的农业")
    assert [m.data["id"] for m in found] == ["xj-yining-county", "xj-ili", "xj-yining-county"]
    assert found[-1].data["candidates"][0] == "xj-yining-county"


@pytest.mark.parametrize(
    ("short", "pref", "city"),
    [
        ("阿克苏", "阿克苏地区", "阿克苏市"),
        ("喀什", "喀什地区", "喀什市"),
        ("昌吉", "昌吉回族自治州", "昌吉市"),
        ("塔城", "塔城地区", "塔城市"),
        ("阿勒泰", "阿勒泰地区", "阿勒泰市"),
    ],
)
def test_prefecture_versus_seat_city(short: str, pref: str, city: str) -> None:
    mention = only(f"{short}的发展")
    assert mention.data["name"] == pref
    city_id = lookup_place(city).id
    assert city_id in mention.data["candidates"]
    assert only(f"{city}的发展").data["candidates"] == []


def test_english_ambiguity() -> None:
    assert only("Hotan").data["candidates"][:1] == ["xj-hotan-pref"]
    assert only("Hotan County").data["id"] == "xj-hotan-county"
    assert only("Aksu").data["name"] == "阿克苏地区"


def test_unambiguous_places_have_empty_candidates() -> None:
    assert only("昭苏县").data["candidates"] == []


# --- false hits ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "坚持创新和发展",
        "温泉很舒服",
        "北京时间8点",
        "第一师范学院",
        "全体师生",
        "阿里巴巴",
        "天山区域",
        "日照充足",
        "白杨树",
    ],
)
def test_common_words_are_not_places(text: str) -> None:
    assert find_places(text) == []


def test_weak_alias_kept_when_corroborated() -> None:
    assert names("博州温泉县的温泉") == ["博尔塔拉蒙古自治州", "温泉县", "温泉县"]
    assert names("阿克苏新和") == ["阿克苏地区", "新和县"]


def test_weak_alias_does_not_block_strong_neighbour() -> None:
    assert "和田地区" in names("建设新和田")


def test_street_and_ethnic_group_names() -> None:
    assert names("上海北京路") == ["上海市"]  # 北京路 is a street
    assert names("朝鲜族群众") == []


def test_line_wrap_inside_a_name() -> None:
    text = "某大学与伊 犁州农科院"
    mention = find_places(text)[-1]
    assert mention.data["name"] == "伊犁哈萨克自治州"
    assert mention.text == "伊 犁州"
    assert text[mention.start : mention.end] == "伊 犁州"


def test_squeeze_maps_offsets_back() -> None:
    sq = squeeze_cjk_gaps("ab 伊 犁\n州 cd")
    assert sq.text == "ab 伊犁州 cd"
    assert (sq.start(3), sq.end(6)) == (3, 8)
    assert squeeze_cjk_gaps("段落。\n\n下一段").text == "段落。\n\n下一段"


# --- donor role hints ----------------------------------------------------------------------


def test_donor_suffix_and_agency() -> None:
    mention = find_places("扬州援疆工作组近日召开季度例会")[0]
    assert mention.data["role_hint"] == "donor"
    assert mention.data["agency"] == "扬州援疆工作组"


def test_donor_suffix_within_a_few_characters() -> None:
    mention = find_places("湖南省第十一批援疆工作队抵达吐鲁番")[0]
    assert mention.data["role_hint"] == "donor"
    assert mention.data["agency"] == "湖南省第十一批援疆工作队"


def test_donor_hint_needs_suffix() -> None:
    hunan, turpan = find_places("湖南省委书记在吐鲁番调研")
    assert hunan.data["role_hint"] is None
    assert turpan.data["role_hint"] == "recipient"


def test_recipient_cannot_be_donor() -> None:
    assert only("新源援疆").data["role_hint"] == "recipient"


def test_donor_list_propagates() -> None:
    assert [m.data["role_hint"] for m in find_places("江苏、浙江援疆")] == ["donor", "donor"]


def test_donor_english_cues() -> None:
    assert find_places("aid from Jiangsu to Ili")[0].data["role_hint"] == "donor"
    assert find_places("Hunan's aid to Xinjiang")[0].data["role_hint"] == "donor"
    assert find_places("Hunan officials visited Turpan")[0].data["role_hint"] is None


def test_china_as_donor() -> None:
    china, cambodia = find_places("中国援建柬埔寨学校")
    assert china.data["name"] == "中国"
    assert china.data["role_hint"] == "donor"
    assert cambodia.data["role_hint"] == "recipient"
    assert cambodia.data["level"] == "country"


# --- pairing table -------------------------------------------------------------------------


def test_yangzhou_pairs_with_xinyuan() -> None:
    rows = pairing_for("扬州市")
    assert [(r.donor, r.recipient, r.certainty) for r in rows] == [("扬州市", "新源县", "direct")]
    assert rows[0].recipient_level == "county"
    assert rows[0].parent_prefecture == "伊犁哈萨克自治州"


def test_taizhou_pairs_with_zhaosu() -> None:
    assert [(r.recipient, r.certainty) for r in pairing_for("泰州")] == [("昭苏县", "direct")]


def test_pairing_for_with_parents() -> None:
    rows = pairing_for("扬州市", include_parents=True)
    assert rows[0].recipient == "新源县"
    assert {r.donor for r in rows} == {"扬州市", "江苏省"}


def test_donors_for_lists_direct_first() -> None:
    rows = donors_for("新源县")
    assert [(r.donor, r.certainty) for r in rows] == [("扬州市", "direct"), ("江苏省", "derived")]


def test_donors_for_partial_prefecture() -> None:
    rows = donors_for("和田")
    assert {r.donor for r in rows} == {"北京市", "天津市", "安徽省"}
    assert {r.certainty for r in rows} == {"partial"}


def test_certainty_marks_survive() -> None:
    assert [r.certainty for r in pairing_for("唐山市")] == ["uncertain"]
    assert {r.certainty for r in pairing_for("河北省")} >= {"direct", "derived"}


@pytest.mark.parametrize(
    ("donor", "recipient", "paired"),
    [
        ("扬州市", "新源县", True),
        ("扬州", "伊宁县", True),  # via 江苏省 (derived)
        ("扬州市", "伊犁州", True),  # via 江苏省 (partial prefecture row)
        ("Hunan", "Turpan", True),
        ("湖南省", "高昌区", True),
        ("昆山市", "阿图什市", True),
        ("江宁区", "特克斯县", True),
        ("扬州市", "吐鲁番市", False),
        ("北京市", "皮山县", False),  # Beijing covers only part of Hotan; 皮山 is Anhui's
        ("不存在", "新源县", False),
    ],
)
def test_is_paired(donor: str, recipient: str, paired: bool) -> None:
    assert is_paired(donor, recipient) is paired


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("扬州市", "江苏省"),
        ("Yangzhou", "江苏省"),
        ("江宁区", "江苏省"),
        ("浦东新区", "上海市"),
        ("湖南", "湖南省"),
        ("新源县", "新疆维吾尔自治区"),
        ("日喀则市", "西藏自治区"),
        ("柬埔寨", None),
        ("火星", None),
    ],
)
def test_province_of(name: str, province: str | None) -> None:
    assert province_of(name) == province


# --- gazetteer data ------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    with resource_path("gazetteer", name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_gazetteer_ids_unique_and_pairing_resolves() -> None:
    ids = [
        r["id"]
        for f in ("xinjiang_places.csv", "donors.csv", "other_recipients.csv", "countries.csv")
        for r in _rows(f)
    ]
    assert len(ids) == len(set(ids))
    for row in _rows("xinjiang_pairing.csv"):
        assert lookup_place(row["donor_zh"]) is not None, row["donor_zh"]
        assert lookup_place(row["recipient_zh"]) is not None, row["recipient_zh"]


def test_provincial_units_complete() -> None:
    provincial = [r for r in _rows("donors.csv") if r["level"] in ("province", "municipality")]
    assert len(provincial) + 1 == 34  # + 新疆维吾尔自治区 in xinjiang_places.csv
    assert lookup_place("新疆").level == "region"


# --- seeds ---------------------------------------------------------------------------------


def test_seed_zh(seed_zh: Path) -> None:
    found = find_places(seed_zh.read_text(encoding="utf-8"))
    by_name = {m.data["name"] for m in found}
    assert {"扬州市", "新源县", "泰州市", "昭苏县", "郑州市", "伊州区", "伊犁哈萨克自治州"} <= by_name
    agencies = {m.data.get("agency") for m in found}
    assert {"扬州援疆工作组", "泰州援疆工作组"} <= agencies
    assert all(m.data["role_hint"] == "recipient" for m in found if m.data["name"] in ("新源县", "昭苏县"))


def test_seed_en(seed_en: Path) -> None:
    found = find_places(seed_en.read_text(encoding="utf-8"))
    by_name = {m.data["name"] for m in found}
    assert {"湖南省", "吐鲁番市", "高昌区", "托克逊县", "鄯善县", "新疆维吾尔自治区"} <= by_name
    assert any(m.data["name"] == "湖南省" and m.data["role_hint"] == "donor" for m in found)


def test_lower_case_names_in_urls_and_file_names_are_skipped() -> None:
    assert find_places("see china.aiddata.org and xinjiang-pairing.csv") == []
    assert names("China-Africa, XINJIANG-based") == ["中国", "新疆维吾尔自治区"]
