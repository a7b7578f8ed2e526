"""Costs appear in exports and reports only when asked for: salaries are private."""

from __future__ import annotations

from export_helpers import flat, pdf_text_pages, small_org
from test_office import slide_texts

from orgdesigner.cli import main
from orgdesigner.core import io


def priced_org():
    doc = small_org()
    doc.currency = "EUR"
    doc.people[1].cost = 210000  # Ben Tech
    for role in doc.roles:
        if role.id == "swe":
            role.levels[0].cost = 81000  # E1
    doc.teams[1].budget = 500000
    doc.forget_index()
    return doc


def _save(tmp_path, doc, name="org.orgd"):
    path = tmp_path / name
    io.save(doc, path, backup=False)
    return str(path)


def test_chart_shows_costs_only_with_the_flag(tmp_path):
    src = _save(tmp_path, priced_org())
    plain, priced = tmp_path / "plain.pptx", tmp_path / "priced.pptx"
    assert main(["export", src, "--to", str(plain)]) == 0
    assert main(["export", src, "--to", str(priced), "--with-cost"]) == 0
    plain_text = "\n".join(t for s in slide_texts(plain) for t in s)
    priced_text = "\n".join(t for s in slide_texts(priced) for t in s)
    assert "EUR" not in plain_text and "210" not in plain_text
    assert "Cost 210k EUR" in priced_text  # Ben Tech's own cost
    assert "Cost 81k EUR" in priced_text  # an E1 engineer's budgeted level cost
    # Teams view: the team with its sub-teams, against its budget.
    teams = tmp_path / "teams.pdf"
    assert main(["export", src, "--to", str(teams), "--view", "teams", "--with-cost"]) == 0
    assert "of 500k EUR budget" in flat(" ".join(pdf_text_pages(teams)))


def test_roles_report_and_comparison_with_and_without_cost(tmp_path):
    doc = priced_org()
    src = _save(tmp_path, doc)
    for suffix in (".md", ".pdf", ".docx"):
        plain, priced = tmp_path / f"r{suffix}", tmp_path / f"rc{suffix}"
        assert main(["roles", src, "--to", str(plain)]) == 0
        assert main(["roles", src, "--to", str(priced), "--with-cost"]) == 0
        if suffix == ".md":
            a, b = plain.read_text(), priced.read_text()
        elif suffix == ".pdf":
            a, b = (flat(" ".join(pdf_text_pages(p))) for p in (plain, priced))
        else:
            from docx import Document as Word

            a, b = (
                "\n".join(c.text for t in Word(str(p)).tables for r in t.rows for c in r.cells)
                for p in (plain, priced)
            )
        assert "Budgeted cost" not in a and "81,000" not in a, suffix
        assert "Budgeted cost" in b and "81,000 EUR" in b, suffix

    plain, priced = tmp_path / "f.pdf", tmp_path / "fc.pdf"
    assert main(["report", src, "--to", str(plain)]) == 0
    assert main(["report", src, "--to", str(priced), "--with-cost"]) == 0
    assert "EUR" not in flat(" ".join(pdf_text_pages(plain)))
    text = flat(" ".join(pdf_text_pages(priced)))
    assert "Cost: 453,000 EUR" in text  # 210k + three E1 positions at 81k, the vacancy included

    b = priced_org()
    b.people[1].cost = 230000
    other = _save(tmp_path, b, "b.orgd")
    plain, priced = tmp_path / "d.pdf", tmp_path / "dc.pdf"
    assert main(["diff", src, other, "--to", str(plain)]) == 0
    assert main(["diff", src, other, "--to", str(priced), "--with-cost"]) == 0
    plain_text = flat(" ".join(pdf_text_pages(plain)))
    assert "By function" not in plain_text
    # A change of salary alone is not listed either: the report would name it.
    assert "230000" not in plain_text and "230,000" not in plain_text
    assert "Changes: none." in plain_text
    text = flat(" ".join(pdf_text_pages(priced)))
    assert "By team" in text and "By function" in text
    assert "453,000 EUR 473,000 EUR +20,000 EUR" in text
    assert "230000" in text or "230,000" in text  # asked for: the change is listed
