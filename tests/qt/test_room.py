"""The canvas gets the room: the first window on a laptop screen, as a new user sees it."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QByteArray, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

from orgdesigner.qt.app import example_path  # noqa: E402
from orgdesigner.qt.config import settings  # noqa: E402


@pytest.fixture
def full_window(qtbot, tmp_path):
    """The whole app's window on the bundled example, as first started, at 1366x768."""
    from orgdesigner.qt.main_window import MainWindow

    def make():
        win = MainWindow()
        qtbot.addWidget(win)
        win.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]
        win.open_path(str(example_path()), remember=False)
        win.resize(1366, 768)
        win.show()
        qtbot.waitExposed(win)
        qtbot.wait(50)
        QApplication.processEvents()
        return win

    return make


def _tab_groups(win) -> set[frozenset[str]]:
    groups = set()
    for dock in win.findChildren(QDockWidget):
        names = {dock.objectName()} | {d.objectName() for d in win.tabifiedDockWidgets(dock)}
        groups.add(frozenset(names))
    return groups


def test_the_chart_has_most_of_a_laptop_window(full_window):
    win = full_window()
    assert (win.width(), win.height()) == (1366, 768)
    assert win.canvas.width() >= 0.7 * win.width()
    groups = _tab_groups(win)
    assert frozenset({"findingsDock", "historyDock", "figuresDock"}) in groups
    assert frozenset({"inspectorDock", "roleLibraryDock"}) in groups
    # The standards are folded away at first; the View menu brings them back.
    assert not win.workbench.docks["functions"].isVisible()
    shown = win.findChild(QDockWidget, "inspectorDock")
    right_edge = win.canvas.mapTo(win, win.canvas.rect().topRight()).x()
    assert shown.geometry().left() > right_edge


def test_the_legend_never_covers_the_chart(full_window):
    win = full_window()
    legend = win.legend
    assert legend.isVisible()
    canvas = win.canvas.geometry()
    strip = legend.geometry()
    # A strip under the chart, in the same column: it shares no pixel with the canvas.
    assert legend.parentWidget() is win.canvas.parentWidget()
    assert not canvas.intersects(strip)
    assert strip.top() >= canvas.bottom()
    assert strip.height() > 10


def test_the_functions_table_shows_all_its_rows_when_shown(full_window, qtbot):
    win = full_window()
    win.workbench.actions["show_functions"].trigger()
    qtbot.wait(50)
    QApplication.processEvents()
    assert frozenset({"functionsDock", "gradesDock"}) in _tab_groups(win)
    table = win.workbench.functions.table
    rows = table.model().rowCount()
    assert rows == 3

    def last_row_in_sight() -> bool:
        last = table.visualRect(table.model().index(rows - 1, 0))
        return table.viewport().rect().contains(last)

    qtbot.waitUntil(last_row_in_sight, timeout=3000)


def test_a_file_opens_in_the_people_view_fitted(full_window, qtbot):
    win = full_window()
    win.set_view("functions")
    win.open_path(str(example_path()), remember=False)
    qtbot.wait(20)
    assert win.current_view() == "people"
    visible = win.canvas.mapToScene(win.canvas.viewport().rect()).boundingRect()
    # Nothing of the chart is cut off at the first look.
    assert visible.contains(win.scene.chart_rect())


def test_an_old_saved_layout_does_not_bring_back_the_cramped_window(full_window):
    win = full_window()
    # A layout saved by the version before: every panel open, unversioned.
    win.workbench.docks["functions"].show()
    store = settings()
    store.setValue("window/state", win.saveState())
    store.sync()
    again = full_window()
    assert not again.workbench.restored
    assert not again.workbench.docks["functions"].isVisible()
    # A layout saved by this version is put back.
    again.workbench.prefs.save_window(again)
    third = full_window()
    assert third.workbench.restored
    assert isinstance(store.value("window/state"), QByteArray)


# -- small things: findings, selection -----------------------------------------------------


def _click_finding(qtbot, dock, index) -> None:
    dock.tree.scrollTo(index)
    rect = dock.tree.visualRect(index)
    qtbot.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_finding_about_a_person_and_a_team_selects_the_person_to_edit(full_window, qtbot):
    win = full_window()
    doc = win.controller.doc
    dock = win.findings_dock
    index = next(
        i
        for i in dock.finding_indexes()
        if len(dock.finding_at(i).subjects) == 2
        and doc.person(dock.finding_at(i).subjects[0]) is not None
        and doc.team(dock.finding_at(i).subjects[1]) is not None
    )
    person, team = dock.finding_at(index).subjects
    _click_finding(qtbot, dock, index)
    assert win.controller.selection == [person]
    assert win.controller.highlighted == [team]
    assert win.scene.cards[person].selected
    inspector = win.workbench.inspector
    assert inspector.mode == "person"
    assert inspector.person_form.isEnabled()
    # In the Teams view the team of the finding is outlined beside the person's chip.
    win.set_view("teams")
    assert win.scene.cards[team].highlighted
    assert not win.scene.cards[team].selected
    # Selecting anything else lets go of both the highlight and the finding.
    assert dock.tree.selectionModel().hasSelection()
    other = next(t.id for t in doc.teams if t.id != team)
    win.controller.select([other])
    assert win.controller.highlighted == []
    assert not win.scene.cards[team].highlighted
    assert not dock.tree.selectionModel().hasSelection()
    assert dock.suggestion.isHidden()


def test_a_click_on_the_chart_lets_go_of_the_finding(full_window, qtbot):
    win = full_window()
    dock = win.findings_dock
    index = dock.finding_indexes()[0]
    _click_finding(qtbot, dock, index)
    assert dock.tree.selectionModel().hasSelection()
    subjects = set(dock.finding_at(index).subjects)
    target = next(p.id for p in win.controller.doc.people if p.id not in subjects)
    win.canvas.centre_on(target)
    QApplication.processEvents()
    point = win.canvas.mapFromScene(win.scene.card_rect(target).center())
    qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert win.controller.selection == [target]
    assert not dock.tree.selectionModel().hasSelection()


def test_the_view_menu_lists_its_panels_once(full_window):
    win = full_window()
    view = win.menus["view"]
    sections = [a.text() for a in view.actions() if a.isSeparator() and a.text()]
    assert sections == ["Panels"]
    names = [a.text() for a in view.actions() if not a.isSeparator()]
    assert len(names) == len(set(names))
    for title in ("Findings", "History", "Inspector", "Role library", "Functions and standards"):
        assert title in names
