"""Records made and deleted by hand, and their evidence."""

from decimal import Decimal

import pytest
from curation_support import _AMOUNTS, EN_TEXT, ZH_TEXT, StubExtractor, count_rows, import_zh  # noqa: F401

from aidcurator.curation import Curator
from aidcurator.extract import AmountParseError
from aidcurator.store import NotFoundError

# ------------------------------------------------------------------------------- records by hand


def test_create_delete_and_restore_record(curator: Curator) -> None:
    article_id = import_zh(curator)
    start = ZH_TEXT.index("吐鲁番")
    record_id = curator.create_record(
        article_id,
        {"recipient": "吐鲁番", "n_projects": "102", "year_start": 2024},
        [("recipient", start, start + 3)],
        amounts=["3.76亿元"],
    )
    created = curator.record(record_id)
    assert created.origin == "manual" and created.recipient == "吐鲁番市" and created.n_projects == 102
    assert created.recipient_code == "xj-turpan"  # the canonical name with its code
    assert created.evidence[0].quote == "吐鲁番" and created.amounts[0].value == Decimal("376000000")
    parent = curator.records(article_id)[0]
    child = curator.update_record_field(record_id, "parent_id", parent.id)
    snapshot = curator.delete_record(parent.id)
    assert curator.record(record_id).parent_id is None
    with pytest.raises(NotFoundError):
        curator.record(parent.id)
    restored = curator.restore_record(snapshot)
    assert restored == parent
    assert curator.record(record_id).parent_id == parent.id == child.parent_id
    share = curator.records(article_id)[1]
    assert share.amounts[0].share_of_id == parent.amounts[0].id
    assert [e.action for e in curator.history(parent.id)] == ["delete", "restore"]
    with pytest.raises(ValueError, match="already exists"):
        curator.restore_record(snapshot)


def test_create_record_checks_everything_first(curator: Curator) -> None:
    article_id = import_zh(curator)
    before = count_rows(curator, "record")
    with pytest.raises(ValueError, match="whole number"):
        curator.create_record(article_id, {"jobs": "many"})
    with pytest.raises(AmountParseError):
        curator.create_record(article_id, {"donor": "x"}, amounts=["lots"])
    with pytest.raises(ValueError, match="outside the article text"):
        curator.create_record(article_id, {"donor": "x"}, [("donor", 0, 10_000)])
    with pytest.raises(ValueError, match="cannot attach evidence"):
        curator.create_record(article_id, {"donor": "x"}, [("colour", 0, 1)])
    with pytest.raises(NotFoundError):
        curator.create_record(12345, {"donor": "x"})
    assert count_rows(curator, "record") == before


def test_set_evidence_and_reset_to_extracted(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    start = ZH_TEXT.index("湖南")
    updated = curator.set_evidence(record.id, "donor", start, start + 2)
    assert [(e.quote, e.origin) for e in updated.evidence_for("donor")] == [("湖南", "manual")]
    assert updated.version == record.version + 1
    cleared = curator.replace_evidence(record.id, "donor", [])
    assert cleared.evidence_for("donor") == []
    curator.update_record_field(record.id, "donor", "长沙")
    curator.update_record_field(record.id, "n_projects", 5)
    one = curator.reset_to_extracted(record.id, "donor")
    assert one.donor == "湖南" and one.curated_fields == ("n_projects",)
    everything = curator.reset_to_extracted(record.id)
    assert everything.n_projects == 102 and everything.curated_fields == ()
    with pytest.raises(ValueError, match="no extracted value"):
        curator.reset_to_extracted(record.id, "notes")
