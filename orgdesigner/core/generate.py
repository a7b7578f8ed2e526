"""Synthetic but realistic organisations, for demos and benchmarks.

:func:`generate` builds a company of exactly N people: a CEO and an executive
team of function leaders, each division a tree of teams (mostly single-threaded,
some on the three-legged stool), functional coaches keeping the crafts'
standards, a few open positions and embedded principal engineers, and a handful
of deliberate problems so the validator has something to say. The same seed
always gives the same document.

The role library here is also what the bundled examples are written from, so a
generated organisation prints a role-definition document worth reading.
"""

from __future__ import annotations

import json
import math
import random
from importlib import resources
from typing import Any

from .model import CURRENT_VERSION, FORMAT_NAME, Document

# -- the data ----------------------------------------------------------------------
# The role library (each role: title, function, people_manager, purpose,
# responsibilities and a career ladder), the names, functions, divisions and
# missions live in resources/generator/library.json: written once, used by the
# generator and by the bundled examples.

RoleSpec = dict[str, Any]


def _tuples(value: Any) -> Any:
    """JSON lists back to the tuples the generator's tables are made of."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def _load_library() -> dict[str, Any]:
    text = resources.files("orgdesigner.resources").joinpath("generator", "library.json")
    data: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return data


_DATA = _load_library()
ROLE_LIBRARY: dict[str, RoleSpec] = {r["id"]: r for r in _DATA["roles"]}


# One grade scale for every craft, junior to senior, and the budgeted yearly cost of
# a position at each grade.
GRADES: list[dict[str, str]] = [
    {"id": f"g{i}", "name": name}
    for i, name in enumerate(
        ["Associate", "Professional", "Senior", "Lead", "Director", "Executive"], 1
    )
]
GRADE_COST: dict[str, int] = {
    "g1": 55_000,
    "g2": 70_000,
    "g3": 90_000,
    "g4": 115_000,
    "g5": 150_000,
    "g6": 210_000,
}
# The grade of each ladder level, role by role (a level's position on the shared scale).
LEVEL_GRADES: dict[str, list[int]] = {
    "ceo": [6, 6],
    "gm": [5, 6],
    "chief-of-staff": [3, 4],
    "executive-assistant": [1, 2],
    "cto": [6, 6],
    "eng-director": [5, 5],
    "em": [4, 4, 5],
    "swe": [1, 2, 3, 4],
    "principal": [5, 5],
    "sre": [1, 2, 3, 4],
    "cpo": [6, 6],
    "vp-product": [5, 6],
    "gpm": [4, 5],
    "pm": [2, 3, 4, 4],
    "product-ops": [2, 3],
    "head-design": [5, 6],
    "design-manager": [4, 5],
    "designer": [1, 2, 3, 4],
    "head-data": [5, 6],
    "analytics-manager": [4, 5],
    "analyst": [1, 2, 3],
    "data-engineer": [2, 3, 4],
    "cro": [6, 6],
    "sales-director": [5, 5],
    "sales-manager": [4, 4],
    "account-executive": [2, 3, 4, 4],
    "sdr": [1, 2],
    "solutions-engineer": [2, 3, 4],
    "sales-ops": [2, 3],
    "cmo": [6, 6],
    "marketing-manager": [4, 5],
    "marketer": [1, 2, 3],
    "pmm": [3, 4],
    "coo": [6, 6],
    "ops-manager": [4, 5],
    "ops-specialist": [1, 2, 3],
    "ops-analyst": [2, 3],
}


def role_spec(role_id: str, graded: bool = True) -> RoleSpec:
    """A deep copy of a library role, safe to change; with ``graded``, each level names its
    grade of :data:`GRADES` and the budgeted cost of a position there."""
    spec = ROLE_LIBRARY[role_id]
    levels = [dict(level) for level in spec["levels"]]
    if graded:
        for level, grade in zip(levels, LEVEL_GRADES[role_id], strict=True):
            level["grade"] = f"g{grade}"
            level["cost"] = GRADE_COST[f"g{grade}"]
    return {**spec, "responsibilities": list(spec["responsibilities"]), "levels": levels}


# -- names -----------------------------------------------------------------------
FIRST_NAMES: tuple[str, ...] = tuple(_DATA["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_DATA["last_names"])


def person_name(index: int) -> str:
    """A plausible full name for the ``index``-th person; distinct for the first few thousand."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index // len(FIRST_NAMES) + index * 7) % len(LAST_NAMES)]
    return f"{first} {last}"


# -- the generator ---------------------------------------------------------------------

_FUNCTIONS: dict[str, str] = dict(_DATA["functions"])
_LEADER_ROLE: dict[str, str] = dict(_DATA["leader_roles"])
# Divisions: the function that owns them, their share of the headcount, the roles
# of a working team (owner, members with weights), of a group of teams (owner and
# the staff who sit with them) and of the people working with the division leader.
# Product development (the engineering division) puts product and design on its teams.
_DIVISIONS: tuple[dict[str, Any], ...] = tuple(_tuples(d) for d in _DATA["divisions"])
_MISSIONS: tuple[str, ...] = tuple(_DATA["missions"])
# The envelope the generator keeps to; the generated document is judged by it.
GENERATED_PARAMS: dict[str, int | str] = {
    "team_min": 4,
    "team_max": 12,
    "span_min": 3,
    "span_max": 12,
    # Team owners are leads or above; a craft's standards are kept at director level.
    "owner_min_grade": "g4",
    "standards_min_grade": "g5",
}
LEAF_MAX = 12  # people on a working team, owner included
LEAF_TARGET = 9  # the size most working teams have
GROUP_CHILDREN_MAX = 8  # child teams of a group; with three staff, a span of 11
SMALL_COMPANY = 12  # up to this many people: one team around the founder
VACANCY_RATE = 0.03
STOOL_RATE = 0.15  # share of product-development groups still on the stool


class _Builder:
    """Accumulates plain dicts; the document is validated once, at the end."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people: list[dict[str, Any]] = []
        self.teams: list[dict[str, Any]] = []
        self.noun_use: dict[str, int] = {}
        self.levels = {
            rid: [lv["code"] for lv in spec["levels"]] for rid, spec in ROLE_LIBRARY.items()
        }

    def fn(self, person_id: str | None) -> str | None:
        """The function of a person made here (IDs are p-<position>)."""
        if not person_id:
            return None
        return ROLE_LIBRARY[self.people[int(person_id[2:]) - 1]["role"]]["function"]

    def person(
        self,
        role: str,
        manager: str | None,
        team: str | None,
        level: str | None = None,
        senior: bool = False,
    ) -> dict[str, Any]:
        n = len(self.people)
        if level is None:
            codes = self.levels[role]
            if senior:
                level = codes[-2] if len(codes) > 2 else codes[-1]
            else:
                # Most people sit low or in the middle of their ladder.
                level = codes[min(len(codes) - 1, int(self.rng.triangular(0, len(codes), 1)))]
        p = {
            "id": f"p-{n + 1:05d}",
            "name": person_name(n),
            "role": role,
            "level": level,
            "manager": manager,
            "team": team,
        }
        self.people.append(p)
        return p

    def coached(self, person: dict[str, Any], coaches: dict[str, str]) -> dict[str, Any]:
        """Give a functional manager of the person's craft if their line manager is of another."""
        fn = ROLE_LIBRARY[person["role"]]["function"]
        if fn and self.fn(person["manager"]) != fn and coaches.get(fn):
            person["functional_manager"] = coaches[fn]
        return person

    def team(
        self,
        noun: str,
        parent: str | None,
        owner: str | None,
        model: str | None = None,
        required: list[str] | None = None,
    ) -> dict[str, Any]:
        count = self.noun_use.get(noun, 0) + 1
        self.noun_use[noun] = count
        name = noun if count == 1 else f"{noun} {count}"
        t: dict[str, Any] = {
            "id": f"t-{len(self.teams) + 1:04d}",
            "name": name,
            "mission": self.rng.choice(_MISSIONS).format(name),
            "owner": owner,
            "parent": parent,
        }
        if model:
            t["model"] = model
        if required is not None:
            t["required_functions"] = required
        self.teams.append(t)
        return t


def _split(rng: random.Random, total: int, parts: int, low: int, high: int) -> list[int]:
    """``total`` split into ``parts`` sizes within [low, high] (when possible), a little uneven."""
    base, extra = divmod(total, parts)
    sizes = [base + (1 if i < extra else 0) for i in range(parts)]
    for _ in range(parts):
        i, j = rng.randrange(parts), rng.randrange(parts)
        shift = rng.randint(1, 2)
        if i != j and sizes[i] - shift >= low and sizes[j] + shift <= high:
            sizes[i] -= shift
            sizes[j] += shift
    return sizes


def _required(div: dict[str, Any]) -> list[str] | None:
    # Business teams deliver with their own craft; product teams keep the default.
    return None if div["function"] == "engineering" else [div["function"]]


def _children(
    b: _Builder,
    div: dict[str, Any],
    rest: int,
    team_id: str,
    owner_id: str,
    coaches: dict[str, str],
    stool_ok: bool,
) -> None:
    """Spend exactly ``rest`` people on the child teams of a group."""
    rng = b.rng
    if rest <= GROUP_CHILDREN_MAX * (LEAF_MAX - 1):
        # Working teams of about nine.
        count = min(GROUP_CHILDREN_MAX, max(math.ceil(rest / LEAF_MAX), round(rest / LEAF_TARGET)))
        while rest / count < 5 and count > math.ceil(rest / LEAF_MAX):
            count -= 1
        sizes = _split(rng, rest, count, 5, LEAF_MAX)
        stool = (
            stool_ok
            and div["function"] == "engineering"
            and count >= 3
            and min(sizes) >= 6
            and rng.random() < STOOL_RATE
        )
        for size in sizes:
            _leaf(b, div, size, team_id, owner_id, coaches, stool)
    else:
        count = min(
            GROUP_CHILDREN_MAX, max(2, math.ceil(rest / (GROUP_CHILDREN_MAX * LEAF_TARGET)))
        )
        for size in _split(rng, rest, count, LEAF_MAX + 1, rest):
            _group(b, div, size, team_id, owner_id, coaches)


def _group(
    b: _Builder,
    div: dict[str, Any],
    size: int,
    parent_team: str,
    parent_owner: str,
    coaches: dict[str, str],
) -> None:
    """A team of teams: its owner, three staff who sit with them, and child teams."""
    if size <= LEAF_MAX:
        _leaf(b, div, size, parent_team, parent_owner, coaches, False)
        return
    fn = div["function"]
    owner = b.coached(b.person(div["group_owner"], parent_owner, None, senior=True), coaches)
    team = b.team(b.rng.choice(div["nouns"]), parent_team, owner["id"], required=_required(div))
    owner["team"] = team["id"]
    local = dict(coaches)
    local[fn] = owner["id"]
    for role in div["staff"]:
        member = b.coached(b.person(role, owner["id"], team["id"], senior=True), coaches)
        craft = ROLE_LIBRARY[role]["function"]
        if craft != fn and ROLE_LIBRARY[role]["people_manager"]:
            # A group product manager or design manager coaches their craft in the group.
            local[craft] = member["id"]
    _children(b, div, size - 1 - len(div["staff"]), team["id"], owner["id"], local, True)


def _leaf(
    b: _Builder,
    div: dict[str, Any],
    size: int,
    parent_team: str,
    parent_owner: str,
    coaches: dict[str, str],
    stool: bool,
) -> None:
    """A working team of exactly ``size`` people, its owner included."""
    rng = b.rng
    noun = rng.choice(div["nouns"])
    if div["function"] != "engineering":
        owner = b.coached(b.person(div["leaf_owner"], parent_owner, None), coaches)
        team = b.team(noun, parent_team, owner["id"], required=_required(div))
        owner["team"] = team["id"]
        roles, weights = zip(*div["members"], strict=True)
        for _ in range(size - 1):
            b.person(rng.choices(roles, weights)[0], owner["id"], team["id"])
        return
    # Product development. A few single-threaded teams are owned by a product manager.
    product_owned = not stool and rng.random() < 0.1
    owner = b.coached(b.person("gpm" if product_owned else "em", parent_owner, None), coaches)
    team = b.team(noun, parent_team, owner["id"], model="functional" if stool else None)
    owner["team"] = team["id"]
    crafts = [] if product_owned else ["pm"]
    if stool or (size >= 6 and rng.random() < 0.75):
        crafts.append("designer")
    for role in crafts:
        if stool:
            # The three-legged stool: product and design report up their own craft.
            b.person(role, coaches[ROLE_LIBRARY[role]["function"]], team["id"])
        else:
            b.coached(b.person(role, owner["id"], team["id"]), coaches)
    for _ in range(size - 1 - len(crafts)):
        b.coached(b.person("swe", owner["id"], team["id"]), coaches)


def generate(people: int, seed: int = 0) -> Document:
    """A synthetic organisation of exactly ``people`` people, the same for the same seed.

    From about sixty people up, working teams have 5-12 people and groups 4 or
    more, managers 3-12 direct reports, and every function with people has a
    leader. Twelve people or fewer make one team around the founder.
    """
    if people < 1:
        raise ValueError("an organisation needs at least one person")
    rng = random.Random(seed)
    b = _Builder(rng)
    ceo = b.person("ceo", None, None, level="X1" if people < 2000 else "X2")
    if people <= SMALL_COMPANY:
        _small_company(b, people, ceo)
    else:
        _company(b, people, ceo)
        if people >= 60:
            _open_positions(b)
            _embed_principals(b)
            _deliberate_problems(b)
    return _document(b, people, seed)


def _small_company(b: _Builder, people: int, ceo: dict[str, Any]) -> None:
    """A start-up: one team, everyone reporting to the founder."""
    if people == 1:
        return
    team = b.team("Product", None, ceo["id"])
    ceo["team"] = team["id"]
    pattern = ("swe", "pm", "designer", "swe", "swe", "swe")
    for i in range(people - 1):
        b.person(pattern[i % len(pattern)], ceo["id"], team["id"])


def _company(b: _Builder, people: int, ceo: dict[str, Any]) -> None:
    exec_team = b.team("Executive Team", None, ceo["id"])
    exec_team["mission"] = "The company reaches this year's goals and is ready for next year's"
    ceo["team"] = exec_team["id"]
    # Small companies are product development only; business divisions appear with size.
    divisions = [
        d for d in _DIVISIONS if d["function"] == "engineering" or people * d["share"] >= 12
    ]
    leaders: dict[str, str] = {}
    level_pick = 0 if people < 2000 else -1
    for fn in ["engineering", "product", "design"] + [d["function"] for d in divisions[1:]]:
        role = _LEADER_ROLE[fn]
        leader = b.person(role, ceo["id"], exec_team["id"], level=b.levels[role][level_pick])
        leaders[fn] = leader["id"]
    budget = people - len(b.people)
    total_share = sum(d["share"] for d in divisions)
    sizes = [int(budget * d["share"] / total_share) for d in divisions]
    sizes[0] += budget - sum(sizes)
    for div, size in zip(divisions, sizes, strict=True):
        fn = div["function"]
        # Each leader owns their division's top team while sitting on the executive team.
        name = "Product Development" if fn == "engineering" else _FUNCTIONS[fn]
        top = b.team(name, exec_team["id"], leaders[fn], required=_required(div))
        if size <= LEAF_MAX - 1:
            for i in range(size):
                roles = (
                    [r for r, _ in div["members"]]
                    if fn != "engineering"
                    else ["swe", "pm", "designer", "swe"]
                )
                b.coached(b.person(roles[i % len(roles)], leaders[fn], top["id"]), leaders)
            continue
        for role in div["office"]:
            b.coached(b.person(role, leaders[fn], top["id"], senior=True), leaders)
        _children(b, div, size - len(div["office"]), top["id"], leaders[fn], dict(leaders), False)


def _members_by_team(b: _Builder) -> dict[str | None, list[dict[str, Any]]]:
    out: dict[str | None, list[dict[str, Any]]] = {}
    for p in b.people:
        out.setdefault(p["team"], []).append(p)
    return out


def _open_positions(b: _Builder) -> None:
    """About three percent of individual contributors are open positions."""
    keep = {p["manager"] for p in b.people} | {p.get("functional_manager") for p in b.people}
    keep |= {t["owner"] for t in b.teams}
    for p in b.people[1:]:
        if p["id"] in keep or p["role"] in ("principal", "gpm", "design-manager"):
            continue
        if b.rng.random() < VACANCY_RATE:
            p["vacant"] = True
            p["name"] = ""


def _spans(b: _Builder) -> dict[str, int]:
    span: dict[str, int] = {}
    for p in b.people:
        if p["manager"]:
            span[p["manager"]] = span.get(p["manager"], 0) + 1
    return span


def _embed_principals(b: _Builder) -> None:
    """Some senior engineers sit on a team but report to the group's director (documented)."""
    span = _spans(b)
    members = _members_by_team(b)
    by_id = {p["id"]: p for p in b.people}
    for t in b.teams:
        owner = by_id.get(t["owner"])
        if (
            t.get("model")
            or owner is None
            or owner["role"] != "em"
            or b.rng.random() > 0.08
            or span.get(owner["id"], 0) <= 4
        ):
            continue
        director = by_id.get(owner["manager"])
        if director is None or director["role"] != "eng-director" or span[director["id"]] >= 12:
            continue
        engineer = next(
            (
                p
                for p in members[t["id"]]
                if p["role"] == "swe" and not p.get("vacant") and not p.get("functional_manager")
            ),
            None,
        )
        if engineer is None:
            continue
        engineer.update(role="principal", level="E5", manager=director["id"], embedded=True)
        span[director["id"]] += 1
        span[owner["id"]] -= 1


def _deliberate_problems(b: _Builder) -> None:
    """A few realistic mistakes, a handful more in larger organisations, never thousands."""
    rng = b.rng
    by_id = {p["id"]: p for p in b.people}
    members = _members_by_team(b)
    sto_teams = [
        t
        for t in b.teams
        if not t.get("model") and by_id[t["owner"]]["role"] == "em" and len(members[t["id"]]) >= 7
    ]
    if len(sto_teams) < 2:
        return
    span = _spans(b)
    count = 1 + len(b.people) // 5000

    def engineer(t: dict[str, Any]) -> dict[str, Any] | None:
        return next(
            (
                p
                for p in members[t["id"]]
                if p["role"] == "swe"
                and p["team"]
                and p["manager"] == t["owner"]
                and p["level"] != "L4"
            ),
            None,
        )

    def still_reports_to_director(t: dict[str, Any]) -> bool:
        owner = by_id[t["owner"]]
        director = by_id.get(owner["manager"])
        e = engineer(t)
        if not e or not director or span[owner["id"]] <= 3 or span[director["id"]] >= 12:
            return False
        e["manager"] = director["id"]
        span[owner["id"]] -= 1
        span[director["id"]] += 1
        return True

    def uncoached_designer(t: dict[str, Any]) -> bool:
        d = next(
            (
                p
                for p in members[t["id"]]
                if p["role"] == "designer" and p.get("functional_manager")
            ),
            None,
        )
        if d:
            del d["functional_manager"]
        return d is not None

    def unplaced(t: dict[str, Any]) -> bool:
        e = engineer(t)
        if e:
            e["team"] = None
        return e is not None

    def old_level(t: dict[str, Any]) -> bool:
        e = engineer(t)
        if e:
            e["level"] = "L4"
        return e is not None

    def shared_mission(t: dict[str, Any]) -> bool:
        other = rng.choice(sto_teams)
        if other is t or other["mission"] == t["mission"]:
            return False
        other["mission"] = t["mission"]
        return True

    # Each: an engineer still reporting to the director after their team was formed;
    # a designer on a single-threaded team with nobody from design to coach them; a
    # new starter not placed on a team; a level from the old leveling system; two
    # teams handed the same mission in planning.
    for problem in (
        still_reports_to_director,
        uncoached_designer,
        unplaced,
        old_level,
        shared_mission,
    ):
        done = 0
        for t in rng.sample(sto_teams, len(sto_teams)):
            if done == count:
                break
            done += problem(t)


def _document(b: _Builder, people: int, seed: int) -> Document:
    used_roles = sorted({p["role"] for p in b.people})
    # A function's leader: its most senior person, the first made who reports to the CEO.
    ceo = b.people[0]["id"]
    leaders: dict[str, str] = {}
    hirers: dict[str, str] = {}
    for p in b.people:
        fn = ROLE_LIBRARY[p["role"]]["function"]
        if not fn or p.get("vacant"):
            continue
        if fn not in leaders and p["manager"] == ceo:
            leaders[fn] = p["id"]
        elif (
            fn not in hirers
            and p["manager"] == leaders.get(fn)
            and ROLE_LIBRARY[p["role"]]["people_manager"]
        ):
            hirers[fn] = p["id"]
    reviewer = next(
        (p["id"] for p in b.people if p["role"] == "principal" and not p.get("vacant")), None
    )
    used_fns = {ROLE_LIBRARY[r]["function"] for r in used_roles}
    functions = []
    for fn, name in _FUNCTIONS.items():
        if fn not in used_fns:
            continue
        leader = leaders.get(fn)
        standards: dict[str, str | None] = {
            "leveling": leader,
            "career_path": leader,
            "promotion": leader,
            "hiring": hirers.get(fn, leader),
        }
        if fn == "engineering":
            standards["code_review"] = reviewer or leader
        functions.append({"id": fn, "name": name, "leader": leader, "standards": standards})
    data = {
        "format": FORMAT_NAME,
        "version": CURRENT_VERSION,
        "name": f"Generated company of {people} people (seed {seed})",
        "description": "A synthetic organisation made by `orgdesigner generate` for demos and "
        "benchmarks; names and teams are invented. It keeps teams of 4-12 and "
        "spans of 3-12, and carries a few deliberate problems.",
        "default_team_model": "sto",
        "currency": "EUR",
        "grades": [dict(g) for g in GRADES],
        "functions": functions,
        "roles": [role_spec(r) for r in used_roles],
        "teams": b.teams,
        "people": b.people,
        "rules": {"params": dict(GENERATED_PARAMS)},
    }
    return Document.model_validate(data)
