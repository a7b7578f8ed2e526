"""The inspector: edits of people and teams through its fields, one undo step each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from workbench_helpers import small_org

from orgdesigner.core import ops
from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.inspector import TEAM_MODELS, EntityPicker, Inspector, LevelPicker


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(small_org())


@pytest.fixture
def inspector(qtbot, controller) -> Inspector:
    widget = Inspector(controller)
    qtbot.addWidget(widget)
    widget.resize(380, 800)
    widget.show()
    return widget


def type_into(qtbot, picker: EntityPicker | LevelPicker, text: str) -> None:
    """Type ``text`` into an editable picker as a user would, then press Enter."""
    edit = picker.lineEdit()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def rules_about(controller: DocumentController, subject: str) -> set[str]:
    return {f.rule for f in controller.report.findings if subject in f.subjects and not f.waived}


def test_nothing_selected_shows_the_organisation(inspector, controller, qtbot):
    assert inspector.mode == "document"
    form = inspector.document_form
    assert form.name.text() == "Small org"
    form.name.setText("Variant B")
    form.name.editingFinished.emit()
    assert controller.doc.name == "Variant B"
    assert controller.undo_stack.undoText() == "Rename the organisation to Variant B"


def test_setting_a_level_is_one_undo_step(inspector, controller, qtbot):
    controller.select(["bob"])
    form = inspector.person_form
    assert inspector.mode == "person"
    assert form.level.currentText() == "L2"
    type_into(qtbot, form.level, "L3")
    assert controller.doc.person("bob").level == "L3"
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Set Bob Baker's level to L3"
    assert form.rows["level"].hint.text() == "Senior Engineer"
    controller.undo_stack.undo()
    assert controller.doc.person("bob").level == "L2"
    assert form.level.currentText() == "L2"


def test_unknown_level_is_refused_with_the_ladder(inspector, controller, qtbot):
    controller.select(["bob"])
    form = inspector.person_form
    type_into(qtbot, form.level, "L9")
    row = form.rows["level"]
    assert not row.error.isHidden()
    assert "L9" in row.error.text() and "L1, L2, L3" in row.error.text()
    assert controller.doc.person("bob").level == "L2"
    assert controller.undo_stack.count() == 0


def test_level_is_checked_while_typed(inspector, controller, qtbot):
    controller.select(["bob"])
    form = inspector.person_form
    edit = form.level.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "X")
    assert "not on the Software Engineer ladder" in form.rows["level"].error.text()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert form.rows["level"].error.isHidden()


def test_line_manager_change_updates_findings_and_undoes(inspector, controller, qtbot):
    controller.select(["bob"])
    form = inspector.person_form
    assert "STO-REPORTS" not in rules_about(controller, "bob")
    type_into(qtbot, form.manager, "Carla Diaz")
    assert controller.doc.person("bob").manager == "cto"
    assert controller.undo_stack.undoText() == "Bob Baker reports to Carla Diaz"
    # Bob is on Ann's STO team but no longer reports to her: the findings say so.
    assert "STO-REPORTS" in rules_about(controller, "bob")
    assert "STO-REPORTS" in form.findings.text()
    controller.undo_stack.undo()
    assert controller.doc.person("bob").manager == "ann"
    assert "STO-REPORTS" not in rules_about(controller, "bob")
    assert form.manager.currentText() == "Ann Archer"


def test_a_loop_is_refused_under_the_field(inspector, controller, qtbot):
    controller.select(["ann"])
    form = inspector.person_form
    type_into(qtbot, form.manager, "Bob Baker")
    assert "loop" in form.rows["manager"].error.text()
    assert controller.doc.person("ann").manager == "cto"
    assert controller.undo_stack.count() == 0


def test_a_name_that_matches_nobody_is_refused(inspector, controller, qtbot):
    controller.select(["bob"])
    form = inspector.person_form
    type_into(qtbot, form.functional_manager, "Zed Nobody")
    assert "no person called" in form.rows["functional_manager"].error.text()
    assert controller.doc.person("bob").functional_manager is None


def test_joining_an_sto_team_reports_to_its_owner(inspector, controller, qtbot):
    controller.select(["cto"])
    form = inspector.person_form
    type_into(qtbot, form.team, "Payments")
    # Carla joins Payments; as an STO member she would report to Ann, which loops: refused.
    assert "loop" in form.rows["team"].error.text()
    assert controller.doc.person("cto").team is None


def test_rename_and_flags(inspector, controller, qtbot):
    controller.select(["v1"])
    form = inspector.person_form
    assert form.vacant.isChecked()
    form.name.setText("Vera Stone")
    form.name.editingFinished.emit()
    form.vacant.click()
    p = controller.doc.person("v1")
    assert p.name == "Vera Stone" and not p.vacant
    assert controller.undo_stack.undoText() == "Mark Vera Stone as filled"
    form.tags.setText("remote, berlin, remote")
    form.tags.editingFinished.emit()
    assert controller.doc.person("v1").tags == ["remote", "berlin"]
    assert controller.undo_stack.count() == 3


def test_spaces_around_the_same_name_are_no_rename(inspector, controller):
    controller.select(["bob"])
    form = inspector.person_form
    form.name.setText("  Bob Baker ")
    form.name.editingFinished.emit()
    assert controller.undo_stack.count() == 0
    assert controller.doc.person("bob").name == "Bob Baker"


def test_multi_selection_edits_shared_fields_in_one_step(inspector, controller, qtbot):
    controller.select(["bob", "cy"])
    form = inspector.person_form
    assert form.title.text() == "2 people"
    assert form.rows["name"].isHidden()
    assert form.level.currentText() == "" and form.level.lineEdit().placeholderText() == "(mixed)"
    assert form.manager.currentText() == "Ann Archer"
    type_into(qtbot, form.level, "L3")
    assert [controller.doc.person(i).level for i in ("bob", "cy")] == ["L3", "L3"]
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Set the level of 2 people to L3"
    controller.undo_stack.undo()
    assert [controller.doc.person(i).level for i in ("bob", "cy")] == ["L2", "L1"]


def test_multi_selection_refuses_a_level_missing_from_one_ladder(inspector, controller, qtbot):
    controller.select(["bob", "pat"])
    form = inspector.person_form
    type_into(qtbot, form.level, "L2")
    assert "Product Manager ladder" in form.rows["level"].error.text()
    assert controller.doc.person("pat").level is None


def test_team_fields(inspector, controller, qtbot):
    controller.select(["t-pay"])
    form = inspector.team_form
    assert inspector.mode == "team"
    assert form.owner.currentText() == "Ann Archer"
    form.mission.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(form.mission, " today")
    form.mission.commit()
    assert controller.doc.team("t-pay").mission == "Customers pay in one step today"
    assert controller.undo_stack.undoText() == "Set the mission of Payments"

    # The team stops using the default functions and also needs... nothing but engineering.
    form.default_functions.click()
    assert controller.doc.team("t-pay").required_functions == ["engineering", "product"]
    product = next(
        form.functions.item(i)
        for i in range(form.functions.count())
        if form.functions.item(i).text() == "Product"
    )
    product.setCheckState(Qt.CheckState.Unchecked)
    assert controller.doc.team("t-pay").required_functions == ["engineering"]
    assert controller.undo_stack.undoText() == "Payments needs Engineering"


def test_multi_selection_of_teams(inspector, controller):
    controller.select(["t-pay", "t-id"])
    form = inspector.team_form
    assert form.title.text() == "2 teams"
    assert form.rows["name"].isHidden() and form.rows["owner"].isHidden()
    assert form.parent_team.lineEdit().placeholderText() == "(mixed)"
    functional = [v for v, _ in TEAM_MODELS].index("functional")
    form.model.setCurrentIndex(functional)
    form.model.activated.emit(functional)
    assert [controller.doc.team(t).model for t in ("t-pay", "t-id")] == ["functional"] * 2
    assert controller.undo_stack.undoText() == "Make 2 teams three-legged stool"
    assert controller.undo_stack.count() == 1
    # Payments now runs as a stool: the findings follow.
    assert "STOOL-TRIAD" in rules_about(controller, "t-pay")


def test_owner_must_be_a_person_not_a_vacancy(inspector, controller, qtbot):
    controller.select(["t-pay"])
    form = inspector.team_form
    type_into(qtbot, form.owner, "Open: Software Engineer")
    assert "open position" in form.rows["owner"].error.text()
    assert controller.doc.team("t-pay").owner == "ann"


def test_new_owner_takes_the_members(inspector, controller, qtbot):
    controller.select(["t-pay"])
    form = inspector.team_form
    type_into(qtbot, form.owner, "Bob Baker")
    doc = controller.doc
    assert doc.team("t-pay").owner == "bob"
    assert doc.person("cy").manager == "bob"
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert doc.team("t-pay").owner == "ann" and doc.person("cy").manager == "ann"


def test_mixed_selection_explains_itself(inspector, controller):
    controller.select(["bob", "t-pay"])
    assert inspector.mode == "mixed"
    assert "only people, or only teams" in inspector.note.label.text()


def test_role_and_function_selection_open_their_editors(inspector, controller):
    controller.select(["eng"])
    assert inspector.mode == "role"
    assert inspector.role_editor.title.text() == "Software Engineer"
    controller.select(["engineering"])
    assert inspector.mode == "function"
    assert inspector.function_editor.leader.currentText() == "Carla Diaz"


def test_fields_follow_edits_made_elsewhere(inspector, controller):
    controller.select(["bob"])
    controller.do(ops.SetField("person", "bob", "name", "Robert Baker", label="Rename"))
    assert inspector.person_form.name.text() == "Robert Baker"
    assert inspector.person_form.title.text() == "Robert Baker"


def test_the_shared_people_list_stays_exact_through_random_edits():
    """Pickers list people incrementally; after any edits it equals a list built afresh."""
    import random

    from orgdesigner.core.model import Person
    from orgdesigner.qt.inspector import EntityList

    rng = random.Random(7)
    c = DocumentController(small_org())
    kept = EntityList(c, "person")
    kept.ensure()
    names = ["Ann", "Bob", "ann", "Cy", "", "Dee"]
    for _ in range(300):
        people = c.doc.people
        r = rng.random()
        if r < 0.3 or not people:
            pid = ops.new_id(c.doc, "person", "p")
            c.do(
                ops.AddEntity(
                    "person",
                    Person(
                        id=pid,
                        name=rng.choice(names),
                        vacant=rng.random() < 0.3,
                        role=rng.choice([None, "eng", "pm"]),
                    ),
                )
            )
        elif r < 0.45:
            c.do(ops.RemoveEntity("person", rng.choice(people).id))
        elif r < 0.9:
            field = rng.choice(["name", "vacant", "role"])
            value = {
                "name": rng.choice(names),
                "vacant": rng.random() < 0.5,
                "role": rng.choice([None, "eng", "pm", "em"]),
            }[field]
            c.do(ops.SetField("person", rng.choice(people).id, field, value))
        else:
            c.undo_stack.undo()
        if rng.random() < 0.5:
            kept.ensure()
            fresh = EntityList(c, "person")
            fresh.ensure()
            rows = range(fresh.rowCount())
            assert [kept.text_at(i) for i in rows] == [fresh.text_at(i) for i in rows]
            assert [kept.id_at(i) for i in rows] == [fresh.id_at(i) for i in rows]
            for p in c.doc.people:
                assert kept.find(kept.text_of(p.id)) == p.id


def test_a_half_typed_name_goes_to_whom_it_was_typed_for(inspector, controller, qtbot):
    controller.select(["bob"])
    form = inspector.person_form
    form.name.setFocus()
    form.name.selectAll()
    qtbot.keyClicks(form.name, "Robert Baker")
    assert form.name.isModified()
    controller.select(["cy"])  # e.g. chosen in Find while the name was being typed
    assert controller.doc.person("bob").name == "Robert Baker"
    assert controller.doc.person("cy").name == "Cy Clark"
    assert form.name.text() == "Cy Clark"


def test_apply_op_applies_once_and_refusals_stay_out_of_the_status_bar(controller, qtbot):
    from orgdesigner.qt.inspector import apply_op

    applied = []

    class Counted(ops.Op):
        label = "Counted"

        def apply(self, doc):
            applied.append(1)
            return ops.SetField("person", "bob", "level", "L3").apply(doc)

    messages: list[str] = []
    controller.statusMessage.connect(messages.append)
    assert apply_op(controller, Counted())
    assert len(applied) == 1
    assert controller.undo_stack.undoText() == "Counted"
    loop = ops.set_manager(controller.doc, "ann", "bob")
    assert controller.try_do(loop) is not None and "loop" in controller.try_do(loop)
    assert messages == []
    assert controller.undo_stack.count() == 1
    assert not controller.do(loop)
    assert messages and messages[0].startswith("Not possible:")


def test_controller_queries_follow_edits_and_undo(controller):
    doc = controller.doc
    team = next(p.team for p in doc.people if p.team)
    role = next(p.role for p in doc.people if p.role)
    fid = doc.function_of(doc.person(controller.role_holders(role)[0]))
    members = sorted(p.id for p in doc.people if p.team == team)
    assert sorted(controller.members(team)) == members
    assert sorted(controller.role_holders(role)) == sorted(
        p.id for p in doc.people if p.role == role
    )
    n = controller.function_headcount(fid)
    assert n == sum(1 for p in doc.people if doc.function_of(p) == fid)
    gone = members[0]
    assert controller.do(ops.delete_person(doc, gone))
    assert gone not in controller.members(team)
    assert controller.function_headcount(fid) <= n
    controller.undo_stack.undo()
    assert sorted(controller.members(team)) == members
    assert controller.function_headcount(fid) == n
    assert controller.members("no-such-team") == [] and controller.function_headcount("x") == 0


def test_the_sto_line_hint_follows_the_validator(inspector, controller):
    controller.do(ops.set_manager(controller.doc, "bob", "cto"))
    controller.select(["bob"])
    hint = inspector.person_form.rows["manager"].hint
    assert "STO team" in hint.text() and hint.isVisibleTo(inspector)
    # An embedded member is a documented exception: the validator says info, no warning.
    controller.do(ops.edit(controller.doc, "person", "bob", embedded=True))
    assert not hint.isVisibleTo(inspector)
    controller.do(ops.edit(controller.doc, "person", "bob", embedded=False))
    assert hint.isVisibleTo(inspector)
    controller.do(ops.waive(controller.doc, "STO-REPORTS", "bob", "seconded to the CTO"))
    assert not hint.isVisibleTo(inspector)


def test_escape_puts_back_the_value_a_field_refused(inspector, controller, qtbot):
    controller.select(["ann"])
    form = inspector.person_form
    type_into(qtbot, form.manager, "Bob Baker")
    assert "loop" in form.rows["manager"].error.text()
    assert form.manager.currentText() == "Bob Baker"  # the refused text stays to be fixed
    qtbot.keyClick(form.manager.lineEdit(), Qt.Key.Key_Escape)
    assert form.rows["manager"].error.isHidden()
    assert form.manager.currentText() == "Carla Diaz"
    assert controller.undo_stack.count() == 0
    # Without a refusal, Escape is left to the field.
    qtbot.keyClick(form.manager.lineEdit(), Qt.Key.Key_Escape)
    assert form.manager.currentText() == "Carla Diaz"


def test_escape_puts_back_a_refused_amount_in_a_line_field(inspector, controller, qtbot):
    controller.select(["bob"])
    form = inspector.person_form
    cost = form.extras[0].cost
    cost.setFocus()
    cost.setText("-5")
    cost.editingFinished.emit()
    assert form.rows["cost"].error.text()
    qtbot.keyClick(cost, Qt.Key.Key_Escape)
    assert not form.rows["cost"].error.text()
    assert cost.text() == ""
