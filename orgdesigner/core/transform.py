"""Generate the STO variant of an organisation, or the functional one, as a proposal.

:func:`transform` never changes its input: it returns a new document (a deep
copy, named e.g. "Product (STO variant)") that a designer compares with the
original before deciding to keep it. Nothing is removed: team models and
people's line and functional managers change, and open positions are added
only where a policy below calls for one. Function leaders keep the standards
they own.

To ``sto`` (single-threaded owners)
  - Every team's model is set to ``sto`` explicitly (teams that used the
    document's default too), and the document's default becomes ``sto``.
  - Each member of a team (``team`` is the team), other than its owner, whose
    line manager is not the owner now reports to the owner.
  - The owner of a sub-team now reports to the owner of its parent team (an
    STO of STOs). For a person who owns a sub-team this takes precedence over
    the member rule (the two agree when the owner sits in the parent team).
  - Whoever gets a new line manager of another function than their own, and
    had no functional manager, keeps their craft line: their former line
    manager becomes their functional manager when of their own function, else
    their function's leader. When the owner is of their own function, the line
    manager already is their coach and no functional manager is added.
  - Exception: members marked ``embedded: true`` are left as they are (a
    documented exception, such as principal engineers reporting to the CTO).

To ``functional`` (the three-legged stool)
  - Every team's model is set to ``functional``, and so is the default.
  - Members whose function differs from the owner's (product, design...) and
    whose line manager is not of their own function now report to their
    functional manager when that person is of their own function, else to
    their function's leader. A functional manager equal to the new line
    manager is cleared. Members of the owner's function (the engineers) stay
    with the owner; owners' lines are unchanged; embedded members are left
    as they are; a team whose owner has no function is left as it is.

Policies that keep the draft one a designer can accept (each is recorded as a
:class:`Decision` with its reason; ``orgdesigner transform --explain`` prints them):

- Never repair what the transform is not about. A person on a line-manager
  loop, or whose line manager is not in the organisation, keeps their line;
  the decision says so, and the validator still reports the problem.
- One person, one line. Someone who owns teams under two parents with
  different owners can report to only one of them: they stay on the line of
  their home team (the owned team they are on, else the parent owner they
  report to already, else the first team in the tree), and the other parent
  keeps its model rather than become a single-threaded team that breaks
  STO-REPORTS. A draft never brings an error finding the original did not have.
- Never push a manager over ``span_max`` (to functional). When the people
  moving to a manager would take them over the limit, a manager position of
  the people's craft opens under that manager, one per team, and the movers
  report to it.
- Missing legs become open positions of the right role: a team with members
  and no owner gets an owner position (to STO, a team that was not on STO
  already keeps its model until the position is filled, since a team owned by
  a vacancy breaks STO-OWNER); an STO team lacking a required craft
  (STO-CROSS-FUNCTIONAL) or a functional team lacking a leg of the stool
  (STOOL-TRIAD) gets a position of the craft's most used role, when the craft
  has a leader.
- Function heads who lose their line reports stay their craft's functional
  managers; the decisions (and the transition plan) say so.

Service teams (a craft kept as a service organisation for the teams it serves)
are neither: they keep their model and their people's lines either way.

A change that would make a line-manager loop, or that has nobody to report
to (no owner, no leader), is skipped and recorded in ``notes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .model import Document, Person, Team
from .ops import line_chain_contains, new_id
from .rules import effective_params

Model = Literal["sto", "functional"]
SUFFIXES: dict[str, str] = {"sto": " (STO variant)", "functional": " (functional variant)"}
_ANY_SUFFIX = re.compile(r" \((STO|functional) variant\)$")


@dataclass(frozen=True)
class Decision:
    """One decision of the transform: what it did (or left as it was) and why.

    ``left`` marks something not done that the designer should look at.
    """

    text: str
    reason: str
    subjects: tuple[str, ...] = ()
    left: bool = False

    def __str__(self) -> str:
        return f"{self.text}: {self.reason}" if self.reason else self.text


@dataclass
class TransformResult:
    """The new document and the decisions taken, with their reasons."""

    doc: Document
    decisions: list[Decision] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        """What could not be done, one sentence each."""
        return [str(d) for d in self.decisions if d.left]


def transform(doc: Document, to: Model) -> Document:
    """A new document: ``doc`` with every team on model ``to`` and people's lines to match."""
    return transform_with_notes(doc, to).doc


def transform_with_notes(doc: Document, to: Model) -> TransformResult:
    """Like :func:`transform`, also returning the notes on changes that were skipped."""
    if to not in SUFFIXES:
        raise ValueError(f"unknown team model {to!r} (expected sto or functional)")
    new = doc.model_copy(deep=True)
    new.forget_index()
    new.name = _ANY_SUFFIX.sub("", new.name) + SUFFIXES[to] if new.name else SUFFIXES[to].strip()
    original: dict[str, str] = {t.id: doc.model_of(t) for t in doc.teams}
    new.default_team_model = to
    work = _Work(new)
    kept = work.kept_models(to, original)
    for team in new.teams:
        # Service teams are neither model: they keep theirs either way.
        if team.id in kept or team.model == "service":
            team.model = original[team.id]  # type: ignore[assignment]
        else:
            team.model = to
    if to == "sto":
        work.to_sto(kept)
    else:
        work.to_functional()
    work.open_missing_legs(to, kept, original)
    work.heads_without_reports(doc)
    new.forget_index()
    _no_new_errors(doc, new, work)
    return TransformResult(new, work.decisions)


def _no_new_errors(before: Document, after: Document, work: _Work) -> None:
    """Say so if the draft has an error finding the original has not (the policies above
    are there to prevent it; this is the last check)."""
    from .rules import validate

    def errors(doc: Document) -> dict[tuple[str, tuple[str, ...]], str]:
        return {
            (f.rule, f.subjects): f.message
            for f in validate(doc).findings
            if f.severity == "error" and not f.waived
        }

    had = errors(before)
    for key, message in errors(after).items():
        if key not in had:
            work.decide(
                f"This draft has an error the original has not: {message}",
                f"{key[0]}; look at it before keeping the draft",
                *key[1],
                left=True,
            )


class _Work:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.people = doc.by_id("person")
        self.decisions: list[Decision] = []
        self.members: dict[str, list[Person]] = {}
        for p in doc.people:
            if p.team:
                self.members.setdefault(p.team, []).append(p)
        self.span_max = effective_params(doc.rules)["span_max"]
        self.broken = self._broken_lines()
        self._told: set[str] = set()

    # -- helpers -----------------------------------------------------------------
    def decide(self, text: str, reason: str, *subjects: str, left: bool = False) -> None:
        self.decisions.append(Decision(text, reason, tuple(subjects), left))

    def name(self, pid: str | None) -> str:
        return self.doc.entity_name("person", pid)

    def team_name(self, t: Team) -> str:
        return t.name or t.id

    def fn(self, pid: str | None) -> str | None:
        p = self.people.get(pid) if pid else None
        return self.doc.function_of(p) if p is not None else None

    def leader(self, fid: str | None) -> str | None:
        f = self.doc.function(fid)
        return f.leader if f is not None and f.leader in self.people else None

    def _fn_name(self, fid: str) -> str:
        return self.doc.entity_name("function", fid)

    def _broken_lines(self) -> dict[str, str]:
        """People whose line is broken (on a loop, or their manager is missing): why, by ID."""
        out: dict[str, str] = {}
        state: dict[str, int] = {}  # 1 on the current path, 2 done
        for start in self.people:
            path: list[str] = []
            cur: str | None = start
            while cur and cur in self.people and cur not in state:
                state[cur] = 1
                path.append(cur)
                cur = self.people[cur].manager
            if cur and cur in self.people and state.get(cur) == 1:
                loop = path[path.index(cur) :]
                names = " \u2192 ".join(self.name(x) for x in [*loop, loop[0]])
                for x in loop:
                    out[x] = f"their line managers loop ({names})"
            for x in path:
                state[x] = 2
        for p in self.doc.people:
            if p.manager and p.manager not in self.people:
                out[p.id] = f"their line manager {p.manager!r} is not in the organisation"
        return out

    def top_down(self) -> list[Team]:
        """Teams with every parent before its sub-teams; teams on a parent loop last."""
        teams = self.doc.by_id("team")
        children: dict[str, list[Team]] = {}
        roots: list[Team] = []
        for t in self.doc.teams:
            if t.parent and t.parent in teams and t.parent != t.id:
                children.setdefault(t.parent, []).append(t)
            else:
                roots.append(t)
        order: list[Team] = []
        seen: set[str] = set()
        stack = list(reversed(roots))
        while stack:
            t = stack.pop()
            if t.id in seen:
                continue
            seen.add(t.id)
            order.append(t)
            stack.extend(reversed(children.get(t.id, [])))
        order += [t for t in self.doc.teams if t.id not in seen]
        return order

    def report_to(self, p: Person, manager: str, why: str) -> bool:
        """Make ``manager`` ``p``'s line manager unless that makes a loop or repairs a
        broken line; say so if it does not."""
        if p.manager == manager:
            return False
        if p.id in self.broken:
            if p.id not in self._told:
                self._told.add(p.id)
                self.decide(
                    f"{self.name(p.id)} keeps their line as it is",
                    f"{self.broken[p.id]}; the transform does not repair that (the validator "
                    "reports it): fix it, then generate again",
                    p.id,
                    left=True,
                )
            return False
        if manager == p.id or line_chain_contains(self.doc, manager, p.id):
            self.decide(
                f"{self.name(p.id)} still reports to {self.name(p.manager)}",
                f"reporting to {self.name(manager)} ({why}) would make a loop",
                p.id,
                left=True,
            )
            return False
        was = p.manager
        p.manager = manager
        self.decide(
            f"{self.name(p.id)} now reports to {self.name(manager)}"
            + (f" (was {self.name(was)})" if was else ""),
            why,
            p.id,
        )
        return True

    # -- one person, one line ----------------------------------------------------------
    def kept_models(self, to: str, original: dict[str, str]) -> set[str]:
        """Parent teams that keep their model: switching them to STO would ask an owner
        of teams in two areas to report to two people."""
        if to != "sto":
            return set()
        teams = self.doc.by_id("team")
        kept: set[str] = set()
        # A broken line the transform will not repair must not turn into STO-REPORTS.
        for t in self.doc.teams:
            if original.get(t.id) == "sto":
                continue
            stuck = [
                m
                for m in self.members.get(t.id, ())
                if m.id in self.broken and m.id != t.owner and not m.embedded
            ]
            stuck += [
                self.people[sub.owner]
                for sub in self.doc.teams
                if sub.parent == t.id and sub.owner in self.broken and sub.owner != t.owner
            ]
            if stuck:
                kept.add(t.id)
                who = ", ".join(sorted({self.name(m.id) for m in stuck}))
                self.decide(
                    f"{self.team_name(t)} keeps the {original[t.id]} model",
                    f"the line of {who} is broken ({self.broken[stuck[0].id]}) and the "
                    "transform does not repair it; on a single-threaded team that would "
                    "add an STO-REPORTS error. Fix the line, then generate again",
                    t.id,
                    *(m.id for m in stuck),
                    left=True,
                )
        order = {t.id: i for i, t in enumerate(self.top_down())}
        owned: dict[str, list[Team]] = {}
        for t in self.doc.teams:
            if t.owner in self.people and t.parent in teams and t.parent != t.id:
                owned.setdefault(t.owner, []).append(t)  # type: ignore[arg-type]
        for pid, ts in owned.items():
            by_owner: dict[str, list[Team]] = {}
            for t in sorted(ts, key=lambda t: order.get(t.id, 0)):
                up = teams[t.parent].owner
                if up in self.people and up != pid:
                    by_owner.setdefault(up, []).append(t)
            if len(by_owner) < 2:
                continue
            p = self.people[pid]
            home = next((t for t in ts if t.id == p.team and t in sum(by_owner.values(), [])), None)
            why = f"{self.team_name(home)} is the team they are on" if home is not None else ""
            if home is None and p.manager in by_owner:
                home = by_owner[p.manager][0]
                why = f"they report to {self.name(p.manager)} already"
            if home is None:
                home = next(iter(by_owner.values()))[0]
                why = f"{self.team_name(home)} comes first in the team tree"
            home_owner = teams[home.parent].owner
            for up, others in by_owner.items():
                if up == home_owner:
                    continue
                for t in others:
                    parent = teams[t.parent]
                    if original.get(parent.id) == "sto" or parent.id in kept:
                        continue
                    kept.add(parent.id)
                    self.decide(
                        f"{self.team_name(parent)} keeps the {original[parent.id]} model",
                        f"{self.name(pid)} owns {self.team_name(home)} (under "
                        f"{self.team_name(teams[home.parent])}) and {self.team_name(t)} (under "
                        f"{self.team_name(parent)}) and can report to only one owner: they stay "
                        f"with {self.name(home_owner)} because {why}. Give "
                        f"{self.team_name(t)} an owner of its own, then generate again",
                        pid,
                        parent.id,
                        t.id,
                        left=True,
                    )
        return kept

    # -- to STO ------------------------------------------------------------------------
    def to_sto(self, kept: set[str]) -> None:
        teams = self.doc.by_id("team")
        owns_subteam = {
            t.owner
            for t in self.doc.teams
            if t.owner and t.parent and t.parent in teams and t.parent not in kept
        }
        for t in self.top_down():
            if t.model == "service":
                continue
            owner = t.owner if t.owner in self.people else None
            parent = teams.get(t.parent) if t.parent else None
            if owner and parent is not None and parent.id != t.id and parent.id not in kept:
                top = parent.owner if parent.owner in self.people else None
                if top and top != owner:
                    self.sto_line(
                        self.people[owner],
                        top,
                        f"an STO of STOs: the owner of {self.team_name(t)} reports to the owner "
                        f"of its parent {self.team_name(parent)}",
                    )
            if t.id in kept:
                continue
            members = [m for m in self.members.get(t.id, ()) if m.id != owner]
            if not members or owner is None:
                continue
            for m in members:
                if m.id in owns_subteam:
                    continue
                if m.embedded:
                    if m.manager != owner:
                        self.decide(
                            f"{self.name(m.id)} stays with {self.name(m.manager)}",
                            f"embedded on {self.team_name(t)}: a documented exception",
                            m.id,
                        )
                    continue
                self.sto_line(
                    m, owner, f"on an STO team everyone reports to its owner ({self.team_name(t)})"
                )

    def sto_line(self, p: Person, owner: str, why: str) -> None:
        former = p.manager
        if not self.report_to(p, owner, why):
            return
        own = self.fn(p.id)
        if p.functional_manager or not own or self.fn(owner) == own:
            return
        coach = former if former in self.people and self.fn(former) == own else self.leader(own)
        if coach and coach not in (p.id, owner):
            p.functional_manager = coach
            self.decide(
                f"{self.name(coach)} becomes {self.name(p.id)}'s functional manager",
                f"{self.name(owner)} is of another craft; {self._fn_name(own)} keeps its "
                "standards through "
                + ("their former line manager" if coach == former else "its leader"),
                p.id,
            )

    # -- to functional -------------------------------------------------------------------
    def to_functional(self) -> None:
        moves: list[tuple[Person, str, str, Team]] = []
        for t in self.top_down():
            if t.model == "service":
                continue
            members = self.members.get(t.id, ())
            owner = t.owner if t.owner in self.people else None
            if owner is None or not members:
                continue
            ofn = self.fn(owner)
            if not ofn:
                self.decide(
                    f"{self.team_name(t)}: its members' lines are unchanged",
                    f"its owner {self.name(owner)} has no function, so no craft is the team's own",
                    t.id,
                    left=True,
                )
                continue
            for m in members:
                if m.id == owner or m.embedded:
                    continue
                own = self.fn(m.id)
                if not own or own == ofn or self.fn(m.manager) == own:
                    continue
                fm = m.functional_manager
                target = fm if fm in self.people and self.fn(fm) == own else self.leader(own)
                if not target or target == m.id:
                    if target != m.id:
                        self.decide(
                            f"{self.name(m.id)} stays with {self.name(m.manager)}",
                            f"{self._fn_name(own)} has no leader to report to",
                            m.id,
                            left=True,
                        )
                    continue
                moves.append((m, target, own, t))
        self._move_within_span(moves)

    def _move_within_span(self, moves: list[tuple[Person, str, str, Team]]) -> None:
        """Carry out the functional moves; open manager positions where a manager would
        go over ``span_max``."""
        count = self.report_counts()
        incoming: dict[str, list[tuple[Person, str, Team]]] = {}
        for m, target, own, t in moves:
            incoming.setdefault(target, []).append((m, own, t))
            if m.manager:
                count[m.manager] = count.get(m.manager, 0) - 1
        limit = self.span_max
        for target, group in incoming.items():
            final = count.get(target, 0) + len(group)
            if limit is None or final <= limit:
                for m, own, _ in group:
                    self.functional_line(m, target, own)
                continue
            by_fn: dict[str, list[tuple[Person, Team]]] = {}
            for m, own, t in group:
                by_fn.setdefault(own, []).append((m, t))
            for own, people in by_fn.items():
                role = self.role_for(own, manager=True)
                if role is None:
                    for m, _ in people:
                        self.functional_line(m, target, own)
                    self.decide(
                        f"{self.name(target)} will have {final} direct reports",
                        f"more than span_max ({limit}), and {self._fn_name(own)} has no "
                        "people-manager role to open a position with",
                        target,
                        left=True,
                    )
                    continue
                # Whole teams first (largest first), then the rest together, only as
                # many positions as it takes to stay within the span.
                by_team: dict[str, list[tuple[Person, Team]]] = {}
                for m, t in people:
                    by_team.setdefault(t.id, []).append((m, t))
                teams = sorted(by_team.values(), key=len, reverse=True)
                chunks: list[list[tuple[Person, Team]]] = []
                rest: list[tuple[Person, Team]] = []
                for movers in teams:
                    if final > limit and len(movers) > 1:
                        for chunk in _chunks(movers, limit):
                            chunks.append(chunk)
                            final -= len(chunk) - 1
                    else:
                        rest += movers
                if final > limit and len(rest) > 1:
                    for chunk in _chunks(rest, limit):
                        if final <= limit:
                            break
                        chunks.append(chunk)
                        final -= len(chunk) - 1
                pooled = {id(m) for c in chunks for m, _ in c}
                for m, _ in rest:
                    if id(m) not in pooled:
                        self.functional_line(m, target, own)
                for chunk in chunks:
                    self.manager_position(
                        target, own, role, chunk, count.get(target, 0) + len(group), limit
                    )

    def manager_position(
        self,
        target: str,
        own: str,
        role: str,
        chunk: list[tuple[Person, Team]],
        would: int,
        limit: int,
    ) -> None:
        """Open a manager position under ``target`` and move ``chunk`` under it."""
        teams = {t.id for _, t in chunk}
        team = chunk[0][1] if len(teams) == 1 else None
        vacancy = self.open_position(role, team=team.id if team else None, manager=target)
        for m, _ in chunk:
            self.functional_line(m, vacancy.id, own)
        where = f" for {self.team_name(team)}" if team else ""
        self.decide(
            f"Open a position: {self.doc.display_name(vacancy)}{where}, reporting "
            f"to {self.name(target)}; "
            + ", ".join(self.name(m.id) for m, _ in chunk)
            + " report to it",
            f"{self.name(target)} would have {would} direct reports, more than span_max ({limit})",
            vacancy.id,
            target,
        )

    def report_counts(self) -> dict[str, int]:
        count: dict[str, int] = {}
        for p in self.doc.people:
            if p.manager:
                count[p.manager] = count.get(p.manager, 0) + 1
        return count

    def functional_line(self, m: Person, target: str, own: str) -> None:
        if (
            self.report_to(
                m,
                target,
                f"on the three-legged stool each craft reports up its own line "
                f"({self._fn_name(own)})",
            )
            and m.functional_manager == target
        ):
            m.functional_manager = None

    # -- open positions ------------------------------------------------------------------
    def role_for(self, fid: str, *, manager: bool) -> str | None:
        """The most used role of craft ``fid`` (a people-manager one when ``manager``)."""
        used: dict[str, int] = {}
        for p in self.doc.people:
            if p.role:
                used[p.role] = used.get(p.role, 0) + 1
        best = [
            r for r in self.doc.roles if r.function == fid and bool(r.people_manager) == manager
        ]
        if not best:
            return None
        return max(best, key=lambda r: used.get(r.id, 0)).id

    def open_position(self, role: str, *, team: str | None, manager: str | None) -> Person:
        vacancy = Person(
            id=new_id(self.doc, "person", f"open-{role}"),
            role=role,
            team=team,
            manager=manager,
            vacant=True,
        )
        self.doc.people.append(vacancy)
        self.doc.by_id("person")[vacancy.id] = vacancy
        if team:
            self.members.setdefault(team, []).append(vacancy)
        return vacancy

    def open_missing_legs(self, to: str, kept: set[str], original: dict[str, str]) -> None:
        """Teams with members and no owner get an owner position; teams missing a craft they
        need get a position of that craft."""
        doc = self.doc
        owner_roles: dict[str, int] = {}
        for t in doc.teams:
            o = self.people.get(t.owner) if t.owner else None
            r = doc.role(o.role) if o is not None else None
            if r is not None and r.people_manager:
                owner_roles[r.id] = owner_roles.get(r.id, 0) + 1
        for t in self.top_down():
            if t.owner or not self.members.get(t.id):
                continue
            if not owner_roles:
                self.decide(
                    f"{self.team_name(t)} has no owner",
                    "there is no people-manager role held by an owner to open a position with",
                    t.id,
                    left=True,
                )
                continue
            role = max(owner_roles, key=lambda r: owner_roles[r])
            parent = doc.team(t.parent) if t.parent else None
            up = parent.owner if parent is not None and parent.owner in self.people else None
            vacancy = self.open_position(role, team=t.id, manager=up)
            t.owner = vacancy.id
            if to == "sto" and original.get(t.id) != "sto":
                t.model = original[t.id]  # type: ignore[assignment]
                kept.add(t.id)
                extra = (
                    f"; {self.team_name(t)} keeps the {original[t.id]} model until the "
                    "position is filled (a team owned by a vacancy breaks STO-OWNER)"
                )
            else:
                extra = ""
                if to == "sto":
                    for m in self.members.get(t.id, ()):
                        if m.id != vacancy.id and not m.embedded:
                            self.sto_line(m, vacancy.id, f"the new owner of {self.team_name(t)}")
            self.decide(
                f"Open a position: owner of {self.team_name(t)} ({doc.display_name(vacancy)})",
                f"{self.team_name(t)} has members and no owner" + extra,
                vacancy.id,
                t.id,
            )
        self.open_missing_crafts(to, kept)

    def open_missing_crafts(self, to: str, kept: set[str]) -> None:
        doc = self.doc
        params = effective_params(doc.rules)
        fns: dict[str, dict[str, int]] = {}
        for t in doc.teams:
            c = fns.setdefault(t.id, {})
            people = [m.id for m in self.members.get(t.id, ())]
            if t.owner and t.owner in self.people and t.owner not in people:
                people.append(t.owner)
            for pid in people:
                f = self.fn(pid)
                if f:
                    c[f] = c.get(f, 0) + 1
        teams = doc.by_id("team")
        order = self.top_down()
        with_sub: dict[str, dict[str, int]] = {t.id: dict(fns[t.id]) for t in order}
        seen_loop: set[str] = set()
        for t in reversed(order):  # sub-teams first
            if t.parent in teams and t.parent != t.id and t.parent not in seen_loop:
                seen_loop.add(t.id)
                for f, n in with_sub[t.id].items():
                    up = with_sub.setdefault(t.parent, {})  # type: ignore[arg-type]
                    up[f] = up.get(f, 0) + n
        staffed = {f for p in doc.people for f in [self.fn(p.id)] if f}
        count = self.report_counts()
        limit = self.span_max
        for t in reversed(order):
            model = doc.model_of(t)
            if t.id in kept or not self.members.get(t.id) or model != to:
                continue
            if model == "sto":
                needed = t.required_functions
                needed = params["required_functions"] if needed is None else needed
                present = with_sub[t.id]
                rule = (
                    "STO-CROSS-FUNCTIONAL: a single-threaded team needs every craft it ships with"
                )
            else:
                needed = t.required_functions
                needed = params["triad"] if needed is None else needed
                present = fns[t.id]
                rule = "STOOL-TRIAD: a team on the stool stands on its three legs"
            for f in needed:
                if present.get(f):
                    continue
                role = self.role_for(f, manager=False)
                leader = self.leader(f)
                if role is None or (f not in staffed and leader is None):
                    continue  # nobody could fill or coach it: the finding stays
                owner = t.owner if t.owner in self.people else None
                manager = owner if model == "sto" else leader
                if (
                    manager is not None
                    and manager == leader
                    and limit is not None
                    and count.get(manager, 0) >= limit
                    and owner is not None
                ):
                    manager = owner  # the leader is full: the owner leads, the leader coaches
                vacancy = self.open_position(role, team=t.id, manager=manager)
                if manager:
                    count[manager] = count.get(manager, 0) + 1
                if leader and leader != manager:
                    vacancy.functional_manager = leader
                present[f] = 1
                cur: Team | None = t
                hops: set[str] = set()
                while cur is not None and cur.id not in hops:
                    hops.add(cur.id)
                    up = with_sub.setdefault(cur.id, {})
                    up[f] = up.get(f, 0) + 1
                    cur = teams.get(cur.parent) if cur.parent else None
                self.decide(
                    f"Open a position: {doc.display_name(vacancy)} on {self.team_name(t)}"
                    + (f", reporting to {self.name(manager)}" if manager else ""),
                    f"{self.team_name(t)} has no {self._fn_name(f)} ({rule})",
                    vacancy.id,
                    t.id,
                )

    # -- what the plan also says -----------------------------------------------------------
    def heads_without_reports(self, before: Document) -> None:
        """Leaders who had line reports and have none now, but still coach their craft."""
        had = {p.manager for p in before.people if p.manager}
        has = {p.manager for p in self.doc.people if p.manager}
        coached: dict[str, int] = {}
        for p in self.doc.people:
            if p.functional_manager:
                coached[p.functional_manager] = coached.get(p.functional_manager, 0) + 1
        for pid in sorted(had - has, key=lambda x: self.name(x)):
            if pid not in self.people:
                continue
            n = coached.get(pid, 0)
            led = [f.name or f.id for f in self.doc.functions if f.leader == pid]
            if n:
                self.decide(
                    f"{self.name(pid)} no longer has line reports and stays functional manager "
                    f"of {n} {'person' if n == 1 else 'people'}",
                    (f"as leader of {', '.join(led)}, " if led else "")
                    + "they keep their craft's standards while the teams' owners lead the work",
                    pid,
                )
            else:
                self.decide(
                    f"{self.name(pid)} no longer has line reports",
                    "their people now report up their own crafts' lines; they stay the "
                    "owner of what they own",
                    pid,
                )


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), max(1, size))]
