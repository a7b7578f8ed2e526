"""Never lose work: autosave, recovery after a crash, saving over a changed file, preferences."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workbench_helpers import StubWindow, small_org

from orgdesigner.core import io, ops
from orgdesigner.qt import workbench
from orgdesigner.qt.document import DocumentController
from orgdesigner.qt.session import (
    DISCARD,
    LATER,
    RECOVER,
    Autosaver,
    Preferences,
    autosave_dir,
    guard_saves,
    offer_recovery,
    pending_recoveries,
)


def edit(controller: DocumentController, name: str) -> None:
    controller.do(ops.SetField("person", "bob", "name", name, label=f"Rename Bob to {name}"))


def test_autosave_lives_in_the_test_user_folder(user_dirs):
    folder = autosave_dir()
    assert folder.is_dir()
    assert str(folder).startswith(str(user_dirs))


def test_autosave_writes_a_copy_only_while_there_are_unsaved_changes(tmp_path, qtbot):
    c = DocumentController(small_org())
    saver = Autosaver(c, tmp_path, interval_ms=60_000, idle_ms=0, first_ms=3_000)
    assert not saver.autosave_if_needed()  # nothing changed yet
    edit(c, "Robert")
    assert saver.timer.isActive()  # the first change starts the clock
    assert saver.timer.interval() == 3_000  # the first unsaved edit is copied soon
    saver.timer.timeout.emit()
    assert saver.doc_path.exists()
    assert io.load(saver.doc_path).person("bob").name == "Robert"
    c.save(tmp_path / "org.orgd")
    assert not saver.doc_path.exists()  # saved for real: the copy goes
    saver.finish()
    assert list(tmp_path.glob("*.lock")) == []


def test_undo_back_to_the_saved_state_drops_the_copy(tmp_path):
    c = DocumentController(small_org())
    saver = Autosaver(c, tmp_path, idle_ms=0)
    edit(c, "Robert")
    saver.autosave_if_needed()
    assert saver.doc_path.exists()
    c.undo_stack.undo()
    assert not saver.doc_path.exists()
    saver.finish()


def test_autosave_fires_on_its_own(tmp_path, qtbot):
    c = DocumentController(small_org())
    saver = Autosaver(c, tmp_path, interval_ms=20, idle_ms=50, first_ms=20)
    edit(c, "Robert")
    qtbot.waitUntil(lambda: saver.doc_path.exists(), timeout=5000)
    saver.finish()


def test_autosave_waits_for_a_pause_in_editing(tmp_path):
    c = DocumentController(small_org())
    saver = Autosaver(c, tmp_path, idle_ms=60_000)
    edit(c, "Robert")
    assert not saver.autosave_if_needed()  # still editing: try again after the pause
    assert not saver.doc_path.exists()
    assert saver.timer.isActive()
    saver.finish()


def test_the_first_unsaved_edit_is_copied_within_seconds_then_at_the_interval(tmp_path, qtbot):
    c = DocumentController(small_org())
    saver = Autosaver(c, tmp_path, interval_ms=60_000, idle_ms=0, first_ms=30)
    edit(c, "Robert")
    qtbot.waitUntil(lambda: saver.doc_path.exists(), timeout=5000)
    assert saver.saves == 1
    edit(c, "Rob")  # later edits wait for the interval
    assert saver.timer.isActive() and saver.timer.interval() == 60_000
    c.save(tmp_path / "org.orgd")
    assert not saver.doc_path.exists()
    edit(c, "Bobby")  # unsaved again: the first edit since the save is copied soon again
    qtbot.waitUntil(lambda: saver.doc_path.exists(), timeout=5000)
    assert io.load(saver.doc_path).person("bob").name == "Bobby"
    saver.finish()


CRASHING_SESSION = """
import os, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
os._exit(0)  # ends without unlocking, as a crash does
"""


def crashed_lock(folder: Path, session: str) -> Path:
    """A lock file left by a session that really ended without letting go of it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{session}.lock"
    subprocess.run([sys.executable, "-c", CRASHING_SESSION, str(path)], check=True, timeout=60)
    assert path.exists()
    return path


def test_locks_of_crashed_sessions_are_cleaned_up(tmp_path):
    folder = tmp_path / "autosave"
    stale = crashed_lock(folder, "123-deadbeef")
    note = folder / "123-deadbeef.json"
    note.write_text("{}")
    with_copy = crashed_lock(folder, "456-cafecafe")  # has a copy to offer: kept for that
    io.save(small_org(), folder / "456-cafecafe.orgd")
    other = DocumentController(small_org())
    alive = Autosaver(other, folder)  # another window, still running
    assert Path(alive.lock.fileName()).exists()

    c = DocumentController(small_org())
    saver = Autosaver(c, folder)
    assert not stale.exists() and not note.exists()
    assert with_copy.exists()
    assert Path(alive.lock.fileName()).exists()
    offered = pending_recoveries(folder, saver.session)
    assert [r.doc_path.stem for r in offered] == ["456-cafecafe"]
    for rec in offered:
        rec.release()
    saver.finish()
    alive.finish()


def crash(saver: Autosaver) -> None:
    """What a crash leaves behind: the copy, and a lock whose owner is gone."""
    saver.timer.stop()
    saver.lock.unlock()


def test_recovery_offered_after_a_crash_gives_back_the_document(tmp_path, qtbot):
    original = tmp_path / "org.orgd"
    io.save(small_org(), original)
    before = DocumentController()
    before.open(original)
    saver = Autosaver(before, tmp_path / "autosave")
    edit(before, "Robert")
    before.do(ops.SetField("team", "t-pay", "mission", "Pay in one tap", label="Mission"))
    assert saver.autosave_now()
    expected = io.dumps(before.doc)
    crash(saver)

    after = DocumentController()
    offered = []

    def ask(_parent, rec):
        offered.append(rec)
        return RECOVER

    assert offer_recovery(after, None, ask, folder=tmp_path / "autosave")
    assert len(offered) == 1
    assert offered[0].title == "Small org"
    assert offered[0].original_path == original
    assert io.dumps(after.doc) == expected
    assert after.modified  # not saved anywhere yet
    assert after.path == original
    assert list((tmp_path / "autosave").glob("*.orgd")) == []


def test_workbench_offers_recovery_at_start(tmp_path, qtbot):
    folder = tmp_path / "autosave"
    c = DocumentController(small_org())
    saver = Autosaver(c, folder)
    edit(c, "Robert")
    saver.autosave_now()
    expected = io.dumps(c.doc)
    crash(saver)

    asked = []
    win = StubWindow()
    qtbot.addWidget(win)
    workbench.install(
        win, autosave_folder=folder, ask=lambda parent, rec: asked.append(rec) or RECOVER
    )
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert io.dumps(win.controller.doc) == expected
    assert win.controller.modified
    win.workbench.shutdown()


def test_a_running_session_is_not_a_crash(tmp_path):
    c = DocumentController(small_org())
    alive = Autosaver(c, tmp_path)
    edit(c, "Robert")
    alive.autosave_now()
    assert pending_recoveries(tmp_path) == []
    alive.finish()


def test_discard_and_later(tmp_path):
    c = DocumentController(small_org())
    saver = Autosaver(c, tmp_path)
    edit(c, "Robert")
    saver.autosave_now()
    crash(saver)
    target = DocumentController()
    assert not offer_recovery(target, None, lambda p, r: LATER, folder=tmp_path)
    assert len(pending_recoveries(tmp_path)) == 1  # still there for next time
    for rec in pending_recoveries(tmp_path):
        rec.release()
    assert not offer_recovery(target, None, lambda p, r: DISCARD, folder=tmp_path)
    assert pending_recoveries(tmp_path) == []
    assert target.doc.people == []  # untouched


def test_normal_close_leaves_nothing_behind(tmp_path, qtbot):
    folder = tmp_path / "autosave"
    win = StubWindow(DocumentController(small_org()))
    qtbot.addWidget(win)
    workbench.install(win, autosave_folder=folder, offer=False)
    win.show()
    edit(win.controller, "Robert")
    win.workbench.autosaver.autosave_now()
    assert list(folder.glob("*.orgd"))
    win.close()
    qtbot.waitUntil(lambda: not list(folder.glob("*.orgd")), timeout=5000)
    assert list(folder.glob("*.lock")) == []


def touch_later(path: Path, text: str) -> None:
    """Someone else writes the file (with a clearly later modification time)."""
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def test_saving_over_a_file_changed_on_disk_asks_first(tmp_path):
    path = tmp_path / "org.orgd"
    io.save(small_org(), path)
    c = DocumentController()
    c.open(path)
    asked = []
    answer = [False]
    guard_saves(c, None, lambda parent, p: asked.append(p) or answer[0])
    edit(c, "Robert")
    c.save()  # nobody else touched it: no question
    assert asked == []

    theirs = io.dumps(small_org()).replace("Bob Baker", "Bobby Tables")
    touch_later(path, theirs)
    assert c.changed_on_disk()
    edit(c, "Rob")
    with pytest.raises(io.SaveError, match="changed on disk"):
        c.save()
    assert asked == [path]
    assert path.read_text(encoding="utf-8") == theirs  # their version is untouched
    assert c.modified

    c.save(tmp_path / "mine.orgd")  # Save As elsewhere never asks
    assert len(asked) == 1

    c2 = DocumentController()
    c2.open(path)
    guard_saves(c2, None, lambda parent, p: True)
    touch_later(path, theirs)
    edit(c2, "Rob")
    c2.save()
    assert io.load(path).person("bob").name == "Rob"


def test_preferences_keep_the_window_layout(tmp_path, qtbot, user_dirs):
    win = StubWindow(DocumentController(small_org()))
    qtbot.addWidget(win)
    workbench.install(win, autosave_folder=tmp_path, offer=False)
    win.resize(1100, 700)
    win.show()
    win.workbench.docks["figures"].hide()
    win.view = "teams"
    prefs = Preferences()
    prefs.save_window(win)
    assert prefs.last_view() == "teams"
    assert str(prefs.store.fileName()).startswith(str(user_dirs))

    again = StubWindow(DocumentController(small_org()))
    qtbot.addWidget(again)
    workbench.install(again, autosave_folder=tmp_path, offer=False)
    again.show()
    assert not again.workbench.docks["figures"].isVisible()
    assert again.workbench.docks["inspector"].isVisible()
    assert again.current_view() == "teams"  # the last view comes back too
    win.workbench.shutdown()
    again.workbench.shutdown()


def test_a_change_that_keeps_size_and_time_still_asks(tmp_path):
    """``cp -p``, ``rsync -t`` and coarse file-system clocks leave the time as it was."""
    path = tmp_path / "org.orgd"
    io.save(small_org(), path)
    c = DocumentController()
    c.open(path)
    asked = []
    guard_saves(c, None, lambda parent, p: asked.append(p) or False)
    before = path.stat()
    theirs = path.read_text(encoding="utf-8").replace("Bob Baker", "Bob Bakes")
    assert len(theirs) == before.st_size
    path.write_text(theirs, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert c.changed_on_disk()
    edit(c, "Robert")
    with pytest.raises(io.SaveError, match="changed on disk"):
        c.save()
    assert asked == [path]
    assert path.read_text(encoding="utf-8") == theirs


def test_a_change_made_while_saving_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "org.orgd"
    io.save(small_org(), path)
    c = DocumentController()
    c.open(path)
    asked = []
    guard_saves(c, None, lambda parent, p: asked.append(p) or True)
    theirs = io.dumps(small_org()).replace("Bob Baker", "Bobby Tables")
    real_fsync = os.fsync

    def colleague_saves_meanwhile(fd):
        real_fsync(fd)  # our copy is on disk; the replace comes next
        path.write_text(theirs, encoding="utf-8")  # after our check, before our replace

    monkeypatch.setattr(io.os, "fsync", colleague_saves_meanwhile)
    edit(c, "Robert")
    with pytest.raises(io.SaveError, match="changed on disk"):
        c.save()
    assert asked == []  # nothing had changed when we checked
    assert path.read_text(encoding="utf-8") == theirs
    assert c.modified
