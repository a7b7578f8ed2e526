"""Edit operations: each applies, its inverse restores the document byte for byte,
structural breakage is refused with a reason and leaves the document as it was."""

from __future__ import annotations

import pytest
from core_helpers import draw_op, healthy, index_is_current, org, random_docs
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import io, ops
from orgdesigner.core.model import Document, Level, Person, RulesConfig, Team
from orgdesigner.core.ops import OpRefused
from orgdesigner.core.rules import validate


def apply_and_undo(doc: Document, op: ops.Op) -> ops.Applied:
    """Apply ``op``, check its inverse restores the exact text, then redo it."""
    before = io.dumps(doc)
    applied = op.apply(doc)
    after = io.dumps(doc)
    assert after != before or not applied.changes or _view_only(applied), op
    assert index_is_current(doc)
    redo = applied.inverse.apply(doc)
    assert io.dumps(doc) == before
    assert index_is_current(doc)
    again = redo.inverse.apply(doc)
    assert io.dumps(doc) == after
    return again


def _view_only(applied: ops.Applied) -> bool:
    return all(c.kind == "view" for c in applied.changes)


def refused(doc: Document, op: ops.Op) -> str:
    """Apply ``op`` expecting a refusal; the document must not have changed."""
    before = io.dumps(doc)
    with pytest.raises(OpRefused) as info:
        op.apply(doc)
    assert io.dumps(doc) == before
    assert index_is_current(doc)
    return str(info.value)


# -- every operation undoes exactly ----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "id_", "field", "value"),
    [
        ("person", "a1", "manager", "cto"),
        ("person", "a1", "manager", None),
        ("person", "a1", "functional_manager", "pe1"),
        ("person", "a1", "team", "t-b"),
        ("person", "a1", "team", ""),
        ("person", "a1", "role", "pm"),
        ("person", "a1", "function", "design"),
        ("person", "a1", "level", "L3"),
        ("person", "a1", "vacant", True),
        ("person", "a1", "embedded", True),
        ("person", "a1", "name", "Ada Lovelace"),
        ("person", "a1", "tags", ["berlin", "remote"]),
        ("team", "t-a", "owner", "a1"),
        ("team", "t-a", "parent", None),
        ("team", "t-a", "model", "functional"),
        ("team", "t-a", "mission", "Something else"),
        ("team", "t-a", "required_functions", ["engineering"]),
        ("team", "t-a", "name", "Checkout"),
        ("role", "eng", "function", "product"),
        ("role", "eng", "people_manager", True),
        ("role", "eng", "levels", [Level(code="E1")]),
        ("role", "eng", "title", "Software engineer"),
        ("role", "eng", "purpose", ""),
        ("role", "eng", "responsibilities", ["Ship", "Review"]),
        ("function", "design", "leader", "des-b"),
        ("function", "design", "standards", {"hiring": "des-b", "leveling": None}),
        ("function", "design", "name", "UX"),
        ("document", None, "name", "Variant C"),
        ("document", None, "description", "What if"),
        ("document", None, "default_team_model", "functional"),
    ],
)
def test_set_field_applies_and_undoes(kind, id_, field, value):
    doc = healthy()
    apply_and_undo(doc, ops.SetField(kind, id_, field, value))
    target = doc if kind == "document" else doc.get(kind, id_)
    assert getattr(target, field) == value


def test_set_field_change_records_old_and_new():
    doc = healthy()
    applied = ops.set_manager(doc, "a1", "cto").apply(doc)
    assert applied.changes == [ops.Change("set", "person", "a1", "manager", "em-a", "cto")]
    assert applied.inverse.label == "A1 reports to Cto"


@pytest.mark.parametrize("kind", ["person", "team", "role", "function"])
def test_add_and_remove_entity_undo_in_place(kind):
    doc = healthy()
    entity = {
        "person": Person(id="new", name="New", manager="cto"),
        "team": Team(id="new", name="New", parent="t-lead"),
        "role": doc.role("eng").model_copy(update={"id": "new"}),
        "function": doc.function("design").model_copy(update={"id": "new"}),
    }[kind]
    apply_and_undo(doc, ops.AddEntity(kind, entity, 1))
    assert doc.entities(kind)[1].id == "new"
    # Removing one from the middle and undoing puts it back at the same place.
    middle = doc.entities(kind)[1].id
    applied = ops.RemoveEntity(kind, middle).apply(doc)
    assert doc.get(kind, middle) is None
    applied.inverse.apply(doc)
    assert doc.entities(kind)[1].id == middle
    apply_and_undo(doc, ops.RemoveEntity(kind, middle))


def test_add_refuses_an_id_in_use():
    doc = healthy()
    assert "already used" in refused(doc, ops.add_person(doc, Person(id="a1")))


def test_remove_refuses_a_missing_entity():
    assert "no person 'nobody'" in refused(healthy(), ops.RemoveEntity("person", "nobody"))


def test_set_field_on_a_missing_entity_is_refused():
    assert "no team 'ghost'" in refused(healthy(), ops.SetField("team", "ghost", "name", "x"))


@pytest.mark.parametrize(
    ("kind", "field", "value", "words"),
    [
        ("person", "vacant", "yes", "vacant"),
        ("person", "manager", 5, "manager"),
        ("person", "id", "other", "no editable field"),
        ("person", "colour", "red", "no editable field"),
        ("team", "model", "matrix", "model"),
        ("person", "name", "x" * 501, "at most 500"),
        ("person", "manager", "x" * 201, "at most 200"),
        ("team", "mission", "x" * 20_001, "at most 20000"),
        ("document", "version", 2, "no editable field"),
    ],
)
def test_values_the_file_format_refuses_are_refused(kind, field, value, words):
    doc = healthy()
    id_ = {"person": "a1", "team": "t-a", "document": None}[kind]
    assert words in refused(doc, ops.SetField(kind, id_, field, value))


def test_whatever_an_edit_accepts_can_be_saved_and_opened_again():
    doc = healthy()
    ops.SetField("person", "a1", "name", "x" * 500).apply(doc)
    ops.SetField("team", "t-a", "required_functions", ["ghost"]).apply(doc)
    assert io.loads(io.dumps(doc)).person("a1").name == "x" * 500


def test_set_rules_applies_and_undoes():
    doc = healthy()
    rules = RulesConfig.model_validate(
        {
            "params": {"span_min": 1},
            "disabled": ["ORG-SPAN"],
            "waivers": [{"rule": "ORG-REF", "subject": "a1", "reason": "known"}],
        }
    )
    apply_and_undo(doc, ops.SetRules(rules))
    assert doc.rules.params.span_min == 1 and doc.rules.disabled == ["ORG-SPAN"]


def test_set_positions_applies_and_undoes():
    doc = healthy()
    apply_and_undo(doc, ops.SetPositions("people", (("a1", (10, 20)), ("a2", (30.5, -4)))))
    assert doc.view.positions == {"people": {"a1": [10.0, 20.0], "a2": [30.5, -4.0]}}
    # Moving one of them again, and resetting the other, undo to the first positions.
    apply_and_undo(doc, ops.SetPositions("people", (("a1", (0, 0)), ("a2", None))))
    assert doc.view.positions == {"people": {"a1": [0.0, 0.0]}}
    apply_and_undo(doc, ops.SetPositions("people", (("a1", None),)))
    assert doc.view.positions == {}


def test_set_collapsed_applies_and_undoes_keeping_the_order():
    doc = healthy()
    for id_ in ("a1", "a2", "a3"):
        apply_and_undo(doc, ops.SetCollapsed(id_, True))
    assert doc.view.collapsed == ["a1", "a2", "a3"]
    apply_and_undo(doc, ops.SetCollapsed("a1", False))
    assert doc.view.collapsed == ["a2", "a3"]
    apply_and_undo(doc, ops.SetCollapsed("a2", True))  # already folded: nothing changes
    assert doc.view.collapsed == ["a2", "a3"]


# -- refusals: loops -------------------------------------------------------------------


def test_reporting_to_oneself_is_refused():
    doc = healthy()
    assert "A1 cannot report to themselves" in refused(doc, ops.set_manager(doc, "a1", "a1"))


def test_a_line_manager_loop_is_refused_with_a_reason():
    doc = healthy()
    reason = refused(doc, ops.set_manager(doc, "cto", "a1"))
    assert reason == "A1 is in Cto's own reporting line: that would make a loop"
    assert "loop" in refused(doc, ops.set_manager(doc, "em-a", "a4"))


def test_being_ones_own_functional_manager_is_refused():
    doc = healthy()
    assert "own functional manager" in refused(doc, ops.set_functional_manager(doc, "a1", "a1"))


def test_a_functional_manager_below_on_the_line_is_fine():
    doc = healthy()
    apply_and_undo(doc, ops.set_functional_manager(doc, "em-a", "a1"))


def test_a_team_parent_loop_is_refused_with_a_reason():
    doc = healthy()
    reason = refused(doc, ops.set_parent_team(doc, "t-lead", "t-a"))
    assert reason == "Payments is inside Product development: that would make a loop"
    assert "its own parent team" in refused(doc, ops.set_parent_team(doc, "t-a", "t-a"))


def test_adding_a_person_who_closes_a_loop_through_a_dangling_reference_is_refused():
    doc = org(people=[{"id": "a", "manager": "b"}, {"id": "c", "manager": "a"}])
    reason = refused(doc, ops.add_person(doc, Person(id="b", manager="c")))
    assert "loop" in reason
    assert "themselves" in refused(doc, ops.add_person(doc, Person(id="b", manager="b")))
    apply_and_undo(doc, ops.add_person(doc, Person(id="b", manager=None)))


def test_adding_a_team_that_closes_a_parent_loop_is_refused():
    doc = org(teams=[{"id": "x", "parent": "y"}])
    assert "loop" in refused(doc, ops.add_team(doc, Team(id="y", parent="x")))
    apply_and_undo(doc, ops.add_team(doc, Team(id="y")))


def test_a_reference_to_a_missing_id_is_not_a_loop():
    doc = healthy()
    apply_and_undo(doc, ops.set_manager(doc, "a1", "ghost"))
    apply_and_undo(doc, ops.set_parent_team(doc, "t-a", "t-ghost"))


def test_a_composite_refused_at_its_second_step_leaves_the_document_unchanged():
    doc = healthy()
    op = ops.Composite(
        (
            ops.SetField("person", "a1", "name", "Changed"),
            ops.SetField("person", "cto", "manager", "a1"),
            ops.SetField("person", "a2", "name", "Never"),
        )
    )
    assert "loop" in refused(doc, op)
    assert doc.person("a1").name == "A1"


def test_a_refused_add_inside_a_composite_undoes_the_steps_before_it():
    doc = healthy()
    op = ops.Composite(
        (
            ops.AddEntity("person", Person(id="new")),
            ops.SetField("person", "new", "manager", "cto"),
            ops.AddEntity("person", Person(id="new")),
        )
    )
    assert "already used" in refused(doc, op)
    assert doc.person("new") is None


def test_preview_says_why_and_changes_nothing():
    doc = healthy()
    before = io.dumps(doc)
    assert "loop" in ops.preview(ops.set_manager(doc, "cto", "a1"), doc)
    assert ops.preview(ops.set_manager(doc, "a1", "cto"), doc) is None
    assert io.dumps(doc) == before


# -- a document that already has a loop (files may hold anything) -----------------------


def looped() -> Document:
    return org(
        people=[
            {"id": "a", "manager": "b"},
            {"id": "b", "manager": "c"},
            {"id": "c", "manager": "a"},
            {"id": "d", "manager": "a"},
        ],
        teams=[{"id": "x", "parent": "y"}, {"id": "y", "parent": "x"}],
    )


def test_breaking_an_existing_loop_can_be_undone_and_redone():
    doc = looped()
    apply_and_undo(doc, ops.set_manager(doc, "a", None))
    apply_and_undo(doc, ops.set_parent_team(doc, "x", None))


def test_deleting_a_person_on_an_existing_loop_can_be_undone():
    doc = looped()
    apply_and_undo(doc, ops.delete_person(doc, "d"))
    two = org(people=[{"id": "a", "manager": "b"}, {"id": "b", "manager": "a"}])
    apply_and_undo(two, ops.delete_person(two, "b"))
    assert two.person("a").manager is None  # not "reports to themselves"


def no_dangling_reference(doc: Document) -> bool:
    return not [f for f in validate(doc).findings if f.rule == "ORG-REF"]


def test_deleting_someone_who_is_their_own_manager_leaves_no_dangling_reference():
    """Their reports cannot move up to them: they become top-level."""
    doc = org(
        people=[{"id": "a", "manager": "a"}, {"id": "b", "manager": "a"}, {"id": "c"}],
        functions=[{"id": "f", "leader": "a"}],
        teams=[{"id": "t", "owner": "a"}],
    )
    assert no_dangling_reference(doc)
    assert ops.delete_consequences(doc, "a")[0] == (
        "1 direct report(s) will report to nobody (they become top-level)."
    )
    apply_and_undo(doc, ops.delete_person(doc, "a"))
    assert doc.person("b").manager is None
    assert no_dangling_reference(doc)


@pytest.mark.parametrize(
    ("teams", "parents_after"),
    [
        # x and y are each other's parent, z hangs under x: y goes to the top, z under y
        (
            [{"id": "x", "parent": "y"}, {"id": "y", "parent": "x"}, {"id": "z", "parent": "x"}],
            {"y": None, "z": "y"},
        ),
        # x is its own parent: z goes to the top
        ([{"id": "x", "parent": "x"}, {"id": "z", "parent": "x"}], {"z": None}),
        # a loop of three, x -> w -> y -> x: y goes to the top, w stays under it
        (
            [{"id": "x", "parent": "w"}, {"id": "y", "parent": "x"}, {"id": "w", "parent": "y"}],
            {"y": None, "w": "y"},
        ),
    ],
)
def test_deleting_a_team_on_a_parent_loop_breaks_the_loop_and_can_be_undone(teams, parents_after):
    doc = org(teams=teams, people=[{"id": "p", "team": "x"}])
    apply_and_undo(doc, ops.delete_team(doc, "x"))
    assert doc.team("x") is None
    assert {t.id: t.parent for t in doc.teams} == parents_after
    assert no_dangling_reference(doc)
    assert not [f for f in validate(doc).findings if f.rule == "ORG-CYCLE"]


# -- the designer's edits ----------------------------------------------------------------


def test_move_to_an_sto_team_also_reports_to_its_owner_in_one_step():
    doc = healthy()
    op = ops.move_to_team(doc, "b1", "t-a")
    assert op.label == "Move B1 to Payments"
    applied = apply_and_undo(doc, op)
    assert (doc.person("b1").team, doc.person("b1").manager) == ("t-a", "em-a")
    assert [c.field for c in applied.changes] == ["team", "manager"]
    history = ops.History(healthy())
    history.do(ops.move_to_team(history.doc, "b1", "t-a"))
    history.undo()  # one undo step takes back both
    assert (history.doc.person("b1").team, history.doc.person("b1").manager) == ("t-b", "em-b")


def test_move_to_a_functional_team_keeps_the_line():
    doc = healthy()
    apply_and_undo(doc, ops.move_to_team(doc, "a1", "t-b"))
    assert (doc.person("a1").team, doc.person("a1").manager) == ("t-b", "em-a")


def test_move_to_a_team_whose_owner_is_missing_keeps_the_line():
    doc = healthy()
    ops.SetField("team", "t-a", "owner", "ghost").apply(doc)
    apply_and_undo(doc, ops.move_to_team(doc, "b1", "t-a"))
    assert doc.person("b1").manager == "em-b"


def test_the_owner_moving_to_their_own_team_keeps_their_manager():
    doc = healthy()
    ops.SetField("person", "em-a", "team", None).apply(doc)
    apply_and_undo(doc, ops.move_to_team(doc, "em-a", "t-a"))
    assert doc.person("em-a").manager == "cto"


def test_moving_a_manager_onto_their_reports_sto_team_is_refused_whole():
    doc = healthy()
    assert "loop" in refused(doc, ops.move_to_team(doc, "cto", "t-a"))
    assert doc.person("cto").team == "t-lead"


def test_taking_someone_off_their_team():
    doc = healthy()
    apply_and_undo(doc, ops.move_to_team(doc, "a1", None))
    assert doc.person("a1").team is None and doc.person("a1").manager == "em-a"


def test_describe_team_move():
    doc = healthy()
    assert ops.describe_team_move(doc, "b1", "t-a") == "Move B1 to Payments; B1 will report to Em A"
    assert ops.describe_team_move(doc, "a1", "t-b") == "Move A1 to Search"


def test_delete_person_moves_reports_up_and_clears_every_pointer():
    doc = healthy()
    ops.SetField(
        "function", "engineering", "standards", {"hiring": "em-a", "leveling": "cto"}
    ).apply(doc)
    ops.SetField("person", "pe1", "functional_manager", "em-a").apply(doc)
    ops.SetField("function", "engineering", "leader", "em-a").apply(doc)
    op = ops.delete_person(doc, "em-a")
    assert op.label == "Delete Em A"
    assert ops.delete_consequences(doc, "em-a") == [
        "5 direct report(s) will report to Cto.",
        "1 person(s) lose their functional manager.",
        "Team(s) left without an owner: Payments.",
        "Function(s) left without a leader: Engineering.",
    ]
    apply_and_undo(doc, op)
    assert doc.person("em-a") is None
    assert {p.manager for p in doc.people if p.team == "t-a"} == {"cto"}
    assert doc.person("pe1").functional_manager is None
    assert doc.team("t-a").owner is None
    assert doc.function("engineering").leader is None
    assert doc.function("engineering").standards == {"hiring": None, "leveling": "cto"}
    assert '"em-a"' not in io.dumps(doc)


def test_delete_the_top_person_makes_reports_top_level():
    doc = healthy()
    assert (
        ops.delete_consequences(doc, "cto")[0]
        == "8 direct report(s) will report to nobody (they become top-level)."
    )
    apply_and_undo(doc, ops.delete_person(doc, "cto"))
    assert doc.person("cpo").manager is None


def test_delete_a_missing_person_is_refused():
    with pytest.raises(OpRefused):
        ops.delete_person(healthy(), "ghost")
    assert ops.delete_consequences(healthy(), "ghost") == []


def test_make_owner_takes_the_old_owners_place():
    doc = healthy()
    op = ops.make_owner(doc, "t-a", "a1")
    assert op.label == "Make A1 owner of Payments"
    apply_and_undo(doc, op)
    assert doc.team("t-a").owner == "a1"
    assert doc.person("a1").manager == "cto"  # where em-a was
    others = [p for p in doc.people if p.team == "t-a" and p.id != "a1"]
    assert {p.manager for p in others} == {"a1"}  # em-a included: still on the team


def test_make_owner_of_a_functional_team_leaves_members_lines_alone():
    doc = healthy()
    apply_and_undo(doc, ops.make_owner(doc, "t-b", "a1"))
    assert doc.person("a1").team == "t-b"
    assert doc.person("pm-b").manager == "cto" and doc.person("b1").manager == "em-b"


def test_make_owner_of_a_missing_team_is_refused():
    with pytest.raises(OpRefused, match="no team"):
        ops.make_owner(healthy(), "ghost", "a1")


def test_add_vacancy_on_an_sto_team_reports_to_its_owner():
    doc = healthy()
    op = ops.add_vacancy(doc, "eng", team="t-a")
    assert op.label == "Add vacant ENG to Payments"
    apply_and_undo(doc, op)
    v = doc.person("vacancy-eng")
    assert (v.vacant, v.role, v.team, v.manager) == (True, "eng", "t-a", "em-a")
    assert doc.display_name(v) == "Open: ENG"
    # A second one gets a fresh ID.
    ops.add_vacancy(doc, "eng", team="t-a").apply(doc)
    assert doc.person("vacancy-eng-2") is not None


def test_add_vacancy_on_a_functional_team_or_under_a_manager():
    doc = healthy()
    ops.add_vacancy(doc, "des", team="t-b").apply(doc)
    assert doc.person("vacancy-des").manager is None
    ops.add_vacancy(doc, None, manager="cpo").apply(doc)
    v = doc.person("vacancy-open")
    assert (v.manager, v.team, v.role) == ("cpo", None, None)


def test_delete_team_moves_sub_teams_up_and_members_off():
    doc = healthy()
    apply_and_undo(doc, ops.delete_team(doc, "t-lead"))
    assert doc.team("t-a").parent is None
    assert doc.person("cpo").team is None
    assert doc.person("a1").team == "t-a"


def test_deleting_a_served_team_takes_it_off_every_serves_list_and_undo_puts_it_back():
    doc = org(
        teams=[
            {"id": "t-a", "name": "A"},
            {"id": "t-b", "name": "B"},
            {"id": "t-s1", "name": "S1", "model": "service", "serves": ["t-b", "t-a", "ghost"]},
            {"id": "t-s2", "name": "S2", "model": "service", "serves": ["t-a"]},
        ],
    )
    apply_and_undo(doc, ops.delete_team(doc, "t-a"))
    # No card is left serving "t-a (missing)"; a reference that already dangled stays.
    assert doc.team("t-s1").serves == ["t-b", "ghost"]
    assert doc.team("t-s2").serves == []


def test_deleting_teams_together_takes_them_off_serves_lists():
    doc = org(
        teams=[
            {"id": "t-a", "name": "A"},
            {"id": "t-b", "name": "B"},
            {"id": "t-s", "name": "S", "model": "service", "serves": ["t-a", "t-b"]},
        ],
    )
    before = io.dumps(doc)
    applied = ops.delete_many(doc, [("team", "t-a"), ("team", "t-b")]).apply(doc)
    assert doc.team("t-s").serves == []
    applied.inverse.apply(doc)
    assert io.dumps(doc) == before
    assert doc.team("t-s").serves == ["t-a", "t-b"]


@given(st.data())
def test_a_deleted_team_is_served_by_no_one(data):
    doc = data.draw(random_docs())
    have = [t.id for t in doc.teams]
    if not have:
        return
    gone = data.draw(st.sampled_from(have))
    before = io.dumps(doc)
    applied = ops.delete_team(doc, gone).apply(doc)
    assert all(gone not in t.serves for t in doc.teams)
    applied.inverse.apply(doc)
    assert io.dumps(doc) == before


def test_delete_function_clears_every_reference_and_undoes():
    doc = healthy()
    doc.teams[0].required_functions = ["engineering", "product"]
    doc.people[0].function = "product"
    doc.forget_index()
    op = ops.delete_function(doc, "product")
    assert op.label == f"Delete function {doc.function('product').name or 'product'}"
    apply_and_undo(doc, op)
    assert doc.function("product") is None
    assert all(r.function != "product" for r in doc.roles)
    assert all(p.function != "product" for p in doc.people)
    assert doc.teams[0].required_functions == ["engineering"]


def test_entity_and_subject_names():
    doc = healthy()
    assert ops.entity_name(doc, "role", "cto") == doc.role("cto").title
    assert ops.entity_name(doc, "person", None) == "nobody"
    assert ops.entity_name(doc, "team", "gone") == "gone"
    assert ops.subject_label(doc, "cto") in (doc.display_name(doc.person("cto")), "CTO")
    assert ops.subject_label(doc, "nothing-here") == "nothing-here"


def test_remove_role_leaves_its_holders_without_a_role():
    doc = healthy()
    apply_and_undo(doc, ops.remove_role(doc, "eng"))
    assert doc.role("eng") is None and doc.person("a1").role is None


def test_edit_changes_several_fields_as_one_step():
    doc = healthy()
    op = ops.edit(doc, "person", "a1", name="Ada", level="L2", vacant=True)
    assert op.label == "Edit A1"
    apply_and_undo(doc, op)
    p = doc.person("a1")
    assert (p.name, p.level, p.vacant) == ("Ada", "L2", True)


def test_set_team_model_labels():
    doc = healthy()
    assert ops.set_team_model(doc, "t-a", "functional").label == "Make Payments three-legged stool"
    assert ops.set_team_model(doc, "t-a", None).label == "Make Payments the default model"


# -- history -------------------------------------------------------------------------------


def test_history_undo_redo():
    doc = healthy()
    h = ops.History(doc)
    original = io.dumps(doc)
    h.do(ops.set_manager(doc, "a1", "cto"))
    after_one = io.dumps(doc)
    h.do(ops.SetField("person", "a1", "name", "Ada"))
    after_two = io.dumps(doc)
    h.undo()
    assert io.dumps(doc) == after_one
    h.undo()
    assert io.dumps(doc) == original
    h.redo()
    h.redo()
    assert io.dumps(doc) == after_two
    assert [label for label, _ in h.undo_stack] == ["A1 reports to Cto", "Edit"]
    h.undo()
    h.do(ops.SetField("person", "a2", "name", "Bo"))
    assert h.redo_stack == []


# -- the property: anything done can be undone -------------------------------------------


@given(st.data())
def test_any_sequence_of_edits_undoes_and_redoes_exactly(data):
    doc = data.draw(random_docs())
    history = ops.History(doc)
    states = [io.dumps(doc)]
    for _ in range(data.draw(st.integers(1, 10), label="steps")):
        try:
            op = draw_op(data.draw, doc)
            history.do(op)
        except OpRefused:
            assert io.dumps(doc) == states[-1]
            assert index_is_current(doc)
            continue
        assert index_is_current(doc)
        states.append(io.dumps(doc))
    done = list(states)
    while history.undo_stack:
        history.undo()
        states.pop()
        assert io.dumps(doc) == states[-1]
        assert index_is_current(doc)
    while history.redo_stack:
        history.redo()
        states.append(done[len(states)])
        assert io.dumps(doc) == states[-1]
    assert states == done


def test_deleting_someone_on_a_three_person_loop_breaks_the_loop():
    doc = org(
        people=[
            {"id": "a", "manager": "b"},
            {"id": "b", "manager": "c"},
            {"id": "c", "manager": "a"},
        ]
    )
    before = io.dumps(doc)
    applied = ops.delete_person(doc, "b").apply(doc)
    assert doc.person("b") is None
    assert doc.person("a").manager is None  # a reported to b: now top-level, loop broken
    assert doc.person("c").manager == "a"
    applied.inverse.apply(doc)
    assert io.dumps(doc) == before


def test_documents_compare_by_content_whatever_was_looked_up():
    a, b = org(people=["x", "y"]), org(people=["x", "y"])
    a.person("x")  # builds a's lookup cache only
    assert a == b
    b.people[0].name = "changed"
    assert a != b


def test_undoing_a_delete_puts_back_the_same_person_object():
    doc = org(people=["a", {"id": "b", "manager": "a"}])
    before = doc.person("b")
    applied = ops.RemoveEntity("person", "b").apply(doc)
    applied.inverse.apply(doc)
    assert doc.person("b") is before
    assert doc.people[1] is before


# -- deleting and adding teams, decided in the core ----------------------------------------------


def test_deleting_a_team_says_its_sub_teams_move_up_and_its_members_lose_their_team():
    doc = healthy()
    assert ops.team_delete_consequences(doc, "t-lead") == [
        "2 sub-team(s) move up to the top level.",
        "5 member(s) are left without a team.",
    ]
    assert ops.team_delete_consequences(doc, "t-a") == ["6 member(s) are left without a team."]
    assert ops.team_delete_consequences(doc, "ghost") == []


def test_deletion_titles_one_person_one_team_or_many_and_names_each_line():
    doc = healthy()
    op, title, lines = ops.deletion(doc, [("team", "t-a")])
    assert (title, op.label) == ("Delete team Payments", "Delete team Payments")
    op, title, lines = ops.deletion(doc, [("person", "em-a")])
    assert title == "Delete Em A"
    assert lines == [
        "5 direct report(s) will report to Cto.",
        "Team(s) left without an owner: Payments.",
    ]
    op, title, lines = ops.deletion(doc, [("person", "em-a"), ("team", "t-b")])
    assert title == "Delete 2 items" == op.label
    assert lines == [
        "Em A: 5 direct report(s) will report to Cto.",
        "Em A: Team(s) left without an owner: Payments.",
        "Search: 6 member(s) are left without a team.",
    ]
    apply_and_undo(doc, op)


def test_a_new_team_takes_its_teamless_owner_along_in_one_undo_step():
    doc = healthy()
    doc.person("a1").team = None
    op = ops.add_team(doc, Team(id="t-new", name="New", owner="a1", parent="t-a"))
    assert op.label == "Add team New"
    op.apply(doc)
    assert doc.person("a1").team == "t-new"
    # an owner already on a team stays there
    doc = healthy()
    ops.add_team(doc, Team(id="t-new", owner="a2")).apply(doc)
    assert doc.person("a2").team == "t-a"


def test_a_team_added_from_a_person_sits_under_the_team_they_own_else_their_own():
    doc = healthy()
    assert ops.new_team_for(doc, "em-a") == ("t-a", "em-a")
    assert ops.new_team_for(doc, "a1") == ("t-a", "a1")
    assert ops.owned_team(doc, "cto") == "t-lead"
    assert ops.owned_team(doc, None) is None


def test_moving_a_card_by_hand_is_a_change_and_putting_it_back_where_it_was_is_none():
    doc = healthy()
    moved = ops.SetPositions("people", (("a1", (10.0, 20.0)),)).apply(doc)
    assert not ops.changes_nothing(moved.changes)
    same = ops.SetPositions("people", (("a1", (10.0, 20.0)),)).apply(doc)
    assert ops.changes_nothing(same.changes)
