"""The rules of the catalogue, one small pure function each, found by rule ID.

Each check looks at one *anchor* (a person, team, role or function, or the
whole organisation for ORG-ROOT) and yields ``(message, subjects)`` or
``(message, subjects, severity)`` when the catalogue's severity is replaced
(STO-REPORTS for an embedded member). The engine decides which anchors to
look at: all of them for a full validation, only those an edit can affect
afterwards. A finding is always produced by the same anchor, so replacing an
anchor's findings keeps the whole set exact.

Messages name only the finding's subjects, function names and figures, so a
rename refreshes exactly the findings about the renamed thing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, Person, Team
from .index import REFERENCES, Index, norm_mission, ref_values

Yield = Iterator[tuple[Any, ...]]


@dataclass
class Run:
    """What the checks read during one validation pass."""

    doc: Document
    index: Index
    params: dict[str, Any]
    _depth: dict[str, int | None] = field(default_factory=dict)
    _cycle: dict[str, tuple[str, ...] | None] = field(default_factory=dict)

    def name(self, kind: str, id_: str | None) -> str:
        entity = self.doc.get(kind, id_)
        if entity is None:
            return id_ or "?"
        if kind == "person":
            return self.doc.display_name(entity)
        text: str = entity.title if kind == "role" else entity.name
        return text or id_ or "?"

    def fn_name(self, fid: str) -> str:
        f = self.doc.function(fid)
        return (f.name or fid) if f else fid

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


def _missing_refs(r: Run, kind: str, id_: str) -> Yield:
    entity = r.doc.get(kind, id_)
    name = r.name(kind, id_)
    for field_name, target in REFERENCES[kind].items():
        value = getattr(entity, field_name)
        known = r.doc.by_id(target)
        if isinstance(value, dict):
            for std, v in value.items():
                if v and v not in known:
                    yield (f"{name}: standards.{std} owner {v!r} does not exist", (id_,))
            continue
        for v in ref_values(value):
            if v not in known:
                yield (f"{name}: {field_name} {v!r} does not exist", (id_,))


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
        yield (f"Line managers loop: {names} -> {r.name('person', loop[0])}", tuple(sorted(loop)))


@rule("ORG-CYCLE:team", "team")
def org_cycle_teams(r: Run, tid: str) -> Yield:
    loop = r.index.team_loop(tid)
    if loop and tid == min(loop):
        # Named from its anchor, whichever team the walk that found it started at.
        at = loop.index(tid)
        path = loop[at:] + loop[:at]
        names = " -> ".join(r.name("team", t) for t in path)
        yield (f"Parent teams loop: {names} -> {r.name('team', tid)}", tuple(sorted(path)))


@rule("ORG-ROOT", "global")
def org_root(r: Run, _: str) -> Yield:
    roots = sorted(r.index.roots)
    if len(roots) > 1:
        shown = ", ".join(r.name("person", p) for p in roots[:5])
        more = f" and {len(roots) - 5} more" if len(roots) > 5 else ""
        yield (f"{len(roots)} people have no line manager: {shown}{more}", tuple(roots))


@rule("ORG-SPAN", "person")
def org_span(r: Run, pid: str) -> Yield:
    n = len(r.index.reports(pid))
    lo, hi = r.params["span_min"], r.params["span_max"]
    if n and n < lo:
        yield (
            f"{r.name('person', pid)} has {n} direct report{'s' if n > 1 else ''} "
            f"(at least {lo} expected)",
            (pid,),
        )
    elif n > hi:
        yield (f"{r.name('person', pid)} has {n} direct reports (at most {hi} expected)", (pid,))


@rule("ORG-LAYERS", "person")
def org_layers(r: Run, pid: str) -> Yield:
    d = r.depth(pid)
    limit = r.params["max_layers"]
    if d is not None and d > limit:
        yield (f"{r.name('person', pid)} is {d} layers below the top (at most {limit})", (pid,))


# -- single-threaded ownership ------------------------------------------------------


def _sto(r: Run, tid: str) -> Team | None:
    t = r.doc.team(tid)
    return t if t is not None and r.doc.model_of(t) == "sto" else None


@rule("STO-OWNER", "team")
def sto_owner(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None:
        return
    if not t.owner:
        yield (f"{r.name('team', tid)} has no owner", (tid,))
        return
    owner = r.doc.person(t.owner)
    if owner is not None and owner.vacant:
        yield (f"{r.name('team', tid)} is owned by a vacancy", (tid,))


@rule("STO-REPORTS", "person")
def sto_reports(r: Run, pid: str) -> Yield:
    p = r.doc.person(pid)
    assert p is not None
    t = _sto(r, p.team) if p.team else None
    if t is not None and t.owner and t.owner != pid and p.manager != t.owner:
        msg = (
            f"{r.name('person', pid)} is on {r.name('team', t.id)} but does not report to its owner"
        )
        if p.embedded:
            yield (msg + " (embedded: a documented exception)", (pid, t.id), "info")
        else:
            yield (msg, (pid, t.id))
    for tid in sorted(r.index.owned(pid)):
        owned = r.doc.team(tid)
        if owned is None or not owned.parent:
            continue
        parent = _sto(r, owned.parent)
        if parent is None or not parent.owner or parent.owner == pid:
            continue
        if p.manager != parent.owner:
            yield (
                f"{r.name('person', pid)} owns {r.name('team', tid)} but does not report "
                f"to the owner of its parent team {r.name('team', parent.id)}",
                (pid, tid),
            )


@rule("STO-SINGLE-THREAD", "person")
def sto_single_thread(r: Run, pid: str) -> Yield:
    owned = sorted(t for t in r.index.owned(pid) if t in r.doc.by_id("team"))
    if len(owned) < 2:
        return
    unrelated = r.index.unrelated_teams(owned)
    if unrelated:
        teams = sorted(unrelated)
        names = ", ".join(r.name("team", t) for t in teams)
        yield (f"{r.name('person', pid)} owns {len(teams)} unrelated teams: {names}", (pid, *teams))


@rule("STO-MISSION", "team")
def sto_mission(r: Run, tid: str) -> Yield:
    t = r.doc.team(tid)
    assert t is not None
    key = norm_mission(t.mission)
    if not key:
        if r.doc.model_of(t) == "sto":
            yield (f"{r.name('team', tid)} has no mission", (tid,))
        return
    group = sorted(r.index.missions.get(key, ()))
    # Reported once, by the first team of the group, if any of them is an STO team.
    if len(group) > 1 and tid == group[0] and any(_sto(r, g) is not None for g in group):
        names = ", ".join(r.name("team", g) for g in group)
        yield (f"{len(group)} teams share one mission: {names}", tuple(group))


def _missing_fns(present: Any, needed: list[str]) -> list[str]:
    return [f for f in needed if not present.get(f)]


@rule("STO-CROSS-FUNCTIONAL", "team")
def sto_cross_functional(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None:
        return
    needed = (
        t.required_functions if t.required_functions is not None else r.params["required_functions"]
    )
    missing = _missing_fns(r.index.team_fns_with_subteams(tid), needed)
    if missing:
        names = ", ".join(r.fn_name(f) for f in missing)
        yield (f"{r.name('team', tid)} cannot deliver on its own: no {names}", (tid,))


@rule("STO-LEADER-ROLE", "team")
def sto_leader_role(r: Run, tid: str) -> Yield:
    t = _sto(r, tid)
    if t is None or not t.owner:
        return
    owner = r.doc.person(t.owner)
    if owner is None:
        return
    role = r.doc.role(owner.role)
    if role is None or not role.people_manager:
        yield (f"{r.name('team', tid)}'s owner does not hold a people-manager role", (tid,))


# -- team shape ------------------------------------------------------------------


@rule("TEAM-SIZE", "team")
def team_size(r: Run, tid: str) -> Yield:
    t = r.doc.team(tid)
    assert t is not None
    n = len(r.index.team_people(t))
    lo, hi = r.params["team_min"], r.params["team_max"]
    if n < lo:
        yield (
            f"{r.name('team', tid)} has {n} {'person' if n == 1 else 'people'} (at least {lo})",
            (tid,),
        )
    elif n > hi:
        yield (f"{r.name('team', tid)} has {n} people (at most {hi})", (tid,))


@rule("TEAM-RATIO", "team")
def team_ratio(r: Run, tid: str) -> Yield:
    counts = r.index.team_fns_with_subteams(tid)
    for ratio in r.params["ratios"]:
        num, den = ratio["numerator"], ratio["denominator"]
        d = counts.get(den, 0)
        if not d:
            continue
        value = counts.get(num, 0) / d
        lo, hi = ratio.get("min"), ratio.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            bounds = f"{_num(lo) if lo is not None else '0'}-{_num(hi) if hi is not None else '∞'}"
            yield (
                f"{r.name('team', tid)} has {_num(round(value, 2))} {r.fn_name(num)} per "
                f"{r.fn_name(den)} (expected {bounds})",
                (tid,),
            )


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@rule("TEAM-UNASSIGNED", "person")
def team_unassigned(r: Run, pid: str) -> Yield:
    p = r.doc.person(pid)
    assert p is not None
    if p.team or r.index.reports(pid):
        return
    if any(t in r.doc.by_id("team") for t in r.index.owned(pid)):
        return
    yield (f"{r.name('person', pid)} belongs to no team", (pid,))


# -- three-legged stool --------------------------------------------------------------


def _functional(r: Run, tid: str) -> Team | None:
    t = r.doc.team(tid)
    return t if t is not None and r.doc.model_of(t) == "functional" else None


@rule("STOOL-TRIAD", "team")
def stool_triad(r: Run, tid: str) -> Yield:
    t = _functional(r, tid)
    if t is None:
        return
    needed = t.required_functions if t.required_functions is not None else r.params["triad"]
    missing = _missing_fns(r.index.team_fns(tid), needed)
    if missing:
        names = ", ".join(r.fn_name(f) for f in missing)
        yield (f"{r.name('team', tid)} lacks a leg of the stool: no {names}", (tid,))


@rule("STOOL-LINES", "team")
def stool_lines(r: Run, tid: str) -> Yield:
    t = _functional(r, tid)
    if t is None or not t.owner:
        return
    legs = set(r.params["triad"][1:])
    people = r.doc.by_id("person")
    direct = sorted(
        m
        for m in r.index.members(tid)
        if m != t.owner and m in people and people[m].manager == t.owner and r.index.fn(m) in legs
    )
    if direct:
        names = ", ".join(r.name("person", m) for m in direct)
        verb = "reports" if len(direct) == 1 else "report"
        yield (
            f"{r.name('team', tid)} is run as a single-threaded team ({names} {verb} "
            "to its owner): consider making it an STO team",
            (tid,),
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
        yield (f"{name} has {people} and no leader", (fid,))
        return
    leader: Person | None = r.doc.person(f.leader)
    if leader is None:
        return  # ORG-REF reports the dangling leader
    if leader.vacant:
        yield (f"{name}'s leader is a vacancy", (fid,))
    elif r.index.fn(leader.id) != fid:
        yield (f"{name}'s leader belongs to another function", (fid,))


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
        yield (f"{r.fn_name(fid)} has no owner for: {', '.join(missing)}", (fid,))


@rule("FUNC-COACH", "person")
def func_coach(r: Run, pid: str) -> Yield:
    own = r.index.fn(pid)
    if not own:
        return
    f = r.doc.function(own)
    if f is not None and f.leader == pid:
        return
    p = r.doc.person(pid)
    assert p is not None
    if not p.manager or p.manager not in r.doc.by_id("person"):
        return
    if r.index.fn(p.manager) == own:
        return
    fm = r.doc.person(p.functional_manager)
    if fm is not None and r.index.fn(fm.id) == own:
        return
    yield (
        f"{r.name('person', pid)} is managed outside {r.fn_name(own)} and has no "
        f"functional manager in {r.fn_name(own)}",
        (pid,),
    )


@rule("FUNC-COACH-MISMATCH", "person")
def func_coach_mismatch(r: Run, pid: str) -> Yield:
    own = r.index.fn(pid)
    p = r.doc.person(pid)
    assert p is not None
    if not own or not p.functional_manager:
        return
    if p.functional_manager not in r.doc.by_id("person"):
        return
    if r.index.fn(p.functional_manager) != own:
        yield (f"{r.name('person', pid)}'s functional manager is not in {r.fn_name(own)}", (pid,))


# -- roles and career ladders ----------------------------------------------------------


def _in_use(r: Run, rid: str) -> bool:
    people = r.doc.by_id("person")
    return any(h in people for h in r.index.role_holders(rid))


@rule("ROLE-MISSING", "person")
def role_missing(r: Run, pid: str) -> Yield:
    p = r.doc.person(pid)
    assert p is not None
    if not p.role:
        yield (f"{r.name('person', pid)} has no role", (pid,))


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
        yield (f"Role {r.name('role', rid)} has no {' and no '.join(gaps)}", (rid,))


@rule("ROLE-LADDER", "role")
def role_ladder(r: Run, rid: str) -> Yield:
    role = r.doc.role(rid)
    assert role is not None
    if not role.levels and _in_use(r, rid):
        yield (f"Role {r.name('role', rid)} has no career ladder", (rid,))


@rule("ROLE-LADDER:person", "person")
def role_ladder_person(r: Run, pid: str) -> Yield:
    p = r.doc.person(pid)
    assert p is not None
    if not p.level:
        return
    role = r.doc.role(p.role)
    if role is None or not role.levels:
        return
    if all(level.code != p.level for level in role.levels):
        codes = ", ".join(level.code for level in role.levels)
        yield (
            f"{r.name('person', pid)}'s level {p.level} is not on the "
            f"{r.name('role', role.id)} ladder ({codes})",
            (pid,),
        )
