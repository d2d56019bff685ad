"""Record years (extract/periods.py, rules/years.json) and sector rules (extract/sectors.py,
rules/sectors.json) learnt from real project descriptions. Texts written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract import extract
from aidcurator.extract.timex import find_times


def _years(text: str) -> dict[object, tuple[int | None, int | None]]:
    return {r.amounts[0].value: (r.year_start, r.year_end) for r in extract(text).records}


# -- years ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In 2006 the two governments signed a loan agreement. The $25 million loan is to be repaid "
        "between 2016 and 2026.",
        "China pledged the clinic in 2006. The clinic, costing $25 million, was completed in 2009.",
        "The loan was signed in 2006. The operator will use the $25 million to reach every district by 2012.",
        "In 2006 the bank agreed to fund the plant. As of 2011, it had paid out $25 million.",
    ],
)
def test_a_later_stage_year_gives_way_to_the_commitment_year(text: str) -> None:
    assert _years(text)[25_000_000] == (2006, 2006)


def test_a_later_stage_year_still_dates_a_record_that_has_no_other() -> None:
    assert _years("The $2 million school for the village was completed in 2010.")[2_000_000] == (2010, 2010)


def test_the_start_of_a_programme_is_no_later_stage() -> None:
    text = "Since the new round of aid began in 2010, the provinces have given 5 billion yuan to the region."
    record = extract(text, dt.date(2015, 3, 1)).records[0]  # dated: an undated page knows no end
    assert (record.year_start, record.year_end) == (2010, 2015)


def test_a_year_leading_its_sentence_beats_a_later_year_of_the_amounts_clause() -> None:
    text = (
        "In 2009, the bank lent the state 25 million USD to finish the offices "
        "first built in 2002 with a grant."
    )
    assert _years(text)[25_000_000] == (2009, 2009)


def test_a_headline_figure_takes_the_texts_commitment_year() -> None:
    text = (
        "Ruritania gets 25 million dollars for customs scanners\n\n"
        "On April 12, 2010, both governments signed a loan agreement of $25.1 million for the scanners. "
        "The scanners arrived later."
    )
    assert _years(text)[25_000_000] == (2010, 2010)


def test_a_year_leading_a_sentence_about_two_amounts_dates_a_headline_figure() -> None:
    text = (
        "China cancels 123 million USD of Ruritania's debt\n\n"
        "In 2001, China cancelled $122.5 million of debt, of which $105 million had been lent in 1971."
    )
    assert _years(text)[123_000_000] == (2001, 2001)


def test_a_first_line_without_a_blank_line_after_it_is_no_headline() -> None:
    text = "NORTH — The county spent 3 million yuan on a road.\nSOUTH — The city spent 5 million yuan this month."
    result = extract(text, dt.date(2024, 9, 20))
    assert {r.amounts[0].value: r.year_start for r in result.records}[3_000_000] is None


def test_a_since_year_of_another_sentence_is_background() -> None:
    text = (
        "China has sent medical teams to Ruritania since 1983. In 2001, the tenth team arrived. "
        "The commitment for this team was 34.3 million USD."
    )
    assert _years(text)[34_300_000][0] == 2001


def test_two_joined_years_make_a_period_whichever_was_nearer() -> None:
    text = "In 2005 and 2006, China donated hospital equipment worth 274,000 USD."
    assert _years(text)[274_000] == (2005, 2006)


def test_a_year_after_a_half_width_comma_in_chinese_is_a_year() -> None:
    text = "记者获悉,2019年,东部省份共拿出财政援助资金176亿元。"
    assert [m.data["start"] for m in find_times(text, None)] == [2019]
    assert _years(text)[17_600_000_000] == (2019, 2019)


def test_a_number_group_or_decimal_is_still_no_year() -> None:
    assert find_times("Shipments of 12,2024 tons and 3.2024 units.", None) == []


# -- sectors ----------------------------------------------------------------------------------------


def _sectors(text: str) -> dict[object, str | None]:
    return {r.amounts[0].value: r.sector for r in extract(text).records}


@pytest.mark.parametrize(
    "text",
    [
        "China granted Ruritania 10 million USD for agriculture, health and education.",
        "The fund lends 10 million USD for roads and water projects in the north.",
        "政府安排1000万美元，用于教育、医疗和农业。",
    ],
)
def test_a_list_of_several_sector_groups_is_multisector(text: str) -> None:
    assert _sectors(text)[10_000_000] == "430"


def test_two_sector_groups_without_a_plural_noun_are_no_list() -> None:
    assert (
        _sectors("The province spent 30 million yuan on rural housing and drinking water.")[30_000_000]
        != "430"
    )


def test_a_stronger_cue_outside_the_list_keeps_its_sector() -> None:
    text = "The grant of 50 million yuan will help rebuild schools, clinics and roads destroyed by the flood."
    assert _sectors(text)[50_000_000] == "730"


def test_the_government_as_a_party_names_no_sector() -> None:
    assert _sectors("The Chinese government gave 1 million USD to the town.")[1_000_000] is None
    text = "The Chinese government donated 2 million USD worth of fertilizer to the farmers."
    assert _sectors(text)[2_000_000] == "311"


def test_a_ministry_building_is_public_administration_but_a_ministers_title_is_not() -> None:
    assert (
        _sectors("China built new offices for the Ministry of Foreign Affairs for 7 million USD.")[7_000_000]
        == "151"
    )
    text = "Foreign Affairs Minister Jane Doe received 70,000 USD for the orphanage."
    assert _sectors(text)[70_000] is None


def test_oil_backing_is_no_sector_and_a_fertilizer_plant_is_industry() -> None:
    assert _sectors("China extended a $2 billion oil-backed loan for roads.")[2_000_000_000] == "210"
    assert _sectors("The bank lent $250 million for a fertilizer plant.")[250_000_000] == "321"


def test_trade_and_economic_cooperation_is_multisector() -> None:
    text = "China offered a 500 million USD credit line for trade and economic cooperation with the partner country."
    assert _sectors(text)[500_000_000] == "430"


def test_food_aid_called_emergency_relief_is_emergency_response() -> None:
    assert _sectors("China gave food aid worth 10 million USD to flood victims.")[10_000_000] == "720"
    text = (
        "China delivered food aid worth 8 million dollars to the region. The region suffers from a drought."
    )
    assert _sectors(text)[8_000_000] == "520"  # a drought named alone makes no emergency


def test_sector_mentions_keep_their_kind() -> None:
    mentions = extract("for agriculture, health and education").mentions
    assert {m.kind for m in mentions} == {MentionKind.SECTOR}


def test_rebuilding_is_reconstruction_relief_only_after_a_disaster() -> None:
    assert (
        _sectors("The bank lent 136 million USD for the reconstruction of two main roads.")[136_000_000]
        == "210"
    )
    text = "China gave 20 million yuan to rebuild the school destroyed by the earthquake."
    assert _sectors(text)[20_000_000] == "730"
    text = "China gave 20 million yuan to rebuild homes damaged by the volcanic eruption."
    assert _sectors(text)[20_000_000] == "730"


def test_a_military_hospital_is_health() -> None:
    assert _sectors("China granted 1.5 million kina to renovate the military hospital.")[1_500_000] == "121"


def test_an_office_of_several_words_is_still_a_title() -> None:
    text = "Minister of Economy, Trade and Energy Jane Doe received 10 million yuan for the orphanage."
    assert _sectors(text)[10_000_000] is None


def test_finance_as_a_verb_and_training_as_a_means_yield_to_the_purpose() -> None:
    assert (
        _sectors("The bank agreed to finance the 30 million USD water supply project.")[30_000_000] == "140"
    )
    assert _sectors("China gave 5 million RMB for the training of farming technicians.")[5_000_000] == "311"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The bank lent 40 million USD for the tunnel under the pass.", "210"),
        ("The bank lent 40 million USD for the gas pipeline.", "233"),
        ("The bank lent 40 million USD for the national grid.", "236"),
        ("China gave 40,000 USD to fight bird flu.", "122"),
        ("China gave 40,000 USD of anti-poaching equipment to the rangers.", "410"),
        ("The bank lent 40 million USD for the convention centre.", "160"),
        ("The company will build a 40 million USD hotel by the beach.", "332"),
    ],
)
def test_project_words_of_real_descriptions(text: str, code: str) -> None:
    assert next(iter(_sectors(text).values())) == code


def test_a_port_citys_name_is_no_port() -> None:
    text = "China funds a 40 million RMB tuna processing plant in Port Vila."
    assert _sectors(text)[40_000_000] == "321"
