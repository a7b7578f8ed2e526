"""The inspector's Version 2 rows: service teams, cost, budget, currency, grade, leader load."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from v2_helpers import graded_org

from orgdesigner.core import io
from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.figures_panel import FiguresPanel
from orgdesigner.qt.inspector import Inspector


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(graded_org())


@pytest.fixture
def inspector(qtbot, controller) -> Inspector:
    widget = Inspector(controller)
    qtbot.addWidget(widget)
    widget.resize(400, 900)
    widget.show()
    return widget


def unwaived(controller: DocumentController, rule: str) -> list:
    return [f for f in controller.report.by_rule(rule) if not f.waived]


def pick_model(form, value: str | None) -> None:
    row = form.model.findData(value)
    form.model.setCurrentIndex(row)
    form.model.activated.emit(row)


def test_a_team_becomes_a_service_team_and_picks_the_teams_it_serves(inspector, controller, qtbot):
    before = io.dumps(controller.doc)
    controller.select(["t-id"])
    form = inspector.team_form
    assert form.labels["serves"].isHidden()  # an STO team serves nobody
    pick_model(form, "service")
    assert controller.doc.team("t-id").model == "service"
    assert not form.labels["serves"].isHidden()
    assert form.rows["serves"].hint.text() == "Serves no team yet"
    # Both service teams serve nobody yet (and Identity has no owner either).
    assert {f.subjects[0] for f in unwaived(controller, "SERVICE-SCOPE")} == {"t-id", "t-studio"}

    picker = form.extras[0].serves.picker
    edit = picker.lineEdit()
    qtbot.keyClicks(edit, "Payments")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert controller.doc.team("t-id").serves == ["t-pay"]
    assert controller.undo_stack.undoText() == "Identity serves Payments"
    served = form.extras[0].serves.list
    assert [served.item(i).text() for i in range(served.count())] == ["Payments"]

    # Unticking a served team stops the arrangement.
    served.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert controller.doc.team("t-id").serves == []
    assert controller.undo_stack.undoText() == "Identity stops serving Payments"
    controller.undo_stack.undo()
    assert controller.doc.team("t-id").serves == ["t-pay"]

    # Back to STO: it serves nobody any more, in the same step.
    pick_model(form, "sto")
    assert (controller.doc.team("t-id").model, controller.doc.team("t-id").serves) == ("sto", [])
    assert form.labels["serves"].isHidden()
    controller.undo_stack.undo()
    assert controller.doc.team("t-id").serves == ["t-pay"]
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
    assert io.dumps(controller.doc) == before


def test_a_person_cost_is_typed_as_people_write_it(inspector, controller):
    controller.select(["bob"])
    form = inspector.person_form
    cost = form.extras[0].cost
    # Bob is an L2 engineer: the ladder's cost is the default.
    assert cost.text() == ""
    assert cost.placeholderText() == "100,000 from the ladder"
    assert form.extras[0].grade.text() == "Senior (level L2 of Software Engineer)"
    cost.setText("152,500")
    cost.editingFinished.emit()
    assert controller.doc.person("bob").cost == 152_500
    assert controller.undo_stack.undoText() == "Set the cost of Bob Baker to 152,500"
    assert cost.text() == "152,500"
    cost.setText("-5")
    cost.editingFinished.emit()
    assert form.rows["cost"].error.text() == "An amount is 0 or more"
    assert controller.doc.person("bob").cost == 152_500
    cost.setText("")
    cost.editingFinished.emit()
    assert controller.doc.person("bob").cost is None
    assert controller.undo_stack.undoText() == "Clear the cost of Bob Baker"


def test_several_people_get_one_cost_in_one_step(inspector, controller):
    controller.select(["bob", "cy"])
    cost = inspector.person_form.extras[0].cost
    cost.setText("90k")
    cost.editingFinished.emit()
    assert [controller.doc.person(i).cost for i in ("bob", "cy")] == [90_000, 90_000]
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Set the cost of 2 people to 90,000"


def test_a_team_budget_shows_what_the_team_costs_against_it(inspector, controller):
    controller.select(["t-pay"])
    form = inspector.team_form
    budget = form.extras[0].budget
    budget.setText("50k")
    budget.editingFinished.emit()
    assert controller.doc.team("t-pay").budget == 50_000
    assert controller.undo_stack.undoText() == "Set the budget of Payments to 50,000"
    # Bob's ladder level costs 100,000: over the budget, and the inspector says so.
    over = unwaived(controller, "TEAM-BUDGET")
    assert [list(f.subjects) for f in over] == [["t-pay"]]
    assert form.rows["budget"].hint.text() == over[0].message
    budget.setText("1m")
    budget.editingFinished.emit()
    assert not unwaived(controller, "TEAM-BUDGET")
    assert form.rows["budget"].hint.text().startswith("Within budget")


def test_the_currency_is_a_three_letter_code(inspector, controller):
    form = inspector.document_form
    edit = form.extras[0].currency
    edit.setText("E1R")
    edit.editingFinished.emit()
    assert "three letters" in form.rows["currency"].error.text()
    assert controller.doc.currency == ""
    edit.setText("eur")
    edit.editingFinished.emit()
    assert controller.doc.currency == "EUR"
    assert controller.undo_stack.undoText() == "Count costs in EUR"
    controller.select(["bob"])
    assert inspector.person_form.rows["cost"].hint.text() == "In EUR"


def test_leader_load_in_the_inspector_and_the_figures(inspector, controller, qtbot):
    figures = FiguresPanel(controller)
    qtbot.addWidget(figures)
    figures.show()
    controller.select(["ann"])
    text = inspector.person_form.extras[0].load_label.text()
    assert text.startswith("4 (limit 15): 4 direct reports, 0 more coached")
    section = figures.leader_load
    assert section.highest()[0] == ("ann", 4)
    assert section.over.text() == "0"

    doc = controller.doc
    rules = doc.rules.model_copy(deep=True)
    rules.params.leader_load_max = 3
    from orgdesigner.core import ops

    controller.do(ops.SetRules(rules))
    assert section.over.text() == "1"
    assert section.over_label.text() == "Above the limit (3)"
    assert "above it" in inspector.person_form.extras[0].load_label.text()
    name, value = section.rows[0]
    assert "4 direct reports" in name.toolTip()
    name.linkActivated.emit("person:ann")
    assert controller.selection == ["ann"]


def test_a_served_team_names_the_service_teams_that_serve_it(inspector, controller):
    from orgdesigner.core import ops

    controller.select(["t-pay"])
    form = inspector.team_form
    assert form.labels["served_by"].isHidden()
    controller.do(ops.serve(controller.doc, "t-studio", "t-pay"))
    assert not form.labels["served_by"].isHidden()
    assert form.extras[0].served_by.text() == "Studio"
