"""The comparison report: what a variant changes, as a PDF to hand to leaders.

One document, A4 portrait: the two variants named, the figures side by side
with their change, how many people get a new line manager, functional manager
or team, then each of those moves in words, the changes grouped by kind
(people, teams, roles, functions, document settings), and the findings that
each side has and the other has not. Very long lists are cut with a line
saying how many more there are (the JSON output of ``orgdesigner diff`` has
them all).

Everything users typed goes through :func:`orgdesigner.export.flow.markup`, so
it prints literally and CJK names get a CJK font.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from ..core import diff as core_diff
from ..core.cost import difference, money, signed_money
from ..core.diff import KIND_LABELS, KINDS, Diff, EntityChange
from ..core.palette import CHANGE_COLOURS, SEVERITY_COLOURS
from ..core.rules import Finding
from . import flow
from .common import ExportError, date_text, default_author, write_atomically
from .draw import clean

# Past these, a list is cut and the report says how many more there are.
MAX_MOVES = 2000
MAX_ROWS_PER_KIND = 1500
MAX_FINDINGS = 1000
# A table this short stays on one page with its heading rather than leave one row behind.
KEEP_TOGETHER_ROWS = 30

# The compare window's colours for added and removed (never the red of errors); changed
# in a darker amber than the window's outline, as text on white needs it.
ADDED = colors.HexColor(CHANGE_COLOURS["added"].accent)
REMOVED = colors.HexColor(CHANGE_COLOURS["removed"].accent)
CHANGED = colors.HexColor("#b45309")
BETTER = colors.HexColor("#15803d")
WORSE = colors.HexColor("#b91c1c")
ZEBRA = colors.HexColor("#f9fafb")
WHICH = {
    "added": ("Added", ADDED),
    "removed": ("Removed", REMOVED),
    "changed": ("Changed", CHANGED),
}


def _styles() -> dict[str, ParagraphStyle]:
    st = flow.styles()
    cell = st["cell"]
    st["cellright"] = ParagraphStyle("cellright", parent=cell, alignment=2)
    st["cellheadright"] = ParagraphStyle("cellheadright", parent=st["cellhead"], alignment=2)
    st["kind"] = ParagraphStyle("kind", parent=st["label"], fontSize=10.5, spaceBefore=10)
    st["move"] = ParagraphStyle("move", parent=st["bullet"], fontSize=9, leading=12, spaceAfter=1)
    return st


def _m(text: str) -> str:
    return flow.markup(text)


def _hex(c: colors.Color) -> str:
    return c.hexval().replace("0x", "#")


def _coloured(text: str, colour: colors.Color, bold: bool = True) -> str:
    body = f'<font color="{_hex(colour)}">{_m(text)}</font>'
    return f"<b>{body}</b>" if bold else body


def _table(
    rows: list[list],
    widths: Sequence[float],
    *,
    header: bool = True,
    zebra: bool = False,
    extra: Sequence[tuple] = (),
) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    style: list[tuple] = []
    if zebra:
        for i in range(2 if header else 1, len(rows), 2):
            style.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    # A little tighter than the other reports: the comparison has the longest tables.
    table.setStyle(flow.table_style(header=header, top=2.5, bottom=3.5, extra=[*style, *extra]))
    return table


# -- sections -----------------------------------------------------------------------------


def _variants(d: Diff, files: tuple[str, str] | None, st, width: float) -> Table:
    rows = [
        [
            Paragraph("", st["cellhead"]),
            Paragraph("Variant", st["cellhead"]),
            Paragraph("File", st["cellhead"]),
        ]
    ]
    for side, name in (("A", d.a_name), ("B", d.b_name)):
        file = files[0 if side == "A" else 1] if files else ""
        rows.append(
            [
                Paragraph(f"<b>{side}</b>", st["cell"]),
                Paragraph(_m(name or "(no name)"), st["cell"]),
                Paragraph(_m(os.path.basename(file)), st["cell"]),
            ]
        )
    return _table(rows, [0.06 * width, 0.60 * width, 0.34 * width])


def _figures(d: Diff, st, width: float) -> Table:
    rows = [
        [
            Paragraph("Figure", st["cellhead"]),
            Paragraph("A", st["cellheadright"]),
            Paragraph("B", st["cellheadright"]),
            Paragraph("Change", st["cellheadright"]),
        ]
    ]
    dv = d.deltas()
    for name, label, a, b, change in core_diff.figure_rows(d):
        label_markup = _m(label)
        change_markup = _m(change)
        if name.startswith("findings."):
            sev = name.split(".", 1)[1]
            if sev in SEVERITY_COLOURS:
                label_markup = (
                    f'<font color="{SEVERITY_COLOURS[sev]}">\u25cf</font> ' + label_markup
                )
                if dv[name] and sev in ("error", "warning"):  # fewer is better, more worse
                    change_markup = _coloured(change, WORSE if dv[name] > 0 else BETTER)
        elif not dv[name]:
            change_markup = f'<font color="{_hex(flow.MUTED)}">{change_markup}</font>'
        else:
            change_markup = f"<b>{change_markup}</b>"
        rows.append(
            [
                Paragraph(label_markup, st["cell"]),
                Paragraph(_m(a), st["cellright"]),
                Paragraph(_m(b), st["cellright"]),
                Paragraph(change_markup, st["cellright"]),
            ]
        )
    return _table(rows, [0.46 * width, 0.18 * width, 0.18 * width, 0.18 * width], zebra=True)


COST_FIELDS = ("cost", "budget")


def _strip_cost(value):
    """A field's JSON value without costs: ladder levels lose their ``cost``."""
    if isinstance(value, list):
        return [
            {k: v for k, v in item.items() if k != "cost"} if isinstance(item, dict) else item
            for item in value
        ]
    return value


def _change_without_costs(c: EntityChange) -> EntityChange | None:
    fields = {}
    for key, (before, after) in c.fields.items():
        if key in COST_FIELDS:
            continue
        before, after = _strip_cost(before), _strip_cost(after)
        if before != after:
            fields[key] = (before, after)
    if not fields:
        return None
    return dataclasses.replace(c, fields=fields)


def without_costs(d: Diff) -> Diff:
    """``d`` as a report without costs shows it: cost and budget changes are left out.

    Salaries are private: a change that only touches costs disappears; an
    added or removed entity is listed without its cost.
    """

    def keep(changes: list[EntityChange], drop_empty: bool) -> list[EntityChange]:
        out = []
        for c in changes:
            stripped = _change_without_costs(c)
            if stripped is not None:
                out.append(stripped)
            elif not drop_empty:
                out.append(dataclasses.replace(c, fields={}))
        return out

    return dataclasses.replace(
        d,
        added=keep(d.added, False),
        removed=keep(d.removed, False),
        changed=keep(d.changed, True),
    )


def _cost(d: Diff, st, width: float) -> list:
    """Cost of A, of B and the difference: the total, by team, by function."""
    c = d.cost()
    out: list = [Paragraph("Cost", st["h2"])]
    if not c.any:
        out.append(Paragraph("Neither variant gives anyone a cost.", st["small"]))
        return out
    cur = c.currency
    unit = cur or "the files' own unit"
    out.append(
        Paragraph(
            _m(
                f"Yearly cost in {unit}: a person's own cost, else "
                "the budgeted cost of their ladder level. A team's includes its sub-teams."
            ),
            st["small"],
        )
    )
    for title, entries in (
        ("Total", [("", "All positions", c.a.total, c.b.total)]),
        ("By team", c.teams),
        ("By function", c.functions),
    ):
        rows = [
            [
                Paragraph(title, st["cellhead"]),
                Paragraph("A", st["cellheadright"]),
                Paragraph("B", st["cellheadright"]),
                Paragraph("Change", st["cellheadright"]),
            ]
        ]
        for _key, name, a, b in entries:
            change = difference(a, b)
            text = signed_money(change, cur)
            if change:
                text = f"<b>{_m(text)}</b>"
            else:
                text = f'<font color="{_hex(flow.MUTED)}">{_m(text)}</font>'
            rows.append(
                [
                    Paragraph(_m(name), st["cell"]),
                    Paragraph(_m(money(a, cur)), st["cellright"]),
                    Paragraph(_m(money(b, cur)), st["cellright"]),
                    Paragraph(text, st["cellright"]),
                ]
            )
        out.append(
            _table(rows, [0.40 * width, 0.20 * width, 0.20 * width, 0.20 * width], zebra=True)
        )
        out.append(Spacer(1, 6))
    return out


def _churn(d: Diff, st, width: float) -> list:
    n = d.churn.get("people_compared", 0)
    if not n:
        return [Paragraph("No person is in both variants.", st["body"])]
    rows = [
        [
            Paragraph(
                f"Of the {n} {'person' if n == 1 else 'people'} in both variants", st["cellhead"]
            ),
            Paragraph("People", st["cellheadright"]),
            Paragraph("Share", st["cellheadright"]),
        ]
    ]
    for key, text in (
        ("line_manager", "get a new line manager"),
        ("functional_manager", "get a new functional manager (or lose theirs)"),
        ("team", "change team"),
        ("any", "change in any of these"),
    ):
        count = d.churn.get(key, 0)
        bold = key == "any"
        cells = [_m(text), str(count), f"{100 * count / n:.0f}%"]
        if bold:
            cells = [f"<b>{c}</b>" for c in cells]
        rows.append(
            [
                Paragraph(cells[0], st["cell"]),
                Paragraph(cells[1], st["cellright"]),
                Paragraph(cells[2], st["cellright"]),
            ]
        )
    return [
        _table(
            rows,
            [0.64 * width, 0.18 * width, 0.18 * width],
            extra=[("LINEABOVE", (0, -1), (-1, -1), 0.6, flow.MUTED)],
        )
    ]


def _together(flowables: list, rows: int) -> list:
    """Short sections move to the next page whole; long ones split between pages."""
    return [KeepTogether(flowables)] if rows <= KEEP_TOGETHER_ROWS else flowables


def _cut(shown: int, total: int, what: str, st) -> list:
    if total <= shown:
        return []
    return [
        Paragraph(
            _m(
                f"\u2026 and {total - shown} more {what} (orgdesigner diff "
                "--format json lists them all)."
            ),
            st["small"],
        )
    ]


def _moves(d: Diff, st) -> list:
    out: list = [Paragraph(f"Who moves ({len(d.moves)})", st["h2"])]
    if not d.moves:
        return out + [
            Paragraph(
                "Nobody in both variants changes team, line manager or functional manager.",
                st["body"],
            )
        ]
    out += [Paragraph(_m(m.text), st["move"], bulletText="\u2022") for m in d.moves[:MAX_MOVES]]
    return out + _cut(MAX_MOVES, len(d.moves), "moves", st)


def _entry_row(d: Diff, c: EntityChange, which: str, st) -> list:
    word, colour = WHICH[which]
    name = _m(c.name or c.id)
    if c.name and c.name != c.id:
        name += f'<br/><font color="{_hex(flow.MUTED)}" size="7.5">{_m(c.id)}</font>'
    if which == "changed":
        details = "<br/>".join(_m(line) for line in core_diff.field_changes(d, c, limit=300))
    else:
        details = _m(core_diff.entity_summary(d, c, which, limit=300) or "\u2014")
    return [
        Paragraph(_coloured(word, colour), st["cell"]),
        Paragraph(name, st["cell"]),
        Paragraph(details, st["cell"]),
    ]


def _changes(d: Diff, st, width: float) -> list:
    out: list = [Paragraph("Changes by kind", st["h2"])]
    if d.is_empty():
        return out + [
            Paragraph(
                "The two variants have the same people, teams, roles, functions and settings.",
                st["body"],
            )
        ]
    widths = [0.13 * width, 0.27 * width, 0.60 * width]
    for kind in KINDS:
        groups = [(w, d.of_kind(w, kind)) for w in ("added", "removed", "changed")]
        total = sum(len(g) for _, g in groups)
        if not total:
            continue
        counts = ", ".join(f"{len(g)} {w}" for w, g in groups if g)
        heading = Paragraph(_m(f"{KIND_LABELS[kind]}: {counts}"), st["kind"])
        rows = [
            [
                Paragraph("Change", st["cellhead"]),
                Paragraph("Name", st["cellhead"]),
                Paragraph("What", st["cellhead"]),
            ]
        ]
        for which, entries in groups:
            for c in entries:
                if len(rows) > MAX_ROWS_PER_KIND:
                    break
                rows.append(_entry_row(d, c, which, st))
        out += _together([heading, _table(rows, widths)], len(rows))
        out += _cut(len(rows) - 1, total, KIND_LABELS[kind].lower(), st)
    if d.document:
        heading = Paragraph("Document settings", st["kind"])
        rows = [
            [
                Paragraph("Setting", st["cellhead"]),
                Paragraph("A", st["cellhead"]),
                Paragraph("B", st["cellhead"]),
            ]
        ]
        for key, (before, after) in d.document.items():
            rows.append(
                [
                    Paragraph(_m(core_diff.field_label(key)), st["cell"]),
                    Paragraph(
                        _m(core_diff.value_text(d, "a", "document", key, before, 300)), st["cell"]
                    ),
                    Paragraph(
                        _m(core_diff.value_text(d, "b", "document", key, after, 300)), st["cell"]
                    ),
                ]
            )
        out += _together(
            [heading, _table(rows, [0.22 * width, 0.39 * width, 0.39 * width])], len(rows)
        )
    return out


def _findings(d: Diff, side: str, st, width: float) -> list:
    other = "B" if side == "a" else "A"
    only = d.findings_only(side)
    title = f"Findings only in {side.upper()} ({len(only)})"
    intro = f"What the validator says about {side.upper()} and not about {other}" + (
        ": what B resolves." if side == "a" else ": what B brings."
    )
    out: list = [Paragraph(title, st["h2"]), Paragraph(_m(intro), st["small"])]
    if d.reports.get(side) is None:
        return [KeepTogether(out + [Paragraph("Not validated.", st["body"])])]
    if not only:
        return [KeepTogether(out + [Paragraph("None.", st["body"])])]
    rows = [
        [
            Paragraph("Severity", st["cellhead"]),
            Paragraph("Rule", st["cellhead"]),
            Paragraph("Finding", st["cellhead"]),
        ]
    ]
    for f in only[:MAX_FINDINGS]:
        rows.append(_finding_row(f, st))
    out = _together([*out, _table(rows, [0.13 * width, 0.22 * width, 0.65 * width])], len(rows))
    return out + _cut(MAX_FINDINGS, len(only), "findings", st)


def _finding_row(f: Finding, st) -> list:
    if f.waived:
        sev = f'<font color="{_hex(flow.MUTED)}">waived</font>'
    else:
        colour = SEVERITY_COLOURS.get(f.severity, "#111827")
        sev = f'<font color="{colour}"><b>{_m(f.severity)}</b></font>'
    return [
        Paragraph(sev, st["cell"]),
        Paragraph(_m(f.rule), st["cell"]),
        Paragraph(_m(f.message), st["cell"]),
    ]


# -- the document ----------------------------------------------------------------------------


def pdf_bytes(
    d: Diff,
    *,
    files: tuple[str, str] | None = None,
    when: _dt.date | None = None,
    author: str | None = None,
    with_cost: bool = False,
) -> bytes:
    """The comparison report of ``d`` as PDF bytes; ``files`` names the two files compared.

    ``with_cost`` adds the cost of A, of B and the difference, by team and by function.
    """
    if not with_cost:
        d = without_costs(d)
    st = _styles()
    a_name, b_name = clean(d.a_name or "A"), clean(d.b_name or "B")
    buf = io.BytesIO()
    template = flow.a4_document(
        buf,
        f"Comparison: {a_name} / {b_name}",
        "What changes from one organisation variant to another",
        author or default_author(),
        template_class=None,
    )
    width = template.width

    story: list = [
        Paragraph("Comparison of two variants", st["h1"]),
        _variants(d, files, st, width),
        Spacer(1, 6),
        Paragraph(f"Date: {date_text(when)}", st["small"]),
        Paragraph(_m("Changes: " + ("none." if d.is_empty() else d.summary() + ".")), st["body"]),
    ]
    if "a" in d.figures and "b" in d.figures:
        story.append(
            KeepTogether(
                [
                    Paragraph("Figures", st["h2"]),
                    _figures(d, st, width),
                    Paragraph(
                        _m(
                            "Headcount counts filled positions; vacancies are "
                            "counted apart. Spans are direct reports of people "
                            "managers; layers count the top as the first."
                        ),
                        st["small"],
                    ),
                ]
            )
        )
    if with_cost:
        story += _cost(d, st, width)
    story.append(
        KeepTogether([Paragraph("Who changes manager or team", st["h2"]), *_churn(d, st, width)])
    )
    story += _moves(d, st)
    story += _changes(d, st, width)
    story += _findings(d, "a", st, width)
    story += _findings(d, "b", st, width)
    template.build(
        story, canvasmaker=flow.numbered_canvas(f"{a_name} \u2192 {b_name}", "Comparison")
    )
    return buf.getvalue()


def write_report(
    d: Diff,
    out_path: str | os.PathLike[str],
    *,
    files: tuple[str, str] | None = None,
    when: _dt.date | None = None,
    author: str | None = None,
    with_cost: bool = False,
) -> None:
    """Write the comparison report as PDF; raises ExportError saying why it cannot."""
    if Path(out_path).suffix.lower() != ".pdf":
        raise ExportError(
            f"Cannot write {os.fspath(out_path)}: the comparison report is written as .pdf"
        )
    data = pdf_bytes(d, files=files, when=when, author=author, with_cost=with_cost)

    def write(fh: BinaryIO) -> None:
        fh.write(data)

    write_atomically(out_path, write)
