"""From an empty document to a clean organisation of two STO teams, using only the app.

The designer names the organisation, adds the crafts (functions), defines the
roles with their career ladders, adds two teams, staffs them by dropping roles
from the role library onto the team cards, fills each open position in the
inspector, makes owners, and names each craft's leader and standard owners,
until the findings panel has nothing left. Then the file is saved, opened
again, and everything is still there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from orgdesigner.core import io
from orgdesigner.qt.inspector import EntityPicker, LevelPicker
from orgdesigner.qt.main_window import MainWindow
from orgdesigner.qt.search import find

ROLES = {
    "Engineering Manager": dict(
        function="engineering",
        manager=True,
        purpose="Leads a team to own its area: people, delivery and direction.",
        responsibilities=["Hire and grow the team", "Own delivery", "Set direction"],
        ladder=[
            ("M1", "Engineering Manager", "Leads one team"),
            ("M2", "Senior Engineering Manager", "Leads a team of teams"),
        ],
    ),
    "Software Engineer": dict(
        function="engineering",
        manager=False,
        purpose="Builds and runs the software the team owns.",
        responsibilities=["Design and write code", "Review code", "Run what they build"],
        ladder=[
            ("L1", "Engineer", "Delivers well-defined tasks"),
            ("L2", "Engineer II", "Delivers features on their own"),
            ("L3", "Senior Engineer", "Leads technical work across the team"),
        ],
    ),
    "Product Manager": dict(
        function="product",
        manager=False,
        purpose="Finds the problems worth solving and the outcome to aim for.",
        responsibilities=["Discovery", "Roadmap", "Outcome measures"],
        ladder=[
            ("P1", "Product Manager", "Owns a product area"),
            ("P2", "Senior Product Manager", "Owns several areas"),
            ("P3", "Principal Product Manager", "Sets product direction"),
        ],
    ),
}

# team name -> (owner, [(name, role title, level)]), owner first.
STAFF = {
    "Checkout": [
        ("Carla Diaz", "Engineering Manager", "M2"),
        ("Eli Ortiz", "Software Engineer", "L2"),
        ("Ema Novak", "Software Engineer", "L1"),
        ("Evan Wright", "Software Engineer", "L3"),
        ("Pat Price", "Product Manager", "P3"),
    ],
    "Identity": [
        ("Ian Moss", "Engineering Manager", "M1"),
        ("Ida Berg", "Software Engineer", "L1"),
        ("Ike Sato", "Software Engineer", "L2"),
        ("Iva Kral", "Software Engineer", "L2"),
        ("Quinn Lee", "Product Manager", "P1"),
    ],
}


def pick(picker: EntityPicker | LevelPicker, text: str) -> None:
    """Type a value into a picker and leave the field, as a user would."""
    picker.setEditText(text)
    picker.lineEdit().editingFinished.emit()


def person_id(win: MainWindow, name: str) -> str:
    hits = [h for h in find(win.controller.doc, name) if h.kind == "person"]
    assert hits, name
    return hits[0].id


def drop_role(win: MainWindow, role_id: str, team_id: str) -> str:
    """Drag a role from the role library onto a team card; the new position's ID.

    The drag's payload is the library's own; the canvas receives the same
    enter, move and drop events a mouse drag delivers to its viewport.
    """
    library = win.workbench.role_library
    library.select_role(role_id)
    mime = library.tree.mimeData([library.role_item(role_id)])
    win.set_view("teams")
    win.canvas.centre_on(team_id)
    QApplication.processEvents()
    rect = win.scene.card_rect(team_id)
    assert rect is not None
    target = win.canvas.mapFromScene(rect.topLeft() + QPointF(12, 10))  # its title, not a chip
    viewport = win.canvas.viewport()
    before = set(win.controller.doc.by_id("person"))
    copy = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(target, copy, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDragMoveEvent(target, copy, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(target), copy, mime, buttons, mods))
    added = set(win.controller.doc.by_id("person")) - before
    assert len(added) == 1, win.statusBar().currentMessage()
    return added.pop()


def build_two_sto_teams(win: MainWindow) -> None:
    """The whole design session, through the window's panels."""
    c = win.controller
    bench = win.workbench
    inspector = bench.inspector

    # The organisation's name (nothing selected: the inspector shows the document).
    c.select([])
    inspector.document_form.name.setText("Two STO teams")
    inspector.document_form.name.editingFinished.emit()

    # The crafts.
    for name in ("Engineering", "Product"):
        bench.functions.add_function(name)

    # The roles, each with its definition and career ladder.
    library = bench.role_library
    for title, spec in ROLES.items():
        rid = library.add_role(title, spec["function"])
        editor = library.editor
        if spec["manager"]:
            editor.people_manager.click()
        editor.purpose.setPlainText(spec["purpose"])
        editor.purpose.commit()
        editor.responsibilities.setPlainText("\n".join(spec["responsibilities"]))
        editor.responsibilities.commit()
        for code, level_title, expectations in spec["ladder"]:
            assert editor.add_level(code)
            editor.level_title.setText(level_title)
            editor.level_title.editingFinished.emit()
            editor.expectations.setPlainText(expectations)
            editor.expectations.commit()
        assert c.doc.role(rid) is not None

    # Two teams (Edit > Add team), their missions in the inspector, Identity under Checkout.
    missions = {
        "Checkout": "Customers pay in one step, every time",
        "Identity": "Customers sign in safely in seconds",
    }
    teams = {}
    for name, mission in missions.items():
        c.select([])
        assert win.add_team(name=name)
        tid = c.selection[0]
        teams[name] = tid
        form = inspector.team_form
        form.mission.setPlainText(mission)
        form.mission.commit()
    c.select([teams["Identity"]])
    pick(inspector.team_form.parent_team, "Checkout")
    assert c.doc.team(teams["Identity"]).parent == teams["Checkout"]

    # Staff each team from the role library; fill each open position in the inspector.
    role_ids = {r.title: r.id for r in c.doc.roles}
    for team_name, staff in STAFF.items():
        tid = teams[team_name]
        for i, (name, role_title, level) in enumerate(staff):
            pid = drop_role(win, role_ids[role_title], tid)
            assert c.selection == [pid]
            form = inspector.person_form
            form.name.setText(name)
            form.name.editingFinished.emit()
            form.vacant.click()
            pick(form.level, level)
            person = c.doc.person(pid)
            assert (person.name, person.vacant, person.level) == (name, False, level)
            if i == 0:  # the first one hired owns the team
                c.select([tid])
                pick(inspector.team_form.owner, name)
                assert c.doc.team(tid).owner == pid

    # The owner of the sub-team reports to the owner of its parent team.
    c.select([person_id(win, "Ian Moss")])
    pick(inspector.person_form.manager, "Carla Diaz")
    # Quinn is managed by an engineer: coached in product by its leader.
    c.select([person_id(win, "Quinn Lee")])
    pick(inspector.person_form.functional_manager, "Pat Price")

    # Each craft's leader keeps its standards; Evan owns code review.
    functions = bench.functions
    functions.set_cell("engineering", "leader", person_id(win, "Carla Diaz"))
    functions.set_cell("product", "leader", person_id(win, "Pat Price"))
    functions.set_cell("engineering", "code_review", person_id(win, "Evan Wright"))
    for fid in ("engineering", "product"):
        functions.select_function(fid)
        functions.fill_button.click()


def test_from_empty_to_clean_two_sto_teams_then_save_and_reopen(qtbot, tmp_path: Path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show_error = lambda title, text: (_ for _ in ()).throw(AssertionError(f"{title}: {text}"))
    win.ask_save_changes = lambda: "discard"  # closing at the end of the test never asks
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    c = win.controller
    assert c.doc.people == [] and c.doc.roles == [] and c.doc.functions == []

    build_two_sto_teams(win)
    QApplication.processEvents()

    summary = c.report.summary()
    assert (summary["error"], summary["warning"]) == (0, 0), [
        f"{f.rule}: {f.message}" for f in c.report.findings
    ]
    assert summary["info"] == 0
    assert win.findings_dock.stack.currentWidget() is win.findings_dock.empty
    assert win.workbench.functions.model.gaps() == []
    assert win.workbench.functions.summary.text() == "No gaps"
    assert win.workbench.figures.value("headcount") == "10"
    assert win.workbench.figures.value("teams") == "2"
    assert win.workbench.figures.value("findings.error") == "0"
    doc = c.doc
    assert [t.name for t in doc.teams] == ["Checkout", "Identity"]
    assert all(doc.model_of(t) == "sto" for t in doc.teams)
    # Every step was one undo step, and all of them can be undone back to the empty start.
    steps = c.undo_stack.count()
    assert steps > 60

    path = tmp_path / "two-teams.orgd"
    win.choose_save_path = lambda: str(path)  # type: ignore[method-assign]
    assert win.save_as()
    assert not c.modified
    saved = io.dumps(doc)

    again = MainWindow()
    qtbot.addWidget(again)
    again.show_error = win.show_error
    again.ask_save_changes = win.ask_save_changes
    assert again.open_path(str(path))
    reopened = again.controller
    assert io.dumps(reopened.doc) == saved
    assert reopened.report.summary() == summary
    assert [lv.code for lv in reopened.doc.role("software-engineer").levels] == ["L1", "L2", "L3"]
    assert reopened.doc.function("engineering").standards["code_review"] == person_id(
        again, "Evan Wright"
    )
    again.workbench.role_library.select_role("product-manager")
    assert (
        again.workbench.role_library.editor.purpose.toPlainText()
        == ROLES["Product Manager"]["purpose"]
    )

    for _ in range(steps):
        c.undo_stack.undo()
    assert c.doc.people == [] and c.doc.roles == [] and c.doc.functions == []
    assert c.doc.name == "Untitled organisation"
    for w in (win, again):
        w.workbench.shutdown()


def test_menus_and_figures_follow_the_document(qtbot, tmp_path: Path):
    from workbench_helpers import StubWindow, small_org

    from orgdesigner.core import ops
    from orgdesigner.qt import workbench
    from orgdesigner.qt.document import DocumentController

    win = StubWindow(DocumentController(small_org()))
    qtbot.addWidget(win)
    bench = workbench.install(win, autosave_folder=tmp_path, offer=False)
    win.show()
    assert win.workbench is bench
    assert bench.actions["rule_settings"] in win.menus["tools"].actions()
    view_actions = win.menus["view"].actions()
    # The standards start folded away, so the chart has the window's height.
    assert not bench.docks["functions"].isVisible()
    for name in ("inspector", "figures", "roles", "functions"):
        toggle = bench.actions[f"show_{name}"]
        assert toggle in view_actions
        shown = bench.docks[name].isVisible()
        toggle.trigger()
        assert bench.docks[name].isVisible() is not shown
        toggle.trigger()
        assert bench.docks[name].isVisible() is shown
    bench.actions["rule_settings"].trigger()
    assert bench.open_rule_settings().isVisible()

    figures = bench.figures
    assert (figures.value("headcount"), figures.value("vacancies")) == ("5", "1")
    errors = figures.value("findings.error")
    c = win.controller
    c.do(ops.SetField("person", "v1", "vacant", False, label="Fill"))
    assert (figures.value("headcount"), figures.value("vacancies")) == ("6", "0")
    c.do(ops.SetField("function", "product", "leader", "pat", label="Lead"))
    assert int(figures.value("findings.error")) == int(errors) - 1
    c.undo_stack.undo()
    c.undo_stack.undo()
    assert (figures.value("headcount"), figures.value("findings.error")) == ("5", errors)
    bench.shutdown()
