"""Edits of a selection: one step for several people or teams, named for all of them."""

from __future__ import annotations

import pytest
from core_helpers import healthy

from orgdesigner.core import edits, io, ops
from orgdesigner.core.ops import OpRefused


def _do(doc, op):
    applied = op.apply(doc)
    return applied


def test_one_person_keeps_the_single_edits_wording_several_get_one_step():
    doc = healthy()
    assert edits.edit_people(doc, ["a1"], "manager", "em-b").label == "A1 reports to Em B"
    op = edits.edit_people(doc, ["a1", "a2"], "manager", "em-b")
    assert op.label == "2 people report to Em B"
    _do(doc, op)
    assert {doc.person(i).manager for i in ("a1", "a2")} == {"em-b"}


def test_several_people_moved_to_a_team_or_off_their_teams():
    doc = healthy()
    assert edits.edit_people(doc, ["a1", "b1"], "team", "t-b").label == "Move 2 people to Search"
    op = edits.edit_people(doc, ["a1", "b1"], "team", None)
    assert op.label == "Take 2 people off their teams"
    _do(doc, op)
    assert doc.person("a1").team is None and doc.person("b1").team is None


def test_flags_and_plain_fields_say_what_they_set():
    doc = healthy()
    assert edits.edit_people(doc, ["a1"], "vacant", True).label == "Mark A1 as an open position"
    assert edits.edit_people(doc, ["a1", "a2"], "embedded", False).label == (
        "Mark 2 people as not embedded"
    )
    assert edits.edit_people(doc, ["a1"], "role", "pm").label == "Set A1's role to PM"
    assert edits.edit_people(doc, ["a1", "a2"], "function", None).label == (
        "Clear the function of 2 people"
    )
    assert edits.edit_people(doc, ["a1", "a2"], "tags", ["x", "y"]).label == (
        "Set the tags of 2 people to x, y"
    )
    assert edits.edit_people(doc, ["a1"], "functional_manager", "cpo").label == "Cpo coaches A1"


def test_unknown_fields_and_empty_selections_are_refused_in_words():
    doc = healthy()
    with pytest.raises(OpRefused, match="nobody is selected"):
        edits.edit_people(doc, [], "role", "pm")
    with pytest.raises(OpRefused, match="'id' is not a field"):
        edits.edit_people(doc, ["a1"], "id", "x")
    with pytest.raises(OpRefused, match="no team is selected"):
        edits.edit_teams(doc, [], "name", "x")


# -- the level-on-ladder check is the operation's ----------------------------------------------


def test_a_level_on_the_ladder_is_set_for_everyone_in_one_step():
    doc = healthy()
    op = edits.edit_people(doc, ["a1", "a2"], "level", "L2")
    assert op.label == "Set the level of 2 people to L2"
    applied = _do(doc, op)
    assert [doc.person(i).level for i in ("a1", "a2")] == ["L2", "L2"]
    applied.inverse.apply(doc)
    assert [doc.person(i).level for i in ("a1", "a2")] == ["L1", "L1"]


def test_a_level_off_the_ladder_is_refused_by_the_operation_and_changes_nothing():
    doc = healthy()
    before = io.dumps(doc)
    op = edits.edit_people(doc, ["a1"], "level", "L9")
    assert ops.preview(op, doc) == "\u201cL9\u201d is not on the ENG ladder: L1, L2, L3"
    with pytest.raises(OpRefused):
        op.apply(doc)
    assert io.dumps(doc) == before


def test_ladder_problems_name_the_missing_role_or_ladder():
    doc = healthy()
    doc.person("a1").role = None
    assert edits.ladder_problem(doc, ["a1"], "L1") == (
        "A1 has no role yet: a level comes from the role's career ladder"
    )
    doc = healthy()
    doc.role("eng").levels = []
    assert edits.ladder_problem(doc, ["a1"], "L1").startswith("The ENG role has no career ladder")
    assert edits.ladder_problem(doc, ["a1"], None) == ""  # clearing a level is always fine


# -- teams ---------------------------------------------------------------------------------


def test_team_edits_name_one_team_or_count_several():
    doc = healthy()
    assert edits.edit_teams(doc, ["t-a"], "name", "Pay").label == "Rename team Payments to Pay"
    assert edits.edit_teams(doc, ["t-a"], "mission", "").label == "Clear the mission of Payments"
    assert edits.edit_teams(doc, ["t-a", "t-b"], "parent", None).label == ("Make 2 teams top-level")
    assert edits.edit_teams(doc, ["t-a", "t-b"], "parent", "t-lead").label == (
        "Move 2 teams under Product development"
    )
    assert edits.edit_teams(doc, ["t-a", "t-b"], "model", "functional").label == (
        "Make 2 teams three-legged stool"
    )
    assert edits.edit_teams(doc, ["t-a"], "owner", None).label == "Leave Payments without an owner"
    assert edits.edit_teams(doc, ["t-a", "t-b"], "required_functions", ["design"]).label == (
        "2 teams needs Design"
    )
    assert edits.edit_teams(doc, ["t-a"], "required_functions", None).label == (
        "Payments needs the default functions"
    )
    assert edits.edit_teams(doc, ["t-a"], "required_functions", [], "Choose").label == "Choose"


def test_several_teams_cannot_share_one_owner():
    with pytest.raises(OpRefused, match="one owner"):
        edits.edit_teams(healthy(), ["t-a", "t-b"], "owner", "cto")


# -- an edit that changes nothing -----------------------------------------------------------------


def test_setting_what_is_already_there_changes_nothing():
    doc = healthy()
    same = _do(doc, edits.edit_people(doc, ["a1", "a2"], "team", "t-a"))
    assert ops.changes_nothing(same.changes)
    real = _do(doc, edits.edit_people(doc, ["a1"], "team", "t-b"))
    assert not ops.changes_nothing(real.changes)
