"""Years of records in a dated news report (extract/periods.py, rules/years.json): an amount's year is
stated in its own sentence, the list it continues or its paragraph's topic year; other years of the
report do not date it. Texts written for the tests."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract

PUBLISHED = dt.date(2021, 5, 20)


def _years(text: str, published: dt.date | None = PUBLISHED) -> dict[object, tuple[int | None, int | None]]:
    return {r.amounts[0].value: (r.year_start, r.year_end) for r in extract(text, published).records}


def test_a_topic_year_dates_the_later_amounts_of_its_paragraph() -> None:
    text = "记者从省商务厅获悉，2020年，甲省援建工作稳步推进。全年投入援助资金3亿元，实施项目40个。"
    assert _years(text)[300_000_000] == (2020, 2020)


def test_a_year_leading_its_sentence_is_a_topic_year() -> None:
    text = "In 2020, the province stepped up its paired aid. It provided 300 million yuan for rural roads."
    assert _years(text)[300_000_000] == (2020, 2020)


def test_a_year_inside_another_sentence_does_not_date_an_amount() -> None:
    text = "该县中学2020年的升学率达到九成。在医疗方面，甲省投入援助资金3亿元新建一所医院。"
    assert _years(text)[300_000_000] == (None, None)


def test_a_duration_of_another_sentence_does_not_date_an_amount() -> None:
    text = "Over the past ten years, the two provinces have worked closely together. The donor built 12 schools at a cost of 300 million yuan."
    assert _years(text)[300_000_000] == (None, None)


def test_a_year_of_another_paragraph_does_not_date_an_amount() -> None:
    text = "甲省于2015年开始对口支援乙县。\n\n据介绍，甲省共投入援助资金3亿元，建成学校12所。"
    assert _years(text)[300_000_000] == (None, None)


def test_a_headline_figure_takes_the_year_of_its_body_repeat_only() -> None:
    text = (
        "Ruritania gets 5 million yuan in relief aid\n\n"
        "Posted on March 3, 2021\n\n"
        "China has donated 5 million yuan in relief aid to Ruritania, the embassy said on Monday."
    )
    assert _years(text)[5_000_000] == (None, None)


def test_a_deadline_gives_a_running_total_no_year() -> None:
    text = "The province stepped up its aid. By the end of 2020, it had invested 300 million yuan in 40 projects."
    assert _years(text)[300_000_000] == (None, None)
    text = "The country has received grants worth 300 million yuan up to the end of March this year, the minister noted."
    assert _years(text)[300_000_000] == (None, None)


def test_a_later_stage_of_its_own_sentence_still_dates_an_amount() -> None:
    text = "Jiangsu's aid team disbursed 30 million yuan for rural clinics in 2020, the report said."
    assert _years(text)[30_000_000] == (2020, 2020)


def test_a_share_takes_the_year_its_parent_found_in_the_paragraph() -> None:
    text = "2020年，甲省援建工作稳步推进。全年投入援助资金3亿元，其中1亿元用于教育。"
    assert _years(text)[100_000_000] == (2020, 2020)


def test_an_undated_description_still_takes_the_commitment_year() -> None:
    text = "In 2006, China signed an agreement to build a clinic in Ruritania. The clinic was funded by a $9 million grant."
    assert _years(text, None)[9_000_000] == (2006, 2006)


def test_a_chinese_deadline_gives_a_running_total_no_year() -> None:
    text = "截至2020年底，甲省已累计在乙县实施援助项目40个，到位资金3亿元。"
    assert _years(text)[300_000_000] == (None, None)
    text = "截至去年底，甲省累计投入援助资金3亿元。"
    assert _years(text)[300_000_000] == (None, None)


def test_a_later_time_word_ends_the_reach_of_a_topic_year() -> None:
    text = (
        "In 2001, the first aid team arrived in the county. For twenty years now, the province has "
        "sent 900 teachers. Over the past ten years, it trained 500 nurses. The province has built 40 schools at a cost of 300 million yuan."
    )
    assert _years(text)[300_000_000] == (None, None)


def test_a_comparison_year_neither_dates_nor_ends_a_topic_year() -> None:
    text = "据了解，今年上半年，甲省拨付援助资金3亿元，增幅高于去年同期。乙县另获援助资金5000万元。"
    assert _years(text)[50_000_000] == (2021, 2021)
    text = "2020年，甲省投入援助资金3亿元，比上年增长10%，其中教育资金1亿元。"
    assert _years(text)[300_000_000] == (2020, 2020)


def test_an_undated_page_gives_relative_years_no_year() -> None:
    text = "Over the past ten years, the province has invested 300 million yuan in the region."
    assert _years(text, None)[300_000_000] == (None, None)
    text = "去年，甲省投入援助资金3亿元，实施项目40个。"
    assert _years(text, None)[300_000_000] == (None, None)


def test_an_undated_page_leaves_a_since_period_without_a_year() -> None:
    text = "Since 2004, the Chinese government has funded the clinic with a $9 million grant."
    assert _years(text, None)[9_000_000] == (None, None)  # its end, the publication year, is unknown


def test_a_future_time_frame_gives_no_year() -> None:
    text = "China will set aside 300 million yuan in grants for the region over the coming four years."
    assert _years(text)[300_000_000] == (None, None)
    text = "甲省表示，未来三年将向乙县提供援助资金3亿元。"
    assert _years(text)[300_000_000] == (None, None)


def test_the_year_of_the_starting_figure_of_a_change_does_not_date_its_end() -> None:
    text = "2018年，甲市决定把对口援助资金由2015年的0.8亿元提高到1.5亿元。"
    assert _years(text) == {80_000_000: (2015, 2015), 150_000_000: (2018, 2018)}


def test_a_date_line_is_no_topic_year() -> None:
    text = "Jan 12, 2021\nBEIJING -- China will offer relief aid worth 5 million yuan to Ruritania, the ministry said Monday."
    assert _years(text)[5_000_000] == (None, None)


def test_an_undated_amount_with_a_relative_period_takes_no_other_year() -> None:
    text = "In 2010, the province began its paired aid. In the past six years, the county has been given 300 million yuan."
    assert _years(text, None)[300_000_000] == (None, None)


def test_a_bare_month_or_part_of_the_year_gives_the_publication_year() -> None:
    for text in (
        "7月，甲省拨付援助资金3亿元。",
        "1至4月，甲省到位援助资金3亿元。",
        "上半年，甲省到位援助资金3亿元。",
    ):
        assert _years(text)[300_000_000] == (2021, 2021), text
    assert _years("甲省计划在3个月内拨付援助资金3亿元。")[300_000_000] == (None, None)


def test_a_headline_figure_retold_in_a_dated_body_sentence_takes_its_year() -> None:
    text = (
        "China pledges 5 million yuan to Ruritania\n\n"
        "BEIJING -- China has donated 5 million yuan in relief aid to Ruritania in July 2021, the ministry said."
    )
    record = extract(text, PUBLISHED).records[0]
    assert (record.year_start, record.year_end) == (2021, 2021)
    assert "retold_year" not in record.flags


def test_a_month_name_ending_its_sentence_gives_the_publication_year() -> None:
    assert _years("China pledged 5 million yuan to Ruritania in April.")[5_000_000] == (2021, 2021)


def test_two_dates_joined_by_zhi_make_a_period() -> None:
    assert _years("2019年12月至2020年6月，甲省投入援助资金5000万元。")[50_000_000] == (2019, 2020)


def test_a_comparison_year_does_not_date_the_list_it_leads() -> None:
    text = "甲省援乙工作进展顺利。新开工项目30个，比去年同期多8个；已拨付援助资金2亿元，到位率达到六成。"
    assert _years(text)[200_000_000] == (None, None)


def test_a_month_leading_a_semicolon_run_dates_its_amounts() -> None:
    text = "甲省援乙工作进展顺利。截至3月底，续建项目全部复工；已拨付援助资金2亿元，到位率比去年同期高两成。"
    assert _years(text)[200_000_000] == (2021, 2021)


def test_a_year_followed_by_from_that_time_starts_a_period() -> None:
    text = "Ruritania's aid to the county began in 2012 and from that time to the present about 80 million yuan has been given."
    assert _years(text)[80_000_000] == (2012, 2021)
    text = "甲省于2015年开始援助乙县，自那时以来共投入援助资金2亿元。"
    assert _years(text)[200_000_000] == (2015, 2021)


def test_a_self_raised_share_after_the_amount_does_not_stretch_its_year() -> None:
    text = "2020年累计投入各类资金5亿元，其中，甲省帮扶资金3000万元，乙市帮扶资金2000万元，群众自筹800万元。"
    years = _years(text)
    assert years[30_000_000] == (2020, 2020)
    assert years[20_000_000] == (2020, 2020)


def test_a_since_clause_still_stretches_a_running_total() -> None:
    text = "Since the start of the new round of paired assistance to the county in 2015, the province has invested 300 million yuan."
    assert _years(text)[300_000_000] == (2015, 2021)


def test_a_since_year_on_an_undated_page_leaves_the_total_without_a_year() -> None:
    text = "甲集团自2016年帮扶乙县以来，累计投入资金6000万元，实施项目50个。"
    assert _years(text, None)[60_000_000] == (None, None)
    text = "甲集团自2016年帮扶乙县以来，2016年至2019年共投入资金6000万元。"
    assert _years(text, None)[60_000_000] == (2016, 2019)


def test_a_year_after_of_which_dates_the_share_not_the_total() -> None:
    text = "甲省累计向乙县投入援助资金5亿元，其中，2020年投入援助资金1.2亿元。"
    assert _years(text, None)[500_000_000] == (None, None)


def test_a_share_keeps_its_own_year_when_its_running_total_has_none() -> None:
    text = "甲省自2016年以来累计向乙县投入援助资金5亿元，其中，2020年投入援助资金1.2亿元。"
    years = _years(text, None)
    assert years[500_000_000] == (None, None)
    assert years[120_000_000] == (2020, 2020)


def test_an_english_comparison_year_does_not_date_the_amount() -> None:
    text = "Ruritania will lend 4 billion dollars to its neighbours over five years, twice the sum it promised in 2015."
    assert _years(text)[4_000_000_000] == (None, None)
    text = "The province set aside 500 million yuan for the county this year, up from 400 million yuan given in 2020."
    years = _years(text)
    assert years[500_000_000] == (2021, 2021)
    assert years[400_000_000] == (2020, 2020)


def test_a_bare_span_of_years_counts_back_from_publication() -> None:
    text = "甲省于1990年开始援助乙州。二十年间，甲省累计投入援助资金8亿元。"
    assert _years(text)[800_000_000] == (2002, 2021)
    text = "2018年至2020年，甲省援建乙县。这三年间，甲省共投入援助资金3亿元。"
    assert _years(text)[300_000_000] == (2018, 2020)


def test_an_undated_page_counts_a_duration_back_from_the_stated_year() -> None:
    text = "On May 2, 2006, the official said the province had given 30 million yuan (US$4 million) to the county over the past five years."
    assert _years(text, None)[30_000_000] == (2002, 2006)
    text = "2006年5月2日，该官员介绍，五年来甲省共向乙县投入援助资金3000万元。"
    assert _years(text, None)[30_000_000] == (2002, 2006)


def test_a_page_date_line_does_not_block_a_month_of_the_sentence() -> None:
    text = (
        "Ruritania loan approved\n\n"
        "2021-05-20 Print\n"
        "The provincial finance office said on May 18 that the bank approved a loan of 90 million dollars for rural roads."
    )
    assert _years(text)[90_000_000] == (2021, 2021)


def test_a_duration_that_ranks_an_event_is_no_period() -> None:
    text = "甲国援助项目迎来实施十年来最大的一笔捐赠，无偿援助乙县60万美元。"
    assert _years(text)[600_000] == (None, None)


def test_a_bare_zhi_before_a_year_ends_a_running_total() -> None:
    text = "甲国从1990年起向乙国提供援助。至2000年末，甲国共向乙国提供了3亿元无偿援助。"
    assert _years(text)[300_000_000] == (None, None)


def test_an_undated_span_of_years_counts_from_the_since_clause_before_it() -> None:
    text = "自2012年新一轮援助启动以来，甲市对口支援乙县。三年来共筹措援助资金2亿元。"
    assert _years(text, None)[200_000_000] == (2012, 2014)
    text = "甲市自2005年起援助乙县。2012年，新一轮援助启动。八年来共投入援助资金2亿元。"
    assert _years(text, None)[200_000_000] == (None, None)
