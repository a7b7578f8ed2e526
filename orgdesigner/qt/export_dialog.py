"""File > Export: the org chart, the role definitions or the validation report.

A small dialog: where to write (the format follows the file's suffix) and,
for charts, which view, the page size and orientation. Big charts show a
progress dialog while the pages are drawn; when the file is written the user
is offered to open it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.text import slug
from ..export import FORMATS
from .config import settings
from .document import DocumentController

KINDS = {
    "chart": ("Export org chart", "chart", FORMATS["chart"]),
    "roles": ("Export role definitions", "roles", FORMATS["roles"]),
    "findings": ("Export validation report", "findings", FORMATS["findings"]),
    "people": ("Export people", "people", FORMATS["people"]),
}
VIEW_CHOICES = [
    ("people", "People (line managers)"),
    ("teams", "Teams"),
    ("functions", "Functions"),
    ("all", "All three views (PDF, PowerPoint)"),
]
# How the paper is turned: None lets each view take the way with fewer pages.
ORIENTATIONS = [
    (None, "Turned to take the fewest pages"),
    (False, "Portrait"),
    (True, "Landscape"),
]
PAGES = [("a4", "A4"), ("a3", "A3"), ("letter", "Letter"), ("fit", "Fit the chart on one page")]
PROGRESS_AFTER = 300  # cards; smaller charts are written before a dialog would show


class ExportDialog(QDialog):
    """Options and target of one export; ``export()`` writes it."""

    def __init__(
        self,
        kind: str,
        controller: DocumentController,
        parent: QWidget | None = None,
        *,
        view: str = "people",
        functional_lines: bool = False,
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown export {kind!r}")
        self.kind = kind
        self.controller = controller
        title, stem, formats = KINDS[kind]
        self.formats = formats
        self.setWindowTitle(title)
        self.written: Path | None = None

        doc = controller.doc
        base = slug(controller.title, "organisation")
        folder = self._folder()
        suffix = next(iter(formats))
        self.path_edit = QLineEdit(str(folder / f"{base}-{stem}{suffix}"))
        browse = QPushButton("Browse\u2026")
        browse.clicked.connect(self._browse)
        self.format_box = QComboBox()
        for suf, label in formats.items():
            self.format_box.addItem(f"{label} ({suf})", suf)
        self.format_box.currentIndexChanged.connect(self._format_chosen)
        self.path_edit.textChanged.connect(self._path_typed)

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow("Save to:", holder)
        form.addRow("Format:", self.format_box)

        self.view_box = QComboBox()
        self.page_box = QComboBox()
        self.orientation = QComboBox()
        self.orientation.setObjectName("orientation")
        self.with_findings = QCheckBox("Print finding badges on the cards")
        self.with_findings.setToolTip(
            "Each card with findings gets a badge in its worst severity's colour, with their number"
        )
        self.lines = QCheckBox("Dotted functional-manager lines")
        self.folded = QCheckBox("Leave folded subtrees folded, as on the canvas")
        if kind == "chart":
            for key, label in VIEW_CHOICES:
                self.view_box.addItem(label, key)
            self.view_box.setCurrentIndex(
                max(
                    0, [k for k, _ in VIEW_CHOICES].index(view) if view in dict(VIEW_CHOICES) else 0
                )
            )
            for key, label in PAGES:
                self.page_box.addItem(label, key)
            for turned, label in ORIENTATIONS:
                self.orientation.addItem(label, turned)
            self.lines.setChecked(functional_lines)
            self.folded.setChecked(bool(doc.view.collapsed))
            self.folded.setEnabled(bool(doc.view.collapsed))
            form.addRow("View:", self.view_box)
            form.addRow("Page:", self.page_box)
            form.addRow("Paper:", self.orientation)
            form.addRow("", self.with_findings)
            form.addRow("", self.lines)
            form.addRow("", self.folded)
            self.page_box.currentIndexChanged.connect(self._sync)
            self.view_box.currentIndexChanged.connect(self._sync)
        # Salaries are private: costs go into a file only when the user asks.
        self.with_cost = QCheckBox("Include costs (salaries and budgets)")
        self.with_cost.setToolTip(
            "Adds each position's cost and the roll-ups. Leave it off for files you hand out."
        )
        form.addRow("", self.with_cost)
        self.open_after = QCheckBox("Open the file when it is written")
        self.open_after.setChecked(True)
        form.addRow("", self.open_after)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("exportNote")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.note)
        lay.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        self._sync()

    # -- options -----------------------------------------------------------------------
    def _folder(self) -> Path:
        saved = settings().value("exportDir", "")
        if saved and Path(str(saved)).is_dir():
            return Path(str(saved))
        if self.controller.path is not None:
            return self.controller.path.parent
        return Path.home()

    def _browse(self) -> None:
        current = self.path_edit.text()
        filters = ";;".join(f"{label} (*{suf})" for suf, label in self.formats.items())
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), current, filters)
        if path:
            if Path(path).suffix.lower() not in self.formats:
                path = str(Path(path).with_suffix(self.format_box.currentData()))
            self.path_edit.setText(path)

    def _format_chosen(self) -> None:
        suf = self.format_box.currentData()
        text = self.path_edit.text().strip()
        if text:
            p = Path(text)
            if p.suffix.lower() != suf:
                self.path_edit.blockSignals(True)
                self.path_edit.setText(str(p.with_suffix(suf)))
                self.path_edit.blockSignals(False)
        self._sync()

    def _path_typed(self, text: str) -> None:
        suf = Path(text.strip()).suffix.lower()
        if suf in self.formats:
            i = self.format_box.findData(suf)
            if i >= 0 and i != self.format_box.currentIndex():
                self.format_box.blockSignals(True)
                self.format_box.setCurrentIndex(i)
                self.format_box.blockSignals(False)
        self._sync()

    def _sync(self) -> None:
        """Enable what makes sense for the chosen format and say what is wrong, if anything."""
        suf = self.format_box.currentData()
        problem = self.problem()
        if self.kind == "chart":
            pdf = suf == ".pdf"
            self.page_box.setEnabled(pdf)
            self.orientation.setEnabled(pdf and self.page_box.currentData() != "fit")
            self.with_findings.setEnabled(pdf)
            all_views = self.view_box.findData("all")
            model = self.view_box.model()
            item = model.item(all_views) if hasattr(model, "item") else None
            several = suf in (".pdf", ".pptx")
            if item is not None:
                item.setEnabled(several)
            if not several and self.view_box.currentData() == "all":
                self.view_box.setCurrentIndex(0)
        self.note.setText(problem or "")
        self.note.setVisible(bool(problem))
        self.export_button.setEnabled(problem is None)

    def problem(self) -> str | None:
        text = self.path_edit.text().strip()
        if not text:
            return "Choose where to save the file."
        p = Path(text).expanduser()
        if p.suffix.lower() not in self.formats:
            return f"The file name must end in {' or '.join(self.formats)}."
        if p.is_dir():
            return "That is a folder: add a file name."
        return None

    def options(self) -> dict:
        """The chosen options, as the exporter's keyword arguments (charts)."""
        if self.kind != "chart":
            return {}
        view = self.view_box.currentData()
        return {
            "view": ["people", "teams", "functions"] if view == "all" else view,
            "page": self.page_box.currentData(),
            "landscape": self.orientation.currentData(),
            "with_findings": self.with_findings.isChecked(),
            "functional_lines": self.lines.isChecked(),
            "collapsed": tuple(self.controller.doc.view.collapsed)
            if self.folded.isChecked()
            else (),
        }

    def target(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    # -- doing it ------------------------------------------------------------------------
    def _accept(self) -> None:
        if self.problem() is not None:
            return
        target = self.target()
        if target.exists() and not self.confirm_overwrite(target):
            return
        if self.export():
            self.accept()
            if self.open_after.isChecked():
                self.open_result(target)

    def confirm_overwrite(self, target: Path) -> bool:
        answer = QMessageBox.question(
            self, "Replace file?", f"\u201c{target.name}\u201d already exists. Replace it?"
        )
        return answer == QMessageBox.StandardButton.Yes

    def export(self) -> bool:
        """Write the file; on failure say why and return False."""
        from ..export import ExportError, export_chart, export_findings, export_roles

        target = self.target()
        doc = self.controller.doc
        progress: QProgressDialog | None = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.kind == "chart":
                opts = self.options()
                if len(doc.people) + len(doc.teams) > PROGRESS_AFTER:
                    progress = QProgressDialog("Drawing the chart\u2026", "", 0, 0, self)
                    progress.setCancelButton(None)
                    progress.setWindowTitle(self.windowTitle())
                    progress.setWindowModality(Qt.WindowModality.WindowModal)
                    progress.setMinimumDuration(0)
                    progress.show()
                    QApplication.processEvents()

                def step(done: int, total: int) -> None:
                    if progress is not None:
                        progress.setMaximum(max(total, 1))
                        progress.setValue(done)
                        progress.setLabelText(f"Drawing page {min(done + 1, total)} of {total}")
                        QApplication.processEvents()

                export_chart(
                    doc, target, progress=step, with_cost=self.with_cost.isChecked(), **opts
                )
            elif self.kind == "roles":
                export_roles(doc, target, with_cost=self.with_cost.isChecked())
            elif self.kind == "people":
                from ..core.io import SaveError
                from ..export.csv_export import export_people_csv

                try:
                    export_people_csv(doc, target, with_cost=self.with_cost.isChecked())
                except SaveError as exc:
                    raise ExportError(f"Cannot write {exc}") from None
            else:
                export_findings(
                    doc, self.controller.report, target, with_cost=self.with_cost.isChecked()
                )
        except ExportError as exc:
            error = str(exc)
        except OSError as exc:
            error = f"Cannot write {target}: {exc.strerror or exc}"
        else:
            error = None
        finally:
            # Whatever happened (even an unexpected error), the cursor comes back.
            QApplication.restoreOverrideCursor()
            if progress is not None:
                progress.close()
        if error is not None:
            self.show_error(error)
            return False
        self.written = target
        settings().setValue("exportDir", str(target.parent))
        parent = self.parentWidget()
        bar = getattr(parent, "statusBar", None)
        if callable(bar):
            bar().showMessage(f"Exported {target.name}", 6000)
        return True

    def show_error(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(True)
        QMessageBox.warning(self, "Export failed", text)

    def open_result(self, path: Path) -> None:
        """Open the written file in the system's viewer."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
