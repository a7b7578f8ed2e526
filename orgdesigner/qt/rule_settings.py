"""Rule settings: the standards this variant is judged by, saved in its ``rules`` section.

Every rule of the catalogue is listed with what it checks and why, its switch,
its severity and its parameters; waivers (findings accepted for one subject,
with a reason) have their own tab. A change applies at once, as one undo step
(a :class:`~orgdesigner.core.ops.SetRules`), so the findings update while the
dialog is open. A parameter left at the catalogue's default is not written to
the file.

The module-level functions (:func:`set_param`, :func:`set_enabled`,
:func:`set_severity`, :func:`unwaive`, :func:`reset_defaults`) are what the
dialog calls; a finding is waived with :func:`orgdesigner.core.ops.waive`
(the findings panel does so).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import ops
from ..core.catalogue import CATALOGUE, DEFAULT_PARAMS, RULES, SEVERITIES
from ..core.model import PARAM_BOUNDS, Document, Ratio, RulesConfig, Waiver
from ..core.ops import Change
from ..core.rules import Finding, Report, effective_params
from .document import DocumentController
from .fields import (
    ERROR_COLOUR,
    HINT_COLOUR,
    ID_ROLE,
    FieldRow,
    form_layout,
    header_label,
    name_of,
    split_tags,
)
from .grades_panel import GradeCombo

PARAM_LABELS: dict[str, str] = {
    "span_min": "Fewest direct reports",
    "span_max": "Most direct reports",
    "max_layers": "Most layers below the top",
    "team_min": "Smallest team",
    "team_max": "Largest team",
    "required_functions": "Functions an STO team needs",
    "triad": "Legs of the stool",
    "standards": "Standards every function keeps",
    "function_standards": "Extra standards by function",
    "ratios": "Ratios between functions",
    "owner_min_grade": "Lowest grade of a single-threaded team's owner",
    "standards_min_grade": "Lowest grade of a standard's owner",
    "leader_load_max": "Highest leader load",
}
GRADE_PARAMS = ("owner_min_grade", "standards_min_grade")
BOUNDS = PARAM_BOUNDS
SEVERITY_NAMES = {"error": "Error", "warning": "Warning", "info": "Info"}


# -- the edits, as functions of the document's rules -----------------------------------------


def _copy(doc: Document) -> RulesConfig:
    return RulesConfig.model_validate(doc.rules.model_dump())


def param_problem(doc: Document, name: str, value: Any) -> str:
    """Why ``value`` cannot be parameter ``name`` now ("" if it can)."""
    params = effective_params(doc.rules)
    for low, high in BOUNDS.items():
        if name == low and value is not None and value > params[high]:
            return f"Cannot exceed the {PARAM_LABELS[high].lower()} ({params[high]})"
        if name == high and value is not None and value < params[low]:
            return f"Cannot be below the {PARAM_LABELS[low].lower()} ({params[low]})"
    if name in ("standards",) and value is not None and not value:
        return "List at least one standard, or switch FUNC-STANDARDS off"
    if name == "ratios" and value is not None:
        for r in value:
            lo, hi = r.get("min"), r.get("max")
            if lo is not None and hi is not None and lo > hi:
                return f"{r['numerator']} per {r['denominator']}: minimum above maximum"
    return ""


def set_param(controller: DocumentController, name: str, value: Any) -> bool:
    """Set a rule parameter (the catalogue's default value is stored as "not set")."""
    doc = controller.doc
    problem = param_problem(doc, name, value)
    if problem:
        controller.statusMessage.emit(f"Not possible: {problem}")
        return False
    rules = _copy(doc)
    stored = None if value == DEFAULT_PARAMS[name] else value
    if name == "ratios" and stored is not None:
        stored = [Ratio.model_validate(r) for r in stored]
    setattr(rules.params, name, stored)
    if rules == doc.rules:
        return False
    return controller.do(
        ops.SetRules(rules, label=f"Set {PARAM_LABELS[name].lower()} to {_shown(doc, name, value)}")
    )


def _shown(doc: Document, name: str, value: Any) -> str:
    if name in GRADE_PARAMS:
        return ops.grade_name(doc, value) if value else "off"
    if isinstance(value, list) and name in ("required_functions", "triad"):
        return ", ".join(name_of(doc, "function", f) for f in value) or "none"
    if isinstance(value, list) and name == "standards":
        return ", ".join(value)
    if isinstance(value, (dict, list)):
        return "the new values"
    return str(value)


def set_enabled(controller: DocumentController, rule_id: str, on: bool) -> bool:
    """Switch a rule on or off."""
    rules = _copy(controller.doc)
    disabled = [r for r in rules.disabled if r != rule_id]
    if not on:
        disabled.append(rule_id)
    if disabled == rules.disabled:
        return False
    rules.disabled = disabled
    return controller.do(ops.SetRules(rules, label=f"Turn {rule_id} {'on' if on else 'off'}"))


def set_severity(controller: DocumentController, rule_id: str, severity: str | None) -> bool:
    """Give a rule a severity of its own, or (None) the catalogue's again."""
    rules = _copy(controller.doc)
    if severity is None or severity == RULES[rule_id].severity:
        if rule_id not in rules.severity:
            return False
        del rules.severity[rule_id]
        label = f"Give {rule_id} its default severity"
    else:
        if rules.severity.get(rule_id) == severity:
            return False
        rules.severity[rule_id] = severity  # type: ignore[assignment]
        label = f"Make {rule_id} {'an' if severity[0] in 'aeiou' else 'a'} {severity}"
    return controller.do(ops.SetRules(rules, label=label))


def unwaive(controller: DocumentController, rule_id: str, subject: str) -> bool:
    """Lift the waiver of ``rule_id`` for ``subject``."""
    try:
        op = ops.unwaive(controller.doc, rule_id, (subject,))
    except ops.OpRefused:
        return False
    return controller.do(op)


def set_waiver_reason(controller: DocumentController, index: int, reason: str) -> bool:
    doc = controller.doc
    rules = _copy(doc)
    if not 0 <= index < len(rules.waivers) or not reason.strip():
        return False
    w = rules.waivers[index]
    if w.reason == reason.strip():
        return False
    rules.waivers[index] = Waiver(rule=w.rule, subject=w.subject, reason=reason.strip())
    return controller.do(
        ops.SetRules(
            rules,
            label=f"Change the reason for waiving {w.rule} for {ops.subject_label(doc, w.subject)}",
        )
    )


def reset_defaults(controller: DocumentController) -> bool:
    """Back to the catalogue: default parameters, severities, every rule on. Waivers stay."""
    doc = controller.doc
    rules = RulesConfig(waivers=[w.model_copy() for w in doc.rules.waivers])
    if rules == doc.rules:
        return False
    return controller.do(ops.SetRules(rules, label="Reset the rule settings to the defaults"))


# -- the dialog ------------------------------------------------------------------------------


class FunctionChecklist(QListWidget):
    """Tick the functions a parameter lists; unknown IDs in the value are kept and shown."""

    def __init__(self, on_change: Callable[[list[str]], None], parent=None) -> None:
        super().__init__(parent)
        self.on_change = on_change
        self.itemChanged.connect(self._changed)
        self._loading = False

    def load(self, doc: Document, value: list[str]) -> None:
        self._loading = True
        self.clear()
        ids = [f.id for f in doc.functions] + [f for f in value if doc.function(f) is None]
        for fid in ids:
            known = doc.function(fid) is not None
            item = QListWidgetItem(
                name_of(doc, "function", fid) if known else f"{fid} (no such function yet)"
            )
            item.setData(ID_ROLE, fid)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if fid in value else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setFixedHeight(max(1, min(self.count(), 6)) * max(self.sizeHintForRow(0), 18) + 6)
        self._loading = False

    def _changed(self, _item) -> None:
        if self._loading:
            return
        self.on_change(
            [
                self.item(i).data(ID_ROLE)
                for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked
            ]
        )


class RuleDetail(QWidget):
    """One rule: what it checks, why, its switch, severity and parameters."""

    def __init__(self, controller: DocumentController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rule_id: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        self.title, self.group = header_label()
        lay.addWidget(self.title)
        lay.addWidget(self.group)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.summary)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setStyleSheet(f"color: {HINT_COLOUR}; font-style: italic;")
        lay.addWidget(self.why)
        self.form = form_layout()
        # Labels above their fields: the pane is narrow and the tables need the width.
        self.form.setRowWrapPolicy(self.form.RowWrapPolicy.WrapAllRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        lay.addLayout(self.form)
        self.enabled = QCheckBox("Check this rule")
        self.enabled.clicked.connect(
            lambda on: self.rule_id and set_enabled(controller, self.rule_id, bool(on))
        )
        self.form.addRow("", self.enabled)
        self.severity = QComboBox()
        self.severity.activated.connect(self._severity_picked)
        self.form.addRow("Severity", self.severity)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setStyleSheet(f"color: {HINT_COLOUR};")
        lay.addWidget(self.findings)
        lay.addStretch(1)
        self.editors: dict[str, tuple[QWidget, FieldRow]] = {}

    def load(self, rule_id: str | None) -> None:
        if rule_id != self.rule_id:
            self._build_params(rule_id)
        self.rule_id = rule_id
        self.setEnabled(rule_id is not None)
        if rule_id is None:
            self.title.setText("Choose a rule")
            for w in (self.group, self.summary, self.why):
                w.setText("")
            return
        info = RULES[rule_id]
        doc = self.controller.doc
        self.title.setText(rule_id)
        self.group.setText(info.group)
        self.summary.setText(info.summary)
        self.why.setText(info.why)
        on = rule_id not in doc.rules.disabled
        self.enabled.setChecked(on)
        self.severity.blockSignals(True)
        self.severity.clear()
        self.severity.addItem(f"Default ({SEVERITY_NAMES[info.severity]})", None)
        for s in SEVERITIES:
            self.severity.addItem(SEVERITY_NAMES[s], s)
        own = doc.rules.severity.get(rule_id)
        self.severity.setCurrentIndex(0 if own is None else 1 + SEVERITIES.index(own))
        self.severity.blockSignals(False)
        self.severity.setEnabled(on)
        params = effective_params(doc.rules)
        for name, (editor, row) in self.editors.items():
            row.setEnabled(on)
            self._fill(name, editor, params[name])
            row.set_error("")
            if name in GRADE_PARAMS and not doc.grades:
                row.set_hint("Define grades in the Grades panel to choose one here")
                continue
            row.set_hint(
                ""
                if doc.rules.params.model_dump().get(name) is not None
                else "The catalogue's default"
            )
        self.show_count(self.controller.report)

    def show_count(self, report: Report) -> None:
        if self.rule_id is None:
            return
        found = report.by_rule(self.rule_id)
        waived = sum(1 for f in found if f.waived)
        if self.rule_id in self.controller.doc.rules.disabled:
            self.findings.setText("Switched off: this rule reports nothing.")
        elif not found:
            self.findings.setText("No findings in this variant.")
        else:
            n = len(found) - waived
            text = f"{n} finding{'' if n == 1 else 's'} in this variant"
            self.findings.setText(text + (f", {waived} waived" if waived else "") + ".")

    def _severity_picked(self, row: int) -> None:
        if self.rule_id:
            set_severity(self.controller, self.rule_id, self.severity.itemData(row))

    # -- parameter editors ---------------------------------------------------------------------
    def _build_params(self, rule_id: str | None) -> None:
        for _editor, row in self.editors.values():
            self.form.removeRow(row)
        self.editors = {}
        if rule_id is None:
            return
        for name in RULES[rule_id].params:
            editor = self._editor(name)
            row = FieldRow(editor)
            self.form.addRow(PARAM_LABELS[name], row)
            self.editors[name] = (editor, row)

    def _editor(self, name: str) -> QWidget:
        c = self.controller
        default = DEFAULT_PARAMS[name]
        if isinstance(default, int):
            spin = QSpinBox()
            spin.setRange(0, 10_000)
            spin.setMaximumWidth(110)
            spin.setKeyboardTracking(False)  # one step per value, not per keystroke
            spin.valueChanged.connect(lambda v, n=name: self._commit(n, v))
            return spin
        if name in GRADE_PARAMS:
            combo = GradeCombo("Off: any grade will do")
            combo.picked.connect(lambda v, n=name: self._commit(n, v))
            return combo
        if name in ("required_functions", "triad"):
            return FunctionChecklist(lambda v, n=name: self._commit(n, v))
        if name == "standards":
            edit = QLineEdit()
            edit.setPlaceholderText("leveling, career_path, promotion, hiring")
            edit.editingFinished.connect(
                lambda n=name, e=edit: self._commit(n, split_tags(e.text()))
            )
            return edit
        if name == "function_standards":
            return FunctionStandardsTable(c, lambda v, n=name: self._commit(n, v))
        return RatiosTable(c, lambda v, n=name: self._commit(n, v))

    def _fill(self, name: str, editor: QWidget, value: Any) -> None:
        doc = self.controller.doc
        editor.blockSignals(True)
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, GradeCombo):
            editor.load(doc, value)
        elif isinstance(editor, FunctionChecklist):
            editor.blockSignals(False)
            editor.load(doc, list(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(", ".join(value))
        elif isinstance(editor, (FunctionStandardsTable, RatiosTable)):
            editor.blockSignals(False)
            editor.load(value)
        editor.blockSignals(False)

    def _commit(self, name: str, value: Any) -> None:
        editor, row = self.editors[name]
        problem = param_problem(self.controller.doc, name, value)
        if problem:
            row.set_error(problem)
            return
        row.set_error("")
        if effective_params(self.controller.doc.rules)[name] == value:
            return
        set_param(self.controller, name, value)


def _table_height(table: QTableWidget) -> int:
    """Exactly tall enough for the header and every row (at least one)."""
    rows = (
        sum(table.rowHeight(r) for r in range(table.rowCount()))
        or table.verticalHeader().defaultSectionSize()
    )
    return table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + 2


class FunctionStandardsTable(QTableWidget):
    """Extra standards per function (function -> comma-separated standards)."""

    def __init__(self, controller: DocumentController, on_change, parent=None) -> None:
        super().__init__(0, 2, parent)
        self.controller = controller
        self.on_change = on_change
        self.setHorizontalHeaderLabels(["Function", "Extra standards"])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(self._changed)
        self._loading = False

    def load(self, value: dict[str, list[str]]) -> None:
        doc = self.controller.doc
        self._loading = True
        ids = [f.id for f in doc.functions] + [f for f in value if doc.function(f) is None]
        self.setRowCount(len(ids))
        for r, fid in enumerate(ids):
            head = QTableWidgetItem(name_of(doc, "function", fid))
            head.setData(ID_ROLE, fid)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(r, 0, head)
            self.setItem(r, 1, QTableWidgetItem(", ".join(value.get(fid, []))))
        self.resizeColumnToContents(0)
        self.resizeRowsToContents()
        self.setFixedHeight(_table_height(self))
        self._loading = False

    def _changed(self, _item) -> None:
        if self._loading:
            return
        out = {}
        for r in range(self.rowCount()):
            fid = self.item(r, 0).data(ID_ROLE)
            extra = split_tags(self.item(r, 1).text() if self.item(r, 1) else "")
            if extra:
                out[fid] = extra
        self.on_change(out)


class RatiosTable(QWidget):
    """Bounds on people of one function per person of another, one row per ratio."""

    def __init__(self, controller: DocumentController, on_change, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.on_change = on_change
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["People of", "per one of", "Min", "Max"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._changed)
        lay.addWidget(self.table)
        bar = QHBoxLayout()
        add = QToolButton()
        add.setText("Add ratio")
        add.clicked.connect(self._add)
        remove = QToolButton()
        remove.setText("Remove")
        remove.clicked.connect(self._remove)
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        self._loading = False

    def load(self, value: list[dict[str, Any]]) -> None:
        self._loading = True
        self.table.setRowCount(len(value))
        for r, ratio in enumerate(value):
            for c, key in enumerate(("numerator", "denominator", "min", "max")):
                v = ratio.get(key)
                text = (
                    ""
                    if v is None
                    else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                )
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.table.setFixedHeight(_table_height(self.table))
        self.error.hide()
        self._loading = False

    def value(self) -> list[dict[str, Any]] | None:
        out = []
        for r in range(self.table.rowCount()):
            cells = [
                (self.table.item(r, c).text().strip() if self.table.item(r, c) else "")
                for c in range(4)
            ]
            if not cells[0] or not cells[1]:
                self._say(f"Row {r + 1}: name both functions (by ID, e.g. engineering)")
                return None
            bounds: list[float | None] = []
            for text in cells[2:]:
                try:
                    bounds.append(float(text) if text else None)
                except ValueError:
                    self._say(f"Row {r + 1}: \u201c{text}\u201d is not a number")
                    return None
            out.append(
                {"numerator": cells[0], "denominator": cells[1], "min": bounds[0], "max": bounds[1]}
            )
        self.error.hide()
        return out

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _changed(self, _item) -> None:
        if self._loading:
            return
        value = self.value()
        if value is not None:
            self.on_change(value)

    def _add(self) -> None:
        value = self.value()
        if value is None:  # a row is invalid (the error says which): keep every ratio
            return
        doc = self.controller.doc
        fns = [f.id for f in doc.functions] or ["engineering", "product"]
        value.append(
            {
                "numerator": fns[0],
                "denominator": fns[-1] if len(fns) > 1 else fns[0],
                "min": None,
                "max": None,
            }
        )
        self.on_change(value)

    def _remove(self) -> None:
        row = self.table.currentRow()
        value = self.value()
        if value is None or not 0 <= row < len(value):
            return
        del value[row]
        self.on_change(value)


class WaiversTab(QWidget):
    """The waivers: rule, subject, reason (editable), and whether they still match a finding."""

    def __init__(self, controller: DocumentController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("waiversTable")
        self.table.setHorizontalHeaderLabels(["Rule", "About", "Reason", "Status"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setMinimumSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._changed)
        self.empty = QLabel(
            "No waivers.\n\nTo accept a finding as a documented exception, "
            "right-click it in the Findings panel and choose \u201cWaive this "
            "finding\u201d. It stays listed, as waived, with your reason."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {HINT_COLOUR};")
        self.empty.setContentsMargins(100, 20, 100, 20)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        lay.addWidget(self.stack)
        bar = QHBoxLayout()
        self.remove = QPushButton("Remove waiver")
        self.remove.clicked.connect(self.remove_selected)
        bar.addWidget(self.remove)
        bar.addStretch(1)
        self.hint = QLabel("Double-click a reason to change it.")
        self.hint.setStyleSheet(f"color: {HINT_COLOUR};")
        bar.addWidget(self.hint)
        lay.addLayout(bar)
        self._loading = False

    def load(self) -> None:
        doc = self.controller.doc
        report = self.controller.report
        waivers = doc.rules.waivers
        # What each waiver matches, from one pass over the findings.
        wanted = {(w.rule, w.subject) for w in waivers}
        matches: dict[tuple[str, str], list[Finding]] = {}
        for f in report.findings:
            for s in f.subjects:
                if (f.rule, s) in wanted:
                    matches.setdefault((f.rule, s), []).append(f)
        self._loading = True
        self.table.setRowCount(len(waivers))
        for r, w in enumerate(waivers):
            matched = matches.get((w.rule, w.subject), [])
            cells = [
                (w.rule, False, RULES[w.rule].summary),
                (ops.subject_label(doc, w.subject), False, w.subject),
                (w.reason, True, "Double-click to change the reason"),
                (
                    "waives " + (f"{len(matched)} finding" + ("s" if len(matched) > 1 else ""))
                    if matched
                    else "matches nothing now",
                    False,
                    "A waiver that matches nothing can be removed" if not matched else "",
                ),
            ]
            for c, (text, editable, tip) in enumerate(cells):
                item = QTableWidgetItem(text)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if editable:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if tip:
                    item.setToolTip(tip)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self._loading = False
        self.stack.setCurrentWidget(self.table if waivers else self.empty)
        self.remove.setEnabled(bool(waivers))
        self.hint.setVisible(bool(waivers))

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 2:
            return
        if not item.text().strip():
            self.controller.statusMessage.emit("A waiver needs a reason")
            self.load()
            return
        set_waiver_reason(self.controller, item.row(), item.text())

    def remove_selected(self) -> bool:
        row = self.table.currentRow()
        waivers = self.controller.doc.rules.waivers
        if not 0 <= row < len(waivers):
            return False
        return unwaive(self.controller, waivers[row].rule, waivers[row].subject)

    def listed(self) -> list[tuple[str, str, str]]:
        """What the table shows: (rule, subject name, reason) per row."""
        return [
            (
                self.table.item(r, 0).text(),
                self.table.item(r, 1).text(),
                self.table.item(r, 2).text(),
            )
            for r in range(self.table.rowCount())
        ]


class RuleSettingsDialog(QDialog):
    """Tools > Rule settings: every rule, its switch, severity and parameters; the waivers."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleSettings")
        self.setWindowTitle("Rule settings")
        self.controller = controller
        self.tree = QTreeWidget()
        self.tree.setObjectName("rulesTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Rule", "Checks", "Severity", "Findings"])
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.items: dict[str, QTreeWidgetItem] = {}
        self._loading = True
        for group in dict.fromkeys(r.group for r in CATALOGUE):
            top = QTreeWidgetItem([group])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for info in CATALOGUE:
                if info.group != group:
                    continue
                item = QTreeWidgetItem([info.id, info.summary, "", ""])
                item.setData(0, ID_ROLE, info.id)
                item.setToolTip(0, f"{info.summary}\n\n{info.why}")
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setToolTip(1, f"{info.summary}\n\n{info.why}")
                item.setTextAlignment(
                    3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                top.addChild(item)
                self.items[info.id] = item
            top.setExpanded(True)
        self._loading = False

        self.detail = RuleDetail(controller)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([640, 440])

        self.waivers = WaiversTab(controller)
        self.tabs = QTabWidget()
        self.tabs.addTab(split, "Rules")
        self.tabs.addTab(self.waivers, "Waivers")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.reset_button = buttons.addButton(
            "Reset to defaults", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reset_button.setToolTip(
            "The catalogue's parameters and severities, every rule on; waivers are kept"
        )
        self.reset_button.clicked.connect(lambda: reset_defaults(controller))
        buttons.rejected.connect(self.close)
        note = QLabel("Changes apply at once, are saved with the document, and can be undone.")
        note.setStyleSheet(f"color: {HINT_COLOUR};")
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(buttons)
        lay.addLayout(bottom)
        self.resize(1100, 640)

        controller.changed.connect(self._doc_changed)
        controller.documentReplaced.connect(self.refresh)
        controller.findingsChanged.connect(self._findings)
        self.refresh()
        self.select_rule(CATALOGUE[0].id)

    def _doc_changed(self, changes: list[Change]) -> None:
        if self.isVisible() and any(c.kind in ("rules", "function", "document") for c in changes):
            self.refresh()

    def refresh(self) -> None:
        """Fill every row and the detail pane from the document's rules."""
        doc = self.controller.doc
        self._loading = True
        for rid, item in self.items.items():
            on = rid not in doc.rules.disabled
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            sev = doc.rules.severity.get(rid, RULES[rid].severity)
            item.setText(2, SEVERITY_NAMES[sev] + ("" if rid not in doc.rules.severity else " *"))
            item.setToolTip(
                2,
                "Changed from the default"
                if rid in doc.rules.severity
                else "The catalogue's default",
            )
            for c in range(4):
                item.setForeground(
                    c, self.palette().placeholderText() if not on else self.palette().text()
                )
        self._loading = False
        self._findings(self.controller.report)  # also reloads the waivers
        self.detail.load(self.detail.rule_id)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()  # it may have missed edits while closed

    def _findings(self, report: Report) -> None:
        if not self.isVisible():
            return
        n = len(self.controller.doc.rules.waivers)
        self.tabs.setTabText(1, f"Waivers ({n})" if n else "Waivers")
        counts: dict[str, int] = {}
        for f in report.findings:
            if not f.waived:
                counts[f.rule] = counts.get(f.rule, 0) + 1
        for rid, item in self.items.items():
            n = counts.get(rid, 0)
            item.setText(3, str(n) if n else "\u2013")
        self.detail.show_count(report)
        self.waivers.load()

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0:
            return
        rid = item.data(0, ID_ROLE)
        if rid:
            set_enabled(self.controller, rid, item.checkState(0) == Qt.CheckState.Checked)

    def _current_changed(self, item: QTreeWidgetItem | None, _prev) -> None:
        rid = item.data(0, ID_ROLE) if item is not None else None
        if rid:
            self.detail.load(rid)

    def select_rule(self, rule_id: str) -> None:
        item = self.items.get(rule_id)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.detail.load(rule_id)
