"""The transition plan: how to get from variant A to variant B, step by step.

A plan is built on :func:`orgdesigner.core.diff.diff`: every change the diff
sees (an added, removed or changed entity, a changed document setting) is
exactly one :class:`Step`, so applying every wave's steps in order to A gives
B as the diff sees it. What the plan adds is the order and the people:

- ``impact``: who changes line manager, functional manager or team, who loses
  or gains direct reports, who goes from manager to individual contributor and
  back, who owns a team they did not own, the open positions B adds (hires)
  and the people of A not in B (leaving).
- ``waves``: the steps grouped in the order a designer carries them out:

  1. create the new roles, functions and teams and place their owners (an
     owner's new reports come with them),
  2. open the new positions and welcome the people who join,
  3. move people, top-down through B's tree,
  4. switch teams to single-threaded ownership (once their people report to
     the owner),
  5. hand over the crafts (function leaders and standard owners),
  6. retire the old teams, roles and positions; the leavers go,
  7. adopt B's settings (name, default team model, rules).

  People and teams move top-down through B's tree, and an owner placed early
  brings their changed line managers above them along, so no step makes a
  line-manager or team loop that neither A nor B has.
- ``new_errors`` of each wave: the error findings of the organisation after
  that wave that neither A nor B has. After a wave leaves one, the steps about
  its subjects are brought forward from later waves (or, when none is, the
  next wave is done together with this one) until none is left; the wave's
  ``note`` says what was brought forward and why. The organisation after the
  last wave is B, so the list is always empty in the end; it is kept in the
  output for the record.

Findings match on rule and subjects: a finding whose wording changes with a
renamed team is the same finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .catalogue import CATALOGUE
from .diff import (
    ARROW,
    Diff,
    EntityChange,
    _rules_parts,
    diff,
    field_changes,
    field_label,
    value_text,
)
from .model import KIND_CLASSES, KIND_FIELDS, Document, RulesConfig
from .ops import AddEntity, Change, RemoveEntity, SetField, SetRules
from .rules import Finding, Validator
from .rules.engine import sort_key

IMPACT_KEYS: tuple[str, ...] = (
    "line_manager",
    "functional_manager",
    "team",
    "lose_reports",
    "gain_reports",
    "manager_to_ic",
    "ic_to_manager",
    "new_owners",
    "hires",
    "leaving",
)
IMPACT_LABELS: dict[str, str] = {
    "line_manager": "Change line manager",
    "functional_manager": "Change functional manager",
    "team": "Change team",
    "lose_reports": "Lose direct reports",
    "gain_reports": "Gain direct reports",
    "manager_to_ic": "Go from manager to individual contributor",
    "ic_to_manager": "Become a manager",
    "new_owners": "Own a team they did not own",
    "hires": "Open positions to fill (hires)",
    "leaving": "Leave (in A, not in B)",
}

# The waves, in order: (key, name). Empty waves are left out of a plan.
WAVES: tuple[tuple[str, str], ...] = (
    ("create", "Create the new teams and their owners"),
    ("open", "Open the new positions"),
    ("move", "Move people, top-down"),
    ("sto", "Switch teams to single-threaded ownership"),
    ("crafts", "Hand over the crafts' leadership and standards"),
    ("retire", "Retire old teams, roles and positions; leavers go"),
    ("settings", "Adopt the new settings"),
)
WAVE_NAMES = dict(WAVES)
_CREATE_KIND_ORDER = {"role": 0, "function": 1, "team": 2, "person": 3, "document": 4}
# Removals: people first (their team may go next), then teams, roles, functions.
_REMOVE_KIND_ORDER = {"person": 0, "team": 1, "role": 2, "function": 3, "document": 4}


@dataclass(frozen=True)
class Step:
    """One change of the diff: ``action`` is ``add``, ``remove`` or ``change``.

    ``kind`` is ``person``, ``team``, ``role``, ``function`` or ``document``
    (a document setting: ``id`` is its name, e.g. ``name`` or ``rules.params``).
    ``fields`` maps a field to ``(before, after)`` in JSON form, as in the diff.
    """

    kind: str
    id: str
    action: str
    fields: dict[str, tuple[Any, Any]]
    text: str
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "action": self.action,
            "fields": {k: [b, a] for k, (b, a) in self.fields.items()},
            "text": self.text,
            "name": self.name,
        }


@dataclass
class Wave:
    """Steps done together; ``new_errors`` after it; ``note`` says why steps were brought forward."""

    key: str
    name: str
    steps: list[Step] = field(default_factory=list)
    new_errors: list[Finding] = field(default_factory=list)
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "steps": [s.to_json() for s in self.steps],
            "new_errors": [f.to_json() for f in self.new_errors],
            "note": self.note,
        }


@dataclass
class ManagerSection:
    """What changes for the people of one manager (B's line manager; A's for leavers)."""

    manager: str | None
    name: str
    lines: list[tuple[str, str]]  # (person ID, what changes for them)


@dataclass
class Plan:
    """The transition from A to B: impact, waves, and the diff it is built on."""

    a_name: str
    b_name: str
    impact: dict[str, list[str]]
    waves: list[Wave]
    diff: Diff
    files: tuple[str, str] = ("", "")
    # Sentences about people whose place changes in a way the steps do not say.
    notes: list[str] = field(default_factory=list)

    # -- questions ---------------------------------------------------------------------
    @property
    def steps(self) -> list[Step]:
        """Every step, in order."""
        return [s for w in self.waves for s in w.steps]

    def is_empty(self) -> bool:
        return not self.waves

    def name_of(self, id_: str, kind: str = "person") -> str:
        """What a reader knows ``id_`` by, from B, else A."""
        for side in ("b", "a"):
            doc = self.diff.docs.get(side)
            if doc is None:
                continue
            e = doc.get(kind, id_)
            if e is not None:
                if kind == "person":
                    return doc.display_name(e)
                return getattr(e, "name", "") or getattr(e, "title", "") or id_
        return id_

    def affected(self) -> list[str]:
        """Everyone in an impact list, once, in the order of the lists."""
        seen: dict[str, None] = {}
        for key in IMPACT_KEYS:
            for pid in self.impact.get(key, ()):
                seen.setdefault(pid, None)
        return list(seen)

    def summary(self) -> str:
        """One line: steps, waves and people affected."""
        n, w, p = len(self.steps), len(self.waves), len(self.affected())
        if not n:
            return "Nothing to do: A and B are the same."
        return (
            f"{n} step{'s' if n != 1 else ''} in {w} wave{'s' if w != 1 else ''}; "
            f"{p} {'person' if p == 1 else 'people'} affected"
        )

    def by_manager(self) -> list[ManagerSection]:
        """One section per manager: what changes for each of their people.

        A person is listed under their line manager in B (in A for someone who
        leaves); people without one come last, under "No line manager".
        """
        a, b = self.diff.docs["a"], self.diff.docs["b"]
        person_steps = {s.id: s for s in self.steps if s.kind == "person"}
        extra: dict[str, list[str]] = {}
        coached = _coached(b)
        ra, rb = _reports(a), _reports(b)

        def names(ids: set[str]) -> str:
            shown = sorted(self.name_of(i) for i in ids)
            more = f" and {len(shown) - 4} more" if len(shown) > 4 else ""
            return ", ".join(shown[:4]) + more

        for pid in self.impact.get("lose_reports", ()):
            extra.setdefault(pid, []).append(
                f"no longer manages {names(ra.get(pid, set()) - rb.get(pid, set()))}"
            )
        for pid in self.impact.get("gain_reports", ()):
            extra.setdefault(pid, []).append(
                f"now manages {names(rb.get(pid, set()) - ra.get(pid, set()))}"
            )
        for key, words in (
            ("new_owners", "now owns {teams}"),
            ("manager_to_ic", "no longer has line reports"),
            ("ic_to_manager", "becomes a line manager"),
        ):
            for pid in self.impact.get(key, ()):
                teams = ", ".join(
                    t.name or t.id for t in b.teams if t.owner == pid and not _owned(a, t.id, pid)
                )
                text = words.format(teams=teams)
                if key == "manager_to_ic" and coached.get(pid):
                    text += f" but stays functional manager of {_people(coached[pid])}"
                extra.setdefault(pid, []).append(text)
        groups: dict[str | None, list[tuple[str, str]]] = {}
        for pid in self.affected():
            p = b.person(pid) or a.person(pid)
            if p is None:
                continue
            step = person_steps.get(pid)
            if step is not None:
                text = step.text + "".join(f"; {x}" for x in extra.get(pid, ()))
            else:
                text = f"{self.name_of(pid)}: " + "; ".join(extra.get(pid, ["no change"]))
            groups.setdefault(p.manager or None, []).append((pid, text))
        sections = [
            ManagerSection(m, self.name_of(m) if m else "No line manager", lines)
            for m, lines in groups.items()
        ]
        sections.sort(key=lambda s: (s.manager is None, s.name.casefold(), s.manager or ""))
        return sections

    # -- output ------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The ``plan --format json`` object of shared/FORMAT.md."""
        return {
            "from": self.files[0],
            "to": self.files[1],
            "impact": {k: list(self.impact.get(k, [])) for k in IMPACT_KEYS},
            "waves": [w.to_json() for w in self.waves],
        }

    def impact_lines(self, limit: int | None = 12) -> list[tuple[str, str]]:
        """(label, "n: Ann, Bo, ...") for each non-empty impact list, names cut at ``limit``."""
        out = []
        for key in IMPACT_KEYS:
            ids = self.impact.get(key, [])
            if not ids:
                continue
            names = [self.name_of(i) for i in (ids if limit is None else ids[:limit])]
            more = f" and {len(ids) - limit} more" if limit is not None and len(ids) > limit else ""
            out.append((IMPACT_LABELS[key], f"{len(ids)}: {', '.join(names)}{more}"))
        return out

    def to_text(self) -> str:
        """The plan for a terminal: summary, impact, then each wave's numbered steps."""
        lines = [
            f"Transition plan: {self.a_name or '(no name)'} {ARROW} {self.b_name or '(no name)'}",
            self.summary() + ".",
        ]
        impact = self.impact_lines()
        if impact:
            lines += ["", "Impact:"]
            lines += [f"  {label}: {text}" for label, text in impact]
        if self.notes:
            lines += ["", "Notes:"]
            lines += [f"  {n}" for n in self.notes]
        n = 0
        for i, w in enumerate(self.waves, start=1):
            lines += [
                "",
                f"Wave {i}: {w.name} ({len(w.steps)} step{'s' if len(w.steps) != 1 else ''})",
            ]
            if w.note:
                lines.append(f"  ({w.note})")
            for s in w.steps:
                n += 1
                lines.append(f"  {n}. {s.text}")
            if w.new_errors:
                lines.append(
                    f"  Errors after this wave that neither A nor B has: {len(w.new_errors)}"
                )
                lines += [f"    {f.rule}: {f.message}" for f in w.new_errors]
        return "\n".join(lines) + "\n"


# -- building the plan ---------------------------------------------------------------------


def _owned(doc: Document, team: str, pid: str) -> bool:
    t = doc.team(team)
    return t is not None and t.owner == pid


def _reports(doc: Document) -> dict[str, set[str]]:
    """Direct reports on the line, by manager (people in the document only)."""
    people = doc.by_id("person")
    out: dict[str, set[str]] = {}
    for p in doc.people:
        if p.manager and p.manager in people:
            out.setdefault(p.manager, set()).add(p.id)
    return out


def _coached(doc: Document) -> dict[str, int]:
    out: dict[str, int] = {}
    people = doc.by_id("person")
    for p in doc.people:
        if p.functional_manager and p.functional_manager in people:
            out[p.functional_manager] = out.get(p.functional_manager, 0) + 1
    return out


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def craft_notes(a: Document, b: Document, imp: dict[str, list[str]]) -> list[str]:
    """Leaders who lose their line reports and keep their craft: they stay its coaches."""
    coached = _coached(b)
    out = []
    for pid in imp.get("manager_to_ic", ()):
        p = b.person(pid)
        if p is None or not coached.get(pid):
            continue
        led = [f.name or f.id for f in b.functions if f.leader == pid]
        craft = f", as leader of {', '.join(led)}" if led else ""
        out.append(
            f"{b.display_name(p)} no longer has line reports but stays functional manager "
            f"of {_people(coached[pid])}{craft}: the craft's standards stay with them."
        )
    return out


def _depths(parent: dict[str, str | None]) -> dict[str, float]:
    """Each node's depth in the forest ``parent`` (inf on or under a loop); linear time."""
    depth: dict[str, float] = {}
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        cur: str | None = start
        base = 0.0
        while cur is not None and cur not in depth:
            if cur in on_path or cur not in parent:
                base = float("inf") if cur in on_path else -1.0
                break
            on_path.add(cur)
            path.append(cur)
            cur = parent.get(cur)
        else:
            base = depth[cur] if cur is not None else -1.0
        for node in reversed(path):
            base = base + 1
            depth[node] = base
    return depth


def _step_text(d: Diff, c: EntityChange, action: str) -> str:
    """A step in words, in the names of the side it speaks about."""
    a, b = d.docs["a"], d.docs["b"]
    kind = c.kind
    doc = b if action != "remove" else a
    entity = doc.get(kind, c.id)
    name = c.name or c.id

    def ref(k: str, id_: Any) -> str:
        return value_text(d, "a" if action == "remove" else "b", kind, k, id_, 80)

    if kind == "person":
        p = entity
        if action == "add":
            parts = []
            if p.team:
                parts.append(f"on {ref('team', p.team)}")
            if p.manager:
                parts.append(f"reporting to {ref('manager', p.manager)}")
            where = (" " + ", ".join(parts)) if parts else ""
            if p.vacant:
                return f"Open a position: {name}{where}"
            role = b.role(p.role)
            as_ = f" as {role.title}" if role is not None and role.title else ""
            return f"{name} joins{as_}{where}"
        if action == "remove":
            where = f" (from {ref('team', p.team)})" if p.team else ""
            return f"Close the open position {name}{where}" if p.vacant else f"{name} leaves{where}"
        move = next((m for m in d.moves if m.person == c.id), None)
        rest = {
            k: v for k, v in c.fields.items() if k not in ("team", "manager", "functional_manager")
        }
        if move is not None:
            extra = field_changes(d, EntityChange(kind, c.id, rest, name), 80) if rest else []
            return move.text + ("; " + "; ".join(extra) if extra else "")
        return f"{name}: " + "; ".join(field_changes(d, c, 80))
    what = {"team": "", "role": "the role ", "function": "the function "}[kind]
    if action == "add":
        text = f"Create {what}{name}"
        if kind == "team":
            if entity.owner:
                text += f", owned by {ref('owner', entity.owner)}"
            if entity.parent:
                text += f", under {ref('parent', entity.parent)}"
        return text
    if action == "remove":
        return f"Retire {what}{name}"
    label = {"team": "", "role": "Role ", "function": "Function "}[kind]
    parts = field_changes(d, c, 80)
    if kind == "team" and "model" in c.fields:
        # No model means the document's default: say which that is on each side.
        before, after = c.fields["model"]
        rest = {k: v for k, v in c.fields.items() if k != "model"}
        parts = [
            f"model {_model_text(a, before)} {ARROW} {_model_text(b, after)}",
            *(field_changes(d, EntityChange(kind, c.id, rest, name), 80) if rest else []),
        ]
    return f"{label}{name}: " + "; ".join(parts)


def _model_text(doc: Document, model: str | None) -> str:
    return model or f"{doc.default_team_model} (the default)"


def _document_step(d: Diff, key: str, before: Any, after: Any) -> Step:
    text = (
        f"{field_label(key)[0].upper()}{field_label(key)[1:]}: "
        f"{value_text(d, 'a', 'document', key, before, 80)} {ARROW} "
        f"{value_text(d, 'b', 'document', key, after, 80)}"
    )
    return Step("document", key, "change", {key: (before, after)}, text, field_label(key))


def steps_of(d: Diff) -> list[Step]:
    """Every change of ``d`` as one step (not yet in order)."""
    out: list[Step] = []
    for which, action in (("added", "add"), ("removed", "remove"), ("changed", "change")):
        for c in getattr(d, which):
            out.append(Step(c.kind, c.id, action, c.fields, _step_text(d, c, action), c.name))
    for key, (before, after) in d.document.items():
        out.append(_document_step(d, key, before, after))
    return out


def impact(a: Document, b: Document) -> dict[str, list[str]]:
    """The impact lists of shared/FORMAT.md: person IDs, in B's order (A's for leavers)."""
    pa, pb = a.by_id("person"), b.by_id("person")
    ra, rb = _reports(a), _reports(b)
    owned_a: dict[str, set[str]] = {}
    for t in a.teams:
        if t.owner:
            owned_a.setdefault(t.owner, set()).add(t.id)
    out: dict[str, list[str]] = {k: [] for k in IMPACT_KEYS}
    new_owner: set[str] = set()
    for t in b.teams:
        if t.owner and t.owner in pb and t.id not in owned_a.get(t.owner, ()):
            new_owner.add(t.owner)
    for p in b.people:
        old = pa.get(p.id)
        if old is None:
            if p.vacant:
                out["hires"].append(p.id)
            if p.id in new_owner:
                out["new_owners"].append(p.id)
            continue
        if (old.manager or None) != (p.manager or None):
            out["line_manager"].append(p.id)
        if (old.functional_manager or None) != (p.functional_manager or None):
            out["functional_manager"].append(p.id)
        if (old.team or None) != (p.team or None):
            out["team"].append(p.id)
        before, after = ra.get(p.id, set()), rb.get(p.id, set())
        if before - after:
            out["lose_reports"].append(p.id)
        if after - before:
            out["gain_reports"].append(p.id)
        if before and not after:
            out["manager_to_ic"].append(p.id)
        if after and not before:
            out["ic_to_manager"].append(p.id)
        if p.id in new_owner:
            out["new_owners"].append(p.id)
    out["leaving"] = [p.id for p in a.people if p.id not in pb]
    return out


def _effective_model(doc: Document, team_id: str) -> str | None:
    t = doc.team(team_id)
    return doc.model_of(t) if t is not None else None


def _first_waves(d: Diff, steps: list[Step]) -> dict[str, list[Step]]:
    """Each step in the wave it belongs to by its nature, before any is brought forward."""
    a, b = d.docs["a"], d.docs["b"]
    waves: dict[str, list[Step]] = {key: [] for key, _ in WAVES}
    person_step: dict[str, Step] = {}
    team_step: dict[str, Step] = {}
    for s in steps:
        if s.kind == "person" and s.action != "remove":
            person_step[s.id] = s
        elif s.kind == "team" and s.action != "remove":
            team_step[s.id] = s
    placed: set[tuple[str, str]] = set()

    def put(key: str, s: Step) -> None:
        if (s.kind, s.id) not in placed:
            placed.add((s.kind, s.id))
            waves[key].append(s)

    # Teams with a new owner (or new): the owner, and those who now report to them there.
    owned_now: dict[str, str] = {}  # team -> its new owner
    for tid, s in team_step.items():
        if s.action == "add" or "owner" in s.fields:
            t = b.team(tid)
            if t is not None and t.owner:
                owned_now[tid] = t.owner
    for s in steps:
        if s.action == "remove":
            put("retire", s)
        elif s.kind == "document":
            put("settings", s)
        elif s.kind in ("role",) or (s.kind == "function" and s.action == "add"):
            put("create", s)
        elif s.kind == "function":
            put("crafts", s)
        elif s.kind == "team":
            becomes_sto = (
                s.action == "change"
                and _effective_model(b, s.id) == "sto"
                and _effective_model(a, s.id) != "sto"
            )
            put("sto" if becomes_sto else "create", s)
    for owner in owned_now.values():
        if owner in person_step:
            put("create", person_step[owner])
    for pid, s in person_step.items():
        p = b.person(pid)
        if (
            p is not None
            and p.team in owned_now
            and p.manager == owned_now[p.team]
            and (s.action == "add" or "manager" in s.fields or "team" in s.fields)
        ):
            put("create", s)
    for s in person_step.values():
        put("open" if s.action == "add" else "move", s)
    return waves


def _references(s: Step) -> set[str]:
    """The IDs a step's new values refer to."""
    out: set[str] = set()
    for _, after in s.fields.values():
        if isinstance(after, str):
            out.add(after)
        elif isinstance(after, list):
            out.update(v for v in after if isinstance(v, str))
        elif isinstance(after, dict):
            out.update(v for v in after.values() if isinstance(v, str))
    return out


def _wave_name(key: str, steps: list[Step]) -> str:
    """The wave's name; the first wave says what it does when it creates no team or owner."""
    if key != "create" or any(
        s.kind == "team" and (s.action == "add" or "owner" in s.fields) for s in steps
    ):
        return WAVE_NAMES[key]
    teams = [s for s in steps if s.kind == "team"]
    if teams and all(
        set(s.fields) == {"model"} and s.fields["model"][1] == "functional" for s in teams
    ):
        return "Switch teams to the three-legged stool"
    return "Reshape the teams and roles"


class _Schedule:
    """Orders steps so that no wave makes a loop, and brings steps forward to avoid errors."""

    def __init__(self, d: Diff, steps: list[Step]) -> None:
        self.d = d
        a, b = d.docs["a"], d.docs["b"]
        self.b_manager = {p.id: (p.manager or None) for p in b.people}
        self.b_parent = {t.id: (t.parent or None) for t in b.teams}
        self.person_depth = _depths(self.b_manager)
        self.team_depth = _depths(self.b_parent)
        # Steps that set a line manager or a parent team (the ones that can close a loop).
        self.line_steps: dict[tuple[str, str], Step] = {}
        # Removals of people and teams: one that B still points at (a manager or parent
        # B names but no longer has) can sit below the pointer in A, and must go first.
        self.removals: dict[tuple[str, str], Step] = {}
        for s in steps:
            if s.action == "remove":
                if s.kind in ("person", "team"):
                    self.removals[(s.kind, s.id)] = s
                continue
            if s.kind == "person" and (s.action == "add" or "manager" in s.fields):
                self.line_steps[("person", s.id)] = s
            elif s.kind == "team" and (s.action == "add" or "parent" in s.fields):
                self.line_steps[("team", s.id)] = s
        self._a_people = a.by_id("person")

    def key(self, s: Step) -> tuple[Any, ...]:
        order = _REMOVE_KIND_ORDER if s.action == "remove" else _CREATE_KIND_ORDER
        depth = 0.0
        if s.kind == "person":
            depth = self.person_depth.get(s.id, 0.0)
        elif s.kind == "team":
            depth = self.team_depth.get(s.id, 0.0)
        return (order.get(s.kind, 9), depth)

    def sort(self, steps: list[Step]) -> list[Step]:
        return sorted(steps, key=self.key)

    def closure(self, chosen: Iterable[Step], pending: set[tuple[str, str]]) -> list[Step]:
        """``chosen`` with every pending line step above them in B's trees (top-down first),
        and the pending removal of a manager or parent team B names but no longer has."""
        out: dict[tuple[str, str], Step] = {}
        for s in chosen:
            out[(s.kind, s.id)] = s
            if s.kind not in ("person", "team"):
                continue
            up = self.b_manager if s.kind == "person" else self.b_parent
            cur = up.get(s.id)
            seen = {s.id}
            while cur and cur not in seen:
                seen.add(cur)
                k = (s.kind, cur)
                if k in pending and k in self.line_steps:
                    out.setdefault(k, self.line_steps[k])
                elif k in pending and k in self.removals:
                    out.setdefault(k, self.removals[k])
                cur = up.get(cur)
        return list(out.values())


class _Work:
    """A copy of A to carry out steps on, copied entity by entity as they change.

    A deep copy of a 10,000-person document costs more than the whole plan may
    take; the lists are copied, and an entity only when a step first changes it.
    """

    def __init__(self, a: Document) -> None:
        doc = a.model_copy()
        for kind in KIND_CLASSES:
            setattr(doc, KIND_FIELDS[kind], list(a.entities(kind)))
        doc.forget_index()
        self.doc = doc
        self.own: set[tuple[str, str]] = set()
        self._at: dict[str, dict[str, int]] = {}

    def _own(self, kind: str, id_: str) -> None:
        if (kind, id_) in self.own:
            return
        items = self.doc.entities(kind)
        at = self._at.get(kind)
        if at is None:
            at = self._at[kind] = {e.id: i for i, e in enumerate(items)}
        i = at[id_]
        copy = items[i].model_copy(deep=True)
        items[i] = copy
        self.doc.by_id(kind)[id_] = copy
        self.own.add((kind, id_))

    def apply(self, s: Step) -> list[Change]:
        """Make one step's change through the edit operations; their changes."""
        doc = self.doc
        if s.kind == "document":
            _, after = s.fields[s.id]
            if s.id.startswith("rules."):
                parts = _rules_parts(doc.rules)
                parts[s.id.split(".", 1)[1]] = after
                return SetRules(RulesConfig.model_validate(parts)).apply(doc).changes
            return SetField("document", None, s.id, after, restore=True).apply(doc).changes
        cls = KIND_CLASSES[s.kind]
        if s.action == "add":
            entity = cls.model_validate({"id": s.id, **{k: a for k, (_, a) in s.fields.items()}})
            self.own.add((s.kind, s.id))
            self._at.pop(s.kind, None)
            return AddEntity(s.kind, entity, restore=True).apply(doc).changes
        if s.action == "remove":
            self._at.pop(s.kind, None)
            return RemoveEntity(s.kind, s.id).apply(doc).changes
        self._own(s.kind, s.id)
        current = doc.get(s.kind, s.id)
        data = current.model_dump()
        data.update({k: a for k, (_, a) in s.fields.items()})
        new = cls.model_validate(data)
        changes: list[Change] = []
        for k in s.fields:
            changes += SetField(s.kind, s.id, k, getattr(new, k), restore=True).apply(doc).changes
        return changes

    def run(
        self, steps: Iterable[Step], each: Callable[[Step], None] | None = None
    ) -> list[Change]:
        changes: list[Change] = []
        for s in steps:
            changes += self.apply(s)
            if each is not None:
                each(s)
        return changes


def apply_steps(
    doc: Document, steps: Iterable[Step], each: Callable[[Step, Document], None] | None = None
) -> Document:
    """A copy of ``doc`` with ``steps`` carried out in order; ``each(step, copy)`` after each.

    ``doc`` itself is not changed.
    """
    work = _Work(doc)
    work.run(steps, None if each is None else (lambda s: each(s, work.doc)))
    work.doc.forget_index()
    return work.doc


def apply_plan(a: Document, p: Plan) -> Document:
    """A copy of ``a`` with every wave's steps carried out: B, as the diff sees it."""
    return apply_steps(a, p.steps)


class _Errors:
    """Error findings after a wave that neither A nor B has, looking only at what changed.

    The validator of the work copy starts empty and rechecks only the anchors
    the steps touch; a finding is compared with the same anchor's findings in A
    and in B (a finding always comes from the same anchor), checked on demand:
    the validators of A and B are only built when the work copy has an error.
    When the steps leave the rule settings alone, only the rules whose findings
    are errors run.
    """

    def __init__(self, work: Document, a: Document, b: Document, settings_change: bool) -> None:
        self.config = None if settings_change else _errors_only(a.rules)
        self.work = Validator(work, self.config, lazy=True)
        self.docs = (a, b)
        self._sides: tuple[Validator, Validator] | None = None
        self.known: dict[tuple[str, str], set[tuple[str, tuple[str, ...]]]] = {}

    def _allowed(self, anchor: tuple[str, str]) -> set[tuple[str, tuple[str, ...]]]:
        got = self.known.get(anchor)
        if got is None:
            if self._sides is None:
                a, b = self.docs
                self._sides = (
                    Validator(a, self.config, lazy=True),
                    Validator(b, None if self.config is None else _errors_only(b.rules), lazy=True),
                )
            got = set()
            for v in self._sides:
                got |= {
                    (f.rule, f.subjects)
                    for f in v.findings_of(*anchor)
                    if f.severity == "error" and not f.waived
                }
            self.known[anchor] = got
        return got

    def after(self, changes: list[Change]) -> list[Finding]:
        self.work.update(changes)
        out = []
        for anchor, found in self.work.anchored().items():
            for f in found:
                if f.severity != "error" or f.waived:
                    continue
                if (f.rule, f.subjects) not in self._allowed(anchor):
                    out.append(f)
        out.sort(key=sort_key)
        return out


def _errors_only(rules: RulesConfig) -> RulesConfig:
    """``rules`` with every rule switched off whose findings are never errors."""
    off = set(rules.disabled)
    for info in CATALOGUE:
        severity = rules.severity.get(info.id, info.severity)
        # STO-REPORTS may lower one finding to info, never raise one to error.
        if severity != "error":
            off.add(info.id)
    data = rules.model_dump()
    data["disabled"] = sorted(off)
    return RulesConfig.model_validate(data)


def plan(
    a: Document,
    b: Document,
    *,
    files: tuple[str, str] = ("", ""),
    d: Diff | None = None,
) -> Plan:
    """The transition plan from ``a`` to ``b`` (neither is changed).

    ``d`` is the diff of the two when already at hand (its findings are not needed).
    """
    if d is None:
        d = diff(a, b, findings=False)
    steps = steps_of(d)
    first = _first_waves(d, steps)
    sched = _Schedule(d, steps)
    pending_waves = [(key, sched.sort(first[key])) for key, _ in WAVES if first[key]]
    pending = {(s.kind, s.id) for _, ws in pending_waves for s in ws}

    work = _Work(a)
    check = _Errors(
        work.doc, a, b, any(s.kind == "document" and s.id.startswith("rules.") for s in steps)
    )

    def take(extra: list[Step]) -> list[Finding]:
        nonlocal pending, pending_waves
        taken = {(s.kind, s.id) for s in extra}
        pending -= taken
        pending_waves = [
            (k, [s for s in ws if (s.kind, s.id) not in taken]) for k, ws in pending_waves
        ]
        pending_waves = [(k, ws) for k, ws in pending_waves if ws]
        return check.after(work.run(extra))

    waves: list[Wave] = []
    while pending_waves:
        key, wave_steps = pending_waves.pop(0)
        wave = Wave(key, _wave_name(key, wave_steps))
        # The closure brings along the line steps above these in B's trees.
        wave.steps = sched.sort(
            sched.closure(wave_steps, pending | {(s.kind, s.id) for s in wave_steps})
        )
        errors = take(wave.steps)
        forward: list[str] = []
        merged: list[str] = []
        why = ""
        while errors and pending_waves:
            why = why or errors[0].message
            subjects = {x for f in errors for x in f.subjects}
            # What the subjects' steps point at (a new functional manager not added
            # yet...) is wanted too.
            subjects |= {ref for st in wave.steps if st.id in subjects for ref in _references(st)}
            pull = [s for _, ws in pending_waves for s in ws if s.id in subjects]
            if pull:
                extra = sched.sort(sched.closure(pull, pending))
                forward += [s.name or s.id for s in extra]
            else:
                k, next_steps = pending_waves[0]
                merged.append(WAVE_NAMES[k])
                extra = sched.sort(sched.closure(next_steps, pending))
            wave.steps += extra
            errors = take(extra)
        notes = []
        if forward:
            shown = ", ".join(forward[:5])
            if len(forward) > 5:
                shown += f" and {len(forward) - 5} more"
            notes.append(f"brought forward: {shown}")
        if merged:
            wave.name += "; " + "; ".join(n[0].lower() + n[1:] for n in merged)
            notes.append("done together with the next wave" + ("s" if len(merged) > 1 else ""))
        if notes:
            wave.note = "; ".join(notes) + f" (without that, an error neither variant has: {why})"
        if errors:
            wave.note = (wave.note + "; " if wave.note else "") + (
                "this error cannot be avoided here: " + errors[0].message
            )
        wave.new_errors = errors
        waves.append(wave)
    imp = impact(a, b)
    return Plan(a.name, b.name, imp, waves, d, files, craft_notes(a, b, imp))


__all__ = [
    "IMPACT_KEYS",
    "ManagerSection",
    "Plan",
    "Step",
    "Wave",
    "apply_plan",
    "apply_steps",
    "impact",
    "plan",
    "steps_of",
]
