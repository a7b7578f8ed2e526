"""Nothing lost, nothing unreadable: what a hostile or unlucky file system does to loading
and saving. A file that loads always saves into a file that loads; a file that is not
a file is refused at once; a save never leaves a broken file, backup or temporary
behind, and never writes over a change someone else made."""

from __future__ import annotations

import json
import math
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from core_helpers import healthy_data, org, org_data
from hypothesis import assume, given
from hypothesis import strategies as st

from orgdesigner.core import io
from orgdesigner.core.importer import ImportFailed, read_table


def load_error(text: str | dict[str, Any]) -> io.LoadError:
    if isinstance(text, dict):
        text = json.dumps(text)
    with pytest.raises(io.LoadError) as info:
        io.loads(text)
    return info.value


# -- item: a file that loads always saves into a file that loads ----------------------------


RATIO = '{"numerator": "e", "denominator": "p", "min": %s}'


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize(
    "template, path",
    [
        ('"view": {"positions": {"people": {"a": [%s, 1]}}}', "view.positions.people.a[0]"),
        ('"rules": {"params": {"ratios": [' + RATIO + "]}}", "rules.params.ratios[0].min"),
    ],
)
def test_a_number_that_is_not_finite_is_refused_with_its_path(number, template, path):
    text = '{"format": "orgdesigner", "version": 1, ' + (template % number) + "}"
    err = load_error(text)
    assert err.path == path
    assert str(err).startswith(path) and "finite" in str(err)


finite_or_not = st.floats(allow_nan=True, allow_infinity=True)


@given(
    x=finite_or_not,
    y=finite_or_not,
    low=st.one_of(st.none(), finite_or_not),
    high=st.one_of(st.none(), finite_or_not),
)
def test_whatever_loads_saves_into_a_file_that_loads(tmp_path_factory, x, y, low, high):
    # A minimum above its maximum is refused by the model for its own reason.
    assume(low is None or high is None or not low > high)
    data = healthy_data()
    data["view"] = {"positions": {"people": {"cto": [x, y]}}}
    data.setdefault("rules", {}).setdefault("params", {})["ratios"] = [
        {"numerator": "engineering", "denominator": "product", "min": low, "max": high}
    ]
    text = json.dumps(data)  # Python writes nan as NaN and inf as Infinity, as a tool might
    try:
        doc = io.loads(text)
    except io.LoadError as exc:
        assert not all(math.isfinite(v) for v in (x, y, low or 0, high or 0))
        assert "finite" in str(exc)
        return
    target = tmp_path_factory.mktemp("save") / "org.orgd"
    io.save(doc, target)
    io.save(doc, target)  # and the backup of the first save loads too
    assert io.load(target) == doc
    assert io.load(target.with_name("org.orgd.bak")) == doc


def test_a_document_holding_infinity_is_not_saved(tmp_path):
    doc = org()
    doc.view.positions["people"] = {"a": [math.inf, 0.0]}  # as a careless edit could leave it
    with pytest.raises(io.SaveError, match=r"view\.positions\.people\.a\[0\]"):
        io.save(doc, tmp_path / "org.orgd")
    assert not (tmp_path / "org.orgd").exists()


@pytest.mark.parametrize(
    "text, path, key",
    [
        ('{"format": "orgdesigner", "version": 1, "name": "A", "name": "B"}', "name", "name"),
        (
            '{"format": "orgdesigner", "version": 1, "people": [{"id": "a"}, '
            '{"id": "b", "name": "B", "team": "x", "name": "C"}]}',
            "people[1].name",
            "name",
        ),
        (
            '{"format": "orgdesigner", "version": 1, "view": {"positions": '
            '{"people": {"a": [1, 2], "a": [3, 4]}}}}',
            "view.positions.people.a",
            "a",
        ),
        (
            '{"format": "orgdesigner", "format": "orgdesigner", "version": 1}',
            "format",
            "format",
        ),
    ],
)
def test_a_key_said_twice_is_refused_naming_it(text, path, key):
    err = load_error(text)
    assert err.path == path
    assert f'"{key}" appears twice' in str(err)


def test_duplicate_level_codes_are_refused():
    data = org_data(roles=[{"id": "r", "levels": [{"code": "L1"}, {"code": "L2"}, {"code": "L1"}]}])
    err = load_error(data)
    assert err.path == "roles[0].levels[2].code"
    assert "'L1'" in str(err) and "roles[0].levels[0]" in str(err)


def test_the_same_level_code_in_two_roles_is_fine():
    data = org_data(
        roles=[{"id": "r", "levels": [{"code": "L1"}]}, {"id": "s", "levels": [{"code": "L1"}]}]
    )
    assert len(io.loads(json.dumps(data)).roles) == 2


def test_duplicate_waivers_are_refused():
    waiver = {"rule": "ORG-SPAN", "subject": "cto", "reason": "founder"}
    data = healthy_data()
    data.setdefault("rules", {})["waivers"] = [waiver, {**waiver, "reason": "again"}]
    err = load_error(data)
    assert err.path == "rules.waivers[1]"
    assert "ORG-SPAN" in str(err) and "rules.waivers[0]" in str(err)


def test_an_unknown_view_name_is_refused():
    data = org_data()
    data["view"] = {"positions": {"poeple": {"a": [1, 2]}}}
    err = load_error(data)
    assert err.path == "view.positions.poeple"
    assert "people, teams, functions" in str(err)


# -- item: files that are not files are refused fast ----------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_at_once():
    with pytest.raises(io.LoadError, match="is a device, not a file"):
        io.load("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.orgd"
    os.mkfifo(fifo)
    result: list[BaseException | None] = []

    def attempt() -> None:
        try:
            io.load(fifo)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            result.append(exc)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the hung reader so the test run can end
        with open(fifo, "wb"):
            pass
        pytest.fail("loading a FIFO waited for a writer")
    assert isinstance(result[0], io.LoadError)
    assert "pipe (FIFO), not a file" in str(result[0])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_import_refuses_a_device_at_once():
    with pytest.raises(ImportFailed, match="is a device, not a file"):
        read_table("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_import_refuses_a_fifo_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "hr.csv"
    os.mkfifo(fifo)
    result: list[BaseException] = []

    def attempt() -> None:
        try:
            read_table(fifo)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            result.append(exc)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():
        with open(fifo, "wb"):
            pass
        pytest.fail("importing a FIFO waited for a writer")
    assert isinstance(result[0], ImportFailed)
    assert "pipe (FIFO), not a file" in str(result[0])


def test_the_size_limit_holds_while_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.orgd"
    path.write_bytes(b" " * 5000)
    real_fstat = os.fstat

    def small_fstat(fd: int) -> os.stat_result:
        # A file that grows after it was measured: its size said nothing of the bytes to come.
        st = list(real_fstat(fd))
        st[stat.ST_SIZE] = 10
        return os.stat_result(st)

    monkeypatch.setattr(io, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(io.os, "fstat", small_fstat)
    with pytest.raises(io.LoadError, match="larger than the limit of 1000 bytes"):
        io.load(path)


def test_a_nul_in_the_path_is_a_clear_error(tmp_path):
    with pytest.raises(io.LoadError, match="NUL"):
        io.load(str(tmp_path / "a\0b.orgd"))
    with pytest.raises(io.SaveError, match="NUL"):
        io.save(org(), str(tmp_path / "a\0b.orgd"))
    with pytest.raises(OSError, match="NUL"):  # exports and autosaves write the same way
        io.atomic_write(str(tmp_path / "a\0b.pdf"), lambda fh: fh.write(b"%PDF"))
    assert list(tmp_path.iterdir()) == []


# -- item: saving is safe in every case -----------------------------------------------------


def test_the_backup_is_written_atomically(tmp_path, monkeypatch):
    """A crash while the backup is written leaves the old backup whole, never a truncated one."""
    target = tmp_path / "org.orgd"
    io.save(org(name="first"), target)
    io.save(org(name="second"), target)
    backup = target.with_name("org.orgd.bak")
    assert io.load(backup).name == "first"

    def crash_midway(src: Any, dst: Any, length: int = 0) -> None:
        dst.write(src.read(10))
        raise KeyboardInterrupt  # the process dies halfway through the copy

    def crash_midway_copy2(src: Any, dst: Any, **kwargs: Any) -> None:
        Path(dst).write_bytes(Path(src).read_bytes()[:10])  # a copy straight into the backup
        raise KeyboardInterrupt

    monkeypatch.setattr(io.shutil, "copyfileobj", crash_midway)
    monkeypatch.setattr(io.shutil, "copy2", crash_midway_copy2)
    with pytest.raises(KeyboardInterrupt):
        io.save(org(name="third"), target)
    assert io.load(backup).name == "first"
    assert io.load(target).name == "second"


def test_temporary_files_of_a_crashed_save_go_on_the_next_save(tmp_path):
    target = tmp_path / "org.orgd"
    io.save(org(name="first"), target)
    left = [tmp_path / ".org.orgd.0123456789ab.tmp", tmp_path / ".org.orgd.bak.ba9876543210.tmp"]
    fresh = tmp_path / ".org.orgd.fedcba987654.tmp"  # another save, in progress right now
    other = tmp_path / ".other.orgd.0123456789ab.tmp"  # not ours to remove
    mine = tmp_path / "notes.tmp"
    old = time.time() - 3600
    for path in [*left, fresh, other, mine]:
        path.write_text("half a file")
    for path in [*left, other, mine]:
        os.utime(path, (old, old))
    io.save(org(name="second"), target)
    assert not any(p.exists() for p in left)
    assert fresh.exists() and other.exists() and mine.exists()
    assert io.load(target).name == "second"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_saving_through_a_symlink_updates_the_file_it_points_to(tmp_path):
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    real = real_dir / "org.orgd"
    io.save(org(name="first"), real)
    link = tmp_path / "link.orgd"
    link.symlink_to(real)
    io.save(org(name="second"), link)
    assert link.is_symlink()
    assert io.load(real).name == "second"
    assert io.load(real_dir / "org.orgd.bak").name == "first"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_read_only_file_is_refused_not_replaced(tmp_path):
    target = tmp_path / "org.orgd"
    io.save(org(name="theirs"), target)
    target.chmod(0o444)
    with pytest.raises(io.SaveError, match="read-only"):
        io.save(org(name="mine"), target)
    assert io.load(target).name == "theirs"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.orgd"]


# -- item: someone else's edit is never overwritten -----------------------------------------


def test_a_stamp_notices_a_change_that_keeps_size_and_time(tmp_path):
    target = tmp_path / "org.orgd"
    doc, before = io.load_stamped(_saved(tmp_path, "Ann"))
    assert io.stamp(target) == before
    st = target.stat()
    target.write_text(target.read_text().replace("Ann", "Bob"))  # same size
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))  # as cp -p or rsync -t leave it
    after = io.stamp(target)
    assert after is not None
    assert (after.size, after.mtime_ns) == (before.size, before.mtime_ns)
    assert after != before


def test_save_refuses_a_file_changed_right_before_the_replace(tmp_path, monkeypatch):
    target = _saved(tmp_path, "Ann")
    _, seen = io.load_stamped(target)
    theirs = target.read_text().replace("Ann", "Bob")
    real_fsync = os.fsync

    def colleague_saves_meanwhile(fd: int) -> None:
        real_fsync(fd)  # our copy is on disk; the replace comes next
        target.write_text(theirs)  # between our check and our replace

    monkeypatch.setattr(io.os, "fsync", colleague_saves_meanwhile)
    with pytest.raises(io.SaveError, match="changed on disk"):
        io.save(org(name="Cy"), target, expect=seen)
    assert target.read_text() == theirs
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_save_returns_the_stamp_of_what_it_wrote(tmp_path):
    target = tmp_path / "org.orgd"
    written = io.save(org(name="A"), target)
    assert written == io.stamp(target)
    assert io.save(org(name="B"), target, expect=written) == io.stamp(target)


def _saved(tmp_path: Path, name: str) -> Path:
    target = tmp_path / "org.orgd"
    io.save(org(name=name), target)
    return target
