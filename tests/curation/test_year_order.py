"""An end year before its start year is refused everywhere a year is set (issue 13, item 4)."""

import pytest
from curation_support import import_zh

from aidcurator.curation import Curator
from aidcurator.curation.validation import check_year_order


def test_check_year_order() -> None:
    check_year_order(2020, 2020)
    check_year_order(2020, 2024)
    check_year_order(None, 2020)
    check_year_order(2020, None)
    with pytest.raises(ValueError, match="end year 2019 is before the start year 2020"):
        check_year_order(2020, 2019)


def test_record_field_edits_refuse_an_end_before_the_start(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    assert record.year_start == 2024
    with pytest.raises(ValueError, match="end year 2023 is before the start year 2024"):
        curator.update_record_field(record.id, "year_end", "2023")
    curator.update_record_field(record.id, "year_end", 2026)
    with pytest.raises(ValueError, match="end year 2026 is before the start year 2027"):
        curator.update_record_field(record.id, "year_start", 2027)
    stored = curator.record(record.id)
    assert (stored.year_start, stored.year_end) == (2024, 2026)


def test_a_new_record_with_its_years_backwards_is_not_created(curator: Curator) -> None:
    article_id = import_zh(curator)
    before = len(curator.records(article_id))
    with pytest.raises(ValueError, match="end year 2020 is before the start year 2025"):
        curator.create_record(article_id, {"year_start": "2025", "year_end": "2020"})
    assert len(curator.records(article_id)) == before


def test_an_amount_period_backwards_is_refused(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    amount = record.amounts[0]
    with pytest.raises(
        ValueError, match="end year 2021 is before the start year 2023 of the amount's period"
    ):
        curator.update_amount(amount.id, period_start=2023, period_end=2021)
    with pytest.raises(ValueError, match="before the start year"):
        curator.add_amount(record.id, "5亿元", period_start=2023, period_end=2021)
    assert curator.record(record.id) == record


def test_resetting_one_year_may_not_leave_the_period_backwards(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    assert record.extracted["year_start"] == 2024
    curator.update_record_field(record.id, "year_start", 2010)
    curator.update_record_field(record.id, "year_end", 2020)
    with pytest.raises(ValueError, match="end year 2020 is before the start year 2024"):
        curator.reset_to_extracted(record.id, "year_start")
    assert curator.record(record.id).year_start == 2010
    curator.reset_to_extracted(record.id)  # the whole record back as extracted is fine
    assert (curator.record(record.id).year_start, curator.record(record.id).year_end) == (2024, None)
