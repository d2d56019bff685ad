"""iter_input_files, read_file, read_bytes dispatch and IngestError."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from aidcurator.ingest import SUPPORTED_SUFFIXES, IngestError, iter_input_files, read_bytes, read_file


def _write(path: Path, content: str | bytes = "Title\nBody text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv")


def test_folders_are_expanded_recursively_and_sorted(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for relative in [
        "b.txt",
        "a.csv",
        "sub/z.json",
        "sub/deeper/c.HTML",
        "a_dir/x.md",
        "image.png",
        "notes.docx",
    ]:
        _write(root / relative)
    for hidden in [".hidden.txt", ".git/config.txt", "sub/.cache/d.txt", "~$lock.csv"]:
        _write(root / hidden)
    files = iter_input_files([root])
    assert [f.relative_to(root).as_posix() for f in files] == [
        "a.csv",
        "b.txt",
        "a_dir/x.md",
        "sub/z.json",
        "sub/deeper/c.HTML",
    ]


def test_explicit_files_are_kept_in_order_and_once(tmp_path: Path) -> None:
    other = _write(tmp_path / "report.pdf", b"%PDF-1.4")
    text = _write(tmp_path / "in" / "a.txt")
    files = iter_input_files([str(other), tmp_path / "in", text])
    assert files == [other, text]


def test_missing_path_fails(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError) as caught:
        iter_input_files([missing])
    assert str(caught.value) == f"{missing}: no such file or folder"


def test_read_file_sets_origin(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", "Road built\n\nA 12 km road was built.\n")
    (draft,) = read_file(path)
    assert draft.origin_file == str(path)
    assert draft.title == "Road built"
    assert draft.text == "Road built\n\nA 12 km road was built.\n"
    assert draft.language == "en"


def test_read_file_on_unsupported_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path / "report.pdf", b"%PDF-1.4")
    with pytest.raises(IngestError) as caught:
        read_file(path)
    assert (
        caught.value.reason
        == "unsupported file type '.pdf' (supported: .txt, .md, .html, .htm, .json, .jsonl, .csv)"
    )


def test_read_file_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="is a folder"):
        read_file(tmp_path)


def test_random_bytes_file_fails(tmp_path: Path) -> None:
    path = _write(tmp_path / "notes.txt", random.Random(7).randbytes(1000))
    with pytest.raises(IngestError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path}: not a text file (binary data)"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".jsonl", ".csv"])
def test_empty_file_fails_in_every_format(tmp_path: Path, suffix: str) -> None:
    path = _write(tmp_path / f"empty{suffix}", b"")
    with pytest.raises(IngestError) as caught:
        read_file(path)
    assert caught.value.reason == "file is empty"


def test_stdin_name_is_text() -> None:
    (draft,) = read_bytes("援疆新闻\n正文内容。".encode("gb18030"), "-")
    assert (draft.title, draft.origin_file, draft.language) == ("援疆新闻", "-", "zh")


def test_suffix_is_case_insensitive() -> None:
    (draft,) = read_bytes(b'{"text": "x"}', "UPPER.JSON")
    assert draft.text == "x"


def test_name_without_suffix_fails() -> None:
    with pytest.raises(IngestError, match="unsupported file type without a suffix"):
        read_bytes(b"text", "README")


def test_ingest_error_message_and_pickle() -> None:
    error = IngestError("a.json", "malformed JSON at line 3 column 5: Expecting ','")
    assert (error.path, error.reason) == ("a.json", "malformed JSON at line 3 column 5: Expecting ','")
    assert str(error) == "a.json: malformed JSON at line 3 column 5: Expecting ','"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy)) == (error.path, error.reason, str(error))
    assert str(IngestError("x.txt", "two\nlines")) == "x.txt: two lines"


def test_a_file_reached_through_links_or_twice_is_listed_once(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "inner").mkdir(parents=True)
    (folder / "inner" / "a.txt").write_text("a", encoding="utf-8")
    (folder / "b.txt").write_text("b", encoding="utf-8")
    (folder / "c.txt").symlink_to(folder / "inner" / "a.txt")  # a link to a file listed as well
    (tmp_path / "again").symlink_to(folder)  # the folder under another name
    files = iter_input_files([folder, tmp_path / "again", folder / "inner" / ".." / "b.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["news/b.txt", "news/c.txt"]
