"""Read article files (text, Markdown, news digests, HTML, JSON, JSON Lines, CSV) into ArticleDraft.

Public API: ``iter_input_files`` lists the files of the paths a user gave, ``read_file`` and
``read_bytes`` turn one input into drafts (all of them or an ``IngestError``),
``decode_text`` and ``detect_language`` are the encoding and language helpers they use
(``decode_bytes`` also reports how many bad bytes were replaced by U+FFFD).
"""

from __future__ import annotations

from aidcurator.ingest.encoding import DecodedText, decode_bytes, decode_text
from aidcurator.ingest.errors import IngestError
from aidcurator.ingest.files import SUPPORTED_SUFFIXES, iter_input_files, read_bytes, read_file
from aidcurator.ingest.language import detect_language

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DecodedText",
    "IngestError",
    "decode_bytes",
    "decode_text",
    "detect_language",
    "iter_input_files",
    "read_bytes",
    "read_file",
]
