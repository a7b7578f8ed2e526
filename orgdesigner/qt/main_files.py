"""The main window's files: new, open, save, recent files, import and export.

:class:`FilesMixin` is one room of :class:`~orgdesigner.qt.main_window.MainWindow`;
it uses the window's ``controller``, ``canvas`` and status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from ..core import io
from ..core.edits import plural
from ..core.model import Document
from ..core.text import slug
from .config import FILE_FILTER, settings

MAX_RECENT = 10


class FilesMixin:
    """Opening, saving and exchanging the window's document."""

    # -- files ------------------------------------------------------------------------------------
    def ask_save_changes(self) -> str:
        """Save, discard or cancel? (Tests replace this.)"""
        name = self.controller.doc.name or "this organisation"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to \u201c{name}\u201d?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(QMessageBox.StandardButton(answer), "cancel")

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or unchanged)."""
        if not self.controller.modified:
            return True
        answer = self.ask_save_changes()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_document(self) -> None:
        if not self.maybe_save():
            return
        self.controller.replace(Document.new("Untitled organisation"), None)
        self.show_new_document()

    def show_new_document(self) -> None:
        """A document just opened: the People view, fitted."""
        self.set_view("people")
        self.canvas.show_start()

    def choose_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open an organisation", self._last_dir(), FILE_FILTER
        )
        return path or None

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.choose_open_path()
        if path:
            self.open_path(path)

    def open_path(self, path: str, *, remember: bool = True, check_unsaved: bool = False) -> bool:
        """Open ``path``; a file that cannot be read is explained and nothing changes."""
        if check_unsaved and not self.maybe_save():
            return False
        try:
            doc, stamp = io.load_stamped(path)
        except io.LoadError as exc:
            self.show_error("Cannot open this file", str(exc))
            self._forget_recent(path)
            return False
        except OSError as exc:
            self.show_error("Cannot open this file", f"{path}: {exc.strerror or exc}")
            self._forget_recent(path)
            return False
        if remember:
            self.controller.replace(doc, path, stamp=stamp, check_later=True)
            self._remember(path)
        else:
            # A bundled example is a template: saving it asks where, never over the example.
            self.controller.replace(doc, None, check_later=True)
        self.show_new_document()
        # The chart first, then the findings: checking a large file takes a while.
        self.canvas.after_paint(self.controller.check_loaded)
        self.statusBar().showMessage(
            f"Opened {Path(path).name}: {plural(len(doc.people), 'person', 'people')}, "
            f"{plural(len(doc.teams), 'team')}",
            6000,
        )
        return True

    def choose_save_path(self) -> str | None:
        doc = self.controller.doc
        start = self.controller.path or Path(self._last_dir()) / f"{slug(doc.name, 'org')}.orgd"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the organisation as", str(start), FILE_FILTER
        )
        if not path:
            return None
        if not Path(path).suffix:
            path += ".orgd"
        return path

    def save(self) -> bool:
        if self.controller.path is None:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        path = self.choose_save_path()
        if not path:
            return False
        return self._save_to(path)

    def _save_to(self, path: str | None) -> bool:
        try:
            self.controller.save(path)
        except io.SaveError as exc:
            self.show_error("Not saved", str(exc))
            return False
        except OSError as exc:
            self.show_error("Not saved", str(exc))
            return False
        assert self.controller.path is not None
        self._remember(str(self.controller.path))
        self.statusBar().showMessage(f"Saved {self.controller.path.name}", 4000)
        return True

    def show_error(self, title: str, text: str) -> None:
        """Tell the user something failed. (Tests replace this.)"""
        QMessageBox.critical(self, title, text)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.maybe_save():
            event.accept()
        else:
            event.ignore()

    # -- recent files ---------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = settings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def _remember(self, path: str) -> None:
        path = str(Path(path).resolve())
        files = [path] + [p for p in self.recent_files() if p != path]
        s = settings()
        s.setValue("recentFiles", files[:MAX_RECENT])
        s.setValue("lastDir", str(Path(path).parent))

    def _forget_recent(self, path: str) -> None:
        resolved = str(Path(path).resolve())
        files = [p for p in self.recent_files() if p != resolved]
        settings().setValue("recentFiles", files)

    def _last_dir(self) -> str:
        return str(settings().value("lastDir", "") or Path.home())

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.recent_files()
        for i, path in enumerate(files, start=1):
            act = menu.addAction(f"&{i % 10} {Path(path).name}")
            act.setStatusTip(path)
            act.setToolTip(path)
            act.triggered.connect(lambda _=False, p=path: self.open_path(p, check_unsaved=True))
        if not files:
            act = menu.addAction("No recent files")
            act.setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear list", lambda: settings().setValue("recentFiles", []))

    # -- import and export -----------------------------------------------------------------------
    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Import people from an HR export",
            self._last_dir(),
            "Spreadsheets (*.csv *.xlsx *.tsv *.txt);;All files (*)",
        )
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> bool:
        """Run the import dialog on ``path``; the result opens as a new, unsaved document."""
        from .import_dialog import ImportDialog, ImportFailed

        if not self.maybe_save():
            return False
        try:
            dlg = ImportDialog(path, self)
        except ImportFailed as exc:
            where = f"{Path(path).name}: " if exc.line else ""
            self.show_error("Cannot import this file", f"{where}{exc}")
            return False
        if not dlg.exec():
            return False
        doc = dlg.result_document()
        if doc is None:
            return False
        self.controller.replace(doc, None, modified=True)
        self.canvas.show_start()
        self.statusBar().showMessage(
            f"Imported {plural(len(doc.people), 'person', 'people')} from {Path(path).name}; save to keep them",
            8000,
        )
        return True

    def export_dialog(self, kind: str) -> None:
        from .export_dialog import ExportDialog

        dlg = ExportDialog(
            kind,
            self.controller,
            self,
            view=self.current_view(),
            functional_lines=self.lines.mode == "all",
        )
        dlg.exec()
