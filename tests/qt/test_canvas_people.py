"""People view: dragging a person onto a person, onto empty canvas, and refused drops."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPointF  # noqa: E402

from orgdesigner.core import io  # noqa: E402
from orgdesigner.qt.canvas.items import GhostItem  # noqa: E402


def finding_keys(win) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.rule, f.subjects) for f in win.controller.report.findings if not f.waived}


def test_drop_person_on_person_changes_line_manager_and_undo_restores(window, qtbot, g):
    before = io.dumps(window.controller.doc)
    a, b = g.both_visible(window, "ann", "dan")

    g.drag(qtbot, window, a, b)

    doc = window.controller.doc
    assert doc.person("ann").manager == "dan"
    # Her reports move along: they still report to her.
    assert {p.id for p in doc.people if p.manager == "ann"} == {"bob", "cy", "pat"}
    stack = window.controller.undo_stack
    assert stack.count() == 1
    assert stack.text(0) == "Ann Archer reports to Dan Dorsey"
    # Ann owns Payments, a sibling of Checkout: the line now crosses the team tree.
    assert window.windowTitle().endswith("[*]") and window.isWindowModified()

    stack.undo()
    assert io.dumps(window.controller.doc) == before
    stack.redo()
    assert window.controller.doc.person("ann").manager == "dan"


def test_status_bar_says_what_the_drop_will_do_and_target_lights_up(window, qtbot, g):
    a, b = g.both_visible(window, "ann", "dan")
    g.press_and_move(qtbot, window, a, b)

    assert window.scene.dragging
    assert g.status(window) == (
        "Ann Archer will report to Dan Dorsey; their 3 direct reports move along"
    )
    assert window.scene.cards["dan"].target == "ok"
    assert window.scene.cards["ann"].dimmed

    g.release(qtbot, window, b)
    assert window.scene.cards["dan"].target is None
    # Once dropped, the status bar says what happened, not what will.
    assert g.status(window).startswith(
        "Ann Archer now reports to Dan Dorsey; their 3 direct reports moved along. Undo with"
    )


def test_drop_that_makes_a_loop_is_refused_and_changes_nothing(window, qtbot, g):
    before = io.dumps(window.controller.doc)
    findings = finding_keys(window)
    a, b = g.both_visible(window, "ann", "bob")
    origin = window.scene.cards["ann"].pos()

    g.press_and_move(qtbot, window, a, b)
    assert window.scene.cards["bob"].target == "bad"
    assert "loop" in g.status(window)
    g.release(qtbot, window, b)

    assert io.dumps(window.controller.doc) == before
    assert window.controller.undo_stack.count() == 0
    assert "loop" in g.status(window) and "Nothing changed" in g.status(window)
    assert finding_keys(window) == findings
    # The card is back where it was, undimmed, and nothing is left floating.
    assert not window.scene.dragging
    assert not window.scene.cards["ann"].dimmed
    assert window.scene.cards["ann"].pos() == origin
    assert not [i for i in window.scene.items() if isinstance(i, GhostItem)]


def test_drop_on_own_manager_is_refused_with_a_reason(window, qtbot, g):
    before = io.dumps(window.controller.doc)
    a, b = g.both_visible(window, "bob", "ann")
    g.drag(qtbot, window, a, b)
    assert io.dumps(window.controller.doc) == before
    assert "already reports to Ann Archer" in g.status(window)


def test_findings_follow_the_drop(window, qtbot, g):
    # Bob is on Payments (STO, owner Ann): reporting to Dan breaks STO-REPORTS.
    assert ("STO-REPORTS", ("bob",)) not in {
        (f.rule, f.subjects[:1]) for f in window.controller.report.findings
    }
    a, b = g.both_visible(window, "bob", "dan")
    g.drag(qtbot, window, a, b)
    assert window.controller.doc.person("bob").manager == "dan"
    rules_about_bob = {f.rule for f in window.controller.report.about("bob")}
    assert "STO-REPORTS" in rules_about_bob
    assert window.scene.cards["bob"].errors >= 1
    assert window.counter.summary["error"] >= 1
    window.controller.undo_stack.undo()
    assert "STO-REPORTS" not in {f.rule for f in window.controller.report.about("bob")}
    assert window.scene.cards["bob"].errors == 0


def test_drop_on_empty_canvas_places_the_card_by_hand(window, qtbot, g):
    before = io.dumps(window.controller.doc)
    a = window.scene.card_rect("eve").center()
    window.canvas.centre_on("eve")
    rect = window.scene.card_rect("eve")
    # Straight down, below every card: nothing there.
    chart = window.scene.chart_rect()
    end = QPointF(a.x(), chart.bottom() + 80)
    window.canvas.centerOn(QPointF(a.x(), (a.y() + end.y()) / 2))
    g.drag(qtbot, window, a, end)

    placed = window.controller.doc.view.positions["people"]["eve"]
    assert placed[1] == pytest.approx(rect.top() + (end.y() - a.y()), abs=2)
    assert window.scene.card_rect("eve").top() == pytest.approx(placed[1], abs=0.01)
    assert window.controller.undo_stack.text(0) == "Place Eve Evans by hand"
    assert window.actions_by_name["reset_layout"].isEnabled()

    window.reset_layout()
    assert "eve" not in window.controller.doc.view.positions.get("people", {})
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    assert io.dumps(window.controller.doc) == before


def test_click_selects_and_escape_cancels_a_drag(window, qtbot, g):
    from PySide6.QtCore import Qt

    a, b = g.both_visible(window, "cy", "dan")
    vp = window.canvas.viewport()
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=window.canvas.mapFromScene(a))
    assert window.controller.selection == ["cy"]
    assert window.scene.cards["cy"].selected

    before = io.dumps(window.controller.doc)
    g.press_and_move(qtbot, window, a, b)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    g.release(qtbot, window, b)
    assert io.dumps(window.controller.doc) == before
    assert not window.scene.dragging


def test_collapse_toggle_folds_the_reports(window, qtbot, g):
    from PySide6.QtCore import Qt

    ann = window.scene.cards["ann"]
    assert ann.has_toggle and ann.children_count == 3
    window.canvas.centre_on("ann")
    pill = ann.toggle_rect().center() + ann.pos()
    qtbot.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.mapFromScene(pill)
    )
    assert window.controller.doc.view.collapsed == ["ann"]
    assert "bob" not in window.scene.cards
    window.controller.undo_stack.undo()
    assert "bob" in window.scene.cards
