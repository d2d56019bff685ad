"""The real source documents in the shared seeds folder (skipped when it is absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aidcurator.ingest import read_file


def test_single_article_seed(seed_en: Path) -> None:
    (draft,) = read_file(seed_en)
    assert draft.title == "Hunan will implement 102 aid projects in Xinjiang this year"
    assert draft.text == seed_en.read_text(encoding="utf-8")
    assert draft.language == "en"
    assert draft.origin_position is None


def test_digest_seed(seed_zh: Path) -> None:
    drafts = read_file(seed_zh)
    assert [d.title for d in drafts] == [
        "扬州援疆硕果累累 绘就协作新蓝图",
        "泰州援疆助力昭苏百姓乐享新居",
        "交融共生 人心相通中的郑州温度",
        "不断汇聚建设新疆的强大合力(编辑手记)",
        "【砥砺奋进七十载 天山南北谱华章】援疆路上绽繁花",
    ]
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
