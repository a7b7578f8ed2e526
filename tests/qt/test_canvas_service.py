"""Service teams and grades on the canvas: the "serves" band, colour by grade and by model."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from orgdesigner.core import io  # noqa: E402
from orgdesigner.core.model import Grade  # noqa: E402
from orgdesigner.core.palette import TEAM_MODEL_BADGES, grade_colour  # noqa: E402


@pytest.fixture
def service(window):
    """The test organisation with Checkout made a service team that serves nobody yet."""
    doc = window.controller.doc
    doc.team("t-chk").model = "service"
    doc.grades = [Grade(id="g1", name="Associate"), Grade(id="g2", name="Lead")]
    for role in doc.roles:
        role.levels[0].grade = "g1"
        role.levels[1].grade = "g2"
    window.controller.replace(doc, window.controller.path)
    window.set_view("teams")
    QApplication.processEvents()
    return window


def band_point(win, team: str) -> QPointF:
    item = win.scene.cards[team]
    assert item.serves_rect is not None, f"{team} has no serves band"
    return item.pos() + item.serves_rect.center()


def title_point(win, team: str) -> QPointF:
    item = win.scene.cards[team]
    return item.pos() + QPointF(item.w / 2, 6)


def scope_subjects(win) -> list[list[str]]:
    found = win.controller.report.by_rule("SERVICE-SCOPE")
    return [list(f.subjects) for f in found if not f.waived]


def test_a_team_dropped_on_the_serves_band_is_served(service, qtbot, g):
    win = service
    before = io.dumps(win.controller.doc)
    assert scope_subjects(win) == [["t-chk"]]  # a service team that serves nobody
    assert win.scene.cards["t-pay"].serves_rect is None  # only service teams have the band
    g.both_visible(win, "t-pay", "t-chk")
    start, end = title_point(win, "t-pay"), band_point(win, "t-chk")
    # Lifted into the gap above the cards, the status bar says where a team can go.
    g.press_and_move(qtbot, win, start, start - QPointF(0, 24))
    assert "a service team's \u201cServes\u201d band" in g.status(win)
    vp = win.canvas.viewport()
    for k in range(1, 7):  # on, with the button still held, to the band
        at = start - QPointF(0, 24) + (end - start + QPointF(0, 24)) * (k / 6)
        qtbot.mouseMove(vp, g.view_point(win, at))
    QApplication.processEvents()
    assert g.status(win) == "Checkout will serve Payments"
    target = win.scene.cards["t-chk"]
    assert (target.target, target.serves_lit) == ("ok", "ok")
    g.release(qtbot, win, end)

    doc = win.controller.doc
    assert doc.team("t-chk").serves == ["t-pay"]
    assert doc.team("t-pay").parent == "t-top"  # not moved under Checkout
    stack = win.controller.undo_stack
    assert (stack.count(), stack.text(0)) == (1, "Checkout serves Payments")
    assert scope_subjects(win) == []
    assert win.scene.cards["t-chk"].serves == ("Payments",)
    assert win.scene.cards["t-chk"].serves_lit is None

    # The same team again is refused, and nothing changes.
    g.both_visible(win, "t-pay", "t-chk")
    g.drag(qtbot, win, title_point(win, "t-pay"), band_point(win, "t-chk"))
    assert "already serves Payments" in g.status(win)
    assert stack.count() == 1

    stack.undo()
    assert io.dumps(win.controller.doc) == before
    assert scope_subjects(win) == [["t-chk"]]


def test_a_team_dropped_on_the_rest_of_the_card_still_moves_under_it(service, qtbot, g):
    win = service
    g.both_visible(win, "t-pay", "t-chk")
    g.drag(qtbot, win, title_point(win, "t-pay"), title_point(win, "t-chk"))
    doc = win.controller.doc
    assert (doc.team("t-pay").parent, doc.team("t-chk").serves) == ("t-chk", [])
    assert win.controller.undo_stack.text(0) == "Move team Payments under Checkout"


def test_a_service_team_cannot_serve_itself(service, qtbot, g):
    win = service
    g.card_centre(win, "t-chk")
    win.scene.cards["t-chk"]
    effect = win.scene.drop_effect("t-chk", "card", win.scene.cards["t-chk"], "serves:t-chk")
    assert effect[1] is False
    assert effect[2] == "Checkout cannot serve itself"


def test_colour_by_model_shows_service_teams_apart(service):
    win = service
    win.set_colour_mode("model")
    colours = {t: win.scene.cards[t].band_colour().name() for t in ("t-pay", "t-chk")}
    assert colours["t-chk"] == QColor(TEAM_MODEL_BADGES["service"].fill).name()
    assert colours["t-pay"] != colours["t-chk"]
    labels = [label for _, _, label in win.legend.entries]
    assert any(label.startswith("SVC") for label in labels)


def test_colour_by_grade_follows_each_persons_grade(service):
    win = service
    win.set_view("people")
    win.set_colour_mode("grade")
    cards = win.scene.cards
    junior, senior = grade_colour(0, 2), grade_colour(1, 2)
    # Carla (CTO, L2) is a Lead; Bob (L1) an Associate.
    assert cards["cto"].band_colour().name() == QColor(senior).name()
    assert cards["bob"].band_colour().name() == QColor(junior).name()
    labels = [label for _, _, label in win.legend.entries]
    assert labels[:3] == ["1. Associate", "2. Lead", "No grade"]
    assert win.legend.title == "Colour: Grade"

    # Promote Bob: his card turns to the senior colour without a chart change.
    from orgdesigner.core import ops

    win.controller.do(ops.SetField("person", "bob", "level", "L2"))
    assert cards["bob"].band_colour().name() == QColor(senior).name()
    win.controller.undo_stack.undo()
    assert cards["bob"].band_colour().name() == QColor(junior).name()
    # A team card takes its owner's grade.
    win.set_view("teams")
    assert win.scene.cards["t-top"].band_colour().name() == QColor(senior).name()
