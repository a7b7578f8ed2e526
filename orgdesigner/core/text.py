"""Text helpers shared by every part of the program."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, fallback: str = "") -> str:
    """An ID or file name made from text: lower case, accents dropped, runs of other
    characters as ``-``, at most 60 characters; ``fallback`` when nothing is left."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    s = re.sub(r"[\W_]+", "-", plain.casefold()).strip("-")
    return s[:60].strip("-") or fallback
