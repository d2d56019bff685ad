"""The country table (``resources/gazetteer/countries.csv``): complete, and each country found as the
recipient with its ISO 3166 alpha-3 code in simplified, traditional and English text. Sentences are our own."""

from __future__ import annotations

import csv

import pytest

from aidcurator.extract import extract
from aidcurator.extract.gazetteer import lookup_place
from aidcurator.extract.places import find_places
from aidcurator.extract.script import to_simplified
from aidcurator.resources import resource_path


def _rows() -> list[dict[str, str]]:
    with resource_path("gazetteer", "countries.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_country_once_with_an_alpha3_id() -> None:
    rows = _rows()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) >= 247  # ISO 3166-1 without CN/HK/MO/TW, + China + Kosovo
    assert all(i.startswith("ctry-") and len(i) == 8 for i in ids)
    assert all(r["level"] == "country" for r in rows)
    assert {"ctry-chn", "ctry-kos", "ctry-msr", "ctry-aia", "ctry-smr", "ctry-pri", "ctry-grl"} <= set(ids)


def test_no_country_rows_left_elsewhere() -> None:
    for name in ("other_recipients.csv", "donors.csv", "xinjiang_places.csv"):
        with resource_path("gazetteer", name).open(encoding="utf-8", newline="") as fh:
            assert not [r for r in csv.DictReader(fh) if r["id"].startswith("ctry-")], name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2021年，中国向蒙特塞拉特援助800万元，用于修建码头。", "MSR"),
        ("2020年中方向圣马力诺捐赠200万元防疫物资。", "SMR"),
        ("2015年，中国政府向库拉索提供100万美元援助。", "CUW"),
        ("2021年，中國向紐西蘭援助800萬元，用於修建碼頭。", "NZL"),
        ("2019年，中國政府向千里達及托巴哥捐贈300萬美元。", "TTO"),
        ("2020年中國向吉里巴斯提供援款500萬美元。", "KIR"),
        ("2018年中國向寮國提供無償援助2億元人民幣。", "LAO"),
        ("2018年中國向莫三比克提供緊急援助100萬美元。", "MOZ"),
        ("In 2018 China gave Anguilla a grant of 2 million US dollars for a school.", "AIA"),
        ("In 2018 China donated 3 million US dollars to the Turks and Caicos Islands.", "TCA"),
        ("In 2017, China granted Trinidad & Tobago USD 5 million.", "TTO"),
        ("In 2017 China pledged 4 million dollars in aid to Curacao.", "CUW"),
    ],
)
def test_new_country_is_the_recipient(text: str, code: str) -> None:
    records = extract(text).records
    assert [(r.recipient_code, r.donor) for r in records] == [(code, "中国")]


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        ("紐西蘭", "ctry-nzl"),
        ("纽西兰", "ctry-nzl"),
        ("寮國", "ctry-lao"),
        ("莫三比克", "ctry-moz"),
        ("象牙海岸", "ctry-civ"),
        ("多米尼加", "ctry-dom"),
        ("多米尼克", "ctry-dma"),
        ("Fijian", "ctry-fji"),
        ("Tongan", "ctry-ton"),
        ("Faroese", "ctry-fro"),
        ("Holy See", "ctry-vat"),
        ("Congo", "ctry-cog"),
        ("Niger", "ctry-ner"),
        ("Nigeria", "ctry-nga"),
    ],
)
def test_variants_and_demonyms(name: str, pid: str) -> None:
    place = lookup_place(name)
    assert place is not None and place.id == pid


def _ids(text: str) -> list[str]:
    return [m.data["id"] for m in find_places(text)]


def test_longest_name_wins() -> None:
    assert _ids("甲国向几内亚比绍、赤道几内亚和几内亚提供援助") == ["ctry-gnb", "ctry-gnq", "ctry-gin"]
    assert _ids("援助美属萨摩亚和萨摩亚") == ["ctry-asm", "ctry-wsm"]
    assert _ids("Aid reached Dominica and the Dominican Republic") == ["ctry-dma", "ctry-dom"]
    assert _ids("Papua New Guinea and Guinea") == ["ctry-png", "ctry-gin"]


def test_names_that_are_other_words_are_not_countries() -> None:
    assert "ctry-ton" not in _ids("广东加大投入，山东加快建设")
    assert "ctry-sle" not in _ids("南京狮子山下的甲乙公司")
    assert "ctry-qat" not in _ids("斯里兰卡达成协议，银行卡达到一万张")
    assert "ctry-kaz" not in _ids("伊犁哈萨克自治州的哈萨克牧民")
    assert "ctry-geo" not in _ids("美国乔治亚州的甲公司")
    assert _ids(to_simplified("甲國向喬治亞提供援助")) == ["ctry-geo"]  # Georgia in Taiwan
    assert "ctry-mli" not in _ids("马里亚纳海沟，马利克先生和马利基先生")
    assert "ctry-gum" not in _ids("有关岛屿的开发")
    assert "ctry-jey" not in _ids("A firm from New Jersey gave a jersey to the team.")
    assert "ctry-reu" not in _ids("A family reunion in the village.")
    assert "ctry-caf" not in _ids("The car was donated.")
