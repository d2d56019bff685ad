"""JSON and JSON Lines files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from aidcurator.ingest import IngestError, read_bytes


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def test_list_of_articles_with_aliases_and_metadata() -> None:
    data = _json(
        [
            {
                "headline": "Bridge opens",
                "BODY": "The bridge cost 9 million yuan.",
                "Publisher": "Daily",
                "published_at": "2025-03-04T10:00:00Z",
                "link": "https://e.org/b",
                "tags": ["aid", "bridge"],
                "id": 7,
            },
            {"标题": "新桥通车", "正文": "新桥投资九百万元。", "来源": "日报", "日期": "2025年3月5日"},
        ]
    )
    first, second = read_bytes(data, "news.json")
    assert (first.title, first.text, first.source, first.url) == (
        "Bridge opens",
        "The bridge cost 9 million yuan.",
        "Daily",
        "https://e.org/b",
    )
    assert first.published == dt.date(2025, 3, 4)
    assert first.metadata == {"tags": ["aid", "bridge"], "id": 7}
    assert first.language == "en"
    assert first.origin_position == "item 1"
    assert (second.title, second.text, second.source, second.published) == (
        "新桥通车",
        "新桥投资九百万元。",
        "日报",
        dt.date(2025, 3, 5),
    )
    assert second.language == "zh"
    assert second.origin_position == "item 2"
    assert second.origin_file == "news.json"


def test_articles_object() -> None:
    data = _json({"query": "aid", "articles": [{"text": "One."}, {"content": "Two."}]})
    drafts = read_bytes(data, "a.json")
    assert [d.text for d in drafts] == ["One.", "Two."]
    assert [d.title for d in drafts] == ["One.", "Two."]


def test_single_object() -> None:
    (draft,) = read_bytes(_json({"text": "Line one\r\nLine two", "lang": "EN", "source": "Wire"}), "one.json")
    assert draft.text == "Line one\nLine two"
    assert draft.title == "Line one"
    assert draft.language == "en"
    assert draft.origin_position is None


def test_given_language_is_kept() -> None:
    (draft,) = read_bytes(_json({"text": "援疆", "language": "zh-Hant"}), "l.json")
    assert draft.language == "zh-hant"


def test_best_alias_wins_and_others_go_to_metadata() -> None:
    (draft,) = read_bytes(
        _json({"content": "second choice", "text": "first choice", "date": "2025-01-02"}), "x.json"
    )
    assert draft.text == "first choice"
    assert draft.metadata == {"content": "second choice"}
    assert draft.published == dt.date(2025, 1, 2)


def test_blank_alias_falls_back_to_next() -> None:
    (draft,) = read_bytes(_json({"text": "  ", "body": "real text", "title": ""}), "x.json")
    assert draft.text == "real text"
    assert draft.title == "real text"
    assert draft.metadata == {}


def test_unparseable_date_is_kept_raw() -> None:
    (draft,) = read_bytes(_json({"text": "Body.", "published": "sometime in spring"}), "d.json")
    assert draft.published is None
    assert draft.metadata["published_raw"] == "sometime in spring"


def test_truncated_json_fails_with_position() -> None:
    data = b'[\n  {"text": "one"},\n  {"text": "two"'
    with pytest.raises(IngestError) as caught:
        read_bytes(data, "a.json")
    assert caught.value.path == "a.json"
    assert caught.value.reason == "malformed JSON at line 3 column 17: Expecting ',' delimiter"


def test_item_without_text_fails_whole_file() -> None:
    data = _json([{"text": "fine"}, {"title": "no body"}])
    with pytest.raises(IngestError) as caught:
        read_bytes(data, "a.json")
    assert str(caught.value) == "a.json: item 2: no text key/value"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ([{"text": "ok"}, "just a string"], "item 2: not a JSON object"),
        ([], "no articles in the JSON list"),
        (42, "expected a JSON object or a list of article objects"),
        ({"title": "t"}, "no text key/value"),
        ({"text": ["a", "b"]}, "text key 'text' is not a string"),
    ],
)
def test_invalid_documents(value: object, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_bytes(_json(value), "bad.json")
    assert caught.value.reason == reason


def test_jsonl_with_blank_lines() -> None:
    data = '{"text": "first"}\n\n{"text": "第二篇文章", "title": "二"}\n'.encode()
    first, second = read_bytes(data, "feed.jsonl")
    assert (first.text, first.origin_position) == ("first", "line 1")
    assert (second.title, second.origin_position, second.language) == ("二", "line 3", "zh")


def test_jsonl_bad_line_fails() -> None:
    data = b'{"text": "first"}\n{"text": "second"}\n{"text": \n'
    with pytest.raises(IngestError) as caught:
        read_bytes(data, "feed.jsonl")
    assert str(caught.value) == "feed.jsonl: line 3: malformed JSON at column 10: Expecting value"


def test_json_lines_in_a_json_file_are_read() -> None:
    drafts = read_bytes(b'{"text": "a"}\n{"text": "b"}\n', "lines.json")
    assert [(d.text, d.origin_position) for d in drafts] == [("a", "line 1"), ("b", "line 2")]


def test_json_in_utf16() -> None:
    (draft,) = read_bytes(json.dumps({"text": "援疆资金"}, ensure_ascii=False).encode("utf-16"), "u.json")
    assert draft.text == "援疆资金"
