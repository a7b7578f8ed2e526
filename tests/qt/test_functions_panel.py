"""Functions and standards: the leader and standard owners of each craft, gaps in red."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from workbench_helpers import small_org

from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.functions_panel import GAP_FILL, FunctionsModel, FunctionsPanel


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(small_org())


@pytest.fixture
def panel(qtbot, controller) -> FunctionsPanel:
    widget = FunctionsPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    return widget


def rules(controller: DocumentController, subject: str) -> set[str]:
    return {f.rule for f in controller.report.findings if subject in f.subjects and not f.waived}


def column(panel: FunctionsPanel, title: str) -> int:
    m = panel.model
    return next(
        c for c in range(m.columnCount()) if m.headerData(c, Qt.Orientation.Horizontal) == title
    )


def test_table_shows_leaders_standards_and_gaps(panel):
    m = panel.model
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())] == [
        "Function",
        "People",
        "Leader",
        "Leveling",
        "Career path",
        "Promotion",
        "Hiring",
        "Code review",
    ]
    assert m.data(m.index(0, FunctionsModel.LEADER)) == "Carla Diaz"
    assert m.data(m.index(0, FunctionsModel.PEOPLE)) == "5"
    product_leader = m.index(1, FunctionsModel.LEADER)
    assert m.data(product_leader) == "missing"
    assert m.data(product_leader, Qt.ItemDataRole.BackgroundRole).color().name() == GAP_FILL
    # Product keeps no code review standard of its own: a quiet dash, not a gap.
    assert m.data(m.index(1, column(panel, "Code review"))) == "\u2013"
    assert ("product", "Code review") not in m.gaps()
    assert ("product", "Leader") in m.gaps()
    assert panel.summary.text() == "10 gaps to fill"


def test_choosing_a_leader_closes_the_gap_and_undoes(panel, controller):
    assert "FUNC-LEADER" in rules(controller, "product")
    assert panel.set_cell("product", "leader", "pat")
    assert controller.doc.function("product").leader == "pat"
    assert controller.undo_stack.undoText() == "Make Pat Price the leader of Product"
    assert "FUNC-LEADER" not in rules(controller, "product")
    assert ("product", "Leader") not in panel.model.gaps()
    controller.undo_stack.undo()
    assert controller.doc.function("product").leader is None
    assert ("product", "Leader") in panel.model.gaps()


def test_a_leader_from_another_function_stays_a_gap(panel, controller):
    panel.set_cell("product", "leader", "bob")
    m = panel.model
    text, state, tip = m.cell(1, FunctionsModel.LEADER)
    assert (text, state) == ("Bob Baker", "gap")
    assert tip == "Bob Baker belongs to Engineering"
    assert "FUNC-LEADER" in rules(controller, "product")


def test_a_vacancy_cannot_own_a_standard(panel, controller):
    panel.set_cell("engineering", "hiring", "v1")
    text, state, tip = panel.model.cell(0, column(panel, "Hiring"))
    assert state == "gap" and tip == "Open: Software Engineer is an open position"


def test_leader_owns_the_gaps_in_one_step(panel, controller):
    panel.select_function("engineering")
    assert panel.fill_button.isEnabled()
    panel.set_cell("engineering", "code_review", "bob")
    panel.select_function("engineering")
    panel.fill_button.click()
    standards = controller.doc.function("engineering").standards
    assert standards == {
        "code_review": "bob",
        "leveling": "cto",
        "career_path": "cto",
        "promotion": "cto",
        "hiring": "cto",
    }
    assert "FUNC-STANDARDS" not in rules(controller, "engineering")
    assert (
        controller.undo_stack.undoText()
        == "Carla Diaz owns leveling, career path, promotion, hiring for Engineering"
    )


def test_editing_through_the_table_delegate(panel, controller, qtbot):
    view = panel.table
    index = panel.model.index(1, FunctionsModel.LEADER)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or view.focusWidget()
    while editor is not None and not hasattr(editor, "list"):
        editor = editor.parentWidget()
    assert editor is not None
    editor.setEditText("Pat Price")
    view.commitData(editor)
    assert controller.doc.function("product").leader == "pat"


def test_rename_a_function(panel, controller):
    m = panel.model
    assert m.setData(m.index(1, FunctionsModel.NAME), "Product Management")
    assert controller.doc.function("product").name == "Product Management"


def test_add_and_delete_a_function(panel, controller):
    fid = panel.add_function("Design")
    assert fid == "design"
    assert panel.model.rowCount() == 3
    assert controller.undo_stack.undoText() == "Add function Design"
    panel.confirm = lambda title, text: True
    assert panel.delete_function("product")
    assert controller.doc.function("product") is None
    # Nothing is left pointing at it: no dangling references.
    assert controller.doc.role("pm").function is None
    assert not [f for f in controller.report.findings if f.rule == "ORG-REF"]
    controller.undo_stack.undo()
    assert controller.doc.role("pm").function == "product"


def test_empty_state_explains_functions(qtbot):
    widget = FunctionsPanel(DocumentController())
    qtbot.addWidget(widget)
    assert widget.stack.currentWidget() is widget.empty
    assert "leader who owns its standards" in widget.empty.text()


def test_standards_follow_the_rule_parameters(panel, controller):
    from orgdesigner.qt.rule_settings import set_param

    set_param(controller, "standards", ["leveling", "hiring"])
    titles = [
        panel.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(panel.model.columnCount())
    ]
    assert titles == ["Function", "People", "Leader", "Leveling", "Hiring", "Code review"]


def test_a_waived_leader_finding_is_not_red(panel, controller):
    from orgdesigner.core import ops

    assert ("product", "Leader") in panel.model.gaps()
    assert controller.do(ops.waive(controller.doc, "FUNC-LEADER", "product", "Hiring one"))
    assert "FUNC-LEADER" not in rules(controller, "product")
    text, state, tip = panel.model.cell(1, FunctionsModel.LEADER)
    assert (text, state, tip) == ("missing", "plain", "No leader")
    assert ("product", "Leader") not in panel.model.gaps()
    controller.undo_stack.undo()
    assert ("product", "Leader") in panel.model.gaps()


def test_standards_are_not_red_when_the_rule_is_off(panel, controller):
    from orgdesigner.qt.rule_settings import set_enabled

    assert ("engineering", "Hiring") in panel.model.gaps()
    assert set_enabled(controller, "FUNC-STANDARDS", False)
    assert not [g for g in panel.model.gaps() if g[1] != "Leader"]
    assert panel.summary.text() == "1 gap to fill"


def test_a_dangling_leader_is_a_broken_reference_not_a_gap(panel, controller):
    from orgdesigner.core import ops

    controller.do(ops.SetField("function", "product", "leader", "ghost"))
    assert "FUNC-LEADER" not in rules(controller, "product")
    text, state, tip = panel.model.cell(1, FunctionsModel.LEADER)
    assert state != "gap" and tip == "ghost does not exist"
    assert ("product", "Leader") not in panel.model.gaps()


def test_a_nameless_function_is_not_renamed_to_its_own_id(panel, controller):
    from orgdesigner.core import ops

    controller.do(ops.SetField("function", "product", "name", ""))
    count = controller.undo_stack.count()
    m = panel.model
    assert m.data(m.index(1, FunctionsModel.NAME)) == "product"
    assert not m.setData(m.index(1, FunctionsModel.NAME), " product ")
    assert not m.setData(m.index(1, FunctionsModel.NAME), "")
    assert controller.undo_stack.count() == count
