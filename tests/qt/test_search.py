"""Find (Ctrl+F): search people, teams and roles; choosing one selects and centres it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from workbench_helpers import StubWindow, small_org

from orgdesigner.qt import workbench
from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.search import find


@pytest.fixture
def window(qtbot, tmp_path):
    win = StubWindow(DocumentController(small_org()))
    qtbot.addWidget(win)
    workbench.install(win, autosave_folder=tmp_path / "autosave", offer=False)
    win.resize(1200, 800)
    win.show()
    return win


def test_find_ranks_name_matches_first():
    doc = small_org()
    hits = find(doc, "ba")
    assert [(h.kind, h.id) for h in hits][:1] == [("person", "bob")]  # "Bob Baker"
    assert [h.id for h in find(doc, "payments")] == ["t-pay"]
    # Names starting with it, then names with a word starting with it (people first).
    assert [h.id for h in find(doc, "engineer")][:4] == ["em", "engineering", "v1", "eng"]
    assert [h.id for h in find(doc, "berlin")] == ["bob"]  # by tag
    assert [h.id for h in find(doc, "one step")] == ["t-pay"]  # by mission
    assert find(doc, "   ") == []
    assert find(doc, "zzz") == []


def test_ctrl_f_opens_the_box_and_enter_selects_and_centres(window, qtbot):
    bench = window.workbench
    assert bench.actions["find"].shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert bench.actions["find"].shortcut().toString() == "Ctrl+F"
    assert bench.actions["find"] in window.menus["edit"].actions()
    bench.actions["find"].trigger()
    panel = bench.search
    assert panel.isVisible()
    qtbot.keyClicks(panel.edit, "cy cl")
    assert [h.id for h in panel.hits] == ["cy"]
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert window.controller.selection == ["cy"]
    assert window.canvas.centred == ["cy"]
    assert not panel.isVisible()
    assert bench.inspector.person_form.title.text() == "Cy Clark"


def test_arrow_keys_move_through_results(window, qtbot):
    panel = window.workbench.search
    window.workbench.find()
    qtbot.keyClicks(panel.edit, "a")
    assert len(panel.hits) > 2
    qtbot.keyClick(panel.edit, Qt.Key.Key_Down)
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert window.controller.selection == [panel.hits[1].id]


def test_choosing_a_role_opens_it_in_the_library(window, qtbot):
    panel = window.workbench.search
    window.workbench.find()
    qtbot.keyClicks(panel.edit, "product manager")
    assert panel.hits[0].kind == "role"
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert window.controller.selection == ["pm"]
    assert window.canvas.centred == []  # roles are not drawn on the canvas
    assert window.workbench.role_library.current_role() == "pm"
    assert window.workbench.inspector.mode == "role"


def test_escape_closes_and_nothing_found_says_so(window, qtbot):
    panel = window.workbench.search
    window.workbench.find()
    qtbot.keyClicks(panel.edit, "nobody at all")
    assert panel.status.text() == "Nothing matches \u201cnobody at all\u201d."
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert window.controller.selection == []
    qtbot.keyClick(panel.edit, Qt.Key.Key_Escape)
    assert not panel.isVisible()
