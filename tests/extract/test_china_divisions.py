"""China's prefecture- and county-level divisions in the gazetteer (china_divisions.csv) and how they match.

Sentences are our own; names of places are public facts."""

from __future__ import annotations

import pytest

from aidcurator.extract import extract
from aidcurator.extract.gazetteer import gazetteer
from aidcurator.extract.places import find_places, lookup_place


def _names(text: str) -> list[str]:
    return [m.data["name"] for m in find_places(text)]


def _records(text: str) -> list:
    return list(extract(text).records)


def test_a_county_far_from_the_old_lists_is_found_and_receives() -> None:
    records = _records("某省民政厅向甘肃省舟曲县捐赠救灾资金200万元。")
    assert [(r.recipient, r.recipient_code) for r in records] == [("舟曲县", "623023")]


def test_a_county_in_traditional_characters() -> None:
    records = _records("某基金會向甘肅省舟曲縣捐贈救災資金200萬元。")
    assert [r.recipient for r in records] == ["舟曲县"]


def test_a_prefecture_by_its_short_form_carries_its_division_code() -> None:
    records = _records("北京市今年向承德投入帮扶资金2亿元。")
    assert [(r.recipient, r.recipient_code, r.donor) for r in records] == [("承德市", "130800", "北京市")]


def test_an_autonomous_county_by_its_plain_county_name() -> None:
    assert _names("某企业在积石山县援建了一所小学。") == ["积石山保安族东乡族撒拉族自治县"]
    assert _names("某企业在丰宁县援建了一所小学。") == ["丰宁满族自治县"]


@pytest.mark.parametrize("name", ["鼓楼区", "朝阳区", "新城区", "普陀区"])
def test_a_district_name_of_several_cities_is_not_guessed(name: str) -> None:
    assert _names(f"{name}某街道向灾区捐款10万元。") == []
    assert lookup_place(name) is None


@pytest.mark.parametrize("name", ["城区", "郊区", "矿区", "市中区", "新区"])
def test_generic_names_are_no_places(name: str) -> None:
    assert lookup_place(name) is None


@pytest.mark.parametrize(
    "text",
    ["全州上下齐心", "完善合作市场机制", "建设示范县", "市民和团体踊跃捐款", "打造新平台", "实现长治久安"],
)
def test_ordinary_words_do_not_read_as_places(text: str) -> None:
    assert _names(text) == []


def test_a_county_short_form_does_not_take_a_province_after_a_word() -> None:
    assert _names("其中江苏省安排资金") == ["江苏省"]
    assert _names("某干部从江苏调来") == ["江苏省"]


def test_a_district_of_a_donor_city_gives() -> None:
    records = _records("上海市闵行区向某县捐赠资金300万元。")
    assert [(r.donor, r.donor_code) for r in records] == [("闵行区", "310112")]


def test_sibling_counties_named_as_often_give_their_prefecture() -> None:
    text = "厦门市对口帮扶宁夏固原市西吉县、隆德县和泾源县。今年以来，厦门市共安排帮扶资金8000万元。"
    assert [r.recipient for r in _records(text)] == ["固原市"]


def test_existing_rows_keep_their_ids_and_gain_division_codes() -> None:
    lhasa = lookup_place("拉萨市")
    assert lhasa is not None and (lhasa.id, lhasa.code) == ("xz-lhasa", "540100")
    beijing = lookup_place("北京市")
    assert beijing is not None and (beijing.id, beijing.code) == ("cn-beijing", "110000")


def test_new_rows_use_their_division_code_as_id() -> None:
    new = [p for p in gazetteer().places.values() if p.id.isdigit()]
    assert len(new) > 2500
    assert all(p.id == p.code and len(p.code) == 6 for p in new)
    assert all(p.parent is not None for p in new)


def test_a_county_in_english_by_its_pinyin_name() -> None:
    text = "A foundation in Beijing donated 2 million yuan to Zhouqu County in Gansu for flood relief."
    assert [(r.recipient, r.recipient_code) for r in _records(text)] == [("舟曲县", "623023")]


def test_an_autonomous_county_in_english_by_its_official_and_plain_names() -> None:
    assert _names("A school opened in Beichuan Qiang Autonomous County.") == ["北川羌族自治县"]
    assert _names("A school opened in Beichuan County.") == ["北川羌族自治县"]


def test_a_prefecture_in_english_bare_or_as_a_city() -> None:
    assert _names("Firms from Shijiazhuang and Cangzhou City pledged aid.") == ["石家庄市", "沧州市"]


@pytest.mark.parametrize(
    "text",
    [
        "President Xi Jinping met the delegation.",  # 锦屏县: a county gets no bare English name
        "A hospital was built in Zhouqu with local funds.",
        "Suzhou City sent teachers.",  # 宿州 and 苏州 are both Suzhou: 宿州 gets no English name
    ],
)
def test_english_names_that_would_mislead_are_left_out(text: str) -> None:
    assert "锦屏县" not in _names(text) and "舟曲县" not in _names(text) and "宿州市" not in _names(text)


@pytest.mark.parametrize(
    ("written", "row"),
    [
        ("神木市", "神木市"),
        ("神木县", "神木市"),
        ("湟中县", "湟中区"),
        ("盘县", "盘州市"),
        ("会理市", "会理市"),
        ("Shenmu County", "神木市"),
    ],
)
def test_a_division_renamed_since_the_source_takes_its_new_name(written: str, row: str) -> None:
    assert _names(f"某基金会向{written}捐赠资金50万元。") == [row]
    place = lookup_place(row)
    assert place is not None and place.code == place.id  # the source's division code stays


def test_a_list_of_sibling_counties_visited_stands_for_their_prefecture() -> None:
    text = (
        "上周，某工作组到裕民县、托里县、额敏县走访了援疆项目。\n"
        "今年以来，累计完成援疆投资3.2亿元，占年度计划的80%。"
    )
    assert [r.recipient for r in _records(text)] == ["塔城地区"]


def test_a_county_named_more_often_than_its_list_neighbours_stays_the_recipient() -> None:
    text = (
        "上周，某工作组到裕民县、托里县、额敏县走访了援疆项目。\n"
        "裕民县今年累计完成援疆投资3.2亿元。裕民县还新建学校两所。"
    )
    assert [r.recipient for r in _records(text)] == ["裕民县"]
