"""Three short articles written for the project tests: one hospital's pledge, signing and completion.

The real extractor reads donor China (CHN), recipient Kenya (KEN), a loan of exactly 120 million US
dollars and the statuses pledged, committed and completed from them. Used by the curation, export
and CLI tests of projects.
"""

import datetime as dt

from aidcurator.domain import ArticleDraft

HOSPITAL = (
    (
        "China pledges loan for Kisumu General Hospital",
        dt.date(2021, 3, 1),
        "China pledged a loan of 120 million US dollars to Kenya for the Kisumu General Hospital, "
        "the Chinese ambassador announced in Nairobi on Monday.",
    ),
    (
        "Kisumu General Hospital loan agreement signed",
        dt.date(2021, 9, 10),
        "China and Kenya signed an agreement in Nairobi for a loan of 120 million US dollars to build "
        "the Kisumu General Hospital.",
    ),
    (
        "Kisumu General Hospital completed and handed over",
        dt.date(2022, 11, 20),
        "The Kisumu General Hospital, built with a Chinese loan of 120 million US dollars, was completed "
        "and handed over to Kenya on Friday.",
    ),
)

#: Another project for the same recipient and year: a school, with a different amount and title.
SCHOOL = (
    "China funds Mombasa primary school",
    dt.date(2021, 5, 4),
    "China will provide a grant of 8 million US dollars to Kenya to build a primary school in Mombasa.",
)

#: The hospital's pledge, told of a different recipient (Tanzania): never proposed with Kenya's.
OTHER_RECIPIENT = (
    "China pledges loan for Kisumu General Hospital",
    dt.date(2021, 3, 2),
    "China pledged a loan of 120 million US dollars to Tanzania for the Kisumu General Hospital, "
    "the Chinese ambassador announced in Dodoma on Monday.",
)


def draft(title: str, published: dt.date, body: str) -> ArticleDraft:
    slug = title.lower().replace(" ", "-")
    return ArticleDraft(
        text=f"{title}\n\n{body}",
        title=title,
        published=published,
        url=f"https://news.example.org/{published.isoformat()}/{slug}",
        source="Example News",
        language="en",
    )


def import_articles(curator, articles) -> list[int]:
    """Import each article as its own unit (real or stub extractor); their article ids in order."""
    ids = []
    for title, published, body in articles:
        report = curator.import_drafts([draft(title, published, body)], name=title)
        assert report.ok, report.failures
        ids.extend(report.article_ids)
    return ids


def record_ids(curator, article_ids) -> list[int]:
    return [r.id for a in article_ids for r in curator.records(a)]


#: The same three steps told in Chinese.
HOSPITAL_ZH = (
    (
        "中国承诺贷款建设基苏木总医院",
        dt.date(2021, 3, 1),
        "中国承诺向肯尼亚提供1.2亿美元贷款，用于建设基苏木总医院。",
    ),
    (
        "基苏木总医院贷款协议签署",
        dt.date(2021, 9, 10),
        "中国与肯尼亚在内罗毕签署基苏木总医院贷款协议，贷款金额1.2亿美元。",
    ),
    (
        "基苏木总医院竣工移交",
        dt.date(2022, 11, 20),
        "由中国提供1.2亿美元贷款建设的肯尼亚基苏木总医院日前竣工并移交肯方。",
    ),
)
