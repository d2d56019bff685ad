"""The article list's search finds simplified and traditional spellings of what was typed."""

import sqlalchemy as sa

from aidcurator.domain import ArticleDraft
from aidcurator.domain.views import ArticleQuery
from aidcurator.store import listing, read_session, write_session
from aidcurator.store import repository as repo
from aidcurator.store.search import MAX_SPELLINGS, shared_part, spellings

# Texts written for this test.
ARTICLES = {
    "simplified": ("对口援疆资金到位", "江苏今年安排对口援疆资金2亿元，支持学校建设。"),
    "traditional": ("對口援疆資金到位", "江蘇今年安排對口援疆資金2億元，支持學校建設。"),
    "tibet simplified": ("援藏项目开工", "上海援藏项目今年开工，总投资1亿元。"),
    "tibet traditional": ("援藏項目開工", "上海援藏項目今年開工，總投資1億元。"),
    "english": ("Aid to Kashgar", "Shanghai allocated funds; 100% of them went to schools."),
}


def _fill(engine: sa.Engine) -> dict[str, int]:
    ids = {}
    with write_session(engine) as session:
        for name, (title, text) in ARTICLES.items():
            draft = ArticleDraft(text=text, title=title, source="报社", language="zh")
            ids[name] = repo.add_article(session, draft=draft, content_hash=f"hash-{name}")
    return ids


def _found(engine: sa.Engine, search: str) -> set[int]:
    with read_session(engine) as session:
        rows = listing.article_page(session, query=ArticleQuery(search=search), limit=100)
        progress = listing.article_progress(session, query=ArticleQuery(search=search))
    assert progress[1] == len(rows)
    return {row.id for row in rows}


def test_simplified_search_finds_traditional_articles_and_the_other_way_round(engine: sa.Engine) -> None:
    ids = _fill(engine)
    both = {ids["simplified"], ids["traditional"]}
    assert _found(engine, "资金") == both
    assert _found(engine, "資金") == both
    assert _found(engine, "对口援疆资金") == both  # in the titles and the texts
    assert _found(engine, "對口援疆資金") == both
    assert _found(engine, "江苏") == both
    assert _found(engine, "援藏项目") == {ids["tibet simplified"], ids["tibet traditional"]}
    assert _found(engine, "援藏項目") == {ids["tibet simplified"], ids["tibet traditional"]}
    assert _found(engine, "援疆") == both  # no other form: one pattern, as before


def test_other_searches_are_unchanged(engine: sa.Engine) -> None:
    ids = _fill(engine)
    assert _found(engine, "kashgar") == {ids["english"]}  # ASCII stays case-insensitive
    assert _found(engine, "100%") == {ids["english"]}  # % is literal
    assert _found(engine, "1_0") == set()  # _ is literal
    assert _found(engine, "资金援藏") == set()


def test_article_in_list_follows_the_search(engine: sa.Engine) -> None:
    ids = _fill(engine)
    with read_session(engine) as session:
        assert listing.article_in_list(
            session, query=ArticleQuery(search="資金"), article_id=ids["simplified"]
        )
        assert not listing.article_in_list(
            session, query=ArticleQuery(search="援藏"), article_id=ids["simplified"]
        )
        assert not listing.article_in_list(session, query=ArticleQuery(), article_id=999)


def test_spellings_are_few_and_start_with_the_typed_text() -> None:
    assert spellings("Aksu") == ["Aksu"]
    assert spellings("援疆") == ["援疆"]
    assert spellings("资金") == ["资金", "資金"]
    assert spellings("資金") == ["資金", "资金"]
    many = spellings("里面的后台系统发展干部")
    assert many[0] == "里面的后台系统发展干部"
    assert many[1] == "裏面的後臺系統發展幹部"  # every character in its most common traditional form
    assert len(many) == MAX_SPELLINGS == len(set(many))


def test_a_part_all_spellings_share_is_looked_for_first() -> None:
    assert shared_part(spellings("對口援疆")) == "口援疆"
    assert shared_part(["资金", "資金"]) == "金"
    assert shared_part(["援疆"]) == "援疆"
