"""What changes from one organisation variant (A) to another (B).

Entities are matched by ID within their kind (person, team, role, function);
the order of the lists in the files does not matter. A :class:`Diff` holds:

- ``added`` / ``removed`` / ``changed``: one :class:`EntityChange` per entity,
  its ``fields`` mapping each field to ``(before, after)`` in JSON form. An added
  entity lists the fields it sets (``before`` None), a removed one the fields it
  had (``after`` None); a changed one only the fields that differ. This is the
  ``diff --format json`` object of shared/FORMAT.md.
- ``document``: changes to the document's own fields (``name``,
  ``description``, ``default_team_model``) and to its rule settings
  (``rules.params``, ``rules.severity``, ``rules.disabled``, ``rules.waivers``),
  which change what the validator says.
- ``moves``: for each person in both variants whose team, line manager or
  functional manager changes, one sentence ("Ann: Payments → Checkout, now
  reports to Bo (was Al)").
- ``churn``: among the people in both variants, how many change line manager,
  functional manager, team, and any of the three. ``""`` and no value count as
  the same here ("none"), though ``changed`` keeps the difference exactly.
- ``figures`` of each side (:mod:`orgdesigner.core.figures`), their deltas and,
  when the sides were validated, the findings each side has and the other has not.
- ``cost()``: the cost of each side, by team and by function
  (:mod:`orgdesigner.core.cost`); ``diff --format json`` prints its totals as
  ``cost``: ``{"a": total, "b": total, "currency": ...}``, ``null`` where no
  one has a cost, in A's currency (B's when A names none).

Not covered: ``view`` (presentation only), ``format`` and ``version`` (equal
after loading), and the order of entities. :func:`apply_diff` therefore gives
a document equal to B up to those: entities keep A's order, added ones follow
in B's order.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .cost import CostComparison
from .cost import compare as compare_cost
from .figures import Figures, deltas, figures, label
from .model import KIND_CLASSES, KIND_FIELDS, Document, Person, RulesConfig, summary_fields
from .ops import DOCUMENT_FIELDS, validate_value
from .rules import Finding, Report, validate
from .rules.engine import sort_key
from .rules.index import REFERENCES

# Kinds in the order a reader wants them: people first.
KINDS: tuple[str, ...] = ("person", "team", "role", "function")
KIND_LABELS = {"person": "People", "team": "Teams", "role": "Roles", "function": "Functions"}
RULE_PARTS: tuple[str, ...] = ("params", "severity", "disabled", "waivers")
ARROW = "\u2192"


@dataclass(frozen=True)
class EntityChange:
    """One added, removed or changed entity; ``fields`` maps a field to ``(before, after)``.

    ``name`` is what a reader knows it by (B's name, or A's for a removed entity).
    """

    kind: str
    id: str
    fields: dict[str, tuple[Any, Any]]
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "fields": {k: [b, a] for k, (b, a) in self.fields.items()},
        }


@dataclass(frozen=True)
class Move:
    """A person in both variants whose team, line manager or functional manager changes.

    Each of ``team``, ``manager`` and ``functional_manager`` is ``(before, after)``
    IDs when it changes, else None. ``text`` says it in words.
    """

    person: str
    name: str
    text: str
    team: tuple[str | None, str | None] | None = None
    manager: tuple[str | None, str | None] | None = None
    functional_manager: tuple[str | None, str | None] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"person": self.person, "name": self.name, "text": self.text}
        for key in ("team", "manager", "functional_manager"):
            value = getattr(self, key)
            if value is not None:
                out[key] = list(value)
        return out


@dataclass
class Diff:
    """The changes from A to B, with the figures of both sides."""

    a_name: str
    b_name: str
    added: list[EntityChange] = field(default_factory=list)
    removed: list[EntityChange] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)
    document: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    moves: list[Move] = field(default_factory=list)
    churn: dict[str, int] = field(default_factory=dict)
    figures: dict[str, Figures] = field(default_factory=dict)
    reports: dict[str, Report | None] = field(default_factory=dict)
    # The two documents, for names in the text and the report (not compared, not printed).
    docs: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)
    _cost: CostComparison | None = field(default=None, repr=False, compare=False)

    # -- questions ----------------------------------------------------------------
    def is_empty(self) -> bool:
        """True when B has the same entities and settings as A (figures aside)."""
        return not (self.added or self.removed or self.changed or self.document)

    def of_kind(self, which: str, kind: str) -> list[EntityChange]:
        """The ``added``, ``removed`` or ``changed`` entries of one kind."""
        return [c for c in getattr(self, which) if c.kind == kind]

    def deltas(self) -> dict[str, float | int]:
        """B minus A for each figure, flat (``findings.error`` and so on)."""
        return deltas(self.figures["a"], self.figures["b"])

    def cost(self) -> CostComparison:
        """The cost of A and of B, by team and by function (computed once, on first ask)."""
        if self._cost is None:
            self._cost = compare_cost(self.docs["a"], self.docs["b"])
        return self._cost

    def findings_only(self, side: str) -> list[Finding]:
        """Findings ``side`` (``"a"`` or ``"b"``) has and the other side has not.

        Findings match when rule, severity, message, subjects and waived state
        are all equal; an empty list when either side was not validated.
        """
        mine, other = self.reports.get(side), self.reports.get("b" if side == "a" else "a")
        if mine is None or other is None:
            return []
        left = Counter(mine.findings) - Counter(other.findings)
        return sorted(left.elements(), key=sort_key)

    def summary(self) -> str:
        """One line: how many entities were added, removed and changed."""
        n_doc = len(self.document)
        doc = f", {n_doc} document setting{'s' if n_doc != 1 else ''}" if n_doc else ""
        return (
            f"{len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed{doc}; {len(self.moves)} "
            f"{'person moves' if len(self.moves) == 1 else 'people move'}"
        )

    # -- output ---------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The ``diff --format json`` object of shared/FORMAT.md, with extra keys."""
        fa, fb = self.figures.get("a"), self.figures.get("b")
        out: dict[str, Any] = {
            "names": {"a": self.a_name, "b": self.b_name},
            "added": [c.to_json() for c in self.added],
            "removed": [c.to_json() for c in self.removed],
            "changed": [c.to_json() for c in self.changed],
            "document": {k: [b, a] for k, (b, a) in self.document.items()},
            "moves": [m.to_json() for m in self.moves],
            "churn": dict(self.churn),
        }
        if fa is not None and fb is not None:
            out["figures"] = {"a": fa.to_json(), "b": fb.to_json()}
            nested: dict[str, Any] = {}
            for name, value in self.deltas().items():
                if name.startswith("findings."):
                    nested.setdefault("findings", {})[name.split(".", 1)[1]] = value
                else:
                    nested[name] = value
            out["deltas"] = nested
        if "a" in self.docs and "b" in self.docs:
            out["cost"] = self.cost().to_json()
        if self.reports.get("a") is not None and self.reports.get("b") is not None:
            out["findings_only"] = {
                s: [f.to_json() for f in self.findings_only(s)] for s in ("a", "b")
            }
        return out

    def to_text(self) -> str:
        """A plain-text account for the terminal: figures, moves, changes by kind, findings."""
        lines: list[str] = [
            f"A: {self.a_name or '(no name)'}",
            f"B: {self.b_name or '(no name)'}",
            "",
        ]
        if self.figures:
            lines += figures_table(self)
            lines.append("")
        lines.append("No changes." if self.is_empty() else f"Changes: {self.summary()}.")
        if self.churn.get("people_compared"):
            lines.append(churn_sentence(self.churn))
        if self.document:
            lines += ["", "Document:"]
            lines += [
                f"  {field_label(k)}: {value_text(self, 'a', 'document', k, b)} {ARROW} "
                f"{value_text(self, 'b', 'document', k, a)}"
                for k, (b, a) in self.document.items()
            ]
        if self.moves:
            lines += ["", f"Moves ({len(self.moves)}):"]
            lines += [f"  {m.text}" for m in self.moves]
        for kind in KINDS:
            groups = [(w, self.of_kind(w, kind)) for w in ("added", "removed", "changed")]
            if not any(g for _, g in groups):
                continue
            lines += ["", f"{KIND_LABELS[kind]}:"]
            for which, entries in groups:
                for c in entries:
                    lines.append(f"  {describe(self, c, which)}")
        for side, other in (("a", "B"), ("b", "A")):
            only = self.findings_only(side)
            if only:
                lines += ["", f"Findings only in {side.upper()} (not in {other}): {len(only)}"]
                lines += [
                    f"  {'waived' if f.waived else f.severity:<7} {f.rule:<20} {f.message}"
                    for f in only
                ]
        return "\n".join(lines) + "\n"


# -- wording shared by the text output and the PDF report -------------------------------


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


# What an added or removed entity is described by, in this order.
SUMMARY_FIELDS: dict[str, tuple[str, ...]] = {
    "person": summary_fields("person"),
    "team": summary_fields("team"),
    "role": ("function", "people_manager", "levels"),
    "function": ("leader",),
}


# How a field is called in sentences; the JSON keeps the format's own names.
FIELD_LABELS: dict[str, str] = {
    "default_team_model": "default team model",
    "rules.params": "rule parameters",
    "rules.severity": "rule severities",
    "rules.disabled": "rules switched off",
    "rules.waivers": "waivers",
}


def field_label(name: str) -> str:
    """``functional_manager`` -> ``functional manager``."""
    return FIELD_LABELS.get(name) or name.replace("_", " ")


def entity_name(doc: Document | None, kind: str, id_: str | None) -> str:
    """What a reader knows an entity by: its name (a person's display name), else its ID."""
    if not id_:
        return "none"
    return doc.entity_name(kind, id_) if doc is not None else id_


def value_text(
    d: Diff, side: str, kind: str, field_name: str, value: Any, limit: int | None = 60
) -> str:
    """A field's value in words, references shown by name in the ``side`` document."""
    doc = d.docs.get(side)
    target = REFERENCES.get(kind, {}).get(field_name)
    text: str
    if value is None or value == "" or value == [] or value == {}:
        text = "none"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif target and isinstance(value, str):
        text = entity_name(doc, target, value)
    elif target and isinstance(value, dict):
        text = ", ".join(f"{k}: {entity_name(doc, target, v)}" for k, v in value.items())
    elif target and isinstance(value, list):
        text = ", ".join(entity_name(doc, target, v) for v in value)
    elif field_name == "levels" and isinstance(value, list):
        text = ", ".join(
            lv.get("code", "?") + (f" {lv['title']}" if lv.get("title") else "")
            for lv in value
            if isinstance(lv, dict)
        )
    elif field_name == "rules.waivers" and isinstance(value, list):
        text = "; ".join(
            f"{w.get('rule')} {w.get('subject')} ({w.get('reason')})"
            for w in value
            if isinstance(w, dict)
        )
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ", ".join(value)
    elif isinstance(value, dict):
        text = ", ".join(
            f"{k} {_json_text(v) if not isinstance(v, str) else v}" for k, v in value.items()
        )
    elif isinstance(value, str):
        text = " ".join(value.split())
    else:
        text = _json_text(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return text


def field_changes(d: Diff, c: EntityChange, limit: int | None = 60) -> list[str]:
    """ "manager Al → Bo" for each changed field of ``c``."""
    return [
        f"{field_label(k)} {value_text(d, 'a', c.kind, k, b, limit)} {ARROW} "
        f"{value_text(d, 'b', c.kind, k, a, limit)}"
        for k, (b, a) in c.fields.items()
    ]


def entity_summary(
    d: Diff, c: EntityChange, which: str, limit: int | None = 60, *, kind_said: bool = False
) -> str:
    """The main fields of an added or removed entity: "role Engineer, team Payments, ...".

    With ``kind_said``, the text around it already calls an open position so
    (:func:`kind_word`), and "vacant" is not said again.
    """
    side = "b" if which == "added" else "a"
    parts = []
    said = ("vacant",) if kind_said and kind_word(c, which) == "open position" else ()
    for name in SUMMARY_FIELDS.get(c.kind, ()):
        if name not in c.fields or name in said:
            continue
        value = c.fields[name][1 if which == "added" else 0]
        if isinstance(value, bool):
            if value:
                parts.append(field_label(name))
            continue
        parts.append(f"{field_label(name)} {value_text(d, side, c.kind, name, value, limit)}")
    return ", ".join(parts)


def kind_word(c: EntityChange, which: str) -> str:
    """What an added or removed entity is: its kind, or "open position" for a vacancy."""
    if c.kind == "person":
        vacant = c.fields.get("vacant", (None, None))
        if vacant[1 if which == "added" else 0]:
            return "open position"
    return c.kind


def describe(d: Diff, c: EntityChange, which: str) -> str:
    """One line about an entry: ``+ person p-zed (Zed): team Checkout...`` or what changed."""
    word = kind_word(c, which) if which in ("added", "removed") else c.kind
    head = f"{word} {c.id}" + (f" ({c.name})" if c.name and c.name != c.id else "")
    if which in ("added", "removed"):
        summary = entity_summary(d, c, which, kind_said=True)
        return f"{'+' if which == 'added' else '-'} {head}" + (f": {summary}" if summary else "")
    return f"~ {head}: " + "; ".join(field_changes(d, c))


def churn_sentence(churn: dict[str, int]) -> str:
    """ "Of 120 people in both: 14 change line manager, 9 functional manager, 6 team (17 in all)."""
    n = churn.get("people_compared", 0)
    if not n:
        return "No people in both variants."

    def pct(k: str) -> str:
        return f"{churn.get(k, 0)} ({100 * churn.get(k, 0) / n:.0f}%)"

    return (
        f"Of {n} {'person' if n == 1 else 'people'} in both: {pct('line_manager')} change "
        f"line manager, {pct('functional_manager')} functional manager, {pct('team')} team; "
        f"{pct('any')} in all."
    )


def format_number(value: float | int) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def format_delta(value: float | int) -> str:
    if not value:
        return "="
    text = format_number(abs(value))
    return ("+" if value > 0 else "\u2212") + text


def figure_rows(d: Diff) -> list[tuple[str, str, str, str, str]]:
    """(name, label, A, B, change) for each figure both sides have, findings last."""
    fa, fb = d.figures["a"], d.figures["b"]
    va, vb, dv = fa.values(), fb.values(), d.deltas()
    rows = []
    for name in va:
        if name not in vb:
            continue
        rows.append(
            (
                name,
                label(name),
                format_number(va[name]),
                format_number(vb[name]),
                format_delta(dv[name]),
            )
        )
    return rows


def figures_table(d: Diff) -> list[str]:
    rows = [("Figure", "A", "B", "Change"), *(r[1:] for r in figure_rows(d))]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    out = []
    for r in rows:
        out.append(
            f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  "
            f"{r[3]:>{widths[3]}}".rstrip()
        )
    return out


# -- computing the diff ---------------------------------------------------------------------


def _json(value: Any) -> Any:
    """A field value in the form the JSON output (and apply_diff) uses."""
    if isinstance(value, BaseModel):
        # Optional fields left unset (a level's grade or cost) are left out, as in the file.
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    return value


def _display(doc: Document, kind: str, entity: Any) -> str:
    return doc.entity_name(kind, entity.id)


def _entity_fields(entity: BaseModel) -> dict[str, Any]:
    data = entity.model_dump(mode="json", exclude_defaults=True)
    data.pop("id", None)
    return data


def _rules_parts(rules: RulesConfig) -> dict[str, Any]:
    return {
        "params": rules.params.model_dump(mode="json", exclude_none=True),
        "severity": dict(rules.severity),
        "disabled": list(rules.disabled),
        "waivers": [w.model_dump(mode="json") for w in rules.waivers],
    }


def _norm(ref: str | None) -> str | None:
    return ref or None


def diff(
    a: Document, b: Document, *, findings: bool = True, reports: tuple[Report, Report] | None = None
) -> Diff:
    """The changes from ``a`` to ``b`` and the figures of both.

    ``reports`` are validations already at hand (the app's live validators);
    without them both sides are validated, unless ``findings`` is False: then
    the figures carry no findings and nothing is validated (the fast path).
    """
    d = Diff(a.name, b.name, docs={"a": a, "b": b})
    in_both = 0  # people in both variants
    edited: list[tuple[Person, Person]] = []  # people whose fields differ, A's then B's
    for kind in KINDS:
        ia, ib = a.by_id(kind), b.by_id(kind)
        for entity in b.entities(kind):
            if entity.id not in ia:
                d.added.append(
                    EntityChange(
                        kind,
                        entity.id,
                        {k: (None, v) for k, v in _entity_fields(entity).items()},
                        _display(b, kind, entity),
                    )
                )
        for entity in a.entities(kind):
            other = ib.get(entity.id)
            if other is None:
                d.removed.append(
                    EntityChange(
                        kind,
                        entity.id,
                        {k: (v, None) for k, v in _entity_fields(entity).items()},
                        _display(a, kind, entity),
                    )
                )
                continue
            if kind == "person":
                in_both += 1
            # Fields live in __dict__: one C-level comparison settles the common
            # case (unchanged) without walking the fields.
            if entity.__dict__ == other.__dict__:
                continue
            if kind == "person":
                edited.append((entity, other))
            before, after = entity.__dict__, other.__dict__
            fields = {
                k: (_json(before[k]), _json(after[k]))
                for k in type(entity).model_fields
                if k != "id" and before[k] != after[k]
            }
            if fields:
                d.changed.append(EntityChange(kind, entity.id, fields, _display(b, kind, other)))
    for name in DOCUMENT_FIELDS:
        if getattr(a, name) != getattr(b, name):
            d.document[name] = (_json(getattr(a, name)), _json(getattr(b, name)))
    ra, rb = _rules_parts(a.rules), _rules_parts(b.rules)
    for part in RULE_PARTS:
        if ra[part] != rb[part]:
            d.document[f"rules.{part}"] = (ra[part], rb[part])
    d.moves, d.churn = _moves(a, b, edited, in_both)
    if reports is not None:
        d.reports = {"a": reports[0], "b": reports[1]}
    elif findings:
        d.reports = {"a": validate(a), "b": validate(b)}
    else:
        d.reports = {"a": None, "b": None}
    d.figures = {
        "a": figures(a, d.reports["a"], findings=False),
        "b": figures(b, d.reports["b"], findings=False),
    }
    return d


def _moves(
    a: Document, b: Document, edited: list[tuple[Person, Person]], both: int
) -> tuple[list[Move], dict[str, int]]:
    """Moves and churn among people in both variants; only edited people can move."""
    counts = Counter[str]()
    moves: list[Move] = []
    for old, p in edited:
        if (
            old.manager == p.manager
            and old.team == p.team
            and old.functional_manager == p.functional_manager
        ):
            continue
        team = (_norm(old.team), _norm(p.team))
        mgr = (_norm(old.manager), _norm(p.manager))
        fm = (_norm(old.functional_manager), _norm(p.functional_manager))
        changed = {
            k: v
            for k, v in (("team", team), ("line_manager", mgr), ("functional_manager", fm))
            if v[0] != v[1]
        }
        if not changed:
            continue
        counts.update(changed.keys())
        counts["any"] += 1
        moves.append(
            Move(
                p.id,
                b.display_name(p),
                move_text(a, b, old, p),
                team if "team" in changed else None,
                mgr if "line_manager" in changed else None,
                fm if "functional_manager" in changed else None,
            )
        )
    churn = {
        "people_compared": both,
        "line_manager": counts["line_manager"],
        "functional_manager": counts["functional_manager"],
        "team": counts["team"],
        "any": counts["any"],
    }
    return moves, churn


def _person_name(doc: Document, id_: str | None) -> str:
    return doc.entity_name("person", id_)


def _team_name(doc: Document, id_: str | None) -> str:
    return doc.entity_name("team", id_) if id_ else "no team"


def move_text(a: Document, b: Document, old: Person, new: Person) -> str:
    """ "Ann: Payments → Checkout, now reports to Bo (was Al)", in the names of each side."""
    who = b.display_name(new)
    parts: list[str] = []
    team_moves = _norm(old.team) != _norm(new.team)
    if team_moves:
        head = f"{who}: {_team_name(a, old.team)} {ARROW} {_team_name(b, new.team)}"
    else:
        head = f"{who} ({_team_name(b, new.team)})" if new.team else who
    mgr = (_norm(old.manager), _norm(new.manager))
    fm = (_norm(old.functional_manager), _norm(new.functional_manager))
    fm_said = False
    if mgr[0] != mgr[1]:
        if not mgr[1]:
            parts.append(f"no longer has a line manager (was {_person_name(a, mgr[0])})")
        elif fm[0] != fm[1] and mgr[1] == fm[0] and not fm[1]:
            # Back up the craft line: the coach becomes the line manager.
            was = f" (was {_person_name(a, mgr[0])})" if mgr[0] else ""
            parts.append(f"now reports to their functional manager {_person_name(b, mgr[1])}{was}")
            fm_said = True
        elif fm[0] != fm[1] and mgr[0] and fm[1] == mgr[0]:
            # Onto the mission line: the former manager stays as the coach.
            parts.append(
                f"now reports to {_person_name(b, mgr[1])} (was "
                f"{_person_name(a, mgr[0])}, who stays as functional manager)"
            )
            fm_said = True
        else:
            was = f" (was {_person_name(a, mgr[0])})" if mgr[0] else ""
            parts.append(f"now reports to {_person_name(b, mgr[1])}{was}")
    if fm[0] != fm[1] and not fm_said:
        if fm[1]:
            was = f" (was {_person_name(a, fm[0])})" if fm[0] else ""
            parts.append(f"functional manager {_person_name(b, fm[1])}{was}")
        else:
            parts.append(f"no functional manager any more (was {_person_name(a, fm[0])})")
    if not parts:
        return head
    sep = ", " if team_moves else ": "
    return head + sep + ", ".join(parts)


# -- applying a diff ---------------------------------------------------------------------------


def apply_diff(a: Document, d: Diff) -> Document:
    """A copy of ``a`` with ``d``'s changes made: equal to B except for view and entity order."""
    doc = a.model_copy(deep=True)
    doc.forget_index()
    for kind in KINDS:
        cls = KIND_CLASSES[kind]
        gone = {c.id for c in d.removed if c.kind == kind}
        edits = {c.id: c.fields for c in d.changed if c.kind == kind}
        items = []
        for entity in doc.entities(kind):
            if entity.id in gone:
                continue
            if entity.id in edits:
                data = entity.model_dump()
                data.update({k: after for k, (_, after) in edits[entity.id].items()})
                entity = cls.model_validate(data)
            items.append(entity)
        items += [
            cls.model_validate({"id": c.id, **{k: v for k, (_, v) in c.fields.items()}})
            for c in d.added
            if c.kind == kind
        ]
        setattr(doc, KIND_FIELDS[kind], items)
    rules = _rules_parts(doc.rules)
    for name, (_, after) in d.document.items():
        if name.startswith("rules."):
            rules[name.split(".", 1)[1]] = after
        else:
            setattr(doc, name, validate_value("document", name, after))
    doc.rules = RulesConfig.model_validate(rules)
    doc.forget_index()
    return doc
