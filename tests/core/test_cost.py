"""Cost of a variant: positions, roll-ups by team, manager and function, and comparisons."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.core.cost import compare, cost_bands, money, rollup, signed_money
from orgdesigner.core.model import Document


def make(people=(), teams=(), **extra: Any) -> Document:
    return Document.model_validate(
        {
            "format": "orgdesigner",
            "version": 2,
            "currency": "EUR",
            "roles": [
                {
                    "id": "swe",
                    "title": "Engineer",
                    "function": "eng",
                    "levels": [{"code": "E1", "cost": 80000}, {"code": "E2"}],
                }
            ],
            "functions": [{"id": "eng", "name": "Engineering"}],
            "people": list(people),
            "teams": list(teams),
            **extra,
        }
    )


# boss (200k) -> lead (own 150k) -> a (E1: 80k), b (E2: no cost), v (vacancy, E1: 80k)
PEOPLE = [
    {"id": "boss", "cost": 200000, "team": "top", "function": "eng"},
    {"id": "lead", "manager": "boss", "cost": 150000, "team": "pay", "role": "swe"},
    {"id": "a", "manager": "lead", "role": "swe", "level": "E1", "team": "pay"},
    {"id": "b", "manager": "lead", "role": "swe", "level": "E2", "team": "core"},
    {"id": "v", "manager": "lead", "role": "swe", "level": "E1", "team": "core", "vacant": True},
    {"id": "x", "name": "No cost, no function"},
]
TEAMS = [
    {"id": "top", "name": "Top"},
    {"id": "pay", "name": "Payments", "parent": "top"},
    {"id": "core", "name": "Core", "parent": "pay"},
]


def test_a_position_costs_its_own_cost_else_its_levels():
    r = rollup(make(PEOPLE, TEAMS))
    assert r.position == {
        "boss": 200000,
        "lead": 150000,
        "a": 80000,
        "b": None,
        "v": 80000,
        "x": None,
    }
    assert r.total == 510000
    assert (r.whole.priced, r.whole.unpriced) == (4, 2)


def test_roll_ups_by_team_manager_and_function():
    r = rollup(make(PEOPLE, TEAMS))
    # Teams include their sub-teams; own excludes them.
    assert r.team["core"].amount == 80000 and r.team["core"].unpriced == 1
    assert r.team["pay"].amount == 150000 + 80000 + 80000
    assert r.team_own["pay"].amount == 230000
    assert r.team["top"].amount == 510000
    # A manager's cost is their whole reporting line, themselves included.
    assert r.manager["lead"].amount == 310000
    assert r.manager["boss"].amount == 510000
    assert r.manager["a"].amount == 80000
    assert r.manager["b"].amount is None  # nobody under b has a cost: unknown, not 0
    assert r.function["eng"].amount == 510000
    assert r.function[None].amount is None and r.function[None].unpriced == 1


def test_no_costs_anywhere_is_unknown_not_zero():
    doc = make([{"id": "p"}], [])
    r = rollup(doc)
    assert r.total is None and not r.any
    assert compare(doc, doc).to_json() == {"a": None, "b": None, "currency": "EUR"}


def test_manager_loops_count_each_position_once():
    people = [
        {"id": "p1", "manager": "p2", "cost": 1},
        {"id": "p2", "manager": "p1", "cost": 2},
        {"id": "p3", "manager": "p2", "cost": 4},
        {"id": "self", "manager": "self", "cost": 8},
        {"id": "lost", "manager": "nobody", "cost": 16},
    ]
    r = rollup(make(people))
    assert r.manager["p1"].amount == 7  # the loop is entered at p1, the first listed
    assert r.manager["p2"].amount == 6
    assert r.manager["self"].amount == 8 and r.manager["lost"].amount == 16
    assert r.total == 31


def test_comparison_by_team_and_function():
    a = make(PEOPLE, TEAMS)
    b_people = [dict(p) for p in PEOPLE]
    b_people[0]["cost"] = 250000
    b_people.append({"id": "new", "role": "swe", "level": "E1", "team": "new"})
    b = make(b_people, [*TEAMS, {"id": "new", "name": "New team"}])
    c = compare(a, b)
    assert c.to_json() == {"a": 510000, "b": 640000, "currency": "EUR"}
    teams = {t[0]: t[2:] for t in c.teams}
    assert teams["top"] == (510000, 560000)
    assert teams["new"] == (None, 80000)
    functions = {f[1]: f[2:] for f in c.functions}
    assert functions["Engineering"] == (510000, 640000)


def test_bands_and_money():
    assert cost_bands([10, 20, 30, 40, 50, 60, 70, 80], 4) == [20, 40, 60, 80]
    assert cost_bands([5, 5, 5], 4) == [5]
    assert cost_bands([], 4) == []
    r = rollup(make(PEOPLE, TEAMS))
    bounds = r.bands(2)
    assert r.band_of("a", bounds) == 0 and r.band_of("boss", bounds) == 1
    assert r.band_of("b", bounds) is None
    assert money(1234567, "EUR") == "1,234,567 EUR"
    assert money(1234567, "EUR", short=True) == "1.2M EUR"
    assert money(999.5, "") == "999.50"
    assert money(None) == "\u2013"
    assert signed_money(-3500, "USD") == "-3,500 USD" and signed_money(12, "") == "+12"


@st.composite
def orgs(draw):
    n = draw(st.integers(0, 25))
    ids = [f"p{i}" for i in range(n)]
    tids = [f"t{i}" for i in range(draw(st.integers(0, 6)))]
    people = []
    for pid in ids:
        people.append(
            {
                "id": pid,
                "manager": draw(st.sampled_from([None, "ghost", *ids])),
                "team": draw(st.sampled_from([None, *tids])),
                "cost": draw(st.one_of(st.none(), st.integers(0, 1000))),
            }
        )
    teams = [{"id": t, "parent": draw(st.sampled_from([None, *tids]))} for t in tids]
    return make(people, teams)


@settings(max_examples=150, deadline=None)
@given(orgs())
def test_roll_ups_agree_with_counting_by_hand(doc):
    r = rollup(doc)
    cost = {p.id: p.cost for p in doc.people}
    manager_of = {p.id: p.manager for p in doc.people}
    ids = set(manager_of)
    priced = [c for c in cost.values() if c is not None]
    assert r.total == (sum(priced) if priced else None)
    for pid in ids:
        below = [q for q in ids if _reaches(manager_of, q, pid)]
        if any(_loops(manager_of, q) for q in below):
            continue
        want = [cost[q] for q in below if cost[q] is not None]
        assert r.manager[pid].amount == (sum(want) if want else None)
        assert r.manager[pid].priced + r.manager[pid].unpriced == len(below)
    # A team's cost is its people's with every sub-team's, where the teams form no loop.
    parent_of = {t.id: t.parent for t in doc.teams}
    for tid in parent_of:
        under = [q for q in parent_of if _reaches(parent_of, q, tid)]
        if any(_loops(parent_of, q) for q in under):
            continue
        want = [cost[p.id] for p in doc.people if p.team in under and cost[p.id] is not None]
        assert r.team[tid].amount == (sum(want) if want else None)


def _loops(manager_of, q) -> bool:
    seen = set()
    while q in manager_of:
        if q in seen:
            return True
        seen.add(q)
        q = manager_of[q]
    return False


def _reaches(manager_of, q, target) -> bool:
    seen = set()
    while q in manager_of and q not in seen:
        if q == target:
            return True
        seen.add(q)
        q = manager_of[q]
    return False


def test_diff_json_gains_the_cost_totals(tmp_path, capsys):
    import json

    from orgdesigner.cli import main
    from orgdesigner.core import io

    a = make(PEOPLE, TEAMS)
    b = make([*PEOPLE, {"id": "hire", "cost": 99000.5}], TEAMS)
    io.save(a, tmp_path / "a.orgd", backup=False)
    io.save(b, tmp_path / "b.orgd", backup=False)
    assert (
        main(["diff", str(tmp_path / "a.orgd"), str(tmp_path / "b.orgd"), "--format", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["cost"] == {"a": 510000, "b": 609000.5, "currency": "EUR"}
