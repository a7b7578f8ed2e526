"""The chart on paper: few pages, the paper turned to suit, nothing in the header cut short."""

from __future__ import annotations

import datetime as dt

from export_helpers import flat, pdf_text_pages
from pypdf import PdfReader

from orgdesigner.cli import main
from orgdesigner.core.io import load
from orgdesigner.export import export_chart
from orgdesigner.resources_path import examples

WHEN = dt.date(2026, 12, 6)


def sto():
    return load(next(p for p in examples() if p.name == "product-sto.orgd"))


def pages(path) -> int:
    return len(PdfReader(str(path)).pages)


def sizes(path) -> list[tuple[int, int]]:
    reader = PdfReader(str(path))
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]


def test_the_65_person_example_takes_fewer_a4_pages(tmp_path):
    doc = sto()
    people = tmp_path / "people.pdf"
    export_chart(doc, people, when=WHEN)
    # five before (a contents page for four pages of branches), then four; now branches
    # continued from one page share a page where they fit
    assert pages(people) <= 3
    every = tmp_path / "all.pdf"
    export_chart(doc, every, view=["people", "teams", "functions"], when=WHEN)
    assert pages(every) <= 8  # thirteen before, then nine
    # Every name is still on paper.
    text = " ".join(flat(t) for t in pdf_text_pages(people))
    assert all(flat(p.name) in text for p in doc.people)


def test_the_paper_turns_to_the_chart_unless_told(tmp_path):
    doc = sto()
    teams = tmp_path / "teams.pdf"
    export_chart(doc, teams, view="teams", when=WHEN)
    # The team tree is wide: on a turned page it fits one page at a readable size.
    assert sizes(teams) == [(842, 595)]
    upright = tmp_path / "upright.pdf"
    export_chart(doc, upright, view="teams", landscape=False, when=WHEN)
    assert all(w < h for w, h in sizes(upright))
    turned = tmp_path / "turned.pdf"
    export_chart(doc, turned, view="people", landscape=True, when=WHEN)
    assert all(w > h for w, h in sizes(turned))


def test_titles_and_dates_are_never_cut_short(tmp_path):
    doc = sto()
    doc.name = "Product development after the spring reorganisation - single-threaded owners"
    out = tmp_path / "people.pdf"
    export_chart(doc, out, when=WHEN)
    texts = [flat(t) for t in pdf_text_pages(out)]
    assert len(texts) > 1
    for text in texts:
        assert doc.name in text
        assert "People view · 2026-12-06" in text
        assert "single-threaded o…" not in text and "2…" not in text


def test_finding_badges_are_printed_only_when_asked(tmp_path, capsys):
    src = str(next(p for p in examples() if p.name == "product-sto.orgd"))
    plain = tmp_path / "plain.pdf"
    marked = tmp_path / "marked.pdf"
    assert main(["export", src, "--to", str(plain)]) == 0
    assert main(["export", src, "--to", str(marked), "--with-findings"]) == 0
    plain_text = " ".join(flat(t) for t in pdf_text_pages(plain))
    marked_text = " ".join(flat(t) for t in pdf_text_pages(marked))
    assert "findings (how many)" not in plain_text
    # On people: the principal engineers' info findings (the warning is about a team).
    assert "info findings (how many)" in marked_text
    assert "warning findings (how many)" not in marked_text
    assert marked_text.count("i 1") >= 3
    teams = tmp_path / "teams.pdf"
    assert main(["export", src, "--to", str(teams), "--view", "teams", "--with-findings"]) == 0
    teams_text = " ".join(flat(t) for t in pdf_text_pages(teams))
    assert "warning findings (how many)" in teams_text and "! 1" in teams_text
