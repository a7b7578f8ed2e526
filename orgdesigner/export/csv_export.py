"""Export the people of a document as CSV: the columns the importer reads back.

Columns: ``id, name, title, manager, functional_manager, team, function,
level, vacant`` (:data:`orgdesigner.core.importer.FIELDS`), one row per
person in document order, so export then import gives the same people and
lines.

- UTF-8 with a byte-order mark: Excel only reads a CSV as UTF-8 when it has
  one, and the importer strips it. Lines end in CRLF (RFC 4180).
- Safe to open in a spreadsheet: a cell whose first non-space character is
  ``=``, ``+``, ``-``, ``@`` or one of their fullwidth or small forms
  (``＝``, ``＋``, ``－``, ``＠``...), or that starts with a tab or carriage
  return, gets a leading ``'`` so it shows as
  text rather than running as a formula; the importer removes exactly that
  prefix and nothing else (see :func:`orgdesigner.core.importer.neutralise_cell`).
- ``title`` is the role's title, ``team`` the team's name and ``function`` the
  person's function's name (their own, else their role's): what an HR system
  holds, and what the importer matches on. Where a name is empty or shared by
  another team, role or function, or the reference points at nothing, the ID
  is written instead, so two teams never merge on the way back.
- ``vacant`` is ``yes`` or ``no``. Tags, the embedded flag and role details
  are not part of this table; the ``.orgd`` file keeps them.
- Written atomically: a failure leaves any earlier file untouched.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from pathlib import Path

from orgdesigner.core.importer import FIELDS, match_key, neutralise_cell
from orgdesigner.core.io import SaveError, atomic_write
from orgdesigner.core.model import Document


def _labels(entities: list, attr: str) -> dict[str, str]:
    """ID -> the text that names it in the CSV: its name when that is unique, else its ID.

    The importer matches these texts trimmed and without case, so uniqueness is
    checked the same way, and an ID written for one entity must not read as the
    name of another either.
    """
    labels = {e.id: getattr(e, attr).strip() or e.id for e in entities}
    for _ in range(3):
        counts = Counter(match_key(text) for text in labels.values())
        clashing = {i for i, text in labels.items() if counts[match_key(text)] > 1}
        if not clashing:
            break
        for i in clashing:
            labels[i] = i
    return labels


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def people_rows(doc: Document, *, with_cost: bool = True) -> list[list[str]]:
    """The header and one row per person, before spreadsheet neutralisation.

    Without ``with_cost`` the cost column stays, empty: salaries are private.
    """
    roles = _labels(doc.roles, "title")
    teams = _labels(doc.teams, "name")
    functions = _labels(doc.functions, "name")
    rows = [list(FIELDS)]
    for p in doc.people:
        function = doc.function_of(p)
        cells = {
            "id": p.id,
            "name": p.name,
            "title": roles.get(p.role, p.role) if p.role else "",
            "manager": p.manager or "",
            "functional_manager": p.functional_manager or "",
            "team": teams.get(p.team, p.team) if p.team else "",
            "function": functions.get(function, function) if function else "",
            "level": p.level or "",
            "vacant": "yes" if p.vacant else "no",
            "cost": _number(p.cost) if with_cost else "",
        }
        # The columns are the model's declaration (PERSON_FIELDS); a column without
        # a cell here is a mistake the tests catch, not a silently shifted row.
        rows.append([cells[column] for column in FIELDS])
    return rows


def people_csv(doc: Document, *, with_cost: bool = True) -> str:
    """The CSV text (without the byte-order mark), every cell spreadsheet-safe."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in people_rows(doc, with_cost=with_cost):
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buf.getvalue()


def export_people_csv(
    doc: Document, path: str | os.PathLike[str], *, with_cost: bool = True
) -> None:
    """Write the people of ``doc`` to ``path`` as UTF-8 CSV with a BOM; SaveError on failure."""
    target = Path(path)
    data = b"\xef\xbb\xbf" + people_csv(doc, with_cost=with_cost).encode("utf-8")
    try:
        atomic_write(target, lambda fh: fh.write(data))
    except OSError as exc:
        raise SaveError(f"{target}: {exc.strerror or exc}") from None
