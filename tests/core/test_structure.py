"""Questions about the shape of the organisation (parent teams, line managers, loops)
are answered in linear time however deep the tree: a hostile file of thousands of
nested teams is validated as fast as a flat one of the same size.

Linearity is shown by counting the work, never by timing it: every walk up the
tree reads a team's ``parent`` or a person's ``manager``, and a validation of n
nested teams and people reads them a few times n, not n² / 2 times.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from core_helpers import random_docs
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import ops
from orgdesigner.core.model import Document, Person, Team
from orgdesigner.core.rules import Validator, validate
from orgdesigner.core.rules.index import Index

READS: Counter[str] = Counter()


class CountedTeam(Team):
    def __getattribute__(self, name: str) -> Any:
        if name == "parent":
            READS["parent"] += 1
        return super().__getattribute__(name)


class CountedPerson(Person):
    def __getattribute__(self, name: str) -> Any:
        if name == "manager":
            READS["manager"] += 1
        return super().__getattribute__(name)


N = 3000  # deeper than Python's recursion limit: a recursive walk would fail


def nested(n: int, loop: int = 0) -> Document:
    """Teams t0 <- t1 <- ... each inside the one before, and people p0 <- p1 <- ...
    each reporting to the one before and owning their team; "boss" also owns every
    third team and one side team under t0. With ``loop``, the first ``loop`` teams
    and people close a loop at the top, the rest hanging below it."""
    teams = [
        CountedTeam(
            id=f"t{i}",
            name=f"T{i}",
            mission=f"Mission {i}",
            parent=f"t{i - 1}" if i else (f"t{loop - 1}" if loop else None),
            owner="boss" if i % 3 == 0 else f"p{i}",
        )
        for i in range(n)
    ]
    teams.append(CountedTeam(id="side", name="Side", mission="Aside", parent="t0", owner="boss"))
    people = [
        CountedPerson(
            id=f"p{i}",
            name=f"P{i}",
            team=f"t{i}",
            manager=f"p{i - 1}" if i else (f"p{loop - 1}" if loop else None),
        )
        for i in range(n)
    ]
    people.append(CountedPerson(id="boss", name="Boss"))
    doc = Document.new("Nested")
    doc.teams.extend(teams)
    doc.people.extend(people)
    return doc


def reads() -> int:
    return READS["parent"] + READS["manager"]


@pytest.mark.parametrize("loop", [0, 2, N // 2, N])
def test_validating_deeply_nested_teams_and_managers_reads_each_link_a_few_times(loop):
    doc = nested(N, loop)
    READS.clear()
    report = Validator(doc).report()
    assert reads() < 20 * N, "structure walked once per entity: quadratic"
    # Boss's teams on the loop (or t0, with no loop) are above all the others; the
    # side team under t0 sits beside each of boss's teams below.
    below = [i for i in range(max(loop, 1), N) if i % 3 == 0]
    singled = [f.message for f in report.by_rule("STO-SINGLE-THREAD")]
    if below:
        assert len(singled) == 1
        assert singled[0].startswith(f"Boss owns {len(below) + 1} unrelated teams: Side, T")
    else:
        assert not singled
    if loop:
        (teams_loop,) = [f for f in report.by_rule("ORG-CYCLE") if f.subjects[0].startswith("t")]
        assert len(teams_loop.subjects) == loop
        assert teams_loop.message.startswith(f"Parent teams loop: T0 -> T{loop - 1} -> ")
    else:
        deepest = [f for f in report.by_rule("ORG-LAYERS") if f.subjects == (f"p{N - 1}",)]
        assert deepest and f"is {N - 1} layers below the top" in deepest[0].message


def test_an_edit_deep_in_nested_teams_rechecks_in_one_walk_up():
    doc = nested(N)
    validator = Validator(doc)
    history = ops.History(doc)
    for op in [
        ops.move_to_team(doc, f"p{N - 1}", "t1"),
        ops.set_parent_team(doc, f"t{N - 1}", "side"),
        ops.make_owner(doc, f"t{N - 2}", "boss"),
    ]:
        READS.clear()
        report = validator.update(history.do(op))
        assert reads() < 20 * N
        assert sorted(report.findings) == sorted(validate(doc).findings)


# -- the quick answers are the answers of the plain walk --------------------------------


def plain_unrelated(index: Index, tids: list[str]) -> set[str]:
    ancestors = {t: set(index.team_ancestors(t)) for t in tids}
    out: set[str] = set()
    for i, a in enumerate(tids):
        for b in tids[i + 1 :]:
            if a not in ancestors[b] and b not in ancestors[a]:
                out.update((a, b))
    return out


def plain_with_subteams(index: Index, tid: str) -> Counter[str]:
    total: Counter[str] = Counter()
    for t in index.team_subtree(tid):
        total.update(index.team_fns(t))
    return total


@given(st.data())
def test_tree_order_and_sums_agree_with_walking_the_tree(data):
    """Random documents hold parent loops, self-parents and missing parents."""
    doc = data.draw(random_docs(with_rules=False), label="document")
    index = Index(doc)
    tids = [t.id for t in doc.teams]
    chosen = data.draw(st.lists(st.sampled_from(tids), unique=True) if tids else st.just([]))
    assert index.unrelated_teams(chosen) == plain_unrelated(index, chosen)
    for tid in tids:
        assert index.team_fns_with_subteams(tid) == plain_with_subteams(index, tid)
        chain = index.team_ancestors(tid)
        top = doc.team(chain[-1])
        assert index.on_parent_loop(tid) == (top is not None and top.parent == tid)
