"""Generate the STO variant of an organisation, or the functional one, as a proposal.

:func:`transform` never changes its input: it returns a new document (a deep
copy, named e.g. "Product (STO variant)") that a designer compares with the
original before deciding to keep it. Nothing is added or removed: only team
models and people's line and functional managers change. Function leaders
keep the standards they own.

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

Service teams (a craft kept as a service organisation for the teams it serves)
are neither: they keep their model and their people's lines either way.

A change that would make a line-manager loop, or that has nobody to report
to (no owner, no leader), is skipped and recorded in ``notes``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .model import Document, Person, Team
from .ops import line_chain_contains

Model = Literal["sto", "functional"]
SUFFIXES: dict[str, str] = {"sto": " (STO variant)", "functional": " (functional variant)"}
_ANY_SUFFIX = re.compile(r" \((STO|functional) variant\)$")


@dataclass
class TransformResult:
    """The new document, and what could not be done (one sentence each)."""

    doc: Document
    notes: list[str] = field(default_factory=list)


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
    new.default_team_model = to
    for team in new.teams:
        if team.model != "service":
            team.model = to
    work = _Work(new)
    if to == "sto":
        work.to_sto()
    else:
        work.to_functional()
    new.forget_index()
    return TransformResult(new, work.notes)


class _Work:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.people = doc.by_id("person")
        self.notes: list[str] = []
        self.members: dict[str, list[Person]] = {}
        for p in doc.people:
            if p.team:
                self.members.setdefault(p.team, []).append(p)

    # -- helpers -----------------------------------------------------------------
    def name(self, pid: str | None) -> str:
        p = self.people.get(pid) if pid else None
        return self.doc.display_name(p) if p is not None else (pid or "nobody")

    def team_name(self, t: Team) -> str:
        return t.name or t.id

    def fn(self, pid: str | None) -> str | None:
        p = self.people.get(pid) if pid else None
        return self.doc.function_of(p) if p is not None else None

    def leader(self, fid: str | None) -> str | None:
        f = self.doc.function(fid)
        return f.leader if f is not None and f.leader in self.people else None

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
        """Make ``manager`` ``p``'s line manager unless that makes a loop; say so if it does."""
        if p.manager == manager:
            return False
        if manager == p.id or line_chain_contains(self.doc, manager, p.id):
            self.notes.append(
                f"{self.name(p.id)} still reports to {self.name(p.manager)}: "
                f"reporting to {self.name(manager)} ({why}) would make a loop"
            )
            return False
        p.manager = manager
        return True

    # -- to STO ------------------------------------------------------------------------
    def to_sto(self) -> None:
        teams = self.doc.by_id("team")
        owns_subteam = {
            t.owner for t in self.doc.teams if t.owner and t.parent and t.parent in teams
        }
        for t in self.top_down():
            if t.model == "service":
                continue
            owner = t.owner if t.owner in self.people else None
            parent = teams.get(t.parent) if t.parent else None
            if owner and parent is not None and parent.id != t.id:
                top = parent.owner if parent.owner in self.people else None
                if top and top != owner:
                    self.sto_line(self.people[owner], top, f"owner of {self.team_name(parent)}")
            members = [m for m in self.members.get(t.id, ()) if m.id != owner]
            if not members:
                continue
            if owner is None:
                self.notes.append(
                    f"{self.team_name(t)} has no owner"
                    f"{' in this document' if t.owner else ''}: its members' "
                    "lines are unchanged"
                )
                continue
            for m in members:
                if m.embedded or m.id in owns_subteam:
                    continue
                self.sto_line(m, owner, f"owner of {self.team_name(t)}")

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

    # -- to functional -------------------------------------------------------------------
    def to_functional(self) -> None:
        for t in self.top_down():
            if t.model == "service":
                continue
            members = self.members.get(t.id, ())
            owner = t.owner if t.owner in self.people else None
            if owner is None or not members:
                continue
            ofn = self.fn(owner)
            if not ofn:
                self.notes.append(
                    f"{self.team_name(t)}: its owner {self.name(owner)} has no "
                    "function, so its members' lines are unchanged"
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
                        self.notes.append(
                            f"{self.name(m.id)} stays with {self.name(m.manager)}: "
                            f"{self._fn_name(own)} has no leader to report to"
                        )
                    continue
                if (
                    self.report_to(m, target, f"their {self._fn_name(own)} line")
                    and m.functional_manager == target
                ):
                    m.functional_manager = None

    def _fn_name(self, fid: str) -> str:
        f = self.doc.function(fid)
        return (f.name or fid) if f is not None else fid


def cli_transform(a_path: str, to: str, out: str) -> int:
    """``orgdesigner transform A --to sto|functional --out B``: 0 written, 2 otherwise."""
    from . import io
    from .diff import diff

    if to not in SUFFIXES:
        print(f"orgdesigner: --to must be sto or functional, not {to!r}", file=sys.stderr)
        return 2
    try:
        same = Path(a_path).resolve() == Path(out).resolve()
    except OSError:
        same = False
    if same:
        print(
            f"orgdesigner: {out}: --out is the input file; write the variant to a new file",
            file=sys.stderr,
        )
        return 2
    try:
        doc = io.load(a_path)
    except io.LoadError as exc:
        print(f"orgdesigner: {exc}", file=sys.stderr)
        return 2
    result = transform_with_notes(doc, to)  # type: ignore[arg-type]
    try:
        io.save(result.doc, out)
    except io.SaveError as exc:
        print(f"orgdesigner: {exc}", file=sys.stderr)
        return 2
    churn = diff(doc, result.doc, findings=False).churn
    print(
        f"Wrote {out}: {result.doc.name}; {churn['line_manager']} "
        f"{'person changes' if churn['line_manager'] == 1 else 'people change'} line manager, "
        f"{churn['functional_manager']} functional manager."
    )
    for note in result.notes:
        print(f"note: {note}")
    return 0
