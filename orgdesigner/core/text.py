"""Text helpers shared by every part of the program: slugs and terminal-safe text.

Users' text on its way to a terminal is shown, never obeyed. A name with an
escape sequence could recolour, clear or retitle a terminal and a BEL rings it.
The document model already removes control characters from every text it takes
in (:mod:`orgdesigner.core.model`); :func:`for_terminal` is the last guard for
what the command line prints, whatever its source (a file name, a message):
each control character other than a line break is shown as a ``\\u001b``-style
escape, which is also valid inside a JSON string.
"""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def for_terminal(text: str) -> str:
    """``text`` with every control character but ``\\n`` shown as ``\\uXXXX``."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def slug(text: str, fallback: str = "") -> str:
    """An ID or file name made from text: lower case, accents dropped, runs of other
    characters as ``-``, at most 60 characters; ``fallback`` when nothing is left."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    s = re.sub(r"[\W_]+", "-", plain.casefold()).strip("-")
    return s[:60].strip("-") or fallback
