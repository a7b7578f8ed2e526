"""The inspector's rows for grades, cost, budgets, currency, service teams and leader load.

Each form of the inspector (person, team, document) gets a small extension
object here: it adds its rows to the form when the inspector is built and
fills them whenever the form loads. Edits are core operations, one undo step
each, refused values shown under their field. Amounts are typed as people
write them (152000, 152,000, 152k) and shown with thousands separators.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import ops
from ...core.cost import format_amount, parse_amount
from ...core.measures import leader_load
from ...core.model import Level, Person, Team
from ...core.ops import Composite, Op, OpRefused
from ...core.rules import effective_params
from ..fields import (
    ID_ROLE,
    MIXED,
    EntityPicker,
    FieldRow,
    apply_op,
    name_of,
    show_text,
)


def _insert_row(form, after: str, key: str, label: str, editor: QWidget, tip: str = "") -> FieldRow:
    """Add a row to ``form`` just below the row ``after`` (at the end if there is none)."""
    row = FieldRow(editor)
    lab = QLabel(label)
    if tip:
        lab.setToolTip(tip)
        editor.setToolTip(tip)
    at = -1
    anchor = form.rows.get(after)
    if anchor is not None:
        found, _role = form.form.getWidgetPosition(anchor)
        at = found + 1 if found >= 0 else -1
    form.form.insertRow(at, lab, row)
    form.rows[key] = row
    form.labels[key] = lab
    return row


def _amount_text(value: float | None) -> str:
    return format_amount(value)


def ladder_level(doc: Any, person: Person) -> Level | None:
    """The level a person holds on their role's ladder, if any."""
    role = doc.role(person.role)
    if role is None or not person.level:
        return None
    return next((lv for lv in role.levels if lv.code == person.level), None)


class AmountEdit(QLineEdit):
    """A yearly amount: typed as 152000, 152,000 or 152k; empty for none."""

    def read(self, row: FieldRow) -> tuple[bool, float | None]:
        """(ok, value) of the text; on a bad value says why under ``row``."""
        try:
            value = parse_amount(self.text())
        except ValueError as exc:
            row.set_error(str(exc))
            return False, None
        return True, value


def _apply(form, key: str, make: Callable[[], Op], label: str | None = None) -> bool:
    """Do the operation ``make`` builds as one undo step (called ``label`` if given)."""
    row = form.rows[key]
    try:
        op = make()
    except OpRefused as exc:
        row.set_error(str(exc)[:1].upper() + str(exc)[1:])
        return False
    if label is None:
        return apply_op(form.controller, op, row)
    reason = form.controller.try_do(op, label)
    row.set_error("" if reason is None else reason[:1].upper() + reason[1:])
    return reason is None


# -- people ----------------------------------------------------------------------------------


class PersonExtras:
    """Cost, grade and leader load of the selected people."""

    def __init__(self, form) -> None:
        self.form = form
        self.cost = AmountEdit()
        self.cost.editingFinished.connect(self._cost_done)
        _insert_row(
            form,
            "level",
            "cost",
            "Cost",
            self.cost,
            "Yearly cost of the position; empty to use its ladder level's cost",
        )
        self.grade = QLabel()
        self.grade.setObjectName("personGrade")
        self.grade.setWordWrap(True)
        self.grade.setTextFormat(Qt.TextFormat.PlainText)
        _insert_row(
            form, "level", "grade", "Grade", self.grade, "The grade of the person's ladder level"
        )
        self.load_label = QLabel()
        self.load_label.setObjectName("leaderLoad")
        self.load_label.setWordWrap(True)
        self.load_label.setTextFormat(Qt.TextFormat.PlainText)
        _insert_row(
            form,
            "tags",
            "leader_load",
            "Leader load",
            self.load_label,
            "Direct reports + people coached who are not direct reports + standards owned "
            "+ teams owned beyond the first",
        )

    def load(self, people: list[Person], keep_errors: bool) -> None:
        form = self.form
        doc = form.doc
        single = len(people) == 1
        costs = {p.cost for p in people}
        mixed = len(costs) > 1
        if not (keep_errors and form.rows["cost"].has_error):
            show_text(self.cost, "" if mixed else _amount_text(people[0].cost))
        ladder = ladder_level(doc, people[0]) if single else None
        if mixed:
            self.cost.setPlaceholderText(MIXED)
        elif ladder is not None and ladder.cost is not None:
            self.cost.setPlaceholderText(f"{_amount_text(ladder.cost)} from the ladder")
        else:
            self.cost.setPlaceholderText("Yearly cost, e.g. 152000 or 152k")
        form.rows["cost"].set_hint(f"In {doc.currency}" if doc.currency else "")
        for key in ("grade", "leader_load"):
            form.show_row(key, single)
        if not single:
            return
        p = people[0]
        role = doc.role(p.role)
        if ladder is not None and ladder.grade:
            self.grade.setText(
                f"{ops.grade_name(doc, ladder.grade)} (level {ladder.code} of "
                f"{role.title or role.id if role else p.role})"
            )
            self.grade.setStyleSheet("")
        else:
            why = (
                "no role"
                if role is None
                else "no level"
                if not p.level
                else "its level has none (Role library)"
            )
            self.grade.setText(f"None: {why}" if doc.grades else "None: no grades defined")
            self.grade.setStyleSheet("color: palette(placeholder-text);")
        load = leader_load(doc, p.id, form.controller.validator.index)
        limit = effective_params(doc.rules).get("leader_load_max", 15)
        if load.total:
            over = limit is not None and load.total > limit
            self.load_label.setText(
                f"{load.total} (limit {limit}{', above it' if over else ''}): {load.describe()}"
            )
            self.load_label.setStyleSheet("color: #b45309;" if over else "")
        else:
            self.load_label.setText("0: leads nobody and owns no standard")
            self.load_label.setStyleSheet("color: palette(placeholder-text);")

    def _cost_done(self) -> None:
        form = self.form
        people = form.people()
        if not people:
            return
        if not self.cost.text().strip() and self.cost.placeholderText() == MIXED:
            return
        ok, value = self.cost.read(form.rows["cost"])
        if not ok:
            return
        if all(p.cost == value for p in people):
            show_text(self.cost, _amount_text(value))
            form.rows["cost"].set_error("")
            return
        doc = form.doc
        who = doc.display_name(people[0]) if len(people) == 1 else f"{len(people)} people"
        label = (
            f"Set the cost of {who} to {format_amount(value, doc.currency)}"
            if value is not None
            else f"Clear the cost of {who}"
        )
        _apply(
            form,
            "cost",
            lambda: Composite(tuple(ops.set_person_cost(doc, p.id, value) for p in people)),
            label,
        )


# -- teams -------------------------------------------------------------------------------------


class ServesList(QWidget):
    """The teams a service team serves: ticked rows (untick to stop) and a picker to add one."""

    def __init__(self, extras: TeamExtras) -> None:
        super().__init__()
        self.extras = extras
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.list = QListWidget()
        self.list.setObjectName("servesList")
        self.list.itemChanged.connect(self._toggled)
        lay.addWidget(self.list)
        self.picker = EntityPicker(extras.form.controller, "team")
        self.picker.lineEdit().setPlaceholderText("Add a team it serves\u2026")
        self.picker.picked.connect(self._picked)
        lay.addWidget(self.picker)
        self._loading = False

    def load(self, team: Team) -> None:
        doc = self.extras.form.doc
        self._loading = True
        self.list.clear()
        for tid in team.serves:
            item = QListWidgetItem(
                name_of(doc, "team", tid) + ("" if doc.team(tid) else " (missing)")
            )
            item.setData(ID_ROLE, tid)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.setVisible(bool(team.serves))
        rows = max(1, min(len(team.serves), 6))
        self.list.setFixedHeight((self.list.sizeHintForRow(0) if team.serves else 18) * rows + 6)
        self.picker.set_value(None)
        self.picker.lineEdit().setPlaceholderText("Add a team it serves\u2026")
        self._loading = False

    def _toggled(self, item: QListWidgetItem) -> None:
        if self._loading or item.checkState() == Qt.CheckState.Checked:
            return
        team = self.extras.single()
        if team is not None:
            tid = item.data(ID_ROLE)
            form = self.extras.form
            _apply(form, "serves", lambda: ops.unserve(form.doc, team.id, tid))

    def _picked(self, tid: str | None) -> None:
        team = self.extras.single()
        if team is None or not tid:
            return
        form = self.extras.form
        _apply(form, "serves", lambda: ops.serve(form.doc, team.id, tid))


class TeamExtras:
    """A service team's served teams; a team's budget (and what it costs against it)."""

    def __init__(self, form) -> None:
        self.form = form
        self.serves = ServesList(self)
        _insert_row(
            form,
            "model",
            "serves",
            "Serves",
            self.serves,
            "The teams this service team supplies its craft to. On the Teams view, drag "
            "a team onto the service team's \u201cServes\u201d band to add it",
        )
        self.served_by = QLabel()
        self.served_by.setObjectName("servedBy")
        self.served_by.setWordWrap(True)
        self.served_by.setTextFormat(Qt.TextFormat.PlainText)
        _insert_row(
            form,
            "serves",
            "served_by",
            "Served by",
            self.served_by,
            "Service teams that supply their craft to this team",
        )
        self.budget = AmountEdit()
        self.budget.setPlaceholderText("Yearly budget, e.g. 600000 or 600k")
        self.budget.editingFinished.connect(self._budget_done)
        _insert_row(
            form,
            "required_functions",
            "budget",
            "Budget",
            self.budget,
            "What the team (with its sub-teams) may cost a year; TEAM-BUDGET checks it",
        )

    def single(self) -> Team | None:
        teams = self.form.teams()
        return teams[0] if len(teams) == 1 else None

    def load(self, teams: list[Team], keep_errors: bool) -> None:
        form = self.form
        doc = form.doc
        t = self.single()
        service = t is not None and doc.model_of(t) == "service"
        form.show_row("serves", service or (t is not None and bool(t.serves)))
        # A service team is judged by none of the STO rules: what it needs does not apply.
        form.show_row("required_functions", not all(doc.model_of(x) == "service" for x in teams))
        if t is not None:
            self.serves.load(t)
            if service and not t.serves:
                form.rows["serves"].set_hint("Serves no team yet", warn=True)
            elif not service and t.serves:
                form.rows["serves"].set_hint(
                    "Only a service team serves others: make it one, or untick these", warn=True
                )
            else:
                form.rows["serves"].set_hint("")
        by = [x for x in doc.teams if t is not None and t.id in x.serves]
        form.show_row("served_by", bool(by))
        self.served_by.setText(", ".join(x.name or x.id for x in by))
        budgets = {x.budget for x in teams}
        mixed = len(budgets) > 1
        if not (keep_errors and form.rows["budget"].has_error):
            show_text(self.budget, "" if mixed else _amount_text(teams[0].budget))
        self.budget.setPlaceholderText(MIXED if mixed else "Yearly budget, e.g. 600000 or 600k")
        hint, over = self._budget_hint(t) if t is not None else ("", False)
        form.rows["budget"].set_hint(hint, warn=over)

    def _budget_hint(self, t: Team) -> tuple[str, bool]:
        """What the team costs against its budget (the validator's words); whether it is over."""
        doc = self.form.doc
        over = [
            f
            for f in self.form.controller.report.about(t.id)
            if f.rule == "TEAM-BUDGET" and not f.waived
        ]
        if over:
            return over[0].message, True
        if t.budget is not None:
            return f"Within budget{f' ({doc.currency})' if doc.currency else ''}", False
        return (f"In {doc.currency}" if doc.currency else ""), False

    def _budget_done(self) -> None:
        form = self.form
        teams = form.teams()
        if not teams:
            return
        if not self.budget.text().strip() and self.budget.placeholderText() == MIXED:
            return
        ok, value = self.budget.read(form.rows["budget"])
        if not ok:
            return
        if all(t.budget == value for t in teams):
            show_text(self.budget, _amount_text(value))
            form.rows["budget"].set_error("")
            return
        doc = form.doc
        what = (teams[0].name or teams[0].id) if len(teams) == 1 else f"{len(teams)} teams"
        label = (
            f"Set the budget of {what} to {format_amount(value, doc.currency)}"
            if value is not None
            else f"Clear the budget of {what}"
        )
        _apply(
            form,
            "budget",
            lambda: Composite(tuple(ops.set_team_budget(doc, t.id, value) for t in teams)),
            label,
        )


# -- the document ---------------------------------------------------------------------------------


class DocumentExtras:
    """The currency every cost in the file is counted in."""

    def __init__(self, form) -> None:
        self.form = form
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText("e.g. EUR")
        self.currency.setMaximumWidth(90)
        self.currency.editingFinished.connect(self._done)
        _insert_row(
            form,
            "default_team_model",
            "currency",
            "Currency",
            self.currency,
            "The ISO 4217 code every cost and budget in this file is counted in",
        )

    def load(self, _ids: list[str], keep_errors: bool) -> None:
        if not (keep_errors and self.form.rows["currency"].has_error):
            self.currency.setText(self.form.doc.currency)

    def _done(self) -> None:
        doc = self.form.doc
        text = self.currency.text().strip().upper()
        row = self.form.rows["currency"]
        if text == doc.currency:
            self.currency.setText(text)
            row.set_error("")
            return
        if text and not (len(text) == 3 and text.isascii() and text.isalpha()):
            row.set_error(f"\u201c{text}\u201d is not a currency code: three letters, e.g. EUR")
            return
        label = f"Count costs in {text}" if text else "Clear the currency"
        _apply(self.form, "currency", lambda: ops.set_currency(doc, text), label)


def install(inspector) -> None:
    """Add the rows to the inspector's person, team and document forms."""
    inspector.person_form.extras.append(PersonExtras(inspector.person_form))
    inspector.team_form.extras.append(TeamExtras(inspector.team_form))
    inspector.document_form.extras.append(DocumentExtras(inspector.document_form))
