"""Names in tooltips show as typed: Qt reads a tooltip that looks like markup as rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from workbench_helpers import small_org

from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.findings_dock import FindingsDock
from orgdesigner.qt.functions_panel import FunctionsModel
from orgdesigner.qt.inspector import EntityList

HOSTILE = "<b>Eve</b> & <i>Co</i>"
TIP = Qt.ItemDataRole.ToolTipRole


def shown(tip: str) -> str:
    """The text a tooltip puts on screen."""
    if GuiQt.mightBeRichText(tip):
        doc = QTextDocument()
        doc.setHtml(tip)
        return doc.toPlainText()
    return tip


def hostile_controller() -> DocumentController:
    doc = small_org()
    doc.function("engineering").name = HOSTILE
    doc.function("engineering").standards = {"<u>review</u>": "cto"}
    doc.person("ann").name = HOSTILE
    doc.team("t-id").name = HOSTILE  # a team without an owner: a finding names it
    return DocumentController(doc)


def test_functions_table_cells_and_header_show_names_as_typed(qtbot):
    model = FunctionsModel(hostile_controller())
    row = next(r for r in range(model.rowCount()) if "Eve" in model.data(model.index(r, 0)))
    assert shown(model.data(model.index(row, FunctionsModel.NAME), TIP)) == (
        f"{HOSTILE} (engineering)"
    )
    column = next(
        c
        for c in range(model.columnCount())
        if "<u>" in str(model.headerData(c, Qt.Orientation.Horizontal))
    )
    header = shown(model.headerData(column, Qt.Orientation.Horizontal, TIP))
    assert "<u>review</u>" in header
    owner = shown(model.data(model.index(row, column), TIP))
    assert owner.startswith(HOSTILE)


def test_findings_tree_shows_names_as_typed(qtbot):
    controller = hostile_controller()
    dock = FindingsDock(controller)
    qtbot.addWidget(dock)
    items: list[QStandardItem] = []
    todo = [dock.model.item(r, c) for r in range(dock.model.rowCount()) for c in range(2)]
    while todo:
        item = todo.pop()
        if item is None:
            continue
        items.append(item)
        todo += [item.child(r, c) for r in range(item.rowCount()) for c in range(2)]
    named = [i for i in items if "Eve" in i.text()]
    assert named, "a finding names the team"
    for item in named:
        assert shown(item.toolTip()).startswith(item.text())


def test_people_list_shows_names_as_typed(qtbot):
    people = EntityList(hostile_controller(), "person")
    people.ensure()
    row = people.row_of("ann")
    assert shown(people.data(people.index(row), TIP)) == f"{HOSTILE} \u2014 ann"
