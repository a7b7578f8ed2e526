"""Import people from an HR system's export (CSV or XLSX) into a new document.

Designers start from what the HR system exports, so this module copes with
real files and never loses or invents a person silently: every data row
becomes a person or stops the import with its line number, and everything
that is kept but doubtful is a warning that names its line.

Reading (:func:`read_table`)
    CSV: the encoding is found from the bytes (a UTF-8 or UTF-16 byte-order
    mark, else strict UTF-8, else Windows-1252, else Latin-1, which cannot
    fail) and the delimiter from the header row (comma, semicolon, tab or
    bar: the one that splits the header and gives the first rows the most
    consistent width; Excel's ``sep=;`` first line is honoured). Line numbers
    are those a text editor shows (the header is line 1; a quoted value over
    several lines counts them all). XLSX: the first sheet or a named one, read
    with openpyxl in read-only mode (imported only then); line numbers are the
    sheet's row numbers; whole numbers stored as floats read ``100`` not
    ``100.0``. Blank rows are skipped (they hold nobody).

    No line is lost to a stray quote: a quote never closed, or one that closes
    in the middle of a value (so the lines between became one value), stops
    the import naming the line where it opens; a well-formed quoted value
    whose inner lines look like rows is kept with a warning. A vertically
    merged XLSX range holds its value in its top cell only: it is filled down
    over the rows of the range, with a warning (a range merged across columns
    only is read in its first column, with a warning). Empty or repeated
    header names are made unique (``Column 4``, ``Name (2)``), with a warning.

Columns (:func:`guess_mapping`)
    Header names are compared without case, spaces or punctuation against
    common names (``Employee ID``, ``Full name``, ``Job title``, ``Reports
    to``, ``parentId``, ``Department``, ``Grade``...); one column per field,
    the more specific name winning (``function`` over ``department`` over
    ``area``). A ``last name`` column pairs with a ``first name`` column, or
    with a plain ``name`` column when there is no first-name column (the
    Oracle HR export stores the first name as ``name``); the two are joined.
    ``office`` is deliberately *not* a function source: in HR exports it names
    a place or a seat (in the d3-org-chart sample the CEO sits in "CTO
    office" and everyone else in "CEO office"), while ``area`` names a line of
    business, the nearest thing that file has to a department, so ``area``
    gives the functions and ``office`` is left for the user to map if they
    want it. Everything else is mapped by hand (``--map COLUMN=FIELD`` or the
    dialog).

Building (:func:`import_table`)
    - Control characters are removed from every value (tabs and line breaks
      read as spaces), as the document model does for all text, so titles,
      functions and teams match on what a person sees.
    - IDs, names and every other value are trimmed; a name from first and last
      name columns is the two joined by a space.
    - A row without an ID, or with the ID of an earlier row, stops the import:
      :class:`ImportFailed` names both lines.
    - A line manager (or functional manager) not in the file is kept as
      written, so the validator reports ORG-REF, and is warned about with its
      line. ``NULL``, ``None``, ``N/A`` and ``-`` mean no manager unless a
      person has that ID. When most manager values are not IDs but names, each
      one that matches exactly one person's name is resolved to that person
      (and a warning says so); the rest stay as written.
    - Several roots (people without a line manager) are all kept, with one
      warning listing them.
    - Values past the last column are ignored with a warning; fields never
      shift (values are read by position) and the row is kept. Short rows are
      padded (spreadsheets drop trailing empty cells).
    - ``vacant`` is true for ``true``, ``yes``, ``y``, ``1``, ``x``,
      ``vacant``, ``open`` (any case); false for an empty cell, ``false``,
      ``no``, ``n``, ``0``; anything else is read as not vacant with a warning.
    - One role per distinct title: titles are matched trimmed, with runs of
      spaces collapsed and case folded, and shown as first written. The role
      is a people manager when any holder has direct reports in the file; its
      career ladder lists the levels its holders have (naturally sorted).
    - Functions come from the function column (a department column usually),
      matched like titles and named as first written. A role takes its
      holders' function when every holder has one and one function is the
      most common; a person states their own function only where it differs
      from their role's (as shared/FORMAT.md says), so everyone's function is
      exactly their row's. A function's leader is the member whose line,
      within the function, covers more than half of its members (the head of
      the department); otherwise none, and FUNC-LEADER says so.
    - Teams come from a team column when there is one, matched like titles.
      The owner is the person most of the team reports to, directly or up
      the line within the team: counting, for each candidate, the members
      whose chain of line managers (walked up inside the team and one step
      out) reaches them, a member counting themselves. The candidate covering
      the most members wins, a member before an outsider with the same count
      (so a team lead beats their own manager), if the cover is more than half
      the team and unique. So a team whose members all report to one manager
      listed elsewhere gets that manager as owner (members of an STO team
      report to its owner), and a team lead inside the team is its owner even
      when an embedded designer reports elsewhere. When no one qualifies the
      owner stays empty and STO-OWNER says so: guessing an owner would invent
      a structure the export does not show. A team's parent is the team of
      its owner's line manager (or of its owner, when the owner is not a
      member), unless that would make a loop.
    - IDs of roles, functions and teams are slugs of their text (``Senior
      developer`` -> ``senior-developer``; accents dropped, other scripts
      kept), made unique with ``-2``, ``-3``. People keep the export's IDs.
    - A cell that our CSV exporter neutralised for spreadsheets (a leading
      ``'`` before ``=``, ``+``, ``-``, ``@``, tab or carriage return, or
      before spaces and then one of those, or their fullwidth forms) is
      restored, and only such a cell, so exporting then importing gives the
      same people and lines (:func:`neutralise_cell`, :func:`restore_cell`).

Everything here is pure Python; openpyxl is imported only to read an XLSX.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import DEFAULT_PARAMS
from .io import LoadError, read_limited
from .model import (
    MAX_ID,
    MAX_NAME,
    PERSON_FIELDS,
    Document,
    Function,
    Level,
    Person,
    Role,
    Team,
    one_line,
    person_columns,
)
from .text import slug

# The fields a column can be mapped to: the person's columns, declared on the model.
FIELDS: tuple[str, ...] = person_columns()
# A name may also be built from two columns.
NAME_PARTS: tuple[str, ...] = ("first_name", "last_name")
MAPPABLE: tuple[str, ...] = FIELDS + NAME_PARTS
IGNORE = ""

FIELD_LABELS: dict[str, str] = {
    **{f.column: f.column_label for f in PERSON_FIELDS.values() if f.column},
    "first_name": "First name",
    "last_name": "Last name",
}

MAX_FILE_BYTES = 256 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
SNIFF_ROWS = 50

# Normalised header names (case folded, only letters and digits), best first.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "employeeid",
        "empid",
        "employeenumber",
        "employeeno",
        "employeenr",
        "employeecode",
        "personid",
        "personnelnumber",
        "personnelno",
        "staffid",
        "staffnumber",
        "workerid",
        "userid",
        "badgeid",
        "eeid",
    ),
    "first_name": ("firstname", "givenname", "forename", "first", "preferredfirstname"),
    "last_name": ("lastname", "surname", "familyname", "last"),
    "name": (
        "name",
        "fullname",
        "employeename",
        "displayname",
        "personname",
        "employee",
        "preferredname",
        "workername",
        "staffname",
    ),
    "title": (
        "title",
        "jobtitle",
        "position",
        "positionname",
        "positiontitle",
        "role",
        "rolename",
        "jobname",
        "job",
        "designation",
        "businesstitle",
    ),
    # IDs before names: "Manager ID" beats a "Manager" column of names.
    "functional_manager": (
        "functionalmanagerid",
        "dottedlinemanagerid",
        "matrixmanagerid",
        "functionalmanager",
        "dottedlinemanager",
        "dottedline",
        "matrixmanager",
        "functionallead",
    ),
    "manager": (
        "managerid",
        "reportstoid",
        "parentid",
        "linemanagerid",
        "supervisorid",
        "managerempid",
        "manageremployeeid",
        "bossid",
        "pid",
        "manager",
        "reportsto",
        "linemanager",
        "supervisor",
        "parent",
    ),
    "team": ("team", "teamname", "squad", "squadname", "teamid"),
    "function": (
        "function",
        "functionname",
        "jobfunction",
        "department",
        "departmentname",
        "dept",
        "deptname",
        "discipline",
        "area",
        "functionalarea",
        "businessarea",
    ),
    "level": (
        "level",
        "grade",
        "joblevel",
        "jobgrade",
        "careerlevel",
        "band",
        "paygrade",
        "jobband",
        "seniority",
    ),
    "vacant": ("vacant", "vacancy", "isvacant", "openposition", "open", "isopen"),
    "cost": (
        "cost",
        "yearlycost",
        "annualcost",
        "totalcost",
        "positioncost",
        "salary",
        "annualsalary",
        "yearlysalary",
        "basesalary",
        "basepay",
        "compensation",
        "totalcompensation",
        "annualpay",
        "ctc",
    ),
}
_CURRENCY_SYMBOLS = {"\u20ac": "EUR", "$": "USD", "\u00a3": "GBP", "\u00a5": "JPY", "\u20b9": "INR"}


def parse_cost(text: str) -> tuple[float | int | None, str]:
    """A yearly cost from a spreadsheet cell, and the currency it names ("" if none).

    Reads ``152000``, ``152,000``, ``EUR 152.000``, ``152 000 €``, ``1.234.567,89``
    and ``98000.50``: a separator followed by exactly three digits, or repeated,
    groups thousands; otherwise it is the decimal point. Raises ValueError when
    the cell is not an amount (or is negative).
    """
    raw = text.strip()
    currency = ""
    for symbol, code in _CURRENCY_SYMBOLS.items():
        if symbol in raw:
            currency = code
            raw = raw.replace(symbol, "")
    letters = "".join(ch for ch in raw if ch.isalpha())
    if letters:
        if len(letters) != 3 or not letters.isupper():
            raise ValueError(f"{text!r} is not an amount")
        currency = letters
        raw = raw.replace(letters, "")
    raw = "".join(ch for ch in raw if not ch.isspace() and ch != "'")
    if raw.startswith("-"):
        raise ValueError(f"{text!r} is negative")
    if not raw or any(ch not in "0123456789.," for ch in raw):
        raise ValueError(f"{text!r} is not an amount")
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    else:
        for sep in (",", "."):
            if sep in raw:
                parts = raw.split(sep)
                if len(parts) > 2 or len(parts[-1]) == 3:
                    raw = raw.replace(sep, "")
                else:
                    raw = raw.replace(sep, ".")
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{text!r} is not an amount") from None
    if value > 1e15:
        raise ValueError(f"{text!r} is too large")
    return (int(value) if value.is_integer() else value), currency


_TRUE = frozenset({"true", "yes", "y", "1", "x", "vacant", "open", "ja", "oui", "si", "sí"})
_FALSE = frozenset({"", "false", "no", "n", "0", "nein", "non", "filled"})
_NO_MANAGER = frozenset({"null", "none", "n/a", "#n/a", "na", "nil", "-", "--"})

# Our CSV exporter prefixes these with ' so a spreadsheet shows text, not a formula:
# a tab or carriage return first, or, after any spaces, a formula character in
# its ASCII, fullwidth or small form (spreadsheets fold the latter to ASCII).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_CHARS = "=+\\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b"
_FORMULA_START = re.compile(f"[\\t\\r]|\\s*[{FORMULA_CHARS}]")


# -- results and errors ---------------------------------------------------------
@dataclass
class ImportWarning:
    """Something kept but worth a look, with the line (or sheet row) it is about."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class ImportFailed(Exception):
    """A file or row that cannot become people; ``str()`` names the line when there is one."""

    def __init__(self, message: str, *, line: int | None = None):
        self.line = line
        self.reason = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class Table:
    """The cells of a file, as text: the header and the data rows with their line numbers."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str = "utf-8"
    delimiter: str = ","
    source: str = ""
    sheet: str | None = None
    header_line: int = 1
    notes: list[ImportWarning] = field(default_factory=list)


@dataclass
class ImportResult:
    """The new document, what was doubtful, and what was created."""

    document: Document
    warnings: list[ImportWarning]
    summary: dict[str, int]

    def summary_text(self) -> str:
        """One line for a person: what was created and how many warnings."""
        s = self.summary

        def n(count: int, one: str, many: str) -> str:
            return f"{count:,} {one if count == 1 else many}"

        return (
            f"Imported {n(s['people'], 'person', 'people')}, {n(s['roles'], 'role', 'roles')}, "
            f"{n(s['functions'], 'function', 'functions')}, "
            f"{n(s['teams'], 'team', 'teams')}; {n(s['warnings'], 'warning', 'warnings')}."
        )


# -- spreadsheet-safe cells -----------------------------------------------------
def _needs_quote(value: str) -> bool:
    # A value that starts with ' followed by something that needs quoting is
    # quoted too, so restore_cell can tell our prefix from a user's quote.
    return _FORMULA_START.match(value.lstrip("'")) is not None


def neutralise_cell(value: str) -> str:
    """The value prefixed with ``'`` when a spreadsheet would read it as a formula."""
    return "'" + value if _needs_quote(value) else value


def restore_cell(value: str) -> str:
    """Undo :func:`neutralise_cell`, and only it: other leading quotes are data."""
    if value.startswith("'") and _needs_quote(value[1:]):
        return value[1:]
    return value


# -- reading files ----------------------------------------------------------------
def read_table(path: str | os.PathLike[str], *, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file into a :class:`Table`; :class:`ImportFailed` if it cannot be read."""
    p = Path(path)
    try:
        # Only a regular file, read within the limit: a pipe or /dev/zero is refused at once.
        raw, _ = read_limited(p, MAX_FILE_BYTES)
    except LoadError as exc:
        raise ImportFailed(f"{p}: {exc}") from None
    except ValueError:
        raise ImportFailed(f"{p!r}: the file name contains a NUL character") from None
    except IsADirectoryError:
        raise ImportFailed(f"{p}: is a folder, not a file") from None
    except FileNotFoundError:
        raise ImportFailed(f"{p}: no such file") from None
    except PermissionError:
        raise ImportFailed(f"{p}: permission denied") from None
    except OSError as exc:
        raise ImportFailed(f"{p}: {exc.strerror or exc}") from None
    head = raw[:8]
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(p, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailed(
            f"{p}: an old binary Excel file (.xls); save it as .xlsx or CSV and import that"
        )
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        raise ImportFailed(f"{p}: not a valid .xlsx file (it is not a zip archive)")
    if sheet:
        raise ImportFailed(f"{p}: a sheet was named but this is a CSV file, which has none")
    return _read_csv(raw, source=str(p))


def sheet_names(path: str | os.PathLike[str]) -> list[str]:
    """The sheets of an XLSX file, in order; ``[]`` for a CSV file."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            if not fh.read(4).startswith(b"PK\x03\x04"):
                return []
    except OSError as exc:
        raise ImportFailed(f"{p}: {exc.strerror or exc}") from None
    wb = _open_workbook(p)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a file and the encoding found: BOM, else UTF-8, else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return raw.decode("latin-1"), "latin-1"


def _read_csv(raw: bytes, *, source: str = "") -> Table:
    text, encoding = decode(raw)
    if "\x00" in text:
        raise ImportFailed(
            f"{source}: not a text file (it contains NUL bytes)"
            if source
            else "not a text file (it contains NUL bytes)"
        )
    first_line = 0
    delimiter = None
    # Excel writes "sep=;" as a first line when asked to; it is not a header.
    m = re.match(r"sep=(.)\r?\n", text[:8])
    if m:
        delimiter = m.group(1)
        text = text[m.end() :]
        first_line = 1
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    # A NUL cannot be in the text (refused above), so one after the last line
    # tells where the file ends: read as a row of its own, or, when a quote is
    # still open, as the end of the quoted value, which then swallowed the rest.
    body = text if text.endswith(("\n", "\r")) or not text else text + "\n"
    reader = csv.reader(io.StringIO(body + _END, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    notes: list[ImportWarning] = []
    lines: list[str] | None = None
    last = 0
    try:
        for cells in reader:
            start = last + 1
            last = reader.line_num
            if cells == [_END]:
                break
            if cells and cells[-1].endswith(_END):
                opened = start + first_line + _line_breaks("".join(cells[:-1]))
                raise ImportFailed("a quote opened here is never closed", line=opened)
            if last > start:
                if lines is None:
                    lines = io.StringIO(body, newline="").readlines()
                width = len(records[0][1]) if records else 0
                record = "".join(lines[start - 1 : last])
                note = _check_spanning(record, start + first_line, cells, delimiter, width)
                if note:
                    notes.append(note)
            if any(c.strip() for c in cells):
                records.append((start + first_line, cells))
    except csv.Error as exc:
        raise ImportFailed(f"cannot read the CSV: {exc}", line=last + 1 + first_line) from None
    table = _make_table(records, encoding=encoding, delimiter=delimiter, source=source)
    table.notes += notes
    return table


_END = "\x00"
_BREAK = re.compile(r"\r\n|\r|\n")


def _line_breaks(text: str) -> int:
    return len(_BREAK.findall(text))


def _quoted_over_lines(start: int, cells: list[str]) -> tuple[int, int, str]:
    """Where the first value of a row read over several lines opens and closes, and the value."""
    at = start
    for cell in cells:
        breaks = _line_breaks(cell)
        if breaks:
            return at, at + breaks, cell
        at += breaks
    return start, start, ""


def _check_spanning(
    raw: str, start: int, cells: list[str], delimiter: str, width: int
) -> ImportWarning | None:
    """Refuse a value over several lines whose closing quote is misplaced; warn if it holds rows.

    A value may rightly run over lines (an address, a note), and then its
    closing quote ends the value. A quote that closes in the middle of a value
    (``"Sales`` ... ``,"Eng``) means a stray quote took in the lines between.
    """
    opened, closed, value = _quoted_over_lines(start, cells)
    try:
        for _ in csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        n = closed - opened
        raise ImportFailed(
            f"a quote opened here closes only on line {closed}, in the middle of a value, "
            f"so {n} line{'s' if n > 1 else ''} ({opened + 1}-{closed}) would become part of "
            "one value; check the quotes on this line",
            line=opened,
        ) from None
    rows = [
        opened + k
        for k, inner in enumerate(_BREAK.split(value)[1:], start=1)
        if width > 1 and len(next(csv.reader([inner], delimiter=delimiter), [])) >= width
    ]
    if rows:
        return ImportWarning(
            opened,
            f"a quoted value runs from here to line {closed}, and "
            + (
                f"line {rows[0]} in it looks like a row"
                if len(rows) == 1
                else f"lines {', '.join(map(str, rows[:5]))} in it look like rows"
            )
            + "; check the quotes if they are people",
        )
    return None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header and keeps the first rows the same width."""
    sample = "\n".join(text.splitlines()[:SNIFF_ROWS])
    best, best_score = ",", (-1.0, 0)
    for d in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=d) if r]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(1 for r in rows[1:] if len(r) == width) / max(1, len(rows) - 1)
        score = (consistent, width)
        if score > best_score:
            best, best_score = d, score
    return best


def _open_workbook(p: Path, *, data_only: bool = True):
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportFailed("reading .xlsx needs the openpyxl package") from None
    try:
        return openpyxl.load_workbook(p, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a broken archive
        raise ImportFailed(f"{p}: not a readable .xlsx file ({exc})") from None


def _pick_sheet(wb, p: Path, sheet: str | None):
    if sheet is None:
        if not wb.worksheets:
            raise ImportFailed(f"{p}: the workbook has no sheets")
        ws = wb.worksheets[0]
    elif sheet in wb.sheetnames:
        ws = wb[sheet]
    else:
        raise ImportFailed(
            f"{p}: no sheet named {sheet!r} (sheets: {', '.join(repr(s) for s in wb.sheetnames)})"
        )
    if not hasattr(ws, "iter_rows"):
        raise ImportFailed(f"{p}: sheet {ws.title!r} is a chart, not a table")
    # Read-only mode trusts the stored dimensions, which some writers get
    # wrong; trusting them could silently drop the last rows.
    ws.reset_dimensions()
    return ws


def _read_xlsx(p: Path, sheet: str | None) -> Table:
    # Values as last calculated (a name built by a formula reads as the name);
    # the formulas alongside, to warn about a formula that was never
    # calculated (files written by scripts), whose value would be lost.
    wb = _open_workbook(p)
    wb_formulas = _open_workbook(p, data_only=False)
    try:
        ws = _pick_sheet(wb, p, sheet)
        ws_formulas = _pick_sheet(wb_formulas, p, sheet)
        sheet_rows: list[list[str]] = []
        uncalculated: list[tuple[int, int, str]] = []
        rows = ws.iter_rows(min_row=1, values_only=True)
        formula_rows = ws_formulas.iter_rows(min_row=1, values_only=True)
        for number, (values, formulas) in enumerate(zip(rows, formula_rows, strict=False), start=1):
            sheet_rows.append([cell_text(v) for v in values])
            uncalculated += [
                (number, col, str(f))
                for col, (v, f) in enumerate(zip(values, formulas, strict=False))
                if v is None and f is not None
            ]
        merges = _merged_ranges(p, ws)
        title = ws.title
    finally:
        wb.close()
        wb_formulas.close()
    merge_notes = _fill_merged(sheet_rows, merges)
    lost_rows = {number for number, _, _ in uncalculated}
    records = [
        (number, cells)
        for number, cells in enumerate(sheet_rows, start=1)
        if number in lost_rows or any(c.strip() for c in cells)
    ]
    table = _make_table(records, encoding="xlsx", delimiter="", source=str(p), sheet=title)
    for number, ref, col, value, last in merge_notes:
        column = table.headers[col] if col < len(table.headers) else f"Column {col + 1}"
        if last is None:
            message = f"cells {ref} are merged: the value is read in column {column!r} only"
        else:
            message = (
                f"cells {ref} are merged: column {column!r} reads {value!r} on rows {number}-{last}"
            )
        table.notes.append(ImportWarning(number, message))
    for number, col, formula in uncalculated:
        column = table.headers[col] if col < len(table.headers) else f"Column {col + 1}"
        shown = formula if len(formula) <= 40 else formula[:37] + "..."
        table.notes.append(
            ImportWarning(
                number,
                f"column {column!r} holds the formula {shown!r} with no saved value; read "
                "as empty (open and save the file in a spreadsheet app to calculate it)",
            )
        )
    return table


def _merged_ranges(p: Path, ws) -> list[tuple[int, int, int, int]]:
    """The merged cell ranges of a sheet as (min_col, min_row, max_col, max_row), 1-based.

    Read-only mode does not report them, so they are read from the sheet's XML.
    """
    import zipfile
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    ranges = []
    try:
        with zipfile.ZipFile(p) as archive, archive.open(ws._worksheet_path) as fh:
            sheet_data = None
            for event, elem in iterparse(fh, events=("start", "end")):
                tag = elem.tag.rsplit("}", 1)[-1]
                if event == "start":
                    if tag == "sheetData":
                        sheet_data = elem
                elif tag == "mergeCell" and elem.get("ref"):
                    ranges.append(range_boundaries(elem.get("ref")))
                elif tag == "row" and sheet_data is not None:
                    sheet_data.clear()  # the cells were read by openpyxl: keep memory flat
    except Exception as exc:  # a broken archive or XML: say so rather than lose values
        raise ImportFailed(f"{p}: cannot read the merged cells of the sheet ({exc})") from None
    return ranges


def _fill_merged(
    rows: list[list[str]], ranges: list[tuple[int, int, int, int]]
) -> list[tuple[int, str, int, str, int | None]]:
    """Fill each vertically merged range down from its top row, as a person sees the sheet.

    A spreadsheet keeps a merged range's value in its top-left cell only, so
    the rows below would read empty. Returns, per range, what a warning
    says: its first row, its reference, the column, the value and the last
    row filled (None for a range merged across columns only).
    """
    from openpyxl.utils.cell import get_column_letter

    notes: list[tuple[int, str, int, str, int | None]] = []
    for min_col, min_row, max_col, max_row in sorted(ranges, key=lambda r: (r[1], r[0])):
        if min_row > len(rows):
            continue
        ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else ""
        if max_row > min_row and value.strip():
            for r in range(min_row + 1, min(max_row, len(rows)) + 1):
                cells = rows[r - 1]
                if len(cells) < min_col:
                    cells.extend([""] * (min_col - len(cells)))
                cells[min_col - 1] = value
            notes.append((min_row, ref, min_col - 1, value, max_row))
        elif max_col > min_col and value.strip():
            notes.append((min_row, ref, min_col - 1, value, None))
    return notes


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees: ``100.0`` -> ``100``, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if hasattr(value, "isoformat"):
        import datetime as _dt

        if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    return str(value)


def _make_table(records: list[tuple[int, list[str]]], **kw) -> Table:
    if not records:
        raise ImportFailed(f"{kw.get('source') or 'the file'}: no header row (the file is empty)")
    header_line, raw_headers = records[0]
    raw_headers = [h.lstrip("\ufeff").strip() for h in raw_headers]
    # Trailing empty header cells are spreadsheet padding, not columns.
    while raw_headers and not raw_headers[-1]:
        raw_headers.pop()
    notes: list[ImportWarning] = []
    headers: list[str] = []
    seen: set[str] = set()
    for i, h in enumerate(raw_headers, start=1):
        name = h or f"Column {i}"
        if name.casefold() in seen:
            n = 2
            while f"{name} ({n})".casefold() in seen:
                n += 1
            notes.append(
                ImportWarning(
                    header_line,
                    f"column {i} repeats the name {name!r}; it is called {name + f' ({n})'!r} here",
                )
            )
            name = f"{name} ({n})"
        seen.add(name.casefold())
        headers.append(name)
    if not headers:
        raise ImportFailed("the header row is empty", line=header_line)
    return Table(headers=headers, rows=records[1:], header_line=header_line, notes=notes, **kw)


# -- mapping columns to fields -------------------------------------------------------
def normalise_header(header: str) -> str:
    """``"Employee ID"``, ``employee_id`` and ``EmployeeId`` all become ``employeeid``."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


def guess_mapping(headers: Iterable[str]) -> dict[str, str]:
    """Column -> field for the columns whose names are common; others are left out."""
    headers = list(headers)
    norm = [normalise_header(h) for h in headers]
    taken: dict[int, str] = {}
    for fld, names in _SYNONYMS.items():
        best: tuple[int, int] | None = None
        for col, n in enumerate(norm):
            if col in taken or n not in names:
                continue
            rank = (names.index(n), col)
            if best is None or rank < best:
                best = rank
        if best is not None:
            taken[best[1]] = fld
    fields = set(taken.values())
    # A last-name column without a first-name one: a plain "name" column holds
    # the first name (as in the Oracle HR export); one part alone is no name.
    if "last_name" in fields and "first_name" not in fields and "name" in fields:
        col = next(c for c, f in taken.items() if f == "name")
        taken[col] = "first_name"
    elif "name" in fields:
        for col in [c for c, f in taken.items() if f in NAME_PARTS]:
            del taken[col]
    elif ("first_name" in fields) != ("last_name" in fields):
        # Only one part of a name: still better than no name at all.
        col = next(c for c, f in taken.items() if f in NAME_PARTS)
        taken[col] = "name"
    return {headers[c]: taken[c] for c in sorted(taken)}


def parse_field(text: str) -> str:
    """A field name as a user types it (``Functional manager``, ``first-name``, ``ignore``)."""
    key = re.sub(r"[\s\-]+", "_", text.strip().casefold())
    aliases = {
        "ignore": IGNORE,
        "_": IGNORE,
        "": IGNORE,
        "none": IGNORE,
        "skip": IGNORE,
        "(ignore)": IGNORE,
        "first": "first_name",
        "firstname": "first_name",
        "last": "last_name",
        "lastname": "last_name",
        "surname": "last_name",
        "role": "title",
        "department": "function",
        "manager_id": "manager",
        "functional_manager_id": "functional_manager",
        "line_manager": "manager",
    }
    key = aliases.get(key, key)
    if key and key not in MAPPABLE:
        raise ImportFailed(
            f"unknown field {text!r}; fields are {', '.join(MAPPABLE)} (or 'ignore')"
        )
    return key


def find_column(headers: list[str], column: str) -> str:
    """The header that ``column`` names: exactly, else ignoring case and outer spaces."""
    if column in headers:
        return column
    folded = [h for h in headers if h.strip().casefold() == column.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise ImportFailed(
        f"no column named {column!r}; the columns are {', '.join(repr(h) for h in headers)}"
    )


def parse_fields(text: str) -> str:
    """One or more fields a column gives, as typed (``team,function``, ``Team + Function``).

    A department is often both a team and a function, so one column may feed
    several fields; the answer joins them with commas (``""`` to ignore).
    """
    parts = [parse_field(t) for t in re.split(r"[,+&]", text)] if text.strip() else [""]
    fields = list(dict.fromkeys(f for f in parts if f))
    return ",".join(fields)


def split_fields(value: str) -> list[str]:
    """The fields of a mapping value (``"team,function"`` -> ``["team", "function"]``)."""
    return [f for f in (parse_field(t) for t in value.split(",")) if f]


def set_field(mapping: Mapping[str, str], column: str, fld: str) -> dict[str, str]:
    """``mapping`` with ``column`` giving ``fld`` (or ignored): a field has one column.

    ``fld`` may name several fields (``"team,function"``). A full name and
    first/last name parts exclude each other. Another column that gave one of
    the fields gives it no longer (and keeps its other fields).
    """
    out = {c: f for c, f in mapping.items() if c != column}
    wanted = split_fields(fld)
    if wanted:
        clash = set(wanted)
        if "name" in clash:
            clash |= set(NAME_PARTS)
        if clash & set(NAME_PARTS):
            clash.add("name")
        kept: dict[str, str] = {}
        for c, f in out.items():
            rest = [x for x in split_fields(f) if x not in clash]
            if rest:
                kept[c] = ",".join(rest)
        out = kept
        out[column] = ",".join(wanted)
    return out


def apply_overrides(
    headers: list[str], base: Mapping[str, str], overrides: Mapping[str, str] | None
) -> dict[str, str]:
    """``base`` with each ``column -> field`` of ``overrides`` applied in order."""
    mapping = dict(base)
    for column, fld in (overrides or {}).items():
        mapping = set_field(mapping, find_column(headers, column), parse_fields(fld))
    return mapping


# The start of the warning that offers the function column as teams too.
NO_TEAMS = "no column gives the teams"


def _shell_word(text: str) -> str:
    """``text`` quoted for a shell command line when it needs it."""
    if re.fullmatch(r"[\w.,=+/-]+", text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def parse_map_args(maps: Iterable[str]) -> dict[str, str]:
    """``["Dept=team,function", "Office=ignore"]`` -> ``{"Dept": "team,function", "Office": ""}``."""
    out: dict[str, str] = {}
    for item in maps:
        if "=" not in item:
            raise ImportFailed(f"--map expects COLUMN=FIELD, got {item!r}")
        column, fld = item.rsplit("=", 1)
        out[column] = parse_fields(fld)
    return out


def _resolve(table: Table, mapping: Mapping[str, str]) -> dict[str, int]:
    """Field -> column index, checking the mapping against the table."""
    cols: dict[str, int] = {}
    for column, raw_field in mapping.items():
        for fld in split_fields(raw_field):
            if column not in table.headers:
                raise ImportFailed(
                    f"no column named {column!r}; the columns are "
                    f"{', '.join(repr(h) for h in table.headers)}"
                )
            if fld in cols:
                raise ImportFailed(
                    f"two columns give the {fld}: {table.headers[cols[fld]]!r} and {column!r}"
                )
            cols[fld] = table.headers.index(column)
    if "id" not in cols:
        raise ImportFailed(
            "no column gives the ID of each person; name it with "
            "--map COLUMN=id (columns: "
            f"{', '.join(repr(h) for h in table.headers)})"
        )
    return cols


# -- building the document --------------------------------------------------------------
@dataclass
class _Row:
    line: int
    person: Person
    title: str
    function: str
    team: str


def match_key(text: str) -> str:
    """How titles, functions and teams are matched: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()


class _Ids:
    """Unique slug IDs within one kind of entity."""

    def __init__(self, fallback: str):
        self.fallback = fallback
        self.used: set[str] = set()

    def make(self, text: str) -> str:
        base = slug(text) or self.fallback
        candidate, n = base, 2
        while candidate in self.used:
            candidate = f"{base}-{n}"
            n += 1
        self.used.add(candidate)
        return candidate


def _natural_key(text: str) -> list:
    return [
        (0, int(t), "") if t.isdigit() else (1, 0, t.casefold())
        for t in re.split(r"(\d+)", text)
        if t
    ]


def _parse_vacant(value: str) -> bool | None:
    v = value.strip().casefold()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    return None


def import_table(
    table: Table, mapping: Mapping[str, str] | None = None, *, name: str = ""
) -> ImportResult:
    """Build a document from ``table`` read through ``mapping`` (column -> field; guessed if None).

    Raises :class:`ImportFailed` (naming the line) for a row that cannot
    become a person: no ID, a duplicate ID, an ID or name too long.
    """
    if mapping is None:
        mapping = guess_mapping(table.headers)
    cols = _resolve(table, mapping)
    warnings: list[ImportWarning] = list(table.notes)
    width = len(table.headers)

    if "name" not in cols and not any(p in cols for p in NAME_PARTS):
        warnings.append(
            ImportWarning(
                table.header_line, "no column gives the names; people are shown by their IDs"
            )
        )
    if not table.rows:
        warnings.append(
            ImportWarning(table.header_line, "the file has a header but no rows: nobody to import")
        )
    if "manager" not in cols:
        warnings.append(
            ImportWarning(
                table.header_line, "no column gives the line managers; everyone is at the top"
            )
        )
    if "team" not in cols and "function" in cols and table.rows:
        column = table.headers[cols["function"]]
        warnings.append(
            ImportWarning(
                table.header_line,
                f"{NO_TEAMS}; the departments in {column!r} can be the "
                "teams too: map that column to team and function "
                f"(--map {_shell_word(column + '=team,function')})",
            )
        )

    def get(cells: list[str], fld: str) -> str:
        i = cols.get(fld)
        if i is None or i >= len(cells):
            return ""
        return one_line(restore_cell(cells[i].strip())).strip()

    rows: list[_Row] = []
    first_line: dict[str, int] = {}
    currencies: Counter[str] = Counter()
    for line, cells in table.rows:
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            shown = ", ".join(repr(c.strip()) for c in extra[:3])
            more = " ..." if len(extra) > 3 else ""
            warnings.append(
                ImportWarning(
                    line,
                    f"{len(extra)} value{'s' if len(extra) > 1 else ''} past the last column "
                    f"ignored ({shown}{more})",
                )
            )
        pid = get(cells, "id")
        if not pid:
            raise ImportFailed(f"no ID (column {table.headers[cols['id']]!r} is empty)", line=line)
        if pid in first_line:
            raise ImportFailed(f"duplicate ID {pid!r} (first on line {first_line[pid]})", line=line)
        if len(pid) > MAX_ID:
            raise ImportFailed(
                f"the ID is {len(pid)} characters long; the limit is {MAX_ID}", line=line
            )
        first_line[pid] = line
        if "name" in cols:
            pname = get(cells, "name")
        else:
            pname = " ".join(v for v in (get(cells, "first_name"), get(cells, "last_name")) if v)
        if len(pname) > MAX_NAME:
            raise ImportFailed(
                f"the name is {len(pname)} characters long; the limit is {MAX_NAME}", line=line
            )
        vacant_text = get(cells, "vacant")
        vacant = _parse_vacant(vacant_text)
        if vacant is None:
            warnings.append(
                ImportWarning(
                    line,
                    f"vacant value {vacant_text!r} not understood; "
                    f"read as not vacant (use yes or no)",
                )
            )
            vacant = False
        cost: float | int | None = None
        cost_text = get(cells, "cost")
        if cost_text:
            try:
                cost, unit = parse_cost(cost_text)
            except ValueError as exc:
                warnings.append(ImportWarning(line, f"cost {exc}; left without a cost"))
            else:
                if unit:
                    currencies[unit] += 1
        refs = {}
        for fld in ("manager", "functional_manager", "level"):
            value = get(cells, fld)
            if len(value) > MAX_ID:
                raise ImportFailed(
                    f"the {fld.replace('_', ' ')} is {len(value)} characters "
                    f"long; the limit is {MAX_ID}",
                    line=line,
                )
            refs[fld] = value or None
        texts = {}
        for fld in ("title", "function", "team"):
            value = get(cells, fld)
            if len(value) > MAX_NAME:
                raise ImportFailed(
                    f"the {fld} is {len(value)} characters long; the limit is {MAX_NAME}", line=line
                )
            texts[fld] = value
        person = Person.model_construct(
            id=pid,
            name=pname,
            role=None,
            level=refs["level"],
            function=None,
            manager=refs["manager"],
            functional_manager=refs["functional_manager"],
            team=None,
            embedded=False,
            vacant=vacant,
            cost=cost,
            tags=[],
        )
        rows.append(_Row(line, person, texts["title"], texts["function"], texts["team"]))
        if not pname and not vacant:
            warnings.append(ImportWarning(line, f"{pid!r} has no name"))

    people = {r.person.id: r.person for r in rows}
    line_of = {r.person.id: r.line for r in rows}
    for fld in ("manager", "functional_manager"):
        if fld in cols:
            warnings += _check_refs(rows, people, fld, table.headers[cols[fld]], table.header_line)

    doc = Document.new(name)
    if len(currencies) == 1:  # every amount that names a currency names the same one
        doc.currency = next(iter(currencies))
    elif len(currencies) > 1:
        named = ", ".join(sorted(currencies))
        warnings.append(
            ImportWarning(
                table.header_line,
                f"costs are in several currencies ({named}); the document names none",
            )
        )
    functions = _build_functions(rows, people)
    roles = _build_roles(rows, people, functions)
    teams = _build_teams(rows, people)
    doc.functions = list(functions.values())
    doc.roles = list(roles.values())
    doc.teams = list(teams.values())
    # Validate every person now (types, lengths), not when the file is next opened.
    doc.people = [Person.model_validate(p.model_dump()) for p in people.values()]
    doc.forget_index()

    if "team" in cols:
        warnings += _big_teams(doc, table.headers[cols["team"]], table.header_line)

    roots = [p for p in doc.people if not p.manager]
    if len(roots) > 1 and "manager" in cols:
        listed = ", ".join(f"{p.id!r} (line {line_of[p.id]})" for p in roots[:5])
        more = f" and {len(roots) - 5} more" if len(roots) > 5 else ""
        warnings.append(
            ImportWarning(
                line_of[roots[1].id],
                f"{len(roots)} people have no line manager (several tops, "
                f"all kept): {listed}{more}",
            )
        )
    warnings.sort(key=lambda w: w.line)
    summary = {
        "people": len(doc.people),
        "roles": len(doc.roles),
        "functions": len(doc.functions),
        "teams": len(doc.teams),
        "warnings": len(warnings),
    }
    return ImportResult(document=doc, warnings=warnings, summary=summary)


def _check_refs(
    rows: list[_Row], people: dict[str, Person], fld: str, column: str, header_line: int
) -> list[ImportWarning]:
    """Resolve names used as manager IDs, then warn about the references still missing."""
    warnings: list[ImportWarning] = []
    values = [getattr(r.person, fld) for r in rows if getattr(r.person, fld)]
    for r in rows:
        value = getattr(r.person, fld)
        if value and value not in people and value.casefold() in _NO_MANAGER:
            setattr(r.person, fld, None)
    missing = [v for v in values if v not in people and v.casefold() not in _NO_MANAGER]
    by_name: dict[str, list[str]] = {}
    if values and len(missing) * 2 > len(values):
        for p in people.values():
            if p.name:
                by_name.setdefault(match_key(p.name), []).append(p.id)
        matched = 0
        for r in rows:
            value = getattr(r.person, fld)
            if value and value not in people:
                ids = by_name.get(match_key(value), [])
                if len(ids) == 1:
                    setattr(r.person, fld, ids[0])
                    matched += 1
        if matched:
            warnings.append(
                ImportWarning(
                    header_line,
                    f"column {column!r} holds names rather than IDs: {matched} matched "
                    f"the one person of that name",
                )
            )
    label = "line manager" if fld == "manager" else "functional manager"
    for r in rows:
        value = getattr(r.person, fld)
        if value == r.person.id:
            warnings.append(
                ImportWarning(
                    r.line, f"{value!r} is their own {label} (kept; validate reports ORG-CYCLE)"
                )
            )
        elif value and value not in people:
            namesakes = len(by_name.get(match_key(value), []))
            why = f" ({namesakes} people have that name)" if namesakes > 1 else ""
            warnings.append(
                ImportWarning(
                    r.line,
                    f"{label} {value!r} of {r.person.id!r} is not in the file{why}; kept, "
                    "so validate reports ORG-REF",
                )
            )
    return warnings


def _cover(
    members: list[Person], people: dict[str, Person], member_ids: set[str], step_out: bool
) -> Counter:
    """For each person: how many members reach them up the line (members count themselves)."""
    cover: Counter = Counter()
    for m in members:
        cover[m.id] += 1
        seen = {m.id}
        cur = m.manager
        while cur and cur not in seen and cur in people:
            if cur not in member_ids and not step_out:
                break
            seen.add(cur)
            cover[cur] += 1
            if cur not in member_ids:
                break
            cur = people[cur].manager
    return cover


def _head(members: list[Person], people: dict[str, Person], *, step_out: bool) -> str | None:
    """The person most of ``members`` report to (see the module docstring), or None."""
    member_ids = {m.id for m in members}
    cover = _cover(members, people, member_ids, step_out)
    if not cover:
        return None
    best = max(cover.values())
    candidates = [c for c, n in cover.items() if n == best]
    inside = [c for c in candidates if c in member_ids]
    candidates = inside or candidates
    if len(candidates) == 1 and best * 2 > len(members):
        return candidates[0]
    return None


def _build_functions(rows: list[_Row], people: dict[str, Person]) -> dict[str, Function]:
    """Match key -> function, in order of first appearance; leaders from the reporting lines."""
    ids = _Ids("function")
    functions: dict[str, Function] = {}
    members: dict[str, list[Person]] = {}
    for r in rows:
        if not r.function:
            continue
        key = match_key(r.function)
        if key not in functions:
            functions[key] = Function(id=ids.make(r.function), name=r.function)
        members.setdefault(key, []).append(r.person)
    for key, f in functions.items():
        f.leader = _head(members[key], people, step_out=False)
    return functions


def _build_roles(
    rows: list[_Row], people: dict[str, Person], functions: dict[str, Function]
) -> dict[str, Role]:
    ids = _Ids("role")
    roles: dict[str, Role] = {}
    holders: dict[str, list[_Row]] = {}
    for r in rows:
        if r.function:
            r.person.function = functions[match_key(r.function)].id
        if not r.title:
            continue
        key = match_key(r.title)
        if key not in roles:
            roles[key] = Role(id=ids.make(r.title), title=r.title)
        r.person.role = roles[key].id
        holders.setdefault(key, []).append(r)
    managers = {p.manager for p in people.values() if p.manager}
    for key, role in roles.items():
        group = holders[key]
        funcs = Counter(r.person.function for r in group)
        if None not in funcs:
            # most_common keeps first-seen order among equal counts
            role.function = funcs.most_common(1)[0][0]
        role.people_manager = any(r.person.id in managers for r in group)
        levels = sorted({r.person.level for r in group if r.person.level}, key=_natural_key)
        role.levels = [Level(code=code) for code in levels]
        for r in group:
            # A person states a function only where it differs from the role's.
            if r.person.function == role.function:
                r.person.function = None
    return roles


# A team this many times the usual largest team is more likely a department.
BIG_TEAM_FACTOR = 5


def _big_teams(doc: Document, column: str, line: int) -> list[ImportWarning]:
    """A hint when the team column makes teams far larger than a team can be.

    A department or area column mapped to team gives one team of hundreds, and
    the checks then flag every member; the designer is better told why at once.
    """
    limit = BIG_TEAM_FACTOR * int(DEFAULT_PARAMS["team_max"])  # type: ignore[call-overload]
    sizes = Counter(p.team for p in doc.people if p.team)
    big = [(n, tid) for tid, n in sizes.items() if n > limit]
    if not big:
        return []
    names = {t.id: t.name for t in doc.teams}
    big.sort(key=lambda nt: (-nt[0], names[nt[1]]))
    listed = ", ".join(f"{names[tid]!r} ({n:,} people)" for n, tid in big[:3])
    more = f" and {len(big) - 3} more" if len(big) > 3 else ""
    return [
        ImportWarning(
            line,
            f"{column!r} makes teams of more than {limit} people: {listed}{more}. "
            "If it names departments or areas rather than teams, map it to function "
            f"instead (--map {_shell_word(column + '=function')}), or keep it and split "
            "the teams on the canvas",
        )
    ]


def _build_teams(rows: list[_Row], people: dict[str, Person]) -> dict[str, Team]:
    ids = _Ids("team")
    teams: dict[str, Team] = {}
    members: dict[str, list[Person]] = {}
    for r in rows:
        if not r.team:
            continue
        key = match_key(r.team)
        if key not in teams:
            teams[key] = Team(id=ids.make(r.team), name=r.team)
        r.person.team = teams[key].id
        members.setdefault(key, []).append(r.person)
    by_id = {t.id: t for t in teams.values()}
    for key, team in teams.items():
        team.owner = _head(members[key], people, step_out=True)
    for team in teams.values():
        owner = people.get(team.owner or "")
        if owner is None:
            continue
        # The owner of a sub-team reports to the owner of its parent team.
        above = owner if owner.team != team.id else people.get(owner.manager or "")
        parent = above.team if above is not None else None
        if not parent or parent == team.id:
            continue
        cur: str | None = parent
        seen = {team.id}
        while cur and cur not in seen:
            seen.add(cur)
            cur = by_id[cur].parent if cur in by_id else None
        if cur is None:
            team.parent = parent
    return teams


def import_file(
    path: str | os.PathLike[str],
    mapping_overrides: Mapping[str, str] | None = None,
    *,
    sheet: str | None = None,
) -> ImportResult:
    """Read ``path`` and build its document: guessed columns, with ``mapping_overrides`` on top."""
    table = read_table(path, sheet=sheet)
    mapping = apply_overrides(table.headers, guess_mapping(table.headers), mapping_overrides)
    return import_table(table, mapping, name=Path(path).stem)
