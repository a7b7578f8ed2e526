"""What a variant costs: each position's yearly cost and the roll-ups a designer reads.

A position's cost is its own ``cost``, else the budgeted ``cost`` of its
ladder level (:meth:`Document.position_cost`); open positions count like
people. Everything is in the document's ``currency``.

Roll-ups (:func:`rollup`), computed in one pass over people and one over
teams (linear in the size of the document, loops included):

- ``team``: the cost of a team's people with its sub-teams, all the way down;
  ``team_own`` without the sub-teams;
- ``manager``: the cost of a person's whole reporting line, themselves
  included (every position has one; a manager's covers their reports');
- ``function``: by each position's function (``None``: no function);
- ``total``: the whole document.

A roll-up is ``None`` where no position under it has a cost, so "unknown" is
never shown as 0; ``unpriced`` counts the positions without one, so a
partial figure can say so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .layout import paused_gc
from .model import Document

Number = int | float


@dataclass
class Sum:
    """A cost total and how many positions it covers, priced and not."""

    value: Number = 0
    priced: int = 0
    unpriced: int = 0

    @property
    def amount(self) -> Number | None:
        """The total, or None when no position in it has a cost."""
        return self.value if self.priced else None

    def add(self, other: Sum) -> None:
        self.value += other.value
        self.priced += other.priced
        self.unpriced += other.unpriced


@dataclass
class CostRollup:
    """Costs of one document; see the module's description."""

    currency: str
    position: dict[str, Number | None] = field(default_factory=dict)
    team: dict[str, Sum] = field(default_factory=dict)
    team_own: dict[str, Sum] = field(default_factory=dict)
    manager: dict[str, Sum] = field(default_factory=dict)
    function: dict[str | None, Sum] = field(default_factory=dict)
    whole: Sum = field(default_factory=Sum)

    @property
    def total(self) -> Number | None:
        return self.whole.amount

    @property
    def any(self) -> bool:
        """True when some position has a cost."""
        return self.whole.priced > 0

    def bands(self, count: int = 4) -> list[Number]:
        """Upper bounds of ``count`` cost bands of the priced positions (equal numbers in each)."""
        return cost_bands((v for v in self.position.values() if v is not None), count)

    def band_of(self, person_id: str, bounds: Sequence[Number]) -> int | None:
        """The band (0 cheapest) of a position's cost, or None when it has no cost."""
        return band_of_value(self.position.get(person_id), bounds)


def rollup(doc: Document) -> CostRollup:
    """Every cost figure of ``doc`` in one linear pass (see the module's description)."""
    # Only new containers, no cycles: the collector would scan them again and again.
    with paused_gc():
        return _rollup(doc)


def _rollup(doc: Document) -> CostRollup:
    out = CostRollup(doc.currency)
    roles = doc.by_id("role")
    # A level's budgeted cost by (role, code): the first level of that code, as Document.level_of.
    level_cost: dict[tuple[str, str], Number] = {}
    for role in doc.roles:
        for lv in role.levels:
            key = (role.id, lv.code)
            if key not in level_cost:
                level_cost[key] = lv.cost  # type: ignore[assignment]
    people = doc.people
    ids = {p.id for p in people}
    position = out.position
    # Own figures per node as [value, priced, unpriced]: plain lists, no objects per person.
    own: dict[str, list] = {}
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    by_team: dict[str, list] = {}
    by_function: dict[str | None, list] = {}
    whole: list = [0, 0, 0]
    fn: str | None
    for p in people:
        value = p.cost
        if value is None and p.level and p.role:
            value = level_cost.get((p.role, p.level))
        position[p.id] = value
        cell: list = [value, 1, 0] if value is not None else [0, 0, 1]
        own[p.id] = cell
        if p.function:
            fn = p.function
        else:
            held: Any = roles.get(p.role) if p.role else None
            fn = (held.function or None) if held is not None else None
        for acc in (whole, by_function.setdefault(fn, [0, 0, 0])):
            acc[0] += cell[0]
            acc[1] += cell[1]
            acc[2] += cell[2]
        if p.team:
            tacc = by_team.setdefault(p.team, [0, 0, 0])
            tacc[0] += cell[0]
            tacc[1] += cell[1]
            tacc[2] += cell[2]
        m = p.manager
        if m and m in ids and m != p.id:
            children.setdefault(m, []).append(p.id)
        else:
            roots.append(p.id)
    out.whole = Sum(*whole)
    out.function = {k: Sum(*v) for k, v in by_function.items()}
    out.manager = _subtree_sums(own, children, roots, [p.id for p in people])

    teams = doc.teams
    team_ids = {t.id for t in teams}
    sub: dict[str, list[str]] = {}
    team_roots = []
    for t in teams:
        by_team.setdefault(t.id, [0, 0, 0])
        if t.parent and t.parent in team_ids and t.parent != t.id:
            sub.setdefault(t.parent, []).append(t.id)
        else:
            team_roots.append(t.id)
    out.team_own = {k: Sum(*v) for k, v in by_team.items()}
    out.team = _subtree_sums(
        {t.id: by_team[t.id] for t in teams}, sub, team_roots, [t.id for t in teams]
    )
    return out


def _subtree_sums(
    own: dict[str, list], children: dict[str, list[str]], roots: list[str], every: list[str]
) -> dict[str, Sum]:
    """Each node's own figures plus all its descendants', in one post-order pass.

    Nodes on a loop (not reached from a root) are reached from one loop member,
    taken as a root in document order, as the chart draws them: each node's
    figures are counted once, in one subtree.
    """
    total: dict[str, list] = {}
    seen: set[str] = set()
    order: list[str] = []  # preorder; reversed, every node comes after its descendants
    parent_in_walk: dict[str, str] = {}  # the node each one was reached from

    def walk(start: str) -> None:
        stack = [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            order.append(node)
            for k in children.get(node, ()):
                if k not in seen:
                    seen.add(k)
                    parent_in_walk[k] = node
                    stack.append(k)

    for r in roots:
        if r not in seen:
            walk(r)
    for node in every:
        if node not in seen:
            walk(node)
    for node in reversed(order):
        mine = own[node]
        acc = total.get(node)
        if acc is None:
            acc = total[node] = [0, 0, 0]
        acc[0] += mine[0]
        acc[1] += mine[1]
        acc[2] += mine[2]
        up = parent_in_walk.get(node)
        if up is not None:
            pa = total.get(up)
            if pa is None:
                pa = total[up] = [0, 0, 0]
            pa[0] += acc[0]
            pa[1] += acc[1]
            pa[2] += acc[2]
    return {k: Sum(*v) for k, v in total.items()}


def cost_bands(values: Iterable[Number], count: int = 4) -> list[Number]:
    """Upper bounds of ``count`` bands holding about equal numbers of ``values`` (sorted)."""
    ordered = sorted(values)
    if not ordered or count < 1:
        return []
    bounds: list[Number] = []
    for i in range(1, count + 1):
        v = ordered[min(len(ordered) - 1, math.ceil(i * len(ordered) / count) - 1)]
        if not bounds or v > bounds[-1]:
            bounds.append(v)
    return bounds


def money(value: Number | None, currency: str = "", *, short: bool = False) -> str:
    """A cost as people read it: ``152,000 EUR``; ``short``: ``1.2M EUR``; unknown: ``-``."""
    if value is None:
        return "\u2013"
    unit = f" {currency}" if currency else ""
    if short:
        for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
            if abs(value) >= size:
                text = f"{value / size:.1f}".rstrip("0").rstrip(".")
                return f"{text}{suffix}{unit}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}{unit}"
    return f"{int(value):,}{unit}"


def signed_money(value: Number | None, currency: str = "", *, short: bool = False) -> str:
    """A difference of costs, with its sign: ``+12,000 EUR``, ``-3,500 EUR``, ``0 EUR``."""
    if value is None:
        return "\u2013"
    text = money(abs(value), currency, short=short)
    return ("+" if value > 0 else "-" if value < 0 else "") + text


def amount_text(s: Sum | None, currency: str = "", *, short: bool = False) -> str:
    """A roll-up for display, saying when some positions in it have no cost."""
    if s is None or not s.priced:
        return "no costs"
    text = money(s.value, currency, short=short)
    if s.unpriced:
        text += f" ({s.unpriced} without a cost)"
    return text


@dataclass
class CostComparison:
    """Cost of A, of B and the difference, by team and by function (a comparison's view)."""

    currency: str
    a: CostRollup
    b: CostRollup
    teams: list[tuple[str, str, Number | None, Number | None]]  # id, name, a, b
    functions: list[tuple[str | None, str, Number | None, Number | None]]

    @property
    def any(self) -> bool:
        return self.a.any or self.b.any

    def to_json(self) -> dict:
        """The ``cost`` object of ``diff --format json`` (shared/FORMAT.md)."""
        return {"a": self.a.total, "b": self.b.total, "currency": self.currency}


def difference(a: Number | None, b: Number | None) -> Number | None:
    """B minus A, treating an unknown side as nothing when the other is known."""
    if a is None and b is None:
        return None
    return (b or 0) - (a or 0)


def compare(a: Document, b: Document) -> CostComparison:
    """Costs of both variants side by side: teams of A then new teams of B; functions alike.

    The currency is A's, or B's when A names none.
    """
    ra, rb = rollup(a), rollup(b)

    def side_by_side(entities: Any, of_a: dict, of_b: dict) -> tuple[list[Any], set[Any]]:
        """(id, name, cost in A, cost in B) for A's entities then B's new ones."""
        rows: list[Any] = []
        seen: set[Any] = set()
        for e in entities:
            if e.id in seen:
                continue
            seen.add(e.id)
            sa, sb = of_a.get(e.id), of_b.get(e.id)
            rows.append(
                (e.id, e.name or e.id, sa.amount if sa else None, sb.amount if sb else None)
            )
        return rows, seen

    teams, _ = side_by_side([*a.teams, *b.teams], ra.team, rb.team)
    functions, fseen = side_by_side([*a.functions, *b.functions], ra.function, rb.function)
    for key in list(ra.function) + list(rb.function):
        if key in fseen:
            continue
        fseen.add(key)
        fa, fb = ra.function.get(key), rb.function.get(key)
        label = "No function" if key is None else f"{key} (unknown function)"
        functions.append((key, label, fa.amount if fa else None, fb.amount if fb else None))
    return CostComparison(a.currency or b.currency, ra, rb, teams, functions)


def person_cost_text(r: CostRollup, person_id: str, *, short: bool = True) -> str:
    """A person card's cost line: the position, and the whole line below a manager."""
    own = r.position.get(person_id)
    line = r.manager.get(person_id)
    text = f"Cost {money(own, r.currency, short=short)}" if own is not None else ""
    if line is not None and line.priced and line.priced + line.unpriced > 1:
        below = f"line {money(line.value, r.currency, short=short)}"
        text = f"{text} \u00b7 {below}" if text else f"Cost of the {below}"
    return text


def team_cost_text(doc: Document, r: CostRollup, team_id: str, *, short: bool = True) -> str:
    """A team card's cost: the team with its sub-teams, against its budget when it has one."""
    s = r.team.get(team_id)
    team = doc.team(team_id)
    budget = team.budget if team is not None else None
    if s is None or not s.priced:
        return f"Budget {money(budget, r.currency, short=short)}" if budget is not None else ""
    text = f"Cost {money(s.value, r.currency, short=short)}"
    if budget is not None:
        text += f" of {money(budget, r.currency, short=short)} budget"
    return text


def add_cost_lines(
    chart, doc: Document, r: CostRollup | None = None, *, people: bool = True
) -> None:
    """Show costs on a chart's cards (a ``core.chart.Chart``): people and teams, in place.

    Charts leave costs out (salaries are private); exports call this when the
    user asks for them, the canvas for team cards (``people`` False).
    """
    r = r or rollup(doc)
    for card in chart.cards.values():
        key = card.ref or card.id
        if card.kind == "person" and people:
            text = person_cost_text(r, key)
            if text:
                card.lines.append(text)
        elif card.kind == "team":
            text = team_cost_text(doc, r, key)
            if text and card.lines:
                card.lines[-1] = f"{card.lines[-1]} \u00b7 {text}"
            elif text:
                card.lines.append(text)


# Fields whose change can change a cost figure (besides adding or removing anything).
COST_FIELDS: dict[str, frozenset[str]] = {
    "person": frozenset({"cost", "level", "role", "team", "manager", "function"}),
    "team": frozenset({"budget", "parent", "name"}),
    "role": frozenset({"levels", "function"}),
    "function": frozenset({"name"}),
    "document": frozenset({"currency"}),
}


def affects_cost(changes: Iterable) -> bool:
    """Whether any of ``changes`` (``ops.Change`` records) can change a cost figure."""
    for c in changes:
        if c.kind in ("rules", "view"):
            continue
        if c.action != "set" or c.field is None:
            return True
        if c.field in COST_FIELDS.get(c.kind, ()):
            return True
    return False


def team_bands(r: CostRollup, count: int = 4) -> list[Number]:
    """Bands of the teams' costs (with sub-teams), like :meth:`CostRollup.bands` for people."""
    return cost_bands((s.value for s in r.team.values() if s.priced), count)


def band_of_value(value: Number | None, bounds: Sequence[Number]) -> int | None:
    """The band (0 cheapest) ``value`` falls in, or None for no value."""
    if value is None:
        return None
    for i, bound in enumerate(bounds):
        if value <= bound:
            return i
    return len(bounds) - 1 if bounds else 0


# -- amounts as people type them -------------------------------------------------------


def parse_amount(text: str) -> float | int | None:
    """``"152,000"``, ``"152 000"``, ``"152k"``, ``"1.2m"`` -> a number; ``""`` -> None.

    Raises ValueError with a message a user can read.
    """
    raw = text.strip().replace("\u00a0", " ")
    if not raw:
        return None
    s = raw.replace(",", "").replace("_", "").replace(" ", "").replace("'", "")
    scale = 1
    if s[-1:].lower() in ("k", "m"):
        scale = 1000 if s[-1].lower() == "k" else 1_000_000
        s = s[:-1]
    try:
        value = float(s) * scale
    except ValueError:
        raise ValueError(f"\u201c{raw}\u201d is not an amount (e.g. 152000 or 152k)") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError("An amount is 0 or more")
    if value > 1e15:
        raise ValueError("That amount is too large")
    return int(value) if value.is_integer() else round(value, 2)


def format_amount(value: float | None, currency: str = "") -> str:
    """:func:`money` for an editable field: ``152000`` -> ``"152,000 EUR"``; None -> ``""``."""
    return "" if value is None else money(value, currency)
