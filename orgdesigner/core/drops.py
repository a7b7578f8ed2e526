"""What a drop on the chart means, decided without any toolkit.

The canvas asks these functions while a drag is in progress and again on
release: given the document, the view, what is being dragged and the card it
is over, they return the operation the drop would perform, whether it is
allowed, and the sentence the status bar shows. The canvas only lights the
card, shows the sentence and, on release, hands the operation to the
controller; every decision lives here and is tested without Qt.

Dragged things:

* ``"card"``: a person's card (people and functions views) or a team's card
  (teams view);
* ``"chip"``: a member chip on a team card (teams view), which moves the person
  to another team.

A target is described by its kind (``person``, ``team``, ``header`` for a
function's column head) and the ID it stands for; the chart's stand-in IDs
:data:`~orgdesigner.core.chart.UNASSIGNED` ("No team") and
:data:`~orgdesigner.core.chart.NO_FUNCTION` ("No function") are understood.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from . import ops
from .chart import NO_FUNCTION, UNASSIGNED
from .model import Document

Dragged = Literal["card", "chip"]
# Prefix of a drop target ID that stands for a service team's "serves" band, not its card.
SERVES = "serves:"


class DropEffect(NamedTuple):
    """What a drop would do: the operation (None if nothing), whether it may, and why.

    A named tuple, so it also unpacks as ``(op, allowed, message)``.
    """

    op: ops.Op | None
    allowed: bool
    message: str

    @property
    def done(self) -> str:
        """The sentence once the drop happened: ``message`` in the past tense."""
        return past(self.message)


# A drop's sentence says what will happen while the mouse is held; after the drop the
# status bar says what happened. Each clause (between "; ") is turned on its own.
_PAST = (
    (re.compile(r"^Move "), "Moved "),
    (re.compile(r"^Add "), "Added "),
    (re.compile(r"^Take "), "Took "),
    (re.compile(r"^Make "), "Made "),
    (re.compile(r" will report to "), " now reports to "),
    (re.compile(r" will be "), " is now "),
    (re.compile(r" will serve "), " now serves "),
    (re.compile(r" moves? along$"), " moved along"),
    (re.compile(r" moves to "), " moved to "),
)


def past(message: str) -> str:
    """``"Ann will report to Bo; their 2 direct reports move along"`` ->
    ``"Ann now reports to Bo; their 2 direct reports moved along"``."""
    clauses = []
    for clause in message.split("; "):
        for pattern, repl in _PAST:
            clause = pattern.sub(repl, clause, count=1)
        clauses.append(clause)
    return "; ".join(clauses)


def refused(message: str) -> DropEffect:
    return DropEffect(None, False, message)


def name(doc: Document, id_: str | None) -> str:
    """A card's subject by name, including the chart's stand-in cards."""
    if id_ == UNASSIGNED:
        return "No team"
    if id_ == NO_FUNCTION:
        return "No function"
    if not id_:
        return "nobody"
    return doc.name_of(id_)


def drag_hint(doc: Document, view: str, kind: Dragged, source: str) -> str:
    """The status-bar sentence while ``source`` is dragged over nothing in particular."""
    who = name(doc, source)
    if kind == "chip":
        return f"Drop {who} on a team to move them there"
    if view == "people":
        return f"Drop {who} on their new line manager, or on empty space to place the card"
    if view == "teams":
        if any(t.model == "service" for t in doc.teams):
            return (
                f"Drop team {who} on its new parent team, on a service team's "
                "\u201cServes\u201d band, or on empty space to place it"
            )
        return f"Drop team {who} on its new parent team, or on empty space to place it"
    return f"Drop {who} on their new functional manager"


def _checked(doc: Document, op: ops.Op, message: str) -> DropEffect:
    reason = ops.preview(op, doc)
    if reason is not None:
        return DropEffect(op, False, f"Not possible: {reason}")
    return DropEffect(op, True, message)


def drop_effect(
    doc: Document,
    view: str,
    kind: Dragged,
    source: str,
    target_kind: str,
    target_id: str,
) -> DropEffect:
    """What dropping ``source`` (a card or a chip) on the card ``target_id`` would do."""
    who = name(doc, source)
    where = name(doc, target_id)
    if kind == "chip":
        if target_kind != "team":
            return refused(f"Drop {who} on a team card to move them there")
        p = doc.person(source)
        if target_id == UNASSIGNED:
            if p is not None and not (p.team and doc.team(p.team)):
                return refused(f"{who} is already on no team")
            op = ops.move_to_team(doc, source, None)
            return _checked(doc, op, f"Take {who} off {name(doc, p.team if p else None)}")
        if p is not None and p.team == target_id:
            return refused(f"{who} is already in {where}")
        op = ops.move_to_team(doc, source, target_id)
        return _checked(doc, op, ops.describe_team_move(doc, source, target_id))
    if view == "people":
        if target_kind != "person":
            return refused(f"Drop {who} on a person")
        p = doc.person(source)
        if p is not None and p.manager == target_id:
            return refused(f"{who} already reports to {where}")
        op = ops.set_manager(doc, source, target_id)
        reports = sum(1 for o in doc.people if o.manager == source)
        message = f"{who} will report to {where}"
        if reports:
            message += (
                f"; their {reports} direct report{'s move' if reports > 1 else ' moves'} along"
            )
        return _checked(doc, op, message)
    if view == "teams" and target_id.startswith(SERVES):
        return serves_drop_effect(doc, source, target_id[len(SERVES) :])
    if view == "teams":
        if target_kind != "team" or target_id == UNASSIGNED:
            return refused(f"Drop team {who} on a team")
        t = doc.team(source)
        if t is not None and t.parent == target_id:
            return refused(f"{who} is already under {where}")
        op = ops.set_parent_team(doc, source, target_id)
        return _checked(doc, op, f"Move team {who} under {where}")
    # functions: a person or a function's head names the new functional manager
    if target_id == NO_FUNCTION:
        return refused("People with no function have no leader to coach them")
    manager = target_id
    column: str | None
    if doc.person(manager) is None:
        fn = doc.function(target_id)
        if fn is None or not fn.leader or doc.person(fn.leader) is None:
            return refused(f"{where} has no leader to be {who}'s functional manager")
        manager = fn.leader
        column = fn.id
    else:
        column = craft_of(doc, manager)
    p = doc.person(source)
    if p is not None and p.functional_manager == manager:
        return refused(f"{name(doc, manager)} is already {who}'s functional manager")
    op = ops.set_functional_manager(doc, source, manager)
    message = f"{name(doc, manager)} will be {who}'s functional manager"
    # The chart lists a person in their own function's column: one of another craft
    # joins the leader's, so the card lands under the leader it was dropped on.
    own = doc.function_of(p) if p is not None else None
    if p is not None and own and column and own != column and doc.function(column):
        role = doc.role(p.role)
        value = None if role is not None and role.function == column else column
        move = ops.SetField("person", source, "function", value)
        op = ops.Composite((move, op), label=f"{op.label} in {name(doc, column)}")
        message += f"; {who} moves to {name(doc, column)}"
    return _checked(doc, op, message)


def craft_of(doc: Document, person: str) -> str | None:
    """The function whose column lists ``person`` as a leader: their own function, else
    the one they lead (as the functions view places them)."""
    p = doc.person(person)
    if p is None:
        return None
    own = doc.function_of(p)
    if own and doc.function(own) is not None:
        return own
    return next((f.id for f in doc.functions if f.leader == person), None)


def serves_drop_effect(doc: Document, source: str, service: str) -> DropEffect:
    """What dropping team ``source`` on the "serves" band of team ``service`` would do."""
    who = doc.entity_name("team", source)
    what = doc.entity_name("team", service)
    if source == service:
        return refused(f"{what} cannot serve itself")
    try:
        op = ops.serve(doc, service, source)
    except ops.OpRefused as exc:
        return refused(f"Not possible: {exc}")
    return _checked(doc, op, f"{what} will serve {who}")


def role_drop_effect(
    doc: Document, role: str, target_kind: str, target_id: str, on_chip: bool = False
) -> DropEffect:
    """What dropping the role ``role`` from the role library on a card (or chip) would do.

    On a team card it opens a position on that team; on a person (a card or a
    member chip) it opens a position reporting to them, on the team they own.
    """
    r = doc.role(role)
    if r is None:
        return refused(f"There is no role {role!r} in this document")
    what = r.title or role
    if target_id in (UNASSIGNED, NO_FUNCTION):
        return refused(f"Drop the {what} role on a team or a person")
    if target_kind == "team" and not on_chip:
        op = ops.add_vacancy(doc, role, team=target_id)
        return _checked(doc, op, f"Add an open {what} position to {name(doc, target_id)}")
    if doc.person(target_id) is not None:
        owned = next((t.id for t in doc.teams if t.owner == target_id), None)
        op = ops.add_vacancy(doc, role, team=owned, manager=target_id)
        return _checked(doc, op, f"Add an open {what} position reporting to {name(doc, target_id)}")
    return refused(f"Drop the {what} role on a team or a person")
