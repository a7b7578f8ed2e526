"""Teams view: member chips onto teams, teams onto teams, roles dropped from the library."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from orgdesigner.core import io  # noqa: E402
from orgdesigner.qt.canvas.scene import ROLE_MIME  # noqa: E402


@pytest.fixture
def teams(window):
    window.set_view("teams")
    assert window.current_view() == "teams"
    return window


def title_point(win, team: str) -> QPointF:
    """A point on the team card's title, away from its member chips."""
    item = win.scene.cards[team]
    return item.pos() + QPointF(item.w / 2, 6)


def test_member_chip_onto_team_moves_the_person_and_they_report_to_its_owner(teams, qtbot, g):
    before = io.dumps(teams.controller.doc)
    a, b = g.both_visible(teams, "bob", "t-chk")
    assert teams.scene.chip_owner["bob"] == "t-pay"

    g.press_and_move(qtbot, teams, a, b)
    assert g.status(teams) == "Move Bob Baker to Checkout; Bob Baker will report to Dan Dorsey"
    assert teams.scene.cards["t-chk"].target == "ok"
    g.release(qtbot, teams, b)

    bob = teams.controller.doc.person("bob")
    assert (bob.team, bob.manager) == ("t-chk", "dan")
    assert teams.scene.chip_owner["bob"] == "t-chk"
    stack = teams.controller.undo_stack
    assert (stack.count(), stack.text(0)) == (1, "Move Bob Baker to Checkout")
    # Payments shrank, Checkout grew: the team-size findings follow.
    messages = {f.message for f in teams.controller.report.findings}
    assert "Payments has 3 people (at least 5)" in messages
    assert "Checkout has 3 people (at least 5)" in messages

    stack.undo()
    assert io.dumps(teams.controller.doc) == before
    assert teams.scene.chip_owner["bob"] == "t-pay"


def test_chip_onto_its_own_team_or_nowhere_goes_back(teams, qtbot, g):
    before = io.dumps(teams.controller.doc)
    a = g.card_centre(teams, "bob")
    g.drag(qtbot, teams, a, title_point(teams, "t-pay"))
    assert "already in Payments" in g.status(teams)
    chart = teams.scene.chart_rect()
    below = QPointF(a.x(), chart.bottom() + 60)
    teams.canvas.centerOn(QPointF(a.x(), (a.y() + below.y()) / 2))
    g.drag(qtbot, teams, a, below)
    assert "on a team" in g.status(teams)
    assert io.dumps(teams.controller.doc) == before
    assert teams.controller.undo_stack.count() == 0


def test_team_onto_team_gives_it_a_new_parent(teams, qtbot, g):
    before = io.dumps(teams.controller.doc)
    g.both_visible(teams, "t-chk", "t-pay")
    g.drag(qtbot, teams, title_point(teams, "t-chk"), title_point(teams, "t-pay"))
    assert teams.controller.doc.team("t-chk").parent == "t-pay"
    assert teams.controller.undo_stack.text(0) == "Move team Checkout under Payments"
    teams.controller.undo_stack.undo()
    assert io.dumps(teams.controller.doc) == before


def test_team_onto_its_own_sub_team_is_refused(teams, qtbot, g):
    before = io.dumps(teams.controller.doc)
    g.both_visible(teams, "t-top", "t-pay")
    start, end = title_point(teams, "t-top"), title_point(teams, "t-pay")
    g.press_and_move(qtbot, teams, start, end)
    assert teams.scene.cards["t-pay"].target == "bad"
    assert "loop" in g.status(teams)
    g.release(qtbot, teams, end)
    assert io.dumps(teams.controller.doc) == before
    assert teams.controller.undo_stack.count() == 0
    assert "Nothing changed" in g.status(teams)


def _role_drop(win, role: str, scene_point: QPointF) -> None:
    """A role dragged in from another widget: enter, move and drop on the viewport."""
    vp = win.canvas.viewport()
    pos = QPointF(win.canvas.mapFromScene(scene_point))
    mime = QMimeData()
    mime.setData(ROLE_MIME, QByteArray(role.encode("utf-8")))
    action = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(QPoint(int(pos.x()), int(pos.y())), action, mime, buttons, mods),
        QDragMoveEvent(QPoint(int(pos.x()), int(pos.y())), action, mime, buttons, mods),
        QDropEvent(pos, action, mime, buttons, mods),
    ):
        QApplication.sendEvent(vp, event)
    QApplication.processEvents()


def test_role_dropped_on_a_team_opens_a_vacancy_there(teams, qtbot, g):
    before = io.dumps(teams.controller.doc)
    teams.canvas.centre_on("t-chk")
    _role_drop(teams, "eng", title_point(teams, "t-chk"))
    doc = teams.controller.doc
    added = [p for p in doc.people if p.vacant]
    assert len(added) == 1
    assert (added[0].role, added[0].team, added[0].manager) == ("eng", "t-chk", "dan")
    assert teams.controller.undo_stack.text(0) == "Add vacant Software Engineer to Checkout"
    assert teams.controller.selection == [added[0].id]
    teams.controller.undo_stack.undo()
    assert io.dumps(teams.controller.doc) == before


def test_role_dropped_on_a_person_opens_a_vacancy_reporting_to_them(window, qtbot, g):
    window.canvas.centre_on("dan")
    _role_drop(window, "eng", window.scene.card_rect("dan").center())
    added = [p for p in window.controller.doc.people if p.vacant]
    assert [(p.role, p.manager) for p in added] == [("eng", "dan")]
    # The new card names its role, and the status bar says what was done.
    assert window.scene.cards[added[0].id].card.title == "Open: Software Engineer"
    assert g.status(window) == "Added an open Software Engineer position reporting to Dan Dorsey"


def test_unknown_role_is_not_dropped(teams, qtbot, g):
    before = io.dumps(teams.controller.doc)
    teams.canvas.centre_on("t-chk")
    _role_drop(teams, "no-such-role", title_point(teams, "t-chk"))
    assert io.dumps(teams.controller.doc) == before
