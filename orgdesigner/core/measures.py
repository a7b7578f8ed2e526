"""Facts about a person the rules and the app both show: grade and leader load.

A leader's *load* adds up what competes for their time (RULES.md, LEADER-LOAD):
their direct reports, the people they coach as functional manager who do not
also report to them, the standards they own (each function and standard once),
and every team they own beyond the first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Document, Grade

if TYPE_CHECKING:
    from .rules.index import Index


@dataclass(frozen=True)
class LeaderLoad:
    """The four parts of a person's load, and their sum."""

    reports: int = 0
    coached: int = 0
    standards: int = 0
    extra_teams: int = 0

    @property
    def total(self) -> int:
        return self.reports + self.coached + self.standards + self.extra_teams

    def describe(self) -> str:
        """The parts in words: "12 direct reports, 4 coached, 5 standards, 1 extra team"."""
        return (
            f"{self.reports} direct report{'s' if self.reports != 1 else ''}, "
            f"{self.coached} more coached as functional manager, "
            f"{self.standards} standard{'s' if self.standards != 1 else ''} owned, "
            f"{self.extra_teams} team{'s' if self.extra_teams != 1 else ''} owned beyond the first"
        )


def person_grade(doc: Document, person_id: str | None) -> Grade | None:
    """The grade of a person (their level's grade on their role's ladder), or None."""
    p = doc.person(person_id)
    if p is None:
        return None
    gid = doc.grade_of(p)
    return next((g for g in doc.grades if g.id == gid), None) if gid else None


def leader_load(doc: Document, person_id: str, index: Index | None = None) -> LeaderLoad:
    """The load of one person. With the validator's ``index`` it costs only what the
    person touches; without, one pass over the document."""
    if index is None:
        return leader_loads(doc).get(person_id, LeaderLoad())
    people = doc.by_id("person")
    reports = [r for r in index.reports(person_id) if r != person_id]
    coached = sum(
        1
        for c in index.coached(person_id)
        if c in people and c != person_id and people[c].manager != person_id
    )
    standards = 0
    for fid in index.standards_owned(person_id):
        f = doc.function(fid)
        if f is not None:
            standards += sum(1 for v in f.standards.values() if v == person_id)
    teams = doc.by_id("team")
    owned = sum(1 for t in index.owned(person_id) if t in teams)
    return LeaderLoad(len(reports), coached, standards, max(0, owned - 1))


def leader_loads(doc: Document) -> dict[str, LeaderLoad]:
    """The load of everyone with any, in one pass over the document (for the Figures)."""
    people = doc.by_id("person")
    reports: Counter[str] = Counter()
    coached: Counter[str] = Counter()
    for p in doc.people:
        if p.manager and p.manager in people and p.manager != p.id:
            reports[p.manager] += 1
        fm = p.functional_manager
        if fm and fm in people and fm != p.id and fm != p.manager:
            coached[fm] += 1
    standards: Counter[str] = Counter()
    for f in doc.functions:
        for v in f.standards.values():
            if v and v in people:
                standards[v] += 1
    owned: Counter[str] = Counter(t.owner for t in doc.teams if t.owner and t.owner in people)
    out: dict[str, LeaderLoad] = {}
    for pid in reports.keys() | coached.keys() | standards.keys() | owned.keys():
        out[pid] = LeaderLoad(reports[pid], coached[pid], standards[pid], max(0, owned[pid] - 1))
    return out
