"""The change list and marks of a comparison, read without a window."""

from __future__ import annotations

from core_helpers import healthy

from orgdesigner.core.change_list import change_groups, change_marks, entity_kind, mark_counts
from orgdesigner.core.diff import diff
from orgdesigner.core.model import Person


def _variant():
    a, b = healthy(), healthy()
    b.person("a1").team = "t-b"  # a move ...
    b.person("a1").manager = "em-b"
    b.person("a1").level = "L2"  # ... with another edit
    b.person("a2").level = "L2"  # an edit alone
    b.people.append(Person(id="new", name="Nina", role="eng", manager="em-b", team="t-b"))
    b.people = [p for p in b.people if p.id != "a4"]
    b.forget_index()
    b.name = "Variant"
    return a, b


def test_groups_come_in_reading_order_with_counts():
    a, b = _variant()
    titles = [title for title, _ in change_groups(diff(a, b))]
    assert titles[:5] == [
        "Moves (1)",
        "Added (only in B) (1)",
        "Removed (only in A) (1)",
        "People changed (2)",
        "Document settings (1)",
    ]


def test_a_moved_person_lists_only_what_else_changed():
    a, b = _variant()
    groups = dict(change_groups(diff(a, b)))
    (move,) = groups["Moves (1)"]
    assert (move.kind, move.id) == ("person", "a1")
    changed = {row.id: row.text for row in groups["People changed (2)"]}
    assert "team" not in changed["a1"] and "level" in changed["a1"]
    assert changed["a2"].startswith("A2: level")


def test_rows_about_added_and_removed_people_name_them_and_their_kind():
    a, b = _variant()
    groups = dict(change_groups(diff(a, b)))
    (added,) = groups["Added (only in B) (1)"]
    (removed,) = groups["Removed (only in A) (1)"]
    assert added.text.startswith("Nina (person)") and added.id == "new"
    assert removed.text.startswith("A4 (person)") and removed.id == "a4"
    (setting,) = groups["Document settings (1)"]
    assert (setting.kind, setting.id) == ("", "")


def test_findings_only_on_one_side_are_grouped_by_side():
    a, b = _variant()
    b.person("a3").manager = "a3"  # a loop of one: an error only B has
    groups = dict(change_groups(diff(a, b)))
    only_b = next(rows for title, rows in groups.items() if title.startswith("Findings only in B"))
    assert any(row.id == "a3" and row.kind == "person" for row in only_b)


def test_marks_say_moved_on_both_sides_added_on_b_removed_on_a():
    a, b = _variant()
    marks = change_marks(diff(a, b))
    assert marks["a"]["a1"].status == marks["b"]["a1"].status == "moved"
    assert "Also: level" in marks["b"]["a1"].text
    assert marks["b"]["a2"].status == "changed"
    assert marks["b"]["new"].status == "added" and "new" not in marks["a"]
    assert marks["a"]["a4"].status == "removed" and "a4" not in marks["b"]


def test_an_identical_variant_has_no_groups_and_no_marks():
    d = diff(healthy(), healthy())
    assert change_groups(d) == []
    assert change_marks(d) == {"a": {}, "b": {}}


def test_entity_kind():
    doc = healthy()
    assert [entity_kind(doc, i) for i in ("a1", "t-a", "eng", "design", "x", "")] == [
        "person",
        "team",
        "role",
        "function",
        "",
        "",
    ]
    assert entity_kind(None, "a1") == ""


def test_a_move_is_said_in_the_terms_of_each_view():
    a, b = healthy(), healthy()
    b.person("a1").team = "t-b"  # a new team: moved in People and Teams
    b.person("a2").functional_manager = "em-b"  # a new coach: moved in Functions only
    b.team("t-b").name = "Renamed"  # a team's own field: changed, in Teams
    b.forget_index()
    d = diff(a, b)
    people, teams, functions = (change_marks(d, v)["b"] for v in ("people", "teams", "functions"))
    assert (people["a1"].status, people["a2"].status) == ("moved", "changed")
    assert (teams["a1"].status, teams["a2"].status) == ("moved", "changed")
    assert (functions["a1"].status, functions["a2"].status) == ("changed", "moved")
    assert teams["t-b"].status == "changed" and "name" in teams["t-b"].text


def test_counts_take_a_change_seen_on_both_sides_once():
    a, b = _variant()
    counts = mark_counts(change_marks(diff(a, b)))
    assert counts == {"moved": 1, "added": 1, "removed": 1, "changed": 1}
