"""The graph index the rules read: who points at whom, kept current edit by edit.

Every reference field of the model is listed once in :data:`REFERENCES`. The
index holds the reverse of each (``reports`` of a manager, ``members`` of a
team, teams ``owned`` by a person...), built in one pass over the document and
then updated from the primitive :class:`~orgdesigner.core.ops.Change` records,
so an edit costs time in proportion to what it touched.

Questions about the shape of the trees are answered in linear time however
deep they are, and a check must ask them here rather than walk a chain of
parents or managers itself (per anchor, that walk is quadratic on a file of
thousands of nested teams): :meth:`Index.team_loop` (worked out once per team
until a parent changes), :meth:`Index.with_subteams` (sums over sub-teams,
bottom-up), :meth:`Index.unrelated_teams` (above or below, from one tree
order); for people, ``Run.cycle_of`` and ``Run.depth`` in the checks.
``team_ancestors`` and ``line_chain`` are for revalidation, which walks one
chain per edit.
"""

from __future__ import annotations

from bisect import bisect_right
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
        # The shape of the team tree, worked out once and kept until a parent changes:
        self._team_loop: dict[str, tuple[str, ...] | None] = {}  # the loop a team is on
        self._tour: tuple[dict[str, str], dict[str, int], dict[str, int]] | None = None
        # Cost of a team's people ("cost" summed, "uncosted" counted), own and with
        # sub-teams: caches dropped together with the function counts.
        self._team_cost: dict[str, Counter[Any]] = {}
        self._agg_cost: dict[str, Counter[Any]] = {}
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
        self.forget_team_shape()
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
        """Functions of a team's people with its sub-teams (cached until the team is touched)."""
        return self.with_subteams(tid, self.team_fns, self._agg_fns)

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
        c = self.with_subteams(tid, self.team_cost, self._agg_cost)
        return c.get("cost", 0), c.get("uncosted", 0)

    def with_subteams(
        self, tid: str, own: Callable[[str], Counter[Any]], sums: dict[str, Counter[Any]]
    ) -> Counter[Any]:
        """``own(team)`` summed over a team and all its sub-teams, bottom-up, each team once.

        ``sums`` keeps every team's sum; :meth:`invalidate_teams` must drop a touched
        team's entry and its ancestors' (as it does for the function counts). The
        teams of a parent loop are each other's sub-teams: they share one sum, of the
        loop's own and of every tree hanging below it, counted once. Iterative, so
        deep team trees never hit the recursion limit; linear over all teams asked.
        """
        c = sums.get(tid)
        if c is not None:
            return c
        stack: list[tuple[str, bool]] = [(tid, False)]
        seen = {tid}  # a guard only: never revisit, whatever the index holds
        while stack:
            cur, expanded = stack.pop()
            if cur in sums:
                continue
            group = self.team_loop(cur) or (cur,)
            # Teams below a loop or a tree team are on no loop: a loop team's parent is on it.
            below = [child for t in group for child in self.subteams(t) if child not in group]
            if expanded:
                total: Counter[Any] = Counter()
                for t in group:
                    total.update(own(t))
                for child in below:
                    total.update(sums.get(child, ()))
                for t in group:
                    sums[t] = total
                continue
            stack.append((cur, True))
            for child in below:
                if child not in sums and child not in seen:
                    seen.add(child)
                    stack.append((child, False))
        return sums[tid]

    def on_parent_loop(self, tid: str) -> bool:
        """True if ``tid`` is on a loop of parent teams (its chain comes back to it)."""
        return self.team_loop(tid) is not None

    def team_loop(self, tid: str) -> tuple[str, ...] | None:
        """The loop of parent teams ``tid`` is on, in parent order from the first team
        walked; None if it is on none. Every team's answer is worked out once
        (until a parent changes), so asking for all of them takes linear time."""
        memo = self._team_loop
        if tid in memo:
            return memo[tid]
        teams = self.doc.by_id("team")
        path: list[str] = []
        pos: dict[str, int] = {}
        cur: str | None = tid
        while cur and cur in teams and cur not in memo and cur not in pos:
            pos[cur] = len(path)
            path.append(cur)
            cur = teams[cur].parent
        if cur in pos:  # walked back into this path: a loop from pos[cur] on
            loop = tuple(path[pos[cur] :])
            for member in loop:
                memo[member] = loop
            path = path[: pos[cur]]
        for member in path:
            memo[member] = None
        return memo.get(tid)

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

    def unrelated_teams(self, tids: Iterable[str]) -> set[str]:
        """The teams of ``tids`` that are neither above nor below some other of them.

        Team A is above B when A is on B's chain of parent teams (the teams of a
        loop are all above each other). One sweep in tree order: O(k log k) for
        k teams, however deep the tree, once the tree order is known.
        """
        node, first, last = self._team_tour()
        items = sorted((t for t in set(tids) if t in node), key=lambda t: first[node[t]])
        starts = [first[node[t]] for t in items]
        out: set[str] = set()
        open_: list[tuple[int, int]] = []  # teams above the current one: (their last, count)
        above = 0
        i = 0
        while i < len(items):
            n = node[items[i]]
            j = i
            while j < len(items) and node[items[j]] == n:
                j += 1  # the same loop: above each other
            while open_ and open_[-1][0] < first[n]:
                above -= open_.pop()[1]
            below = bisect_right(starts, last[n]) - j
            if above + (j - i) + below != len(items):
                out.update(items[i:j])
            open_.append((last[n], j - i))
            above += j - i
            i = j
        return out

    def _team_tour(self) -> tuple[dict[str, str], dict[str, int], dict[str, int]]:
        """Each team's node (a loop's teams share one, named by its smallest ID), and
        each node's first and last position in a depth-first walk of the team tree:
        B is below A exactly when first[A] < first[B] <= last[A]."""
        if self._tour is not None:
            return self._tour
        teams = self.doc.by_id("team")
        node: dict[str, str] = {}
        for tid in teams:
            loop = self.team_loop(tid)
            node[tid] = min(loop) if loop else tid
        children: dict[str, list[str]] = defaultdict(list)
        roots: list[str] = []
        for tid, team in teams.items():
            if node[tid] != tid:
                continue  # a loop's other teams: the loop is one node, named by its first
            parent = team.parent if self._team_loop[tid] is None else None  # none above a loop
            if parent and parent in teams:
                children[node[parent]].append(tid)
            else:
                roots.append(tid)
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        clock = 0
        stack: list[tuple[str, bool]] = [(r, False) for r in reversed(roots)]
        while stack:
            cur, done = stack.pop()
            if done:
                last[cur] = clock - 1
                continue
            first[cur] = clock
            clock += 1
            stack.append((cur, True))
            stack.extend((c, False) for c in reversed(children.get(cur, ())))
        self._tour = (node, first, last)
        return self._tour

    def forget_team_shape(self) -> None:
        """Drop what was worked out about the team tree (a parent changed)."""
        self._team_loop.clear()
        self._tour = None

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
        if kind == "team" and field_name == "parent":
            self.forget_team_shape()  # also when a team comes or goes (link/unlink)
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
