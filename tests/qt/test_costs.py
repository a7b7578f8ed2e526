"""Costs in the app: the figures panel, the inspector, team cards, cost-band colours and the
compare window follow the edits that change a cost."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from orgdesigner.core import io, ops  # noqa: E402
from orgdesigner.qt.document import DocumentController  # noqa: E402


def priced(doc):
    """The test org with costs: Carla 250k, Ann 150k, L1 engineers budgeted at 90k."""
    doc.currency = "EUR"
    doc.person("cto").cost = 250000
    doc.person("ann").cost = 150000
    for role in doc.roles:
        if role.id == "eng":  # the test org's roles share one ladder: give eng its own
            role.levels = [lv.model_copy() for lv in role.levels]
            role.levels[0].cost = 90000
    doc.team("t-pay").budget = 400000
    doc.forget_index()
    return doc


@pytest.fixture
def controller(org_doc):
    return DocumentController(priced(org_doc))


def test_figures_panel_shows_the_cost_and_follows_a_cost_edit(qtbot, controller):
    from orgdesigner.qt.figures_panel import FiguresPanel

    panel = FiguresPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    # Carla 250k + Ann 150k + Bob, Cy, Eve at the L1 budget (90k each); Pia, Pat, Dan unknown.
    assert panel.cost.value("total") == "670,000 *"
    assert panel.cost.rows["total"].toolTip().startswith("3 of 8 positions have no cost")
    assert panel.cost.value("function.engineering") == "670,000 *"
    assert panel.cost.value("function.product") == "\u2013"
    controller.do(ops.set_person_cost(controller.doc, "pia", 100000))
    QApplication.processEvents()
    assert panel.cost.value("total") == "770,000 *"
    assert panel.cost.rows["total"].toolTip().startswith("2 of 8 positions have no cost")
    assert panel.cost.value("function.product") == "100,000 *"
    controller.undo_stack.undo()
    QApplication.processEvents()
    assert panel.cost.value("total") == "670,000 *"


def test_inspector_reads_out_a_persons_line_and_a_teams_budget(qtbot, controller):
    from orgdesigner.qt.inspector import Inspector

    inspector = Inspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    controller.select(["ann"])
    QApplication.processEvents()
    form = inspector.current_form()
    text = form.cost.text()
    assert text.startswith("150,000 EUR")
    # Ann, Bob, Cy (90k each) and Pat (no cost): her whole line.
    assert "Whole reporting line (4 positions): 330,000 EUR (1 without a cost)" in text
    controller.select(["bob"])
    QApplication.processEvents()
    assert inspector.current_form().cost.text() == "90,000 EUR (the ladder level's budgeted cost)"
    controller.select(["t-pay"])
    QApplication.processEvents()
    text = inspector.current_form().cost.text()
    assert text.startswith("330,000 EUR (1 without a cost)")
    assert "Budget 400,000 EUR, 70,000 EUR left" in text
    controller.do(ops.set_team_budget(controller.doc, "t-pay", 300000))
    QApplication.processEvents()
    assert "over by 30,000 EUR" in inspector.current_form().cost.text()


def test_no_costs_no_cost_section(qtbot, org_doc):
    from orgdesigner.qt.inspector import Inspector

    c = DocumentController(org_doc)
    inspector = Inspector(c)
    qtbot.addWidget(inspector)
    inspector.show()
    c.select(["ann"])
    QApplication.processEvents()
    assert not inspector.current_form().cost.isVisible()


def test_team_cards_carry_their_cost_and_cards_colour_by_cost_band(window, tmp_path):
    doc = priced(window.controller.doc)
    path = tmp_path / "priced.orgd"
    io.save(doc, path)
    assert window.open_path(str(path))
    window.set_view("teams")
    QApplication.processEvents()
    pay = window.scene.cards["t-pay"].card
    assert pay.lines[-1].endswith("Cost 330k EUR of 400k EUR budget")
    window.controller.do(ops.set_person_cost(window.controller.doc, "pat", 70000))
    QApplication.processEvents()
    assert window.scene.cards["t-pay"].card.lines[-1].endswith("Cost 400k EUR of 400k EUR budget")

    window.set_view("people")
    window.set_colour_mode("cost")
    QApplication.processEvents()
    cards = window.scene.cards
    cheap, dear, unknown = (cards[i].band_colour().name() for i in ("pat", "cto", "dan"))
    assert len({cheap, dear, unknown}) == 3
    assert unknown == "#9ca3af"
    assert window.legend.title == "Colour: Cost band"
    assert any("No cost known" in label for _k, _c, label in window.legend.entries)
    # A cost edit recolours: Dan becomes the most expensive.
    window.controller.do(ops.set_person_cost(window.controller.doc, "dan", 900000))
    QApplication.processEvents()
    assert cards["dan"].band_colour().name() == dear


def test_compare_window_shows_cost_of_a_b_and_the_change(qtbot, tmp_path, org_doc):
    from orgdesigner.qt.compare import CompareWindow

    a = priced(org_doc)
    io.save(a, tmp_path / "a.orgd")
    b = io.load(tmp_path / "a.orgd")
    b.person("cto").cost = 270000
    io.save(b, tmp_path / "b.orgd")
    win = CompareWindow(str(tmp_path / "a.orgd"), str(tmp_path / "b.orgd"))
    qtbot.addWidget(win)
    win.show()
    QApplication.processEvents()
    rows = win.cost_view.row_texts()
    assert rows[0] == ["Total", "670k EUR", "690k EUR", "+20k EUR"]
    names = [r[0].strip() for r in rows]
    assert "By team" in names and "By function" in names
    top = next(r for r in rows if r[0].strip() == "Product Development")
    assert top[3] == "+20k EUR"
    payments = next(r for r in rows if r[0].strip() == "Payments")
    assert payments[1:] == ["330k EUR", "330k EUR", "0 EUR"]
    # The report leaves costs out unless the box is ticked.
    from pypdf import PdfReader

    def text_of(path) -> str:
        return " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)

    plain, with_cost = tmp_path / "plain.pdf", tmp_path / "cost.pdf"
    assert win.export_report(plain)
    win.cost_view.include.setChecked(True)
    assert win.export_report(with_cost)
    assert "By function" not in text_of(plain)
    assert "By function" in text_of(with_cost)


def test_export_dialog_writes_decks_and_word_and_costs_only_when_ticked(window, tmp_path):
    from docx import Document as Word
    from pptx import Presentation

    from orgdesigner.qt.export_dialog import ExportDialog

    doc = priced(window.controller.doc)
    path = tmp_path / "priced.orgd"
    io.save(doc, path)
    assert window.open_path(str(path))

    def deck_text(p) -> str:
        out = []
        for slide in Presentation(str(p)).slides:
            for shape in slide.shapes:
                inner = shape.shapes if shape.shape_type == 6 else [shape]
                out += [s.text_frame.text for s in inner if s.has_text_frame]
        return "\n".join(out)

    dlg = ExportDialog("chart", window.controller, window)
    dlg.path_edit.setText(str(tmp_path / "chart.pptx"))
    assert dlg.format_box.currentData() == ".pptx"
    assert not dlg.page_box.isEnabled()  # slides have their own size
    assert dlg.export(), dlg.note.text()
    assert "Carla Diaz" in deck_text(tmp_path / "chart.pptx")
    assert "EUR" not in deck_text(tmp_path / "chart.pptx")
    dlg.with_cost.setChecked(True)
    assert dlg.export(), dlg.note.text()
    assert "Cost 250k EUR" in deck_text(tmp_path / "chart.pptx")
    dlg.deleteLater()

    dlg = ExportDialog("roles", window.controller, window)
    dlg.path_edit.setText(str(tmp_path / "roles.docx"))
    assert dlg.format_box.currentData() == ".docx"
    assert dlg.export(), dlg.note.text()
    word = Word(str(tmp_path / "roles.docx"))
    assert any(p.style.name == "Heading 2" and p.text == "CTO" for p in word.paragraphs)
    dlg.deleteLater()
