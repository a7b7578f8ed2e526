"""Diff of two variants: what a leader is told changes, and that it is the whole story."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import io
from orgdesigner.core.diff import ARROW, apply_diff, diff
from orgdesigner.core.model import Document


def make(**data: Any) -> Document:
    return Document.model_validate({"format": "orgdesigner", "version": 1, **data})


def base_doc() -> Document:
    """Two teams under a small product group; Ann is the one who moves."""
    return make(
        name="Product - variant A",
        functions=[
            {
                "id": "engineering",
                "name": "Engineering",
                "leader": "cto",
                "standards": {"leveling": "cto"},
            },
            {"id": "product", "name": "Product", "leader": "cpo"},
        ],
        roles=[
            {
                "id": "eng",
                "title": "Engineer",
                "function": "engineering",
                "levels": [{"code": "E1", "title": "Engineer"}],
            },
            {
                "id": "em",
                "title": "Engineering Manager",
                "function": "engineering",
                "people_manager": True,
            },
            {"id": "pm", "title": "Product Manager", "function": "product"},
        ],
        teams=[
            {"id": "t-pd", "name": "Product Development", "owner": "cto", "mission": "Ship"},
            {"id": "t-pay", "name": "Payments", "owner": "al", "parent": "t-pd", "mission": "Pay"},
            {"id": "t-chk", "name": "Checkout", "owner": "bo", "parent": "t-pd", "mission": "Buy"},
        ],
        people=[
            {"id": "cto", "name": "Cy", "role": "em", "team": "t-pd"},
            {"id": "cpo", "name": "Pia", "role": "pm", "manager": "cto", "team": "t-pd"},
            {"id": "al", "name": "Al", "role": "em", "manager": "cto", "team": "t-pd"},
            {"id": "bo", "name": "Bo", "role": "em", "manager": "cto", "team": "t-pd"},
            {"id": "ann", "name": "Ann", "role": "eng", "manager": "al", "team": "t-pay"},
            {"id": "ed", "name": "Ed", "role": "eng", "manager": "al", "team": "t-pay"},
            {
                "id": "pat",
                "name": "Pat",
                "role": "pm",
                "manager": "al",
                "team": "t-pay",
                "functional_manager": "cpo",
            },
            {"id": "zoe", "name": "Zoe", "role": "eng", "manager": "bo", "team": "t-chk"},
            {"id": "v1", "vacant": True, "role": "eng", "manager": "bo", "team": "t-chk"},
        ],
    )


def copy(doc: Document) -> Document:
    out = doc.model_copy(deep=True)
    out.forget_index()
    return out


def canonical(doc: Document) -> dict[str, Any]:
    """What a diff covers: everything but view, with entity order not counting."""
    data = io.to_data(doc)
    data.pop("view", None)
    for key in ("functions", "roles", "teams", "people"):
        if key in data:
            data[key] = sorted(data[key], key=lambda e: e["id"])
    return data


# -- a document against itself -------------------------------------------------------------


def test_a_document_against_itself_is_empty():
    doc = base_doc()
    d = diff(doc, copy(doc))
    assert d.is_empty()
    assert (d.added, d.removed, d.changed, d.moves, d.document) == ([], [], [], [], {})
    assert d.churn == {
        "people_compared": 9,
        "line_manager": 0,
        "functional_manager": 0,
        "team": 0,
        "any": 0,
    }
    assert d.findings_only("a") == d.findings_only("b") == []
    assert all(v == 0 for v in d.deltas().values())
    assert "No changes." in d.to_text()


def test_entity_order_and_view_are_not_changes():
    doc = base_doc()
    other = copy(doc)
    other.people.reverse()
    other.teams.reverse()
    other.view.collapsed = ["al"]
    other.forget_index()
    assert diff(doc, other, findings=False).is_empty()


def test_a_generated_organisation_against_itself_is_empty():
    generate = pytest.importorskip("orgdesigner.core.generate").generate
    doc = generate(300, seed=4)
    d = diff(doc, copy(doc))
    assert d.is_empty() and not d.moves and d.findings_only("b") == []


# -- what changed ---------------------------------------------------------------------------


def test_a_person_moving_team_and_manager_is_one_change_and_one_move():
    a = base_doc()
    b = copy(a)
    ann = b.person("ann")
    ann.team, ann.manager = "t-chk", "bo"
    d = diff(a, b)
    assert [(c.kind, c.id) for c in d.changed] == [("person", "ann")]
    assert d.changed[0].fields == {"manager": ("al", "bo"), "team": ("t-pay", "t-chk")}
    assert [m.text for m in d.moves] == [
        f"Ann: Payments {ARROW} Checkout, now reports to Bo (was Al)"
    ]
    assert d.moves[0].team == ("t-pay", "t-chk") and d.moves[0].manager == ("al", "bo")
    assert d.moves[0].functional_manager is None
    assert d.churn == {
        "people_compared": 9,
        "line_manager": 1,
        "functional_manager": 0,
        "team": 1,
        "any": 1,
    }


def test_moves_say_what_happens_to_the_craft_line():
    a = base_doc()
    b = copy(a)
    b.person("pat").manager = "cpo"  # back up the product line
    b.person("pat").functional_manager = None
    b.person("zoe").functional_manager = "cto"  # a new coach, same manager
    b.person("ed").manager = None
    d = diff(a, b)
    texts = {m.person: m.text for m in d.moves}
    assert texts["pat"] == "Pat (Payments): now reports to their functional manager Pia (was Al)"
    assert texts["zoe"] == "Zoe (Checkout): functional manager Cy"
    assert texts["ed"] == "Ed (Payments): no longer has a line manager (was Al)"
    assert d.churn["line_manager"] == 2 and d.churn["functional_manager"] == 2
    assert d.churn["any"] == 3

    # and the other way: onto the mission line, the former manager stays as coach
    back = diff(b, a)
    assert {m.person: m.text for m in back.moves}["pat"] == (
        "Pat (Payments): now reports to Al (was Pia, who stays as functional manager)"
    )


def test_added_and_removed_entities_list_their_fields():
    a = base_doc()
    b = copy(a)
    b.teams.append(
        b.teams[0].model_copy(
            update={"id": "t-new", "name": "Growth", "parent": "t-pd", "owner": "bo"}
        )
    )
    b.people = [p for p in b.people if p.id != "v1"]
    b.roles = [r for r in b.roles if r.id != "pm"]
    b.forget_index()
    d = diff(a, b, findings=False)
    assert [(c.kind, c.id, c.name) for c in d.added] == [("team", "t-new", "Growth")]
    assert d.added[0].fields["owner"] == (None, "bo")
    assert d.added[0].fields["name"] == (None, "Growth")
    assert [(c.kind, c.id) for c in d.removed] == [("person", "v1"), ("role", "pm")]
    removed_person = d.removed[0]
    assert removed_person.fields["vacant"] == (True, None)
    assert removed_person.name == "Open: Engineer"
    assert d.moves == []  # added and removed people are not moves


def test_nested_fields_are_compared_by_value():
    a = base_doc()
    b = copy(a)
    b.role("eng").levels[0].title = "Software Engineer"
    b.function("engineering").standards["hiring"] = "al"
    d = diff(a, b, findings=False)
    fields = {c.id: c.fields for c in d.changed}
    assert fields["eng"]["levels"] == (
        [{"code": "E1", "title": "Engineer", "expectations": ""}],
        [{"code": "E1", "title": "Software Engineer", "expectations": ""}],
    )
    assert fields["engineering"]["standards"][1] == {"leveling": "cto", "hiring": "al"}


def test_an_empty_reference_and_none_differ_in_the_file_but_nobody_moves():
    a = base_doc()
    b = copy(a)
    b.person("ann").functional_manager = ""
    d = diff(a, b, findings=False)
    assert d.changed[0].fields == {"functional_manager": (None, "")}
    assert d.moves == [] and d.churn["any"] == 0


def test_document_settings_and_rules_are_changes():
    a = base_doc()
    b = copy(a)
    b.name = "Product - variant B"
    b.default_team_model = "functional"
    b.rules = b.rules.model_validate({"params": {"span_max": 6}, "disabled": ["ORG-ROOT"]})
    d = diff(a, b, findings=False)
    assert d.document == {
        "name": ("Product - variant A", "Product - variant B"),
        "default_team_model": ("sto", "functional"),
        "rules.params": ({}, {"span_max": 6}),
        "rules.disabled": ([], ["ORG-ROOT"]),
    }
    assert not d.is_empty()
    assert canonical(apply_diff(a, d)) == canonical(b)


# -- figures and findings -------------------------------------------------------------------


def test_figures_of_each_side_and_their_deltas():
    a = base_doc()
    b = copy(a)
    b.people.append(b.person("v1").model_copy(update={"id": "v2"}))
    b.forget_index()
    d = diff(a, b)
    assert d.figures["a"].vacancies == 1 and d.figures["b"].vacancies == 2
    assert d.figures["a"].headcount == d.figures["b"].headcount == 8
    assert d.deltas()["vacancies"] == 1
    # managers: the CTO 3, Al 3, Bo 2 -> 3: the average goes from 8/3 to 3
    assert d.figures["a"].average_span == pytest.approx(8 / 3)
    assert d.deltas()["average_span"] == pytest.approx(1 / 3, abs=0.01)
    assert d.deltas()["largest_span"] == 0
    assert d.figures["a"].findings is not None


def test_findings_each_side_has_and_the_other_has_not():
    a = base_doc()
    b = copy(a)
    b.team("t-chk").owner = None  # STO-OWNER appears in B
    d = diff(a, b)
    only_b = {f.rule for f in d.findings_only("b")}
    assert "STO-OWNER" in only_b
    assert "STO-OWNER" not in {f.rule for f in d.findings_only("a")}
    back = diff(b, a)
    assert "STO-OWNER" in {f.rule for f in back.findings_only("a")}
    # without validation there is nothing to compare
    assert diff(a, b, findings=False).findings_only("b") == []


# -- output ---------------------------------------------------------------------------------


def test_json_is_the_object_of_the_format():
    a = base_doc()
    b = copy(a)
    b.person("ann").team = "t-chk"
    b.people = [p for p in b.people if p.id != "ed"]
    b.forget_index()
    data = json.loads(json.dumps(diff(a, b).to_json()))
    for key in ("added", "removed", "changed"):
        for entry in data[key]:
            assert entry["kind"] in ("person", "team", "role", "function")
            assert isinstance(entry["id"], str)
            assert all(isinstance(v, list) and len(v) == 2 for v in entry["fields"].values())
    assert data["changed"][0]["fields"] == {"team": ["t-pay", "t-chk"]}
    assert data["removed"][0]["id"] == "ed"
    for side in ("a", "b"):
        assert {
            "headcount",
            "teams",
            "vacancies",
            "average_span",
            "largest_span",
            "layers",
            "findings",
        } <= set(data["figures"][side])
    assert data["deltas"]["headcount"] == -1
    assert set(data["deltas"]["findings"]) == {"error", "warning", "info", "waived"}
    assert data["moves"][0]["person"] == "ann"
    assert data["churn"]["team"] == 1
    assert set(data["findings_only"]) == {"a", "b"}


def test_text_shows_figures_moves_and_changes_by_kind():
    a = base_doc()
    b = copy(a)
    b.person("ann").team, b.person("ann").manager = "t-chk", "bo"
    b.team("t-pay").mission = "Customers pay in one step"
    text = diff(a, b).to_text()
    assert "Headcount (filled)" in text and "Average span" in text and "Layers" in text
    assert f"Ann: Payments {ARROW} Checkout, now reports to Bo (was Al)" in text
    assert "People:" in text and "Teams:" in text
    assert f"~ team t-pay (Payments): mission Pay {ARROW} Customers pay in one step" in text
    assert "1 (11%) change line manager" in text


# -- applying a diff gives B back -------------------------------------------------------------

PEOPLE_FIELDS = (
    "name",
    "role",
    "level",
    "function",
    "manager",
    "functional_manager",
    "team",
    "embedded",
    "vacant",
    "tags",
)


def _random_edits(doc: Document, rng: random.Random, n: int) -> Document:
    """``n`` random edits of any kind to a copy of ``doc``, then a shuffle of every list."""
    b = copy(doc)
    for i in range(n):
        b.forget_index()
        people = [p.id for p in b.people]
        teams = [t.id for t in b.teams]
        refs = [*people, None, "", "ghost"]
        what = rng.randrange(12)
        if what == 0 and b.people:
            p = rng.choice(b.people)
            field = rng.choice(PEOPLE_FIELDS)
            value: Any = {
                "name": rng.choice(["", "Ann", "Zoë Ångström", "李雷"]),
                "role": rng.choice(["eng", "pm", "em", None, "ghost"]),
                "level": rng.choice(["E1", None, "X9"]),
                "function": rng.choice(["engineering", "product", None, ""]),
                "manager": rng.choice(refs),
                "functional_manager": rng.choice(refs),
                "team": rng.choice([*teams, None, "ghost"]),
                "embedded": rng.random() < 0.5,
                "vacant": rng.random() < 0.5,
                "tags": rng.choice([[], ["berlin"], ["berlin", "remote"]]),
            }[field]
            setattr(p, field, value)
        elif what == 1 and b.people:
            b.people.append(
                b.people[0].model_copy(
                    update={"id": f"new-p{i}", "name": f"N{i}", "manager": rng.choice(refs)}
                )
            )
        elif what == 2 and b.people:
            b.people.pop(rng.randrange(len(b.people)))
        elif what == 3 and b.teams:
            t = rng.choice(b.teams)
            field = rng.choice(
                ["name", "mission", "owner", "parent", "model", "required_functions"]
            )
            setattr(
                t,
                field,
                {
                    "name": f"Team {i}",
                    "mission": rng.choice(["", "Pay", "New mission"]),
                    "owner": rng.choice(refs),
                    "parent": rng.choice([*teams, None]),
                    "model": rng.choice(["sto", "functional", None]),
                    "required_functions": rng.choice([None, [], ["engineering"]]),
                }[field],
            )
        elif what == 4 and b.teams:
            b.teams.append(b.teams[0].model_copy(update={"id": f"new-t{i}", "name": f"T{i}"}))
        elif what == 5 and b.teams:
            b.teams.pop(rng.randrange(len(b.teams)))
        elif what == 6 and b.roles:
            r = rng.choice(b.roles)
            r.title = f"Role {i}"
            r.people_manager = not r.people_manager
            r.levels = [lv.model_copy(update={"expectations": f"e{i}"}) for lv in r.levels]
            r.responsibilities = r.responsibilities + [f"duty {i}"]
        elif what == 7 and b.roles:
            b.roles.pop(rng.randrange(len(b.roles)))
        elif what == 8 and b.functions:
            f = rng.choice(b.functions)
            f.leader = rng.choice(refs)
            f.standards = {**f.standards, "promotion": rng.choice(people or [None])}
        elif what == 9:
            b.name = f"Variant {i}"
            b.description = rng.choice(["", "draft"])
            b.default_team_model = rng.choice(["sto", "functional"])
        elif what == 10:
            b.rules = b.rules.model_validate(
                {
                    "params": rng.choice(
                        [
                            {},
                            {"span_max": i},
                            {
                                "ratios": [
                                    {
                                        "numerator": "engineering",
                                        "denominator": "product",
                                        "min": 2.5,
                                    }
                                ]
                            },
                        ]
                    ),
                    "severity": rng.choice([{}, {"TEAM-RATIO": "warning"}]),
                    "disabled": rng.choice([[], ["ORG-ROOT"]]),
                    "waivers": rng.choice(
                        [[], [{"rule": "ORG-SPAN", "subject": "al", "reason": "interim"}]]
                    ),
                }
            )
        elif what == 11 and b.functions:
            b.functions.append(b.functions[0].model_copy(update={"id": f"fn{i}"}))
    for items in (b.people, b.teams, b.roles, b.functions):
        rng.shuffle(items)
    b.forget_index()
    # Whatever the edits did, B must still be a document a file can hold.
    return io.loads(io.dumps(b))


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 25))
def test_applying_the_diff_to_a_gives_b(seed: int, n: int):
    a = base_doc()
    b = _random_edits(a, random.Random(seed), n)
    d = diff(a, b, findings=False)
    assert canonical(apply_diff(a, d)) == canonical(b)
    # and the JSON a script reads carries the same information
    again = json.loads(json.dumps(d.to_json()))
    assert len(again["changed"]) == len(d.changed)
    assert apply_diff(a, d) is not a


@given(seed=st.integers(0, 2**32 - 1))
def test_apply_diff_leaves_a_untouched(seed: int):
    a = base_doc()
    before = io.dumps(a)
    b = _random_edits(a, random.Random(seed), 10)
    apply_diff(a, diff(a, b, findings=False))
    assert io.dumps(a) == before


def test_applying_the_diff_between_large_variants():
    generate = pytest.importorskip("orgdesigner.core.generate").generate
    a = generate(2000, seed=11)
    b = _random_edits(a, random.Random(5), 200)
    d = diff(a, b, findings=False)
    assert len(d.changed) > 0
    assert canonical(apply_diff(a, d)) == canonical(b)
    assert d.churn["any"] == len(d.moves)


# -- an open position just added --------------------------------------------------------------


def test_an_added_vacancy_reads_added_not_removed():
    from orgdesigner.core import ops
    from orgdesigner.core.change_list import change_groups, change_marks

    a = base_doc()
    b = copy(a)
    ops.add_vacancy(b, "eng", team="t-pay", manager="al").apply(b)
    (new,) = [p.id for p in b.people if p.id not in {q.id for q in a.people}]
    d = diff(a, b, findings=False)
    assert [c.id for c in d.added] == [new] and d.removed == [] and d.changed == []
    text = d.to_text()
    assert f"+ open position {new} (Open: Engineer): role Engineer, team Payments" in text
    groups = dict(change_groups(d))
    assert list(groups) == ["Added (only in B) (1)"]
    (row,) = groups["Added (only in B) (1)"]
    assert row.text == "Open: Engineer (open position): role Engineer, team Payments, manager Al"
    for view in ("people", "teams", "functions"):
        marks = change_marks(d, view)
        assert marks["a"] == {}
        assert marks["b"][new].status == "added"
        assert marks["b"][new].text.startswith("Added in B: Open: Engineer")
    # The other way round, the same position is one that B drops.
    back = diff(b, a, findings=False)
    assert f"- open position {new} (Open: Engineer)" in back.to_text()
    assert list(dict(change_groups(back))) == ["Removed (only in A) (1)"]


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 25))
def test_marks_name_only_what_changed_in_every_view(seed: int, n: int):
    from orgdesigner.core.change_list import DRAWN, STATUSES, VIEWS, change_marks

    a = base_doc()
    b = _random_edits(a, random.Random(seed), n)
    d = diff(a, b, findings=False)
    for view in VIEWS:
        drawn = DRAWN[view]
        changed = {c.id for c in d.changed if c.kind in drawn}
        marks = change_marks(d, view)
        assert {i for i, m in marks["a"].items() if m.status == "removed"} == {
            c.id for c in d.removed if c.kind in drawn
        }
        assert {i for i, m in marks["b"].items() if m.status == "added"} == {
            c.id for c in d.added if c.kind in drawn
        }
        # Changed entities on both sides, the same way; nothing unchanged is marked.
        both = {i for i, m in marks["a"].items() if m.status in ("moved", "changed")}
        assert both == changed == {i for i, m in marks["b"].items() if m.status != "added"}
        assert all(marks["a"][i] == marks["b"][i] for i in both)
        assert {m.status for s in "ab" for m in marks[s].values()} <= set(STATUSES)
    # A variant against itself marks nothing, in any view.
    same = diff(b, copy(b), findings=False)
    assert all(change_marks(same, v) == {"a": {}, "b": {}} for v in VIEWS)
