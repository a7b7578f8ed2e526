"""The role library: roles by function, their definition and ladder, and dragging one out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from workbench_helpers import small_org

from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.inspector import Inspector
from orgdesigner.qt.role_library import ROLE_MIME, RoleLibrary, next_code


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(small_org())


@pytest.fixture
def library(qtbot, controller) -> RoleLibrary:
    widget = RoleLibrary(controller)
    qtbot.addWidget(widget)
    widget.resize(400, 900)
    widget.show()
    return widget


def rules_about(controller: DocumentController, subject: str) -> set[str]:
    return {f.rule for f in controller.report.findings if subject in f.subjects and not f.waived}


def listed(library: RoleLibrary) -> dict[str, list[str]]:
    """Group title -> role titles, as the list shows them."""
    out = {}
    for i in range(library.tree.topLevelItemCount()):
        group = library.tree.topLevelItem(i)
        out[group.text(0)] = [group.child(j).text(0) for j in range(group.childCount())]
    return out


def test_roles_are_listed_by_function(library):
    assert listed(library) == {
        "Engineering": ["CTO", "Engineering Manager", "Software Engineer"],
        "Product": ["Product Manager"],
    }
    assert library.role_item("eng").text(1) == "3"


def test_filter(library, qtbot):
    qtbot.keyClicks(library.filter, "manager")
    assert listed(library) == {
        "Engineering": ["Engineering Manager"],
        "Product": ["Product Manager"],
    }
    library.filter.setText("zzz")
    assert "No role matches" in library.empty.text()


def test_add_role_then_undo(library, controller):
    library.select_role("pm")
    rid = library.add_role("Product Designer")  # joins the function being looked at
    assert rid == "product-designer"
    assert listed(library)["Product"] == ["Product Designer", "Product Manager"]
    assert library.editor.title.text() == "Product Designer"
    assert controller.undo_stack.undoText() == "Add role Product Designer"
    controller.undo_stack.undo()
    assert controller.doc.role("product-designer") is None
    assert listed(library)["Product"] == ["Product Manager"]


def test_edit_definition_clears_the_role_definition_finding(library, controller, qtbot):
    library.select_role("pm")
    editor = library.editor
    assert "ROLE-DEFINITION" in rules_about(controller, "pm")
    qtbot.keyClicks(editor.purpose, "Finds the problems worth solving")
    editor.purpose.commit()
    qtbot.keyClicks(editor.responsibilities, "Discovery")
    qtbot.keyClick(editor.responsibilities, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.responsibilities, "Roadmap")
    editor.responsibilities.commit()
    role = controller.doc.role("pm")
    assert role.purpose == "Finds the problems worth solving"
    assert role.responsibilities == ["Discovery", "Roadmap"]
    assert "ROLE-DEFINITION" not in rules_about(controller, "pm")
    assert controller.undo_stack.undoText() == "Edit the responsibilities of Product Manager"
    assert controller.undo_stack.count() == 2


def test_people_manager_flag(library, controller):
    library.select_role("eng")
    library.editor.people_manager.click()
    assert controller.doc.role("eng").people_manager
    assert controller.undo_stack.undoText() == "Make Software Engineer a people-manager role"


def test_add_a_level_then_assign_it_in_the_inspector(library, controller, qtbot):
    inspector = Inspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    library.select_role("eng")
    editor = library.editor
    qtbot.mouseClick(editor.add_level_button, Qt.MouseButton.LeftButton)
    assert [lv.code for lv in controller.doc.role("eng").levels] == ["L1", "L2", "L3", "L4"]
    assert controller.undo_stack.undoText() == "Add level L4 to the Software Engineer ladder"
    assert editor.levels.currentRow() == 3
    editor.level_title.setText("Staff Engineer")
    editor.level_title.editingFinished.emit()
    qtbot.keyClicks(editor.expectations, "Sets technical direction across teams")
    editor.expectations.commit()
    level = controller.doc.role("eng").levels[3]
    assert (level.title, level.expectations) == (
        "Staff Engineer",
        "Sets technical direction across teams",
    )

    controller.select(["bob"])
    form = inspector.person_form
    assert [form.level.itemText(i) for i in range(form.level.count())] == ["L1", "L2", "L3", "L4"]
    form.level.setEditText("L4")
    form.level.lineEdit().editingFinished.emit()
    assert controller.doc.person("bob").level == "L4"
    assert form.rows["level"].hint.text() == "Staff Engineer"


def test_a_new_code_must_be_unique(library, controller):
    library.select_role("eng")
    assert not library.editor.add_level("L2")
    assert "already on the Software Engineer ladder" in library.editor.ladder_row.error.text()
    assert len(controller.doc.role("eng").levels) == 3


def test_reorder_levels(library, controller):
    library.select_role("eng")
    editor = library.editor
    editor.levels.setCurrentRow(2)
    assert editor.move_level(-1)
    assert [lv.code for lv in controller.doc.role("eng").levels] == ["L1", "L3", "L2"]
    assert editor.levels.currentRow() == 1
    assert (
        controller.undo_stack.undoText() == "Move level L3 earlier on the Software Engineer ladder"
    )
    controller.undo_stack.undo()
    assert [lv.code for lv in controller.doc.role("eng").levels] == ["L1", "L2", "L3"]


def test_renaming_a_code_moves_its_people_along(library, controller):
    library.select_role("eng")
    editor = library.editor
    editor.levels.setCurrentRow(1)
    editor.level_code.setText("E2")
    editor.level_code.editingFinished.emit()
    assert [lv.code for lv in controller.doc.role("eng").levels] == ["L1", "E2", "L3"]
    assert controller.doc.person("bob").level == "E2"
    assert "ROLE-LADDER" not in rules_about(controller, "bob")
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert controller.doc.person("bob").level == "L2"


def test_remove_a_level_in_use_is_reported(library, controller):
    library.select_role("eng")
    library.editor.levels.setCurrentRow(1)
    assert library.editor.remove_level()
    assert "ROLE-LADDER" in rules_about(controller, "bob")


def test_duplicate_copies_the_ladder(library, controller):
    rid = library.duplicate_role("eng")
    copy = controller.doc.role(rid)
    assert copy.title == "Software Engineer (copy)"
    assert [lv.code for lv in copy.levels] == ["L1", "L2", "L3"]
    assert library.current_role() == rid


def test_delete_says_who_holds_it_and_can_be_undone(library, controller):
    asked = []
    library.confirm = lambda title, text: asked.append((title, text)) or True
    assert library.delete_role("eng")
    title, text = asked[0]
    assert title == "Delete the role Software Engineer?"
    assert "Bob Baker" in text and "Cy Clark" in text and "3 positions hold" in text
    assert controller.doc.role("eng") is None
    assert controller.doc.person("bob").role is None
    assert "ROLE-MISSING" in rules_about(controller, "bob")
    controller.undo_stack.undo()
    assert controller.doc.person("bob").role == "eng"


def test_delete_can_be_cancelled(library, controller):
    library.confirm = lambda title, text: False
    assert not library.delete_role("eng")
    assert controller.doc.role("eng") is not None


def test_dragging_a_role_carries_its_id(library):
    item = library.role_item("pm")
    mime = library.tree.mimeData([item])
    assert mime.hasFormat(ROLE_MIME)
    assert bytes(mime.data(ROLE_MIME)).decode("utf-8") == "pm"
    assert mime.text() == "Product Manager"
    assert ROLE_MIME in library.tree.mimeTypes()


def test_empty_library_says_what_to_do(qtbot):
    controller = DocumentController()
    widget = RoleLibrary(controller)
    qtbot.addWidget(widget)
    assert widget.list_stack.currentWidget() is widget.empty
    assert "Add one" in widget.empty.text()


def test_selecting_a_role_elsewhere_shows_it(library, controller):
    controller.select(["pm"])
    assert library.current_role() == "pm"
    assert library.editor.title.text() == "Product Manager"


def test_helpers():
    assert next_code(["L1", "L2"]) == "L3"
    assert next_code([]) == "L1"
    assert next_code(["M1", "Senior"]) == "M2"


def test_a_dragged_role_looks_like_the_open_position_it_opens(library, controller):
    from PySide6.QtGui import QColor

    from orgdesigner.qt.role_library import open_position_card

    card = library.tree.drag_card("pm")
    # A card, not a list row: wide and tall enough for a title and a function line.
    assert card.width() / card.devicePixelRatio() >= 180
    assert card.height() / card.devicePixelRatio() >= 2 * library.tree.sizeHintForRow(0)
    image = open_position_card(controller.doc, "pm").toImage()
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corners over the chart
    assert QColor(image.pixelColor(100, 40)).alpha() == 255  # a filled card body


def test_the_role_editor_scrolls_as_a_whole_never_inside(library, controller, qtbot):
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication

    from orgdesigner.core import ops
    from orgdesigner.core.model import Level

    role = controller.doc.role("pm")
    many = [Level(code=f"L{i}", title=f"Level {i}") for i in range(1, 13)]
    long_text = "\n".join(f"Responsibility number {i}" for i in range(15))
    controller.do(ops.SetField("role", "pm", "levels", many, label="Ladder"))
    controller.do(
        ops.SetField("role", "pm", "responsibilities", long_text.split("\n"), label="Resp")
    )
    controller.do(ops.SetField("role", "pm", "purpose", long_text, label="Purpose"))
    library.select_role("pm")
    QApplication.processEvents()
    editor = library.editor
    assert editor.role_id == "pm" and role is not None
    inner = [a for a in editor.findChildren(QAbstractScrollArea) if a.isVisible()]
    assert {editor.purpose, editor.responsibilities, editor.levels} <= set(inner)
    for area in inner:
        # Everything in sight inside: the only scroll bar is the editor's own.
        assert area.verticalScrollBar().maximum() == 0, area.objectName() or type(area).__name__
    last = editor.levels.visualItemRect(editor.levels.item(editor.levels.count() - 1))
    assert editor.levels.viewport().rect().contains(last)
