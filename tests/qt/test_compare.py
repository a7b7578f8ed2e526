"""The compare window as a designer uses it: two variants side by side, in step.

The bundled examples are the same 65 people run as STO teams (product-sto)
and as a three-legged stool (product-stool): 13 product managers and
designers change line manager, and every team changes model.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from orgdesigner.core import io  # noqa: E402
from orgdesigner.core.model import Person  # noqa: E402
from orgdesigner.qt.compare import (  # noqa: E402
    CompareWindow,
    view_centre,
)
from orgdesigner.resources_path import resource  # noqa: E402

STO = resource("examples", "product-sto.orgd")
STOOL = resource("examples", "product-stool.orgd")
ARJUN = "p-arjun-mehta"  # Product Manager on Payments: Hannah Fischer (A), Mei Lin (B)


def shown(qtbot, win: CompareWindow) -> CompareWindow:
    qtbot.addWidget(win)
    win.show_error = lambda title, text: win.errors.append((title, text))  # type: ignore
    win.errors = []  # type: ignore[attr-defined]
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    win.show_start()
    QApplication.processEvents()
    return win


@pytest.fixture
def cw(qtbot) -> CompareWindow:
    return shown(qtbot, CompareWindow(str(STO), str(STOOL)))


def row_for(win: CompareWindow, id_: str, group: str = "Moves"):
    for item in win.rows():
        if item.data(0, Qt.ItemDataRole.UserRole)[1] == id_ and item.parent().text(0).startswith(
            group
        ):
            return item
    raise AssertionError(f"no row about {id_} under {group}")


def click_row(qtbot, win: CompareWindow, item) -> None:
    win.changes.scrollToItem(item)
    rect = win.changes.visualItemRect(item)
    qtbot.mouseClick(win.changes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()


def centred(win: CompareWindow, side: str, id_: str) -> bool:
    rect = win.scenes[side].card_rect(id_)
    assert rect is not None
    centre = view_centre(win.views[side])
    return abs(centre.x() - rect.center().x()) < 2 and abs(centre.y() - rect.center().y()) < 2


def marks(win: CompareWindow, side: str) -> dict[str, str]:
    return {
        i: m.mark.status
        for i, m in win.scenes[side].mark_items.items()
        if m.scene() is win.scenes[side]
    }


# -- opening two files ---------------------------------------------------------------------------


def test_opens_two_files_with_names_changes_and_figures(cw):
    assert cw.panes["a"].title.text() == "Product development - single-threaded owners"
    assert cw.panes["b"].title.text() == "Product development - three-legged stool"
    assert "product-sto.orgd" in cw.panes["a"].detail.text()
    groups = [cw.changes.topLevelItem(i).text(0) for i in range(cw.changes.topLevelItemCount())]
    assert groups[0] == "Moves (13)"
    # Nine teams, of which Reliability is a service team on both: eight change model.
    assert "Teams changed (8)" in groups
    assert row_for(cw, ARJUN).text(0) == (
        "Arjun Mehta (Payments): now reports to their "
        "functional manager Mei Lin (was Hannah Fischer)"
    )
    table = {
        cw.figures.item(r, 0).text(): tuple(cw.figures.item(r, c).text() for c in (1, 2, 3))
        for r in range(cw.figures.rowCount())
    }
    assert table["STO teams"] == ("8", "0", "\u22128")
    assert table["Functional teams"] == ("0", "8", "+8")
    assert table["Positions"] == ("65", "65", "=")
    assert "Moved: new line manager or team (13)" in cw.legend.text()


def test_moved_people_are_outlined_on_both_sides_and_others_are_not(cw):
    a, b = marks(cw, "a"), marks(cw, "b")
    assert a[ARJUN] == b[ARJUN] == "moved"
    assert len([s for s in a.values() if s == "moved"]) == 13
    # Hannah Fischer keeps her manager and team: no outline.
    assert "p-hannah-fischer" not in a and "p-hannah-fischer" not in b
    tip = cw.scenes["b"].mark_items[ARJUN].toolTip()
    assert "now reports to their functional manager Mei Lin" in tip


def test_teams_view_outlines_changed_teams(cw):
    cw.set_view("teams")
    QApplication.processEvents()
    assert marks(cw, "a")["t-payments"] == "changed"
    assert "model sto \u2192 functional" in cw.scenes["a"].mark_items["t-payments"].toolTip()
    # The people with a new line manager are member chips now: they stay on their
    # team, so here they are changed, not moved.
    assert marks(cw, "b")[ARJUN] == "changed"
    assert "Moved: new team, or a team under a new parent (0)" in cw.legend.text()


def test_added_only_on_b_removed_only_on_a(qtbot, tmp_path):
    a = io.load(STO)
    b = a.model_copy(deep=True)
    b.people = [p for p in b.people if p.id != "p-liam-oconnor"]
    b.people.append(
        Person(
            id="p-new",
            name="Nia New",
            role=a.people[-1].role,
            manager="p-hannah-fischer",
            team="t-payments",
        )
    )
    b.forget_index()
    win = shown(qtbot, CompareWindow(a, b, a_label="Today", b_label="Proposal"))
    assert marks(win, "a").get("p-liam-oconnor") == "removed"
    assert "p-liam-oconnor" not in marks(win, "b")
    assert marks(win, "b").get("p-new") == "added"
    assert "p-new" not in marks(win, "a")
    assert win.panes["a"].title.text() == "Today"
    assert win.panes["a"].detail.text().startswith("not saved")
    # The removed person's row finds them on A and says they are not in B.
    click_row(qtbot, win, row_for(win, "p-liam-oconnor", "Removed"))
    assert win.controllers["a"].selection == ["p-liam-oconnor"]
    assert centred(win, "a", "p-liam-oconnor")
    assert win.statusBar().currentMessage() == "Liam O'Connor is not in B"
    # The window never changes the documents it was given.
    assert a.person("p-liam-oconnor") is not None and a.person("p-new") is None


# -- selecting ---------------------------------------------------------------------------------------


def test_click_in_change_list_selects_and_centres_on_both_sides(qtbot, cw):
    click_row(qtbot, cw, row_for(cw, ARJUN))

    assert cw.controllers["a"].selection == [ARJUN]
    assert cw.controllers["b"].selection == [ARJUN]
    assert cw.scenes["a"].cards[ARJUN].selected and cw.scenes["b"].cards[ARJUN].selected
    # The two layouts differ (Arjun sits under Hannah in A, under Mei in B):
    # each side centres its own card.
    ra, rb = cw.scenes["a"].card_rect(ARJUN), cw.scenes["b"].card_rect(ARJUN)
    assert ra != rb
    assert centred(cw, "a", ARJUN) and centred(cw, "b", ARJUN)


def test_team_row_switches_to_the_teams_view(qtbot, cw):
    click_row(qtbot, cw, row_for(cw, "t-growth", "Teams changed"))
    assert cw.current_view() == "teams"
    assert cw.actions_by_name["view_teams"].isChecked()
    assert cw.scenes["a"].cards["t-growth"].selected and cw.scenes["b"].cards["t-growth"].selected
    assert centred(cw, "a", "t-growth") and centred(cw, "b", "t-growth")


def test_function_row_from_the_teams_view_shows_the_functions_view(qtbot, cw):
    cw.set_view("teams")
    cw.show_entity("t-growth")
    rows = [r for r in cw.rows() if r.data(0, Qt.ItemDataRole.UserRole)[0] == "function"]
    if not rows:  # the examples share their functions: check the switch directly
        cw.show_entity("product")
    else:
        click_row(qtbot, cw, rows[0])
    assert cw.current_view() == "functions"
    assert cw.scenes["a"].shown("product")


def test_click_on_a_card_selects_it_on_the_other_side_and_in_the_list(qtbot, cw):
    cw.show_entity("p-hannah-fischer")
    QApplication.processEvents()
    view = cw.views["a"]
    rect = cw.scenes["a"].card_rect(ARJUN)
    view.centerOn(rect.center())
    QApplication.processEvents()
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.mapFromScene(cw.scenes["a"].card_rect(ARJUN).center()),
    )
    QApplication.processEvents()
    assert cw.controllers["a"].selection == [ARJUN]
    assert cw.controllers["b"].selection == [ARJUN]
    assert cw.changes.currentItem() is row_for(cw, ARJUN)


def test_dragging_a_card_changes_nothing(qtbot, cw):
    before = {s: io.dumps(cw.controllers[s].doc) for s in "ab"}
    view = cw.views["a"]
    cw.show_entity(ARJUN)
    QApplication.processEvents()
    start = view.mapFromScene(cw.scenes["a"].card_rect(ARJUN).center())
    target = view.mapFromScene(cw.scenes["a"].card_rect("p-hannah-fischer").center())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 7):
        qtbot.mouseMove(
            view.viewport(),
            QPoint(
                start.x() + (target.x() - start.x()) * i // 6,
                start.y() + (target.y() - start.y()) * i // 6,
            ),
        )
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    QApplication.processEvents()
    assert {s: io.dumps(cw.controllers[s].doc) for s in "ab"} == before
    assert cw.controllers["a"].undo_stack.count() == 0


# -- in step -----------------------------------------------------------------------------------------


def nearest_shared_card(win: CompareWindow, side: str) -> str:
    """The card nearest the centre of ``side``'s view that the other side draws too."""
    other = win.scenes["b" if side == "a" else "a"]
    centre = view_centre(win.views[side])
    best = None
    for item in win.scenes[side].cards.values():
        if other.card_rect(item.ref) is None:
            continue
        c = QRectF(item.pos(), item.rect.size()).center() - centre
        dist = c.x() ** 2 + c.y() ** 2
        if best is None or dist < best[0]:
            best = (dist, item.ref)
    assert best is not None
    return best[1]


def same_subject(win: CompareWindow, id_: str) -> bool:
    """Both views show ``id_``'s card at the same place in their windows."""
    ra, rb = win.scenes["a"].card_rect(id_), win.scenes["b"].card_rect(id_)
    off_a = view_centre(win.views["a"]) - ra.center()
    off_b = view_centre(win.views["b"]) - rb.center()
    assert abs(off_a.x() - off_b.x()) < 3 and abs(off_a.y() - off_b.y()) < 3, (id_, off_a, off_b)
    return True


def test_scrolling_one_side_keeps_the_other_on_the_same_subject(qtbot, cw):
    cw.show_entity(ARJUN)  # Arjun sits elsewhere in each layout
    QApplication.processEvents()
    a, b = cw.views["a"], cw.views["b"]
    assert same_subject(cw, ARJUN)
    before_a = view_centre(a)

    bar = a.horizontalScrollBar()
    bar.setValue(bar.value() - 150)
    vbar = a.verticalScrollBar()
    vbar.setValue(vbar.value() + 40)
    QApplication.processEvents()

    moved_a = view_centre(a) - before_a
    assert moved_a.x() < -50 and moved_a.y() > 10
    # B now shows the card A has in the middle, at the same place.
    assert same_subject(cw, nearest_shared_card(cw, "a"))
    # And back the other way: B leads, A follows.
    bar = b.verticalScrollBar()
    bar.setValue(bar.value() + 300)
    QApplication.processEvents()
    assert same_subject(cw, nearest_shared_card(cw, "b"))


def wheel(view, dy: int, modifiers=Qt.KeyboardModifier.NoModifier, at: QPointF | None = None):
    from PySide6.QtGui import QWheelEvent

    vp = view.viewport()
    pos = at or QPointF(vp.width() / 2, vp.height() / 2)
    ev = QWheelEvent(
        pos,
        view.mapToGlobal(pos.toPoint()).toPointF(),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(vp, ev)


def test_wheel_on_the_right_side_scrolls_the_left_without_drifting(qtbot, cw):
    cw.show_entity(ARJUN)
    QApplication.processEvents()
    a, b = cw.views["a"], cw.views["b"]
    offset = view_centre(a) - view_centre(b)
    before = view_centre(a)
    for _ in range(4):
        wheel(b, -120)  # down
    QApplication.processEvents()
    assert view_centre(a).y() > before.y() + 50
    for _ in range(8):
        wheel(b, 60)  # back up in smaller steps
    QApplication.processEvents()
    after = view_centre(a) - view_centre(b)
    assert abs(after.x() - offset.x()) < 2 and abs(after.y() - offset.y()) < 2


def test_zooming_one_side_zooms_the_other(qtbot, cw):
    a, b = cw.views["a"], cw.views["b"]
    cw.zoom_in()
    assert b.zoom() == pytest.approx(a.zoom())
    b.set_zoom(0.5)
    assert a.zoom() == pytest.approx(0.5)
    # Ctrl+wheel on A, anchored under the mouse.
    vp = a.viewport()
    wheel(
        a, 120, Qt.KeyboardModifier.ControlModifier, QPointF(vp.width() * 0.25, vp.height() * 0.25)
    )
    QApplication.processEvents()
    assert a.zoom() == pytest.approx(0.625)
    assert b.zoom() == pytest.approx(0.625)


def test_collapsing_on_one_side_collapses_both(qtbot, cw):
    hannah = "p-hannah-fischer"
    cw.toggle_collapsed(hannah)
    QApplication.processEvents()
    for s in "ab":
        assert hannah in cw.controllers[s].doc.view.collapsed
        assert ARJUN not in cw.scenes[s].cards or s == "b"
    # The file on disk is not touched by folding.
    assert hannah not in io.load(STO).view.collapsed


# -- files, reports, editing -------------------------------------------------------------------------


def test_a_file_that_cannot_be_read_is_named_not_raised(qtbot, tmp_path):
    bad = tmp_path / "broken.orgd"
    bad.write_text("{ not json", encoding="utf-8")
    win = shown(qtbot, CompareWindow(str(STO), str(bad)))
    assert win.banner.isVisible()
    assert win.banner.text().startswith("B could not be opened: ")
    assert "broken.orgd" in win.banner.text()
    assert win.rows() == []
    assert not win.actions_by_name["export_report"].isEnabled()


def test_export_comparison_report(qtbot, cw, tmp_path):
    out = tmp_path / "report.pdf"
    cw.choose_report_path = lambda: str(out)  # type: ignore[method-assign]
    cw.actions_by_name["export_report"].trigger()
    assert out.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Arjun Mehta" in text and "product-stool.orgd" in text
    assert cw.errors == []


def test_open_for_editing_emits_when_someone_listens(qtbot, cw):
    with qtbot.waitSignal(cw.openForEditing) as blocker:
        qtbot.mouseClick(cw.panes["b"].edit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["b"]


def test_open_for_editing_alone_opens_a_main_window_on_the_file(qtbot, cw):
    from orgdesigner.qt.main_window import MainWindow

    cw.editor = MainWindow  # what the app gives a comparison it opens on its own
    win = cw.open_variant_for_editing("b")
    assert win is not None
    qtbot.addWidget(win)
    assert win.controller.path == STOOL
    assert win.controller.doc.name == "Product development - three-legged stool"
    assert not win.controller.modified


# -- the main window's commands ------------------------------------------------------------------------


def test_menus_offer_compare_and_generate(main):
    win, actions = main
    file_texts = [a.text() for a in win.menus["file"].actions()]
    assert "Compare &with\u2026" in file_texts
    assert file_texts.index("Compare &with\u2026") == file_texts.index("Save &As\u2026") + 1
    tools = [a.text() for a in win.menus["tools"].actions()]
    assert "Generate &STO variant" in tools
    assert "Generate three-legged-&stool variant" in tools
    assert win.compare is actions


def test_generate_sto_variant_opens_beside_the_original(qtbot, main):
    win, actions = main
    actions.to_sto.trigger()
    cw = actions.windows[-1]
    qtbot.addWidget(cw)
    assert cw.controllers["a"].doc.name == "Product development - three-legged stool"
    assert cw.controllers["b"].doc.name.endswith("(STO variant)")
    # Every team but the service team (Reliability) is now single-threaded.
    assert {t.model for t in cw.controllers["b"].doc.teams} == {"sto", "service"}
    assert cw.panes["b"].detail.text().startswith("generated STO proposal, not saved \u00b7 ")
    assert cw.panes["a"].detail.text().startswith("open in the main window \u00b7 stool.orgd")
    assert len(cw.diff.moves) == 13
    assert row_for(cw, ARJUN).text(0).startswith("Arjun Mehta (Payments): now reports to ")
    # The main window's document is untouched until the designer decides.
    assert win.controller.doc.name == "Product development - three-legged stool"
    assert not cw.panes["a"].edit_button.isVisibleTo(cw)


def test_open_generated_variant_for_editing_replaces_as_unsaved(qtbot, main):
    win, actions = main
    path = win.controller.path
    cw = actions.generate("sto")
    qtbot.addWidget(cw)
    qtbot.mouseClick(cw.panes["b"].edit_button, Qt.MouseButton.LeftButton)
    assert win.controller.doc.name.endswith("(STO variant)")
    assert win.controller.path is None and win.controller.modified
    assert {t.model for t in win.controller.doc.teams} == {"sto", "service"}
    # On disk the stool file is as it was.
    assert io.load(path).name == "Product development - three-legged stool"


def test_unsaved_changes_prompt_can_cancel_opening_the_variant(qtbot, main):
    win, actions = main
    from orgdesigner.core import ops

    assert win.controller.do(ops.SetField("team", "t-growth", "name", "Growth!"))
    asked = []
    win.ask_save_changes = lambda: asked.append(1) or "cancel"  # type: ignore[method-assign]
    cw = actions.generate("sto")
    qtbot.addWidget(cw)
    # The snapshot of the open document, unsaved edits included, is side A.
    assert cw.controllers["a"].doc.team("t-growth").name == "Growth!"
    assert cw.panes["a"].title.text().endswith("(unsaved changes)")
    cw.open_variant_for_editing("b")
    assert asked == [1]
    assert win.controller.doc.name == "Product development - three-legged stool"
    assert win.controller.doc.team("t-growth").name == "Growth!"
    win.ask_save_changes = lambda: "discard"  # type: ignore[method-assign]


def test_compare_with_a_file(qtbot, main):
    win, actions = main
    actions.choose_path = lambda: str(STO)  # type: ignore[method-assign]
    actions.compare_with.trigger()
    cw = actions.windows[-1]
    qtbot.addWidget(cw)
    # The chosen file is A, before; the draft open in the main window is B, after.
    assert cw.paths["a"] == STO
    assert cw.panes["a"].title.text() == "product-sto.orgd (before)"
    assert cw.panes["b"].title.text() == "Draft (after)"
    assert cw.panes["b"].detail.text().startswith("open in the main window")
    assert cw.controllers["b"].doc.name == "Product development - three-legged stool"
    assert len(cw.diff.moves) == 13


def test_compare_with_buttons_go_back_to_the_draft_or_open_the_file(qtbot, main):
    win, actions = main
    actions.choose_path = lambda: str(STO)  # type: ignore[method-assign]
    cw = actions.compare_with_dialog()
    qtbot.addWidget(cw)
    assert cw.panes["b"].edit_button.text() == "Back to editing"
    qtbot.mouseClick(cw.panes["b"].edit_button, Qt.MouseButton.LeftButton)
    assert win.controller.doc.name == "Product development - three-legged stool"  # untouched
    qtbot.mouseClick(cw.panes["a"].edit_button, Qt.MouseButton.LeftButton)
    assert win.controller.path == STO
    assert win.controller.doc.name == "Product development - single-threaded owners"


def test_compare_with_the_saved_file_shows_a_new_vacancy_as_added(qtbot, main):
    from orgdesigner.core import ops

    win, actions = main
    doc = win.controller.doc
    assert win.controller.do(ops.add_vacancy(doc, doc.person(ARJUN).role, team="t-payments"))
    new = next(p.id for p in win.controller.doc.people if p.id.startswith("vacancy-"))
    actions.choose_path = lambda: str(win.controller.path)  # type: ignore[method-assign]
    actions.compare_with.trigger()
    cw = actions.windows[-1]
    qtbot.addWidget(cw)
    assert cw.panes["a"].title.text() == "stool.orgd (before)"
    assert cw.panes["b"].title.text() == "Draft (after)"
    assert "unsaved changes" in cw.panes["b"].detail.text()
    assert cw.windowTitle() == "Compare: stool.orgd (before) \u2194 Draft (after)"
    groups = [cw.changes.topLevelItem(i).text(0) for i in range(cw.changes.topLevelItemCount())]
    assert groups[0] == "Added (only in B) (1)"
    assert not any(g.startswith("Removed") for g in groups)
    row = row_for(cw, new, "Added")
    assert row.text(0).startswith("Open: Product Manager (open position)")
    assert marks(cw, "b") == {new: "added"} and marks(cw, "a") == {}
    assert "Added: only in B (1)" in cw.legend.text()
    assert cw.scenes["b"].mark_items[new].toolTip().startswith("Added in B: Open: Product Manager")


def test_compare_with_a_broken_file_says_why(qtbot, main, tmp_path):
    win, actions = main
    bad = tmp_path / "bad.orgd"
    bad.write_text("[]", encoding="utf-8")
    actions.choose_path = lambda: str(bad)  # type: ignore[method-assign]
    actions.compare_with.trigger()
    assert actions.windows == []
    assert win.errors and win.errors[0][0] == "Cannot compare with this file"


# -- a small edit: one person moved, one open position, one team renamed ------------------------

MOVED = "p-sara-lindqvist"  # Product Manager on Growth, moved to Mobile


@pytest.fixture
def edited(qtbot) -> tuple[CompareWindow, str]:
    from orgdesigner.core import ops

    a = io.load(STO)
    b = io.load(STO)
    for op in (
        ops.move_to_team(b, MOVED, "t-mobile"),
        ops.add_vacancy(b, b.person(ARJUN).role, team="t-payments"),
        ops.edit(b, "team", "t-lifecycle", name="Lifecycle & Retention"),
    ):
        op.apply(b)
    (vacancy,) = [p.id for p in b.people if p.vacant and a.person(p.id) is None]
    return shown(qtbot, CompareWindow(a, b, a_label="Before", b_label="After")), vacancy


def press(qtbot, win: CompareWindow, name: str) -> None:
    """Click the toolbar button of action ``name``, as a user would."""
    button = win.toolbar.widgetForAction(win.actions_by_name[name])
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def visible_rect(win: CompareWindow, side: str):
    view = win.views[side]
    return view.mapToScene(view.viewport().rect()).boundingRect()


@pytest.mark.parametrize("view", ["people", "teams", "functions"])
def test_fit_shows_both_charts_whole_in_every_view(qtbot, edited, view):
    win, _ = edited
    press(qtbot, win, f"view_{view}")
    for _ in range(3):
        press(qtbot, win, "zoom_in")  # close in, so the charts overflow their panes
    for s in "ab":
        assert not visible_rect(win, s).contains(win.scenes[s].chart_rect())
    press(qtbot, win, "fit")
    for s in "ab":
        chart = win.scenes[s].chart_rect()
        assert not chart.isEmpty()
        assert visible_rect(win, s).contains(chart), (view, s)
        # With room to spare: no card touches the pane's edge.
        view_ = win.views[s]
        on_screen = view_.mapFromScene(chart).boundingRect()
        assert view_.viewport().rect().adjusted(10, 10, -10, -10).contains(on_screen)
    # One zoom for both sides, so cards compare at the same size.
    assert win.views["a"].zoom() == pytest.approx(win.views["b"].zoom())


def test_fit_keeps_the_panes_in_step_afterwards(qtbot, edited):
    win, _ = edited
    press(qtbot, win, "fit")
    for _ in range(3):
        press(qtbot, win, "zoom_in")
    assert win.views["a"].zoom() == pytest.approx(win.views["b"].zoom())
    bar = win.views["a"].verticalScrollBar()
    bar.setValue(bar.value() + 150)
    QApplication.processEvents()
    assert same_subject(win, nearest_shared_card(win, "a"))


def test_both_panes_open_on_the_same_subject(qtbot):
    # The stool layout differs from the STO one below the top: both sides still
    # open on the same card, at the same place in each pane.
    win = shown(qtbot, CompareWindow(str(STO), str(STOOL)))
    root = win.common_root()
    assert root == "p-amara-okafor"
    assert win.views["a"].zoom() == pytest.approx(win.views["b"].zoom())
    assert same_subject(win, root)
    for s in "ab":
        assert visible_rect(win, s).contains(win.scenes[s].card_rect(root))


def test_only_what_changed_is_outlined_in_each_view(qtbot, edited):
    win, vacancy = edited
    assert marks(win, "a") == {MOVED: "moved"}
    assert marks(win, "b") == {MOVED: "moved", vacancy: "added"}
    assert "Moved: new line manager or team (1)" in win.legend.text()
    assert "Added: only in B (1)" in win.legend.text()

    press(qtbot, win, "view_teams")
    # The renamed team is changed; the moved person's chip moved; the new
    # position's chip is added; no other team is outlined.
    assert marks(win, "a") == {MOVED: "moved", "t-lifecycle": "changed"}
    assert marks(win, "b") == {MOVED: "moved", "t-lifecycle": "changed", vacancy: "added"}
    assert win.scenes["a"].mark_items["t-lifecycle"].where == "team"
    assert win.scenes["b"].mark_items[MOVED].where == "chip"
    assert "Changed: other fields (1)" in win.legend.text()
    assert "Moved: new team, or a team under a new parent (1)" in win.legend.text()

    press(qtbot, win, "view_functions")
    # Sara keeps her functional manager: her card has not moved in this view.
    assert marks(win, "b") == {MOVED: "changed", vacancy: "added"}
    assert "Moved: new function or functional manager (0)" in win.legend.text()


def test_outline_colours_are_the_palettes_and_removed_is_dashed(qtbot, edited):
    from orgdesigner.core.palette import CHANGE_COLOURS, SEVERITY_COLOURS

    win, vacancy = edited
    item = win.scenes["b"].mark_items[vacancy]
    assert item.colour.name() == CHANGE_COLOURS["added"].accent
    swatch = win.legend.findChild(QLabel, "swatch_removed")
    assert "dashed" in swatch.styleSheet()
    for status in ("moved", "added", "removed", "changed"):
        assert CHANGE_COLOURS[status].accent != SEVERITY_COLOURS["error"]


def test_a_view_without_changes_says_so_in_the_legend(qtbot):
    doc = io.load(STO)
    win = shown(qtbot, CompareWindow(doc, doc.model_copy(deep=True)))
    assert marks(win, "a") == {} and marks(win, "b") == {}
    assert "nothing changed" in win.legend.hint.text()
    assert win.legend.hint.isVisible()


def test_a_tall_view_left_behind_does_not_stretch_the_next_one(qtbot, edited):
    # The Functions view is far taller than the People view: back in People,
    # the panes must not scroll on into the empty space it left.
    from orgdesigner.qt.canvas.readonly import SCENE_MARGIN

    win, _ = edited
    press(qtbot, win, "view_functions")
    tall = win.scenes["a"].sceneRect().height()
    press(qtbot, win, "view_people")
    press(qtbot, win, "fit")
    charts = win.scenes["a"].chart_rect().united(win.scenes["b"].chart_rect())
    for s in "ab":
        rect = win.scenes[s].sceneRect()
        assert rect.height() == pytest.approx(charts.height() + 2 * SCENE_MARGIN)
        assert rect.height() < tall


def test_an_empty_side_says_so_instead_of_staying_blank(qtbot):
    from orgdesigner.core.model import Document

    win = shown(qtbot, CompareWindow(Document.new("Empty start"), io.load(STO)))
    hint = win.panes["a"].empty
    assert (
        hint.isVisible() and hint.text() == "A has no people: nothing to draw in the People view."
    )
    assert not win.panes["b"].empty.isVisible()
    # The legend counts what this view draws: 65 people, not the roles and functions too.
    assert "Added: only in B (65)" in win.legend.text()
    press(qtbot, win, "view_teams")
    assert "Added: only in B (74)" in win.legend.text()  # and the nine teams
    assert hint.text() == "A has no teams: nothing to draw in the Teams view."
    # Everything B has is new: outlined as added, nothing as removed.
    assert set(marks(win, "b").values()) == {"added"} and marks(win, "a") == {}
