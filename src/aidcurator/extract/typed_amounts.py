"""Amounts as people type them into the amount box, put in the form the amount reader knows.

``2.14 亿元`` (a space beside a Chinese unit) reads as ``2.14亿元``; a leading minus (``-5亿元``,
full-width ``－`` or the sign ``−``) is taken off and handed back, so that the value can be
negated exactly. Only typed input goes through here: article text is read as it stands.
"""

from __future__ import annotations

import re

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: White space beside a Chinese character (``2.14 亿 元``, ``约 3亿元``).
_SPACE_BY_HAN = re.compile(rf"\s+(?=[{_HAN}])|(?<=[{_HAN}])\s+")
#: A minus sign in front of the number (ASCII, full-width, or the mathematical sign).
_LEADING_MINUS = re.compile(r"^[-－−]\s*(?=[0-9０-９.])")


def normalise_typed_amount(text: str) -> tuple[str, bool]:
    """The typed text as the amount reader expects it, and whether it was negative.

    >>> normalise_typed_amount(" 2.14 亿元 ")
    ('2.14亿元', False)
    >>> normalise_typed_amount("-5亿元")
    ('5亿元', True)
    """
    stripped = text.strip()
    minus = _LEADING_MINUS.match(stripped)
    if minus:
        stripped = stripped[minus.end() :]
    return _SPACE_BY_HAN.sub("", stripped), minus is not None
