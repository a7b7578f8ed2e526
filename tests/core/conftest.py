"""Small document builders for the core tests.

``org(people=[...], teams=[...], ...)`` takes short dicts (or bare ID strings)
and returns a validated :class:`Document`, so a test states only what matters
to it. ``healthy()`` is a complete organisation on which no rule fires: a
rule's test changes one thing in it and looks at what that one change does.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import pytest

from orgdesigner.core import io
from orgdesigner.core.model import Document
from orgdesigner.core.rules import Finding, validate

Spec = dict[str, Any] | str


def _items(specs: Iterable[Spec]) -> list[dict[str, Any]]:
    return [{"id": s} if isinstance(s, str) else dict(s) for s in specs]


def org_data(people: Iterable[Spec] = (), teams: Iterable[Spec] = (),
             roles: Iterable[Spec] = (), functions: Iterable[Spec] = (),
             rules: dict[str, Any] | None = None, **top: Any) -> dict[str, Any]:
    """The JSON-ready dict of a document (what ``org`` validates)."""
    data: dict[str, Any] = {"format": "orgdesigner", "version": 1, **top}
    for key, specs in (("functions", functions), ("roles", roles), ("teams", teams),
                       ("people", people)):
        items = _items(specs)
        if items:
            data[key] = items
    if rules is not None:
        data["rules"] = rules
    return data


def org(people: Iterable[Spec] = (), teams: Iterable[Spec] = (),
        roles: Iterable[Spec] = (), functions: Iterable[Spec] = (),
        rules: dict[str, Any] | None = None, **top: Any) -> Document:
    """A document from short specs, validated exactly as a file would be."""
    return io.parse(org_data(people, teams, roles, functions, rules, **top))


def role(id_: str, function: str | None, *, manager: bool = False,
         levels: Iterable[str] = ("L1", "L2", "L3"), **extra: Any) -> dict[str, Any]:
    """A fully defined role (purpose, responsibilities, ladder) unless told otherwise."""
    spec: dict[str, Any] = {
        "id": id_, "title": id_.upper(), "function": function, "people_manager": manager,
        "purpose": f"Why {id_} exists", "responsibilities": [f"{id_} work"],
        "levels": [{"code": c, "title": c} for c in levels],
    }
    spec.update(extra)
    return spec


def function(id_: str, leader: str | None, standards_owner: str | None = None,
             **extra: Any) -> dict[str, Any]:
    """A function whose every default standard (and code review) is owned by one person."""
    owner = standards_owner or leader
    spec: dict[str, Any] = {
        "id": id_, "name": id_.capitalize(), "leader": leader,
        "standards": {s: owner for s in ("leveling", "career_path", "promotion", "hiring",
                                         "code_review")},
    }
    spec.update(extra)
    return spec


def person(id_: str, role_: str | None, manager: str | None, team: str | None,
           **extra: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"id": id_, "name": id_.replace("-", " ").title(), "role": role_,
                            "manager": manager, "team": team}
    spec.update(extra)
    return spec


def healthy_data() -> dict[str, Any]:
    """A small but complete organisation that no rule finds fault with.

    t-lead (sto, owned by the CTO) has two sub-teams: t-a (sto: everyone
    reports to em-a, the product manager is coached by the CPO) and t-b
    (functional: the PM and designer report outside the team, to the CTO, and
    are coached by their own function's leader).
    """
    people = [
        person("cto", "cto", None, "t-lead", level="L3"),
        person("cpo", "cpo", "cto", "t-lead"),
        person("cdo", "cdo", "cto", "t-lead"),
        person("pe1", "eng", "cto", "t-lead", level="L3"),
        person("pe2", "eng", "cto", "t-lead", level="L3"),
        person("em-a", "em", "cto", "t-a"),
        *(person(f"a{i}", "eng", "em-a", "t-a", level="L1") for i in range(1, 5)),
        person("pm-a", "pm", "em-a", "t-a", functional_manager="cpo"),
        person("em-b", "em", "cto", "t-b"),
        *(person(f"b{i}", "eng", "em-b", "t-b") for i in range(1, 4)),
        person("pm-b", "pm", "cto", "t-b", functional_manager="cpo"),
        person("des-b", "des", "cto", "t-b", functional_manager="cdo"),
    ]
    teams = [
        {"id": "t-lead", "name": "Product development", "mission": "Build the product",
         "owner": "cto"},
        {"id": "t-a", "name": "Payments", "mission": "Customers pay in one step",
         "owner": "em-a", "parent": "t-lead"},
        {"id": "t-b", "name": "Search", "mission": "Customers find what they need",
         "owner": "em-b", "parent": "t-lead", "model": "functional"},
    ]
    roles = [
        role("cto", "engineering", manager=True), role("cpo", "product", manager=True),
        role("cdo", "design", manager=True), role("em", "engineering", manager=True),
        role("eng", "engineering"), role("pm", "product"), role("des", "design"),
    ]
    functions = [function("engineering", "cto"), function("product", "cpo"),
                 function("design", "cdo")]
    return org_data(people, teams, roles, functions, name="Healthy")


def healthy() -> Document:
    return io.parse(copy.deepcopy(healthy_data()))


def findings(doc: Document, rule: str | None = None, **kw: Any) -> list[Finding]:
    """Findings of a fresh validation, of one rule if given."""
    report = validate(doc, **kw)
    return report.by_rule(rule) if rule else report.findings


def subjects(doc: Document, rule: str) -> list[tuple[str, ...]]:
    """The sorted subject tuples of ``rule``'s findings."""
    return sorted(f.subjects for f in findings(doc, rule))


@pytest.fixture
def doc() -> Document:
    return healthy()
