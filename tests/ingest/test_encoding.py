"""decode_text: byte-order marks, UTF-8, Chinese legacy encodings, binary and empty input."""

from __future__ import annotations

import codecs
import random

import pytest

from aidcurator.ingest import IngestError, decode_text

SIMPLIFIED_SHORT = "南京援建学校\n今年投入资金两千万元。"
TRADITIONAL_SHORT = "臺北捐贈醫院\n今年投入經費兩千萬元。"
SIMPLIFIED_LONG = (
    "对口支援新疆工作会议在乌鲁木齐召开\n"
    "会议指出，今年计划实施援助项目一百二十个，安排资金三亿元，重点用于教育、医疗和就业。\n"
    "各援助省市要坚持把保障和改善民生放在优先位置，让各族群众有更多获得感。\n"
)
TRADITIONAL_LONG = (
    "援助計畫說明會昨日在臺中舉行\n"
    "主辦單位表示，今年將投入經費三億元，興建學校與醫療站，預計受益民眾超過一萬人。\n"
    "與會代表認為，長期合作可以讓地方產業持續發展。\n"
)
SHORT_SIMPLIFIED = ["援建学校", "新疆项目资金", "喀什地区医院扩建", "两千万元用于教育", "计划实施援助项目"]
SHORT_TRADITIONAL = ["捐贈醫院", "學校經費", "臺灣新聞報導", "興建醫療站", "兩千萬元用於教育"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_bom_round_trip(encoding: str) -> None:
    text = "Aid report 援疆 𠀀 emoji 🙂 and café\n"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert decode_text(data) == text


def test_utf8_bom_is_removed() -> None:
    assert decode_text(codecs.BOM_UTF8 + "标题\n正文".encode()) == "标题\n正文"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    text = "Hunan plans 102 projects in Turpan this year.\n"
    assert decode_text(text.encode(encoding)) == text


@pytest.mark.parametrize("text", [SIMPLIFIED_SHORT, SIMPLIFIED_LONG, *SHORT_SIMPLIFIED])
@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
def test_simplified_chinese_without_declaration(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)) == text


@pytest.mark.parametrize("text", [TRADITIONAL_SHORT, TRADITIONAL_LONG, *SHORT_TRADITIONAL])
@pytest.mark.parametrize("encoding", ["big5", "cp950"])
def test_traditional_chinese_big5(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)) == text


def test_traditional_text_in_gbk_stays_gbk() -> None:
    # GBK can hold traditional characters too; the decoding must not flip to Big5.
    assert decode_text(TRADITIONAL_SHORT.encode("gbk")) == TRADITIONAL_SHORT


def test_gb18030_four_byte_characters() -> None:
    text = "生僻字䶮与𠀀出现在援助名单中。"
    assert decode_text(text.encode("gb18030")) == text


def test_windows_1252_english() -> None:
    text = "The “Pomegranate” project — naïve café résumé — cost €3 million.\n"
    assert decode_text(text.encode("cp1252")) == text


def test_newlines_are_normalized() -> None:
    assert decode_text(b"line one\r\nline two\rline three\n") == "line one\nline two\nline three\n"


def test_text_is_not_otherwise_altered() -> None:
    text = "　　全角：１２３，ＡＢＣ（援疆）\t tabs  and  spaces \n"
    assert decode_text(text.encode("utf-8")) == text
    assert decode_text(text.encode("gb18030")) == text


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
def test_empty_input(data: bytes) -> None:
    with pytest.raises(IngestError) as caught:
        decode_text(data, "empty.txt")
    assert caught.value.reason == "file is empty"
    assert str(caught.value) == "empty.txt: file is empty"


def test_random_bytes_are_rejected() -> None:
    data = random.Random(20251223).randbytes(4096)
    with pytest.raises(IngestError) as caught:
        decode_text(data, "noise.txt")
    assert str(caught.value) == "noise.txt: not a text file (binary data)"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_without_nul_are_rejected(seed: int) -> None:
    data = bytes(b for b in random.Random(seed).randbytes(2048) if b)
    with pytest.raises(IngestError, match="not a text file"):
        decode_text(data, "noise.txt")


def test_nul_in_utf8_text_is_binary() -> None:
    with pytest.raises(IngestError, match=r"not a text file \(binary data\)"):
        decode_text(b"plain text\x00with a nul byte and more text after it")


def test_control_characters_are_binary() -> None:
    data = bytes(range(1, 9)) * 20 + b"some words"
    with pytest.raises(IngestError, match="not a text file"):
        decode_text(data)


def test_declared_encoding_is_used_when_valid() -> None:
    text = "援疆"  # two characters: too short to tell GBK from Big5 without a declaration
    assert decode_text(text.encode("big5"), declared="big5") == text
    assert decode_text(text.encode("gbk"), declared="gb18030") == text


def test_wrong_declaration_falls_back_to_detection() -> None:
    assert decode_text(SIMPLIFIED_LONG.encode("utf-8"), declared="gb18030") == SIMPLIFIED_LONG
