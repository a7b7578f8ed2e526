"""Never lose work: autosave, recovery after a crash, and a check before saving over a file.

- :class:`Autosaver` writes the open document to the user's data folder
  (``QStandardPaths.AppDataLocation/autosave``) a few seconds after the first
  unsaved edit, then at most once a minute while it has unsaved changes, and
  removes its copy when the document is saved or the app closes normally. Each
  session holds a lock file beside its copy, so a copy whose lock is stale was
  left by a session that ended without closing: a crash. Locks that crashed
  sessions left without a copy are removed when the next session starts.
- :func:`pending_recoveries` finds those copies; :func:`offer_recovery` asks
  whether to open one.
- :func:`guard_saves` makes the controller ask before saving over a file that
  someone else changed since it was opened or last saved.
- :class:`Preferences` keeps the window layout and the last view in QSettings.

Tests point the user folders at temporary ones (tests/conftest.py), so they
never touch the real ones.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QDateTime,
    QFileSystemWatcher,
    QLockFile,
    QObject,
    QSettings,
    QStandardPaths,
    QTimer,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core import io
from ..core.model import Document
from .config import WINDOW_STATE_VERSION
from .document import DocumentController

AUTOSAVE_INTERVAL_MS = 60_000
# The first unsaved edit is worth keeping too: its copy is written after a few seconds.
AUTOSAVE_FIRST_MS = 5_000
# Writing a large organisation takes a moment: wait for a pause in the editing.
AUTOSAVE_IDLE_MS = 2_000
ORGANIZATION = "orgdesigner"
APPLICATION = "orgdesigner"


def data_dir() -> Path:
    """The user's data folder for the app (created if missing)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:  # no writable location on this system: fall back to the temp folder
        base = str(Path(tempfile.gettempdir()) / APPLICATION)
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def autosave_dir() -> Path:
    """Where autosaved copies live."""
    path = data_dir() / "autosave"
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings() -> QSettings:
    """The app's preferences store (per user)."""
    return QSettings(ORGANIZATION, APPLICATION)


def _write_atomic(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    io.atomic_write(path, lambda fh: fh.write(data))


class Autosaver(QObject):
    """Keeps a copy of the open document while it has unsaved changes."""

    def __init__(
        self,
        controller: DocumentController,
        folder: Path | None = None,
        interval_ms: int = AUTOSAVE_INTERVAL_MS,
        parent: QObject | None = None,
        idle_ms: int = AUTOSAVE_IDLE_MS,
        first_ms: int = AUTOSAVE_FIRST_MS,
    ) -> None:
        super().__init__(parent or controller)
        self.controller = controller
        self.folder = folder or autosave_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.session = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.lock = QLockFile(str(self.folder / f"{self.session}.lock"))
        self.lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
        self.lock.tryLock(0)
        remove_stale_locks(self.folder)
        self.dirty = False
        self.saves = 0
        self.idle_ms = idle_ms
        self.interval_ms = interval_ms
        self.first_ms = first_ms
        self.has_copy = False  # a copy of the current unsaved changes exists
        self._last_change = 0.0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave_if_needed)
        controller.changed.connect(self._changed)
        controller.modifiedChanged.connect(self._modified)
        controller.documentReplaced.connect(self._replaced)
        if controller.modified:
            self._changed([])

    @property
    def doc_path(self) -> Path:
        return self.folder / f"{self.session}.orgd"

    @property
    def meta_path(self) -> Path:
        return self.folder / f"{self.session}.json"

    def _changed(self, _changes) -> None:
        # The undo stack marks itself modified only after this signal: check when saving.
        self.dirty = True
        self._last_change = time.monotonic()
        if not self.timer.isActive():
            # The first change of a quiet spell starts the clock; the first unsaved
            # change of all is copied after a few seconds, not a minute.
            self.timer.start(self.interval_ms if self.has_copy else self.first_ms)

    def _modified(self, modified: bool) -> None:
        if not modified:
            self.timer.stop()
            self.dirty = False
            self.discard()

    def _replaced(self) -> None:
        self.timer.stop()
        self.dirty = False
        self.discard()
        if self.controller.modified:  # imported or recovered: exists nowhere on disk yet
            self._changed([])

    def autosave_if_needed(self) -> bool:
        """The minute is up: write the copy, once editing pauses, if there is anything new."""
        if not (self.dirty and self.controller.modified):
            return False
        quiet = (time.monotonic() - self._last_change) * 1000
        if quiet < self.idle_ms:
            self.timer.start(int(self.idle_ms - quiet) + 1)
            return False
        return self.autosave_now()

    def autosave_now(self) -> bool:
        """Write the copy now; False (and a status message) if the folder is not writable."""
        c = self.controller
        meta = {
            "path": str(c.path) if c.path else None,
            "name": c.doc.name,
            "saved": datetime.now().astimezone().isoformat(timespec="seconds"),
            "pid": os.getpid(),
        }
        try:
            _write_atomic(self.doc_path, io.dumps(c.doc))
            _write_atomic(self.meta_path, json.dumps(meta, indent=1))
        except OSError as exc:
            c.statusMessage.emit(f"Autosave failed: {exc.strerror or exc}")
            return False
        self.dirty = False
        self.has_copy = True
        self.saves += 1
        return True

    def discard(self) -> None:
        """Remove this session's copy (the document was saved, or closed on purpose)."""
        self.has_copy = False
        for path in (self.doc_path, self.meta_path):
            path.unlink(missing_ok=True)

    def finish(self) -> None:
        """The app is closing normally: no copy, no lock left behind."""
        self.timer.stop()
        self.discard()
        if self.lock.isLocked():
            self.lock.unlock()


@dataclass
class Recovery:
    """An autosaved copy left by a session that did not close normally."""

    doc_path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    lock: QLockFile | None = None

    @property
    def original_path(self) -> Path | None:
        p = self.meta.get("path")
        return Path(p) if p else None

    @property
    def title(self) -> str:
        name = self.meta.get("name") or (
            self.original_path.name if self.original_path else "an untitled organisation"
        )
        return str(name)

    @property
    def saved(self) -> str:
        text = self.meta.get("saved")
        if not text:
            return "at an unknown time"
        when = QDateTime.fromString(str(text)[:19], "yyyy-MM-ddTHH:mm:ss")
        return when.toString("d MMM yyyy, HH:mm") if when.isValid() else str(text)

    def load(self) -> Document:
        return io.load(self.doc_path)

    def discard(self) -> None:
        """Delete the copy (recovered or declined) and let go of its lock."""
        self.doc_path.unlink(missing_ok=True)
        self.doc_path.with_suffix(".json").unlink(missing_ok=True)
        self.release()

    def release(self) -> None:
        """Leave the copy for next time."""
        if self.lock is not None and self.lock.isLocked():
            self.lock.unlock()
        self.lock = None


def remove_stale_locks(folder: Path) -> None:
    """Remove the locks (and notes) of sessions that crashed before writing any copy.

    A crashed session with a copy keeps its lock until the copy is recovered or
    discarded (:func:`pending_recoveries`); without one, nothing needs it.
    """
    for path in [*folder.glob("*.lock"), *folder.glob("*.json")]:
        session = path.stem
        if (folder / f"{session}.orgd").exists():
            continue
        lock = QLockFile(str(folder / f"{session}.lock"))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):  # its owner is gone (a live session keeps holding it)
            (folder / f"{session}.json").unlink(missing_ok=True)
            lock.unlock()  # and the lock file goes with it


def pending_recoveries(
    folder: Path | None = None, own_session: str | None = None
) -> list[Recovery]:
    """Copies left by sessions that ended without closing, newest first.

    A copy belongs to a live session while that session holds its lock; such
    copies (another window of the app, still running) are left alone. Each
    returned copy's lock is now held by the caller: :meth:`Recovery.discard`
    or :meth:`Recovery.release` it.
    """
    folder = folder or autosave_dir()
    out: list[Recovery] = []
    for doc_path in folder.glob("*.orgd"):
        session = doc_path.stem
        if session == own_session:
            continue
        lock = QLockFile(str(folder / f"{session}.lock"))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # its session is still running
        meta: dict[str, Any] = {}
        try:
            meta = json.loads(doc_path.with_suffix(".json").read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                meta = {}
        except (OSError, ValueError):
            meta = {}
        out.append(Recovery(doc_path, meta, lock))
    out.sort(key=lambda r: r.doc_path.stat().st_mtime if r.doc_path.exists() else 0, reverse=True)
    return out


RECOVER, DISCARD, LATER = "recover", "discard", "later"


def ask_recovery(parent: QWidget | None, rec: Recovery) -> str:
    """Ask what to do with one autosaved copy: RECOVER, DISCARD or LATER."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Recover unsaved work?")
    box.setText(
        f"Org Designer did not close normally last time.\n\nAn autosaved copy of "
        f"\u201c{rec.title}\u201d from {rec.saved} has changes that were never saved."
    )
    where = rec.original_path
    box.setInformativeText(
        (
            f"Recovering opens it with those changes; save to keep them in {where.name}."
            if where
            else "Recovering opens it as an unsaved document."
        )
        + " Discarding deletes the copy."
    )
    recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    clicked = box.clickedButton()
    return RECOVER if clicked is recover else DISCARD if clicked is discard else LATER


def offer_recovery(
    controller: DocumentController,
    parent: QWidget | None = None,
    ask: Callable[[QWidget | None, Recovery], str] = ask_recovery,
    folder: Path | None = None,
    own_session: str | None = None,
) -> bool:
    """Offer each copy left by a crash; True if one was recovered into ``controller``."""
    recovered = False
    for rec in pending_recoveries(folder, own_session):
        if recovered:
            rec.release()  # one document per window: the rest wait for next time
            continue
        answer = ask(parent, rec)
        if answer == RECOVER:
            try:
                doc = rec.load()
            except io.LoadError as exc:
                controller.statusMessage.emit(f"The autosaved copy cannot be read: {exc}")
                rec.release()
                continue
            path = rec.original_path
            controller.replace(
                doc, path if path is not None and path.exists() else None, modified=True
            )
            rec.discard()
            controller.statusMessage.emit(f"Recovered \u201c{rec.title}\u201d: save it to keep it")
            recovered = True
        elif answer == DISCARD:
            rec.discard()
        else:
            rec.release()
    return recovered


# -- saving over a file that changed on disk ----------------------------------------------


def ask_overwrite(parent: QWidget | None, path: Path) -> bool:
    """Ask whether to save over ``path``, which someone else changed since it was opened."""
    answer = QMessageBox.warning(
        parent,
        "File changed on disk",
        f"\u201c{path.name}\u201d was changed on disk since you opened or last saved it, "
        "perhaps by another program or another person.\n\nSave over it? Their changes will be "
        "lost (the previous file is kept as a backup). To keep both, cancel and use Save As.",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Save


def guard_saves(
    controller: DocumentController,
    parent: QWidget | None = None,
    ask: Callable[[QWidget | None, Path], bool] = ask_overwrite,
) -> None:
    """Ask before ``controller.save`` writes over a file changed on disk.

    A declined save raises :class:`io.SaveError` from the controller, so whoever
    called save shows that nothing was written, as for any other failed save.
    """
    controller.confirm_overwrite = lambda target: ask(parent, target)


class DiskWatcher(QObject):
    """Says in the status bar when the open file changes on disk, as soon as it happens."""

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent or controller)
        self.controller = controller
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        controller.pathChanged.connect(lambda _p: self._watch())
        controller.documentReplaced.connect(self._watch)
        self._watch()

    def _watch(self) -> None:
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)
        if self.controller.path is not None and self.controller.path.exists():
            self.watcher.addPath(str(self.controller.path))

    def _file_changed(self, _path: str) -> None:
        if self.controller.changed_on_disk():
            name = self.controller.path.name if self.controller.path else "The file"
            self.controller.statusMessage.emit(
                f"{name} was changed on disk by someone else; saving will ask first"
            )
        # Editors that replace files atomically drop the watch: put it back.
        QTimer.singleShot(200, self._watch)


# -- preferences ------------------------------------------------------------------------------


class Preferences:
    """Window layout and the last view, kept per user in QSettings."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or settings()

    def save_window(self, window: Any) -> None:
        self.store.setValue("window/geometry", window.saveGeometry())
        self.store.setValue("window/state", window.saveState(WINDOW_STATE_VERSION))
        view = getattr(window, "current_view", None)
        if callable(view):
            self.store.setValue("window/view", str(view()))
        self.store.sync()

    def restore_window(self, window: Any) -> bool:
        """Put back the saved layout; False when there is none of this version."""
        geometry = self.store.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        state = self.store.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            return bool(window.restoreState(state, WINDOW_STATE_VERSION))
        return False

    def last_view(self) -> str | None:
        value = self.store.value("window/view")
        return str(value) if value else None

    def get(self, key: str, default: Any = None) -> Any:
        return self.store.value(key, default)

    def set(self, key: str, value: Any) -> None:
        self.store.setValue(key, value)
