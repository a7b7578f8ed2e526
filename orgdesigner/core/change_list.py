"""The change list and the change marks of a comparison: what a diff reads like.

:func:`change_groups` puts a :class:`~orgdesigner.core.diff.Diff` in reading
order: moves, added, removed, changes by kind, document settings and the
findings only one side has, each row a sentence with the entity it is about.
:func:`change_marks` says which entities to highlight on each side and why
(moved, edited, added, removed). Both are pure: the compare window shows them,
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
    value_text,
)
from .model import Document

# Fields of a person that a move is about; other changed fields are "edited".
MOVE_FIELDS = ("team", "manager", "functional_manager")
# The ways an entity can differ between the sides, as the marks call them.
STATUSES = ("moved", "edited", "added", "removed")


# -- what is highlighted where -------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """How one entity is highlighted on one side: status and a sentence for the tooltip."""

    status: str
    text: str


def change_marks(d: Diff) -> dict[str, dict[str, Mark]]:
    """For each side (``"a"``, ``"b"``), the entities to highlight: ID -> :class:`Mark`.

    Moved people (new team, line or functional manager) and edited entities
    are marked on both sides; added ones only on B, removed ones only on A.
    """
    marks: dict[str, dict[str, Mark]] = {"a": {}, "b": {}}
    moved = {m.person: m for m in d.moves}
    for c in d.changed:
        other = {
            k: v
            for k, v in c.fields.items()
            if not (c.kind == "person" and c.id in moved and k in MOVE_FIELDS)
        }
        parts: list[str] = []
        if c.id in moved and c.kind == "person":
            status = "moved"
            parts.append(moved[c.id].text)
            if other:
                parts.append("Also: " + "; ".join(field_changes(d, _only(c, other), None)))
        else:
            status = "edited"
            parts.append(f"{c.name or c.id}: " + "; ".join(field_changes(d, c, None)))
        mark = Mark(status, "\n".join(parts))
        marks["a"][c.id] = mark
        marks["b"][c.id] = mark
    for c in d.added:
        summary = entity_summary(d, c, "added", None)
        marks["b"][c.id] = Mark(
            "added", f"New in B: {c.name or c.id}" + (f" ({summary})" if summary else "")
        )
    for c in d.removed:
        summary = entity_summary(d, c, "removed", None)
        marks["a"][c.id] = Mark(
            "removed", f"Not in B any more: {c.name or c.id}" + (f" ({summary})" if summary else "")
        )
    return marks


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
    for which, title in (("added", "Added in B"), ("removed", "Removed from A")):
        rows = []
        for kind in KINDS:
            for c in d.of_kind(which, kind):
                summary = entity_summary(d, c, which)
                full = entity_summary(d, c, which, None)
                rows.append(
                    Row(
                        f"{c.name or c.id} ({kind})" + (f": {summary}" if summary else ""),
                        kind,
                        c.id,
                        f"{c.name or c.id} ({kind}): {full}",
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
