"""The canvas gets the room: the first window on a laptop screen, as a new user sees it."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QByteArray  # noqa: E402
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
