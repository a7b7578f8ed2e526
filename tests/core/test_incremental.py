"""Revalidation after an edit gives exactly what a full validation gives, and
touches only what the edit can affect."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from core_helpers import draw_op, healthy, healthy_v2, org, random_docs
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import io, ops
from orgdesigner.core.model import Document, Level, Person, Role, RulesConfig, Team
from orgdesigner.core.ops import OpRefused
from orgdesigner.core.rules import Finding, Validator, validate
from orgdesigner.core.rules.index import Index
from orgdesigner.resources_path import resource


def fresh(doc: Document, config: RulesConfig | None = None) -> list[Finding]:
    return sorted(validate(doc, config).findings)


def step(validator: Validator, changes: Iterable[ops.Change]) -> list[Finding]:
    return sorted(validator.update(list(changes)).findings)


def check_step(
    validator: Validator,
    doc: Document,
    changes: Iterable[ops.Change],
    config: RulesConfig | None = None,
) -> None:
    got = step(validator, changes)
    want = fresh(doc, config)
    missing = [f for f in want if f not in got]
    extra = [f for f in got if f not in want]
    assert (missing, extra) == ([], []), "incremental report differs from a full validation"
    assert index_is_exact(validator), "the index kept edit by edit differs from a rebuilt one"


def index_is_exact(validator: Validator) -> bool:
    """The reverse references kept change by change are those a rebuild finds, once each."""
    kept = {k: dict(c) for k, c in validator.index.refs.items() if c}
    rebuilt = {k: dict(c) for k, c in Index(validator.doc).refs.items() if c}
    return kept == rebuilt


@given(st.data())
def test_incremental_revalidation_equals_full_validation(data):
    """Edits of every kind, one-step deletes of several and composites of random edits
    among them, undone and redone at any point: the live report stays exact."""
    doc = data.draw(random_docs(), label="document")
    validator = Validator(doc)
    assert sorted(validator.report().findings) == fresh(doc)
    history = ops.History(doc)
    for _ in range(data.draw(st.integers(1, 16), label="steps")):
        move = data.draw(st.sampled_from(["do", "do", "do", "undo", "redo"]), label="move")
        if move == "undo" and history.undo_stack:
            check_step(validator, doc, history.undo())
        elif move == "redo" and history.redo_stack:
            check_step(validator, doc, history.redo())
        else:
            try:
                changes = history.do(draw_op(data.draw, doc))
            except OpRefused:
                continue
            check_step(validator, doc, changes)
    # Undo all the way, then redo some: every step keeps the report exact.
    while history.undo_stack:
        check_step(validator, doc, history.undo())
    for _ in range(data.draw(st.integers(0, len(history.redo_stack)), label="redos")):
        check_step(validator, doc, history.redo())


@given(st.data())
def test_incremental_with_a_rule_file_overriding_the_documents_rules(data):
    doc = data.draw(random_docs(), label="document")
    config = RulesConfig.model_validate(
        {
            "params": {"span_min": 1, "team_min": 2},
            "severity": {"ORG-ROOT": "error"},
            "disabled": ["ROLE-MISSING"],
        }
    )
    validator = Validator(doc, config)
    for _ in range(data.draw(st.integers(1, 8), label="steps")):
        try:
            changes = ops.History(doc).do(draw_op(data.draw, doc))
        except OpRefused:
            continue
        got = step(validator, changes)
        assert got == fresh(doc, config)


def test_full_rechecks_everything_after_outside_changes():
    doc = healthy()
    validator = Validator(doc)
    doc.people[0].manager = "ghost"  # changed behind the validator's back
    assert sorted(validator.full().findings) == fresh(doc)


# -- edits found to be missed by revalidation (each a regression test) ----------------


def run(doc: Document, *edits: ops.Op) -> None:
    validator = Validator(doc)
    for op in edits:
        check_step(validator, doc, op.apply(doc).changes)


def test_adding_a_person_of_a_function_without_people_wakes_its_leader_rule():
    doc = org(
        people=[{"id": "boss", "function": "eng"}], functions=[{"id": "eng"}, {"id": "design"}]
    )
    run(doc, ops.add_person(doc, Person(id="d", function="design", manager="boss")))


def test_removing_the_only_person_of_a_function_quiets_its_leader_rule():
    doc = org(
        people=[
            {"id": "boss", "function": "eng"},
            {"id": "d", "function": "design", "manager": "boss"},
        ],
        functions=[{"id": "eng"}, {"id": "design"}],
    )
    run(doc, ops.delete_person(doc, "d"))


def test_removing_the_owners_role_wakes_sto_leader_role():
    doc = org(
        people=[{"id": "o", "role": "lead", "function": "eng", "team": "t"}],
        teams=[{"id": "t", "owner": "o"}],
        roles=[{"id": "lead", "function": "eng", "people_manager": True}],
    )
    run(doc, ops.RemoveEntity("role", "lead"))


def test_adding_the_owners_role_quiets_sto_leader_role():
    doc = org(people=[{"id": "o", "role": "lead", "team": "t"}], teams=[{"id": "t", "owner": "o"}])
    run(doc, ops.AddEntity("role", Role(id="lead", people_manager=True)))


def test_adding_a_vacancys_role_renames_it_everywhere():
    """A vacancy is shown as "Open: <role title>": other anchors' messages name it."""
    doc = org(people=[{"id": "v", "vacant": True, "role": "des"}, "root"])
    run(doc, ops.AddEntity("role", Role(id="des", title="Designer")))


def test_removing_a_vacancys_role_renames_it_everywhere():
    doc = org(
        people=[{"id": "v", "vacant": True, "role": "des"}, "root"],
        roles=[{"id": "des", "title": "Designer"}],
    )
    run(doc, ops.RemoveEntity("role", "des"))


@pytest.mark.parametrize("first", ["a", "b"])
def test_sub_team_counts_in_a_team_parent_loop_do_not_depend_on_order(first):
    """Teams a and b are each other's parent: each with its sub-teams has both."""
    doc = org(
        people=[
            {"id": "e", "function": "eng", "team": "a"},
            {"id": "p", "function": "product", "team": "b"},
        ],
        teams=[{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}],
    )
    validator = Validator(doc)
    other = "b" if first == "a" else "a"
    check_step(validator, doc, ops.SetField("team", first, "name", "x").apply(doc).changes)
    check_step(validator, doc, ops.SetField("team", other, "mission", "y").apply(doc).changes)


# -- one step that restores an entity and edits it: undoing a delete of several ------------


def replay(doc: Document, edits: list, undos: int) -> None:
    """Apply ``edits`` then undo ``undos`` of them, checking the live report at every step."""
    history = ops.History(doc)
    validator = Validator(doc)
    for make in edits:
        check_step(validator, doc, history.do(make(doc)))
    for _ in range(undos):
        check_step(validator, doc, history.undo())


def test_undoing_the_delete_of_a_team_and_its_new_member_restores_the_ratio():
    """Deleting the team first takes Zoe off it, then she goes: undoing puts her back
    and on the team again in one step, and Developer Platform counts her once."""
    replay(
        io.load(resource("examples", "product-stool.orgd")),
        [
            lambda d: ops.move_to_team(d, "p-zoe-harris", "t-reliability"),
            lambda d: ops.delete_many(d, [("team", "t-reliability"), ("person", "p-zoe-harris")]),
        ],
        undos=2,
    )


def test_undoing_the_delete_of_an_owner_and_their_new_team_forgets_the_ownership():
    """After both undos Dmitri owns only Mobile again: no "owns 2 unrelated teams"."""
    doc = io.load(resource("examples", "product-stool.orgd"))
    replay(
        doc,
        [
            lambda d: ops.make_owner(d, "t-growth", "p-dmitri-volkov"),
            lambda d: ops.delete_many(d, [("person", "p-dmitri-volkov"), ("team", "t-growth")]),
        ],
        undos=2,
    )
    assert not [f for f in validate(doc).findings if f.rule == "STO-SINGLE-THREAD"]


@pytest.mark.parametrize(
    "op",
    [
        # added, then its own fields set, in one step
        lambda d: ops.Composite(
            (
                ops.AddEntity("person", Person(id="n", function="eng")),
                ops.SetField("person", "n", "team", "t"),
            )
        ),
        lambda d: ops.Composite(
            (ops.AddEntity("team", Team(id="u")), ops.SetField("team", "u", "owner", "o"))
        ),
        # removed, put back and edited in one step
        lambda d: ops.Composite(
            (
                ops.RemoveEntity("person", "m"),
                ops.AddEntity("person", d.person("m"), restore=True),
                ops.SetField("person", "m", "team", "v"),
            )
        ),
    ],
)
def test_a_step_that_adds_or_removes_an_entity_and_edits_it(op):
    doc = org(
        people=[
            {"id": "o", "function": "eng", "team": "t"},
            {"id": "m", "function": "eng", "team": "t", "manager": "o"},
        ],
        teams=[{"id": "t", "owner": "o"}, {"id": "v", "owner": "o"}],
    )
    replay(doc, [op, lambda d: ops.SetField("team", "t", "name", "T")], undos=2)


# -- locality: an edit revalidates what it touched, not the whole organisation ----------


def big_org(people: int = 3000) -> Document:
    """A CEO, ten VPs and a hundred team owners with about 29 engineers each."""
    people_: list[Person] = [Person(id="ceo", name="CEO", role="lead", manager=None, team="t-top")]
    teams = [Team(id="t-top", name="Top", mission="Everything", owner="ceo")]
    for v in range(10):
        vp = f"vp{v}"
        people_.append(Person(id=vp, role="lead", manager="ceo", team="t-top"))
        teams.append(Team(id=f"t-{vp}", mission=f"Area {v}", owner=vp, parent="t-top"))
        for m in range(10):
            owner = f"em{v}-{m}"
            tid = f"t-{owner}"
            teams.append(Team(id=tid, mission=f"Product {v}.{m}", owner=owner, parent=f"t-{vp}"))
            people_.append(Person(id=owner, role="lead", manager=vp, team=tid))
    i = 0
    owners = [p for p in people_ if p.id.startswith("em")]
    while len(people_) < people:
        owner = owners[i % len(owners)]
        people_.append(
            Person(id=f"e{i}", role="eng", level="L1", manager=owner.id, team=owner.team)
        )
        i += 1
    doc = org(
        roles=[
            {"id": "lead", "function": "engineering", "people_manager": True},
            {"id": "eng", "function": "engineering", "levels": [{"code": "L1"}]},
        ],
        functions=[{"id": "engineering", "leader": "ceo"}],
    )
    doc.people.extend(people_)
    doc.teams.extend(teams)
    doc.forget_index()
    return doc


@pytest.fixture(scope="module")
def big() -> tuple[Document, Validator]:
    doc = big_org()
    validator = Validator(doc)
    return doc, validator


def test_big_org_is_validated_in_full_first(big):
    doc, validator = big
    assert len(doc.people) == 3000
    assert validator.checks_run >= 3000  # every anchor once


@pytest.mark.parametrize(
    ("what", "make", "limit"),
    [
        ("a leaf changes manager", lambda d: ops.set_manager(d, "e5", "em3-3"), 50),
        ("a leaf is renamed", lambda d: ops.SetField("person", "e7", "name", "Ann"), 10),
        ("a leaf's level", lambda d: ops.SetField("person", "e8", "level", "L9"), 5),
        ("a leaf moves team", lambda d: ops.move_to_team(d, "e9", "t-em0-1"), 50),
        ("a team's mission", lambda d: ops.SetField("team", "t-em1-1", "mission", "New"), 10),
        ("a leaf becomes a vacancy", lambda d: ops.SetField("person", "e10", "vacant", True), 10),
    ],
)
def test_an_edit_rechecks_only_what_it_touches(big, what, make, limit):
    doc, validator = big
    history = ops.History(doc)
    changes = history.do(make(doc))
    report = validator.update(changes)
    assert 0 < validator.checks_run < limit, what
    assert sorted(report.findings) == fresh(doc)
    validator.update(history.undo())
    assert validator.checks_run < limit


# -- every single edit of a realistic organisation ---------------------------------------


def _single_edits(doc: Document) -> list[tuple[str, str, str, object]]:
    people = [p.id for p in doc.people]
    teams = [t.id for t in doc.teams]
    roles = [r.id for r in doc.roles]
    functions = [f.id for f in doc.functions]
    values: dict[tuple[str, str], list[object]] = {
        ("person", "manager"): [*people, None, "ghost"],
        ("person", "functional_manager"): ["cpo", "cdo", "cto", "a1", None, "ghost"],
        ("person", "team"): [*teams, None, "t-ghost"],
        ("person", "role"): [*roles, None, "r-ghost"],
        ("person", "function"): [*functions, None, "f-ghost"],
        ("person", "level"): ["L1", "L3", "L9", None],
        ("person", "vacant"): [True],
        ("person", "embedded"): [True],
        ("person", "name"): ["", "Zed"],
        ("person", "cost"): [0, 1_000_000],
        ("team", "serves"): [[], ["t-a"], ["t-b", "t-ghost"]],
        ("team", "budget"): [None, 1],
        ("team", "owner"): ["a1", "cto", "pm-b", "des-b", None, "ghost"],
        ("team", "parent"): [*teams, None, "t-ghost"],
        ("team", "model"): ["sto", "functional", "service", None],
        ("team", "mission"): ["", "Build the product", "customers find what they NEED"],
        ("team", "required_functions"): [[], ["design"], ["f-ghost"], None],
        ("team", "name"): ["", "Renamed"],
        ("role", "function"): [*functions, None, "f-ghost"],
        ("role", "people_manager"): [True, False],
        ("role", "levels"): [
            [],
            [Level(code="L1", grade="g4", cost=1e6), Level(code="L3", grade="g1")],
            [Level(code="L1", expectations=" ")],
        ],
        ("role", "title"): ["", "Renamed"],
        ("role", "purpose"): [""],
        ("role", "responsibilities"): [[]],
        ("function", "leader"): [*people[:6], None, "ghost"],
        ("function", "standards"): [{}, {"hiring": "a1"}, {"leveling": "pe1", "hiring": "pe1"}],
        ("function", "name"): ["", "Renamed"],
    }
    ids = {"person": people, "team": teams, "role": roles, "function": functions}
    return [
        (kind, id_, field, value)
        for (kind, field), vs in values.items()
        for id_ in ids[kind]
        for value in vs
    ]


@pytest.mark.parametrize("make", [healthy, healthy_v2], ids=["version 1", "version 2"])
def test_every_single_edit_of_the_healthy_organisation(make):
    doc = make()
    validator = Validator(doc)
    tried = 0
    for kind, id_, field, value in _single_edits(make()):
        try:
            applied = ops.SetField(kind, id_, field, value).apply(doc)
        except OpRefused:
            continue
        tried += 1
        check_step(validator, doc, applied.changes)
        check_step(validator, doc, applied.inverse.apply(doc).changes)
    assert tried > 1000


@pytest.mark.parametrize("make", [healthy, healthy_v2], ids=["version 1", "version 2"])
@pytest.mark.parametrize("kind", ["person", "team", "role", "function"])
def test_removing_and_restoring_each_entity_of_the_healthy_organisation(kind, make):
    doc = make()
    validator = Validator(doc)
    for entity in list(doc.entities(kind)):
        applied = ops.RemoveEntity(kind, entity.id).apply(doc)
        check_step(validator, doc, applied.changes)
        check_step(validator, doc, applied.inverse.apply(doc).changes)
    for person in [p.id for p in doc.people] if kind == "person" else []:
        applied = ops.delete_person(doc, person).apply(doc)
        check_step(validator, doc, applied.changes)
        check_step(validator, doc, applied.inverse.apply(doc).changes)


def _domain_edits(doc: Document) -> list:
    people = [p.id for p in doc.people]
    teams = [t.id for t in doc.teams]
    roles = [r.id for r in doc.roles]
    grades = [g.id for g in doc.grades]
    edits = []
    for p in people:
        edits += [lambda d, p=p, t=t: ops.move_to_team(d, p, t) for t in (*teams, None)]
    for t in teams:
        edits += [lambda d, p=p, t=t: ops.make_owner(d, t, p) for p in people]
        edits.append(lambda d, t=t: ops.delete_team(d, t))
        edits += [lambda d, r=r, t=t: ops.add_vacancy(d, r, team=t) for r in (*roles, None)]
    edits += [lambda d, r=r: ops.remove_role(d, r) for r in roles]
    edits += [lambda d, r=r: ops.RemoveEntity("role", r) for r in roles]
    edits.append(
        lambda d: ops.SetRules(
            RulesConfig.model_validate(
                {
                    "params": {"span_min": 1, "team_min": 3},
                    "disabled": ["ORG-SPAN"],
                    "waivers": [{"rule": "STO-REPORTS", "subject": "a1", "reason": "x"}],
                }
            )
        )
    )
    edits.append(lambda d: ops.SetField("document", None, "default_team_model", "functional"))
    for t in teams:
        edits += [lambda d, t=t, s=s: ops.serve(d, s, t) for s in teams]
        edits.append(lambda d, t=t: ops.set_team_model(d, t, "service"))
        edits.append(lambda d, t=t: ops.set_team_budget(d, t, 10))
    for r in roles:
        for code in ("L1", "L3"):
            edits += [lambda d, r=r, c=code, g=g: ops.set_level_grade(d, r, c, g) for g in grades]
            edits.append(lambda d, r=r, c=code: ops.set_level_cost(d, r, c, 5e5))
    for p in people:
        edits.append(lambda d, p=p: ops.set_person_cost(d, p, 9e5))
    for g in grades:
        edits.append(lambda d, g=g: ops.remove_grade(d, g))
        edits.append(lambda d, g=g: ops.move_grade(d, g, 0))
        edits.append(lambda d, g=g: ops.rename_grade(d, g, "Renamed"))
    edits.append(lambda d: ops.set_currency(d, "USD"))
    return edits


@pytest.mark.parametrize("make", [healthy, healthy_v2], ids=["version 1", "version 2"])
def test_every_designer_edit_of_the_healthy_organisation(make):
    doc = make()
    validator = Validator(doc)
    for edit in _domain_edits(doc):
        try:
            applied = edit(doc).apply(doc)
        except OpRefused:
            continue
        check_step(validator, doc, applied.changes)
        check_step(validator, doc, applied.inverse.apply(doc).changes)


def test_adding_entities_that_dangling_references_were_waiting_for():
    doc = healthy()
    for kind, field, value in [
        ("person", "manager", "new-p"),
        ("person", "team", "new-t"),
        ("person", "role", "new-r"),
        ("person", "function", "new-f"),
        ("team", "owner", "new-p"),
        ("team", "parent", "new-t"),
        ("function", "leader", "new-p"),
    ]:
        target = {"person": "a1", "team": "t-a", "function": "design"}[kind]
        ops.SetField(kind, target, field, value).apply(doc)
    ops.SetField("person", "pm-a", "functional_manager", "new-p").apply(doc)
    validator = Validator(doc)
    for op in [
        ops.AddEntity("person", Person(id="new-p", role="cdo", manager="cto", team="t-lead")),
        ops.AddEntity(
            "team", Team(id="new-t", owner="em-b", parent="t-lead", mission="Build the product")
        ),
        ops.AddEntity("role", Role(id="new-r", title="New", function="product")),
        ops.AddEntity(
            "function", doc.function("design").model_copy(update={"id": "new-f", "name": "New"})
        ),
    ]:
        applied = op.apply(doc)
        check_step(validator, doc, applied.changes)
    assert fresh(doc) == sorted(validator.report().findings)
