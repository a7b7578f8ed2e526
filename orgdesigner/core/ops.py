"""Edit operations: every change to a document, each with its inverse.

An operation is a small immutable value. ``op.apply(doc)`` changes the document
and returns an :class:`Applied` holding the operation that undoes it and the
list of primitive :class:`Change` records (what the validator and the views
need to refresh). Applying the inverse returns the redo operation, so undo and
redo are the same mechanism. The Qt layer wraps each operation in one labelled
QUndoCommand; tests exercise them without Qt.

A change that would break the structure (a line-manager or team-parent loop,
an ID already in use) is refused with :class:`OpRefused`, whose message is the
reason a user reads in the status bar. The document is untouched then.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .model import (
    KIND_CLASSES,
    Document,
    Grade,
    Level,
    Person,
    RulesConfig,
    Team,
    Waiver,
    grade_param_problem,
)

DOCUMENT_FIELDS = ("name", "description", "default_team_model", "currency", "grades")


class OpRefused(Exception):
    """The operation cannot be applied; ``str()`` says why, in the user's words."""


@dataclass(frozen=True)
class Change:
    """One primitive change: ``action`` is ``set``, ``add`` or ``remove``.

    ``kind`` is ``person``, ``team``, ``role``, ``function``, ``document``,
    ``rules`` or ``view``. For ``set``, ``field`` names the field and
    ``old``/``new`` its values; for ``add``/``remove``, ``old``/``new`` hold the
    entity (None on the other side).
    """

    action: str
    kind: str
    id: str | None
    field: str | None = None
    old: Any = None
    new: Any = None


@dataclass
class Applied:
    inverse: Op
    changes: list[Change]


class Op:
    """Base of all operations. ``label`` is what the Undo menu shows."""

    label: str = "Edit"

    def apply(self, doc: Document) -> Applied:  # pragma: no cover - abstract
        raise NotImplementedError


def entity_name(doc: Document, kind: str, id_: str | None) -> str:
    """How ``id_`` is named in labels (see :meth:`Document.entity_name`)."""
    return doc.entity_name(kind, id_)


_name = entity_name  # the short name the edits below use


@cache
def _adapter(kind: str, field_name: str) -> TypeAdapter[Any]:
    if kind == "document":
        info = Document.model_fields[field_name]
    else:
        info = KIND_CLASSES[kind].model_fields[field_name]
    # The field's constraints (maximum lengths...) live in its metadata: without
    # them an edit could store a value the file format refuses on the next load.
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(annotation, config={"strict": True})  # type: ignore[arg-type]


def validate_value(kind: str, field_name: str, value: Any) -> Any:
    """Check ``value`` against the model's type for the field; raise OpRefused if it does not fit."""
    fields = DOCUMENT_FIELDS if kind == "document" else KIND_CLASSES[kind].model_fields
    if field_name not in fields or field_name == "id":
        raise OpRefused(f"{kind} has no editable field {field_name!r}")
    try:
        return _adapter(kind, field_name).validate_python(value)
    except ValidationError as exc:
        raise OpRefused(f"{field_name}: {exc.errors()[0]['msg']}") from None


def line_chain_contains(doc: Document, start: str | None, target: str) -> bool:
    """True if ``target`` is ``start`` or one of its line managers (stops at loops)."""
    seen: set[str] = set()
    cur = start
    people = doc.by_id("person")
    while cur and cur not in seen:
        if cur == target:
            return True
        seen.add(cur)
        p = people.get(cur)
        cur = p.manager if p else None
    return False


def team_chain_contains(doc: Document, start: str | None, target: str) -> bool:
    """True if ``target`` is team ``start`` or one of its parent teams (stops at loops)."""
    seen: set[str] = set()
    cur = start
    teams = doc.by_id("team")
    while cur and cur not in seen:
        if cur == target:
            return True
        seen.add(cur)
        t = teams.get(cur)
        cur = t.parent if t else None
    return False


@dataclass(frozen=True)
class SetField(Op):
    """Set one field of one entity (or of the document itself, with kind ``document``)."""

    kind: str
    id: str | None
    field: str
    value: Any
    label: str = "Edit"
    # An inverse puts back a value the document held a moment ago: it must apply
    # even in a document whose file already had a loop (breaking the loop, then
    # undoing, restores it).
    restore: bool = False

    def check(self, doc: Document) -> Any:
        """The value to store, validated; OpRefused if applying now would break the structure."""
        if self.kind != "document" and doc.get(self.kind, self.id) is None:
            raise OpRefused(f"there is no {self.kind} {self.id!r}")
        value = validate_value(self.kind, self.field, copy.deepcopy(self.value))
        if self.kind != "document" and not self.restore:
            self.check_loop(doc)
        if self.kind == "document" and self.field == "grades" and not self.restore:
            _check_grades(doc, value)
        return value

    def check_loop(self, doc: Document) -> None:
        """Raise OpRefused if the new value would close a line-manager or team-parent loop."""
        if self.kind == "person" and self.field == "manager" and self.value and self.id:
            if self.value == self.id:
                raise OpRefused(f"{_name(doc, 'person', self.id)} cannot report to themselves")
            if line_chain_contains(doc, self.value, self.id):
                raise OpRefused(
                    f"{_name(doc, 'person', self.value)} is in "
                    f"{_name(doc, 'person', self.id)}'s own reporting line: "
                    "that would make a loop"
                )
        if self.kind == "person" and self.field == "functional_manager" and self.value == self.id:
            raise OpRefused(
                f"{_name(doc, 'person', self.id)} cannot be their own functional manager"
            )
        if self.kind == "team" and self.field == "parent" and self.value and self.id:
            if self.value == self.id:
                raise OpRefused(f"{_name(doc, 'team', self.id)} cannot be its own parent team")
            if team_chain_contains(doc, self.value, self.id):
                raise OpRefused(
                    f"{_name(doc, 'team', self.value)} is inside {_name(doc, 'team', self.id)}: "
                    "that would make a loop"
                )

    def apply(self, doc: Document) -> Applied:
        new = self.check(doc)
        target: Any = doc if self.kind == "document" else doc.get(self.kind, self.id)
        old = copy.deepcopy(getattr(target, self.field))
        setattr(target, self.field, new)
        inverse = SetField(self.kind, self.id, self.field, old, label=self.label, restore=True)
        return Applied(inverse, [Change("set", self.kind, self.id, self.field, old, new)])


@dataclass(frozen=True)
class AddEntity(Op):
    """Insert a person, team, role or function (at ``index``, default the end)."""

    kind: str
    entity: BaseModel
    index: int | None = None
    label: str = "Add"
    restore: bool = False  # the inverse of a removal: put back as it was, loops included

    def apply(self, doc: Document) -> Applied:
        # Putting back a removed entity restores that very object (views and caches
        # keyed on it stay valid); a new one is validated and copied.
        entity = (
            self.entity
            if self.restore
            else KIND_CLASSES[self.kind].model_validate(self.entity.model_dump())
        )
        index = doc.by_id(self.kind)
        if entity.id in index:  # type: ignore[attr-defined]
            raise OpRefused(f"the ID {entity.id!r} is already used by another {self.kind}")  # type: ignore[attr-defined]
        if not self.restore:
            # References that dangled may point at the new ID: it must not close a loop.
            if isinstance(entity, Person):
                SetField("person", entity.id, "manager", entity.manager).check_loop(doc)
                SetField(
                    "person", entity.id, "functional_manager", entity.functional_manager
                ).check_loop(doc)
            elif isinstance(entity, Team):
                SetField("team", entity.id, "parent", entity.parent).check_loop(doc)
        items = doc.entities(self.kind)
        at = len(items) if self.index is None else max(0, min(self.index, len(items)))
        items.insert(at, entity)
        index[entity.id] = entity  # type: ignore[attr-defined]
        inverse = RemoveEntity(self.kind, entity.id, label=self.label)  # type: ignore[attr-defined]
        return Applied(inverse, [Change("add", self.kind, entity.id, None, None, entity)])  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RemoveEntity(Op):
    """Remove one entity. References to it are left as they are (see :func:`delete_person`)."""

    kind: str
    id: str
    label: str = "Delete"

    def apply(self, doc: Document) -> Applied:
        index = doc.by_id(self.kind)
        entity = index.get(self.id)
        if entity is None:
            raise OpRefused(f"there is no {self.kind} {self.id!r}")
        items = doc.entities(self.kind)
        at = next(i for i, e in enumerate(items) if e is entity)
        del items[at]
        del index[self.id]
        inverse = AddEntity(self.kind, entity, at, label=self.label, restore=True)
        return Applied(inverse, [Change("remove", self.kind, self.id, None, entity, None)])


@dataclass(frozen=True)
class SetRules(Op):
    """Replace the document's rule settings (parameters, severities, switches, waivers)."""

    rules: RulesConfig
    label: str = "Change rule settings"

    def apply(self, doc: Document) -> Applied:
        old = doc.rules
        new = RulesConfig.model_validate(self.rules.model_dump())
        problem = grade_param_problem(doc.grades, new)
        if problem is not None:
            raise OpRefused(f"{problem[0].removeprefix('rules.params.')}: {problem[1]}")
        doc.rules = new
        return Applied(
            SetRules(old, label=self.label), [Change("set", "rules", None, "rules", old, new)]
        )


@dataclass(frozen=True)
class SetPositions(Op):
    """Move cards by hand in one view: ``positions`` maps an ID to [x, y], or None to reset."""

    view: str
    positions: tuple[tuple[str, tuple[float, float] | None], ...]
    label: str = "Move cards"

    def apply(self, doc: Document) -> Applied:
        table = doc.view.positions.setdefault(self.view, {})
        old: list[tuple[str, tuple[float, float] | None]] = []
        for id_, pos in self.positions:
            prev = table.get(id_)
            old.append((id_, (prev[0], prev[1]) if prev is not None else None))
            if pos is None:
                table.pop(id_, None)
            else:
                table[id_] = [float(pos[0]), float(pos[1])]
        if not table:
            doc.view.positions.pop(self.view, None)
        inverse = SetPositions(self.view, tuple(old), label=self.label)
        before = {id_: pos for id_, pos in old}
        after = {id_: (tuple(pos) if pos is not None else None) for id_, pos in self.positions}
        change = Change("set", "view", self.view, "positions", before, after)
        return Applied(inverse, [change])


@dataclass(frozen=True)
class SetCollapsed(Op):
    """Fold or unfold the subtree under one card."""

    id: str
    collapsed: bool
    label: str = "Collapse"
    index: int | None = None  # where to fold it back in the list (set by the inverse)

    def apply(self, doc: Document) -> Applied:
        ids = doc.view.collapsed
        was = self.id in ids
        at: int | None = None
        if self.collapsed and not was:
            ids.insert(len(ids) if self.index is None else self.index, self.id)
        elif not self.collapsed and was:
            at = ids.index(self.id)
            del ids[at]
        return Applied(
            SetCollapsed(self.id, was, label=self.label, index=at),
            [Change("set", "view", None, "collapsed", was, self.collapsed)],
        )


@dataclass(frozen=True)
class Composite(Op):
    """Several operations as one step; if one is refused, those already applied are undone."""

    ops: tuple[Op, ...]
    label: str = "Edit"

    def apply(self, doc: Document) -> Applied:
        done: list[Applied] = []
        try:
            for op in self.ops:
                done.append(op.apply(doc))
        except OpRefused:
            for applied in reversed(done):
                applied.inverse.apply(doc)
            raise
        inverse = Composite(tuple(a.inverse for a in reversed(done)), label=self.label)
        return Applied(inverse, [c for a in done for c in a.changes])


def changes_nothing(changes: list[Change]) -> bool:
    """True if every change sets a value to what it already was (an edit not worth a step)."""
    return all(c.action == "set" and c.old == c.new for c in changes)


def preview(op: Op, doc: Document) -> str | None:
    """Why ``op`` would be refused now, or None if it would apply. Leaves ``doc`` as it was."""
    try:
        applied = op.apply(doc)
    except OpRefused as exc:
        return str(exc)
    applied.inverse.apply(doc)
    return None


# -- the edits a designer makes, in the domain's words -------------------------


def set_manager(doc: Document, person: str, manager: str | None) -> Op:
    """``person`` reports to ``manager`` on the line; their own reports move along with them."""
    who = _name(doc, "person", person)
    if manager:
        label = f"{who} reports to {_name(doc, 'person', manager)}"
    else:
        label = f"{who} reports to nobody"
    return SetField("person", person, "manager", manager, label=label)


def set_functional_manager(doc: Document, person: str, manager: str | None) -> Op:
    """``manager`` becomes ``person``'s functional manager (the dotted craft line)."""
    who = _name(doc, "person", person)
    label = (
        f"{_name(doc, 'person', manager)} coaches {who}"
        if manager
        else f"{who} has no functional manager"
    )
    return SetField("person", person, "functional_manager", manager, label=label)


def new_line_manager(doc: Document, person: str, team: str) -> str | None:
    """Whom ``person`` will report to on joining ``team``: its owner if it is an sto team.

    ``person`` may be an ID not in the document yet (someone about to be added).
    """
    t = doc.team(team)
    if t is None or doc.model_of(t) != "sto" or not t.owner or t.owner == person:
        return None
    return t.owner if doc.person(t.owner) is not None else None


_new_line_manager = new_line_manager  # the name it had before the app used it


def move_to_team(doc: Document, person: str, team: str | None) -> Op:
    """``person`` joins ``team``; on an ``sto`` team they also report to its owner, in one step."""
    who = _name(doc, "person", person)
    if not team:
        return SetField("person", person, "team", None, label=f"Take {who} off their team")
    ops: list[Op] = [SetField("person", person, "team", team)]
    owner = _new_line_manager(doc, person, team)
    if owner is not None:
        ops.append(SetField("person", person, "manager", owner))
    return Composite(tuple(ops), label=f"Move {who} to {_name(doc, 'team', team)}")


def describe_team_move(doc: Document, person: str, team: str) -> str:
    """What dropping ``person`` on ``team`` will do, for the status bar."""
    who = _name(doc, "person", person)
    text = f"Move {who} to {_name(doc, 'team', team)}"
    owner = _new_line_manager(doc, person, team)
    if owner is not None:
        text += f"; {who} will report to {_name(doc, 'person', owner)}"
    return text


def set_parent_team(doc: Document, team: str, parent: str | None) -> Op:
    """Put ``team`` under ``parent`` (or at the top)."""
    what = _name(doc, "team", team)
    label = (
        f"Move team {what} under {_name(doc, 'team', parent)}"
        if parent
        else f"Make {what} a top-level team"
    )
    return SetField("team", team, "parent", parent, label=label)


TEAM_MODEL_NAMES = {
    "sto": "single-threaded owner",
    "functional": "three-legged stool",
    "service": "service team",
}


def set_team_model(doc: Document, team: str, model: str | None) -> Op:
    """Switch a team between ``sto``, ``functional`` and ``service`` (None: the document
    default). A team that stops being a service team stops serving others, in the same step."""
    shown = TEAM_MODEL_NAMES.get(model or "", "the default model")
    label = f"Make {_name(doc, 'team', team)} {'a ' if model == 'service' else ''}{shown}"
    op = SetField("team", team, "model", model)
    t = doc.team(team)
    if t is not None and t.serves and (model or doc.default_team_model) != "service":
        return Composite((op, SetField("team", team, "serves", [])), label=label)
    return Composite((op,), label=label)


def make_owner(doc: Document, team: str, person: str) -> Op:
    """``person`` becomes ``team``'s owner and joins it; on an ``sto`` team members report to them."""
    t = doc.team(team)
    if t is None:
        raise OpRefused(f"there is no team {team!r}")
    ops: list[Op] = []
    p = doc.person(person)
    old_owner = doc.person(t.owner)
    if (
        p is not None
        and old_owner is not None
        and old_owner.id != person
        and p.manager == old_owner.id
    ):
        # The new owner takes the old owner's place in the line.
        ops.append(SetField("person", person, "manager", old_owner.manager))
    ops.append(SetField("team", team, "owner", person))
    if p is not None and p.team != team:
        ops.append(SetField("person", person, "team", team))
    if doc.model_of(t) == "sto":
        for member in doc.people:
            if member.team == team and member.id != person and member.manager != person:
                ops.append(SetField("person", member.id, "manager", person))
    return Composite(
        tuple(ops), label=f"Make {_name(doc, 'person', person)} owner of {_name(doc, 'team', team)}"
    )


def edit(doc: Document, kind: str, id_: str | None, label: str | None = None, **fields: Any) -> Op:
    """Change several fields of one entity (or of the document) as one step."""
    ops = tuple(SetField(kind, id_, name, value) for name, value in fields.items())
    what = "the document" if kind == "document" else _name(doc, kind, id_)
    return Composite(ops, label=label or f"Edit {what}")


def add_person(doc: Document, person: Person, index: int | None = None) -> Op:
    """Add a person or a vacancy."""
    label = (
        f"Add vacancy {doc.display_name(person)}"
        if person.vacant
        else f"Add {doc.display_name(person)}"
    )
    return AddEntity("person", person, index, label=label)


def new_id(doc: Document, kind: str, stem: str) -> str:
    """A fresh ID for ``kind`` starting with ``stem``."""
    taken = doc.by_id(kind)
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def add_vacancy(
    doc: Document, role: str | None, *, team: str | None = None, manager: str | None = None
) -> Op:
    """An open position of ``role`` on ``team`` (reporting to its owner if sto) or under ``manager``."""
    t = doc.team(team)
    if manager is None and t is not None and doc.model_of(t) == "sto" and doc.person(t.owner):
        manager = t.owner
    person = Person(
        id=new_id(doc, "person", f"vacancy-{role or 'open'}"),
        role=role,
        team=team,
        manager=manager,
        vacant=True,
    )
    r = doc.role(role)
    where = _name(doc, "team", team) if team else _name(doc, "person", manager)
    what = r.title if r and r.title else "position"
    return AddEntity("person", person, label=f"Add vacant {what} to {where}")


def delete_person(doc: Document, person: str) -> Op:
    """Remove a person; their reports move up to their manager and every pointer to them is cleared."""
    p = doc.person(person)
    if p is None:
        raise OpRefused(f"there is no person {person!r}")
    ops: list[Op] = []
    for other in doc.people:
        if other.id == person:
            continue
        if other.manager == person:
            # On a line-manager loop, moving the report up would only close a smaller
            # loop, and someone who is their own manager has no one above to move up
            # to: the report becomes top-level instead, which breaks the loop.
            up = p.manager if p.manager != person else None
            if line_chain_contains(doc, up, other.id):
                up = None
            ops.append(SetField("person", other.id, "manager", up))
        if other.functional_manager == person:
            ops.append(SetField("person", other.id, "functional_manager", None))
    for team in doc.teams:
        if team.owner == person:
            ops.append(SetField("team", team.id, "owner", None))
    for fn in doc.functions:
        if fn.leader == person:
            ops.append(SetField("function", fn.id, "leader", None))
        if person in fn.standards.values():
            standards = {k: (None if v == person else v) for k, v in fn.standards.items()}
            ops.append(SetField("function", fn.id, "standards", standards))
    ops.append(RemoveEntity("person", person))
    return Composite(tuple(ops), label=f"Delete {_name(doc, 'person', person)}")


def delete_consequences(doc: Document, person: str) -> list[str]:
    """What deleting ``person`` does, line by line, for the confirmation dialog."""
    p = doc.person(person)
    if p is None:
        return []
    above = p.manager if p.manager != person else None  # their own manager: no one above
    up = _name(doc, "person", above) if above else "nobody (they become top-level)"
    out = []
    reports = [o for o in doc.people if o.manager == person and o.id != person]
    if reports:
        out.append(f"{len(reports)} direct report(s) will report to {up}.")
    coached = [o for o in doc.people if o.functional_manager == person and o.id != person]
    if coached:
        out.append(f"{len(coached)} person(s) lose their functional manager.")
    owned = [t.name or t.id for t in doc.teams if t.owner == person]
    if owned:
        out.append(f"Team(s) left without an owner: {', '.join(owned)}.")
    led = [f.name or f.id for f in doc.functions if f.leader == person]
    if led:
        out.append(f"Function(s) left without a leader: {', '.join(led)}.")
    return out


def team_delete_consequences(doc: Document, team: str) -> list[str]:
    """What deleting ``team`` does, line by line, for the confirmation dialog."""
    t = doc.team(team)
    if t is None:
        return []
    out = []
    subs = [o for o in doc.teams if o.parent == team and o.id != team]
    if subs:
        where = doc.entity_name("team", t.parent) if doc.team(t.parent) else "the top level"
        out.append(f"{len(subs)} sub-team(s) move up to {where}.")
    members = [p for p in doc.people if p.team == team]
    if members:
        out.append(f"{len(members)} member(s) are left without a team.")
    return out


def deletion(doc: Document, items: list[tuple[str, str]]) -> tuple[Op, str, list[str]]:
    """Deleting the people and teams ``items`` (``(kind, id)`` pairs) as one step.

    Returns the operation, its title ("Delete Ann", "Delete team Payments",
    "Delete 3 items") and what else changes, line by line; with several items
    each line starts with the name of the one it is about.
    """
    lines: list[str] = []
    for kind, id_ in items:
        if kind == "person":
            found = delete_consequences(doc, id_)
        else:
            found = team_delete_consequences(doc, id_)
        if len(items) > 1:
            found = [f"{doc.name_of(id_)}: {line}" for line in found]
        lines += found
    if len(items) == 1:
        kind, id_ = items[0]
        name = doc.name_of(id_)
        title = f"Delete {name}" if kind == "person" else f"Delete team {name}"
        op = delete_person(doc, id_) if kind == "person" else delete_team(doc, id_)
    else:
        title = f"Delete {len(items)} items"
        op = delete_many(doc, items, label=title)
    return op, title, lines


def add_team(doc: Document, team: Team) -> Op:
    """Add ``team``; if it has an owner who is on no team yet, they join it."""
    op: Op = AddEntity("team", team, label=f"Add team {team.name or team.id}")
    owner = doc.person(team.owner)
    if owner is not None and owner.team is None:
        op = Composite((op, SetField("person", owner.id, "team", team.id)), label=op.label)
    return op


def owned_team(doc: Document, person: str | None) -> str | None:
    """The first team ``person`` owns, or None."""
    if not person:
        return None
    return next((t.id for t in doc.teams if t.owner == person), None)


def new_team_for(doc: Document, person: str) -> tuple[str | None, str | None]:
    """Where a team added from ``person`` goes: ``(parent, owner)``.

    The person owns it; it sits under the team they own, else the team they are on.
    """
    p = doc.person(person)
    return owned_team(doc, person) or (p.team if p else None), person


def delete_team(doc: Document, team: str) -> Op:
    """Remove a team: its sub-teams move to its parent, its members are left without a team,
    and service teams that served it stop serving it.

    On a loop of parent teams (a file may hold one) a sub-team cannot move up into
    its own loop: it becomes a top-level team instead, which breaks the loop.
    """
    t = doc.team(team)
    if t is None:
        raise OpRefused(f"there is no team {team!r}")
    ops: list[Op] = []
    for other in doc.teams:
        if other.parent == team and other.id != team:
            up = t.parent if t.parent != team else None
            if team_chain_contains(doc, up, other.id):
                up = None
            ops.append(SetField("team", other.id, "parent", up))
    for p in doc.people:
        if p.team == team:
            ops.append(SetField("person", p.id, "team", None))
    for other in doc.teams:
        if other.id != team and team in other.serves:
            ops.append(SetField("team", other.id, "serves", [x for x in other.serves if x != team]))
    ops.append(RemoveEntity("team", team))
    return Composite(tuple(ops), label=f"Delete team {_name(doc, 'team', team)}")


@dataclass(frozen=True)
class DeleteMany(Op):
    """Delete several people and teams (``(kind, id)`` pairs) as one step.

    Each delete is built only when its turn comes, against the document the
    previous ones left: deleting a manager moves their reports up, so deleting
    one of those reports next must see the new manager. If one is refused, the
    ones already applied are undone.
    """

    items: tuple[tuple[str, str], ...]
    label: str = "Delete"

    def apply(self, doc: Document) -> Applied:
        done: list[Applied] = []
        try:
            for kind, id_ in self.items:
                if kind == "person":
                    op = delete_person(doc, id_)
                elif kind == "team":
                    op = delete_team(doc, id_)
                else:
                    raise OpRefused(f"cannot delete a {kind} together with people and teams")
                done.append(op.apply(doc))
        except OpRefused:
            for applied in reversed(done):
                applied.inverse.apply(doc)
            raise
        inverse = Composite(tuple(a.inverse for a in reversed(done)), label=self.label)
        return Applied(inverse, [c for a in done for c in a.changes])


def delete_many(doc: Document, items: list[tuple[str, str]], label: str | None = None) -> Op:
    """Delete the people and teams ``items`` (``(kind, id)`` pairs) in one undo step."""
    return DeleteMany(tuple(items), label=label or f"Delete {len(items)} items")


def delete_function(doc: Document, function: str) -> Op:
    """Remove a function and every reference to it (roles, people, teams' needs), as one step."""
    ops: list[Op] = []
    for r in doc.roles:
        if r.function == function:
            ops.append(SetField("role", r.id, "function", None))
    for p in doc.people:
        if p.function == function:
            ops.append(SetField("person", p.id, "function", None))
    for t in doc.teams:
        if t.required_functions and function in t.required_functions:
            needs = [x for x in t.required_functions if x != function]
            ops.append(SetField("team", t.id, "required_functions", needs))
    ops.append(RemoveEntity("function", function))
    return Composite(tuple(ops), label=f"Delete function {_name(doc, 'function', function)}")


def remove_role(doc: Document, role: str) -> Op:
    """Remove a role; people who held it keep their place but have no role."""
    ops: list[Op] = [SetField("person", p.id, "role", None) for p in doc.people if p.role == role]
    ops.append(RemoveEntity("role", role))
    return Composite(tuple(ops), label=f"Delete role {_name(doc, 'role', role)}")


# -- version 2: grades, cost, budgets, service teams, rule parameters ------------------


def _check_grades(doc: Document, grades: list[Grade]) -> None:
    seen: set[str] = set()
    for g in grades:
        if g.id in seen:
            raise OpRefused(f"the grade ID {g.id!r} is already used")
        seen.add(g.id)
    problem = grade_param_problem(grades, doc.rules)
    if problem is not None:
        name = problem[0].removeprefix("rules.params.")
        grade = getattr(doc.rules.params, name)
        raise OpRefused(
            f"the rule parameter {name} names grade {grade_name(doc, grade)} ({grade}): "
            "change it before removing the grade"
        )


def _grades_copy(doc: Document) -> list[Grade]:
    return [g.model_copy() for g in doc.grades]


def _grade_index(doc: Document, grade: str) -> int:
    for i, g in enumerate(doc.grades):
        if g.id == grade:
            return i
    raise OpRefused(f"there is no grade {grade!r}")


def grade_name(doc: Document, grade: str | None) -> str:
    """How a grade is named to a user: its name, else its ID ("none" for no grade)."""
    if not grade:
        return "none"
    for g in doc.grades:
        if g.id == grade:
            return g.name or g.id
    return grade


def add_grade(doc: Document, name: str, index: int | None = None, id_: str | None = None) -> Op:
    """Add a grade to the scale (at ``index``, default the most senior end)."""
    taken = {g.id for g in doc.grades}
    if id_ is None:
        n = len(doc.grades) + 1
        while f"g{n}" in taken:
            n += 1
        id_ = f"g{n}"
    grades = _grades_copy(doc)
    at = len(grades) if index is None else max(0, min(index, len(grades)))
    grades.insert(at, Grade(id=id_, name=name))
    return SetField("document", None, "grades", grades, label=f"Add grade {name or id_}")


def rename_grade(doc: Document, grade: str, name: str) -> Op:
    grades = _grades_copy(doc)
    grades[_grade_index(doc, grade)].name = name
    return SetField(
        "document", None, "grades", grades, label=f"Rename grade {grade_name(doc, grade)}"
    )


def move_grade(doc: Document, grade: str, index: int) -> Op:
    """Move a grade up or down the scale (``index`` 0 is the most junior)."""
    grades = _grades_copy(doc)
    g = grades.pop(_grade_index(doc, grade))
    grades.insert(max(0, min(index, len(grades))), g)
    return SetField("document", None, "grades", grades, label=f"Move grade {g.name or g.id}")


def remove_grade(doc: Document, grade: str) -> Op:
    """Remove a grade; ladder levels and rule parameters that named it are cleared too."""
    at = _grade_index(doc, grade)
    ops: list[Op] = []
    for role in doc.roles:
        if any(level.grade == grade for level in role.levels):
            levels = [
                lv.model_copy(update={"grade": None}) if lv.grade == grade else lv.model_copy()
                for lv in role.levels
            ]
            ops.append(SetField("role", role.id, "levels", levels))
    params = doc.rules.params
    if grade in (params.owner_min_grade, params.standards_min_grade):
        rules = RulesConfig.model_validate(doc.rules.model_dump())
        for name in ("owner_min_grade", "standards_min_grade"):
            if getattr(rules.params, name) == grade:
                setattr(rules.params, name, "")
        ops.append(SetRules(rules))
    grades = _grades_copy(doc)
    del grades[at]
    ops.append(SetField("document", None, "grades", grades))
    return Composite(tuple(ops), label=f"Delete grade {grade_name(doc, grade)}")


def set_level(doc: Document, role: str, code: str, **fields: Any) -> Op:
    """Change fields of one ladder level (``grade``, ``cost``, ``title``, ``expectations``)."""
    r = doc.role(role)
    if r is None:
        raise OpRefused(f"there is no role {role!r}")
    if all(lv.code != code for lv in r.levels):
        raise OpRefused(f"{_name(doc, 'role', role)} has no level {code}")
    unknown = set(fields) - (set(Level.model_fields) - {"code"})
    if unknown:
        raise OpRefused(f"a ladder level has no editable field {sorted(unknown)[0]!r}")
    levels = [
        lv.model_copy(update=fields) if lv.code == code else lv.model_copy() for lv in r.levels
    ]
    what = ", ".join(fields) or "level"
    return SetField(
        "role",
        role,
        "levels",
        [lv.model_dump() for lv in levels],
        label=f"Set {what} of {_name(doc, 'role', role)} {code}",
    )


def set_level_grade(doc: Document, role: str, code: str, grade: str | None) -> Op:
    """Place ladder level ``code`` of ``role`` on the grade scale (None: no grade)."""
    if grade and all(g.id != grade for g in doc.grades):
        raise OpRefused(f"there is no grade {grade!r}")
    return set_level(doc, role, code, grade=grade)


def set_level_cost(doc: Document, role: str, code: str, cost: float | None) -> Op:
    """The budgeted yearly cost of a position at ladder level ``code`` of ``role``."""
    return set_level(doc, role, code, cost=cost)


def set_person_cost(doc: Document, person: str, cost: float | None) -> Op:
    """A person's own yearly cost (None: use their ladder level's)."""
    return SetField(
        "person", person, "cost", cost, label=f"Set the cost of {_name(doc, 'person', person)}"
    )


def set_team_budget(doc: Document, team: str, budget: float | None) -> Op:
    return SetField(
        "team", team, "budget", budget, label=f"Set the budget of {_name(doc, 'team', team)}"
    )


def set_currency(doc: Document, currency: str) -> Op:
    """The unit of every cost in the document: an ISO 4217 code, or "" for none."""
    return SetField(
        "document",
        None,
        "currency",
        currency.strip().upper(),
        label=f"Set the currency to {currency.strip().upper() or 'none'}",
    )


def set_serves(doc: Document, team: str, serves: list[str]) -> Op:
    """The teams a service team supplies its function to."""
    t = doc.team(team)
    if t is None:
        raise OpRefused(f"there is no team {team!r}")
    if serves and doc.model_of(t) != "service":
        raise OpRefused(f"{_name(doc, 'team', team)} is not a service team")
    if team in serves:
        raise OpRefused(f"{_name(doc, 'team', team)} cannot serve itself")
    unique = list(dict.fromkeys(serves))
    return SetField(
        "team", team, "serves", unique, label=f"Change whom {_name(doc, 'team', team)} serves"
    )


def serve(doc: Document, service: str, team: str) -> Op:
    """Service team ``service`` starts supplying ``team``."""
    t = doc.team(service)
    if t is None:
        raise OpRefused(f"there is no team {service!r}")
    if team in t.serves:
        raise OpRefused(f"{_name(doc, 'team', service)} already serves {_name(doc, 'team', team)}")
    op = set_serves(doc, service, [*t.serves, team])
    assert isinstance(op, SetField)
    return SetField(
        op.kind,
        op.id,
        op.field,
        op.value,
        label=f"{_name(doc, 'team', service)} serves {_name(doc, 'team', team)}",
    )


def unserve(doc: Document, service: str, team: str) -> Op:
    """Service team ``service`` stops supplying ``team``."""
    t = doc.team(service)
    if t is None or team not in t.serves:
        raise OpRefused(f"{_name(doc, 'team', service)} does not serve {_name(doc, 'team', team)}")
    return SetField(
        "team",
        service,
        "serves",
        [x for x in t.serves if x != team],
        label=f"{_name(doc, 'team', service)} stops serving {_name(doc, 'team', team)}",
    )


def set_rule_param(doc: Document, name: str, value: Any) -> Op:
    """Set one rule parameter (None: back to the catalogue's default)."""
    data = doc.rules.model_dump()
    data["params"][name] = value
    try:
        rules = RulesConfig.model_validate(data)
    except ValidationError as exc:
        raise OpRefused(f"{name}: {exc.errors()[0]['msg']}") from None
    return SetRules(rules, label=f"Set {name}")


def subject_label(doc: Document, subject: str) -> str:
    """A finding's subject by name, whatever kind of entity it is (the ID if none)."""
    return doc.name_of(subject)


def waive(doc: Document, rule: str, subject: str, reason: str) -> Op:
    """Accept the findings of ``rule`` about ``subject``, with the reason saved in the file."""
    reason = reason.strip()
    if not reason:
        raise OpRefused("a waiver needs a reason")
    if any(w.rule == rule and w.subject == subject for w in doc.rules.waivers):
        raise OpRefused(f"{rule} is already waived for {subject_label(doc, subject)}")
    rules = RulesConfig.model_validate(doc.rules.model_dump())
    rules.waivers.append(Waiver(rule=rule, subject=subject, reason=reason))
    return SetRules(rules, label=f"Waive {rule} for {subject_label(doc, subject)}")


def unwaive(doc: Document, rule: str, subjects: tuple[str, ...] | list[str]) -> Op:
    """Lift the waivers of ``rule`` for any of ``subjects``."""
    rules = RulesConfig.model_validate(doc.rules.model_dump())
    keep = [w for w in rules.waivers if not (w.rule == rule and w.subject in subjects)]
    if len(keep) == len(rules.waivers):
        raise OpRefused(f"{rule} is not waived here")
    rules.waivers = keep
    who = subject_label(doc, subjects[0]) if subjects else "nobody"
    return SetRules(rules, label=f"Remove the waiver of {rule} for {who}")


@dataclass
class History:
    """A plain undo/redo stack over operations, for headless use and tests."""

    doc: Document
    undo_stack: list[tuple[str, Op]] = field(default_factory=list)
    redo_stack: list[tuple[str, Op]] = field(default_factory=list)

    def do(self, op: Op) -> list[Change]:
        applied = op.apply(self.doc)
        self.undo_stack.append((op.label, applied.inverse))
        self.redo_stack.clear()
        return applied.changes

    def undo(self) -> list[Change]:
        label, inverse = self.undo_stack.pop()
        applied = inverse.apply(self.doc)
        self.redo_stack.append((label, applied.inverse))
        return applied.changes

    def redo(self) -> list[Change]:
        label, op = self.redo_stack.pop()
        applied = op.apply(self.doc)
        self.undo_stack.append((label, applied.inverse))
        return applied.changes
