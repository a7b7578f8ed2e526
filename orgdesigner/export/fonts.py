"""Fonts for the exports: the bundled DejaVu Sans, a CJK fallback, measuring and wrapping.

The PDF embeds DejaVu Sans (a subset), so names in Latin, Greek and Cyrillic
scripts print exactly as typed on any machine. DejaVu has no CJK glyphs: runs
of Chinese or Japanese characters use reportlab's built-in CID font
``STSong-Light`` (Korean: ``HYSMyeongJo-Medium``). Those are not embedded: the
text stays real, searchable text, and the reader's own CJK font draws it
(Acrobat fetches one on demand; poppler needs its ``poppler-data`` package).
SVG leaves the choice to the viewer's font fallback. For PNG a CJK font is
used when the system has one (see ``cjk_font_file``); otherwise those
characters show as boxes.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from orgdesigner.core import card_look
from orgdesigner.resources_path import resource

REGULAR = "OrgDejaVuSans"
BOLD = "OrgDejaVuSans-Bold"
CJK = "STSong-Light"
HANGUL = "HYSMyeongJo-Medium"
SVG_FAMILY = "'DejaVu Sans', Verdana, 'Noto Sans', 'Noto Sans CJK SC', sans-serif"

_registered = False


def font_file(bold: bool = False) -> Path:
    """The bundled TrueType file of the regular or bold face."""
    return resource("fonts", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def register() -> None:
    """Register the fonts with reportlab once per process."""
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(font_file(False))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_file(True))))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    for cid in (CJK, HANGUL):
        pdfmetrics.registerFont(UnicodeCIDFont(cid))
    _registered = True


def face(bold: bool = False) -> str:
    """The reportlab font name of the regular or bold face (registering it first)."""
    register()
    return BOLD if bold else REGULAR


@functools.cache
def _dejavu_chars() -> frozenset[int]:
    register()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)


def _is_hangul(cp: int) -> bool:
    return 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F


def _is_cjk(cp: int) -> bool:
    return (
        0x2E80 <= cp <= 0x9FFF  # radicals, punctuation, kana, CJK ideographs
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x2FA1F
    )


def fallback_font(ch: str) -> str | None:
    """The CID font to use for ``ch`` when DejaVu lacks it, or None."""
    cp = ord(ch)
    if cp < 0x2E80 or cp in _dejavu_chars():
        return None
    if _is_hangul(cp):
        return HANGUL
    if _is_cjk(cp):
        return CJK
    return None


def runs(text: str, bold: bool = False) -> Iterator[tuple[str, str]]:
    """Split ``text`` into (segment, reportlab font name) runs."""
    main = face(bold)
    if not has_fallback(text):
        yield text, main
        return
    current = main
    start = 0
    for i, ch in enumerate(text):
        font = fallback_font(ch) or main
        if font != current:
            if i > start:
                yield text[start:i], current
            current, start = font, i
    if start < len(text):
        yield text[start:], current


def has_fallback(text: str) -> bool:
    """Whether ``text`` needs a CJK fallback run."""
    # Most text has no character at or above U+2E80; max() finds out at C speed.
    return bool(text) and max(text) >= "\u2e80" and any(fallback_font(ch) for ch in text)


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points at ``size``."""
    main = BOLD if bold else REGULAR
    if not _registered:
        register()
    if not has_fallback(text):
        return pdfmetrics.stringWidth(text, main, size)
    return sum(pdfmetrics.stringWidth(seg, font, size) for seg, font in runs(text, bold))


ELLIPSIS = card_look.ELLIPSIS


def _measure(text: str, size: float, bold: bool) -> float:
    return width(text, size, bold)


@functools.lru_cache(maxsize=4096)
def ellipsize(text: str, size: float, max_width: float, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so it fits ``max_width`` (measured in the PDF fonts)."""
    return card_look.ellipsize(text, size, max_width, _measure, bold)


def wrap(
    text: str, size: float, max_width: float, *, bold: bool = False, max_lines: int | None = None
) -> list[str]:
    """Lines of ``text`` that each fit ``max_width``; the last is ellipsized past ``max_lines``."""
    return card_look.wrap(text, size, max_width, _measure, bold=bold, max_lines=max_lines)


# -- raster fonts (PNG) --------------------------------------------------------

_CJK_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)


@functools.cache
def cjk_font_file() -> Path | None:
    """A CJK font installed on this system, for PNG output; None if there is none."""
    override = os.environ.get("ORGDESIGNER_CJK_FONT")
    candidates = ((override,) if override else ()) + _CJK_CANDIDATES
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    if sys.platform.startswith("linux"):
        for folder in (Path("/usr/share/fonts"), Path.home() / ".local/share/fonts"):
            if folder.is_dir():
                for path in sorted(folder.rglob("*CJK*")):
                    if path.suffix.lower() in (".ttc", ".otf", ".ttf"):
                        return path
    return None
