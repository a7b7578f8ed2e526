"""Costs in the app: the live roll-ups, their read-outs and the cost-band colours.

One :class:`CostCache` per document controller holds the core's
:func:`orgdesigner.core.cost.rollup`, recomputed (one linear pass) the first
time it is asked for after an edit that can change a cost. The figures panel,
the inspector, the team cards and the cost-band colours all read it, so they
always agree.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ..core.cost import (
    CostRollup,
    Sum,
    affects_cost,
    amount_text,
    band_of_value,
    money,
    rollup,
    team_bands,
)
from ..core.model import Document

# Cost bands, cheapest first: one hue, light to dark, readable in light and dark mode.
BAND_COLOURS = ("#7dd3fc", "#0ea5e9", "#0369a1", "#172554")
NO_COST_COLOUR = "#9ca3af"
BANDS = len(BAND_COLOURS)


class CostCache(QObject):
    """The open document's cost roll-ups, recomputed lazily after edits that touch costs."""

    def __init__(self, controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self._rollup: CostRollup | None = None
        self._bands: tuple[list, list] | None = None
        controller.changed.connect(self._changed)
        controller.documentReplaced.connect(self.invalidate)

    def _changed(self, changes) -> None:
        if affects_cost(changes):
            self.invalidate()

    def invalidate(self) -> None:
        self._rollup = None
        self._bands = None

    def rollup(self) -> CostRollup:
        if self._rollup is None:
            self._rollup = rollup(self.controller.doc)
        return self._rollup

    def bands(self) -> tuple[list, list]:
        """Upper bounds of the cost bands of positions and of teams."""
        if self._bands is None:
            r = self.rollup()
            self._bands = (r.bands(BANDS), team_bands(r, BANDS))
        return self._bands

    def shown_on_teams(self) -> bool:
        """Whether team cards carry a cost line: someone has a cost or a team a budget."""
        return self.rollup().any or any(t.budget is not None for t in self.controller.doc.teams)

    def colour_of(self, kind: str, entity_id: str) -> QColor:
        """The cost-band colour of a person or team card (grey: no cost known)."""
        r = self.rollup()
        people, teams = self.bands()
        if kind == "team":
            s = r.team.get(entity_id)
            band = band_of_value(s.amount if s else None, teams)
        else:
            band = band_of_value(r.position.get(entity_id), people)
        return QColor(NO_COST_COLOUR if band is None else BAND_COLOURS[band])

    def legend(self, teams: bool) -> list[tuple[QColor, str]]:
        """(colour, label) of each band: "up to 80k EUR", ..., "No cost"."""
        r = self.rollup()
        bounds = self.bands()[1 if teams else 0]
        out = []
        low = None
        for i, bound in enumerate(bounds):
            colour = QColor(BAND_COLOURS[min(i, BANDS - 1)])
            upper = money(bound, r.currency, short=True)
            if low is None:
                label = f"up to {upper}"
            elif i == len(bounds) - 1:
                label = f"over {money(low, r.currency, short=True)}"
            else:
                label = f"up to {upper}"
            out.append((colour, label))
            low = bound
        out.append((QColor(NO_COST_COLOUR), "No cost known"))
        return out


def costs_of(controller) -> CostCache:
    """The controller's cost cache (made on first use)."""
    cache = getattr(controller, "_cost_cache", None)
    if cache is None:
        cache = CostCache(controller)
        controller._cost_cache = cache
    return cache


# -- read-outs ----------------------------------------------------------------------------


def person_readout(doc: Document, r: CostRollup, ids: list[str]) -> str:
    """What the inspector says about the selected people's cost (plain text)."""
    cur = r.currency
    if len(ids) == 1:
        pid = ids[0]
        own = r.position.get(pid)
        person = doc.person(pid)
        if own is None:
            text = "No cost: set one, or a budgeted cost on the ladder level"
        elif person is not None and person.cost is None:
            text = f"{money(own, cur)} (the ladder level's budgeted cost)"
        else:
            text = money(own, cur)
        line = r.manager.get(pid)
        if line is not None and line.priced + line.unpriced > 1:
            people = line.priced + line.unpriced
            text += f"\nWhole reporting line ({people} positions): {amount_text(line, cur)}"
        return text
    values = [r.position.get(i) for i in ids]
    known = [v for v in values if v is not None]
    if not known:
        return "No costs"
    text = f"Together {money(sum(known), cur)}"
    if len(known) < len(values):
        text += f" ({len(values) - len(known)} without a cost)"
    return text


def team_readout(doc: Document, r: CostRollup, ids: list[str]) -> str:
    """What the inspector says about the selected teams' cost (plain text)."""
    cur = r.currency
    lines = []
    for tid in ids[:6]:
        team = doc.team(tid)
        s = r.team.get(tid)
        own = r.team_own.get(tid)
        text = amount_text(s, cur)
        if own is not None and s is not None and own.value != s.value:
            text += f"; without sub-teams {money(own.value, cur)}"
        if team is not None and team.budget is not None:
            budget = team.budget
            text += f"\nBudget {money(budget, cur)}"
            if s is not None and s.priced:
                left = budget - s.value
                text += (
                    f", {money(left, cur)} left" if left >= 0 else f", over by {money(-left, cur)}"
                )
        lines.append(text if len(ids) == 1 else f"{(team.name if team else tid) or tid}: {text}")
    if len(ids) > 6:
        lines.append(f"\u2026 and {len(ids) - 6} more")
    return "\n".join(lines)


# -- the figures panel's cost section ----------------------------------------------------------


class CostFigures(QWidget):
    """The figures panel's cost rows: total, then each function (with sub-totals unknown shown)."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costFigures")
        self.controller = controller
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(3)
        self.grid.setColumnStretch(0, 1)
        self.rows: dict[str, QLabel] = {}

    def refresh(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        doc = self.controller.doc
        r = costs_of(self.controller).rollup()
        title = QLabel("Cost" + (f" ({r.currency})" if r.currency else ""))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.grid.addWidget(title, 0, 0, 1, 2)
        row = 1
        entries: list[tuple[str, str, Sum]] = [("total", "Total", r.whole)]
        if r.any:
            names = {f.id: f.name or f.id for f in doc.functions}
            keys = [f.id for f in doc.functions if f.id in r.function]
            keys += [k for k in r.function if k not in names and k is not None]
            if None in r.function:
                keys.append(None)
            for key in keys:
                label = (
                    "No function" if key is None else names.get(key, f"{key} (unknown function)")
                )
                entries.append((f"function.{key or ''}", f"  {label}", r.function[key]))
        partial = False
        for key, text, s in entries:
            label = QLabel(text.strip())
            if text.startswith("  "):
                label.setContentsMargins(14, 0, 0, 0)
            value = money(s.value) if s.priced else "\u2013"
            tip = "Each position's own cost, else its ladder level's budgeted cost"
            if s.unpriced:
                # Short in the panel; the count is one hover away.
                value += " *" if s.priced else ""
                tip = f"{s.unpriced} of {s.priced + s.unpriced} positions have no cost. {tip}"
                partial = partial or bool(s.priced)
            shown = QLabel(value)
            shown.setObjectName(f"cost_{key}")
            shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            shown.setToolTip(tip)
            label.setToolTip(tip)
            if key == "total":
                f = shown.font()
                f.setBold(True)
                shown.setFont(f)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(shown, row, 1)
            self.rows[key] = shown
            row += 1
        if partial:
            note = QLabel("* some positions have no cost: hover for how many")
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {NO_COST_COLOUR};")
            self.grid.addWidget(note, row, 0, 1, 2)

    def value(self, key: str) -> str:
        return self.rows[key].text()


def cost_readout(controller, kind: str, ids: list[str]) -> str:
    """The inspector's cost section for the selection ("" hides it: no costs to speak of)."""
    if kind not in ("person", "team") or not ids:
        return ""
    doc = controller.doc
    r = costs_of(controller).rollup()
    if kind == "person":
        return person_readout(doc, r, ids) if r.any else ""
    budgets = any(t.budget is not None for t in (doc.team(i) for i in ids) if t is not None)
    return team_readout(doc, r, ids) if r.any or budgets else ""
