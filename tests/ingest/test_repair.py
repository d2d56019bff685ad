"""A few bad bytes are replaced by U+FFFD with a warning on every draft; garbage is still refused."""

from __future__ import annotations

import codecs
import json
import random

import pytest

from aidcurator.ingest import DecodedText, IngestError, decode_bytes, decode_text, read_bytes

SIMPLIFIED = (
    "对口支援新疆工作会议在乌鲁木齐召开\n"
    "会议指出，今年计划实施援助项目一百二十个，安排资金三亿元，重点用于教育、医疗和就业。\n"
    "各援助省市要坚持把保障和改善民生放在优先位置，让各族群众有更多获得感。\n"
)
TRADITIONAL = (
    "援助計畫說明會昨日在臺中舉行\n"
    "主辦單位表示，今年將投入經費三億元，興建學校與醫療站，預計受益民眾超過一萬人。\n"
    "與會代表認為，長期合作可以讓地方產業持續發展。\n"
)
ENGLISH = "Hunan plans 102 aid projects in Turpan this year — schools, clinics and roads.\n" * 3
FFFD = "\ufffd"


def _warning(count: int, label: str) -> str:
    if count == 1:
        return f"1 byte that is not valid {label} was replaced"
    return f"{count} bytes that are not valid {label} were replaced"


def _insert(text: str, encoding: str, junk: bytes, *positions: int) -> bytes:
    """``text`` encoded, with ``junk`` inserted before each of the characters at ``positions``."""
    pieces, start = [], 0
    for position in sorted(positions):
        pieces += [text[start:position].encode(encoding), junk]
        start = position
    return b"".join([*pieces, text[start:].encode(encoding)])


# --- cut in the middle of a character --------------------------------------------------------


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_cut_in_the_middle_of_a_character(cut: int) -> None:
    data = SIMPLIFIED.rstrip("\n").encode("utf-8")[:-cut]  # the last character is 3 bytes
    decoded = decode_bytes(data, "cut.txt")
    assert decoded.text == SIMPLIFIED.rstrip("\n")[:-1] + FFFD
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 3 - cut)
    assert decoded.warnings == [_warning(3 - cut, "UTF-8")]


def test_utf8_with_bom_cut_in_the_middle_of_a_character() -> None:
    data = codecs.BOM_UTF8 + SIMPLIFIED.rstrip("\n").encode("utf-8")[:-2]
    decoded = decode_bytes(data)
    assert decoded.text == SIMPLIFIED.rstrip("\n")[:-1] + FFFD
    assert decoded.warnings == [_warning(1, "UTF-8")]


def test_ascii_text_cut_inside_a_dash() -> None:
    text = "Aid report — "
    data = ("Aid projects in Turpan\n" + text).encode("utf-8")[:-2]  # "—" loses its last byte
    decoded = decode_bytes(data)
    assert decoded.text == "Aid projects in Turpan\nAid report " + FFFD
    assert decoded.warnings == [_warning(2, "UTF-8")]


def test_gb18030_cut_in_the_middle_of_a_character() -> None:
    data = SIMPLIFIED.rstrip("\n").encode("gb18030")[:-1]
    decoded = decode_bytes(data)
    assert decoded.text == SIMPLIFIED.rstrip("\n")[:-1] + FFFD
    assert (decoded.encoding, decoded.warnings) == ("gb18030", [_warning(1, "GB18030")])


def test_gb18030_four_byte_character_cut() -> None:
    text = "生僻字䶮与援助名单中的𠀀"
    decoded = decode_bytes(text.encode("gb18030")[:-2])
    assert decoded.text == text[:-1] + FFFD
    assert decoded.warnings == [_warning(2, "GB18030")]


def test_big5_cut_in_the_middle_of_a_character() -> None:
    data = TRADITIONAL.rstrip("\n").encode("big5")[:-1]
    decoded = decode_bytes(data)
    assert decoded.text == TRADITIONAL.rstrip("\n")[:-1] + FFFD
    assert decoded.warnings == [_warning(1, "Big5")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_cut_in_the_middle_of_a_code_unit(encoding: str) -> None:
    text = "Aid report 援疆项目 and more text after it.\n"
    data = text.encode(encoding)[:-1]
    decoded = decode_bytes(data)
    assert decoded.text == text[:-1] + FFFD
    assert decoded.warnings == [_warning(1, "UTF-16")]


def test_utf16_cut_between_the_halves_of_a_surrogate_pair() -> None:
    text = "Aid report 援疆 𠀀"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")[:-2]
    decoded = decode_bytes(data)
    assert decoded.text == text[:-1] + FFFD
    assert decoded.warnings == [_warning(2, "UTF-16")]


# --- a few bad bytes inside ------------------------------------------------------------------


def test_a_few_invalid_bytes_in_utf8() -> None:
    text = SIMPLIFIED * 4  # 1,100 bytes: up to 11 may be bad
    decoded = decode_bytes(_insert(text, "utf-8", b"\xff", 0, 50, 100), "broken.txt")
    assert decoded.text == FFFD + text[:50] + FFFD + text[50:100] + FFFD + text[100:]
    assert decoded.warnings == [_warning(3, "UTF-8")]


def test_more_than_one_percent_bad_bytes_is_refused() -> None:
    data = _insert(SIMPLIFIED, "utf-8", b"\xff", 0, 50, 100)  # 3 of 290 bytes
    with pytest.raises(IngestError, match="not a text file"):
        decode_bytes(data, "broken.txt")


def test_invalid_bytes_in_english_utf8_with_other_non_ascii() -> None:
    text = "The “Pomegranate” project cost €3 million. " * 5
    data = _insert(text, "utf-8", b"\x81", 4)
    decoded = decode_bytes(data)
    assert decoded.text == text[:4] + FFFD + text[4:]
    assert decoded.warnings == [_warning(1, "UTF-8")]


def test_a_few_invalid_bytes_in_gb18030() -> None:
    text = SIMPLIFIED * 3
    decoded = decode_bytes(_insert(text, "gb18030", b"\xff", 34, 68))
    assert decoded.encoding == "gb18030"
    assert decoded.text == text[:34] + FFFD + text[34:68] + FFFD + text[68:]
    assert decoded.warnings == [_warning(2, "GB18030")]


def test_a_few_invalid_bytes_in_big5() -> None:
    text = TRADITIONAL * 2
    decoded = decode_bytes(_insert(text, "big5", b"\xff", 30))
    assert decoded.encoding in ("big5", "cp950")
    assert decoded.text == text[:30] + FFFD + text[30:]
    assert decoded.warnings == [_warning(1, "Big5")]


def test_lone_surrogate_in_utf16() -> None:
    data = codecs.BOM_UTF16_LE + _insert(ENGLISH, "utf-16-le", b"\x00\xd8", 4)
    decoded = decode_bytes(data)
    assert decoded.text == ENGLISH[:4] + FFFD + ENGLISH[4:]
    assert decoded.warnings == [_warning(2, "UTF-16")]


def test_declared_html_charset_is_repaired() -> None:
    page = (
        '<html><head><meta charset="gb2312"><title>援疆新闻</title></head>'
        "<body><p>南京援建的第三中学今日开学。</p></body></html>"
    )
    data = page.encode("gb18030")
    position = data.index("今日".encode("gb18030"))
    (draft,) = read_bytes(data[:position] + b"\xff" + data[position:], "page.html")
    assert draft.title == "援疆新闻"
    assert draft.text == "南京援建的第三中学" + FFFD + "今日开学。"
    assert draft.warnings == [_warning(1, "GB18030")]


# --- every draft of the file carries the warning -----------------------------------------------


def test_plain_text_draft_gets_the_warning() -> None:
    (draft,) = read_bytes(SIMPLIFIED.encode("utf-8")[:-2], "cut.txt")  # "\n" and a byte of "。"
    assert draft.text == SIMPLIFIED[:-2] + FFFD
    assert draft.warnings == [_warning(2, "UTF-8")]
    assert draft.language == "zh"
    assert draft.title == "对口支援新疆工作会议在乌鲁木齐召开"


def test_every_digest_article_gets_the_warning() -> None:
    digest = (
        "南京援建学校开学\nJin Ling Wan Bao· 2025-09-01 08:30\n南京援建的第三中学今日开学。\n"
        "苏州医院新楼启用\nGu Su Ri Bao • 2025-08-15\n苏州援建的人民医院新楼正式启用。\n"
    )
    drafts = read_bytes(digest.encode("gb18030")[:-2], "digest.txt")  # "\n" and a byte of "。"
    assert [d.title for d in drafts] == ["南京援建学校开学", "苏州医院新楼启用"]
    assert all(d.warnings == [_warning(1, "GB18030")] for d in drafts)


def test_json_goes_through_the_same_repair() -> None:
    data = json.dumps([{"title": "援疆", "text": SIMPLIFIED}, {"text": "第二篇文章。"}], ensure_ascii=False)
    raw = data.encode("utf-8")
    position = raw.index("今年".encode())
    drafts = read_bytes(raw[:position] + b"\xfe\xfe" + raw[position:], "a.json")
    assert FFFD + FFFD + "今年" in drafts[0].text
    assert [d.warnings for d in drafts] == [[_warning(2, "UTF-8")]] * 2


def test_jsonl_goes_through_the_same_repair() -> None:
    lines = [json.dumps({"text": text}, ensure_ascii=False) for text in (SIMPLIFIED, TRADITIONAL)]
    data = "\n".join(lines).encode("utf-8")
    position = data.index("主辦".encode())
    drafts = read_bytes(data[:position] + b"\xc0" + data[position:], "a.jsonl")
    assert drafts[1].text.startswith("援助計畫說明會昨日在臺中舉行\n" + FFFD + "主辦")
    assert [d.warnings for d in drafts] == [[_warning(1, "UTF-8")]] * 2


def test_csv_goes_through_the_same_repair() -> None:
    rows = "title,text\n援疆学校,南京援建的第三中学今日开学。\n援疆医院,苏州援建的人民医院新楼正式启用"
    drafts = read_bytes(rows.encode("gb18030")[:-1], "a.csv")
    assert drafts[1].text == "苏州援建的人民医院新楼正式启" + FFFD
    assert [d.warnings for d in drafts] == [[_warning(1, "GB18030")]] * 2


def test_clean_files_have_no_warnings() -> None:
    for data, name in [
        (SIMPLIFIED.encode("utf-8"), "a.txt"),
        (SIMPLIFIED.encode("gb18030"), "b.txt"),
        (TRADITIONAL.encode("big5"), "c.md"),
        (ENGLISH.encode("utf-16"), "d.txt"),
        (json.dumps({"text": SIMPLIFIED}).encode(), "e.json"),
    ]:
        assert all(draft.warnings == [] for draft in read_bytes(data, name))
    assert decode_bytes(ENGLISH.encode()) == DecodedText(ENGLISH, "utf-8", 0)


def test_decode_text_returns_the_repaired_text() -> None:
    assert decode_text(SIMPLIFIED.encode("utf-8")[:-2]) == SIMPLIFIED[:-2] + FFFD


# --- still refused ---------------------------------------------------------------------------


@pytest.mark.parametrize("share", [0.05, 0.3])
def test_mostly_broken_utf8_is_refused(share: float) -> None:
    rng = random.Random(12)
    data = bytearray((SIMPLIFIED * 4).encode("utf-8"))
    for index in rng.sample(range(len(data)), int(len(data) * share)):
        data[index] = rng.randrange(1, 256)
    with pytest.raises(IngestError, match=r"^x\.txt: not a text file \("):
        decode_bytes(bytes(data), "x.txt")


def test_text_followed_by_random_bytes_is_refused() -> None:
    data = "援疆新闻\n".encode() + bytes(b for b in random.Random(5).randbytes(2000) if b)
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, "x.txt")
    assert caught.value.reason == "not a text file (could not detect the encoding)"


def test_bom_followed_by_garbage_keeps_its_message() -> None:
    data = codecs.BOM_UTF8 + bytes(b for b in random.Random(9).randbytes(600) if b)
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, "x.txt")
    assert caught.value.reason == "not a text file (invalid UTF-8-SIG data)"


def test_utf16_with_many_bad_units_is_binary() -> None:
    data = "援疆 aid report\n".encode("utf-16-le") + b"\x00\xd8" * 20
    with pytest.raises(IngestError) as caught:
        decode_bytes(data, "x.txt")
    assert caught.value.reason == "not a text file (binary data)"


def test_windows_1252_with_few_high_bytes_is_not_taken_for_broken_utf8() -> None:
    text = ENGLISH.replace("—", "-") * 10 + "Café naïve “quoted” résumé.\n"
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded == DecodedText(text, "cp1252", 0)


def test_gbk_english_with_a_few_chinese_words_is_not_taken_for_broken_utf8() -> None:
    text = ENGLISH.replace("—", "-") * 8 + "The programme is called 援疆 in Chinese.\n"
    assert decode_bytes(text.encode("gb18030")) == DecodedText(text, "gb18030", 0)
