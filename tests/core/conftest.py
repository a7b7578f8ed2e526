"""Small document builders for the core tests.

``org(people=[...], teams=[...], ...)`` takes short dicts (or bare ID strings)
and returns a validated :class:`Document`, so a test states only what matters
to it. ``healthy()`` is a complete organisation on which no rule fires: a
rule's test changes one thing in it and looks at what that one change does.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from orgdesigner.core import io, ops
from orgdesigner.core.catalogue import RULES
from orgdesigner.core.model import KIND_CLASSES, Document, Level, RulesConfig
from orgdesigner.core.rules import Finding, validate

Spec = dict[str, Any] | str

# Test modules import these helpers as ``core_helpers``. The bare name
# ``conftest`` is shared by every test folder's conftest.py, and pytest swaps
# it in sys.modules as it loads them, so ``from conftest import ...`` can find
# another folder's file when several folders are collected in one run.
sys.modules["core_helpers"] = sys.modules[__name__]

# For a long hunt after changing ops or the rule engine:
# pytest tests/core --hypothesis-profile thorough
settings.register_profile(
    "thorough", deadline=None, max_examples=3000, suppress_health_check=[HealthCheck.too_slow]
)


def _items(specs: Iterable[Spec]) -> list[dict[str, Any]]:
    return [{"id": s} if isinstance(s, str) else dict(s) for s in specs]


def org_data(
    people: Iterable[Spec] = (),
    teams: Iterable[Spec] = (),
    roles: Iterable[Spec] = (),
    functions: Iterable[Spec] = (),
    rules: dict[str, Any] | None = None,
    **top: Any,
) -> dict[str, Any]:
    """The JSON-ready dict of a document (what ``org`` validates)."""
    data: dict[str, Any] = {"format": "orgdesigner", "version": 2, **top}
    for key, specs in (
        ("functions", functions),
        ("roles", roles),
        ("teams", teams),
        ("people", people),
    ):
        items = _items(specs)
        if items:
            data[key] = items
    if rules is not None:
        data["rules"] = rules
    return data


def org(
    people: Iterable[Spec] = (),
    teams: Iterable[Spec] = (),
    roles: Iterable[Spec] = (),
    functions: Iterable[Spec] = (),
    rules: dict[str, Any] | None = None,
    **top: Any,
) -> Document:
    """A document from short specs, validated exactly as a file would be."""
    return io.parse(org_data(people, teams, roles, functions, rules, **top))


def role(
    id_: str,
    function: str | None,
    *,
    manager: bool = False,
    levels: Iterable[str] = ("L1", "L2", "L3"),
    **extra: Any,
) -> dict[str, Any]:
    """A fully defined role (purpose, responsibilities, ladder) unless told otherwise."""
    spec: dict[str, Any] = {
        "id": id_,
        "title": id_.upper(),
        "function": function,
        "people_manager": manager,
        "purpose": f"Why {id_} exists",
        "responsibilities": [f"{id_} work"],
        "levels": [{"code": c, "title": c, "expectations": f"What {c} delivers"} for c in levels],
    }
    spec.update(extra)
    return spec


def function(
    id_: str, leader: str | None, standards_owner: str | None = None, **extra: Any
) -> dict[str, Any]:
    """A function whose every default standard (and code review) is owned by one person."""
    owner = standards_owner or leader
    spec: dict[str, Any] = {
        "id": id_,
        "name": id_.capitalize(),
        "leader": leader,
        "standards": {
            s: owner for s in ("leveling", "career_path", "promotion", "hiring", "code_review")
        },
    }
    spec.update(extra)
    return spec


def person(
    id_: str, role_: str | None, manager: str | None, team: str | None, **extra: Any
) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "id": id_,
        "name": id_.replace("-", " ").title(),
        "role": role_,
        "manager": manager,
        "team": team,
    }
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
        {
            "id": "t-lead",
            "name": "Product development",
            "mission": "Build the product",
            "owner": "cto",
        },
        {
            "id": "t-a",
            "name": "Payments",
            "mission": "Customers pay in one step",
            "owner": "em-a",
            "parent": "t-lead",
        },
        {
            "id": "t-b",
            "name": "Search",
            "mission": "Customers find what they need",
            "owner": "em-b",
            "parent": "t-lead",
            "model": "functional",
        },
    ]
    roles = [
        role("cto", "engineering", manager=True),
        role("cpo", "product", manager=True),
        role("cdo", "design", manager=True),
        role("em", "engineering", manager=True),
        role("eng", "engineering"),
        role("pm", "product"),
        role("des", "design"),
    ]
    functions = [
        function("engineering", "cto"),
        function("product", "cpo"),
        function("design", "cdo"),
    ]
    return org_data(people, teams, roles, functions, name="Healthy")


def healthy() -> Document:
    return io.parse(copy.deepcopy(healthy_data()))


def healthy_v2_data() -> dict[str, Any]:
    """The healthy organisation with everything of format version 2: grades on every
    ladder, costs, budgets, a service team, and the grade and load rules switched on."""
    data = copy.deepcopy(healthy_data())
    data["currency"] = "EUR"
    data["grades"] = [{"id": f"g{i}", "name": f"Grade {i}"} for i in range(1, 5)]
    for r in data["roles"]:
        for i, level in enumerate(r["levels"]):
            level["grade"] = f"g{i + 1}"
            level["cost"] = 90_000 + 20_000 * i
    data["people"][5]["cost"] = 150_000
    data["teams"][1]["budget"] = 700_000
    data["teams"].append(
        {
            "id": "t-svc",
            "name": "Design studio",
            "mission": "Design for the product teams",
            "model": "service",
            "owner": "cdo",
            "serves": ["t-a"],
            "budget": 50_000,
        }
    )
    data["rules"] = {
        "params": {"owner_min_grade": "g2", "standards_min_grade": "g3", "leader_load_max": 12}
    }
    return data


def healthy_v2() -> Document:
    return io.parse(healthy_v2_data())


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


# -- random documents and random edits (hypothesis) ------------------------------------
#
# IDs come from small fixed pools, and a document holds only some of each pool,
# so references dangle, resolve when the entity is added later, and loop.

P_IDS = tuple(f"p{i}" for i in range(9))
T_IDS = ("t0", "t1", "t2", "t3", "t4")
R_IDS = ("r0", "r1", "r2", "r3")
F_IDS = ("engineering", "product", "design", "ops")
CODES = ("L1", "L2", "L3")
STANDARDS = ("leveling", "career_path", "promotion", "hiring", "code_review")
GRADE_IDS = ("g1", "g2", "g3")
MISSIONS = ("", "  ", "Pay", " pay ", "PAY", "Search", "Find  things")
NAMES = ("", "Ann", "Bob", "Ann")


COSTS = st.sampled_from([None, None, 0, 50_000, 120_000.5])


def ref(pool: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    """A reference: mostly an ID of the pool, sometimes none, "" or a missing ID."""
    return st.one_of(
        st.sampled_from(pool), st.sampled_from(pool), st.sampled_from([None, "", "ghost"])
    )


def subset(pool: tuple[str, ...], max_size: int | None = None) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(pool), unique=True, max_size=max_size or len(pool))


def person_spec(id_: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "id": st.just(id_),
            "name": st.sampled_from(NAMES),
            "role": ref(R_IDS),
            "level": st.sampled_from([None, "L1", "L3", "L9"]),
            "function": st.one_of(st.none(), st.none(), ref(F_IDS)),
            "manager": ref(P_IDS),
            "functional_manager": st.one_of(st.none(), ref(P_IDS)),
            "team": ref(T_IDS),
            "embedded": st.booleans(),
            "vacant": st.booleans(),
            "cost": COSTS,
        }
    )


def team_spec(id_: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "id": st.just(id_),
            "name": st.sampled_from(NAMES),
            "mission": st.sampled_from(MISSIONS),
            "owner": ref(P_IDS),
            "parent": ref(T_IDS),
            "model": st.sampled_from([None, "sto", "functional", "service"]),
            "required_functions": st.one_of(st.none(), subset((*F_IDS, "ghost"), 3)),
            "serves": subset((*T_IDS, "ghost"), 2),
            "budget": st.sampled_from([None, 0, 100_000, 1_000_000]),
        }
    )


LEVELS = st.lists(
    st.fixed_dictionaries(
        {"code": st.sampled_from(CODES)},
        optional={
            "grade": ref(GRADE_IDS),
            "cost": COSTS,
            "expectations": st.sampled_from(["", " ", "Ships"]),
        },
    ),
    max_size=3,
    unique_by=lambda lv: lv["code"],
)


def role_spec(id_: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "id": st.just(id_),
            "title": st.sampled_from(("", "Engineer", "Manager")),
            "function": ref(F_IDS),
            "people_manager": st.booleans(),
            "purpose": st.sampled_from(("", " ", "Why")),
            "responsibilities": st.sampled_from(([], [" "], ["Do"])),
            "levels": LEVELS,
        }
    )


def function_spec(id_: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "id": st.just(id_),
            "name": st.sampled_from(("", id_.title(), "Craft")),
            "leader": ref(P_IDS),
            "standards": st.dictionaries(st.sampled_from(STANDARDS), ref(P_IDS), max_size=5),
        }
    )


def bounds_in_order(params: dict[str, Any]) -> bool:
    """The model refuses a minimum above its maximum: random rule settings keep to that."""
    for low, high in (("span_min", "span_max"), ("team_min", "team_max")):
        if low in params and high in params and params[low] > params[high]:
            return False
    for r in params.get("ratios") or ():
        if r.get("min") is not None and r.get("max") is not None and r["min"] > r["max"]:
            return False
    return True


rules_specs = st.fixed_dictionaries(
    {},
    optional={
        "params": st.fixed_dictionaries(
            {},
            optional={
                "span_min": st.integers(0, 3),
                "span_max": st.integers(1, 4),
                "max_layers": st.integers(0, 3),
                "team_min": st.integers(0, 3),
                "team_max": st.integers(1, 4),
                "required_functions": subset(F_IDS, 2),
                "triad": subset(F_IDS, 3),
                "standards": subset(STANDARDS, 2),
                "function_standards": st.dictionaries(
                    st.sampled_from(F_IDS), subset(STANDARDS, 2), max_size=2
                ),
                "owner_min_grade": st.sampled_from(["", *GRADE_IDS]),
                "standards_min_grade": st.sampled_from(["", *GRADE_IDS]),
                "leader_load_max": st.integers(0, 4),
                "ratios": st.lists(
                    st.fixed_dictionaries(
                        {
                            "numerator": st.sampled_from(F_IDS),
                            "denominator": st.sampled_from(F_IDS),
                        },
                        optional={
                            "min": st.sampled_from([None, 0.5, 1, 2]),
                            "max": st.sampled_from([None, 1, 2.5]),
                        },
                    ),
                    max_size=2,
                ),
            },
        ).filter(bounds_in_order),
        "severity": st.dictionaries(
            st.sampled_from(sorted(RULES)),
            st.sampled_from(["error", "warning", "info"]),
            max_size=3,
        ),
        "disabled": subset(tuple(sorted(RULES)), 3),
        "waivers": st.lists(
            st.fixed_dictionaries(
                {
                    "rule": st.sampled_from(sorted(RULES)),
                    "subject": st.sampled_from(P_IDS + T_IDS + R_IDS + F_IDS),
                    "reason": st.just("ok"),
                }
            ),
            max_size=3,
            # A rule is waived once per subject: the loader refuses a repeat.
            unique_by=lambda w: (w["rule"], w["subject"]),
        ),
    },
)


def _entities(draw: Any, pool: tuple[str, ...], spec: Any, min_size: int = 0) -> list[dict]:
    chosen = draw(st.lists(st.sampled_from(pool), unique=True, min_size=min_size))
    return [draw(spec(id_)) for id_ in chosen]


@st.composite
def random_docs(draw: Any, with_rules: bool = True) -> Document:
    """A small random document: mixed team models, vacancies, embedded members,
    functional managers, dangling references and loops."""
    data = org_data(
        people=_entities(draw, P_IDS, person_spec, min_size=1),
        teams=_entities(draw, T_IDS, team_spec),
        roles=_entities(draw, R_IDS, role_spec),
        functions=_entities(draw, F_IDS, function_spec),
        rules=draw(rules_specs) if with_rules and draw(st.booleans()) else None,
        default_team_model=draw(st.sampled_from(["sto", "functional"])),
        grades=[{"id": g} for g in GRADE_IDS],
        currency=draw(st.sampled_from(["", "EUR"])),
    )
    return io.parse(data)


_FIELD_VALUES: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "person": {
        "manager": ref(P_IDS),
        "functional_manager": ref(P_IDS),
        "team": ref(T_IDS),
        "role": ref(R_IDS),
        "function": st.one_of(st.none(), ref(F_IDS)),
        "level": st.sampled_from([None, "L1", "L2", "L9"]),
        "vacant": st.booleans(),
        "embedded": st.booleans(),
        "cost": COSTS,
        "name": st.sampled_from(NAMES + ("Cy",)),
        "tags": st.sampled_from(([], ["berlin"])),
    },
    "team": {
        "owner": ref(P_IDS),
        "parent": ref(T_IDS),
        "model": st.sampled_from([None, "sto", "functional", "service"]),
        "serves": subset((*T_IDS, "ghost"), 2),
        "budget": st.sampled_from([None, 0, 100_000]),
        "mission": st.sampled_from(MISSIONS),
        "name": st.sampled_from(NAMES + ("Core",)),
        "required_functions": st.one_of(st.none(), subset((*F_IDS, "ghost"), 3)),
    },
    "role": {
        "function": ref(F_IDS),
        "people_manager": st.booleans(),
        "levels": LEVELS,
        "title": st.sampled_from(("", "Engineer", "Designer")),
        "purpose": st.sampled_from(("", "Why")),
        "responsibilities": st.sampled_from(([], ["Do"])),
    },
    "function": {
        "leader": ref(P_IDS),
        "name": st.sampled_from(("", "Craft", "Guild")),
        "standards": st.dictionaries(st.sampled_from(STANDARDS), ref(P_IDS), max_size=5),
    },
}
_POOLS = {"person": P_IDS, "team": T_IDS, "role": R_IDS, "function": F_IDS}
_SPECS = {"person": person_spec, "team": team_spec, "role": role_spec, "function": function_spec}


def _value(draw: Any, kind: str, field_name: str) -> Any:
    value = draw(_FIELD_VALUES[kind][field_name])
    if kind == "role" and field_name == "levels":
        return [Level(**lv) for lv in value]
    return value


def _existing(draw: Any, doc: Document, kind: str) -> str:
    """An ID of ``kind`` in the document, or (rarely, or when none) one that is not."""
    have = [e.id for e in doc.entities(kind)]
    if have and draw(st.integers(0, 9)):
        return draw(st.sampled_from(have))
    return draw(st.sampled_from(_POOLS[kind]))


def draw_op(draw: Any, doc: Document, depth: int = 0) -> ops.Op:
    """A random edit of ``doc``, of any kind the editor makes. It may be refused,
    and building it may raise OpRefused (as make_owner does for a missing team).

    ``composite`` bundles a few edits into one step, like the editor's own
    composites: one batch of changes may then add an entity and set its fields,
    or change a field and remove the entity, which revalidation must follow."""
    what = draw(
        st.sampled_from(
            [
                "field",
                "field",
                "field",
                "field",
                "field",
                "field",
                "add",
                "remove",
                "move_to_team",
                "make_owner",
                "delete_person",
                "delete_team",
                "delete_many",
                "delete_many",
                "composite" if depth == 0 else "field",
                "remove_role",
                "add_vacancy",
                "edit",
                "rules",
                "document",
                "grades",
                "serve",
                "positions",
                "collapsed",
            ]
        )
    )
    kind = draw(st.sampled_from(["person", "person", "team", "role", "function"]))
    if what == "field":
        field_name = draw(st.sampled_from(sorted(_FIELD_VALUES[kind])))
        return ops.SetField(
            kind, _existing(draw, doc, kind), field_name, _value(draw, kind, field_name)
        )
    if what == "edit":
        names = draw(
            st.lists(
                st.sampled_from(sorted(_FIELD_VALUES[kind])), unique=True, min_size=1, max_size=3
            )
        )
        return ops.edit(
            doc, kind, _existing(draw, doc, kind), **{n: _value(draw, kind, n) for n in names}
        )
    if what == "add":
        spec = draw(_SPECS[kind](draw(st.sampled_from(_POOLS[kind]))))
        return ops.AddEntity(
            kind,
            KIND_CLASSES[kind].model_validate(spec),
            draw(st.one_of(st.none(), st.integers(0, 10))),
        )
    if what == "remove":
        return ops.RemoveEntity(kind, _existing(draw, doc, kind))
    if what == "move_to_team":
        return ops.move_to_team(doc, _existing(draw, doc, "person"), draw(ref(T_IDS)))
    if what == "make_owner":
        return ops.make_owner(doc, _existing(draw, doc, "team"), _existing(draw, doc, "person"))
    if what == "delete_person":
        return ops.delete_person(doc, _existing(draw, doc, "person"))
    if what == "delete_team":
        return ops.delete_team(doc, _existing(draw, doc, "team"))
    if what == "delete_many":
        # Mostly existing people and teams; a missing one makes the whole step refused.
        items = []
        for _ in range(draw(st.integers(1, 4))):
            which = draw(st.sampled_from(["person", "team"]))
            items.append((which, _existing(draw, doc, which)))
        return ops.delete_many(doc, list(dict.fromkeys(items)))
    if what == "composite":
        parts = [draw_op(draw, doc, depth + 1) for _ in range(draw(st.integers(2, 4)))]
        return ops.Composite(tuple(parts))
    if what == "remove_role":
        return ops.remove_role(doc, _existing(draw, doc, "role"))
    if what == "add_vacancy":
        return ops.add_vacancy(
            doc,
            draw(ref(R_IDS)),
            team=draw(ref(T_IDS)),
            manager=draw(st.one_of(st.none(), ref(P_IDS))),
        )
    if what == "rules":
        return ops.SetRules(RulesConfig.model_validate(draw(rules_specs)))
    if what == "grades":
        how = draw(st.sampled_from(["add", "remove", "move", "rename"]))
        gid = draw(st.sampled_from(GRADE_IDS))
        if how == "add":
            return ops.add_grade(doc, "New", index=draw(st.integers(0, 3)))
        if how == "remove":
            return ops.remove_grade(doc, gid)
        if how == "move":
            return ops.move_grade(doc, gid, draw(st.integers(0, 3)))
        return ops.rename_grade(doc, gid, draw(st.sampled_from(NAMES)))
    if what == "serve":
        return ops.serve(doc, _existing(draw, doc, "team"), _existing(draw, doc, "team"))
    if what == "document":
        field_name = draw(
            st.sampled_from(["default_team_model", "name", "description", "currency"])
        )
        value = (
            draw(st.sampled_from(["sto", "functional"]))
            if field_name == "default_team_model"
            else draw(st.sampled_from(["", "USD"]))
            if field_name == "currency"
            else draw(st.sampled_from(NAMES))
        )
        return ops.SetField("document", None, field_name, value)
    if what == "positions":
        moves = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(P_IDS),
                    st.one_of(
                        st.none(),
                        st.tuples(st.integers(-50, 50).map(float), st.integers(-50, 50).map(float)),
                    ),
                ),
                max_size=3,
                unique_by=lambda m: m[0],
            )
        )
        return ops.SetPositions(draw(st.sampled_from(["people", "teams"])), tuple(moves))
    assert what == "collapsed"
    return ops.SetCollapsed(draw(st.sampled_from(P_IDS + T_IDS)), draw(st.booleans()))


def index_is_current(doc: Document) -> bool:
    """The cached ID lookups hold exactly the entities in the lists."""
    for kind in ("person", "team", "role", "function"):
        cached = doc.by_id(kind)
        listed = doc.entities(kind)
        if len(cached) != len(listed) or any(cached.get(e.id) is not e for e in listed):
            return False
    return True
