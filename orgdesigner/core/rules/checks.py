"""The rules of the catalogue, one small pure function each, found by rule ID.

Each check looks at one *anchor* (a person, team, role or function, or the
whole organisation for ORG-ROOT) and yields a :class:`Say`: the message, the
subjects, and where it applies a replacement severity (STO-REPORTS for an
embedded member) and a suggested fix. Plain ``(message, subjects)`` tuples are
accepted too. The engine decides which anchors to look at: all of them for a
full validation, only those an edit can affect afterwards. A finding is always
produced by the same anchor, so replacing an anchor's findings keeps the whole
set exact.

Messages name people and teams through :meth:`Run.name`, which records whom a
check named: a rename then refreshes exactly the findings that name them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..measures import leader_load
from ..model import Document, Person, Team
from .index import OPEN, REFERENCES, Index, norm_mission, ref_values

Yield = Iterator[tuple[Any, ...]]


class Say(NamedTuple):
    """One finding as a check reports it."""

    message: str
    subjects: tuple[str, ...]
    severity: str | None = None  # None: the rule's configured severity
    fix: str = ""  # what to do about it, where that is plain


@dataclass
class Run:
    """What the checks read during one validation pass."""

    doc: Document
    index: Index
    params: dict[str, Any]
    _depth: dict[str, int | None] = field(default_factory=dict)
    _cycle: dict[str, tuple[str, ...] | None] = field(default_factory=dict)
    _ranks: dict[str, int] | None = None
    _grades: dict[str, str | None] = field(default_factory=dict)
    _ladders: dict[str, dict[str, str | None]] = field(default_factory=dict)
    # IDs of the people and teams named since the engine last cleared it.
    named: set[str] = field(default_factory=set)

    @property
    def people(self) -> dict[str, Person]:
        """ID -> person (the document's own lookup; stable during a pass)."""
        return self.doc.by_id("person")

    def name(self, kind: str, id_: str | None) -> str:
        if id_ and (kind == "person" or kind == "team"):
            self.named.add(id_)
        if not id_:
            return "?"
        if self.doc.get(kind, id_) is None:
            # A dangling reference has only its ID; say it is missing, as the chart does.
            return f"{id_} (missing)"
        return self.doc.entity_name(kind, id_)

    def fn_name(self, fid: str | None) -> str:
        if not fid:
            return "no function"
        return self.doc.entity_name("function", fid)

    def names(self, kind: str, ids: Iterable[str]) -> str:
        """ "A", "A and B", "A, B and C"."""
        return join_words([self.name(kind, i) for i in ids])

    # -- grades ---------------------------------------------------------------------
    @property
    def ranks(self) -> dict[str, int]:
        if self._ranks is None:
            self._ranks = self.doc.grade_ranks()
        return self._ranks

    def grade(self, pid: str | None) -> str | None:
        """A person's grade ID (None: no grade, or no such person). Memoised for the pass."""
        if not pid:
            return None
        if pid in self._grades:
            return self._grades[pid]
        p = self.doc.by_id("person").get(pid)
        grade = None
        if p is not None and p.level and p.role:
            ladder = self._ladders.get(p.role)
            if ladder is None:
                # Level code -> its grade, if the grade exists (first level of a code wins,
                # as in Document.level_of).
                ladder = {}
                role = self.doc.by_id("role").get(p.role)
                for level in role.levels if role is not None else ():
                    ladder.setdefault(
                        level.code, level.grade if level.grade in self.ranks else None
                    )
                self._ladders[p.role] = ladder
            grade = ladder.get(p.level)
        self._grades[pid] = grade
        return grade

    def grade_name(self, gid: str) -> str:
        g = self.doc.grades[self.ranks[gid]]
        return g.name or g.id

    def below(self, pid: str | None, param: str) -> tuple[str, str] | None:
        """(person's grade, minimum grade) if ``pid`` is graded below rule parameter
        ``param``; None if the check is off, the person has no grade, or is not below."""
        floor = self.params.get(param) or ""
        if floor not in self.ranks:
            return None
        own = self.grade(pid)
        if own is None or self.ranks[own] >= self.ranks[floor]:
            return None
        return own, floor

    def cycle_of(self, pid: str) -> tuple[str, ...] | None:
        """The line-manager loop ``pid`` sits on, or None. Linear over a pass (memoised)."""
        if pid in self._cycle:
            return self._cycle[pid]
        people = self.doc.by_id("person")
        path: list[str] = []
        pos: dict[str, int] = {}
        cur: str | None = pid
        while cur and cur in people and cur not in self._cycle and cur not in pos:
            pos[cur] = len(path)
            path.append(cur)
            cur = people[cur].manager
        loop: tuple[str, ...] | None = None
        if cur in pos:  # walked back into this path: a loop from pos[cur] on
            loop = tuple(path[pos[cur] :])
            for member in loop:
                self._cycle[member] = loop
            path = path[: pos[cur]]
        for member in path:
            self._cycle[member] = None
        return self._cycle[pid]

    def depth(self, pid: str) -> int | None:
        """Layers below the top (the top is 0); None on or under a loop."""
        if pid in self._depth:
            return self._depth[pid]
        people = self.doc.by_id("person")
        path: list[str] = []
        seen: set[str] = set()
        cur: str | None = pid
        base: int | None = -1
        while True:
            if cur in self._depth:
                base = self._depth[cur]
                break
            if not cur or cur not in people:
                base = -1
                break
            if cur in seen:
                base = None
                break
            seen.add(cur)
            path.append(cur)
            cur = people[cur].manager
        for member in reversed(path):
            base = None if base is None else base + 1
            self._depth[member] = base
        return self._depth[pid]


@dataclass(frozen=True)
class Check:
    rule: str
    anchor: str  # person, team, role, function or global
    run: Callable[[Run, str], Yield]


CHECKS: dict[str, Check] = {}


def rule(
    rule_id: str, anchor: str
) -> Callable[[Callable[[Run, str], Yield]], Callable[[Run, str], Yield]]:
    def register(fn: Callable[[Run, str], Yield]) -> Callable[[Run, str], Yield]:
        CHECKS[rule_id] = Check(rule_id.split(":")[0], anchor, fn)
        return fn

    return register


# -- words ------------------------------------------------------------------------------

FIELD_WORDS = {
    "manager": "line manager",
    "functional_manager": "functional manager",
    "team": "team",
    "role": "role",
    "function": "function",
    "owner": "owner",
    "parent": "parent team",
    "required_functions": "required function",
    "serves": "served team",
    "leader": "leader",
}
KIND_WORDS = {"person": "person", "team": "team", "role": "role", "function": "function"}
# How the people of a craft are called, one and many: "12 engineers per product manager".
CRAFT_WORDS = {
    "engineering": ("engineer", "engineers"),
    "product": ("product manager", "product managers"),
    "product management": ("product manager", "product managers"),
    "design": ("designer", "designers"),
    "ux": ("designer", "designers"),
    "data": ("data specialist", "data specialists"),
    "marketing": ("marketer", "marketers"),
    "sales": ("salesperson", "salespeople"),
    "qa": ("tester", "testers"),
}


def join_words(items: list[str], last: str = "and") -> str:
    """ "A", "A and B", "A, B and C" (``last`` "or": "A, B or C")."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def a(word: str) -> str:
    """The word with its indefinite article: "a designer", "an engineer"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def standard_words(standard: str) -> str:
    """``career_path`` -> "career path"."""
    return standard.replace("_", " ")


def craft_words(doc: Document, fid: str) -> tuple[str, str]:
    """How one and many people of function ``fid`` are called: ("engineer", "engineers"),
    ("Legal person", "Legal people") for a craft without a word of its own."""
    f = doc.function(fid)
    name = (f.name or fid) if f else fid
    words = CRAFT_WORDS.get(fid.casefold()) or CRAFT_WORDS.get(name.casefold())
    return words if words is not None else (f"{name} person", f"{name} people")


def craft(r: Run, fid: str, n: float) -> str:
    """People of function ``fid``, counted: "1 engineer", "12 engineers", "2 Legal people"."""
    words = craft_words(r.doc, fid)
    return f"{_num(n)} {words[0] if n == 1 else words[1]}"


def craft_one(r: Run, fid: str) -> str:
    """One person of the craft, without a number: "product manager"."""
    return craft(r, fid, 1).split(" ", 1)[1]


def crafts(r: Run, fids: list[str], last: str = "or", many: bool = False) -> str:
    """People of several crafts by their craft: "product manager or designer"."""
    return join_words([craft_words(r.doc, f)[1 if many else 0] for f in fids], last)


def money(r: Run, amount: float) -> str:
    text = f"{amount:,.0f}"
    return f"{text} {r.doc.currency}" if r.doc.currency else text


def _missing_refs(r: Run, kind: str, id_: str) -> Yield:
    entity = r.doc.by_id(kind)[id_]
    for field_name, target in REFERENCES[kind].items():
        value = getattr(entity, field_name)
        if not value:
            continue
        known = r.doc.by_id(target)
        if isinstance(value, str):
            if value in known:
                continue  # the common case, decided without building anything
        elif all(v in known for v in ref_values(value)):
            continue
        name = r.name(kind, id_)
        if isinstance(value, dict):
            for std, v in value.items():
                if v and v not in known:
                    yield Say(
                        f"{name}: the owner of {standard_words(std)} ({v!r}) does not exist",
                        (id_,),
                        fix=f"name someone in {name} as the owner of {standard_words(std)}",
                    )
            continue
        words = FIELD_WORDS.get(field_name, field_name)
        for v in ref_values(value):
            if v not in known:
                yield Say(
                    f"{name}: {words} {v!r} does not exist",
                    (id_,),
                    fix=f"choose an existing {KIND_WORDS[target]} as {words}, or clear it",
                )
    if kind == "role":
        for level in entity.levels:
            if level.grade and level.grade not in r.ranks:
                name = r.name(kind, id_)
                yield Say(
                    f"{name}: the grade {level.grade!r} of level {level.code} does not exist",
                    (id_,),
                    fix=f"pick a grade from the grade scale for level {level.code}",
                )


for _kind in REFERENCES:

    def _make(kind: str) -> Callable[[Run, str], Yield]:
        return lambda r, id_: _missing_refs(r, kind, id_)

    CHECKS[f"ORG-REF:{_kind}"] = Check("ORG-REF", _kind, _make(_kind))


# -- structure -----------------------------------------------------------------


@rule("ORG-CYCLE", "person")
def org_cycle_people(r: Run, pid: str) -> Yield:
    loop = r.cycle_of(pid)
    if loop and pid == min(loop):
        # Name the loop from its anchor: the walk that found it may have started
        # anywhere on it, and the message must not depend on that.
        at = loop.index(pid)
        loop = loop[at:] + loop[:at]
        names = " -> ".join(r.name("person", p) for p in loop)
        yield Say(
            f"Line managers loop: {names} -> {r.name('person', loop[0])}",
            tuple(sorted(loop)),
            fix="make one of them report to someone outside the loop",
        )


@rule("ORG-CYCLE:team", "team")
def org_cycle_teams(r: Run, tid: str) -> Yield:
    loop = r.index.team_loop(tid)
    if loop and tid == min(loop):
        # Named from its anchor, whichever team the walk that found it started at.
        at = loop.index(tid)
        path = loop[at:] + loop[:at]
        names = " -> ".join(r.name("team", t) for t in path)
        yield Say(
            f"Parent teams loop: {names} -> {r.name('team', tid)}",
            tuple(sorted(path)),
            fix="move one of them under a team outside the loop, or to the top",
        )


@rule("ORG-ROOT", "global")
def org_root(r: Run, _: str) -> Yield:
    roots = sorted(r.index.roots)
    if len(roots) > 1:
        shown = ", ".join(r.name("person", p) for p in roots[:5])
        more = f" and {len(roots) - 5} more" if len(roots) > 5 else ""
        yield Say(
            f"{len(roots)} people have no line manager: {shown}{more}",
            tuple(roots),
            fix="give everyone but the head of the organisation a line manager",
        )


@rule("ORG-SPAN", "person")
def org_span(r: Run, pid: str) -> Yield:
    n = len(r.index.reports(pid))
    lo, hi = r.params["span_min"], r.params["span_max"]
    if not n or lo <= n <= hi:
        return
    who = r.name("person", pid)
    if n < lo:
        yield Say(
            f"{who} has {n} direct report{'s' if n > 1 else ''} (at least {lo} expected)",
            (pid,),
            fix=f"give {who} more reports, or move them to a neighbouring manager",
        )
    elif n > hi:
        yield Say(
            f"{who} has {n} direct reports (at most {hi} expected)",
            (pid,),
            fix=f"split {who}'s reports under a new manager",
        )


@rule("ORG-LAYERS", "person")
def org_layers(r: Run, pid: str) -> Yield:
    d = r.depth(pid)
    limit = r.params["max_layers"]
    if d is not None and d > limit:
        yield Say(
            f"{r.name('person', pid)} is {d} layers below the top (at most {limit})",
            (pid,),
            fix="remove a management layer above them",
        )


# -- single-threaded ownership ------------------------------------------------------


def _sto(r: Run, tid: str) -> Team | None:
    t = r.doc.team(tid)
    return t if t is not None and r.doc.model_of(t) == "sto" else None


def _service(r: Run, tid: str) -> Team | None:
    t = r.doc.team(tid)
    return t if t is not None and r.doc.model_of(t) == "service" else None


@rule("STO-OWNER", "team")
def sto_owner(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None:
        return
    team = r.name("team", tid)
    if not t.owner:
        yield Say(f"{team} has no owner", (tid,), fix=f"give {team} an owner")
        return
    owner = r.doc.person(t.owner)
    if owner is not None and owner.vacant:
        yield Say(
            f"{team} is owned by an open position ({r.name('person', owner.id)})",
            (tid,),
            fix=f"fill the position, or make someone already on {team} its owner",
        )


@rule("STO-REPORTS", "person")
def sto_reports(r: Run, pid: str) -> Yield:
    p = r.people[pid]

    def names() -> tuple[str, str]:
        now = r.name("person", p.manager) if p.manager else "nobody"
        return r.name("person", pid), now

    t = _sto(r, p.team) if p.team else None
    if t is not None and t.owner and t.owner != pid and p.manager != t.owner:
        who, now = names()
        owner = r.name("person", t.owner)
        msg = f"{who} is on {r.name('team', t.id)} but reports to {now}, not to its owner {owner}"
        if p.embedded:
            yield Say(msg + " (embedded: a documented exception)", (pid, t.id), "info")
        else:
            yield Say(
                msg,
                (pid, t.id),
                fix=f"make {who} report to {owner}, or mark {who} as embedded if intended",
            )
    for tid in sorted(r.index.owned(pid)):
        owned = r.doc.team(tid)
        if owned is None or not owned.parent or r.doc.model_of(owned) == "service":
            continue
        parent = _sto(r, owned.parent)
        if parent is None or not parent.owner or parent.owner == pid:
            continue
        if p.manager != parent.owner:
            who, now = names()
            boss = r.name("person", parent.owner)
            yield Say(
                f"{who} owns {r.name('team', tid)} but reports to {now}, not to {boss}, "
                f"owner of its parent team {r.name('team', parent.id)}",
                (pid, tid),
                fix=f"make {who} report to {boss}",
            )


@rule("STO-SINGLE-THREAD", "person")
def sto_single_thread(r: Run, pid: str) -> Yield:
    teams = r.doc.by_id("team")
    owned = sorted(
        t for t in r.index.owned(pid) if t in teams and r.doc.model_of(teams[t]) != "service"
    )
    if len(owned) < 2:
        return
    unrelated = r.index.unrelated_teams(owned)
    if unrelated:
        ids = sorted(unrelated)
        who = r.name("person", pid)
        yield Say(
            f"{who} owns {len(ids)} unrelated teams: {r.names('team', ids)}",
            (pid, *ids),
            fix=f"give all but one of them another owner, so {who} owns one area",
        )


@rule("STO-MISSION", "team")
def sto_mission(r: Run, tid: str) -> Yield:
    t = r.doc.team(tid)
    assert t is not None
    key = norm_mission(t.mission)
    if not key:
        if r.doc.model_of(t) == "sto":
            team = r.name("team", tid)
            yield Say(
                f"{team} has no mission",
                (tid,),
                fix=f"write the area {team} owns as its mission",
            )
        return
    group = sorted(r.index.missions.get(key, ()))
    # Reported once, by the first team of the group, if any of them is an STO team.
    if len(group) > 1 and tid == group[0] and any(_sto(r, g) is not None for g in group):
        yield Say(
            f"{len(group)} teams share one mission: {r.names('team', group)}",
            tuple(group),
            fix="give each team its own area, or merge them",
        )


def _missing_fns(present: Any, needed: list[str]) -> list[str]:
    return [f for f in needed if not present.get(f)]


def _needed(r: Run, t: Team) -> list[str]:
    return (
        t.required_functions if t.required_functions is not None else r.params["required_functions"]
    )


def _servers(r: Run, tid: str) -> dict[str, list[str]]:
    """Function -> the service teams that serve ``tid`` and whose owner is of that function
    (sorted). Also counts an owner who is an open position."""
    out: dict[str, list[str]] = {}
    for sid in sorted(r.index.served_by(tid)):
        s = _service(r, sid)
        if s is None or not s.owner or s.owner not in r.doc.by_id("person"):
            continue
        f = r.index.fn(s.owner)
        if f:
            out.setdefault(f, []).append(sid)
    return out


@rule("STO-CROSS-FUNCTIONAL", "team")
def sto_cross_functional(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None:
        return
    missing = _missing_fns(r.index.team_fns_with_subteams(tid), _needed(r, t))
    if missing:
        missing = [f for f in missing if f not in _servers(r, tid)]
    if missing:
        team = r.name("team", tid)
        yield Say(
            f"{team} cannot deliver on its own: no {crafts(r, missing)} on it or its "
            "sub-teams, and no service team of that craft serves it",
            (tid,),
            fix=f"add {a(crafts(r, missing, 'and'))} position to {team}, "
            "or have a service team of that craft serve it",
        )


def _filled_owner(r: Run, tid: str) -> bool:
    t = r.doc.team(tid)
    owner = r.doc.person(t.owner) if t is not None else None
    return owner is not None and not owner.vacant


@rule("STO-OPEN-LEG", "team")
def sto_open_leg(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None:
        return
    present = r.index.team_fns_with_subteams(tid)
    # Present, and every position of the function open.
    open_only = [f for f in _needed(r, t) if present.get(f) and present[(OPEN, f)] == present[f]]
    if not open_only:
        return
    served = _servers(r, tid)
    open_only = [f for f in open_only if not any(_filled_owner(r, s) for s in served.get(f, ()))]
    if open_only:
        team = r.name("team", tid)
        yield Say(
            f"{team} has {crafts(r, open_only, 'and', many=True)} only as open positions: "
            "until they are filled it cannot deliver on its own",
            (tid,),
            fix=f"hire for the open {crafts(r, open_only, 'and')} "
            f"position{'s' if len(open_only) > 1 else ''} on {team}",
        )


@rule("STO-SERVICE", "team")
def sto_service(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None:
        return
    servers = _servers(r, tid)
    if not servers:
        return
    present = r.index.team_fns_with_subteams(tid)
    by_team: dict[str, list[str]] = {}
    for f in _needed(r, t):
        if present.get(f):
            continue
        for sid in servers.get(f, ()):
            by_team.setdefault(sid, []).append(f)
    team = r.name("team", tid)
    for sid, fns in sorted(by_team.items()):
        names = join_words([r.fn_name(f) for f in fns])
        yield Say(
            f"{team} relies on {r.name('team', sid)} for {names}: it has no {crafts(r, fns)} "
            f"of its own, so ending that arrangement means hiring onto {team}",
            (tid, sid),
        )


@rule("SERVICE-SCOPE", "team")
def service_scope(r: Run, tid: str) -> Yield:
    t = r.doc.team(tid)
    assert t is not None
    if r.doc.model_of(t) != "service" and not t.serves:
        return
    team = r.name("team", tid)
    if r.doc.model_of(t) != "service":
        if t.serves:
            yield Say(
                f"{team} is not a service team but lists teams it serves: "
                f"{r.names('team', t.serves)}",
                (tid,),
                fix=f"make {team} a service team, or clear the teams it serves",
            )
        return
    if not t.owner:
        yield Say(
            f"{team} is a service team with no owner",
            (tid,),
            fix=f"give {team} an owner from the craft it supplies",
        )
    else:
        owner = r.doc.person(t.owner)
        if owner is not None and owner.vacant:
            yield Say(
                f"{team} is a service team owned by an open position ({r.name('person', owner.id)})",
                (tid,),
                fix="fill the position, or name another owner",
            )
    if not t.serves:
        yield Say(
            f"{team} is a service team that serves no team",
            (tid,),
            fix=f"list the teams {team} serves, or give it another model",
        )


@rule("STO-LEADER-ROLE", "team")
def sto_leader_role(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None or not t.owner:
        return
    owner = r.doc.person(t.owner)
    if owner is None:
        return
    role = r.doc.role(owner.role)
    if role is not None and role.people_manager:
        return
    who, team = r.name("person", owner.id), r.name("team", tid)
    if role is None:
        yield Say(
            f"{team} is owned by {who}, who has no role",
            (tid,),
            fix=f"give {who} a people-manager role",
        )
    else:
        title = r.name("role", role.id)
        yield Say(
            f"{team} is owned by {who}, whose role {title} is not a people-manager role",
            (tid,),
            fix=f"give {who} a people-manager role, or mark {title} as one",
        )


@rule("STO-OWNER-GRADE", "team")
def sto_owner_grade(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None or not t.owner:
        return
    low = r.below(t.owner, "owner_min_grade")
    if low is None:
        return
    who, team = r.name("person", t.owner), r.name("team", tid)
    yield Say(
        f"{team} is owned by {who}, graded {r.grade_name(low[0])}, below "
        f"{r.grade_name(low[1])}, the lowest grade for a team owner",
        (tid, t.owner),
        fix=f"give {team} a more senior owner, or review {who}'s level",
    )


# -- team shape ------------------------------------------------------------------


@rule("TEAM-SIZE", "team")
def team_size(r: Run, tid: str) -> Yield:
    t = r.doc.team(tid)
    assert t is not None
    n = len(r.index.team_people(t))
    lo, hi = r.params["team_min"], r.params["team_max"]
    if lo <= n <= hi:
        return
    team = r.name("team", tid)
    if n < lo:
        yield Say(
            f"{team} has {n} {'person' if n == 1 else 'people'} (at least {lo})",
            (tid,),
            fix=f"add positions to {team}, or merge it with a neighbouring team",
        )
    elif n > hi:
        yield Say(
            f"{team} has {n} people (at most {hi})",
            (tid,),
            fix=f"split {team} into two teams with an area each",
        )


@rule("TEAM-RATIO", "team")
def team_ratio(r: Run, tid: str) -> Yield:
    t = r.doc.team(tid)
    if t is None or r.doc.model_of(t) == "service":
        return
    counts = r.index.team_fns_with_subteams(tid)
    for ratio in r.params["ratios"]:
        num, den = ratio["numerator"], ratio["denominator"]
        d = counts.get(den, 0)
        if not d:
            continue
        n = counts.get(num, 0)
        value = n / d
        lo, hi = ratio.get("min"), ratio.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            bounds = f"{_num(lo) if lo is not None else '0'}-{_num(hi) if hi is not None else '∞'}"
            team = r.name("team", tid)
            per = craft_one(r, den)
            if hi is not None and value > hi:
                fix = f"add {a(per)} to {team}, or move some {craft(r, num, 2).split(' ', 1)[1]}"
            else:
                fix = f"add {craft(r, num, 2).split(' ', 1)[1]} to {team}, or share its {per}"
            yield Say(
                f"{team} has {craft(r, num, round(value, 2))} per {per} "
                f"(counted {craft(r, num, n)} and {craft(r, den, d)}, with its sub-teams; "
                f"expected {bounds})",
                (tid,),
                fix=fix,
            )


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@rule("TEAM-UNASSIGNED", "person")
def team_unassigned(r: Run, pid: str) -> Yield:
    p = r.people[pid]
    if p.team or r.index.reports(pid):
        return
    if any(t in r.doc.by_id("team") for t in r.index.owned(pid)):
        return
    who = r.name("person", pid)
    yield Say(f"{who} belongs to no team", (pid,), fix=f"put {who} on a team")


@rule("TEAM-BUDGET", "team")
def team_budget(r: Run, tid: str) -> Yield:
    t = r.doc.team(tid)
    assert t is not None
    if t.budget is None:
        return
    total, uncosted = r.index.team_cost_with_subteams(tid)
    if total <= t.budget:
        return
    team = r.name("team", tid)
    note = (
        f"; {uncosted} position{'s' if uncosted != 1 else ''} without a cost counted as 0"
        if uncosted
        else ""
    )
    yield Say(
        f"{team} costs {money(r, total)} with its sub-teams, over its budget of "
        f"{money(r, t.budget)} by {money(r, total - t.budget)}{note}",
        (tid,),
        fix=f"reduce the positions on {team}, or raise its budget",
    )


# -- three-legged stool --------------------------------------------------------------


def _functional(r: Run, tid: str) -> Team | None:
    t = r.doc.team(tid)
    return t if t is not None and r.doc.model_of(t) == "functional" else None


def _legs(r: Run, t: Team) -> list[str]:
    return t.required_functions if t.required_functions is not None else r.params["triad"]


@rule("STOOL-TRIAD", "team")
def stool_triad(r: Run, tid: str) -> Yield:
    t = _functional(r, tid)
    if t is None:
        return
    legs = _legs(r, t)
    if not legs:
        return
    lead, others = legs[0], legs[1:]
    team = r.name("team", tid)
    gaps: list[str] = []
    fixes: list[str] = []
    want = f"no {r.fn_name(lead).lower()} lead as owner"
    owner = r.doc.person(t.owner) if t.owner else None
    if not t.owner:
        gaps.append(f"{want}: it has no owner")
    elif owner is not None and owner.vacant:
        gaps.append(f"{want}: owned by an open position ({r.name('person', owner.id)})")
    elif owner is not None and r.index.fn(owner.id) != lead:
        theirs = r.index.fn(owner.id)
        where = r.fn_name(theirs) if theirs else "who has no function"
        gaps.append(f"{want}: owned by {r.name('person', owner.id)}, {where}")
    if gaps:
        fixes.append(f"make {a(r.fn_name(lead))} lead the owner of {team}")
    missing = _missing_fns(r.index.team_fns(tid), others)
    if missing:
        gaps.append(f"no {crafts(r, missing)}")
        fixes.append(f"add {a(crafts(r, missing, 'and'))} to {team}")
    if gaps:
        yield Say(
            f"{team} lacks {'legs' if len(gaps) > 1 else 'a leg'} of the stool: " + "; ".join(gaps),
            (tid,),
            fix="; ".join(fixes),
        )


@rule("STOOL-LINES", "team")
def stool_lines(r: Run, tid: str) -> Yield:
    t = _functional(r, tid)
    if t is None or not t.owner:
        return
    legs = _legs(r, t)
    if not legs or r.index.fn(t.owner) != legs[0]:
        return
    others = set(legs[1:])
    people = r.doc.by_id("person")
    direct = sorted(
        m
        for m in r.index.members(tid)
        if m != t.owner and m in people and people[m].manager == t.owner and r.index.fn(m) in others
    )
    if direct:
        team, owner = r.name("team", tid), r.name("person", t.owner)
        names = r.names("person", direct)
        verb = "reports" if len(direct) == 1 else "report"
        yield Say(
            f"{team} works as a single-threaded team: {names} {verb} to its owner {owner}",
            (tid,),
            fix=f"make {team} an STO team, or have {names} report within their own function",
        )


# -- functional excellence ---------------------------------------------------------


@rule("FUNC-LEADER", "function")
def func_leader(r: Run, fid: str) -> Yield:
    n = len(r.index.fn_people.get(fid, ()))
    if not n:
        return
    f = r.doc.function(fid)
    assert f is not None
    name = r.fn_name(fid)
    people = f"{n} {'person' if n == 1 else 'people'}"
    if not f.leader:
        yield Say(
            f"{name} has {people} and no leader",
            (fid,),
            fix=f"name a senior {name} person as its leader",
        )
        return
    leader: Person | None = r.doc.person(f.leader)
    if leader is None:
        return  # ORG-REF reports the dangling leader
    if leader.vacant:
        yield Say(
            f"{name}'s leader is an open position ({r.name('person', leader.id)})",
            (fid,),
            fix=f"fill the position, or name another {name} leader",
        )
    elif r.index.fn(leader.id) != fid:
        other = r.index.fn(leader.id)
        where = f"belongs to {r.fn_name(other)}" if other else "has no function"
        yield Say(
            f"{name}'s leader {r.name('person', leader.id)} {where}",
            (fid,),
            fix=f"name a leader from {name}",
        )


def required_standards(params: dict[str, Any], function_id: str) -> list[str]:
    """The standards a function must keep an owner for: the common ones, then its own extras.

    ``params`` are effective rule parameters (``effective_params`` or a validator's
    ``params``); FUNC-STANDARDS and the app's functions table both read this list.
    """
    common = list(params["standards"])
    extra = params["function_standards"].get(function_id, [])
    return common + [s for s in extra if s not in common]


@rule("FUNC-STANDARDS", "function")
def func_standards(r: Run, fid: str) -> Yield:
    if not r.index.fn_people.get(fid):
        return
    f = r.doc.function(fid)
    assert f is not None
    needed = required_standards(r.params, fid)
    people = r.doc.by_id("person")
    missing = []
    for std in needed:
        owner = people.get(f.standards.get(std) or "")
        if owner is None or owner.vacant or r.index.fn(owner.id) != fid:
            missing.append(std)
    if missing:
        name = r.fn_name(fid)
        yield Say(
            f"{name} has no owner in the function for "
            f"{join_words([standard_words(s) for s in missing])}",
            (fid,),
            fix=f"name a senior {name} person as the owner of each",
        )


@rule("FUNC-STANDARDS-GRADE", "function")
def func_standards_grade(r: Run, fid: str) -> Yield:
    if not r.params.get("standards_min_grade"):
        return
    f = r.doc.function(fid)
    assert f is not None
    by_owner: dict[str, list[str]] = {}
    for std, owner in f.standards.items():
        if owner and owner in r.doc.by_id("person"):
            by_owner.setdefault(owner, []).append(std)
    name = r.fn_name(fid)
    for owner, stds in sorted(by_owner.items()):
        low = r.below(owner, "standards_min_grade")
        if low is None:
            continue
        who = r.name("person", owner)
        yield Say(
            f"{name}'s {join_words([standard_words(s) for s in stds])} "
            f"{'is' if len(stds) == 1 else 'are'} owned by {who}, graded "
            f"{r.grade_name(low[0])}, below {r.grade_name(low[1])}",
            (fid, owner),
            fix=f"hand {'it' if len(stds) == 1 else 'them'} to a senior {name} leader",
        )


@rule("FUNC-COACH", "person")
def func_coach(r: Run, pid: str) -> Yield:
    own = r.index.fn(pid)
    if not own:
        return
    f = r.doc.function(own)
    if f is not None and f.leader == pid:
        return
    p = r.people[pid]
    if not p.manager or p.manager not in r.doc.by_id("person"):
        return
    if r.index.fn(p.manager) == own:
        return
    fm = r.doc.person(p.functional_manager)
    if fm is not None and r.index.fn(fm.id) == own:
        return
    who, craft_name = r.name("person", pid), r.fn_name(own)
    other = r.index.fn(p.manager)
    yield Say(
        f"{who} is managed outside {craft_name} (by {r.name('person', p.manager)}, "
        f"{r.fn_name(other)}) and has no functional manager in {craft_name}",
        (pid,),
        fix=f"make {a(craft_name)} leader the functional manager of {who}",
    )


@rule("FUNC-COACH-MISMATCH", "person")
def func_coach_mismatch(r: Run, pid: str) -> Yield:
    own = r.index.fn(pid)
    p = r.people[pid]
    if not own or not p.functional_manager:
        return
    if p.functional_manager not in r.doc.by_id("person"):
        return
    theirs = r.index.fn(p.functional_manager)
    if theirs != own:
        who, craft_name = r.name("person", pid), r.fn_name(own)
        yield Say(
            f"{who}'s functional manager {r.name('person', p.functional_manager)} is in "
            f"{r.fn_name(theirs)}, not {craft_name}",
            (pid,),
            fix=f"make {a(craft_name)} leader the functional manager of {who}",
        )


@rule("LEADER-LOAD", "person")
def leader_load_rule(r: Run, pid: str) -> Yield:
    limit = r.params["leader_load_max"]
    ix = r.index
    # An upper bound from the reverse references alone spares the exact count for
    # nearly everyone (the references' holders exist; a standards holder counts once
    # per standard it names the person for).
    bound = len(ix.holders("person", pid, "person", "manager")) + len(ix.coached(pid))  # type: ignore[arg-type]
    owned = ix.holders("person", pid, "team", "owner")
    bound += max(0, len(owned) - 1)  # type: ignore[arg-type]
    if bound <= limit:
        stds = ix.refs.get(("person", pid, "function", "standards"))
        if stds is None or bound + sum(stds.values()) <= limit:
            return
    load = leader_load(r.doc, pid, r.index)
    if load.total > limit:
        who = r.name("person", pid)
        yield Say(
            f"{who} carries a load of {load.total} (at most {limit}): {load.describe()}",
            (pid,),
            fix=f"hand some standards or coaching to others, or put a manager under {who}",
        )


@rule("ORG-GRADE-INVERSION", "person")
def org_grade_inversion(r: Run, pid: str) -> Yield:
    if not r.ranks:
        return
    p = r.doc.by_id("person")[pid]
    if not p.manager or p.manager == pid:
        return
    own = r.grade(pid)
    if own is None:
        return
    boss = r.grade(p.manager)
    if own is None or boss is None or r.ranks[own] <= r.ranks[boss]:
        return
    who, mgr = r.name("person", pid), r.name("person", p.manager)
    yield Say(
        f"{who} ({r.grade_name(own)}) is graded above their line manager {mgr} "
        f"({r.grade_name(boss)})",
        (pid, p.manager),
        fix=f"check both levels, or have {who} report to someone at least as senior",
    )


# -- roles and career ladders ----------------------------------------------------------


def _in_use(r: Run, rid: str) -> bool:
    people = r.doc.by_id("person")
    return any(h in people for h in r.index.role_holders(rid))


@rule("ROLE-MISSING", "person")
def role_missing(r: Run, pid: str) -> Yield:
    p = r.people[pid]
    if not p.role:
        who = r.name("person", pid)
        yield Say(f"{who} has no role", (pid,), fix=f"give {who} a role from the role library")


@rule("ROLE-DEFINITION", "role")
def role_definition(r: Run, rid: str) -> Yield:
    if not _in_use(r, rid):
        return
    role = r.doc.role(rid)
    assert role is not None
    gaps = []
    if not role.purpose.strip():
        gaps.append("purpose")
    if not any(x.strip() for x in role.responsibilities):
        gaps.append("responsibilities")
    if gaps:
        yield Say(
            f"Role {r.name('role', rid)} has no {' and no '.join(gaps)}",
            (rid,),
            fix=f"write its {' and '.join(gaps)} in the role library",
        )


@rule("ROLE-LADDER", "role")
def role_ladder(r: Run, rid: str) -> Yield:
    role = r.doc.role(rid)
    assert role is not None
    if not role.levels and _in_use(r, rid):
        yield Say(
            f"Role {r.name('role', rid)} has no career ladder",
            (rid,),
            fix="add its levels, from the first to the most senior, in the role library",
        )


@rule("ROLE-LADDER:person", "person")
def role_ladder_person(r: Run, pid: str) -> Yield:
    p = r.people[pid]
    if not p.level:
        return
    role = r.doc.role(p.role)
    if role is None or not role.levels:
        return
    if all(level.code != p.level for level in role.levels):
        codes = ", ".join(level.code for level in role.levels)
        who = r.name("person", pid)
        yield Say(
            f"{who}'s level {p.level} is not on the {r.name('role', role.id)} ladder ({codes})",
            (pid,),
            fix=f"pick one of those levels for {who}",
        )


@rule("ROLE-EXPECTATIONS", "role")
def role_expectations(r: Run, rid: str) -> Yield:
    role = r.doc.role(rid)
    assert role is not None
    blank = [lv.code for lv in role.levels if not lv.expectations.strip()]
    if blank and _in_use(r, rid):
        yield Say(
            f"Role {r.name('role', rid)} has ladder levels with no expectations: "
            f"{', '.join(blank)}",
            (rid,),
            fix="write what is expected at each of those levels in the role library",
        )
