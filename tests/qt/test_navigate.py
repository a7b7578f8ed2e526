"""Finding one's way on a large chart with the real gestures: it opens folded, the View
menu folds and unfolds, focus shows one branch with a breadcrumb back up, the arrow
keys walk the tree, the overview moves the window, the zoom box takes a number."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from orgdesigner.core import io
from orgdesigner.core.chart import OPENING_CARDS, ancestors, depths, hierarchy
from orgdesigner.core.generate import generate


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "g1k.orgd"
    io.save(generate(1000, seed=1), path)
    return path


@pytest.fixture
def big(qtbot, big_file):
    from orgdesigner.qt.main_window import MainWindow

    win = MainWindow(extensions=False)
    qtbot.addWidget(win)
    win.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]
    assert win.open_path(str(big_file))
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    return win


def levels(win) -> dict[str, int]:
    roots, kids = hierarchy(win.controller.doc, win.current_view())
    return depths(roots, kids)


def shown(win) -> set[str]:
    return {win.scene.entity_of(i) for i in win.scene.cards}


def test_a_large_file_opens_folded_to_its_readable_top_and_saves_the_folds(big, tmp_path):
    n = len(big.scene.cards)
    assert 1 < n <= OPENING_CARDS
    assert big.controller.doc.view.collapsed
    assert not big.controller.modified  # how it is shown, not an edit
    assert big.controller.undo_stack.count() == 0
    # the folded cards carry the people they hide
    assert sum(c.collapsed_count for c in big.scene.cards.values()) + n == 1000
    out = tmp_path / "saved.orgd"
    big.controller.doc.view.collapsed  # noqa: B018
    io.save(big.controller.doc, out)
    assert io.load(out).view.collapsed == big.controller.doc.view.collapsed


def test_collapse_all_expand_to_level_and_expand_all_from_the_menu(big):
    A = big.actions_by_name
    level = levels(big)
    A["collapse_all"].trigger()
    assert shown(big) == {i for i, d in level.items() if d == 0}
    A["expand_level_3"].trigger()
    assert shown(big) == {i for i, d in level.items() if d <= 2}
    A["expand_all"].trigger()
    assert len(big.scene.cards) == 1000
    big.controller.undo_stack.undo()
    assert shown(big) == {i for i, d in level.items() if d <= 2}
    # the View menu lists them
    texts = [a.text() for a in big.menus["view"].actions()]
    assert "Collapse &all" in texts and "F&ocus on branch" in texts


def test_expand_one_more_level_of_a_branch(big):
    A = big.actions_by_name
    A["collapse_all"].trigger()
    top = next(iter(shown(big)))
    roots, kids = hierarchy(big.controller.doc, "people")
    big.controller.select([top])
    A["expand_more"].trigger()
    assert shown(big) == {top, *kids[top]}
    A["expand_more"].trigger()
    assert shown(big) == {top, *kids[top], *(g for c in kids[top] for g in kids.get(c, ()))}


def test_focus_on_a_branch_with_a_breadcrumb_back_up(big, qtbot):
    doc = big.controller.doc
    level = levels(big)
    roots, kids = hierarchy(doc, "people")
    # a manager two levels down with reports
    target = next(i for i, d in level.items() if d == 2 and kids.get(i))
    big.actions_by_name["expand_all"].trigger()
    big.controller.select([target])
    big.actions_by_name["focus_branch"].trigger()
    assert shown(big) == set(depths([target], kids))
    crumbs = big.breadcrumb.buttons
    assert big.breadcrumb.isVisible()
    chain = ancestors(doc, "people", target)
    assert [b.text() for b in crumbs] == [
        "Whole organisation",
        *(doc.display_name(doc.person(i)) for i in chain),
    ]
    # click the direct manager: their branch, one step up
    qtbot.mouseClick(crumbs[-1], Qt.MouseButton.LeftButton)
    assert big.scene.focus == chain[-1]
    assert shown(big) == set(depths([chain[-1]], kids))
    big.actions_by_name["focus_up"].trigger()
    assert big.scene.focus == chain[-2]
    qtbot.mouseClick(big.breadcrumb.buttons[0], Qt.MouseButton.LeftButton)
    assert big.scene.focus is None
    assert len(big.scene.cards) == 1000
    assert not big.breadcrumb.isVisible()


def test_arrow_keys_walk_the_tree_and_unfold_where_they_go(window, qtbot):
    c = window.controller
    c.select(["dan"])
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Up)
    assert c.selection == ["cto"]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Down)
    first = c.selection[0]
    assert c.doc.person(first).manager == "cto"
    siblings = [p.id for p in c.doc.people if p.manager == "cto"]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Right)
    second = c.selection[0]
    assert second != first and second in siblings
    qtbot.keyClick(window.canvas, Qt.Key.Key_Left)
    assert c.selection == [first]
    # Down on a folded card unfolds it and goes to its first report
    window.scene.toggle_collapsed("dan")
    assert window.scene.card_for("eve") is None
    c.select(["dan"])
    qtbot.keyClick(window.canvas, Qt.Key.Key_Down)
    assert c.selection == ["eve"]
    assert "dan" not in c.doc.view.collapsed


def test_finding_a_folded_person_unfolds_their_managers(big):
    doc = big.controller.doc
    level = levels(big)
    deep = max(level, key=level.get)
    assert big.scene.card_for(deep) is None
    big.show_subjects([deep])  # what F8 and the search box do
    assert big.scene.card_for(deep) is not None
    view_rect = big.canvas.mapToScene(big.canvas.viewport().rect()).boundingRect()
    assert view_rect.contains(big.scene.card_rect(deep).center())
    assert not set(ancestors(doc, "people", deep)) & set(doc.view.collapsed)


def test_dragging_on_the_overview_moves_the_window_there(big, qtbot):
    big.actions_by_name["expand_all"].trigger()
    big.canvas.set_zoom(1.0)
    mini = big.minimap
    assert mini.isVisible()
    chart = big.scene.chart_rect()
    start = mini.point_from_scene(QRectF_centre(chart, 0.2))
    end = mini.point_from_scene(QRectF_centre(chart, 0.8))
    qtbot.mousePress(mini, Qt.MouseButton.LeftButton, pos=start.toPoint())
    qtbot.mouseMove(mini, QPoint(int((start.x() + end.x()) / 2), int(start.y())))
    qtbot.mouseMove(mini, end.toPoint())
    qtbot.mouseRelease(mini, Qt.MouseButton.LeftButton, pos=end.toPoint())
    QApplication.processEvents()
    centre = big.canvas.mapToScene(big.canvas.viewport().rect().center())
    want = mini.to_scene(QPointF(end.toPoint()))
    tolerance = chart.width() / mini.width() * 2 + 2
    assert abs(centre.x() - want.x()) < tolerance
    # the rectangle drawn on the overview is the window's
    frame = mini.from_scene(mini.shown_rect())
    assert frame.contains(QPointF(end.toPoint()))


def test_the_overview_steps_aside_when_the_whole_chart_is_in_sight(big, qtbot):
    big.canvas.set_zoom(1.0)
    QApplication.processEvents()
    assert big.minimap.isVisible()  # part of the chart is out of the window
    big.actions_by_name["fit"].trigger()
    QApplication.processEvents()
    assert (
        big.canvas.mapToScene(big.canvas.viewport().rect())
        .boundingRect()
        .contains(big.scene.chart_rect())
    )
    assert not big.minimap.isVisible()  # nothing to navigate to: it would only hide cards
    big.actions_by_name["zoom_in"].trigger()
    big.actions_by_name["zoom_in"].trigger()
    QApplication.processEvents()
    assert big.minimap.isVisible()


def QRectF_centre(rect, fx: float) -> QPointF:  # noqa: N802
    """A point ``fx`` of the way across ``rect``, at the height of its top cards."""
    return QPointF(rect.left() + rect.width() * fx, rect.top() + min(rect.height() / 2, 100))


def test_zoom_box_zoom_steps_and_zoom_to_selection(window, qtbot):
    canvas = window.canvas
    canvas.set_zoom(1.0)
    window.actions_by_name["zoom_in"].trigger()
    assert canvas.zoom() == pytest.approx(1.25)
    box = window.zoom_label
    assert box.text() == "125%"
    box.selectAll()
    qtbot.keyClicks(box, "60")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert canvas.zoom() == pytest.approx(0.6)
    assert box.text() == "60%"
    box.selectAll()
    qtbot.keyClicks(box, "lots")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert canvas.zoom() == pytest.approx(0.6) and box.text() == "60%"
    window.controller.select(["eve"])
    window.actions_by_name["zoom_selection"].trigger()
    view_rect = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    card = window.scene.card_rect("eve")
    assert view_rect.contains(card)
    assert canvas.zoom() == pytest.approx(1.5)  # as close as it goes


def test_the_export_dialog_refuses_a_png_too_large_and_says_why(big, tmp_path, monkeypatch):
    from orgdesigner.qt.export_dialog import ExportDialog

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    # 1,000 people unfolded now fit a legible PNG (wide levels are listed in columns)
    big.controller.replace(generate(5000, seed=1))
    dlg = ExportDialog("chart", big.controller, big)
    dlg.path_edit.setText(str(tmp_path / "all.png"))
    dlg.folded.setChecked(False)
    assert not dlg.export()
    assert "PDF or SVG" in dlg.note.text().replace("\n", " ")
    assert warned and not (tmp_path / "all.png").exists()
    dlg.deleteLater()


def test_every_view_of_a_large_file_opens_folded(big):
    for view in ("teams", "people"):
        big.set_view(view)
        assert 0 < len(big.scene.cards) <= OPENING_CARDS, view
    big.set_view("functions")
    # The columns show people (not only their headers), folded where the other views
    # fold, and the largest columns fold only while that leaves too many cards.
    cards = big.scene.chart.cards
    assert 0 < len(cards) <= OPENING_CARDS
    assert any(c.kind == "person" for c in cards.values())
    # a folded column unfolds one more level from the menu
    head = next(i for i, c in big.scene.cards.items() if c.collapsed_count)
    hidden = big.scene.cards[head].collapsed_count
    before = len(big.scene.cards)
    big.controller.select([big.scene.entity_of(head)])
    big.actions_by_name["expand_more"].trigger()
    assert not big.scene.cards[head].collapsed_count
    # its people are listed, as far down as the people view's folds go
    assert before < len(big.scene.cards) <= before + hidden


def test_the_search_box_unfolds_the_person_it_finds(big, qtbot):
    from orgdesigner.qt.search import SearchPanel

    doc = big.controller.doc
    level = levels(big)
    deep = max(level, key=level.get)
    name = doc.display_name(doc.person(deep))
    panel = SearchPanel(big.controller, big, centre=big.canvas.centre_on)
    panel.open()
    qtbot.keyClicks(panel.edit, name)
    panel.search(panel.edit.text())
    assert panel.choose_current()
    assert big.controller.selection == [deep]
    assert big.scene.card_for(deep) is not None
    panel.deleteLater()
