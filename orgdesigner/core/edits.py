"""Edits of a selection: one field set on several people or teams, as one undo step.

The inspector shows one form for everything selected; what a change of a field
means for the whole selection, and what the Undo menu calls it, is decided
here. One person or team gets the single edit's own wording ("Ann reports to
Bo"); several get one step named for all of them ("3 people report to Bo").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import ops
from .model import TEAM_MODEL_NAMES, Document
from .ops import Applied, Composite, Op, OpRefused, SetField

# The reference each person field holds, for naming its value.
_PERSON_REFS = {"role": "role", "function": "function", "functional_manager": "person"}
_PERSON_WORDS = {
    "role": "role",
    "function": "function",
    "level": "level",
    "functional_manager": "functional manager",
    "tags": "tags",
}
_FLAG_WORDS = {
    "vacant": ("an open position", "filled"),
    "embedded": ("embedded", "not embedded"),
}


def plural(n: int, one: str, many: str | None = None) -> str:
    """``plural(2, "person", "people")`` -> ``"2 people"``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def people_label(doc: Document, ids: list[str]) -> str:
    """One person's name, or "3 people"."""
    if len(ids) == 1:
        return doc.entity_name("person", ids[0])
    return plural(len(ids), "person", "people")


def teams_label(doc: Document, ids: list[str]) -> str:
    """One team's name, or "3 teams"."""
    if len(ids) == 1:
        return doc.entity_name("team", ids[0])
    return plural(len(ids), "team")


def ladder_problem(doc: Document, ids: list[str], code: str | None) -> str:
    """Why ``code`` cannot be the level of the people ``ids``, or "" if it can.

    A level comes from the role's career ladder: each person needs a role, the
    role needs a ladder, and ``code`` must be on it. An empty code (no level)
    is always allowed.
    """
    if not code:
        return ""
    for pid in ids:
        p = doc.person(pid)
        if p is None:
            continue
        role = doc.role(p.role)
        who = doc.display_name(p)
        if role is None:
            return f"{who} has no role yet: a level comes from the role's career ladder"
        title = role.title or role.id
        if not role.levels:
            return (
                f"The {title} role has no career ladder yet: add its levels in the "
                "Role library first"
            )
        codes = [lv.code for lv in role.levels]
        if code not in codes:
            return f"\u201c{code}\u201d is not on the {title} ladder: {', '.join(codes)}"
    return ""


@dataclass(frozen=True)
class SetLevel(Op):
    """Give people a level, refused unless it is on each one's role's career ladder."""

    ids: tuple[str, ...]
    code: str | None
    label: str = "Set level"

    def apply(self, doc: Document) -> Applied:
        problem = ladder_problem(doc, list(self.ids), self.code)
        if problem:
            raise OpRefused(problem[0].lower() + problem[1:])
        steps = tuple(SetField("person", i, "level", self.code) for i in self.ids)
        return Composite(steps, label=self.label).apply(doc)


def _field_label(doc: Document, ids: list[str], field: str, shown: str) -> str:
    who = people_label(doc, ids)
    words = _PERSON_WORDS[field]
    if len(ids) == 1:
        return f"Set {who}'s {words} to {shown}" if shown else f"Clear {who}'s {words}"
    return f"Set the {words} of {who} to {shown}" if shown else f"Clear the {words} of {who}"


def edit_people(doc: Document, ids: list[str], field: str, value: Any) -> Op:
    """Set ``field`` to ``value`` on every person in ``ids``, as one labelled step.

    ``manager`` and ``team`` use the domain edits (a team move on an STO team
    changes the line manager too); ``level`` must be on each role's ladder.
    """
    if not ids:
        raise OpRefused("nobody is selected")
    who = people_label(doc, ids)
    if field == "manager":
        if len(ids) == 1:
            return ops.set_manager(doc, ids[0], value)
        to = doc.entity_name("person", value)
        return Composite(
            tuple(ops.set_manager(doc, i, value) for i in ids), label=f"{who} report to {to}"
        )
    if field == "team":
        if len(ids) == 1:
            return ops.move_to_team(doc, ids[0], value)
        label = (
            f"Move {who} to {doc.entity_name('team', value)}"
            if value
            else f"Take {who} off their teams"
        )
        return Composite(tuple(ops.move_to_team(doc, i, value) for i in ids), label=label)
    if field in _FLAG_WORDS:
        word = _FLAG_WORDS[field]
        label = f"Mark {who} as {word[0] if value else word[1]}"
        return Composite(tuple(SetField("person", i, field, value) for i in ids), label=label)
    if field not in _PERSON_WORDS:
        raise OpRefused(f"{field!r} is not a field several people can share")
    kind = _PERSON_REFS.get(field)
    shown = doc.entity_name(kind, value) if kind and value else (value or "")
    if isinstance(value, list):
        shown = ", ".join(value)
    if field == "functional_manager" and len(ids) == 1:
        return ops.set_functional_manager(doc, ids[0], value)
    label = _field_label(doc, ids, field, shown)
    if field == "level":
        return SetLevel(tuple(ids), value, label=label)
    return Composite(tuple(SetField("person", i, field, value) for i in ids), label=label)


def edit_teams(
    doc: Document, ids: list[str], field: str, value: Any, label: str | None = None
) -> Op:
    """Set ``field`` to ``value`` on every team in ``ids``, as one labelled step.

    ``label`` replaces the usual wording of a plain field edit.
    """
    if not ids:
        raise OpRefused("no team is selected")
    who = teams_label(doc, ids)
    n = len(ids)
    if field == "parent":
        if n == 1:
            return ops.set_parent_team(doc, ids[0], value)
        label = (
            f"Move {n} teams under {doc.entity_name('team', value)}"
            if value
            else f"Make {n} teams top-level"
        )
        return Composite(tuple(ops.set_parent_team(doc, t, value) for t in ids), label=label)
    if field == "model":
        if n == 1:
            return ops.set_team_model(doc, ids[0], value)
        shown = TEAM_MODEL_NAMES.get(value or "", "the default model").lower()
        return Composite(
            tuple(ops.set_team_model(doc, t, value) for t in ids), label=f"Make {n} teams {shown}"
        )
    if field == "owner" and value:
        if n != 1:
            raise OpRefused("a team has one owner: choose one team")
        return ops.make_owner(doc, ids[0], value)
    if field not in _TEAM_FIELDS:
        raise OpRefused(f"{field!r} is not a field several teams can share")
    if label is None:
        label = _team_label(doc, who, field, value)
    steps = tuple(SetField("team", t, field, value) for t in ids)
    return Composite(steps, label=label)


_TEAM_FIELDS = ("name", "mission", "owner", "required_functions")


def _team_label(doc: Document, who: str, field: str, value: Any) -> str:
    """The Undo menu's words for a plain team field set to ``value`` on ``who``."""
    if field == "name":
        return f"Rename team {who} to {value}" if value else f"Clear the name of team {who}"
    if field == "mission":
        return f"Set the mission of {who}" if value else f"Clear the mission of {who}"
    if field == "owner":
        return f"Leave {who} without an owner"
    if value is None:  # required_functions back to the default
        return f"{who} needs the default functions"
    names = ", ".join(doc.entity_name("function", f) for f in value) or "no function"
    return f"{who} needs {names}"
