"""PowerPoint charts, Word role definitions and the report command, read back as a user's
office suite reads them (python-pptx, python-docx)."""

from __future__ import annotations

import re

import pytest
from export_helpers import CJK_NAME, TRICKY, flat, pdf_text_pages, small_org
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from orgdesigner.cli import main
from orgdesigner.core import io
from orgdesigner.core.generate import generate
from orgdesigner.export import ExportError, export_chart, export_roles
from orgdesigner.export.roles_doc import collect

HOSTILE = "Ada \u202eChief\u202c <script>x</script> & \x07\x00 \U0001f600 \u0645\u0631\u064a\u0645"
HOSTILE_SHOWN = "Ada \u202eChief\u202c <script>x</script> & \U0001f600 \u0645\u0631\u064a\u0645"


def _shapes(shapes):
    for sh in shapes:
        yield sh
        if sh.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(sh.shapes)


def slide_texts(path) -> list[list[str]]:
    """The text of every shape on each slide, in drawing order."""
    prs = Presentation(str(path))
    return [
        [sh.text_frame.text for sh in _shapes(s.shapes) if sh.has_text_frame and sh.text_frame.text]
        for s in prs.slides
    ]


def card_texts(slide) -> list[str]:
    """The text of each card (a group) on a slide."""
    out = []
    for sh in slide.shapes:
        if sh.shape_type == MSO_SHAPE_TYPE.GROUP:
            out.append(
                "\n".join(
                    s.text_frame.text
                    for s in _shapes(sh.shapes)
                    if s.has_text_frame and s.text_frame.text
                )
            )
    return out


# -- PowerPoint --------------------------------------------------------------------


def test_every_person_is_editable_text_on_a_card(tmp_path):
    doc = small_org()
    doc.people[0].name = HOSTILE
    out = tmp_path / "chart.pptx"
    export_chart(doc, out)
    prs = Presentation(str(out))
    cards = [t for s in prs.slides for t in card_texts(s)]
    names = {flat(t.split("\n")[0]) for t in cards}
    for p in doc.people:
        if not p.vacant:
            shown = HOSTILE_SHOWN if p.name == HOSTILE else p.name
            assert flat(shown) in names, shown
    assert TRICKY in names and CJK_NAME in names
    # Cards are shapes with text, never pictures.
    kinds = {sh.shape_type for s in prs.slides for sh in _shapes(s.shapes)}
    assert MSO_SHAPE_TYPE.PICTURE not in kinds
    assert MSO_SHAPE_TYPE.AUTO_SHAPE in kinds
    # A card holds its role and level, team and reports too, as separate paragraphs.
    ben = next(t for t in cards if t.startswith("Ben Tech"))
    assert ben.split("\n")[1:] == [
        "Chief Technology Officer \u00b7 X1",
        "Leadership",
        "2 reports \u00b7 8 people \u00b7 1 open",
    ]


def test_a_large_chart_is_an_overview_then_a_slide_per_branch(tmp_path):
    doc = generate(300, seed=4)
    out = tmp_path / "big.pptx"
    export_chart(doc, out, view="people")
    prs = Presentation(str(out))
    slides = list(prs.slides)
    texts = slide_texts(out)
    assert len(slides) > 3
    assert any(t.startswith("Overview: the slides of this chart") for t in texts[0])
    for i, slide in enumerate(texts, start=1):
        assert "Legend" in slide, i
        assert f"Slide {i} of {len(slides)}" in slide
    # Everyone is on some slide, on a card.
    on_cards = {flat(t.split("\n")[0]) for s in slides for t in card_texts(s)}
    missing = [p.name for p in doc.people if not p.vacant and flat(p.name) not in on_cards]
    assert not missing
    # "continued on slide N" tabs link to slide N, which starts with that card again.
    tabs = 0
    for slide in slides:
        for sh in _shapes(slide.shapes):
            if not sh.has_text_frame:
                continue
            m = re.fullmatch(r"continued on slides? (\d+)\D*", sh.text_frame.text)
            if not m:
                continue
            tabs += 1
            target = sh.click_action.target_slide
            assert target is not None
            assert slides.index(target) + 1 == int(m.group(1))
            # The target slide names where it continues from.
            assert any(
                "reports to" in t for t in texts[int(m.group(1)) - 1] if t.startswith("\u25b4")
            )
    assert tabs > 0


def test_both_views_in_one_deck_and_bad_targets(tmp_path):
    doc = small_org()
    out = tmp_path / "both.pptx"
    export_chart(doc, out, view=["people", "functions"])
    texts = slide_texts(out)
    assert len(texts) >= 2
    assert any("People view" in t for t in texts[0])
    assert any("Functions view" in t for s in texts for t in s)
    with pytest.raises(ExportError, match=r"\.pptx"):
        export_chart(doc, tmp_path / "chart.key")


def test_export_command_writes_a_deck(tmp_path, capsys):
    src = tmp_path / "org.orgd"
    io.save(small_org(), src, backup=False)
    out = tmp_path / "deck.pptx"
    assert main(["export", str(src), "--to", str(out)]) == 0
    assert "Ben Tech" in "\n".join(t for s in slide_texts(out) for t in s)
    assert main(["export", str(src), "--to", str(tmp_path / "no" / "deck.pptx")]) == 2
    assert "does not exist" in capsys.readouterr().err


# -- Word ---------------------------------------------------------------------------


def _docx(path):
    from docx import Document as WordDocument

    return WordDocument(str(path))


def test_role_document_in_word_has_headings_tables_and_the_pdfs_content(tmp_path):
    doc = small_org()
    doc.roles[0].purpose = HOSTILE + "\nSecond line"
    out = tmp_path / "roles.docx"
    export_roles(doc, out)
    word = _docx(out)
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Head")]
    sections = collect(doc)
    for s in sections:
        assert ("Heading 1", s.name) in headings
        for r in s.roles:
            assert ("Heading 2", r.title) in headings
    body = "\n".join(p.text for p in word.paragraphs)
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    # Ladders and standard owners are tables.
    assert ["Level", "Title", "Expectations", "People"] in [
        [c.text for c in t.rows[0].cells] for t in word.tables
    ]
    assert ["Standard", "Owner"] in [[c.text for c in t.rows[0].cells] for t in word.tables]
    for s in sections:
        for st in s.standards:
            want = f"Missing: {st.owner}" if st.missing else st.owner
            assert want in cells
        for r in s.roles:
            for lv in r.levels:
                assert lv.code in cells
                if lv.expectations:
                    assert lv.expectations in cells
            for item in r.responsibilities:
                assert item in body
    # Hostile text survives as text; control characters are dropped, lines kept.
    assert HOSTILE_SHOWN in flat(body) and "\x07" not in body
    assert "Missing: " in body  # the gaps read as in the PDF
    # The same words as the PDF (which wraps lines and has page furniture).
    pdf = tmp_path / "roles.pdf"
    export_roles(doc, pdf)
    pdf_words = set(flat(" ".join(pdf_text_pages(pdf))).split())
    for word_ in ("Purpose", "Responsibilities", "Vacancies", "Owns", "Hires", "Coaches"):
        assert word_ in pdf_words and word_ in body


def test_roles_command_writes_word(tmp_path):
    src = tmp_path / "org.orgd"
    io.save(small_org(), src, backup=False)
    out = tmp_path / "roles.docx"
    assert main(["roles", str(src), "--to", str(out)]) == 0
    assert any(p.text == "Engineering Manager" for p in _docx(out).paragraphs)


# -- the report command ----------------------------------------------------------------


def test_report_command_writes_the_validation_report(tmp_path, capsys):
    doc = small_org()
    src = tmp_path / "org.orgd"
    io.save(doc, src, backup=False)
    out = tmp_path / "findings.pdf"
    assert main(["report", str(src), "--to", str(out)]) == 0
    text = flat(" ".join(pdf_text_pages(out)))
    assert "Validation report" in text
    from orgdesigner.core.rules import validate

    first = validate(doc).findings[0]
    assert flat(first.message)[:40] in text
    assert main(["report", str(src), "--to", str(tmp_path / "f.txt")]) == 2
    assert main(["report", str(tmp_path / "missing.orgd"), "--to", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unsupported output type" in err and "missing.orgd" in err
