"""The synthetic organisation generator: exact size, same seed same company, sane shape."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import io
from orgdesigner.core.generate import ROLE_LIBRARY, generate
from orgdesigner.core.model import Document
from orgdesigner.core.rules import validate

SIZES = (13, 40, 60, 250, 1000, 4000)


def spans(doc: Document) -> Counter[str]:
    return Counter(p.manager for p in doc.people if p.manager)


def team_sizes(doc: Document) -> dict[str, int]:
    """A team's people: its members and its owner when not a member."""
    members = Counter(p.team for p in doc.people if p.team)
    out = {}
    for t in doc.teams:
        owner = doc.person(t.owner)
        out[t.id] = members[t.id] + (0 if owner is not None and owner.team == t.id else 1)
    return out


@pytest.fixture(scope="module")
def made() -> dict[int, Document]:
    return {n: generate(n, seed=7) for n in SIZES}


@given(st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=2**32))
def test_exactly_the_number_of_people_asked_for(people: int, seed: int):
    assert len(generate(people, seed).people) == people


@pytest.mark.parametrize("people", [1, 2, 12, 13, 5000])
def test_exact_size_at_the_edges(people: int):
    doc = generate(people)
    assert len(doc.people) == people
    assert len({p.id for p in doc.people}) == people


def test_nobody_is_asked_for():
    with pytest.raises(ValueError):
        generate(0)


def test_same_seed_same_document_and_another_seed_another():
    assert io.dumps(generate(800, seed=3)) == io.dumps(generate(800, seed=3))
    assert io.dumps(generate(800, seed=3)) != io.dumps(generate(800, seed=4))


def test_output_is_a_valid_file(made: dict[int, Document]):
    doc = made[1000]
    assert io.loads(io.dumps(doc)) == doc


@pytest.mark.parametrize("people", SIZES)
def test_every_manager_has_three_to_twelve_reports(made: dict[int, Document], people: int):
    bad = {m: n for m, n in spans(made[people]).items() if not 3 <= n <= 12}
    assert bad == {}


@pytest.mark.parametrize("people", SIZES)
def test_every_team_has_four_to_twelve_people(made: dict[int, Document], people: int):
    bad = {t: n for t, n in team_sizes(made[people]).items() if not 4 <= n <= 12}
    assert bad == {}


@pytest.mark.parametrize("people", (1, 5, *SIZES))
def test_every_function_with_people_has_a_leader_of_its_own(people: int):
    doc = generate(people, seed=7)
    with_people = {doc.function_of(p) for p in doc.people} - {None}
    for fid in with_people:
        f = doc.function(fid)
        assert f is not None and f.leader, fid
        leader = doc.person(f.leader)
        assert leader is not None and not leader.vacant and doc.function_of(leader) == fid


@pytest.mark.parametrize("people", SIZES)
def test_references_resolve_and_lines_have_one_top(made: dict[int, Document], people: int):
    doc = made[people]
    report = validate(doc)
    for rule in (
        "ORG-REF",
        "ORG-CYCLE",
        "ORG-ROOT",
        "FUNC-LEADER",
        "FUNC-STANDARDS",
        "ROLE-MISSING",
        "ROLE-DEFINITION",
        "STO-OWNER",
    ):
        assert report.by_rule(rule) == [], rule


def test_a_large_company_looks_like_one(made: dict[int, Document]):
    doc = made[4000]
    fns = {f.id for f in doc.functions}
    assert {"engineering", "product", "design", "data", "sales", "marketing", "operations"} <= fns
    models = Counter(doc.model_of(t) for t in doc.teams)
    assert models["sto"] > models["functional"] > 0
    vacancies = sum(p.vacant for p in doc.people)
    assert 0.01 * len(doc.people) < vacancies < 0.05 * len(doc.people)
    assert all(not p.name for p in doc.people if p.vacant)
    assert any(p.embedded for p in doc.people)
    assert any(p.functional_manager for p in doc.people)
    layers = max(depth(doc, p.id) for p in doc.people)
    assert layers >= 4
    roles = {p.role for p in doc.people}
    assert roles <= set(ROLE_LIBRARY) and roles == {r.id for r in doc.roles}


def depth(doc: Document, pid: str) -> int:
    n = 0
    person = doc.person(pid)
    while person is not None and person.manager:
        person = doc.person(person.manager)
        n += 1
    return n


@pytest.mark.parametrize("people", [1000, 4000])
def test_a_few_deliberate_problems_not_thousands(made: dict[int, Document], people: int):
    report = validate(made[people])
    rules = {f.rule for f in report.findings}
    # Each deliberate problem is there, and the errors are only the deliberate ones.
    assert {"STO-REPORTS", "STO-MISSION", "FUNC-COACH", "TEAM-UNASSIGNED", "ROLE-LADDER"} <= rules
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors and {f.rule for f in errors} == {"STO-REPORTS"}
    assert len(report.findings) < people / 20


def test_small_companies_are_one_team_around_the_founder():
    doc = generate(8, seed=1)
    (team,) = doc.teams
    ceo = doc.people[0]
    assert team.owner == ceo.id and ceo.manager is None
    assert all(p.manager == ceo.id and p.team == team.id for p in doc.people[1:])


def test_the_generators_data_is_a_resource_file_not_code():
    import json

    from orgdesigner.resources_path import resource

    data = json.loads(resource("generator", "library.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["roles"]] == list(ROLE_LIBRARY)
    assert all(r["levels"] and r["purpose"] for r in data["roles"])
