"""File > Import: map an HR export's columns to people's fields, see the result, then create.

The dialog reads the file once, guesses the mapping (core importer), and shows
the first rows of the file with a field chooser above each column, the first
people as they will be created, the summary and every warning. Changing a
chooser re-runs the import at once, so the warnings and the preview always
match what OK will create; nothing is created before OK. A row that cannot
become a person (no ID, a duplicate ID) is shown as the reason, with its
line, and OK stays disabled.

The caller opens the result as a new unsaved document::

    try:
        dialog = ImportDialog(path, parent)
    except ImportFailed as exc:   # unreadable file: nothing to map
        ...show str(exc)...
    if dialog.exec():
        doc = dialog.result_document()
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.cost import money
from ..core.importer import (
    FIELD_LABELS,
    FIELDS,
    MAPPABLE,
    ImportFailed,
    ImportResult,
    Table,
    guess_mapping,
    import_table,
    read_table,
    set_field,
    sheet_names,
)
from ..core.model import Document

IGNORE_LABEL = "(ignore)"
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


class ImportDialog(QDialog):
    """Preview and column mapping for an HR export; OK builds the document."""

    PREVIEW_ROWS = 20
    mappingChanged = Signal()  # after the preview, summary and warnings are current

    def __init__(
        self,
        path: str | os.PathLike[str],
        parent: QWidget | None = None,
        *,
        sheet: str | None = None,
    ) -> None:
        """Read ``path``; raises :class:`ImportFailed` when the file cannot be read at all."""
        super().__init__(parent)
        self._path = Path(path)
        self._table: Table = read_table(self._path, sheet=sheet)
        self._mapping: dict[str, str] = guess_mapping(self._table.headers)
        self._result: ImportResult | None = None
        self._error: str | None = None
        self._combos: dict[str, QComboBox] = {}

        self.setWindowTitle(f"Import {self._path.name}")
        self.resize(980, 700)

        self._source_label = QLabel()
        self._source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._sheet_combo: QComboBox | None = None
        top = QHBoxLayout()
        top.addWidget(self._source_label, 1)
        sheets = sheet_names(self._path)
        if len(sheets) > 1:
            self._sheet_combo = QComboBox()
            self._sheet_combo.setObjectName("sheet")
            self._sheet_combo.addItems(sheets)
            self._sheet_combo.setCurrentText(self._table.sheet or sheets[0])
            self._sheet_combo.currentTextChanged.connect(self._sheet_changed)
            top.addWidget(QLabel("Sheet:"))
            top.addWidget(self._sheet_combo)

        self._preview = QTableWidget()
        self._preview.setObjectName("preview")
        self._preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._preview.setWordWrap(False)  # long URLs would make rows tall
        self._preview.setToolTip(
            "The first rows of the file; choose above each column which field it gives"
        )

        self._people = QTableWidget(0, len(FIELDS))
        self._people.setObjectName("people")
        self._people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._people.setHorizontalHeaderLabels([FIELD_LABELS[f] for f in FIELDS])
        self._people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self._summary = QLabel()
        self._summary.setObjectName("summary")
        self._summary.setWordWrap(True)
        self._warnings = QListWidget()
        self._warnings.setObjectName("warnings")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(
            _titled("File: the first rows and the field of each column", self._preview)
        )
        splitter.addWidget(_titled("People as they will be created", self._people))
        warnings_box = QWidget()
        wl = QVBoxLayout(warnings_box)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(self._summary)
        wl.addWidget(self._warnings)
        splitter.addWidget(warnings_box)
        splitter.setSizes([300, 220, 180])

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._buttons)

        self._fill_preview()
        self._refresh()

    # -- public ---------------------------------------------------------------------
    def table(self) -> Table:
        """The cells read from the file."""
        return self._table

    def mapping(self) -> dict[str, str]:
        """Column -> field, as the choosers show it."""
        return dict(self._mapping)

    def combo(self, column: str) -> QComboBox:
        """The field chooser above ``column``."""
        return self._combos[column]

    def set_field(self, column: str, field: str) -> None:
        """Choose ``field`` (or ``""`` to ignore) for ``column``, as the user would."""
        combo = self._combos[column]
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def import_result(self) -> ImportResult | None:
        """The import with the current mapping, or None when it is refused."""
        return self._result

    def error(self) -> str | None:
        """Why the current mapping cannot import (names the line), or None."""
        return self._error

    def warning_texts(self) -> list[str]:
        """The lines of the warnings list, as shown."""
        return [self._warnings.item(i).text() for i in range(self._warnings.count())]

    def result_document(self) -> Document | None:
        """The new document (unsaved, named after the file); None before a successful import."""
        return self._result.document if self._result is not None else None

    def accept(self) -> None:
        if self._result is None:  # OK is disabled then; a stray Enter must not close
            return
        super().accept()

    # -- building -------------------------------------------------------------------
    def _fill_preview(self) -> None:
        table = self._table
        rows = table.rows[: self.PREVIEW_ROWS]
        width = len(table.headers)
        self._preview.clear()
        self._combos.clear()
        self._preview.setColumnCount(width)
        self._preview.setRowCount(len(rows) + 1)
        self._preview.setHorizontalHeaderLabels(table.headers)
        self._preview.setVerticalHeaderLabels(["Field"] + [f"line {n}" for n, _ in rows])
        for col, header in enumerate(table.headers):
            combo = QComboBox()
            combo.setObjectName(f"field:{header}")
            combo.addItem(IGNORE_LABEL, "")
            for fld in MAPPABLE:
                combo.addItem(FIELD_LABELS[fld], fld)
            combo.setCurrentIndex(max(0, combo.findData(self._mapping.get(header, ""))))
            combo.setToolTip(f"Which field of a person the column {header!r} gives")
            combo.currentIndexChanged.connect(lambda _i, column=header: self._combo_changed(column))
            self._combos[header] = combo
            self._preview.setCellWidget(0, col, combo)
        for r, (_, cells) in enumerate(rows, start=1):
            for col in range(width):
                text = cells[col] if col < len(cells) else ""
                self._preview.setItem(r, col, QTableWidgetItem(text))
        self._preview.resizeColumnsToContents()
        for col in range(width):
            if self._preview.columnWidth(col) > 260:
                self._preview.setColumnWidth(col, 260)
        detail = ENCODING_NAMES.get(table.encoding, table.encoding)
        if table.sheet is not None:
            detail = f"sheet {table.sheet!r}"
        elif table.delimiter:
            detail += f", {DELIMITER_NAMES.get(table.delimiter, repr(table.delimiter))}-separated"
        self._source_label.setText(
            f"{self._path.name}: {len(table.rows):,} data rows, {width} columns ({detail})"
        )

    def _sheet_changed(self, sheet: str) -> None:
        try:
            table = read_table(self._path, sheet=sheet)
        except ImportFailed as exc:
            self._show_error(str(exc))
            return
        self._table = table
        self._mapping = guess_mapping(table.headers)
        self._fill_preview()
        self._refresh()

    def _combo_changed(self, column: str) -> None:
        fld = self._combos[column].currentData() or ""
        self._mapping = set_field(self._mapping, column, fld)
        # A field comes from one column: the chooser that had it falls back to ignore.
        for header, combo in self._combos.items():
            want = self._mapping.get(header, "")
            if (combo.currentData() or "") != want:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(want)))
                combo.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        try:
            self._result = import_table(self._table, self._mapping, name=self._path.stem)
            self._error = None
        except ImportFailed as exc:
            self._result = None
            self._show_error(str(exc))
        else:
            self._show_result(self._result)
        self._shade_columns()
        self.mappingChanged.emit()

    def _shade_columns(self) -> None:
        palette = self.palette()
        ignored = QBrush(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        normal = QBrush(palette.color(QPalette.ColorRole.Text))
        for col, header in enumerate(self._table.headers):
            brush = normal if self._mapping.get(header) else ignored
            for row in range(1, self._preview.rowCount()):
                item = self._preview.item(row, col)
                if item is not None:
                    item.setForeground(brush)

    def _show_error(self, message: str) -> None:
        self._error = message
        self._result = None
        self._summary.setText(f"<b>Cannot import:</b> {html.escape(message)}")
        self._warnings.clear()
        item = QListWidgetItem(f"Cannot import: {message}")
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QBrush(Qt.GlobalColor.red))
        self._warnings.addItem(item)
        self._people.setRowCount(0)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _show_result(self, result: ImportResult) -> None:
        s = result.summary
        self._summary.setText(
            f"Will create {s['people']:,} {'person' if s['people'] == 1 else 'people'}, "
            f"{s['roles']:,} role{'' if s['roles'] == 1 else 's'}, "
            f"{s['functions']:,} function{'' if s['functions'] == 1 else 's'} and "
            f"{s['teams']:,} team{'' if s['teams'] == 1 else 's'}; "
            f"{s['warnings']:,} warning{'' if s['warnings'] == 1 else 's'}."
        )
        self._warnings.clear()
        for w in result.warnings:
            self._warnings.addItem(str(w))
        doc = result.document
        people = doc.people[: self.PREVIEW_ROWS]
        self._people.setRowCount(len(people))
        for r, p in enumerate(people):
            role = doc.role(p.role)
            team = doc.team(p.team)
            function = doc.function(doc.function_of(p))
            values = {
                "id": p.id,
                "name": p.name,
                "title": role.title if role else "",
                "manager": p.manager or "",
                "functional_manager": p.functional_manager or "",
                "team": team.name if team else "",
                "function": function.name if function else "",
                "level": p.level or "",
                "vacant": "yes" if p.vacant else "",
                "cost": money(p.cost, doc.currency) if p.cost is not None else "",
            }
            for c, fld in enumerate(FIELDS):
                self._people.setItem(r, c, QTableWidgetItem(values[fld]))
        self._people.resizeColumnsToContents()
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(title))
    layout.addWidget(widget)
    return box
