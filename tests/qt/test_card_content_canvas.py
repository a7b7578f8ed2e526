"""What a card says on the canvas: cut text in full on hover, finding badges that list
their findings, and the name kept readable as the chart zooms out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF
from PySide6.QtGui import QHelpEvent, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem, QToolTip

from orgdesigner.core import ops
from orgdesigner.core.card_look import ELLIPSIS
from orgdesigner.core.rules import Finding
from orgdesigner.qt.canvas import items

LONG = "Product Operations Manager for Payments, Checkout and Every Other Platform We Run"


def shown(tip: str) -> str:
    """The text a (rich text) tooltip puts on screen."""
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


def hover(qtbot, window, scene_point: QPointF) -> QPoint:
    """Move the mouse over ``scene_point`` and ask for the tooltip there, as a pause would."""
    vp = window.canvas.viewport()
    at = window.canvas.mapFromScene(scene_point)
    qtbot.mouseMove(vp, at + QPoint(1, 0))
    qtbot.mouseMove(vp, at)
    QApplication.processEvents()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, at, vp.mapToGlobal(at)))
    QApplication.processEvents()
    return at


def test_a_cut_role_ends_in_an_ellipsis_and_shows_whole_on_hover(window, qtbot, g):
    assert window.controller.do(ops.edit(window.controller.doc, "role", "eng", title=LONG))
    window.canvas.set_zoom(1.0)
    centre = g.card_centre(window, "bob")
    item = window.scene.cards["bob"]
    drawn = [t.static.text() for t in item._layout()]
    assert any(line.endswith(ELLIPSIS) for line in drawn), drawn
    assert LONG not in " ".join(drawn)
    hover(qtbot, window, centre)
    assert LONG in shown(item.toolTip())
    assert LONG in shown(QToolTip.text())
    # A card that shows all it says has no tooltip to add.
    eve = g.card_centre(window, "dan")
    hover(qtbot, window, eve)
    assert window.scene.cards["dan"].toolTip() == ""


def test_a_card_with_findings_has_a_badge_that_lists_them(window, qtbot, g):
    scene = window.scene
    report = window.controller.report
    extra = [
        Finding("TEST-ONE", "warning", "Bob <b>has</b> too much to do", ("bob",)),
        Finding("TEST-TWO", "error", "Bob reports in a loop", ("bob",)),
        Finding("TEST-THREE", "info", "Bob could mentor", ("bob",)),
    ]
    report.findings.extend(extra)
    scene.update_findings(report)
    item = scene.cards["bob"]
    assert [sev for sev, _ in item.badges()] == ["error", "warning"]
    window.canvas.set_zoom(1.0)
    g.card_centre(window, "bob")
    _, badge = item.badge_rects()[0]
    hover(qtbot, window, item.mapToScene(badge.center()))
    tip = shown(item.toolTip())
    lines = tip.splitlines()
    # Most severe first, the user's text as typed (not read as markup).
    assert lines[0] == "Error: Bob reports in a loop"
    assert "Warning: Bob <b>has</b> too much to do" in lines
    assert "Information: Bob could mentor" in lines
    assert shown(QToolTip.text()) == tip


def test_a_card_with_only_information_gets_an_info_badge(window):
    report = window.controller.report
    report.findings.append(Finding("TEST-INFO", "info", "Just so you know", ("cy",)))
    window.scene.update_findings(report)
    assert window.scene.cards["cy"].badges() == [("info", "")]


def paint_at(item, scale: float) -> None:
    image = QImage(600, 300, QImage.Format.Format_ARGB32)
    p = QPainter(image)
    p.scale(scale, scale)
    item.paint(p, QStyleOptionGraphicsItem(), None)
    p.end()


def test_from_afar_the_name_stays_large_with_the_role_and_headcount_under_it(window):
    item = window.scene.cards["ann"]
    lod = 0.625  # 50 % zoom
    assert items.FAR < lod < items.NEAR
    paint_at(item, lod)
    size, lines = item._title
    texts = [t.static.text() for t in lines]
    assert texts[0] == "Ann Archer"
    assert size * lod >= items.FAR_TEXT_PX - 1  # the name about 11 px tall on screen
    # The role (with level) and the headcount fit under it, at about 9 px.
    assert texts[1].startswith("Engineering")
    assert texts[-1].startswith("3 reports")
    # Further out, the name alone, still readable.
    paint_at(item, 0.3)
    size, lines = item._title
    assert len(lines) == 1 and lines[0].static.text().startswith("Ann Ar")
    assert lines[0].font.pointSizeF() * 0.3 >= items.MIN_TEXT_PX * 0.7  # readable: 8 px or so
    # Zoomed out, a hover shows the whole card.
    tip = shown(item.tooltip_at(QPointF(item.w / 2, item.h / 2), lod))
    assert tip.splitlines() == [item.card.title, item.card.subtitle, *item.card.lines]


def test_a_member_chip_names_its_member_on_hover(window, qtbot, g):
    window.set_view("teams")
    window.canvas.set_zoom(1.0)
    centre = g.card_centre(window, "bob")  # Bob's chip on the Payments card
    hover(qtbot, window, centre)
    assert shown(window.scene.cards["t-pay"].toolTip()) == "Bob Baker"


def test_an_edit_updates_the_headcounts_of_every_manager_above(window):
    scene = window.scene
    before = scene.cards["cto"].card.lines[-1]
    assert scene.cards["dan"].card.lines[-1] == "1 report"
    assert window.controller.do(ops.set_manager(window.controller.doc, "bob", "eve"))
    # Eve now manages someone; Dan gains a person below without a new direct report.
    assert scene.cards["eve"].card.lines[-1] == "1 report"
    assert scene.cards["dan"].card.lines[-1] == "1 report \u00b7 2 people"
    assert scene.cards["ann"].card.lines[-1] == "2 reports"
    drawn = [t.static.text() for t in scene.cards["dan"]._layout()]
    assert "1 report \u00b7 2 people" in drawn
    assert scene.cards["cto"].card.lines[-1] == before  # the same people below the top


def test_a_folded_card_shows_its_fold_pill_from_afar(window):
    # Zoomed out, a folded manager still says that something is under it.
    window.scene.toggle_collapsed("ann")
    QApplication.processEvents()
    item = window.scene.cards["ann"]
    assert item.collapsed_count == 3

    def below_the_card(scale: float) -> set[int]:
        image = QImage(600, 300, QImage.Format.Format_ARGB32)
        image.fill(0)
        p = QPainter(image)
        p.scale(scale, scale)
        item.paint(p, QStyleOptionGraphicsItem(), None)
        p.end()
        top = int((item.h + 2) * scale) + 1  # clear of the card's own edge
        return {
            image.pixel(x, y)
            for x in range(int(item.w * scale))
            for y in range(top, min(300, top + int(20 * scale)))
        }

    for scale in (0.3, 0.625):
        assert len(below_the_card(scale)) > 1, scale  # a pill drawn, not empty space
    window.scene.toggle_collapsed("ann")
    QApplication.processEvents()
    item = window.scene.cards["ann"]
    assert not item.collapsed_count
    assert len(below_the_card(0.625)) == 1  # unfolded: nothing hangs under it from afar
