"""The main window's compare entries: File > Compare with... (a saved file as A, before,
beside the open draft as B, after), and the Tools menu's generated STO and
three-legged-stool variants, each opened beside the original."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtGui import (
    QAction,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QWidget,
)

from ...core import io
from ...core.model import Document
from ...core.transform import transform_with_notes
from ..config import FILE_FILTER
from .plan import install_plan_export
from .window import CompareWindow

# -- the main window's menu entries --------------------------------------------------------------------


def open_compare(
    a: Document | str | os.PathLike[str],
    b: Document | str | os.PathLike[str],
    parent: QWidget | None = None,
    **kwargs: Any,
) -> CompareWindow:
    """Create and show a compare window (``orgdesigner open A B`` and the menus use this)."""
    return _present(CompareWindow(a, b, parent, **kwargs))


def _insert_after(menu, after: QAction | None, action: QAction) -> None:
    acts = menu.actions()
    if after is not None and after in acts:
        i = acts.index(after)
        if i + 1 < len(acts):
            menu.insertAction(acts[i + 1], action)
            return
    menu.addAction(action)


class CompareActions:
    """What :func:`install_compare_actions` adds to a main window (``window.compare``)."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.windows: list[CompareWindow] = []
        parent = window if isinstance(window, QWidget) else None
        self.compare_with = QAction("Compare &with\u2026", parent)
        self.compare_with.setStatusTip(
            "Pick a saved file (A, before) to see side by side what the open draft "
            "(B, after) changes"
        )
        self.compare_with.triggered.connect(self.compare_with_dialog)
        self.to_sto = QAction("Generate &STO variant", parent)
        self.to_sto.setStatusTip(
            "See this organisation with single-threaded owners: every "
            "team member reports to the team's owner"
        )
        self.to_sto.triggered.connect(lambda: self.generate("sto"))
        self.to_functional = QAction("Generate three-legged-&stool variant", parent)
        self.to_functional.setStatusTip(
            "See this organisation with functional lines: each "
            "craft reports to its functional manager"
        )
        self.to_functional.triggered.connect(lambda: self.generate("functional"))
        self.actions = {
            "compare_with": self.compare_with,
            "generate_sto": self.to_sto,
            "generate_functional": self.to_functional,
        }

        menus = getattr(window, "menus", {}) or {}
        by_name = getattr(window, "actions_by_name", {}) or {}
        file = menus.get("file")
        if file is not None:
            _insert_after(file, by_name.get("save_as"), self.compare_with)
        elif parent is not None:
            parent.addAction(self.compare_with)
        tools = menus.get("tools")
        if tools is not None:
            tools.addSeparator()
            tools.addAction(self.to_sto)
            tools.addAction(self.to_functional)
        elif parent is not None:
            parent.addAction(self.to_sto)
            parent.addAction(self.to_functional)

    # -- helpers the tests replace ------------------------------------------------------------
    def choose_path(self) -> str | None:
        start = ""
        path = getattr(self.window.controller, "path", None)
        if path is not None:
            start = str(Path(path))  # the saved copy of the draft, picked already
        chosen, _ = QFileDialog.getOpenFileName(
            self.window if isinstance(self.window, QWidget) else None,
            "Compare the draft with a saved file (A, before)",
            start,
            FILE_FILTER,
        )
        return chosen or None

    def _error(self, title: str, text: str) -> None:
        show = getattr(self.window, "show_error", None)
        if callable(show):
            show(title, text)
        else:
            QMessageBox.critical(
                self.window if isinstance(self.window, QWidget) else None, title, text
            )

    def _status(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 8000)

    def _keep(self, cw: CompareWindow) -> CompareWindow:
        self.windows.append(cw)
        cw.destroyed.connect(
            lambda _=None, w=cw: self.windows.remove(w) if w in self.windows else None
        )
        return cw

    def _this_origin(self) -> dict[str, str]:
        c = self.window.controller
        path = getattr(c, "path", None)
        where = Path(path).name if path else "not saved"
        return {"a": f"open in the main window \u00b7 {where}"}

    def _this_label(self) -> str:
        c = self.window.controller
        name = getattr(c, "title", None) or "This organisation"
        return f"{name} (unsaved changes)" if getattr(c, "modified", False) else name

    # -- the commands ------------------------------------------------------------------------
    def compare_with_dialog(self) -> CompareWindow | None:
        path = self.choose_path()
        return self.compare_with_path(path) if path else None

    def compare_with_path(self, path: str | os.PathLike[str]) -> CompareWindow | None:
        """The file at ``path`` as A (before) beside the open draft as B (after).

        Usually ``path`` is the saved copy of the open document, so the window
        shows what the unsaved edits change: what the draft has and the file has
        not reads "added", what it dropped "removed".
        """
        try:
            saved = io.load(path)
        except io.LoadError as exc:
            self._error("Cannot compare with this file", str(exc))
            return None
        except OSError as exc:
            self._error("Cannot compare with this file", f"{path}: {exc.strerror or exc}")
            return None
        c = self.window.controller
        here = getattr(c, "path", None)
        name = Path(path).name
        if getattr(c, "modified", False):
            state = "with unsaved changes"
        else:
            state = f"as saved in {Path(here).name}" if here else "not saved"
        cw = CompareWindow(
            saved,
            c.doc,
            self.window,
            a_label=f"{name} (before)",
            b_label="Draft (after)",
            a_path=path,
            b_path=here,
            origins={"a": "saved file", "b": f"open in the main window {state}"},
        )
        cw.set_edit_text("a", "Open for editing")
        cw.panes["a"].edit_button.setToolTip(
            f"Open {name} in the main window in place of the draft "
            "(you are asked about unsaved changes first)"
        )
        cw.set_edit_text("b", "Back to editing")
        cw.openForEditing.connect(lambda side, cw=cw: self._edit_compared(cw, side))
        return self._keep(_present(cw))

    def _edit_compared(self, cw: CompareWindow, side: str) -> None:
        """From a Compare with... window: B is the draft already open; A is the file."""
        if side == "b":
            self._edit(cw, "a", "file")  # "a" there: the document open in the main window
            return
        win = self.window
        maybe_save = getattr(win, "maybe_save", None)
        if callable(maybe_save) and not maybe_save():
            return
        if cw.paths["a"] is not None and hasattr(win, "open_path"):
            win.open_path(str(cw.paths["a"]))
        if isinstance(win, QWidget):
            win.raise_()
            win.activateWindow()

    def generate(self, to: str) -> CompareWindow | None:
        """Transform the open document to ``to`` (sto or functional); compare it with the original."""
        c = self.window.controller
        doc = c.doc
        if not doc.teams:
            self._error(
                "Nothing to transform",
                "This organisation has no teams yet: the STO and three-legged-stool "
                "variants are about how teams are run.",
            )
            return None
        result = transform_with_notes(doc, to)  # type: ignore[arg-type]
        word = "STO" if to == "sto" else "three-legged-stool"
        cw = CompareWindow(
            doc,
            result.doc,
            self.window,
            a_label=self._this_label(),
            b_label=result.doc.name,
            notes=result.notes,
            decisions=result.decisions,
            a_path=getattr(c, "path", None),
            origins={**self._this_origin(), "b": f"generated {word} proposal, not saved"},
        )
        cw.set_edit_text("a", None)
        cw.set_edit_text("b", "Edit this variant")
        cw.panes["b"].edit_button.setToolTip(
            f"Replace the organisation in the main window with this {word} variant, as a new "
            "unsaved document (you are asked about unsaved changes first)"
        )
        cw.openForEditing.connect(lambda side, cw=cw: self._edit(cw, side, "generated"))
        if cw.diff.is_empty():
            cw.statusBar().showMessage(
                f"This organisation already is its {word} variant: nothing changes.", 10000
            )
        return self._keep(_present(cw))

    def _edit(self, cw: CompareWindow, side: str, how: str) -> None:
        win = self.window
        if side == "a":  # the document already open in the main window
            if isinstance(win, QWidget):
                win.raise_()
                win.activateWindow()
            return
        maybe_save = getattr(win, "maybe_save", None)
        if callable(maybe_save) and not maybe_save():
            return
        if how == "file" and cw.paths["b"] is not None and hasattr(win, "open_path"):
            win.open_path(str(cw.paths["b"]))
        else:
            doc = cw.variant("b")
            win.controller.replace(doc, None, modified=True)
            canvas = getattr(win, "canvas", None)
            if canvas is not None and hasattr(canvas, "show_start"):
                canvas.show_start()
            self._status(
                f"Now editing \u201c{doc.name}\u201d: not saved yet, "
                "Save As keeps it as a new variant"
            )
        if isinstance(win, QWidget):
            win.raise_()
            win.activateWindow()


def _present(cw: CompareWindow) -> CompareWindow:
    cw.show()
    cw.raise_()
    cw.activateWindow()
    return cw


def install_compare_actions(window: Any) -> CompareActions:
    """Add File > Compare with... and Tools > Generate STO / three-legged-stool variant.

    ``window`` provides ``controller`` and ``menus`` (``file``, ``tools``);
    ``maybe_save()``, ``open_path()``, ``canvas`` and ``show_error()`` are used
    when present. The result is also kept as ``window.compare``.
    """
    actions = CompareActions(window)
    window.compare = actions
    install_plan_export(window, actions)  # File > Export > Transition plan
    return actions
