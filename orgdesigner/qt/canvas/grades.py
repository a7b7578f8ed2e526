"""Colour by grade: each card takes the colour of its person's grade (a team: its owner's).

Grades do not change what a chart shows, so the scene keeps the cards' grade
ranks current itself, and only while it colours by grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...core.model import Document

if TYPE_CHECKING:
    from .scene import ChartScene


def person_grades(doc: Document) -> dict[str, int]:
    """Person ID -> the rank of their grade (0 the most junior), for the graded people."""
    ranks = {g.id: i for i, g in enumerate(doc.grades)}
    if not ranks:
        return {}
    by_level: dict[tuple[str, str], int] = {}
    for r in doc.roles:
        for lv in r.levels:
            if lv.grade in ranks:
                by_level[(r.id, lv.code)] = ranks[lv.grade]  # type: ignore[index]
    out: dict[str, int] = {}
    for p in doc.people:
        if p.role and p.level:
            rank = by_level.get((p.role, p.level))
            if rank is not None:
                out[p.id] = rank
    return out


def grades_changed(changes: Iterable) -> bool:
    """Whether an edit can change someone's grade (or the scale itself)."""
    for c in changes:
        if c.kind == "document" and c.field in ("grades", None):
            return True
        if c.kind == "role" and c.field in ("levels", None):
            return True
        if c.kind == "person" and c.field in ("role", "level", None):
            return True
        if c.kind == "team" and c.field in ("owner", None):
            return True
    return False


def refresh_grades(scene: ChartScene) -> None:
    """Give every card the rank of its grade and repaint those that changed."""
    doc = scene.doc
    scene.style.grade_count = len(doc.grades)
    grades = person_grades(doc)
    teams = doc.by_id("team")
    changed = False
    for item in scene.cards.values():
        if item.kind == "person":
            rank = grades.get(item.ref)
        elif item.kind == "team":
            t = teams.get(item.ref)
            rank = grades.get(t.owner) if t is not None and t.owner else None
        else:
            rank = None
        if rank != item.grade:
            item.grade = rank
            item.update()
            changed = True
    if changed or scene.overview:
        scene._overview_recolour()
    scene.update()
