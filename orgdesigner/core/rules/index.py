"""The graph index the rules read: who points at whom, kept current edit by edit.

Every reference field of the model is listed once in :data:`REFERENCES`. The
index holds the reverse of each (``reports`` of a manager, ``members`` of a
team, teams ``owned`` by a person...), built in one pass over the document and
then updated from the primitive :class:`~orgdesigner.core.ops.Change` records,
so an edit costs time in proportion to what it touched.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..model import Document, Person, Team

# holder kind -> field -> target kind. ``list``/``dict`` fields hold several IDs.
REFERENCES: dict[str, dict[str, str]] = {
    "person": {
        "manager": "person",
        "functional_manager": "person",
        "team": "team",
        "role": "role",
        "function": "function",
    },
    "team": {
        "owner": "person",
        "parent": "team",
        "required_functions": "function",
        "serves": "team",
    },
    "role": {"function": "function"},
    "function": {"leader": "person", "standards": "person"},
}


def ref_values(value: Any) -> Iterator[str]:
    """The IDs held by a reference field's value (``""`` and None hold none)."""
    if not value:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from (v for v in value.values() if v)
    else:
        yield from (v for v in value if v)


# Key prefix of the open positions of a function in the team aggregates.
OPEN = "open"


def norm_mission(text: str) -> str:
    return " ".join(text.split()).casefold()


class Index:
    """Reverse references and a few aggregates over one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        # (target kind, target id, holder kind, field) -> Counter of holder ids
        self.refs: dict[tuple[str, str, str, str], Counter[str]] = defaultdict(Counter)
        self.roots: set[str] = set()
        self.fn_people: dict[str, set[str]] = defaultdict(set)  # by effective function
        self.person_fn: dict[str, str | None] = {}
        self.missions: dict[str, set[str]] = defaultdict(set)
        self._team_fns: dict[str, Counter[Any]] = {}  # own people by function (cache)
        self._agg_fns: dict[str, Counter[Any]] = {}  # with sub-teams (cache)
        # The same for cost ("cost" summed, "uncosted" counted): caches dropped together
        # with the two above.
        self._team_cost: dict[str, Counter[str]] = {}
        self._agg_cost: dict[str, Counter[str]] = {}
        self.rebuild()

    # -- building ---------------------------------------------------------------
    def rebuild(self) -> None:
        doc = self.doc
        self.refs.clear()
        self.roots.clear()
        self.fn_people.clear()
        self.person_fn.clear()
        self.missions.clear()
        self.invalidate_teams()
        refs = self.refs
        for kind, fields in REFERENCES.items():
            for entity in doc.entities(kind):
                for field_name, target in fields.items():
                    for v in ref_values(getattr(entity, field_name)):
                        refs[(target, v, kind, field_name)][entity.id] += 1
        roles = doc.by_id("role")
        for p in doc.people:
            if not p.manager:
                self.roots.add(p.id)
            fn = p.function or _role_fn(roles.get(p.role) if p.role else None)
            self.person_fn[p.id] = fn
            if fn:
                self.fn_people[fn].add(p.id)
        for t in doc.teams:
            self.missions[norm_mission(t.mission)].add(t.id)

    # -- reverse lookups --------------------------------------------------------
    def holders(
        self, target_kind: str, target_id: str | None, holder_kind: str, field_name: str
    ) -> Iterable[str]:
        if not target_id:
            return ()
        c = self.refs.get((target_kind, target_id, holder_kind, field_name))
        return c.keys() if c else ()

    def reports(self, pid: str) -> list[str]:
        """Direct reports on the line (existing people)."""
        people = self.doc.by_id("person")
        return [r for r in self.holders("person", pid, "person", "manager") if r in people]

    def coached(self, pid: str) -> Iterable[str]:
        return self.holders("person", pid, "person", "functional_manager")

    def members(self, tid: str) -> Iterable[str]:
        return self.holders("team", tid, "person", "team")

    def subteams(self, tid: str) -> Iterable[str]:
        return self.holders("team", tid, "team", "parent")

    def owned(self, pid: str) -> Iterable[str]:
        return self.holders("person", pid, "team", "owner")

    def led(self, pid: str) -> Iterable[str]:
        return self.holders("person", pid, "function", "leader")

    def standards_owned(self, pid: str) -> Iterable[str]:
        return self.holders("person", pid, "function", "standards")

    def served_by(self, tid: str) -> Iterable[str]:
        """Teams whose ``serves`` lists ``tid``."""
        return self.holders("team", tid, "team", "serves")

    def role_holders(self, rid: str) -> Iterable[str]:
        return self.holders("role", rid, "person", "role")

    def referrers(self, kind: str, id_: str) -> list[tuple[str, str]]:
        """Every (holder kind, holder id) with a reference to ``kind`` ``id_``."""
        out: list[tuple[str, str]] = []
        for holder_kind, fields in REFERENCES.items():
            for field_name, target in fields.items():
                if target == kind:
                    out.extend(
                        (holder_kind, h) for h in self.holders(kind, id_, holder_kind, field_name)
                    )
        return out

    # -- derived facts ------------------------------------------------------------
    def fn(self, pid: str | None) -> str | None:
        """Effective function of a person (None if none or the person is missing)."""
        return self.person_fn.get(pid) if pid else None

    def team_people(self, team: Team) -> list[str]:
        """A team's people: its members plus its owner when the owner is not a member."""
        people = list(self.members(team.id))
        if team.owner and team.owner in self.doc.by_id("person") and team.owner not in people:
            people.append(team.owner)
        return people

    def team_fns(self, tid: str) -> Counter[Any]:
        """Functions of a team's own people (cached until the team is touched): function ID
        -> positions, and ``(OPEN, function ID)`` -> those of them that are open positions."""
        c = self._team_fns.get(tid)
        if c is None:
            team = self.doc.team(tid)
            c = Counter()
            if team is not None:
                people = self.doc.by_id("person")
                for pid in self.team_people(team):
                    f = self.person_fn.get(pid)
                    if f:
                        c[f] += 1
                        if people[pid].vacant:
                            c[(OPEN, f)] += 1
            self._team_fns[tid] = c
        return c

    def team_fns_with_subteams(self, tid: str) -> Counter[Any]:
        """Functions of a team's people with its sub-teams, summed bottom-up once per team."""
        return self._with_subteams(tid, self.team_fns, self._agg_fns)

    def team_cost(self, tid: str) -> Counter[str]:
        """A team's own people: ``cost`` (summed) and ``uncosted`` (positions without one)."""
        c = self._team_cost.get(tid)
        if c is None:
            team = self.doc.team(tid)
            c = Counter()
            if team is not None:
                people = self.doc.by_id("person")
                for pid in self.team_people(team):
                    cost = self.doc.position_cost(people[pid])
                    if cost is None:
                        c["uncosted"] += 1
                    else:
                        c["cost"] += cost  # type: ignore[assignment]
            self._team_cost[tid] = c
        return c

    def team_cost_with_subteams(self, tid: str) -> tuple[float, int]:
        """(cost, positions without a cost) of a team's people with its sub-teams."""
        c = self._with_subteams(tid, self.team_cost, self._agg_cost)
        return c.get("cost", 0), c.get("uncosted", 0)

    def _with_subteams(
        self, tid: str, own: Callable[[str], Counter[Any]], cache: dict[str, Counter[Any]]
    ) -> Counter[Any]:
        """``own`` of a team summed with its sub-teams', bottom-up once per team."""
        c = cache.get(tid)
        if c is not None:
            return c
        if self.on_parent_loop(tid):
            # Adding up children's sums would count the loop's teams again, by an
            # amount that depends on which team was asked first (and a full and an
            # incremental pass could then disagree): sum every team below once.
            c = Counter()
            for t in self.team_subtree(tid):
                c.update(own(t))
            cache[tid] = c
            return c
        # Not on a loop, so nothing below is (a loop team's parent is on its loop).
        # Iterative post-order so deep team trees never hit the recursion limit.
        stack: list[tuple[str, bool]] = [(tid, False)]
        seen = {tid}  # a guard only: never revisit, whatever the index holds
        while stack:
            cur, expanded = stack.pop()
            if cur in cache:
                continue
            if expanded:
                total = Counter(own(cur))
                for child in self.subteams(cur):
                    total.update(cache.get(child, ()))
                cache[cur] = total
                continue
            stack.append((cur, True))
            for child in self.subteams(cur):
                if child not in cache and child not in seen:
                    seen.add(child)
                    stack.append((child, False))
        return cache[tid]

    def on_parent_loop(self, tid: str) -> bool:
        """True if ``tid`` is on a loop of parent teams (its chain comes back to it)."""
        chain = self.team_ancestors(tid)
        top = self.doc.by_id("team").get(chain[-1]) if chain else None
        return top is not None and top.parent == tid

    def team_ancestors(self, tid: str | None) -> list[str]:
        """``tid`` and its parent teams, upwards, stopping at a loop or a missing team."""
        out: list[str] = []
        seen: set[str] = set()
        teams = self.doc.by_id("team")
        cur = tid
        while cur and cur not in seen and cur in teams:
            seen.add(cur)
            out.append(cur)
            cur = teams[cur].parent
        return out

    def team_subtree(self, tid: str) -> list[str]:
        out: list[str] = []
        seen = {tid}
        stack = [tid]
        while stack:
            cur = stack.pop()
            out.append(cur)
            for child in self.subteams(cur):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return out

    def line_subtree(self, pid: str) -> list[str]:
        """``pid`` and everyone below them on the line (guarded against loops)."""
        out: list[str] = []
        seen = {pid}
        stack = [pid]
        while stack:
            cur = stack.pop()
            out.append(cur)
            for child in self.holders("person", cur, "person", "manager"):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return out

    def line_chain(self, pid: str | None) -> list[str]:
        """``pid`` and its line managers upwards, stopping at a loop or a missing person."""
        out: list[str] = []
        seen: set[str] = set()
        people = self.doc.by_id("person")
        cur = pid
        while cur and cur not in seen and cur in people:
            seen.add(cur)
            out.append(cur)
            cur = people[cur].manager
        return out

    def invalidate_teams(self, tids: Iterable[str] | None = None) -> None:
        """Forget cached team aggregates for ``tids`` and their ancestors (all when None)."""
        own = (self._team_fns, self._team_cost)
        agg = (self._agg_fns, self._agg_cost)
        if tids is None:
            for cache in (*own, *agg):
                cache.clear()
            return
        for tid in tids:
            for cache in own:
                cache.pop(tid, None)
            for anc in self.team_ancestors(tid):
                for cache in agg:
                    cache.pop(anc, None)
            for cache in agg:
                cache.pop(tid, None)

    # -- incremental updates ------------------------------------------------------
    def unlink(self, kind: str, entity: Any) -> None:
        """Remove ``entity``'s references from the index (before it changes or goes)."""
        for field_name in REFERENCES.get(kind, {}):
            self.set_ref(kind, entity.id, field_name, getattr(entity, field_name), None)

    def link(self, kind: str, entity: Any) -> None:
        """Add ``entity``'s references to the index (it was just added)."""
        for field_name in REFERENCES.get(kind, {}):
            self.set_ref(kind, entity.id, field_name, None, getattr(entity, field_name))

    def set_ref(self, kind: str, id_: str, field_name: str, old: Any, new: Any) -> None:
        target = REFERENCES.get(kind, {}).get(field_name)
        if target is None:
            return
        for v in ref_values(old):
            key = (target, v, kind, field_name)
            c = self.refs.get(key)
            if c is not None:
                c[id_] -= 1
                if c[id_] <= 0:
                    del c[id_]
                if not c:
                    del self.refs[key]
        for v in ref_values(new):
            self.refs[(target, v, kind, field_name)][id_] += 1

    def refresh_person(self, pid: str) -> tuple[str | None, str | None]:
        """Recompute a person's root status and function; return (old, new) function."""
        p: Person | None = self.doc.person(pid)
        old = self.person_fn.pop(pid, None)
        if old:
            self.fn_people[old].discard(pid)
            if not self.fn_people[old]:
                del self.fn_people[old]
        self.roots.discard(pid)
        if p is None:
            return old, None
        if not p.manager:
            self.roots.add(pid)
        new = p.function or _role_fn(self.doc.role(p.role))
        self.person_fn[pid] = new
        if new:
            self.fn_people[new].add(pid)
        return old, new

    def set_mission(self, tid: str, old: str | None, new: str | None) -> None:
        if old is not None:
            key = norm_mission(old)
            self.missions[key].discard(tid)
            if not self.missions[key]:
                del self.missions[key]
        if new is not None:
            self.missions[norm_mission(new)].add(tid)


def _role_fn(role: Any) -> str | None:
    return (role.function or None) if role is not None else None
