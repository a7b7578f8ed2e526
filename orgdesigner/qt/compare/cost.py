"""The compare window's cost table: the cost of A, of B and the difference.

Rows: the total, then each team (with its sub-teams) and each function, from
:meth:`orgdesigner.core.diff.Diff.cost`, the same figures the comparison
report prints. A checkbox says whether the report written from the window
includes them (costs stay out of files unless asked for).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.cost import difference, money, signed_money


class CostComparisonView(QWidget):
    """Cost of A and B side by side, by team and by function."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareCost")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.title = QLabel("<b>Cost</b>")
        lay.addWidget(self.title)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("costTable")
        self.table.setHorizontalHeaderLabels(["", "A", "B", "Change"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.table, 1)
        self.include = QCheckBox("Include costs in the report")
        self.include.setToolTip(
            "Costs are left out of the PDF unless you ask: salaries are private"
        )
        lay.addWidget(self.include)

    def show_diff(self, d) -> None:
        """Fill the table from diff ``d`` (None: nothing to compare); hidden when no one has a cost."""
        c = d.cost() if d is not None and "a" in d.docs and "b" in d.docs else None
        if c is None or not c.any:
            self.table.setRowCount(0)
            self.hide()
            return
        self.show()
        cur = c.currency
        self.title.setText(f"<b>Cost</b> ({cur})" if cur else "<b>Cost</b>")
        rows: list[tuple[str, object, object, bool]] = [("Total", c.a.total, c.b.total, True)]
        for heading, entries in (("By team", c.teams), ("By function", c.functions)):
            if entries:
                rows.append((heading, None, None, True))
                rows += [(f"  {name}", a, b, False) for _k, name, a, b in entries]
        self.table.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, (label, a, b, strong) in enumerate(rows):
            heading = strong and label != "Total"
            change = None if heading else difference(a, b)  # type: ignore[arg-type]
            texts = [label]
            if heading:
                texts += ["", "", ""]
            else:
                texts += [money(a, cur, short=True), money(b, cur, short=True)]  # type: ignore[arg-type]
                texts.append(signed_money(change, cur, short=True))
            for col, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if col:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if strong or (col == 3 and change):
                    cell.setFont(bold)
                if not heading and col:
                    exact = (a, b, change)[col - 1]
                    cell.setToolTip(money(exact, cur))  # type: ignore[arg-type]
                elif not col:
                    cell.setToolTip(label.strip())  # the name, when the column cuts it
                self.table.setItem(r, col, cell)

    def row_texts(self) -> list[list[str]]:
        """The table as text, row by row (for tests and accessibility)."""
        return [
            [self.table.item(r, c).text() for c in range(4)] for r in range(self.table.rowCount())
        ]
