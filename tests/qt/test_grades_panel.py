"""Grades in the app: the grades table, a grade per ladder level, the grade rule parameters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from v2_helpers import graded_org

from orgdesigner.core import io
from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.grades_panel import GradesPanel
from orgdesigner.qt.role_library import RoleLibrary
from orgdesigner.qt.rule_settings import RuleSettingsDialog


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(graded_org())


@pytest.fixture
def panel(qtbot, controller) -> GradesPanel:
    widget = GradesPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    return widget


def test_the_table_lists_the_scale_with_what_uses_each_grade(panel):
    # Cy is an L1 engineer (Associate), Bob an L2 (Senior), Ann an M1 manager (Lead);
    # the open engineering position has no level.
    assert panel.grades() == [
        ("Associate", "g1", "1", "1"),
        ("Senior", "g2", "1", "1"),
        ("Lead", "g3", "1", "1"),
    ]
    assert panel.summary.text() == "3 grades \u00b7 3 positions graded"


def test_add_rename_reorder_and_remove_each_one_undo_step(panel, controller, qtbot):
    before = io.dumps(controller.doc)
    stack = controller.undo_stack
    panel.ask_name = lambda: "Director"
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    gid = controller.doc.grades[-1].id
    assert [g.name for g in controller.doc.grades] == ["Associate", "Senior", "Lead", "Director"]
    assert stack.undoText() == "Add grade Director"
    assert panel.current_grade() == gid

    # Rename: click the name, F2 (or a double-click), type, Enter.
    table = panel.table
    rect = table.visualRect(table.model().index(3, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Director"
    editor.selectAll()
    qtbot.keyClicks(editor, "Principal")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)
    assert controller.doc.grades[3].name == "Principal"
    assert stack.undoText() == "Rename grade Director to Principal"

    qtbot.mouseClick(panel.junior_button, Qt.MouseButton.LeftButton)
    assert [g.name for g in controller.doc.grades] == ["Associate", "Senior", "Principal", "Lead"]
    assert stack.undoText() == "Make grade Principal more junior"
    assert panel.current_grade() == gid  # the moved grade stays selected

    assert panel.remove_grade(gid)  # used by nothing: no question asked
    assert stack.undoText() == "Remove grade Principal"
    assert stack.count() == 4
    while stack.canUndo():
        stack.undo()
    assert io.dumps(controller.doc) == before
    assert [r[0] for r in panel.grades()] == ["Associate", "Senior", "Lead"]


def test_a_duplicate_or_empty_name_is_refused(panel, controller):
    messages: list[str] = []
    controller.statusMessage.connect(messages.append)
    assert panel.add_grade("senior") is None
    panel.table.item(0, 0).setText("Lead")
    assert [g.name for g in controller.doc.grades] == ["Associate", "Senior", "Lead"]
    assert panel.table.item(0, 0).text() == "Associate"  # the old name is back
    assert controller.undo_stack.count() == 0
    assert messages == [
        "Not possible: there is already a grade called Senior",
        "Not possible: there is already a grade called Lead",
    ]


def test_removing_a_grade_in_use_asks_and_clears_levels_and_rule_parameters(panel, controller):
    doc = controller.doc
    doc.rules.params.owner_min_grade = "g3"
    controller.replace(doc)
    asked: list[str] = []
    panel.confirm = lambda title, text: asked.append(text) or False
    assert not panel.remove_grade("g3")
    assert len(doc.grades) == 3

    panel.confirm = lambda title, text: asked.append(text) or True
    assert panel.remove_grade("g3")
    doc = controller.doc
    assert [g.id for g in doc.grades] == ["g1", "g2"]
    assert doc.role("em").levels[0].grade is None
    assert not doc.rules.params.owner_min_grade
    assert "1 ladder level will have no grade" in asked[0]
    assert "switched off" in asked[0]
    # The file is still valid: the parameter no longer names a missing grade.
    assert io.loads(io.dumps(doc)) == doc
    controller.undo_stack.undo()
    assert controller.doc.role("em").levels[0].grade == "g3"
    assert controller.doc.rules.params.owner_min_grade == "g3"


def test_a_ladder_level_takes_its_grade_and_cost_in_the_role_library(qtbot, controller):
    library = RoleLibrary(controller)
    qtbot.addWidget(library)
    library.resize(420, 900)
    library.show()
    library.select_role("eng")
    editor = library.editor
    editor.levels.setCurrentRow(2)  # L3, no grade yet
    combo = editor.level_grade
    assert combo.currentText() == "(none)"
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "(none)",
        "1. Associate",
        "2. Senior",
        "3. Lead",
    ]
    combo.setCurrentIndex(3)
    combo.activated.emit(3)
    assert controller.doc.role("eng").levels[2].grade == "g3"
    assert controller.undo_stack.undoText() == "Grade level L3 of Software Engineer as Lead"
    assert "Lead" in editor.levels.item(2).text()

    editor.level_cost.setText("120k")
    editor.level_cost.editingFinished.emit()
    assert controller.doc.role("eng").levels[2].cost == 120_000
    assert editor.level_cost.text() == "120,000"
    assert (
        controller.undo_stack.undoText()
        == "Set the cost of level L3 of Software Engineer to 120,000"
    )

    editor.level_cost.setText("lots")
    editor.level_cost.editingFinished.emit()
    assert "not an amount" in editor.rows["level_cost"].error.text()
    assert controller.doc.role("eng").levels[2].cost == 120_000
    assert controller.undo_stack.count() == 2


def test_grade_parameters_are_chosen_from_the_scale_in_rule_settings(qtbot, controller):
    dialog = RuleSettingsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select_rule("STO-OWNER-GRADE")
    combo, row = dialog.detail.editors["owner_min_grade"]
    assert combo.currentText().startswith("Off")
    assert not controller.report.by_rule("STO-OWNER-GRADE")
    at = combo.findData("g3")
    combo.setCurrentIndex(at)
    combo.activated.emit(at)
    assert controller.doc.rules.params.owner_min_grade == "g3"
    assert (
        controller.undo_stack.undoText()
        == "Set lowest grade of a single-threaded team's owner to Lead"
    )
    # Nobody at Lead or above owns an STO team but Ann, who is a Lead: nothing fires.
    assert not controller.report.by_rule("STO-OWNER-GRADE")
    dialog.detail.editors["owner_min_grade"][0].activated.emit(0)
    assert not controller.doc.rules.params.owner_min_grade

    dialog.select_rule("LEADER-LOAD")
    spin, _row = dialog.detail.editors["leader_load_max"]
    assert spin.value() == 15
    spin.setValue(3)
    assert controller.doc.rules.params.leader_load_max == 3
    assert [list(f.subjects) for f in controller.report.by_rule("LEADER-LOAD")] == [["ann"]]
