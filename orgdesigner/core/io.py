"""Load and save ``.orgd`` files: clear errors, migrations, atomic writes.

A file from someone else is untrusted input. Loading either returns a whole
:class:`Document` or raises :class:`LoadError` with one line that names the
place (JSON path, or line and column for broken JSON). Nothing in a file runs.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from .model import CURRENT_VERSION, FORMAT_NAME, KIND_FIELDS, Document, grade_param_problem

MAX_FILE_BYTES = 512 * 1024 * 1024


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


def read_json(text: str | bytes, *, source: str | None = None) -> Any:
    """Decode JSON strictly (no NaN or Infinity); LoadError with line and column otherwise."""

    def no_constant(name: str) -> Any:
        # Python's json reads these; JSON has no such numbers, other tools refuse
        # them, and a NaN would never compare equal to itself after a round trip.
        raise LoadError(f"not valid JSON: {name} is not a number", source=source)

    try:
        return json.loads(text, parse_constant=no_constant)
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
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                f"file is {size // (1024 * 1024)} MB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
                source=str(p),
            )
        raw = p.read_bytes()
    except IsADirectoryError:
        raise LoadError("is a folder, not a file", source=str(p)) from None
    except FileNotFoundError:
        raise LoadError("no such file", source=str(p)) from None
    except PermissionError:
        raise LoadError("permission denied", source=str(p)) from None
    except OSError as exc:
        raise LoadError(exc.strerror or str(exc), source=str(p)) from None
    return loads(raw, source=str(p))


def to_data(doc: Document) -> dict[str, Any]:
    """The JSON-ready dict of a document, with defaults left out and a stable key order."""
    data = doc.model_dump(mode="json", exclude_defaults=True)
    data["format"] = doc.format
    # What this program writes is of its own version, whatever the document was read as.
    data["version"] = CURRENT_VERSION
    order = list(Document.model_fields)
    return {k: data[k] for k in order if k in data}


def dumps(doc: Document) -> str:
    """The text of a ``.orgd`` file: two-space indented, keys in format order, newline at end."""
    return json.dumps(to_data(doc), indent=2, ensure_ascii=False) + "\n"


def save(doc: Document, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    """Write atomically: temporary file beside the target, flush, fsync, replace.

    The previous version, if any, is kept as ``<name>.bak``. On any failure the
    target is untouched and :class:`SaveError` says why.
    """
    target = Path(path)
    data = dumps(doc).encode("utf-8")
    try:
        atomic_write(target, lambda fh: fh.write(data), backup=backup)
    except OSError as exc:
        raise SaveError(f"{target}: cannot write: {exc.strerror or exc}") from None


def atomic_write(
    path: str | os.PathLike[str], write: Callable[[BinaryIO], object], *, backup: bool = False
) -> None:
    """Run ``write`` into a temporary file beside ``path``, flush it to disk, then
    move it into place; with ``backup``, keep the previous file as ``<name>.bak``.

    The one way every file of the app is written (documents, exports, autosaves),
    so a crash or a full disk never leaves a half-written file. The new file keeps
    the permissions of the one it replaces. Raises OSError; the target is untouched.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
    fd, tmp = _create_temp(directory, target.name)
    try:
        if target.exists():
            # Replacing the file must not change who may read it.
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and target.exists():
            shutil.copy2(target, target.with_name(target.name + ".bak"))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
