"""The real source documents in the shared seeds folder (skipped when it is absent).

Their titles are third-party text, so they are checked by digest and by properties, never written here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from aidcurator.ingest import read_file


def _digest(text: str) -> str:
    """The first 16 hex digits of the text's sha256 (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def test_single_article_seed(seed_en: Path) -> None:
    (draft,) = read_file(seed_en)
    assert _digest(draft.title) == "0c1f00de779041c0"
    assert (len(draft.title), draft.title[0].isupper(), "102" in draft.title) == (59, True, True)
    assert draft.text == seed_en.read_text(encoding="utf-8")
    assert draft.language == "en"
    assert draft.origin_position is None


def test_digest_seed(seed_zh: Path) -> None:
    drafts = read_file(seed_zh)
    assert [_digest(d.title) for d in drafts] == [
        "2f383e2cc2de66bb",
        "259b40185e5faf32",
        "0cd96b37db4ff1e5",
        "25d6008abb4d2d37",
        "8a3a8e33c201f597",
    ]
    assert [len(d.title) for d in drafts] == [16, 14, 15, 19, 24]
    assert [bool(re.match(r"[\u4e00-\u9fff]", d.title)) for d in drafts] == [True, True, True, True, False]
    assert [d.source for d in drafts] == [
        "Xin Hua Ri Bao",
        "Xin Lang Cai Jing",
        "Zheng Zhou Ri Bao",
        "Ren Min Ri Bao",
        "Yang Shi Wang",
    ]
    assert [d.published for d in drafts] == [
        dt.date(2025, 12, 23),
        dt.date(2025, 12, 20),
        dt.date(2025, 12, 12),
        dt.date(2025, 10, 9),
        dt.date(2025, 9, 18),
    ]
    assert [d.origin_position for d in drafts] == [f"article {n}" for n in range(1, 6)]
    assert [d.language for d in drafts] == ["zh", "zh", "zh", "en", "en"]
    for draft in drafts:
        assert draft.text.startswith(draft.title + "\n")
        assert "Search documents" not in draft.text
        assert "· 2025-" not in draft.text
