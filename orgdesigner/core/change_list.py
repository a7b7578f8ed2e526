"""The change list and the change marks of a comparison: what a diff reads like.

:func:`change_groups` puts a :class:`~orgdesigner.core.diff.Diff` in reading
order: moves, added, removed, changes by kind, document settings and the
findings only one side has, each row a sentence with the entity it is about.
:func:`change_marks` says which entities to highlight on each side of one view
and why (moved, added, removed, changed). Both are pure: the compare window shows them,
the tests read them without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .diff import (
    ARROW,
    KIND_LABELS,
    KINDS,
    Diff,
    EntityChange,
    entity_summary,
    field_changes,
    field_label,
    kind_word,
    value_text,
)
from .model import Document

# Fields of a person that a move is about (the Moves group); other changed fields are listed
# as changes of their own.
MOVE_FIELDS = ("team", "manager", "functional_manager")
# The ways an entity can differ between the sides, as the marks call them.
STATUSES = ("moved", "added", "removed", "changed")
# The views a comparison is drawn in.
VIEWS = ("people", "teams", "functions")
# The fields that give an entity its place in each view: when one of them changes, the
# entity is "moved" there; when only others change, it is "changed". A person's
# functional manager places their card in the Functions view, not in the People view.
PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "people": {"person": ("manager", "team")},
    "teams": {"person": ("team",), "team": ("parent",)},
    "functions": {"person": ("functional_manager", "function", "role")},
}
# The kinds of entity each view draws (a team's people as chips on its card, a function as
# its column's head); only these are marked there.
DRAWN: dict[str, tuple[str, ...]] = {
    "people": ("person",),
    "teams": ("team", "person"),
    "functions": ("function", "person"),
}
# What "moved" means in each view, for the legend.
MOVED_MEANS = {
    "people": "new line manager or team",
    "teams": "new team, or a team under a new parent",
    "functions": "new function or functional manager",
}


# -- what is highlighted where -------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """How one entity is highlighted on one side: status and a sentence for the tooltip."""

    status: str
    text: str


def _placed(d: Diff, c: EntityChange, view: str) -> bool:
    """Whether ``c``'s change gives it a new place in ``view`` (a move there)."""
    fields = PLACES.get(view, {}).get(c.kind, ())
    moved = [k for k in fields if k in c.fields]
    if view == "functions" and moved == ["role"]:
        # A new role moves a card only when it brings another function.
        a, b = d.docs.get("a"), d.docs.get("b")
        pa, pb = (a.person(c.id) if a else None), (b.person(c.id) if b else None)
        return bool(a and b and pa and pb and a.function_of(pa) != b.function_of(pb))
    return bool(moved)


def change_marks(d: Diff, view: str = "people") -> dict[str, dict[str, Mark]]:
    """For each side (``"a"``, ``"b"``), the entities to highlight in ``view``: ID -> Mark.

    Only what changed and is drawn in the view (see :data:`DRAWN`) is marked,
    in the terms of the view: an entity whose place in this view changes (see
    :data:`PLACES`) is "moved", one with other changes "changed", both on both
    sides; added entities are marked only on B, removed ones only on A.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}")
    marks: dict[str, dict[str, Mark]] = {"a": {}, "b": {}}
    moved = {m.person: m for m in d.moves}
    drawn = DRAWN[view]
    for c in d.changed:
        if c.kind not in drawn:
            continue
        move = moved.get(c.id) if c.kind == "person" else None
        parts: list[str] = []
        if move is not None:
            parts.append(move.text)
            other = {k: v for k, v in c.fields.items() if k not in MOVE_FIELDS}
            if other:
                parts.append("Also: " + "; ".join(field_changes(d, _only(c, other), None)))
        else:
            parts.append(f"{c.name or c.id}: " + "; ".join(field_changes(d, c, None)))
        mark = Mark("moved" if _placed(d, c, view) else "changed", "\n".join(parts))
        marks["a"][c.id] = mark
        marks["b"][c.id] = mark
    # Added entities are drawn on B's side, removed ones on A's.
    for side, status, changes in (("b", "added", d.added), ("a", "removed", d.removed)):
        for c in changes:
            if c.kind not in drawn:
                continue
            summary = entity_summary(d, c, status, None, kind_said=True)
            label = entity_label(d, c, status)
            marks[side][c.id] = Mark(
                status,
                f"{status.capitalize()} in B: {label}" + (f" ({summary})" if summary else ""),
            )
    return marks


def mark_counts(marks: dict[str, dict[str, Mark]]) -> dict[str, int]:
    """How many entities each status marks (one seen on both sides counts once)."""
    counts = dict.fromkeys(STATUSES, 0)
    for side in ("a", "b"):
        for mark in marks[side].values():
            if side == "b" and mark.status in ("moved", "changed"):
                continue  # counted once, from A
            counts[mark.status] += 1
    return counts


def entity_label(d: Diff, c: EntityChange, which: str) -> str:
    """An added or removed entity by name, an open position called so."""
    name = c.name or c.id
    word = kind_word(c, which)
    return f"{name} ({word})" if word == "open position" and not name.startswith("Open") else name


def _only(c: EntityChange, fields: dict[str, tuple[Any, Any]]) -> EntityChange:
    return EntityChange(c.kind, c.id, fields, c.name)


@dataclass(frozen=True)
class Row:
    """One row of the change list: its sentence and the entity it is about."""

    text: str
    kind: str  # person, team, role, function, "" for none
    id: str  # "" when the row is about no one entity (document settings)
    tip: str = ""


def change_groups(d: Diff) -> list[tuple[str, list[Row]]]:
    """The change list in reading order: (group title, rows); empty groups are left out."""
    groups: list[tuple[str, list[Row]]] = []
    moved = {m.person for m in d.moves}
    if d.moves:
        groups.append(
            (f"Moves ({len(d.moves)})", [Row(m.text, "person", m.person) for m in d.moves])
        )
    for which, title in (("added", "Added (only in B)"), ("removed", "Removed (only in A)")):
        rows = []
        for kind in KINDS:
            for c in d.of_kind(which, kind):
                summary = entity_summary(d, c, which, kind_said=True)
                full = entity_summary(d, c, which, None, kind_said=True)
                head = f"{c.name or c.id} ({kind_word(c, which)})"
                rows.append(
                    Row(
                        head + (f": {summary}" if summary else ""),
                        kind,
                        c.id,
                        f"{head}: {full}",
                    )
                )
        if rows:
            groups.append((f"{title} ({len(rows)})", rows))
    for kind in KINDS:
        rows = []
        for c in d.of_kind("changed", kind):
            fields = c.fields
            if kind == "person" and c.id in moved:
                # The move already says it; list only what else changed.
                fields = {k: v for k, v in fields.items() if k not in MOVE_FIELDS}
                if not fields:
                    continue
            shown = _only(c, fields)
            rows.append(
                Row(
                    f"{c.name or c.id}: " + "; ".join(field_changes(d, shown)),
                    kind,
                    c.id,
                    f"{c.name or c.id}:\n" + "\n".join(field_changes(d, shown, None)),
                )
            )
        if rows:
            groups.append((f"{KIND_LABELS[kind]} changed ({len(rows)})", rows))
    if d.document:
        rows = []
        for k, (before, after) in d.document.items():
            short = (
                f"{field_label(k)}: {value_text(d, 'a', 'document', k, before)} {ARROW} "
                f"{value_text(d, 'b', 'document', k, after)}"
            )
            full = (
                f"{field_label(k)}: {value_text(d, 'a', 'document', k, before, None)} "
                f"{ARROW} {value_text(d, 'b', 'document', k, after, None)}"
            )
            rows.append(Row(short, "", "", full))
        groups.append((f"Document settings ({len(rows)})", rows))
    for side, title in (("a", "Findings only in A"), ("b", "Findings only in B")):
        only = d.findings_only(side)
        if only:
            rows = []
            for f in only:
                subject = f.subjects[0] if f.subjects else ""
                kind = entity_kind(d.docs.get(side), subject)
                sev = "waived" if f.waived else f.severity
                rows.append(Row(f"{sev}: {f.message}", kind, subject, f"{f.rule}: {f.message}"))
            groups.append((f"{title} ({len(rows)})", rows))
    return groups


def entity_kind(doc: Document | None, id_: str) -> str:
    """The kind of ``id_`` in ``doc`` ("" if it names nothing there)."""
    if doc is None or not id_:
        return ""
    return doc.kind_of(id_) or ""
    for kind in KINDS:
        if id_ in doc.by_id(kind):
            return kind
    return ""
