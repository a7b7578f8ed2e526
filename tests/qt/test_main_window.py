"""The main window: files and title, findings dock, views, context menu, exports, start-up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from orgdesigner.core import io  # noqa: E402
from orgdesigner.core.model import Document  # noqa: E402

# -- title, files, unsaved changes -------------------------------------------------------------


def test_title_shows_name_and_modified_mark(window):
    assert window.windowTitle() == "Test org (org.orgd)[*]"
    assert not window.isWindowModified()
    window.controller.do(window_ops().set_manager(window.controller.doc, "eve", "ann"))
    assert window.isWindowModified()
    window.controller.undo_stack.undo()
    assert not window.isWindowModified()


def window_ops():
    from orgdesigner.core import ops

    return ops


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, tmp_path):
    ops = window_ops()
    window.controller.do(ops.set_manager(window.controller.doc, "eve", "ann"))
    asked = []
    window.ask_save_changes = lambda: asked.append(1) or "cancel"
    assert not window.close()
    assert asked and window.isVisible()

    window.ask_save_changes = lambda: "save"
    assert window.close()
    saved = io.load(tmp_path / "org.orgd")
    assert saved.person("eve").manager == "ann"


def test_open_asks_about_unsaved_changes_first(window, tmp_path):
    ops = window_ops()
    other = tmp_path / "other.orgd"
    io.save(Document.new("Other"), other)
    window.controller.do(ops.set_manager(window.controller.doc, "eve", "ann"))
    window.ask_save_changes = lambda: "cancel"
    window.choose_open_path = lambda: str(other)
    window.open_dialog()
    assert window.controller.doc.name == "Test org"
    window.ask_save_changes = lambda: "discard"
    window.open_dialog()
    assert window.controller.doc.name == "Other"
    assert window.windowTitle() == "Other (other.orgd)[*]"
    assert not window.scene.cards
    assert window.empty_hint.isVisible()
    assert "empty" in window.empty_hint.text()


def test_a_file_that_cannot_be_read_is_explained_and_nothing_changes(window, tmp_path):
    bad = tmp_path / "bad.orgd"
    bad.write_text('{"format": "orgdesigner", "version": 1, "people": [{"id": 3}]}')
    before = io.dumps(window.controller.doc)
    assert not window.open_path(str(bad))
    assert window.errors and window.errors[0][0] == "Cannot open this file"
    assert "people[0].id" in window.errors[0][1]
    assert io.dumps(window.controller.doc) == before


def test_save_as_writes_a_new_variant_and_remembers_it(window, tmp_path):
    target = tmp_path / "variant-b"
    window.choose_save_path = lambda: str(target) + ".orgd"
    window.controller.do(window_ops().set_manager(window.controller.doc, "eve", "ann"))
    assert window.save_as()
    assert io.load(str(target) + ".orgd").person("eve").manager == "ann"
    assert window.windowTitle() == "Test org (variant-b.orgd)[*]"
    assert not window.isWindowModified()
    assert window.recent_files()[0] == str(Path(str(target) + ".orgd").resolve())
    assert window.recent_files()[1] == str((tmp_path / "org.orgd").resolve())


def test_recent_menu_lists_files_and_reopens_them(window, tmp_path):
    other = tmp_path / "other.orgd"
    io.save(Document.new("Other"), other)
    window.open_path(str(other))
    window._fill_recent()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts[:2] == ["&1 other.orgd", "&2 org.orgd"]
    window.recent_menu.actions()[1].trigger()
    assert window.controller.doc.name == "Test org"


def test_new_document_is_empty_and_untitled(window):
    window.new_document()
    assert window.controller.doc.people == []
    assert window.controller.path is None
    assert window.windowTitle().startswith("Untitled organisation")


# -- findings -------------------------------------------------------------------------------


def test_findings_dock_groups_by_severity_and_rule_and_counts_in_status_bar(window):
    dock = window.findings_dock
    top = [dock.model.item(r).text() for r in range(dock.model.rowCount())]
    assert top == ["Warnings (5)", "Information (2)"]
    warnings = dock.model.item(0)
    rules = [warnings.child(r).text() for r in range(warnings.rowCount())]
    assert rules == ["ORG-SPAN (1)", "STO-CROSS-FUNCTIONAL (1)", "TEAM-SIZE (3)"]
    assert window.counter.text() == "0 errors  \u00b7  5 warnings  \u00b7  2 info"


def test_clicking_a_finding_selects_and_centres_its_subject(window, qtbot):
    dock = window.findings_dock
    rows = dock.finding_indexes()
    index = next(i for i in rows if dock.finding_at(i).subjects == ("dan",))
    # Look elsewhere first, so centring has something to do.
    window.canvas.centre_on("pat")
    dock.tree.scrollTo(index)
    rect = dock.tree.visualRect(index)
    qtbot.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.selection == ["dan"]
    assert window.scene.cards["dan"].selected
    visible = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    card = window.scene.card_rect("dan")
    assert visible.contains(card.center())
    assert abs(visible.center().x() - card.center().x()) < 2


def test_clicking_a_finding_shows_its_suggested_fix(window, qtbot):
    dock = window.findings_dock
    assert dock.suggestion.isHidden()
    index = next(i for i in dock.finding_indexes() if dock.finding_at(i).subjects == ("dan",))
    finding = dock.finding_at(index)
    assert finding.fix  # ORG-SPAN says what to do
    dock.tree.scrollTo(index)
    qtbot.mouseClick(
        dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=dock.tree.visualRect(index).center()
    )
    assert dock.suggestion.isVisible()
    assert dock.suggestion.text() == f"Suggestion: {finding.fix[0].upper()}{finding.fix[1:]}."
    assert "Suggestion:" in index.data(Qt.ItemDataRole.ToolTipRole)
    # A group row has no suggestion.
    group = dock.proxy.index(0, 0)
    qtbot.mouseClick(
        dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=dock.tree.visualRect(group).center()
    )
    assert dock.suggestion.isHidden()


def test_finding_about_a_team_in_the_people_view_points_to_the_teams_view(window, qtbot):
    dock = window.findings_dock
    index = next(i for i in dock.finding_indexes() if dock.finding_at(i).subjects == ("t-pay",))
    dock.tree.scrollTo(index)
    qtbot.mouseClick(
        dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=dock.tree.visualRect(index).center()
    )
    assert window.controller.selection == ["t-pay"]
    assert "Teams view" in window.statusBar().currentMessage()
    window.set_view("teams")
    assert window.scene.cards["t-pay"].selected


def test_findings_update_after_an_edit_and_badges_follow(window):
    ops = window_ops()
    doc = window.controller.doc
    assert window.scene.cards["dan"].warnings == 1  # ORG-SPAN: one report
    window.controller.do(ops.set_manager(doc, "cy", "dan"))
    window.controller.do(ops.set_manager(doc, "bob", "dan"))
    assert window.scene.cards["dan"].warnings == 0
    assert window.scene.cards["bob"].errors == 1  # STO-REPORTS: Payments' owner is Ann
    texts = [
        window.findings_dock.model.item(r).text()
        for r in range(window.findings_dock.model.rowCount())
    ]
    assert texts[0].startswith("Errors (")
    assert window.counter.summary["error"] >= 1


def test_waive_a_finding_from_its_context_menu_and_undo(window, qtbot):
    from PySide6.QtWidgets import QMenu

    dock = window.findings_dock
    index = next(i for i in dock.finding_indexes() if dock.finding_at(i).subjects == ("dan",))
    finding = dock.finding_at(index)
    dock.ask_reason = lambda f: "Dan's team is being hired"
    menu = QMenu()
    dock.build_menu(menu, finding)
    waive = next(a for a in menu.actions() if a.text() == "Waive this finding...")
    waive.trigger()

    waivers = window.controller.doc.rules.waivers
    assert [(w.rule, w.subject, w.reason) for w in waivers] == [
        ("ORG-SPAN", "dan", "Dan's team is being hired")
    ]
    assert [f.waived for f in window.controller.report.about("dan")] == [True]
    assert window.counter.summary["waived"] == 1
    top = [dock.model.item(r).text() for r in range(dock.model.rowCount())]
    assert top == ["Warnings (4)", "Information (2)", "Waived (1)"]
    assert window.scene.cards["dan"].warnings == 0
    assert window.controller.undo_stack.text(0) == "Waive ORG-SPAN for Dan Dorsey"
    window.controller.undo_stack.undo()
    assert window.controller.doc.rules.waivers == []
    assert window.scene.cards["dan"].warnings == 1


def test_next_finding_walks_the_list_and_centres_each_subject(window):
    window.step_finding(1)
    first = list(window.controller.selection)
    window.step_finding(1)
    second = list(window.controller.selection)
    assert first == ["dan"] and second == ["t-chk"]


# -- views -------------------------------------------------------------------------------------


def test_switching_views_keeps_the_selection(window, qtbot):
    window.controller.select(["bob"])
    window.actions_by_name["view_teams"].trigger()
    assert window.current_view() == "teams"
    assert window.controller.selection == ["bob"]
    assert window.scene.cards["t-pay"].selected_chips == {"bob"}
    visible = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.card_rect("bob").center())
    window.actions_by_name["view_functions"].trigger()
    assert window.controller.selection == ["bob"]
    window.actions_by_name["view_people"].trigger()
    assert window.scene.cards["bob"].selected


def test_view_shortcuts_switch_views(window, qtbot):
    window.canvas.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "teams"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "functions"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "people"


def test_zoom_and_fit(window):
    window.canvas.reset_zoom()
    assert window.canvas.zoom() == pytest.approx(1.0)
    window.actions_by_name["zoom_in"].trigger()
    assert window.canvas.zoom() == pytest.approx(1.25)
    assert window.zoom_label.text() == "125%"
    window.actions_by_name["fit"].trigger()
    visible = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.chart_rect())


def test_colour_modes_change_cards_and_legend(window):
    item = window.scene.cards["dan"]
    by_function = item.band_colour().name()
    window.set_colour_mode("findings")
    assert item.band_colour().name() == window.scene.style.severity_colour("warning").name()
    assert window.legend.title == "Colour: Findings"
    window.set_colour_mode("model")
    assert item.band_colour().name() == window.scene.style.model_colour("sto").name()
    window.set_colour_mode("function")
    assert item.band_colour().name() == by_function
    assert [e[2] for e in window.legend.entries][:2] == ["Engineering", "Product"]


def test_big_charts_paint_less_when_zoomed_out(window):
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    from orgdesigner.qt.canvas import items

    item = window.scene.cards["dan"]
    calls = {"text": 0}
    original = item._paint_text

    def counting(*args, **kwargs):
        calls["text"] += 1
        return original(*args, **kwargs)

    item._paint_text = counting
    titles = {"n": 0}
    title = item._paint_title

    def counting_title(*args, **kwargs):
        titles["n"] += 1
        return title(*args, **kwargs)

    item._paint_title = counting_title
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    # Far out: a block; a little closer: the name alone, drawn large; close: everything.
    for scale, text, name in ((0.1, 0, 0), (0.4, 0, 1), (2.0, 1, 1)):
        p = QPainter(image)
        p.scale(scale, scale)
        item.paint(p, QStyleOptionGraphicsItem(), None)
        p.end()
        assert (calls["text"], titles["n"]) == (text, name), scale
    assert items.FAR < 0.4 < items.NEAR
    size, lines = item._title
    assert size * 0.4 >= 8.5  # readable on screen at 40 %
    assert lines and lines[0].static.text().startswith("Dan")


# -- editing from the menus ---------------------------------------------------------------------


def menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_context_menu_of_a_person(window):
    texts = menu_texts(window.context_menu("bob", "person"))
    assert texts == [
        "Add report to Bob Baker\u2026",
        "Add peer of Bob Baker\u2026",
        "Add vacancy under Bob Baker\u2026",
        "Add team owned by Bob Baker\u2026",
        "Make owner of Payments",
        "Delete Bob Baker\u2026",
    ]
    assert "Collapse subtree" in menu_texts(window.context_menu("ann", "person"))


def test_add_report_from_the_context_menu(window):
    window.ask_text = lambda *a, **k: "Nora New"
    menu = window.context_menu("ann", "person")
    next(a for a in menu.actions() if a.text().startswith("Add report")).trigger()
    nora = next(p for p in window.controller.doc.people if p.name == "Nora New")
    assert (nora.manager, nora.team) == ("ann", "t-pay")
    assert window.controller.selection == [nora.id]
    assert nora.id in window.scene.cards
    assert window.controller.undo_stack.text(0) == "Add Nora New"


def test_add_vacancy_with_the_role_picker(window):
    window.ask_role = lambda *a: "pm"
    menu = window.context_menu("t-chk", "team")
    next(a for a in menu.actions() if a.text().startswith("Add vacancy")).trigger()
    vac = [p for p in window.controller.doc.people if p.vacant]
    assert [(p.role, p.team, p.manager) for p in vac] == [("pm", "t-chk", "dan")]
    assert "STO-CROSS-FUNCTIONAL" not in {f.rule for f in window.controller.report.findings}


def test_role_picker_tells_apart_roles_with_the_same_title(window, monkeypatch):
    from orgdesigner.core.model import Role
    from orgdesigner.qt import main_editing

    doc = window.controller.doc
    doc.roles.append(Role(id="eng2", title="Software Engineer", function="engineering"))
    doc.forget_index()
    shown = []

    def pick_last(parent, title, label, items, current, editable):
        shown.extend(items)
        return items[-1], True

    monkeypatch.setattr(main_editing.QInputDialog, "getItem", pick_last)
    assert window.ask_role() == "eng2"
    assert len(set(shown)) == len(shown) == len(doc.roles)


def test_make_owner_from_the_context_menu(window):
    menu = window.context_menu("bob", "person")
    next(a for a in menu.actions() if a.text() == "Make owner of Payments").trigger()
    doc = window.controller.doc
    assert doc.team("t-pay").owner == "bob"
    # On an STO team everyone reports to the owner, the former owner included.
    assert {p.id for p in doc.people if p.manager == "bob"} == {"ann", "cy", "pat"}


def test_delete_confirms_with_the_consequences_and_undo_brings_back(window):
    before = io.dumps(window.controller.doc)
    asked = []

    def confirm(title, lines):
        asked.append((title, lines))
        return True

    window.confirm_delete = confirm
    window.controller.select(["ann"])
    window.actions_by_name["delete"].trigger()
    assert asked == [
        (
            "Delete Ann Archer",
            [
                "3 direct report(s) will report to Carla Diaz.",
                "Team(s) left without an owner: Payments.",
            ],
        )
    ]
    doc = window.controller.doc
    assert doc.person("ann") is None and doc.person("bob").manager == "cto"
    assert "ann" not in window.scene.cards
    assert window.controller.selection == []
    window.controller.undo_stack.undo()
    assert io.dumps(window.controller.doc) == before


def test_delete_refused_at_the_confirmation_changes_nothing(window):
    before = io.dumps(window.controller.doc)
    window.confirm_delete = lambda title, lines: False
    window.controller.select(["t-pay", "eve"])
    assert not window.delete_selected()
    assert io.dumps(window.controller.doc) == before


def test_delete_several_is_one_step(window):
    before = io.dumps(window.controller.doc)
    window.confirm_delete = lambda title, lines: True
    window.controller.select(["t-pay", "eve", "ann"])
    assert window.delete_selected()
    doc = window.controller.doc
    assert doc.team("t-pay") is None and doc.person("eve") is None and doc.person("ann") is None
    assert window.controller.undo_stack.count() == 1
    window.controller.undo_stack.undo()
    assert io.dumps(window.controller.doc) == before


def test_history_view_lists_the_steps(window):
    ops = window_ops()
    window.controller.do(ops.set_manager(window.controller.doc, "eve", "ann"))
    model = window.history.model()
    assert model.rowCount() == 2
    assert model.index(1, 0).data() == "Eve Evans reports to Ann Archer"


def test_expand_all_and_collapse_from_the_menu(window):
    window.controller.select(["ann"])
    window.actions_by_name["collapse"].trigger()
    assert "bob" not in window.scene.cards
    assert window.scene.cards["ann"].collapsed_count == 3
    window.actions_by_name["expand_all"].trigger()
    assert "bob" in window.scene.cards


# -- import and export ---------------------------------------------------------------------------


def test_export_roles_and_findings(window, tmp_path):
    from orgdesigner.qt.export_dialog import ExportDialog

    for kind, name in (("roles", "roles.md"), ("findings", "findings.pdf")):
        dlg = ExportDialog(kind, window.controller, window)
        dlg.path_edit.setText(str(tmp_path / name))
        assert dlg.problem() is None
        assert dlg.export(), dlg.note.text()
        assert (tmp_path / name).stat().st_size > 0
        dlg.deleteLater()
    text = (tmp_path / "roles.md").read_text(encoding="utf-8")
    assert "Software Engineer" in text


def test_export_that_fails_unexpectedly_gives_the_cursor_back(window, tmp_path, monkeypatch):
    from orgdesigner import export
    from orgdesigner.qt.export_dialog import ExportDialog

    def broken(*args, **kwargs):
        raise RuntimeError("broken exporter")

    monkeypatch.setattr(export, "export_roles", broken)
    dlg = ExportDialog("roles", window.controller, window)
    dlg.path_edit.setText(str(tmp_path / "roles.md"))
    with pytest.raises(RuntimeError):
        dlg.export()
    # Not left on the hourglass for the rest of the session.
    assert QApplication.overrideCursor() is None
    dlg.deleteLater()


def test_export_chart_dialog_options_follow_the_suffix(window, tmp_path):
    from orgdesigner.qt.export_dialog import ExportDialog

    dlg = ExportDialog("chart", window.controller, window, view="teams")
    assert dlg.options()["view"] == "teams"
    dlg.path_edit.setText(str(tmp_path / "chart.svg"))
    assert dlg.format_box.currentData() == ".svg"
    assert not dlg.page_box.isEnabled()
    dlg.path_edit.setText(str(tmp_path / "chart.doc"))
    assert dlg.problem() is not None and not dlg.export_button.isEnabled()
    dlg.path_edit.setText(str(tmp_path / "chart.pdf"))
    dlg.page_box.setCurrentIndex(dlg.page_box.findData("a3"))
    assert dlg.options()["page"] == "a3"
    assert dlg.export(), dlg.note.text()
    assert (tmp_path / "chart.pdf").read_bytes().startswith(b"%PDF")


def test_import_opens_the_result_as_a_new_unsaved_document(window, tmp_path, monkeypatch):
    from orgdesigner.qt import import_dialog

    src = tmp_path / "hr.csv"
    src.write_text("id,name,manager,title\n1,Ada,,CEO\n2,Ben,1,Engineer\n", encoding="utf-8")

    class Accepting(import_dialog.ImportDialog):
        def exec(self) -> int:  # the user clicks OK at once
            return 1

    monkeypatch.setattr(import_dialog, "ImportDialog", Accepting)
    assert window.import_from(str(src))
    doc = window.controller.doc
    assert sorted(p.name for p in doc.people) == ["Ada", "Ben"]
    assert window.controller.path is None and window.controller.modified
    assert window.isWindowModified()


def test_import_of_a_file_with_a_stray_quote_is_refused_naming_the_line(
    window, tmp_path, monkeypatch
):
    from orgdesigner.qt import import_dialog

    src = tmp_path / "q.csv"
    src.write_text('id,name,manager,dept\n1,Ann,,"Sales\n2,Bob,1,Eng\n3,Cy,1,Eng\n', "utf-8")

    class Accepting(import_dialog.ImportDialog):
        def exec(self) -> int:
            return 1

    monkeypatch.setattr(import_dialog, "ImportDialog", Accepting)
    before = window.controller.doc
    assert not window.import_from(str(src))
    assert window.errors == [
        ("Cannot import this file", "q.csv: line 2: a quote opened here is never closed")
    ]
    assert window.controller.doc is before


# -- start-up ---------------------------------------------------------------------------------


def test_app_opens_the_bundled_example_as_a_template(qtbot):
    from orgdesigner.qt import app as app_module

    win = app_module.open_windows([])
    qtbot.addWidget(win)
    example = io.load(app_module.example_path())
    assert win.controller.doc.name == example.name
    assert win.controller.path is None  # Save asks where: never over the bundled file
    assert len(win.scene.cards) == len(example.people)


def test_app_opens_one_file_for_editing_and_two_side_by_side(qtbot, tmp_path):
    from orgdesigner.core.model import Document as Doc
    from orgdesigner.qt import app as app_module
    from orgdesigner.qt.compare import CompareWindow

    a, b = tmp_path / "a.orgd", tmp_path / "b.orgd"
    io.save(Doc.new("A"), a)
    io.save(Doc.new("B"), b)
    win = app_module.open_windows([str(a)])
    qtbot.addWidget(win)
    assert win.controller.doc.name == "A"
    assert win.controller.path == a
    pair = app_module.open_windows([str(a), str(b)])
    qtbot.addWidget(pair)
    assert isinstance(pair, CompareWindow)
    assert (pair.variant("a").name, pair.variant("b").name) == ("A", "B")


def test_menus_and_extension_points(window):
    assert set(window.menus) == {"file", "edit", "view", "tools", "help"}
    assert window.current_view() == "people"
    from PySide6.QtWidgets import QLabel

    dock = window.add_dock(QLabel("panel"), Qt.DockWidgetArea.LeftDockWidgetArea)
    assert dock.widget().text() == "panel"
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    undo = window.actions_by_name["undo"]
    from PySide6.QtGui import QKeySequence

    assert QKeySequence(QKeySequence.StandardKey.Undo) in undo.shortcuts()


def test_workbench_is_installed_when_present(qtbot):
    import importlib.util

    if importlib.util.find_spec("orgdesigner.qt.workbench") is None:
        pytest.skip("no workbench in this installation")
    from orgdesigner.qt.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert getattr(win, "workbench", None) is not None
    QApplication.processEvents()


def test_scene_rect_leaves_room_around_the_chart(window):
    chart = window.scene.chart_rect()
    assert not chart.isEmpty()
    assert window.scene.sceneRect().contains(chart.adjusted(-100, -100, 100, 100))


def test_far_out_one_item_paints_every_card_and_clicks_still_find_them(window, qtbot):
    from PySide6.QtWidgets import QGraphicsItem

    no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    window.canvas.set_zoom(0.05)
    scene = window.scene
    assert scene.overview is not None
    assert all(item.flags() & no_contents for item in scene.cards.values())
    window.canvas.centerOn(scene.card_rect("dan").center())
    QApplication.processEvents()
    qtbot.mouseClick(
        window.canvas.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.canvas.mapFromScene(scene.card_rect("dan").center()),
    )
    assert window.controller.selection == ["dan"]
    # An edit while far out: the new card joins the overview, without contents of its own.
    from orgdesigner.core import ops
    from orgdesigner.core.model import Person

    doc = window.controller.doc
    window.controller.do(ops.add_person(doc, Person(id="nora", name="Nora New", manager="dan")))
    assert scene.overview is not None
    assert scene.cards["nora"].flags() & no_contents
    window.canvas.set_zoom(1.0)
    assert scene.overview is None
    assert not any(item.flags() & no_contents for item in scene.cards.values())


@pytest.mark.parametrize("how", ["here", "menu"])
def test_new_person_on_a_functional_team_does_not_report_to_its_owner(window, how):
    ops = window_ops()
    doc = window.controller.doc
    window.controller.do(ops.set_team_model(doc, "t-chk", "functional"))
    window.controller.do(ops.set_team_model(doc, "t-pay", "sto"))
    window.ask_text = lambda *a, **k: "Nora New"
    for team, boss in (("t-chk", None), ("t-pay", "ann")):
        window.controller.select([team])
        if how == "here":
            window.add_person_here()
        else:
            menu = window.context_menu(team, "team")
            next(a for a in menu.actions() if a.text().startswith("Add person")).trigger()
        nora = window.controller.doc.person(window.controller.selection[0])
        assert (nora.name, nora.team, nora.manager) == ("Nora New", team, boss)


def test_new_ids_and_file_names_spell_names_as_the_importer_does(window, tmp_path):
    from orgdesigner.qt.export_dialog import ExportDialog

    assert window.add_person(name="Zoë Ångström")
    assert window.controller.selection == ["p-zoe-angstrom"]
    assert window.add_team(name="Café Ops")
    assert window.controller.selection == ["t-cafe-ops"]
    window.controller.do(
        window_ops().edit(window.controller.doc, "document", None, name="Équipe Produit")
    )
    assert window.windowTitle() == "Équipe Produit (org.orgd)[*]"
    dlg = ExportDialog("roles", window.controller, window)
    assert dlg.target().name == "equipe-produit-roles.pdf"
    dlg.deleteLater()


def test_double_click_on_a_card_selects_it_and_brings_up_the_inspector(window, qtbot, g):
    from PySide6.QtWidgets import QDockWidget, QLabel

    dock = QDockWidget("Inspector", window)
    dock.setObjectName("inspectorDock")
    dock.setWidget(QLabel("details"))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    pos = g.view_point(window, g.card_centre(window, "eve"))
    qtbot.mouseDClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    QApplication.processEvents()
    assert window.controller.selection == ["eve"]
    assert dock.isVisible()


def test_an_edit_that_changes_nothing_is_no_undo_step(window):
    from orgdesigner.core import ops

    c = window.controller
    p = c.doc.people[0]
    before = c.undo_stack.count()
    assert c.do(ops.SetField("person", p.id, "name", p.name))
    assert c.undo_stack.count() == before
    assert c.do(ops.SetField("person", p.id, "name", p.name + "!"))
    assert c.undo_stack.count() == before + 1


def test_every_command_in_the_action_table_is_on_the_window_once(window):
    from orgdesigner.qt.main_actions import ACTIONS
    from orgdesigner.qt.main_window import MainWindow

    names = [spec.name for spec in ACTIONS]
    assert len(names) == len(set(names))
    for spec in ACTIONS:
        if isinstance(spec.run, str):
            assert callable(getattr(MainWindow, spec.run, None)), spec.name
        assert window.actions_by_name[spec.name].text() == spec.text


# -- saving refusals reach the user as a message ------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX file modes")
def test_saving_over_a_read_only_file_says_so(window, tmp_path):
    path = tmp_path / "org.orgd"
    before = path.read_bytes()
    path.chmod(0o444)
    window.controller.do(window_ops().set_manager(window.controller.doc, "eve", "ann"))
    assert not window.save()
    assert len(window.errors) == 1
    title, text = window.errors[0]
    assert title == "Not saved" and "read-only" in text
    assert path.read_bytes() == before
    assert window.isWindowModified()


def test_a_file_name_with_nul_is_a_message(window, tmp_path):
    window.choose_save_path = lambda: str(tmp_path / "a\0b.orgd")
    assert not window.save_as()
    assert window.errors and "NUL" in window.errors[0][1]


def test_a_colleague_saving_meanwhile_is_a_message_not_an_overwrite(window, tmp_path, monkeypatch):
    path = tmp_path / "org.orgd"
    theirs = path.read_text(encoding="utf-8").replace("Test org", "Their org")
    real_fsync = os.fsync

    def colleague_saves_meanwhile(fd):
        real_fsync(fd)  # our copy is on disk; the replace comes next
        path.write_text(theirs, encoding="utf-8")

    monkeypatch.setattr(io.os, "fsync", colleague_saves_meanwhile)
    window.controller.do(window_ops().set_manager(window.controller.doc, "eve", "ann"))
    assert not window.save()
    assert window.errors and "changed on disk" in window.errors[0][1]
    assert path.read_text(encoding="utf-8") == theirs


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_saving_a_file_opened_through_a_link_updates_its_target(window, tmp_path):
    real = tmp_path / "org.orgd"
    link = tmp_path / "link.orgd"
    link.symlink_to(real)
    assert window.open_path(str(link))
    window.controller.do(window_ops().set_manager(window.controller.doc, "eve", "ann"))
    assert window.save()
    assert window.errors == []
    assert link.is_symlink()
    assert io.load(real).person("eve").manager == "ann"
