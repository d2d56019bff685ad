"""Shared by the curation tests: a predictable stub extractor, texts written for the tests, helpers."""

import datetime as dt
import re
from decimal import Decimal

from aidcurator.curation import Curator
from aidcurator.domain import (
    AmountKind,
    ArticleDraft,
    CandidateAmount,
    CandidateRecord,
    Extraction,
    Mention,
    MentionKind,
    Qualifier,
    Span,
)

ZH_TEXT = (
    "湖南援疆工作队介绍，今年计划在吐鲁番实施102个援疆项目，安排援疆资金3.76亿元。"
    "其中，2.14亿元投向学校和文化设施。去年共完成投资1262万元。"
)
EN_TEXT = "Zhejiang will invest 376 million yuan in Aksu this year, creating 11,000 jobs for local residents."

_AMOUNTS = {"3.76亿元": "376000000", "2.14亿元": "214000000", "1262万元": "12620000", "8010万元": "80100000"}


class StubExtractor:
    """A predictable extractor: one record per known amount, with the project count of its sentence.

    ``donor`` is put on every record; ``skip`` names amounts to leave out; ``shares`` maps an amount
    to the amount it is a share of. Tests change these between runs to simulate a better extractor.
    """

    def __init__(self) -> None:
        self.donor: str | None = "湖南"
        self.skip: set[str] = set()
        self.shares: dict[str, str] = {"2.14亿元": "3.76亿元"}
        self.fail_on: str | None = None
        self.calls = 0

    def __call__(self, text: str, published: dt.date | None = None) -> Extraction:
        self.calls += 1
        if self.fail_on and self.fail_on in text:
            raise RuntimeError("extractor exploded")
        found = sorted((text.index(t), t) for t in _AMOUNTS if t in text and t not in self.skip)
        order = [t for _, t in found]
        mentions, records = [], []
        for start, amount_text in found:
            span = Span(start, start + len(amount_text))
            mentions.append(
                Mention(
                    MentionKind.AMOUNT,
                    span.start,
                    span.end,
                    amount_text,
                    Decimal(_AMOUNTS[amount_text]),
                    "CNY",
                )
            )
            count = re.search(r"(\d+)个援疆项目", text[text.rfind("。", 0, start) + 1 : start])
            evidence = {"amount": [span]}
            n_projects = None
            if count:
                offset = text.rfind("。", 0, start) + 1
                evidence["n_projects"] = [Span(offset + count.start(), offset + count.end())]
                n_projects = int(count.group(1))
            parent = self.shares.get(amount_text)
            parent_index = order.index(parent) if parent in order else None
            records.append(
                CandidateRecord(
                    donor=self.donor,
                    n_projects=n_projects,
                    year_start=published.year if published else None,
                    amounts=[
                        CandidateAmount(
                            text=amount_text,
                            value=Decimal(_AMOUNTS[amount_text]),
                            currency="CNY",
                            qualifier=Qualifier.EXACT,
                            kind=AmountKind.SHARE if parent_index is not None else AmountKind.PLANNED,
                            span=span,
                            share_of=parent_index,
                        )
                    ],
                    evidence=evidence,
                    parent_index=parent_index,
                )
            )
        return Extraction(mentions=mentions, records=records)


def import_zh(curator: Curator, title: str = "湖南援疆") -> int:
    report = curator.import_drafts([ArticleDraft(text=ZH_TEXT, title=title, published=dt.date(2024, 3, 1))])
    assert report.ok, report.failures
    return report.article_ids[0]


def count_rows(curator: Curator, table: str) -> int:
    with curator.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
