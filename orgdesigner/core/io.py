"""Load and save ``.orgd`` files: clear errors, migrations, atomic writes.

A file from someone else is untrusted input. Loading either returns a whole
:class:`Document` or raises :class:`LoadError` with one line that names the
place (JSON path, or line and column for broken JSON). Nothing in a file runs.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import math
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from .model import (
    CURRENT_VERSION,
    FORMAT_NAME,
    KIND_FIELDS,
    VIEW_NAMES,
    Document,
    grade_param_problem,
)

MAX_FILE_BYTES = 512 * 1024 * 1024
# A temporary file of a save is written and moved into place within seconds; one
# this old was left by a save that crashed, and the next save beside it removes it.
STALE_TEMP_SECONDS = 60.0


# version N -> function turning a version-N dict into a version-(N+1) dict.
# A new format version registers its step here and ships a test that loads a
# file of the older version.
def _one_to_two(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds optional fields (grades, cost, budgets, service teams): a
    version-1 document is a valid version-2 document as it stands."""
    return dict(data)


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _one_to_two}


class LoadError(Exception):
    """A file that cannot become a document; ``str()`` is the one-line reason."""

    def __init__(self, message: str, *, path: str | None = None, source: str | None = None):
        self.path = path
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{message}")


class SaveError(Exception):
    """A document that could not be written; the previous file is untouched."""


class ChangedOnDisk(OSError):
    """The file was changed by someone else after it was read: it was not replaced."""


@dataclass(frozen=True)
class Stamp:
    """What a file was when we read or wrote it: size, modification time and content hash.

    The size and time alone miss a copy that keeps the time (``cp -p``, ``rsync -t``)
    and a change within the time resolution of the file system; the hash does not.
    """

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, st: os.stat_result) -> Stamp:
        return cls(len(data), st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def stamp(path: str | os.PathLike[str]) -> Stamp | None:
    """The stamp of the file at ``path`` now, or None if it cannot be read."""
    try:
        data, st = read_limited(path)
    except (LoadError, OSError, ValueError):
        return None
    return Stamp.of_bytes(data, st)


def json_path(loc: tuple[Any, ...]) -> str:
    """``('people', 3, 'vacant')`` -> ``people[3].vacant``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _describe(err: dict[str, Any]) -> str:
    kind = err["type"]
    loc = err["loc"]
    # pydantic appends the branch it tried for unions (`str`, `int`...): drop it.
    loc = tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS))
    where = json_path(loc)
    if kind == "extra_forbidden":
        return f"{where}: unknown field (check the spelling; see `orgdesigner schema`)"
    if kind == "missing":
        return f"{where}: required field is missing"
    if kind == "finite_number":
        return (
            f"{where}: must be a finite number (got {json.dumps(err.get('input'))}); "
            "JSON has no infinite or NaN numbers"
        )
    msg = err["msg"]
    if kind in ("value_error", "assertion_error"):
        msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    value = err.get("input")
    shown = ""
    if isinstance(value, str | int | float | bool) or value is None:
        text = json.dumps(value)
        shown = f" (got {text if len(text) <= 40 else text[:37] + '...'})"
    elif isinstance(value, list):
        shown = " (got a list)"
    elif isinstance(value, dict):
        shown = " (got an object)"
    return f"{where}: {msg[0].lower() + msg[1:] if msg else msg}{shown}"


_UNION_TAGS = {
    "str",
    "int",
    "float",
    "bool",
    "none",
    "list[float]",
    "function-after[_known_rule(), str]",
}


def parse(data: Any, *, source: str | None = None) -> Document:
    """Turn decoded JSON into a document: format and version checks, migrations, validation."""
    if not isinstance(data, dict):
        raise LoadError(
            "not an orgdesigner document: the top level must be a JSON object", source=source
        )
    fmt = data.get("format")
    if fmt != FORMAT_NAME:
        if fmt is None:
            raise LoadError(
                'not an orgdesigner document: "format" is missing', path="format", source=source
            )
        raise LoadError(
            f'not an orgdesigner document: "format" is {json.dumps(fmt)[:60]}, '
            f'expected "{FORMAT_NAME}"',
            path="format",
            source=source,
        )
    version = data.get("version")
    if type(version) is not int:
        raise LoadError(
            f"version: must be an integer ({CURRENT_VERSION} today)", path="version", source=source
        )
    if version > CURRENT_VERSION:
        raise LoadError(
            f"version {version} was written by a newer orgdesigner; this one reads "
            f"up to version {CURRENT_VERSION}: please upgrade",
            path="version",
            source=source,
        )
    if version < 1:
        raise LoadError(f"version: {version} is not a valid version", path="version", source=source)
    while version < CURRENT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["version"] = version
    try:
        doc = Document.model_validate(data)
    except ValidationError as exc:
        path = json_path(exc.errors()[0]["loc"])
        raise LoadError(describe_error(exc), path=path, source=source) from None
    _check_unique_ids(doc, source)
    _check_unique_parts(doc, source)
    problem = grade_param_problem(doc.grades, doc.rules)
    if problem is not None:
        raise LoadError(f"{problem[0]}: {problem[1]}", path=problem[0], source=source)
    return doc


def _check_unique_ids(doc: Document, source: str | None) -> None:
    for kind, field in KIND_FIELDS.items():
        seen: dict[str, int] = {}
        for i, entity in enumerate(getattr(doc, field)):
            if entity.id in seen:
                raise LoadError(
                    f"{field}[{i}].id: duplicate {kind} ID {entity.id!r} "
                    f"(first used at {field}[{seen[entity.id]}])",
                    path=f"{field}[{i}].id",
                    source=source,
                )
            seen[entity.id] = i
    grades: dict[str, int] = {}
    for i, grade in enumerate(doc.grades):
        if grade.id in grades:
            raise LoadError(
                f"grades[{i}].id: duplicate grade ID {grade.id!r} (first used at "
                f"grades[{grades[grade.id]}])",
                path=f"grades[{i}].id",
                source=source,
            )
        grades[grade.id] = i


def _check_unique_parts(doc: Document, source: str | None) -> None:
    """Level codes within a role, waivers and view names: each said once, each known."""

    def refuse(where: str, message: str) -> None:
        raise LoadError(f"{where}: {message}", path=where, source=source)

    for r, role in enumerate(doc.roles):
        codes: dict[str, int] = {}
        for i, level in enumerate(role.levels):
            if level.code in codes:
                refuse(
                    f"roles[{r}].levels[{i}].code",
                    f"duplicate level code {level.code!r} in role {role.id!r} "
                    f"(first used at roles[{r}].levels[{codes[level.code]}])",
                )
            codes[level.code] = i
    waived: dict[tuple[str, str], int] = {}
    for i, waiver in enumerate(doc.rules.waivers):
        key = (waiver.rule, waiver.subject)
        if key in waived:
            refuse(
                f"rules.waivers[{i}]",
                f"{waiver.rule} is already waived for {waiver.subject!r} "
                f"(at rules.waivers[{waived[key]}])",
            )
        waived[key] = i
    for view in doc.view.positions:
        if view not in VIEW_NAMES:
            refuse(
                f"view.positions.{view}",
                f"unknown view {json.dumps(view)[:60]} (known: {', '.join(VIEW_NAMES)})",
            )


class _Repeated(dict):
    """A JSON object that named one key twice (``repeated``); found again for its path."""

    repeated: str = ""


def _find_repeated(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The JSON path of the first repeated key in ``data`` (depth-first, document order)."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, loc)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, _Repeated):
            return (*where, node.repeated)
        if isinstance(node, dict):
            stack.extend((v, (*where, k)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((v, (*where, i)) for i, v in reversed(list(enumerate(node))))
    return None


def read_json(text: str | bytes, *, source: str | None = None) -> Any:
    """Decode JSON strictly; LoadError with line and column (or JSON path) otherwise.

    A key named twice in one object is refused: a reader keeps one of the two
    values, so the other would be lost without a word. ``NaN`` and ``Infinity``
    (which Python's json reads, and no other JSON tool) decode to floats here so
    that validation refuses them, and a number too large such as ``1e999``, with
    the JSON path of the field.
    """
    repeated: list[bool] = []

    def one_value_per_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    break
                seen.add(key)
            obj = _Repeated(obj)
            obj.repeated = key
            repeated.append(True)
        return obj

    try:
        data = json.loads(text, object_pairs_hook=one_value_per_key, parse_constant=float)
    except json.JSONDecodeError as exc:
        raise LoadError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", source=source
        ) from None
    except UnicodeDecodeError as exc:
        raise LoadError(f"not UTF-8 text (byte {exc.start}): {exc.reason}", source=source) from None
    except RecursionError:
        raise LoadError("JSON nested too deeply", source=source) from None
    except ValueError as exc:
        # A number with thousands of digits: Python refuses to convert it.
        raise LoadError(
            f"a number in the file is too long to read: {exc}".split(";")[0], source=source
        ) from None
    if repeated:
        loc = _find_repeated(data, ()) or ()
        where = json_path(loc)
        raise LoadError(
            f"{where}: the key {json.dumps(loc[-1] if loc else '')[:60]} appears twice in one "
            "object; say each field once",
            path=where,
            source=source,
        )
    return data


def non_finite_path(data: Any) -> str | None:
    """The JSON path of the first infinite or NaN number in ``data``, or None."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            return json_path(where)
        if isinstance(node, dict):
            stack.extend((v, (*where, k)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((v, (*where, i)) for i, v in reversed(list(enumerate(node))))
    return None


def describe_error(exc: ValidationError) -> str:
    """The first problem of a validation error in one line, with its JSON path."""
    errors = exc.errors()
    first = _describe(dict(errors[0]))
    if len(errors) > 1:
        first += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return first


def loads(text: str | bytes, *, source: str | None = None) -> Document:
    """Parse the text of a ``.orgd`` file."""
    return parse(read_json(text, source=source), source=source)


def load(path: str | os.PathLike[str]) -> Document:
    """Read a ``.orgd`` file."""
    return load_stamped(path)[0]


def load_stamped(path: str | os.PathLike[str]) -> tuple[Document, Stamp]:
    """Read a ``.orgd`` file and say what it was (to notice later that someone changed it)."""
    raw, st = read_file(path)
    return loads(raw, source=str(path)), Stamp.of_bytes(raw, st)


def read_file(path: str | os.PathLike[str]) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most MAX_FILE_BYTES; LoadError with the reason."""
    source = str(path)
    try:
        return read_limited(path)
    except LoadError as exc:
        raise LoadError(str(exc), source=source) from None
    except ValueError:  # a NUL in the path
        raise LoadError("the file name contains a NUL character", source=source) from None
    except IsADirectoryError:
        raise LoadError("is a folder, not a file", source=source) from None
    except FileNotFoundError:
        raise LoadError("no such file", source=source) from None
    except PermissionError:
        raise LoadError("permission denied", source=source) from None
    except OSError as exc:
        raise LoadError(exc.strerror or str(exc), source=source) from None


_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a pipe (FIFO), not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


def read_limited(
    path: str | os.PathLike[str], limit: int | None = None
) -> tuple[bytes, os.stat_result]:
    """Read a regular file, at most ``limit`` bytes (MAX_FILE_BYTES), and its status.

    Opened without blocking and checked before reading, so a pipe or a device
    (``/dev/zero``) is refused at once instead of hanging or filling the memory;
    the limit holds while reading, for a file that grows meanwhile. Raises
    LoadError (without the path) for those, OSError or ValueError otherwise.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb", buffering=0) as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            reason = next((text for test, text in _KINDS if test(st.st_mode)), "is not a file")
            raise LoadError(reason)
        too_big = LoadError(
            f"file is larger than the limit of {limit // (1024 * 1024)} MB"
            if limit >= 1024 * 1024
            else f"file is larger than the limit of {limit} bytes"
        )
        if st.st_size > limit:
            raise too_big
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = fh.read(min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise too_big
    return b"".join(chunks), st


def to_data(doc: Document) -> dict[str, Any]:
    """The JSON-ready dict of a document, with defaults left out and a stable key order."""
    data = doc.model_dump(mode="json", exclude_defaults=True)
    data["format"] = doc.format
    # What this program writes is of its own version, whatever the document was read as.
    data["version"] = CURRENT_VERSION
    order = list(Document.model_fields)
    return {k: data[k] for k in order if k in data}


def dumps(doc: Document) -> str:
    """The text of a ``.orgd`` file: two-space indented, keys in format order, newline at end.

    Raises ValueError naming the field if the document holds an infinite or NaN
    number (which no JSON reader accepts): a saved file must always load.
    """
    data = to_data(doc)
    try:
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError:
        where = non_finite_path(data) or "a number"
        raise ValueError(f"{where}: not a finite number; JSON cannot hold it") from None


def save(
    doc: Document,
    path: str | os.PathLike[str],
    *,
    backup: bool = True,
    expect: Stamp | None = None,
) -> Stamp:
    """Write atomically: temporary file beside the target, flush, fsync, replace.

    The previous version, if any, is kept as ``<name>.bak``. With ``expect``, the
    target must still be that file right before it is replaced (else
    :class:`ChangedOnDisk`, a SaveError cause). On any failure the target is
    untouched and :class:`SaveError` says why. Returns the stamp of the file written.
    """
    if "\0" in os.fspath(path):
        raise SaveError(f"{os.fspath(path)!r}: the file name contains a NUL character")
    target = Path(path)
    try:
        data = dumps(doc).encode("utf-8")
    except ValueError as exc:
        raise SaveError(f"{target}: cannot save: {exc}") from None
    try:
        st = atomic_write(target, lambda fh: fh.write(data), backup=backup, expect=expect)
    except ChangedOnDisk:
        raise SaveError(
            f"Not saved: {target.name} was changed on disk by someone else while saving. "
            "Use Save As to keep both versions."
        ) from None
    except OSError as exc:
        raise SaveError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return Stamp.of_bytes(data, st)


def atomic_write(
    path: str | os.PathLike[str],
    write: Callable[[BinaryIO], object],
    *,
    backup: bool = False,
    expect: Stamp | None = None,
) -> os.stat_result:
    """Run ``write`` into a temporary file beside ``path``, flush it to disk, then
    move it into place; with ``backup``, keep the previous file as ``<name>.bak``.

    The one way every file of the app is written (documents, exports, autosaves),
    so a crash or a full disk never leaves a half-written file. The backup is
    written the same way. The new file keeps the permissions of the one it
    replaces; a symbolic link keeps pointing at the file, which is the one
    written. A read-only target is refused, not replaced. Temporary files that
    an earlier, crashed save left beside the target are removed. With
    ``expect``, the target must still match that stamp just before the replace
    (else :class:`ChangedOnDisk`). Raises OSError; the target is untouched.
    Returns the status of the written file.
    """
    if "\0" in os.fspath(path):
        raise OSError(errno.EINVAL, "the file name contains a NUL character")
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
    old = _existing(target)
    if old is not None and not _writable(target, old):
        raise PermissionError(
            errno.EACCES, "the file is read-only (make it writable, or choose another name)"
        )
    _remove_stale_temps(directory, target.name)
    fd, tmp = _create_temp(directory, target.name)
    try:
        if old is not None:
            # Replacing the file must not change who may read it.
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
            written = os.fstat(fh.fileno())
        if backup and old is not None:
            _copy_atomic(target, target.with_name(target.name + ".bak"))
        if expect is not None and stamp(target) != expect:
            raise ChangedOnDisk(errno.EAGAIN, "changed on disk", str(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return written


def _existing(target: Path) -> os.stat_result | None:
    try:
        return target.stat()
    except FileNotFoundError:
        return None


def _writable(target: Path, st: os.stat_result) -> bool:
    # os.access says yes to the superuser whatever the mode: the mode bits say read-only too.
    return bool(st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(
        target, os.W_OK
    )


def _copy_atomic(source: Path, dest: Path) -> None:
    """Copy ``source`` to ``dest`` so that ``dest`` is always whole: the old copy or the new."""
    directory = dest.parent if str(dest.parent) else Path(".")
    fd, tmp = _create_temp(directory, dest.name)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        shutil.copystat(source, tmp)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_TEMP = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{12}\.tmp")


def _remove_stale_temps(directory: Path, name: str) -> None:
    """Remove the temporary files of ``name`` that a crashed save left behind."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        m = _TEMP.fullmatch(entry.name)
        if m is None or m["name"] not in (name, name + ".bak"):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)


def _create_temp(directory: Path, name: str) -> tuple[int, str]:
    """A new empty file beside the target, created with the mode a new file gets.

    ``tempfile.mkstemp`` makes files only their owner can read, which the
    replace would then give to the saved document.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = str(directory / f".{name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name")


def schema() -> dict[str, Any]:
    """The JSON Schema of the ``.orgd`` format, generated from the model."""
    s = Document.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "orgdesigner document (.orgd)"
    return s
