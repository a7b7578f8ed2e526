"""Fonts for the exports: the bundled DejaVu Sans, a CJK fallback, measuring and wrapping.

The PDF embeds DejaVu Sans (a subset), so names in Latin, Greek, Cyrillic,
Hebrew and Arabic scripts print exactly as typed on any machine. DejaVu has
no CJK glyphs: runs of Chinese, Japanese or Korean characters use a CJK
TrueType font of the system when there is one (found by fontconfig or in the
usual places, see :func:`cjk_font_file`; Debian's ``fonts-wqy-microhei`` is
one), embedded as a subset like DejaVu, so they print on any reader. A CJK
font with PostScript outlines (Noto Sans CJK) cannot be embedded by
reportlab; without a usable one, the runs use reportlab's built-in CID fonts
``STSong-Light`` (Korean: ``HYSMyeongJo-Medium``), which are not embedded:
the text stays real, searchable text, drawn by the reader's own CJK font
(Acrobat fetches one on demand; poppler needs its ``poppler-data`` package,
and without it shows those names blank). SVG leaves the choice to the
viewer's font fallback. For PNG the system CJK font is used when there is
one; otherwise those characters show as boxes.

PDF and PNG draw glyphs in the order given, so :func:`printable` prepares
their text: right-to-left runs (Hebrew, Arabic) are put in reading order by
the Unicode bidirectional algorithm (python-bidi) and Arabic letters take
their joined forms (arabic-reshaper); a character no font here has (most
emoji) is replaced by one U+FFFD per run instead of an empty box, and
invisible joiners and variation selectors are dropped. SVG keeps the logical
text: browsers do all of this themselves. The ToUnicode map reportlab writes
for an embedded font is corrected for characters beyond U+FFFF (an emoji
DejaVu draws), so copying the text gives the character back.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from orgdesigner.core import card_look
from orgdesigner.resources_path import resource

REGULAR = "OrgDejaVuSans"
BOLD = "OrgDejaVuSans-Bold"
CJK = "STSong-Light"
HANGUL = "HYSMyeongJo-Medium"
SYSTEM_CJK = "OrgSystemCJK"
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
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    _registered = True


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of an embedded subset, right for every code point.

    reportlab writes each code point as four hex digits, which is wrong past
    U+FFFF (``<1F600>``): the PDF format wants UTF-16BE, a surrogate pair there.
    """
    entries = [
        f"<{i:02X}> <{chr(cp).encode('utf-16-be').hex().upper()}>" for i, cp in enumerate(subset)
    ]
    blocks = []
    for start in range(0, len(entries), 100):  # at most 100 entries per block
        chunk = entries[start : start + 100]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


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


@functools.cache
def _system_cjk_chars() -> frozenset[int]:
    """The characters of the system CJK font, registered for PDFs; empty when there is none."""
    register()
    for path in _cjk_candidates():
        try:
            font = TTFont(SYSTEM_CJK, str(path), subfontIndex=0)
        except Exception:  # PostScript outlines, a broken file: try the next one
            continue
        pdfmetrics.registerFont(font)
        return frozenset(font.face.charToGlyph)
    return frozenset()


def fallback_font(ch: str) -> str | None:
    """The font to use for ``ch`` when DejaVu lacks it (system CJK, else CID), or None."""
    cp = ord(ch)
    if cp < 0x2E80 or cp in _dejavu_chars():
        return None
    if _is_hangul(cp) or _is_cjk(cp):
        if cp in _system_cjk_chars():
            return SYSTEM_CJK
        return HANGUL if _is_hangul(cp) else CJK
    return None


# -- text as PDF and PNG draw it -------------------------------------------------

_RTL_FIRST = "\u0590"


def _is_rtl(cp: int) -> bool:
    return 0x0590 <= cp <= 0x08FF or 0xFB1D <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF


def _is_arabic(cp: int) -> bool:
    return 0x0600 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF


def _invisible(ch: str) -> bool:
    """Joiners, direction marks, variation selectors, skin tones, tags: nothing to draw."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
        or 0x1F3FB <= cp <= 0x1F3FF
    )


@functools.lru_cache(maxsize=8192)
def printable(text: str) -> str:
    """``text`` as PDF and PNG must draw it (see the module docstring); ASCII text as it is."""
    if not text or max(text) < _RTL_FIRST:
        return text
    codes = [ord(ch) for ch in text]
    if any(_is_rtl(cp) for cp in codes):
        from bidi import get_display

        if any(_is_arabic(cp) for cp in codes):
            import arabic_reshaper  # type: ignore[import-untyped]

            text = arabic_reshaper.reshape(text)
        text = get_display(text)
    have = _dejavu_chars()
    out: list[str] = []
    replaced = False
    for ch in text:
        if ord(ch) in have and not _invisible(ch) or fallback_font(ch):
            out.append(ch)
            replaced = False
        elif _invisible(ch):
            continue
        else:
            # A joined form DejaVu lacks reads as its letter; anything else as one mark.
            plain = unicodedata.normalize("NFKC", ch)
            if plain != ch and all(ord(c) in have for c in plain):
                out.append(plain)
                replaced = False
            elif not replaced:
                out.append("\ufffd")
                replaced = True
    return "".join(out)


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
    # One max() (C speed) tells most text apart: below U+0590 nothing is
    # reordered, replaced or drawn with a fallback font.
    if not text or max(text) < _RTL_FIRST:
        return pdfmetrics.stringWidth(text, main, size)
    text = printable(text)
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


def _fontconfig_cjk() -> list[str]:
    """CJK font files fontconfig knows of, TrueType outlines first; [] without fontconfig."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "file", "fontformat"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in sorted(out.splitlines()):
        path, _, fmt = line.partition(":")
        if path.lower().endswith((".ttc", ".ttf", ".otf")):
            found.append((0 if "TrueType" in fmt else 1, path.strip()))
    return [path for _, path in sorted(found)]


def _cjk_candidates() -> Iterator[Path]:
    """CJK font files of this system, best first: the override, the usual places, fontconfig."""
    override = os.environ.get("ORGDESIGNER_CJK_FONT")
    candidates = ((override,) if override else ()) + _CJK_CANDIDATES
    for candidate in (*candidates, *_fontconfig_cjk()):
        if candidate and Path(candidate).is_file():
            yield Path(candidate)
    if sys.platform.startswith("linux"):
        for folder in (Path("/usr/share/fonts"), Path.home() / ".local/share/fonts"):
            if folder.is_dir():
                for path in sorted(folder.rglob("*CJK*")):
                    if path.suffix.lower() in (".ttc", ".otf", ".ttf"):
                        yield path


@functools.cache
def cjk_font_file() -> Path | None:
    """A CJK font installed on this system, for PNG output; None if there is none."""
    return next(_cjk_candidates(), None)
