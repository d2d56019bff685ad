"""Storing a very large article part by part, on each backend: every mention and evidence quote at
its place in the text, shares linked to their parents, as many mentions as the whole-text extraction."""

from pathlib import Path

import pytest

from aidcurator.curation import Curator, chunking
from aidcurator.extract import extract

PARAGRAPHS = (
    "江苏省今年在克州安排援疆资金{n}亿元，其中{m}亿元用于教育，实施援疆项目{m}个。",
    "Zhejiang will invest {n} million yuan in Aksu next year, creating {k} jobs for local residents.",
)


def test_a_very_large_article_is_stored_part_by_part(
    backend_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chunking, "SPLIT_ABOVE", 6000)
    monkeypatch.setattr(chunking, "PART_CHARS", 3000)
    text = "汇编\n\n" + "\n\n".join(
        PARAGRAPHS[i % 2].format(n=i % 50 + 60, m=i % 7 + 2, k=i * 3 + 10) for i in range(300)
    )
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    assert len(chunking.split_document(text, None, "big") or []) > 5
    with Curator.open(backend_url) as curator:
        report = curator.import_paths([path], workers=1)
        assert (report.imported, report.failed) == (1, 0)
        (article_id,) = report.article_ids
        stored = curator.article(article_id).text
        mentions = curator.mentions(article_id)
        assert [(m.start, m.end) for m in mentions] == [(m.start, m.end) for m in extract(text).mentions]
        assert all(stored[m.start : m.end] == m.text for m in mentions)
        records = curator.records(article_id)
        assert all(stored[e.start : e.end] == e.quote for r in records for e in r.evidence)
        shares = [r for r in records if r.parent_id is not None]
        assert shares and all(s.amounts[0].share_of_id is not None for s in shares)
