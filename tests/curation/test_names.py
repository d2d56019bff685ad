"""Controlled names: canonical donors/recipients with codes, sector codes, evidence that follows the value."""

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from aidcurator.curation import Curator, changes
from aidcurator.curation.names import (
    canonical_value,
    place_choices,
    place_for_span,
    resolve_place,
    resolve_sector,
    sector_choices,
    sector_label,
    sectors,
)
from aidcurator.domain import ArticleDraft, Origin
from aidcurator.resources import resource_path

# written for these tests
SUZHOU_TEXT = "苏州援疆工作组今年投入资金3000万元，用于阿图什市学校建设。"


def _import(curator: Curator, text: str = SUZHOU_TEXT) -> int:
    report = curator.import_drafts([ArticleDraft(text=text, title="苏州援疆", published=dt.date(2025, 3, 1))])
    assert report.ok, report.failures
    return report.article_ids[0]


@pytest.mark.parametrize(
    ("typed", "name", "code"),
    [
        ("江苏", "江苏省", "cn-jiangsu"),
        ("Jiangsu", "江苏省", "cn-jiangsu"),
        ("jiangsu province", "江苏省", "cn-jiangsu"),
        ("江苏省", "江苏省", "cn-jiangsu"),
        ("苏州", "苏州市", "cn-suzhou"),
        ("Suzhou", "苏州市", "cn-suzhou"),
        ("Angola", "安哥拉", "AGO"),
        ("苏州市 · Suzhou · city in 江苏省 · cn-suzhou", "苏州市", "cn-suzhou"),  # a choice label typed back
    ],
)
def test_names_and_aliases_resolve_to_the_canonical_place_and_code(typed: str, name: str, code: str) -> None:
    choice = resolve_place(typed)
    assert choice is not None and (choice.value, choice.code, choice.known) == (name, code, True)


def test_a_name_the_gazetteer_lacks_is_kept_and_marked_new() -> None:
    choice = resolve_place(" 某某慈善基金会 ")
    assert choice is not None and (choice.value, choice.code, choice.known) == ("某某慈善基金会", None, False)
    assert "new" in choice.label
    assert resolve_place("  ") is None


def test_completion_offers_canonical_names_for_chinese_english_and_aliases() -> None:
    assert place_choices("江苏", "donor")[0].value == "江苏省"
    assert place_choices("Jiangsu", "donor")[0].value == "江苏省"
    assert place_choices("jiang", "donor")[0].value == "江苏省"  # prefix of the English name
    assert place_choices("苏州", "donor")[0].value == "苏州市"
    assert place_choices("Kashgar", "recipient")[0].value.startswith("喀什")
    assert place_choices("", "donor") == []


def test_use_as_on_a_highlight_stores_what_the_extractor_writes(real_curator: Curator) -> None:
    article_id = _import(real_curator)
    (record,) = real_curator.records(article_id)
    assert (record.donor, record.donor_code) == ("苏州市", "cn-suzhou")  # the extractor's reading
    start = SUZHOU_TEXT.index("苏州")
    choice = place_for_span(SUZHOU_TEXT, start, start + 2, real_curator.mentions(article_id))
    assert choice is not None and (choice.value, choice.code) == (record.donor, record.donor_code)
    # without the stored mentions the selected text is read the same way
    alone = place_for_span(SUZHOU_TEXT, start, start + 2)
    assert alone is not None and (alone.value, alone.code) == ("苏州市", "cn-suzhou")


def test_typed_donor_is_stored_canonical_with_its_code(curator: Curator) -> None:
    from curation_support import import_zh

    record = curator.records(import_zh(curator))[0]
    assert (record.donor, record.donor_code) == ("湖南", "cn-hunan")  # the import filled the missing code
    typed = curator.update_record_field(record.id, "donor", "Jiangsu")
    assert (typed.donor, typed.donor_code) == ("江苏省", "cn-jiangsu")
    assert {"donor", "donor_code"} <= set(typed.curated_fields)
    new = curator.update_record_field(record.id, "donor", "某某慈善基金会")
    assert (new.donor, new.donor_code) == ("某某慈善基金会", None)
    reset = curator.reset_to_extracted(record.id, "donor")
    assert (reset.donor, reset.donor_code) == ("湖南", "cn-hunan")
    assert "donor_code" not in reset.curated_fields


def test_new_record_values_are_canonical(curator: Curator) -> None:
    from curation_support import import_zh

    article_id = import_zh(curator)
    record = curator.record(curator.create_record(article_id, {"donor": "苏州", "sector": "旅游"}))
    assert (record.donor, record.donor_code, record.sector) == ("苏州市", "cn-suzhou", "332")


@pytest.mark.parametrize("typed", ["332", "Tourism", "tourism", "旅游", "332 · Tourism · 旅游"])
def test_sector_by_code_or_name_is_stored_as_its_code(typed: str) -> None:
    assert canonical_value("sector", typed) == ("332", {})
    choice = resolve_sector(typed)
    assert choice is not None and choice.known


def test_sector_labels_and_choices() -> None:
    assert sector_label("332") == "332 · Tourism · 旅游"
    assert sector_label("720") == "720 · Emergency response · 紧急救援"
    assert sector_label("something else") == "something else"
    assert [c.value for c in sector_choices("111")][:2] == ["111", "11120"]
    assert "111" in [c.value for c in sector_choices("educ")]
    assert "111" in [c.value for c in sector_choices("教育")]
    assert resolve_sector("卫星工厂之类") is not None and not resolve_sector("卫星工厂之类").known


def test_sector_table_agrees_with_the_extractors_labels() -> None:
    rules = json.loads(Path(resource_path("rules", "sectors.json")).read_text(encoding="utf-8"))
    table = sectors()
    for code, name in {**rules["labels"], **rules["labels5"]}.items():
        assert table[code].name_en == name
        assert table[code].name_zh
    with resource_path("rules", "sector_codes.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(table)


def test_typed_value_drops_the_stale_evidence_and_undo_puts_it_back(real_curator: Curator) -> None:
    article_id = _import(real_curator)
    (record,) = real_curator.records(article_id)
    before = [(e.start, e.end, e.origin) for e in record.evidence_for("donor")]
    assert before and before[0][2] == Origin.EXTRACTED
    change = changes.SetField(record, "donor", "浙江")
    change.apply(real_curator)
    typed = real_curator.record(record.id)
    assert (typed.donor, typed.donor_code) == ("浙江省", "cn-zhejiang")
    assert typed.evidence_for("donor") == []
    change.undo(real_curator)
    back = real_curator.record(record.id)
    assert back.donor == "苏州市" and back.donor_code == "cn-suzhou"
    assert [(e.start, e.end, e.origin) for e in back.evidence_for("donor")] == before
    change.redo(real_curator)
    assert real_curator.record(record.id).evidence_for("donor") == []


def test_use_as_sets_value_and_evidence_together_in_one_undoable_change(real_curator: Curator) -> None:
    article_id = _import(real_curator)
    (record,) = real_curator.records(article_id)
    start = SUZHOU_TEXT.index("阿图什市")
    change = changes.SetField(record, "donor", "阿图什市", spans=[(start, start + 4)])
    change.apply(real_curator)
    used = real_curator.record(record.id)
    assert (used.donor, used.donor_code) == ("阿图什市", "xj-artux")
    assert [(e.start, e.end, e.quote, e.origin) for e in used.evidence_for("donor")] == [
        (start, start + 4, "阿图什市", Origin.MANUAL)
    ]
    change.undo(real_curator)
    back = real_curator.record(record.id)
    assert back.donor == "苏州市" and [e.origin for e in back.evidence_for("donor")] == [Origin.EXTRACTED]


def test_shared_year_evidence_goes_only_when_both_years_are_typed(real_curator: Curator) -> None:
    article_id = _import(
        real_curator, "2021年至2023年，苏州援疆工作组投入资金3000万元，用于阿图什市学校建设。"
    )
    (record,) = real_curator.records(article_id)
    assert record.evidence_for("year")
    one = real_curator.update_record_field(record.id, "year_start", "2020")
    assert one.evidence_for("year")  # still supports the end year
    both = real_curator.update_record_field(record.id, "year_end", "2024")
    assert both.evidence_for("year") == []


def test_typed_amount_text_drops_its_quote_and_undo_puts_it_back(real_curator: Curator) -> None:
    article_id = _import(real_curator)
    (record,) = real_curator.records(article_id)
    amount = record.amounts[0]
    assert [(e.start, e.end) for e in record.evidence_for("amount")] == [(amount.start, amount.end)]
    change = changes.UpdateAmount(record, amount, {"text": "5000万元"}, "typed amount")
    change.apply(real_curator)
    assert real_curator.record(record.id).evidence_for("amount") == []
    change.undo(real_curator)
    back = real_curator.record(record.id)
    assert [(e.start, e.end, e.origin) for e in back.evidence_for("amount")] == [
        (amount.start, amount.end, Origin.EXTRACTED)
    ]
