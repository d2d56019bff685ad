"""A stub extractor for the GUI tests: fixed, table-driven extractions, independent of ``extract``.

It finds amounts written as ``<number>亿元``/``<number>万元``/``<number> million yuan`` (its own
tiny reading, not the extractor's), the place names of :data:`PLACES`, years ``20xx`` and counts
``<number>名``/``<number>个``, and proposes one project record per amount: the first place as donor,
the next other place as recipient, the first year as the period. Improving the real extractor can
never change what the window tests see.
"""

from __future__ import annotations

import re
from decimal import Decimal

from aidcurator.domain import (
    AmountKind,
    CandidateAmount,
    CandidateRecord,
    Extraction,
    Mention,
    MentionKind,
    Qualifier,
    Span,
)

PLACES = (
    "北京市", "上海市", "广东省", "深圳市", "天津市", "江苏省", "浙江省", "山东省", "墨玉县", "莎车县",
    "喀什地区", "喀什市", "喀什", "和田地区", "伊犁州", "阿克苏地区",
    "Shanghai", "Beijing", "Guangdong", "Zhejiang", "Kashgar", "Hotan", "Aksu",
)  # fmt: skip
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(亿元|万元| million yuan)")
UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), " million yuan": Decimal(1_000_000)}
YEAR = re.compile(r"20\d\d")
COUNT = re.compile(r"(\d+)余?(名|个)")
COUNT_WHAT = {"名": "people", "个": "jobs"}

#: Short articles (title line, blank line, text): 8 in Chinese, 4 in English, two amounts each.
ARTICLES = (
    "北京援疆墨玉县教育项目\n\n北京市2023年安排援疆资金3亿元，在墨玉县新建学校。另投入5000万元改善教学设备，惠及学生8000名。\n",
    "上海援建莎车县医院\n\n上海市2022年投入援疆资金1.2亿元，在莎车县建设人民医院，其中800万元用于设备采购。\n",
    "广东援疆喀什产业园\n\n广东省2021年至2023年累计拿出援疆资金共6亿元，在喀什建设产业园，新增就业岗位1200个，配套资金2000万元。\n",
    "深圳援建喀什市住房\n\n深圳市2024年安排资金4.5亿元，在喀什市建设安居房，另有3000万元用于道路。\n",
    "天津援疆和田供水工程\n\n天津市2020年投入援疆资金9000万元，在和田地区建设供水工程，追加1500万元。\n",
    "江苏援建伊犁学校\n\n江苏省2023年安排援疆资金2.5亿元，在伊犁州新建学校，另投入600万元培训教师。\n",
    "浙江援疆阿克苏农业\n\n浙江省2022年投入援疆资金1.8亿元，支持阿克苏地区农业，其中700万元用于培训。\n",
    "山东援建喀什地区医院\n\n山东省2021年安排资金2亿元，在喀什地区建设医院，另投入1000万元购置设备。\n",
    "Shanghai funds hospital in Kashgar\n\nShanghai allocated 120 million yuan in 2023 to build a hospital "
    "in Kashgar, plus 15 million yuan for equipment.\n",
    "Beijing builds schools in Hotan\n\nBeijing invested 300 million yuan in 2022 in new schools in Hotan, "
    "and 20 million yuan for teacher training.\n",
    "Guangdong supports farms in Aksu\n\nGuangdong provided 80 million yuan in 2021 to farms in Aksu, "
    "with 5 million yuan for training.\n",
    "Zhejiang textile park in Kashgar\n\nZhejiang spent 250 million yuan in 2024 on a textile park in "
    "Kashgar, adding 30 million yuan for housing.\n",
)


def _places(text: str) -> list[Mention]:
    taken: list[Mention] = []
    for name in sorted(PLACES, key=len, reverse=True):  # longest first: 喀什地区 before 喀什
        for match in re.finditer(re.escape(name), text):
            if all(match.end() <= m.start or m.end <= match.start() for m in taken):
                taken.append(
                    Mention(MentionKind.PLACE, match.start(), match.end(), name, data={"name": name})
                )
    return sorted(taken, key=lambda m: m.start)


def stub_extract(text: str, published: object = None) -> Extraction:
    """Mentions and one candidate record per amount, from fixed tables."""
    amounts = [
        Mention(
            MentionKind.AMOUNT,
            m.start(),
            m.end(),
            m.group(0),
            value=Decimal(m.group(1)) * UNITS[m.group(2)],
            currency="CNY",
            qualifier=Qualifier.EXACT,
        )
        for m in AMOUNT.finditer(text)
    ]
    places = _places(text)
    years = [
        Mention(
            MentionKind.YEAR,
            m.start(),
            m.end(),
            m.group(0),
            data={"start": int(m.group(0)), "end": int(m.group(0))},
        )
        for m in YEAR.finditer(text)
    ]
    counts = [
        Mention(
            MentionKind.COUNT,
            m.start(),
            m.end(),
            m.group(0),
            value=Decimal(m.group(1)),
            what=COUNT_WHAT[m.group(2)],
        )
        for m in COUNT.finditer(text)
    ]
    records = []
    donor = places[0] if places else None
    recipient = next((p for p in places if donor is not None and p.text != donor.text), None)
    year = years[0] if years else None
    for amount in amounts:
        evidence: dict[str, list[Span]] = {"amount": [amount.span]}
        for name, mention in (("donor", donor), ("recipient", recipient), ("year", year)):
            if mention is not None:
                evidence[name] = [mention.span]
        records.append(
            CandidateRecord(
                donor=donor.text if donor else None,
                recipient=recipient.text if recipient else None,
                year_start=int(year.text) if year else None,
                year_end=int(year.text) if year else None,
                amounts=[
                    CandidateAmount(
                        text=amount.text,
                        value=amount.value,
                        currency="CNY",
                        qualifier=Qualifier.EXACT,
                        kind=AmountKind.COMMITTED,
                        span=amount.span,
                    )
                ],
                evidence=evidence,
            )
        )
    mentions = sorted([*amounts, *places, *years, *counts], key=lambda m: (m.start, m.end))
    return Extraction(mentions=mentions, records=records)
