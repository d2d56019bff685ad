"""The two real seed documents (../shared/seeds): every amount and count, no distractor."""

from decimal import Decimal
from pathlib import Path

from aidcurator.domain import MentionKind
from aidcurator.extract import extract


def _mentions(seeds: Path):
    found = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for mention in extract(text).mentions:
            assert text[mention.start : mention.end] == mention.text
            found.append(mention)
    return found


def test_seed_amounts_are_exact(seeds_dir: Path) -> None:
    amounts = sorted((m.value, m.currency) for m in _mentions(seeds_dir) if m.kind is MentionKind.AMOUNT)
    expected = sorted(
        [
            (Decimal(v), "CNY")
            for v in ("376000000", "376000000", "699200000", "214000000", "219000000", "80100000", "12620000")
        ]
        + [(Decimal("200000000000"), "unknown")]
    )
    assert amounts == expected


def test_seed_counts(seeds_dir: Path) -> None:
    counts = sorted((int(m.value), m.what) for m in _mentions(seeds_dir) if m.kind is MentionKind.COUNT)
    for expected in [
        (102, "projects"),
        (88, "projects"),
        (735, "households"),
        (1869, "people"),
        (22, "households"),
        (11000, "jobs"),
    ]:
        assert expected in counts
    values = {value for value, _ in counts}
    assert not values & {15, 80, 2023, 2024, 160, 19}
