"""What a drop on the chart means, decided in the core: operation, permission, sentence."""

from __future__ import annotations

import pytest
from core_helpers import healthy, random_docs
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import drops, io, ops
from orgdesigner.core.chart import NO_FUNCTION, UNASSIGNED


def _apply(doc, effect):
    assert effect.allowed and effect.op is not None
    effect.op.apply(doc)
    return doc


# -- people view: a person onto a person ---------------------------------------------------


def test_person_onto_person_makes_a_new_line_manager_and_says_who_moves_along():
    doc = healthy()
    effect = drops.drop_effect(doc, "people", "card", "em-a", "person", "pe1")
    assert effect.allowed
    assert effect.message == "Em A will report to Pe1; their 5 direct reports move along"
    assert effect.done == "Em A now reports to Pe1; their 5 direct reports moved along"
    _apply(doc, effect)
    assert doc.person("em-a").manager == "pe1"


def test_dropping_on_the_current_manager_is_refused_and_says_so():
    effect = drops.drop_effect(healthy(), "people", "card", "a1", "person", "em-a")
    assert not effect.allowed and effect.op is None
    assert effect.message == "A1 already reports to Em A"


def test_a_drop_that_would_make_a_loop_is_refused_with_the_operations_reason():
    doc = healthy()
    effect = drops.drop_effect(doc, "people", "card", "em-a", "person", "a1")
    assert not effect.allowed
    assert effect.message.startswith("Not possible: ")
    assert doc.person("em-a").manager == "cto"  # asking changed nothing


def test_in_the_people_view_only_a_person_is_a_target():
    effect = drops.drop_effect(healthy(), "people", "card", "a1", "team", "t-b")
    assert (effect.allowed, effect.message) == (False, "Drop A1 on a person")


# -- teams view: chips and team cards ------------------------------------------------------------


def test_chip_onto_an_sto_team_moves_the_person_and_their_line():
    doc = healthy()
    effect = drops.drop_effect(doc, "teams", "chip", "b1", "team", "t-a")
    assert effect.allowed
    assert effect.message == ops.describe_team_move(doc, "b1", "t-a")
    _apply(doc, effect)
    assert (doc.person("b1").team, doc.person("b1").manager) == ("t-a", "em-a")


def test_chip_onto_its_own_team_or_a_person_is_refused():
    doc = healthy()
    assert drops.drop_effect(doc, "teams", "chip", "b1", "team", "t-b").message == (
        "B1 is already in Search"
    )
    assert drops.drop_effect(doc, "teams", "chip", "b1", "person", "cto").message == (
        "Drop B1 on a team card to move them there"
    )


def test_chip_onto_no_team_takes_the_person_off_their_team_once():
    doc = healthy()
    effect = drops.drop_effect(doc, "teams", "chip", "b1", "team", UNASSIGNED)
    assert effect.allowed and effect.message == "Take B1 off Search"
    _apply(doc, effect)
    again = drops.drop_effect(doc, "teams", "chip", "b1", "team", UNASSIGNED)
    assert (again.allowed, again.message) == (False, "B1 is already on no team")


def test_team_onto_team_gives_it_a_parent_but_not_onto_no_team_or_its_parent():
    doc = healthy()
    assert drops.drop_effect(doc, "teams", "card", "t-b", "team", "t-a").message == (
        "Move team Search under Payments"
    )
    assert drops.drop_effect(doc, "teams", "card", "t-b", "team", "t-lead").message == (
        "Search is already under Product development"
    )
    assert not drops.drop_effect(doc, "teams", "card", "t-b", "team", UNASSIGNED).allowed


# -- functions view --------------------------------------------------------------------------


def test_a_function_head_stands_for_its_leader_and_takes_the_person_into_its_column():
    from orgdesigner.core.chart import build_chart

    doc = healthy()
    assert doc.function_of(doc.person("b1")) != "product"
    effect = drops.drop_effect(doc, "functions", "card", "b1", "header", "product")
    assert effect.allowed
    assert effect.message == "Cpo will be B1's functional manager; B1 moves to Product"
    assert effect.done == "Cpo is now B1's functional manager; B1 moved to Product"
    before = io.dumps(doc)
    applied = effect.op.apply(doc)
    assert doc.person("b1").functional_manager == "cpo"
    assert doc.function_of(doc.person("b1")) == "product"
    # The chart lists B1 under the leader they were dropped on.
    chart = build_chart(doc, "functions")
    assert ("cpo", "b1", "bus") in chart.edges
    applied.inverse.apply(doc)
    assert io.dumps(doc) == before


def test_a_leader_of_the_same_craft_keeps_the_persons_function():
    doc = healthy()
    effect = drops.drop_effect(doc, "functions", "card", "a1", "person", "pe1")
    assert effect.allowed and effect.message == "Pe1 will be A1's functional manager"
    _apply(doc, effect)
    assert doc.person("a1").functional_manager == "pe1" and doc.person("a1").function is None


def test_moving_back_to_the_roles_craft_clears_the_persons_own_function():
    doc = healthy()
    doc.person("pm-a").function = "design"  # a product manager's role, listed under design
    effect = drops.drop_effect(doc, "functions", "card", "pm-a", "person", "pe1")
    assert effect.message == "Pe1 will be Pm A's functional manager; Pm A moves to Engineering"
    _apply(doc, effect)
    assert doc.function_of(doc.person("pm-a")) == "engineering"
    effect = drops.drop_effect(doc, "functions", "card", "pm-a", "header", "product")
    _apply(doc, effect)
    # The role says product: the person's own function is cleared, not set to the same.
    assert doc.person("pm-a").function is None and doc.person("pm-a").functional_manager == "cpo"


def test_no_function_and_a_leaderless_function_are_refused():
    doc = healthy()
    doc.function("design").leader = None
    assert drops.drop_effect(doc, "functions", "card", "b1", "header", NO_FUNCTION).message == (
        "People with no function have no leader to coach them"
    )
    assert drops.drop_effect(doc, "functions", "card", "b1", "header", "design").message == (
        "Design has no leader to be B1's functional manager"
    )


def test_the_current_functional_manager_is_refused():
    effect = drops.drop_effect(healthy(), "functions", "card", "pm-a", "person", "cpo")
    assert effect.message == "Cpo is already Pm A's functional manager"


# -- hints and names ------------------------------------------------------------------------


def test_the_hint_while_dragging_depends_on_the_view_and_the_dragged_thing():
    doc = healthy()
    assert drops.drag_hint(doc, "teams", "chip", "a1") == "Drop A1 on a team to move them there"
    assert drops.drag_hint(doc, "people", "card", "a1").startswith("Drop A1 on their new line")
    assert drops.drag_hint(doc, "teams", "card", "t-a").startswith("Drop team Payments on")
    assert drops.drag_hint(doc, "functions", "card", "a1") == (
        "Drop A1 on their new functional manager"
    )


def test_stand_in_cards_have_names():
    doc = healthy()
    assert drops.name(doc, UNASSIGNED) == "No team"
    assert drops.name(doc, NO_FUNCTION) == "No function"
    assert drops.name(doc, None) == "nobody"
    assert drops.name(doc, "ghost") == "ghost"


# -- roles from the role library ---------------------------------------------------------------


def test_a_role_on_a_team_opens_a_position_there():
    doc = healthy()
    effect = drops.role_drop_effect(doc, "eng", "team", "t-b")
    assert effect.allowed and effect.message == "Add an open ENG position to Search"
    before = len(doc.people)
    _apply(doc, effect)
    added = doc.people[before:]
    assert [(p.vacant, p.team, p.role) for p in added] == [(True, "t-b", "eng")]


def test_a_role_on_a_person_opens_a_position_reporting_to_them_on_the_team_they_own():
    doc = healthy()
    effect = drops.role_drop_effect(doc, "eng", "person", "em-a")
    assert effect.message == "Add an open ENG position reporting to Em A"
    before = len(doc.people)
    _apply(doc, effect)
    (new,) = doc.people[before:]
    assert (new.manager, new.team) == ("em-a", "t-a")


def test_a_role_on_a_chip_counts_as_on_the_person():
    effect = drops.role_drop_effect(healthy(), "eng", "team", "a1", on_chip=True)
    assert effect.allowed and "reporting to A1" in effect.message


def test_unknown_roles_and_stand_in_cards_are_refused():
    doc = healthy()
    assert drops.role_drop_effect(doc, "nope", "team", "t-a").message == (
        "There is no role 'nope' in this document"
    )
    for stand_in in (UNASSIGNED, NO_FUNCTION):
        assert not drops.role_drop_effect(doc, "eng", "team", stand_in).allowed


# -- any drop, on any document ----------------------------------------------------------------


@given(
    st.data(),
    st.sampled_from(("people", "teams", "functions")),
    st.sampled_from(("card", "chip")),
)
def test_an_allowed_drop_applies_and_a_refused_one_leaves_the_document_alone(data, view, kind):
    doc = data.draw(random_docs())
    ids = [p.id for p in doc.people] + [t.id for t in doc.teams] + [f.id for f in doc.functions]
    source = data.draw(st.sampled_from(ids))
    target = data.draw(st.sampled_from([*ids, UNASSIGNED, NO_FUNCTION]))
    target_kind = data.draw(st.sampled_from(("person", "team", "header")))
    before = io.dumps(doc)
    effect = drops.drop_effect(doc, view, kind, source, target_kind, target)
    after = io.dumps(doc)
    assert before == after  # deciding never edits
    assert effect.message
    if effect.allowed:
        assert effect.op is not None
        effect.op.apply(doc)  # does not raise OpRefused


# -- after the drop: what happened, in the past tense ----------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Ann will report to Bo", "Ann now reports to Bo"),
        (
            "Ann will report to Bo; their 1 direct report moves along",
            "Ann now reports to Bo; their 1 direct report moved along",
        ),
        (
            "Move Bob to Checkout; Bob will report to Dan",
            "Moved Bob to Checkout; Bob now reports to Dan",
        ),
        ("Move team Pay under Top", "Moved team Pay under Top"),
        ("Pia will be Bob's functional manager", "Pia is now Bob's functional manager"),
        ("Platform will serve Checkout", "Platform now serves Checkout"),
        ("Add an open Designer position to Pay", "Added an open Designer position to Pay"),
        ("Take Bob off Pay", "Took Bob off Pay"),
    ],
)
def test_the_sentence_after_a_drop_says_what_happened(before, after):
    assert drops.past(before) == after
    assert "will" not in drops.past(before)


def test_every_allowed_drop_on_the_example_reads_in_the_past_once_done():
    doc = healthy()
    ids = [p.id for p in doc.people][:8]
    for source in ids:
        for target in ids:
            effect = drops.drop_effect(doc, "people", "card", source, "person", target)
            if effect.allowed:
                assert " will " not in effect.done
