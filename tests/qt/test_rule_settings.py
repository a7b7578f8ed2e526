"""Rule settings: switches, severities, parameters and waivers, saved in the document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from workbench_helpers import small_org

from orgdesigner.core import io, ops
from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.rule_settings import RuleSettingsDialog, reset_defaults, set_param


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(small_org())


@pytest.fixture
def dialog(qtbot, controller) -> RuleSettingsDialog:
    dlg = RuleSettingsDialog(controller)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def waive(controller: DocumentController, finding, reason: str) -> bool:
    """Waive a finding for its first subject as the findings panel does: ops.waive, one step."""
    return controller.do(ops.waive(controller.doc, finding.rule, finding.subjects[0], reason))


def unwaived(controller: DocumentController, rule: str) -> list:
    return [f for f in controller.report.by_rule(rule) if not f.waived]


def test_every_rule_is_listed_with_its_explanation(dialog):
    from orgdesigner.core.catalogue import CATALOGUE

    assert set(dialog.items) == {r.id for r in CATALOGUE}
    dialog.select_rule("TEAM-SIZE")
    assert dialog.detail.title.text() == "TEAM-SIZE"
    assert "team_min" in dialog.detail.summary.text()
    assert "too small to own an area" in dialog.detail.why.text()
    assert set(dialog.detail.editors) == {"team_min", "team_max"}


def test_turning_a_rule_off_removes_its_findings(dialog, controller):
    assert unwaived(controller, "ROLE-DEFINITION")
    item = dialog.items["ROLE-DEFINITION"]
    assert item.text(3) == "2"
    item.setCheckState(0, Qt.CheckState.Unchecked)
    assert controller.doc.rules.disabled == ["ROLE-DEFINITION"]
    assert not controller.report.by_rule("ROLE-DEFINITION")
    assert controller.undo_stack.undoText() == "Turn ROLE-DEFINITION off"
    assert item.text(3) == "\u2013"
    controller.undo_stack.undo()
    assert controller.doc.rules.disabled == []
    assert unwaived(controller, "ROLE-DEFINITION")
    assert dialog.items["ROLE-DEFINITION"].checkState(0) == Qt.CheckState.Checked


def test_detail_switch_and_severity(dialog, controller):
    dialog.select_rule("ORG-SPAN")
    detail = dialog.detail
    detail.severity.setCurrentIndex(1 + 0)  # Error
    detail.severity.activated.emit(1)
    assert controller.doc.rules.severity == {"ORG-SPAN": "error"}
    assert [f.severity for f in controller.report.by_rule("ORG-SPAN")] == ["error"]
    assert dialog.items["ORG-SPAN"].text(2) == "Error *"
    detail.enabled.click()
    assert "ORG-SPAN" in controller.doc.rules.disabled
    assert not detail.severity.isEnabled()


def test_a_parameter_changes_the_findings(dialog, controller):
    dialog.select_rule("ORG-SPAN")
    spin, row = dialog.detail.editors["span_min"]
    assert spin.value() == 3
    assert controller.report.by_rule("ORG-SPAN")  # Carla has one direct report
    spin.setValue(1)
    assert controller.doc.rules.params.span_min == 1
    assert not controller.report.by_rule("ORG-SPAN")
    assert controller.undo_stack.undoText() == "Set fewest direct reports to 1"
    assert row.hint.isHidden()
    # Back at the catalogue's default, nothing is written to the file.
    spin.setValue(3)
    assert controller.doc.rules.params.span_min is None
    assert row.hint.text() == "The catalogue's default"


def test_a_grade_parameter_is_picked_from_the_grade_scale(qtbot, controller):
    controller.do(ops.add_grade(controller.doc, "Junior"))
    controller.do(ops.add_grade(controller.doc, "Senior"))
    dlg = RuleSettingsDialog(controller)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.select_rule("STO-OWNER-GRADE")
    combo, _row = dlg.detail.editors["owner_min_grade"]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Off: any grade will do",
        "1. Junior",
        "2. Senior",
    ]
    assert combo.currentIndex() == 0
    combo.activated.emit(2)
    assert controller.doc.rules.params.owner_min_grade == "g2"
    combo.activated.emit(0)
    assert controller.doc.rules.params.owner_min_grade is None  # off is the default
    dlg.select_rule("LEADER-LOAD")
    spin, _row = dlg.detail.editors["leader_load_max"]
    assert spin.value() == 15


def test_a_minimum_above_the_maximum_is_refused(dialog, controller):
    dialog.select_rule("TEAM-SIZE")
    spin, row = dialog.detail.editors["team_min"]
    spin.setValue(12)
    assert "Cannot exceed the largest team (10)" in row.error.text()
    assert controller.doc.rules.params.team_min is None
    assert controller.undo_stack.count() == 0


def test_required_functions_are_ticked(dialog, controller):
    dialog.select_rule("STO-CROSS-FUNCTIONAL")
    checklist, _row = dialog.detail.editors["required_functions"]
    texts = {checklist.item(i).text(): checklist.item(i) for i in range(checklist.count())}
    assert texts["Engineering"].checkState() == Qt.CheckState.Checked
    texts["Product"].setCheckState(Qt.CheckState.Unchecked)
    assert controller.doc.rules.params.required_functions == ["engineering"]


def test_ratios_are_edited_in_a_table(dialog, controller):
    dialog.select_rule("TEAM-RATIO")
    ratios, _row = dialog.detail.editors["ratios"]
    ratios.table.item(0, 2).setText("5")
    assert controller.doc.rules.params.ratios[0].min == 5
    ratios.table.item(0, 3).setText("many")
    assert "not a number" in ratios.error.text()
    assert controller.doc.rules.params.ratios[0].max == 10


def test_adding_a_ratio_beside_an_invalid_row_keeps_the_others(dialog, controller):
    dialog.select_rule("TEAM-RATIO")
    ratios, _row = dialog.detail.editors["ratios"]
    ratios.table.item(0, 2).setText("5")
    before = list(controller.doc.rules.params.ratios)
    assert before
    ratios.table.item(0, 3).setText("many")
    ratios._add()
    assert controller.doc.rules.params.ratios == before
    assert "not a number" in ratios.error.text()


def test_standards_and_extra_standards(dialog, controller):
    dialog.select_rule("FUNC-STANDARDS")
    edit, _row = dialog.detail.editors["standards"]
    edit.setText("leveling, hiring")
    edit.editingFinished.emit()
    assert controller.doc.rules.params.standards == ["leveling", "hiring"]
    table, _row = dialog.detail.editors["function_standards"]
    product_row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Product")
    table.item(product_row, 1).setText("discovery")
    assert controller.doc.rules.params.function_standards == {
        "engineering": ["code_review"],
        "product": ["discovery"],
    }


def test_waive_a_finding_lists_it_as_waived_and_saves_it(dialog, controller, tmp_path):
    finding = next(f for f in controller.report.findings if f.rule == "FUNC-COACH")
    assert waive(controller, finding, "Pat is coached by the CEO for now")
    assert controller.undo_stack.undoText() == "Waive FUNC-COACH for Pat Price"
    waived = [f for f in controller.report.by_rule("FUNC-COACH")]
    assert [f.waived for f in waived] == [True]
    assert controller.report.summary()["waived"] == 1
    assert dialog.waivers.listed() == [
        ("FUNC-COACH", "Pat Price", "Pat is coached by the CEO for now")
    ]
    assert dialog.waivers.table.item(0, 3).text() == "waives 1 finding"

    path = tmp_path / "waived.orgd"
    controller.save(path)
    again = DocumentController()
    again.open(path)
    assert [w.model_dump() for w in again.doc.rules.waivers] == [
        {"rule": "FUNC-COACH", "subject": "pat", "reason": "Pat is coached by the CEO for now"}
    ]
    assert [f.waived for f in again.report.by_rule("FUNC-COACH")] == [True]
    assert '"waivers"' in path.read_text(encoding="utf-8")


def test_waiver_reason_edit_and_removal(dialog, controller):
    finding = next(f for f in controller.report.findings if f.rule == "FUNC-COACH")
    waive(controller, finding, "for now")
    tab = dialog.waivers
    tab.table.item(0, 2).setText("until the product lead starts")
    assert controller.doc.rules.waivers[0].reason == "until the product lead starts"
    tab.table.item(0, 2).setText("   ")
    assert controller.doc.rules.waivers[0].reason == "until the product lead starts"
    tab.table.setCurrentCell(0, 0)
    assert tab.remove_selected()
    assert controller.doc.rules.waivers == []
    assert tab.stack.currentWidget() is tab.empty


def test_reset_to_defaults_keeps_waivers(dialog, controller):
    finding = next(f for f in controller.report.findings if f.rule == "FUNC-COACH")
    waive(controller, finding, "accepted")
    set_param(controller, "span_max", 12)
    dialog.items["ROLE-LADDER"].setCheckState(0, Qt.CheckState.Unchecked)
    dialog.reset_button.click()
    rules = controller.doc.rules
    assert rules.params.span_max is None and rules.disabled == []
    assert len(rules.waivers) == 1
    assert controller.undo_stack.undoText() == "Reset the rule settings to the defaults"
    assert not reset_defaults(controller)  # nothing left to reset: no empty undo step


def test_settings_round_trip_through_the_file(controller, tmp_path):
    set_param(controller, "team_min", 4)
    path = tmp_path / "rules.orgd"
    io.save(controller.doc, path)
    assert io.load(path).rules.params.team_min == 4
