"""Amount and count mentions of the fourth real-news round, each rule on sentences written for the test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract import find_quantities
from aidcurator.extract.residue import without_residue


def _counts(text: str) -> list[tuple[str, Decimal | None, str]]:
    return [(m.text, m.value, m.what or "") for m in find_quantities(text) if m.kind is MentionKind.COUNT]


def _amounts(text: str) -> list[tuple[str, Decimal | None, str | None]]:
    return [(m.text, m.value, m.currency) for m in find_quantities(text) if m.kind is MentionKind.AMOUNT]


def test_residue_map_keeps_the_reading_with_its_character() -> None:
    plain, residue = without_residue("共建項(xiàng)目12個(gè)(WFP)")
    assert plain == "共建項目12個(WFP)"
    assert residue is not None
    start = plain.index("12")
    assert (residue.start(start), residue.end(start + 3)) == (11, 18)


def test_text_without_residue_is_left_alone() -> None:
    assert without_residue("援助(WFP)资金(2014)") == ("援助(WFP)资金(2014)", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本年撥付資金800萬(wàn)元用於修路。", [("800萬(wàn)元", Decimal(8000000), "CNY")]),
        ("另捐出兩百萬(wàn)元人民幣。", [("兩百萬(wàn)元人民幣", Decimal(2000000), "CNY")]),
        ("提供50萬(wàn)美元現(xiàn)匯。", [("50萬(wàn)美元", Decimal(500000), "USD")]),
    ],
)
def test_amounts_read_through_pinyin_residue(text: str, expected: list) -> None:
    assert _amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年實(shí)施項(xiàng)目36個(gè),當年完工。", [("36個(gè)", Decimal(36), "projects")]),
        ("安排援建項(xiàng)目18項(xiàng)。", [("18項(xiàng)", Decimal(18), "projects")]),
        ("共安置移民4.5萬(wàn)人。", [("4.5萬(wàn)人", Decimal(45000), "people")]),
    ],
)
def test_counts_read_through_pinyin_residue(text: str, expected: list) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # villages, enterprises and social organisations are not counted; people serving villages are
        ("帮扶资金覆盖了86个村。", []),
        ("共有12户大型国有企业参与结对。", []),
        ("其中18名到贫困村任第一书记。", [("18名", Decimal(18), "people")]),
        ("村里新建了5个村级卫生室。", [("5个村级卫生室", Decimal(5), "facilities")]),
        # a classifier's own class is not overridden by the housing built for it
        ("已为640户住房改造项目拨款。", [("640户", Decimal(640), "households")]),
        # traditional nouns are looked up through the simplified text
        (
            "援建了8所衛生院、5所衛生站和200間民居。",
            [
                ("8所衛生院", Decimal(8), "facilities"),
                ("5所衛生站", Decimal(5), "facilities"),
                ("200間民居", Decimal(200), "facilities"),
            ],
        ),
        ("理事會9名成員出席。", [("9名成員", Decimal(9), "people")]),
        # 人 inside 人道主义 is not a person
        ("多年来共提供300多项人道主义援助。", [("300多项人道主义援助", Decimal(300), "projects")]),
        ("运去80顶十人帐篷。", []),
    ],
)
def test_counted_and_not_counted_nouns(text: str, expected: list) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省援青项目累计达560多个。", [("560多个", Decimal(560), "projects")]),
        ("本市援建项目已开工建设44个。", [("44个", Decimal(44), "projects")]),
        # an elliptic count takes the noun of the last count with the same classifier
        (
            "今年计划新建项目60个，已开工52个。",
            [("60个", Decimal(60), "projects"), ("52个", Decimal(52), "projects")],
        ),
        (
            "安排项目15项。目前已实施9项。",
            [("15项", Decimal(15), "projects"), ("9项", Decimal(9), "projects")],
        ),
        # ... but not without a bridge verb, nor from a different classifier
        ("今年计划新建项目60个，还有9所。", [("60个", Decimal(60), "projects")]),
        # 上百: a floor of 100, 上 outside the span; 数百 stays vague
        ("近年援建项目上百个。", [("百个", Decimal(100), "projects")]),
        ("建成上百个民生和产业项目。", [("百个民生和产业项目", Decimal(100), "projects")]),
        ("建成数百个项目。", []),
        # one conjunction inside the noun phrase (the counted noun is taken whole)
        ("援建的40个道路和灌溉项目已交付。", [("40个道路和灌溉项目", Decimal(40), "projects")]),
        ("培训了20名教师和学生。", [("20名教师和学生", Decimal(20), "people")]),
        # a programme's name in quotes, projects signed rather than given
        ("两省开展“百所学校”结对活动。", []),
        ("双方签订了涉及农业和物流的8项合作项目。", []),
        ("两地共签订各种合作项目30余个。", []),
        # labour counts without a classifier
        (
            "帮助3.2万农村劳动力和1.5万脱贫劳动力就业。",
            [
                ("3.2万农村劳动力", Decimal(32000), "people"),
                ("1.5万脱贫劳动力", Decimal(15000), "people"),
            ],
        ),
    ],
)
def test_noun_first_elliptic_and_round_counts(text: str, expected: list) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # units written after 万
        ("共收到善款2468万1357元。", [("2468万1357元", Decimal(24681357), "CNY")]),
        ("捐出50萬0800元(新臺幣,下同)。", [("50萬0800元", Decimal(500800), "TWD")]),
        ("拨款300万元，另有5户受益。", [("300万元", Decimal(3000000), "CNY")]),
        # 澳元 is the pataca in a text about Macao, the Australian dollar elsewhere
        ("澳门红十字会已收到捐款620万澳元。", [("620万澳元", Decimal(6200000), "MOP")]),
        ("澳大利亚向澳门学校捐赠了20万澳元。", [("20万澳元", Decimal(200000), "AUD")]),
        ("悉尼华人社团捐出35万澳元。", [("35万澳元", Decimal(350000), "AUD")]),
    ],
)
def test_amount_values_and_currency_words(text: str, expected: list) -> None:
    assert _amounts(text) == expected


def test_plain_yuan_in_a_hong_kong_dateline_story_is_hkd() -> None:
    text = "本社香港六月二日电 某基金会捐款八百万元；某商会捐出二十万元人民币。"
    assert _amounts(text) == [
        ("八百万元", Decimal(8000000), "HKD"),
        ("二十万元人民币", Decimal(200000), "CNY"),
    ]


def test_plain_yuan_stays_cny_without_dateline_or_marked_yuan() -> None:
    assert _amounts("本社北京六月二日电 某基金会捐款八百万元；另捐二十万元人民币。")[0][2] == "CNY"
    assert _amounts("本社香港六月二日电 某基金会捐款八百万元。")[0][2] == "CNY"


def test_energy_units_are_not_money() -> None:
    assert _amounts(
        "The plant will generate 80 million kilowatt hours a year with a 5 million yuan grant."
    ) == [("5 million yuan", Decimal(5000000), "CNY")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare 万/亿 amount after a giving verb, traditional cue words read through the simplified text
        (
            "兩家商會分別捐出300萬及80萬。",
            [("300萬", Decimal(3000000), "unknown"), ("80萬", Decimal(800000), "unknown")],
        ),
        ("某基金會捐2000萬賑災。", [("2000萬", Decimal(20000000), "unknown")]),
        ("政府撥款5億支援重建。", [("5億", Decimal(500000000), "unknown")]),
        # goods counted in 万 are not money
        ("另捐出3万件衣物和1.2萬頂帳篷。", []),
    ],
)
def test_bare_scaled_amounts_after_giving_verbs(text: str, expected: list) -> None:
    assert _amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is a two phase project near the lake.", []),
        ("It is an eight lane road.", []),
        (
            "The county named its aid projects, 46 in all, after the donors.",
            [("46", Decimal(46), "projects")],
        ),
        (
            "The fund trained 3,000 farmers and herdsmen last year.",
            [("3,000 farmers and herdsmen", Decimal(3000), "people")],
        ),
        (
            "The fund trained 3,000 farmers and 20 teachers.",
            [("3,000 farmers", Decimal(3000), "people"), ("20 teachers", Decimal(20), "people")],
        ),
    ],
)
def test_english_count_rules(text: str, expected: list) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun of another class ends the counted phrase
        ("学院扩招300名大学生项目已启动。", [("300名大学生", Decimal(300), "people")]),
        # an alternative classifier in brackets between the noun and the number
        ("已援建卫生院(所)64个。", [("64个", Decimal(64), "facilities")]),
    ],
)
def test_noun_phrase_edges(text: str, expected: list) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the counted noun taken whole: a long modifier, a second noun of the class after 和
        ("帮助1500名建档立卡脱贫劳动力就业。", [("1500名建档立卡脱贫劳动力", Decimal(1500), "people")]),
        ("培训了300名小学老师和校长。", [("300名小学老师和校长", Decimal(300), "people")]),
        # households take people nouns (牧民), not projects or housing
        ("为210户牧民新建住房。", [("210户牧民", Decimal(210), "households")]),
        ("完成460户受损民房重建工程。", [("460户", Decimal(460), "households")]),
        # jurisdictions: a count of them, unless a noun follows closely or the word is a modifier
        ("东部6个省市与西部8个省区市合力兴建工业园区90个。", [("90个", Decimal(90), "facilities")]),
        ("支持60个县级以上园区建设。", [("60个县级以上园区", Decimal(60), "facilities")]),
        # quotas, relief plans, agreements
        ("奖学金名额总25个。", [("25个", Decimal(25), "people")]),
        ("已启动15个救援计划。", [("15个救援计划", Decimal(15), "projects")]),
        ("完成9项帮扶本县项目协议。", []),
        # a lone 万 after a qualifier or before 余
        ("地震损毁萬余房屋。", [("萬余房屋", Decimal(10000), "facilities")]),
        ("近萬人受灾。", [("萬人", Decimal(10000), "people")]),
        ("共有3万余群众受益。", [("3万余群众", Decimal(30000), "people")]),
    ],
)
def test_noun_phrases_jurisdictions_and_lone_scales(text: str, expected: list) -> None:
    assert _counts(text) == expected


def test_plain_yuan_in_a_hong_kong_paper_is_hkd() -> None:
    assert _amounts("【大公網訊】某基金會捐款八百萬元賑災，另捐二十萬元人民幣。") == [
        ("八百萬元", Decimal(8000000), "HKD"),
        ("二十萬元人民幣", Decimal(200000), "CNY"),
    ]
    assert _amounts("本报讯 某基金会捐款八百万元赈灾。") == [("八百万元", Decimal(8000000), "CNY")]


def test_bracketed_dollar_after_us_dollars_is_the_local_dollar() -> None:
    from aidcurator.extract import extract

    def amounts(text: str) -> list[tuple[str, str | None]]:
        return [(m.text, m.currency) for m in extract(text).mentions if m.kind is MentionKind.AMOUNT]

    assert amounts("China will give Guyana a grant of US$5 million ($1.04 billion) for a school.") == [
        ("US$5 million", "USD"),
        ("$1.04 billion", "GYD"),
    ]
    assert amounts("The grant of US$5 million ($1.04 billion) was signed.") == [
        ("US$5 million", "USD"),
        ("$1.04 billion", "USD"),
    ]
    assert amounts("China gave US$5 million to Guyana and $2 million to Chile.")[1] == ("$2 million", "USD")


def test_hyphenated_english_amounts_take_their_currency() -> None:
    assert _amounts("China signed a 1.8-billion-yuan loan and a 40-million-dollar grant.") == [
        ("1.8-billion-yuan", Decimal(1800000000), "CNY"),
        ("40-million-dollar", Decimal(40000000), "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They built 20 primary and secondary schools.",
            [("20 primary and secondary schools", Decimal(20), "facilities")],
        ),
        (
            "It set up 12 disease prevention and control centres.",
            [("12 disease prevention and control centres", Decimal(12), "facilities")],
        ),
        (
            "It sent 12 nurses and 3 doctors.",
            [("12 nurses", Decimal(12), "people"), ("3 doctors", Decimal(3), "people")],
        ),
        ("The 3 provinces and 20 cities joined.", []),
        ("It has three phase and four stage plans.", []),
        ("It will train 5,000 Africans and send local experts.", []),
        ("The road links three army camps and nearby villages.", []),
    ],
)
def test_english_modifiers_joined_by_and(text: str, expected: list) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("援建了30个带动群众增收的产业项目。", [("30个带动群众增收的产业项目", Decimal(30), "projects")]),
        ("实施10个项目的配套工程。", [("10个项目", Decimal(10), "projects")]),
        ("覆盖3个村的群众。", []),
        ("帮助5000名群众的住房改造。", [("5000名群众", Decimal(5000), "people")]),
    ],
)
def test_head_noun_after_a_modifier_with_de(text: str, expected: list) -> None:
    assert _counts(text) == expected
