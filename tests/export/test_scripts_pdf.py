"""Names in every script print in PDF (and PNG): in reading order, joined, never blank."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from export_helpers import pdf_text_pages as pdf_text

from orgdesigner.core.model import Document, Person, Role
from orgdesigner.export import export_chart, export_roles, fonts

HEBREW = "\u05d3\u05d5\u05d3 \u05dc\u05d5\u05d9"  # David Levi, as typed (logical order)
HEBREW_SHOWN = "\u05d9\u05d5\u05dc \u05d3\u05d5\u05d3"  # left to right on the page
ARABIC = "\u0645\u062d\u0645\u062f \u0639\u0644\u064a"  # Muhammad Ali
# Joined (initial, medial, final forms), left to right on the page.
ARABIC_SHOWN = "\ufef2\ufee0\ufecb \ufeaa\ufee4\ufea4\ufee3"
SMILE = "Zo\u00eb \U0001f600 Smith"  # DejaVu draws this emoji
CODER = "Ivan \U0001f469\u200d\U0001f4bb"  # a joined emoji no font here draws
CJK = ["\u738b\u5c0f\u660e", "\u5c71\u7530\u592a\u90ce", "\uae40\ubbfc\uc900"]


def test_right_to_left_names_are_put_in_reading_order_and_joined():
    assert fonts.printable(HEBREW) == HEBREW_SHOWN
    assert fonts.printable(ARABIC) == ARABIC_SHOWN
    assert fonts.printable(f"Ann ({HEBREW})") == f"Ann ({HEBREW_SHOWN})"
    assert fonts.printable("Plain ASCII") == "Plain ASCII"


def test_characters_no_font_has_are_replaced_once_and_joiners_dropped():
    assert fonts.printable(SMILE) == SMILE
    assert fonts.printable(CODER) == "Ivan \ufffd"
    assert fonts.printable("A\U0001f600\U0001f3fd B") == "A\U0001f600 B"  # the skin tone goes


def test_tounicode_map_is_utf16_past_the_basic_plane():
    cmap = fonts.to_unicode_cmap("F", [0x41, 0x1F600])
    assert "<00> <0041>" in cmap and "<01> <D83DDE00>" in cmap


def scripts_doc() -> Document:
    doc = Document.new("Scripts")
    names = ["Ann Lee", HEBREW, ARABIC, SMILE, CODER, *CJK]
    doc.people = [
        Person(id=f"p{i}", name=n, manager=None if i == 0 else "p0") for i, n in enumerate(names)
    ]
    return doc


def read_back(path) -> str:
    """The text a reader copies: right-to-left runs are turned back into typing order."""
    return unicodedata.normalize("NFKC", "\n".join(pdf_text(path)))


def test_chart_pdf_text_reads_back_every_name(tmp_path):
    path = tmp_path / "chart.pdf"
    export_chart(scripts_doc(), path)
    text = read_back(path)
    assert SMILE in text  # the emoji's ToUnicode entry is right
    assert "Ivan \ufffd" in text
    # Drawn left to right in reading order, so a reader copies them as typed.
    assert HEBREW in text
    assert ARABIC in text
    assert ARABIC_SHOWN in "\n".join(pdf_text(path))[::-1]  # joined forms on the page


def test_role_document_prints_right_to_left_titles_in_reading_order(tmp_path):
    doc = Document.new("Roles")
    doc.roles = [Role(id="r1", title=HEBREW, purpose=ARABIC)]
    path = tmp_path / "roles.pdf"
    export_roles(doc, path)
    text = read_back(path)
    assert HEBREW in text and ARABIC in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.skipif(
    not fonts._system_cjk_chars(),
    reason="no CJK TrueType font on this system (Debian: fonts-wqy-microhei); the PDF "
    "then names reportlab's CID fonts, which a reader without CJK fonts shows blank",
)
def test_cjk_names_are_embedded_so_any_reader_draws_them(tmp_path):
    path = tmp_path / "chart.pdf"
    export_chart(scripts_doc(), path)
    # poppler without its CJK language pack extracts (and draws) nothing for CID
    # fonts; with the names embedded, it reads them back.
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    for name in CJK:
        assert name in out


def test_png_draws_the_prepared_text_as_given_like_the_pdf():
    # With Pillow's raqm layout, text already in reading order would be reversed again.
    from PIL import ImageFont

    from orgdesigner.export.draw import _pil_font

    assert _pil_font(fonts.REGULAR, 12.0).layout_engine == ImageFont.Layout.BASIC
