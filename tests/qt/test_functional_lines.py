"""Functional lines on the canvas: the selection's by default, all, or none; never through a card."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402

from orgdesigner.core import ops  # noqa: E402
from orgdesigner.core.layout import Box  # noqa: E402
from orgdesigner.core.lines import crosses_card  # noqa: E402
from orgdesigner.qt.config import LINES_MODE_KEY, lines_mode, settings  # noqa: E402


def click(qtbot, win, g, id_: str) -> None:
    """A real left click on the middle of ``id_``'s card (or chip)."""
    point = g.card_centre(win, id_)
    qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=g.view_point(win, point))
    QApplication.processEvents()


def click_empty(qtbot, win) -> None:
    """A click on the chart's background, far from any card."""
    r = win.scene.chart_rect()
    win.canvas.centerOn(QPointF(r.left() - 300, r.top() - 300))
    QApplication.processEvents()
    vp = win.canvas.viewport()
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=vp.rect().center())
    QApplication.processEvents()


def shown(win) -> set[tuple[str, str]]:
    """The functional lines on screen: (person, functional manager)."""
    return {
        key
        for key, item in win.lines.lines.items()
        if item.scene() is win.scene and item.isVisible()
    }


def boxes(win) -> list[Box]:
    out = []
    for item in win.scene.cards.values():
        p = item.pos()
        out.append(Box(p.x(), p.y(), item.rect.width(), item.rect.height()))
    return out


def menu_action(win, text: str):
    """The action ``text`` of the View menu's Functional lines submenu."""
    sub = win.menus["view"].findChild(QMenu, "linesMenu")
    assert sub is not None and sub.title() == "&Functional lines"
    return next(a for a in sub.actions() if a.text().replace("&", "") == text)


def test_by_default_a_selected_person_shows_the_line_to_their_functional_manager(window, qtbot, g):
    assert window.lines.mode == "selection"
    assert window.actions_by_name["lines_selection"].isChecked()
    assert shown(window) == set()  # nothing selected, no line

    click(qtbot, window, g, "bob")
    assert window.controller.selection == ["bob"]
    assert shown(window) == {("bob", "cto")}
    line = window.lines.lines[("bob", "cto")]
    # Strong, above the tree's connectors and under the cards; it ends at the leader's card.
    assert line.pen().widthF() >= 2.0 and line.pen().isCosmetic()  # as strong at any zoom
    tree = next(item for _, item in window.scene.edges.values())
    assert tree.zValue() < line.zValue() < window.scene.cards["bob"].zValue()
    assert not crosses_card(line.points, boxes(window))
    cto = window.scene.card_rect("cto")
    end = QPointF(*line.points[-1])
    assert cto.adjusted(-0.5, -0.5, 0.5, 0.5).contains(end)
    assert "fline" in [e[0] for e in window.legend.entries]

    # Bob moves to another manager: his line leaves his card where it now is.
    before = window.scene.card_rect("bob")
    c = window.controller
    c.do(ops.set_manager(c.doc, "bob", "dan"))
    after = window.scene.card_rect("bob")
    assert after != before
    line = window.lines.lines[("bob", "cto")]
    assert after.adjusted(-0.5, -0.5, 0.5, 0.5).contains(QPointF(*line.points[0]))
    assert not before.adjusted(-0.5, -0.5, 0.5, 0.5).contains(QPointF(*line.points[0]))
    assert not crosses_card(line.points, boxes(window))
    c.undo_stack.undo()

    click(qtbot, window, g, "cy")  # no functional manager, coaches nobody
    assert shown(window) == set()
    click(qtbot, window, g, "bob")
    click_empty(qtbot, window)
    assert window.controller.selection == []
    assert shown(window) == set()


def test_a_selected_leader_shows_a_line_from_everyone_they_coach(window, qtbot, g):
    c = window.controller
    c.do(ops.set_functional_manager(c.doc, "eve", "cto"))
    click(qtbot, window, g, "cto")
    assert shown(window) == {("bob", "cto"), ("eve", "cto")}
    for item in window.lines.lines.values():
        assert not crosses_card(item.points, boxes(window))
    # Taken back, the line goes with it at once.
    c.undo_stack.undo()
    assert shown(window) == {("bob", "cto")}


def test_the_view_menu_switches_between_off_the_selection_and_all_and_remembers(window, qtbot, g):
    menu_action(window, "All").trigger()
    assert window.lines.mode == "all"
    assert shown(window) == {("bob", "cto"), ("pat", "pia")}  # with nothing selected
    assert settings().value(LINES_MODE_KEY) == "all" and lines_mode() == "all"

    menu_action(window, "Off").trigger()
    click(qtbot, window, g, "bob")
    assert shown(window) == set()
    assert "fline" not in [e[0] for e in window.legend.entries]
    assert lines_mode() == "off"
    # The next window opens as the user left it.
    from orgdesigner.qt.main_window import MainWindow

    other = MainWindow(extensions=False)
    qtbot.addWidget(other)
    assert other.lines.mode == "off" and other.actions_by_name["lines_off"].isChecked()

    menu_action(window, "For the selection").trigger()
    assert window.actions_by_name["lines_selection"].isChecked()
    assert shown(window) == {("bob", "cto")}
    assert lines_mode() == "selection"


def test_lines_follow_the_selection_into_the_functions_view(window, qtbot, g):
    click(qtbot, window, g, "bob")
    window.set_view("functions")  # a new view clears the scene, the old lines with it
    assert shown(window) == {("bob", "cto")}
    window.set_view("teams")
    assert shown(window) == set() and set(window.lines.rings) == {"cto"}
    window.set_view("functions")
    click(qtbot, window, g, "pia")
    assert shown(window) == {("pat", "pia")}
    for item in window.lines.lines.values():
        assert not crosses_card(item.points, boxes(window))


def test_the_teams_view_rings_the_chips_of_the_selections_functional_lines(window, qtbot, g):
    window.set_view("teams")
    click(qtbot, window, g, "bob")  # bob's chip on Payments
    assert window.controller.selection == ["bob"]
    assert shown(window) == set()  # chips are joined by rings, not lines
    assert set(window.lines.rings) == {"cto"}
    ring = window.lines.rings["cto"]
    assert ring.sceneBoundingRect().contains(window.scene.card_rect("cto"))
    assert "ring" in [e[0] for e in window.legend.entries]
    # The ring may be on a team far away: the status bar says whom it marks.
    assert g.status(window) == ("Bob Baker: functional manager Carla Diaz (ringed on their teams)")
    # Each member chip's tooltip names the functional manager.
    tip = window.lines.chip_tip(window.scene.card_rect("bob").center())
    assert "Functional manager: Carla Diaz" in tip
    click(qtbot, window, g, "cto")
    assert set(window.lines.rings) == {"bob"}


def test_a_chip_tooltip_escapes_names(window):
    from PySide6.QtGui import QTextDocument

    from orgdesigner.qt.canvas.lines import chip_tooltip

    c = window.controller
    c.do(ops.edit(c.doc, "person", "cto", name="<b>Carla</b>"))
    tip = chip_tooltip(c.doc, "bob")
    shown_text = QTextDocument()
    shown_text.setHtml(tip)  # a tooltip with markup is read as rich text
    assert shown_text.toPlainText().splitlines() == [
        "Bob Baker",
        "Software Engineer",
        "Functional manager: <b>Carla</b>",
    ]


def test_hovering_a_member_chip_shows_its_functional_manager(window, qtbot, g):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    window.set_view("teams")
    point = g.view_point(window, g.card_centre(window, "bob"))
    vp = window.canvas.viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, point, vp.mapToGlobal(point)))
    assert "Functional manager: Carla Diaz" in QToolTip.text()
    QToolTip.hideText()


def test_all_lines_of_a_huge_chart_stop_at_a_limit_with_the_selections_first(
    window, qtbot, g, monkeypatch
):
    from orgdesigner.qt.canvas import lines

    monkeypatch.setattr(lines, "MAX_LINES", 1)
    click(qtbot, window, g, "pat")
    window.set_lines_mode("all")
    assert shown(window) == {("pat", "pia")}  # of two; the selection's kept
    assert g.status(window).startswith("Showing 1 of 2 functional lines")
