"""The team form: one team, or the fields several selected teams share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import edits, ops
from ...core.model import TEAM_FIELDS as LABELS
from ...core.model import Team
from ...core.rules import effective_params
from ..document import DocumentController
from ..fields import ID_ROLE, CommitTextEdit, EntityPicker, name_of, plural, show_text, team_members
from .base import MODEL_NAMES, MODEL_SHORT, TEAM_MODELS, Form


class TeamForm(Form):
    """One team, or the fields several teams share."""

    cost_kind = "team"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        c = controller
        self.name = QLineEdit()
        self.name.setPlaceholderText("Team name")
        self.name.editingFinished.connect(self._name_done)
        self.add_row("name", LABELS["name"].label, self.name)

        self.mission = CommitTextEdit(3)
        self.mission.setPlaceholderText("The area this team owns, in one sentence")
        self.mission.editingFinished.connect(self._mission_done)
        self.add_row(
            "mission",
            LABELS["mission"].label,
            self.mission,
            "Its area of ownership; two teams must not share one",
        )

        self.owner = EntityPicker(c, "person")
        self.add_row(
            "owner",
            LABELS["owner"].label,
            self.owner,
            "The single-threaded owner; on an STO team every member reports to them",
        )
        self.owner.picked.connect(self._owner_picked)
        self.owner.refused.connect(self.rows["owner"].set_error)

        self.parent_team = EntityPicker(c, "team")
        self.add_row("parent", LABELS["parent"].label, self.parent_team)
        self.parent_team.picked.connect(self._parent_picked)
        self.parent_team.refused.connect(self.rows["parent"].set_error)

        self.model = QComboBox()
        for value, text in TEAM_MODELS:
            self.model.addItem(text, value)
        self.model.activated.connect(self._model_picked)
        self.add_row(
            "model",
            LABELS["model"].label,
            self.model,
            "Single-threaded owner: one leader, everyone reports to them. "
            "Three-legged stool: product and design report up their own crafts. "
            "Service team: supplies its craft to the teams it serves",
        )

        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.default_functions = QCheckBox()
        self.default_functions.clicked.connect(self._default_functions_clicked)
        lay.addWidget(self.default_functions)
        self.functions = QListWidget()
        self.functions.setObjectName("requiredFunctions")
        self.functions.itemChanged.connect(self._function_toggled)
        lay.addWidget(self.functions)
        self.add_row(
            "required_functions",
            LABELS["required_functions"].label,
            box,
            "The functions the team (with its sub-teams) needs to deliver on its own",
        )

        self.members = QLabel()
        self.members.setWordWrap(True)
        self.members.setTextFormat(Qt.TextFormat.PlainText)
        self.add_row("members", "Members", self.members)
        self._loading = False

    def teams(self) -> list[Team]:
        return [t for t in (self.doc.team(i) for i in self.ids) if t is not None]

    def load(self, ids: list[str], keep_errors: bool = False) -> None:
        self.ids = ids
        teams = self.teams()
        if not teams:
            return
        self._loading = True
        if not keep_errors:
            self.clear_errors()
        doc = self.doc
        single = len(teams) == 1
        t = teams[0]
        if single:
            self.title.setText(t.name or t.id)
            self.subtitle.setText(f"Team \u00b7 {t.id} \u00b7 {MODEL_NAMES[doc.model_of(t)]}")
        else:
            self.title.setText(f"{len(teams)} teams")
            self.subtitle.setText(
                ", ".join(x.name or x.id for x in teams[:6])
                + ("\u2026" if len(teams) > 6 else "")
                + "\nChanges apply to all of them."
            )
        for key in ("name", "mission", "owner", "members"):
            self.show_row(key, single)
        if single:
            if not (keep_errors and self.rows["name"].has_error):
                show_text(self.name, t.name)
            self.mission.set_text(t.mission)
            if not (keep_errors and self.rows["owner"].has_error):
                self.owner.set_value(t.owner)
            members = team_members(self.controller, t.id)
            names = ", ".join(doc.display_name(p) for p in members[:12])
            more = f" and {len(members) - 12} more" if len(members) > 12 else ""
            self.members.setText(
                f"{plural(len(members), 'person', 'people')}"
                + (
                    f": {names}{more}"
                    if members
                    else " (set a person's team, or drop people on the team)"
                )
            )
        parents = {x.parent or None for x in teams}
        if not (keep_errors and self.rows["parent"].has_error):
            self.parent_team.set_value(t.parent, mixed=len(parents) > 1)
        models = {x.model for x in teams}
        if len(models) == 1:
            self.model.setCurrentIndex([v for v, _ in TEAM_MODELS].index(t.model))
        else:
            self.model.setCurrentIndex(-1)
        self.model.setItemText(0, f"Default ({MODEL_SHORT[doc.default_team_model]})")
        self.model.setItemData(
            0,
            f"The document's default: {MODEL_NAMES[doc.default_team_model]}",
            Qt.ItemDataRole.ToolTipRole,
        )
        self._load_functions(teams)
        for extra in self.extras:
            extra.load(teams, keep_errors)
        self._loading = False
        self.show_findings(self.controller.report)

    def _load_functions(self, teams: list[Team]) -> None:
        doc = self.doc
        default = list(effective_params(doc.rules)["required_functions"])
        names = ", ".join(name_of(doc, "function", f) for f in default) or "none"
        values = {
            tuple(x.required_functions) if x.required_functions is not None else None for x in teams
        }
        mixed = len(values) > 1
        current = teams[0].required_functions
        uses_default = current is None and not mixed
        self.default_functions.setText(f"The rule's default: {names}")
        self.default_functions.setTristate(mixed)
        self.default_functions.setCheckState(
            Qt.CheckState.PartiallyChecked
            if mixed
            else Qt.CheckState.Checked
            if uses_default
            else Qt.CheckState.Unchecked
        )
        shown = default if current is None else current
        self.functions.blockSignals(True)
        self.functions.clear()
        ids = [f.id for f in doc.functions] + [f for f in shown if doc.function(f) is None]
        for fid in ids:
            item = QListWidgetItem(name_of(doc, "function", fid))
            item.setData(ID_ROLE, fid)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(
                Qt.CheckState.Checked if fid in shown and not mixed else Qt.CheckState.Unchecked
            )
            self.functions.addItem(item)
        self.functions.setEnabled(not uses_default and not mixed)
        rows = max(1, min(len(ids), 6))
        self.functions.setFixedHeight(self.functions.sizeHintForRow(0) * rows + 6 if ids else 28)
        self.functions.blockSignals(False)
        if not doc.functions:
            self.rows["required_functions"].set_hint(
                "Add functions in the Functions panel to choose among them"
            )
        else:
            self.rows["required_functions"].set_hint("")

    # -- writing ------------------------------------------------------------------
    def _each(self, field: str, value: Any, label: str | None = None) -> None:
        ids = [t.id for t in self.teams()]
        if ids:
            self._apply(edits.edit_teams(self.doc, ids, field, value, label), field)

    def _who(self) -> str:
        return edits.teams_label(self.doc, [t.id for t in self.teams()])

    def _name_done(self) -> None:
        teams = self.teams()
        if len(teams) == 1:
            self._each("name", self.name.text().strip())

    def _mission_done(self) -> None:
        teams = self.teams()
        if len(teams) != 1:
            return
        self._each("mission", self.mission.toPlainText().strip())

    def _owner_picked(self, person: str | None) -> None:
        teams = self.teams()
        if len(teams) != 1:
            return
        p = self.doc.person(person)
        if p is not None and p.vacant:
            self.rows["owner"].set_error(
                f"{self.doc.display_name(p)} is an open position: an owner must be a person"
            )
            return
        try:
            self._each("owner", person)
        except ops.OpRefused as exc:
            self.rows["owner"].set_error(str(exc)[0].upper() + str(exc)[1:])

    def _parent_picked(self, parent: str | None) -> None:
        self._each("parent", parent)

    def _model_picked(self, row: int) -> None:
        self._each("model", self.model.itemData(row))

    def _default_functions_clicked(self, on: bool) -> None:
        if on:
            self._each("required_functions", None)
        else:
            default = list(effective_params(self.doc.rules)["required_functions"])
            self._each("required_functions", default, f"Choose the functions {self._who()} needs")

    def _function_toggled(self, _item: QListWidgetItem) -> None:
        if self._loading:
            return
        chosen = [
            self.functions.item(i).data(ID_ROLE)
            for i in range(self.functions.count())
            if self.functions.item(i).checkState() == Qt.CheckState.Checked
        ]
        self._each("required_functions", chosen)
