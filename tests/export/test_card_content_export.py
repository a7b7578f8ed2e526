"""Exports print what the canvas's cards say: level and grade, reports and headcounts,
open positions by role, with users' text kept as typed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from export_helpers import flat, pdf_text_pages

from orgdesigner.core.model import Grade
from orgdesigner.export import export_chart

SVG = "{http://www.w3.org/2000/svg}"
GRADE = '<i>Sr</i>&"'


def svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()  # raises if the file is not well-formed XML
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def with_grades(org):
    org.grades = [Grade(id="g1", name="Junior"), Grade(id="g2", name=GRADE)]
    swe = next(r for r in org.roles if r.id == "swe")
    swe.levels[1].grade = "g2"  # E2
    org.forget_index()
    return org


def test_svg_cards_carry_level_grade_reports_and_open_roles(org, tmp_path):
    out = tmp_path / "people.svg"
    export_chart(with_grades(org), out)
    texts = svg_texts(out)
    # Fay is an E2 engineer, whose level has a grade named with markup: printed as typed.
    assert f"Software Engineer \u00b7 E2 \u00b7 {GRADE}" in texts
    assert "Engineering Manager \u00b7 M1" in texts
    assert "5 reports" in texts  # Dan's reports, no one further down
    assert "2 reports \u00b7 10 people \u00b7 1 open" in texts  # Ada: everyone below
    assert "Open: Software Engineer" in texts
    assert "Level E1" in texts  # the open position's level, not its role again


def test_svg_shows_no_grade_when_the_document_has_none(org, tmp_path):
    org = with_grades(org)
    org.grades = []  # the ladder still names g2, but there is no scale to read it on
    out = tmp_path / "people.svg"
    export_chart(org, out)
    texts = svg_texts(out)
    assert "Software Engineer \u00b7 E2" in texts
    assert not any("Sr" in t for t in texts)


def test_pdf_cards_carry_the_same_content(org, tmp_path):
    out = tmp_path / "people.pdf"
    export_chart(with_grades(org), out)
    text = " ".join(flat(t) for t in pdf_text_pages(out))
    assert GRADE in text  # markup-looking text is not read as markup
    assert "2 reports \u00b7 10 people \u00b7 1 open" in text
    assert "Open: Software Engineer" in text
    teams = tmp_path / "teams.pdf"
    export_chart(org, teams, view="teams")
    text = " ".join(flat(t) for t in pdf_text_pages(teams))
    assert "3 people \u00b7 11 with sub-teams" in text
    heads = tmp_path / "functions.pdf"
    export_chart(org, heads, view="functions")
    assert "Ben Tech \u00b7 7 people" in " ".join(flat(t) for t in pdf_text_pages(heads))
