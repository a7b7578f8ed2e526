"""The open document in the app: one core document, its undo stack, its findings, the selection.

Every edit goes through :meth:`DocumentController.do`, which applies a core
operation and pushes one labelled QUndoCommand; undo and redo apply the
stored inverse. After each step the core's incremental validator refreshes
the findings and the controller emits what changed, so views redraw from the
document rather than keeping their own copy of the truth. Signals carry IDs
and plain values, never items.

A file opened by the user is checked just after the window has drawn it
(``replace(..., check_later=True)``, then :meth:`DocumentController.check_loaded`):
the chart shows first and its badges and findings follow a moment later. Reading :attr:`DocumentController.report`
before then checks at once, so nobody sees a report without findings. Once a
document is loaded (and again once it is checked), the cycle collector leaves
it alone (``gc.freeze``): it is long-lived and has no cycles to find.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core import io
from ..core.layout import paused_gc
from ..core.model import Document
from ..core.ops import Applied, Change, Op, OpRefused, changes_nothing
from ..core.rules import Report, Validator
from .costs import CostCache


class OpCommand(QUndoCommand):
    """One user action on the undo stack, wrapping an already-applied core operation."""

    def __init__(self, controller: DocumentController, label: str, applied: Applied) -> None:
        super().__init__(label)
        self._controller = controller
        self._undo_op: Op = applied.inverse
        self._redo_op: Op | None = None
        self._first = True
        self._first_changes = applied.changes

    def redo(self) -> None:
        if self._first:  # the operation was applied (and checked) before the push
            self._first = False
            self._controller._changed(self._first_changes)
            return
        assert self._redo_op is not None
        applied = self._redo_op.apply(self._controller.doc)
        self._undo_op = applied.inverse
        self._controller._changed(applied.changes)

    def undo(self) -> None:
        applied = self._undo_op.apply(self._controller.doc)
        self._redo_op = applied.inverse
        self._controller._changed(applied.changes)


class DocumentController(QObject):
    """Holds the open document and is the only way the app changes it."""

    changed = Signal(object)  # list[Change] of the last step (do, undo or redo)
    findingsChanged = Signal(object)  # Report
    selectionChanged = Signal(list)  # list[str] of selected IDs
    # list[str]: subjects shown with the selection but not edited (a finding's others)
    highlightChanged = Signal(list)
    documentReplaced = Signal()  # a different document was loaded
    pathChanged = Signal(str)
    modifiedChanged = Signal(bool)
    statusMessage = Signal(str)

    def __init__(
        self,
        doc: Document | None = None,
        path: str | os.PathLike[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.doc = doc or Document.new("Untitled organisation")
        self.path: Path | None = Path(path) if path else None
        self._validator: Validator | None = Validator(self.doc)
        self._report: Report = self._validator.report()
        self._unchecked = False  # a document opened with check_later, not checked yet
        self._findings_due = False  # ...and findingsChanged not yet emitted for it
        self.selection: list[str] = []
        self.highlighted: list[str] = []
        # What the file was when we read or wrote it: someone else's change shows as a difference.
        self.disk_stamp: io.Stamp | None = io.stamp(self.path) if self.path else None
        self._unsaved_new = False
        # Asked before saving over a file someone else changed since we read it;
        # returns True to overwrite. None: overwrite without asking (headless use).
        self.confirm_overwrite: Callable[[Path], bool] | None = None
        # Cost roll-ups: made here so it hears each change before any view reads it.
        self._cost_cache = CostCache(self)

    # -- editing ----------------------------------------------------------------------
    def do(self, op: Op, label: str | None = None) -> bool:
        """Apply ``op`` as one undoable step; on refusal say why in the status bar."""
        reason = self.try_do(op, label)
        if reason is not None:
            self.statusMessage.emit(f"Not possible: {reason}")
        return reason is None

    def try_do(self, op: Op, label: str | None = None) -> str | None:
        """Apply ``op`` as one undoable step; return why it was refused (None if done).

        Says nothing in the status bar, so a form can show the reason beside the field.
        """
        try:
            applied = op.apply(self.doc)
        except OpRefused as exc:
            return str(exc)
        if changes_nothing(applied.changes):
            # Setting what is already there: no undo step, nothing to redraw. The
            # inverse puts back identical values, so the document is as it was.
            return None
        self.undo_stack.push(OpCommand(self, label or op.label, applied))
        return None

    # -- queries (from the live validator's index, kept current edit by edit) ---------
    def members(self, team_id: str) -> list[str]:
        """IDs of the people whose team is ``team_id``, without a scan of everyone."""
        people = self.doc.by_id("person")
        return [i for i in self.validator.index.members(team_id) if i in people]

    def role_holders(self, role_id: str) -> list[str]:
        """IDs of the positions that hold ``role_id``."""
        people = self.doc.by_id("person")
        return [i for i in self.validator.index.role_holders(role_id) if i in people]

    def function_headcount(self, function_id: str) -> int:
        """Positions in a function (a person's own function, else their role's)."""
        return len(self.validator.index.fn_people.get(function_id, ()))

    # -- findings --------------------------------------------------------------------------
    @property
    def validator(self) -> Validator:
        """The live validator and its index (a file opened with ``check_later`` is
        checked when it is first needed)."""
        self._check_now()
        assert self._validator is not None
        return self._validator

    @property
    def report(self) -> Report:
        """The findings of the document as it is now (checking it first if it is new)."""
        self._check_now()
        return self._report

    @report.setter
    def report(self, report: Report) -> None:
        self._report = report

    def _check_now(self) -> None:
        if self._unchecked:
            self._unchecked = False
            with paused_gc():  # thousands of findings, no cycles among them
                self._validator = Validator(self.doc)
                self._report = self._validator.report()
            gc.freeze()  # the validator's index stays as long as the document: no scans

    @property
    def checking(self) -> bool:
        """True from opening a file with ``check_later`` until its findings are out."""
        return self._findings_due

    def check_loaded(self) -> None:
        """The document opened with ``check_later``: check it now and show the findings
        (once; later calls do nothing)."""
        if self._findings_due:
            self._findings_due = False
            self._check_now()
            self.findingsChanged.emit(self._report)

    def _changed(self, changes: list[Change]) -> None:
        if any(c.kind != "view" for c in changes):
            self._check_now()
            self._findings_due = False
            self._report = self.validator.update(changes)
            self.findingsChanged.emit(self._report)
        known = [i for i in self.selection if self._exists(i)]
        if known != self.selection:
            self.select(known)
        self.changed.emit(changes)

    def _exists(self, id_: str) -> bool:
        return any(id_ in self.doc.by_id(k) for k in ("person", "team", "role", "function"))

    def _clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(self._unsaved_new or not clean)

    @property
    def modified(self) -> bool:
        return self._unsaved_new or not self.undo_stack.isClean()

    # -- selection ----------------------------------------------------------------------
    def select(self, ids: list[str], also: list[str] | tuple[str, ...] = ()) -> None:
        """Select ``ids``; ``also`` are shown highlighted beside them, not selected.

        Any other selection drops the highlight.
        """
        ids = list(dict.fromkeys(ids))
        others = [i for i in dict.fromkeys(also) if i not in ids]
        if ids != self.selection:
            self.selection = ids
            self.selectionChanged.emit(ids)
        if others != self.highlighted:
            self.highlighted = others
            self.highlightChanged.emit(others)

    def select_subjects(self, subjects: list[str] | tuple[str, ...]) -> None:
        """A finding's subjects: the first is selected (the inspector edits it), the
        others stay highlighted."""
        self.select(list(subjects[:1]), also=subjects[1:])

    # -- files ---------------------------------------------------------------------------
    def replace(
        self,
        doc: Document,
        path: str | os.PathLike[str] | None = None,
        modified: bool = False,
        stamp: io.Stamp | None = None,
        *,
        check_later: bool = False,
    ) -> None:
        """Show another document (opened, imported, recovered); history starts afresh.

        ``stamp`` is what the file at ``path`` was when ``doc`` was read from it
        (:func:`io.load_stamped`); without it the file is read again to take one.
        ``check_later``: validate when :meth:`check_loaded` is called (the window
        calls it once the chart is on screen); ``findingsChanged`` follows then.
        """
        self.undo_stack.clear()
        gc.unfreeze()  # the last document may go: let the collector see it again
        self.doc = doc
        self.path = Path(path) if path else None
        self._validator = None if check_later else Validator(doc)
        self._unchecked = check_later
        self._findings_due = check_later
        self._report = Report([]) if self._validator is None else self._validator.report()
        self.selection = []
        self.highlighted = []
        self.disk_stamp = stamp or (io.stamp(self.path) if self.path else None)
        # An imported or recovered document exists nowhere on disk yet: closing must ask.
        self._unsaved_new = modified
        self.documentReplaced.emit()
        if not check_later:
            self.findingsChanged.emit(self._report)
        self.selectionChanged.emit([])
        self.pathChanged.emit(str(self.path or ""))
        self.modifiedChanged.emit(self.modified or modified)
        # The document is in memory for good (the views have let the last one go): the
        # collector need not walk its tens of thousands of objects again and again.
        gc.freeze()

    def open(self, path: str | os.PathLike[str]) -> None:
        """Load ``path``; raises io.LoadError with a one-line reason."""
        doc, stamp = io.load_stamped(path)
        self.replace(doc, path, stamp=stamp)

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Save (atomically) to ``path`` or the current path; raises io.SaveError.

        Saving over the open file checks first that nobody else changed it since
        we read or wrote it (size, time and content), asks ``confirm_overwrite``
        if they did, and checks again right before the file is replaced.
        """
        target = Path(path) if path else self.path
        if target is None:
            raise io.SaveError("choose where to save first")
        expect: io.Stamp | None = None
        if self.path is not None and self.disk_stamp is not None and _same_file(target, self.path):
            expect = io.stamp(target)  # None: the file is gone, and saving writes it again
            changed = expect is not None and expect != self.disk_stamp
            if (
                changed
                and self.confirm_overwrite is not None
                and not self.confirm_overwrite(target)
            ):
                raise io.SaveError(
                    f"Not saved: {target.name} was changed on disk. "
                    "Use Save As to keep both versions."
                )
        self.disk_stamp = io.save(self.doc, target, expect=expect)
        self.path = target
        self._unsaved_new = False
        self.undo_stack.setClean()
        self.pathChanged.emit(str(target))
        self.modifiedChanged.emit(False)

    def changed_on_disk(self) -> bool:
        """True if the file was changed by someone else since we opened or saved it.

        Size, modification time and a hash of the content: a copy that keeps the
        time, or a change within the time resolution of the file system, still shows.
        """
        if self.path is None or self.disk_stamp is None:
            return False
        now = io.stamp(self.path)
        return now is not None and now != self.disk_stamp

    @property
    def title(self) -> str:
        name = self.doc.name or (self.path.stem if self.path else "Untitled")
        return name


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, ValueError):  # a loop of links, or a NUL in the name
        return a == b
