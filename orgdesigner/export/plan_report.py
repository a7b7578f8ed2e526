"""The transition plan as a document to hand out: PDF, Markdown, or CSV for a tracker.

- PDF (A4 portrait): the two variants and a summary, who is affected and how,
  the waves with their numbered steps, then one section per manager listing
  what changes for their people, so each leader finds their own page.
- Markdown: the same content, for a wiki or a pull request.
- CSV: one row per step (wave, step number, kind, ID, name, action, what,
  the fields before and after), UTF-8 with a byte-order mark and CRLF line
  ends like the people export; every cell spreadsheet-safe.

Everything users typed goes through :func:`orgdesigner.export.flow.markup`
(PDF), :func:`orgdesigner.export.roles_doc.md` (Markdown) or
:func:`orgdesigner.core.importer.neutralise_cell` (CSV).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from ..core.importer import neutralise_cell
from ..core.plan import Plan, Step
from . import FORMATS, flow
from .common import ExportError, date_text, default_author, write_atomically
from .draw import clean
from .roles_doc import md

SUFFIXES = tuple(FORMATS["plan"])
CSV_HEADER = ["wave", "wave name", "step", "kind", "id", "name", "action", "what", "fields"]
# A table this short stays on one page with its heading.
KEEP_TOGETHER_ROWS = 25
# Past this, a wave's table is cut and the report says how many more steps there are.
MAX_STEPS_PER_WAVE = 3000


def _m(text: str) -> str:
    return flow.markup(text)


def _fields_text(s: Step) -> str:
    """``field: before -> after`` for each field, values as JSON (a tracker's raw detail)."""

    def v(x: object) -> str:
        return "none" if x is None else json.dumps(x, ensure_ascii=False)

    return "; ".join(f"{k}: {v(b)} -> {v(a)}" for k, (b, a) in s.fields.items())


def numbered(p: Plan) -> list[tuple[int, int, Step]]:
    """(wave number, step number, step) for every step, both counted from 1."""
    out = []
    n = 0
    for i, w in enumerate(p.waves, start=1):
        for s in w.steps:
            n += 1
            out.append((i, n, s))
    return out


# -- CSV -------------------------------------------------------------------------------------


def csv_text(p: Plan) -> str:
    """One row per step after a header; cells neutralised for spreadsheets."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for wave_no, n, s in numbered(p):
        row = [
            str(wave_no),
            p.waves[wave_no - 1].name,
            str(n),
            s.kind,
            s.id,
            s.name,
            s.action,
            s.text,
            _fields_text(s),
        ]
        writer.writerow([neutralise_cell(clean(c)) for c in row])
    return buf.getvalue()


# -- Markdown ------------------------------------------------------------------------------


def markdown(p: Plan, *, when: _dt.date | None = None) -> str:
    """The plan as Markdown: summary, impact, waves, then what changes for each manager."""
    out: list[str] = []
    add = out.append
    add(f"# Transition plan: {md(p.a_name or 'A')} \u2192 {md(p.b_name or 'B')}")
    add("")
    add(f"Date: {date_text(when)}. {md(p.summary())}.")
    add("")
    impact = p.impact_lines(limit=None)
    if impact:
        add("## Who is affected")
        add("")
        for label, text in impact:
            count, names = text.split(": ", 1)
            add(f"- **{md(label)}** ({count}): {md(names)}")
        add("")
    if p.notes:
        add("Notes:")
        add("")
        for note in p.notes:
            add(f"- {md(note)}")
        add("")
    n = 0
    for i, w in enumerate(p.waves, start=1):
        add(f"## Wave {i}: {md(w.name)}")
        add("")
        if w.note:
            add(f"*{md(w.note[0].upper() + w.note[1:])}.*")
            add("")
        for s in w.steps:
            n += 1
            add(f"{n}. {md(s.text)}")
        if w.new_errors:
            add("")
            add("Errors after this wave that neither A nor B has:")
            add("")
            for f in w.new_errors:
                add(f"- {md(f.rule)}: {md(f.message)}")
        add("")
    sections = p.by_manager()
    if sections:
        add("## What changes for each manager's people")
        add("")
        for sec in sections:
            add(f"### {md(sec.name)}")
            add("")
            for _, text in sec.lines:
                add(f"- {md(text)}")
            add("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- PDF ---------------------------------------------------------------------------------------


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    table.setStyle(flow.table_style(header=header, top=2.5, bottom=3.5))
    return table


def _together(flowables: list, rows: int) -> list:
    return [KeepTogether(flowables)] if rows <= KEEP_TOGETHER_ROWS else flowables


def pdf_bytes(p: Plan, *, when: _dt.date | None = None, author: str | None = None) -> bytes:
    """The plan as PDF bytes."""
    st = flow.styles()
    a_name, b_name = clean(p.a_name or "A"), clean(p.b_name or "B")
    buf = io.BytesIO()
    template = flow.a4_document(
        buf,
        f"Transition plan: {a_name} \u2192 {b_name}",
        "How to get from one organisation variant to another, step by step",
        author or default_author(),
        template_class=flow.OutlinedDoc,
    )
    width = template.width
    story: list = [
        Paragraph("Transition plan", st["h1"]),
        _table(
            [
                [
                    Paragraph("", st["cellhead"]),
                    Paragraph("Variant", st["cellhead"]),
                    Paragraph("File", st["cellhead"]),
                ],
                [
                    Paragraph("<b>From</b>", st["cell"]),
                    Paragraph(_m(p.a_name or "(no name)"), st["cell"]),
                    Paragraph(_m(os.path.basename(p.files[0])), st["cell"]),
                ],
                [
                    Paragraph("<b>To</b>", st["cell"]),
                    Paragraph(_m(p.b_name or "(no name)"), st["cell"]),
                    Paragraph(_m(os.path.basename(p.files[1])), st["cell"]),
                ],
            ],
            [0.09 * width, 0.57 * width, 0.34 * width],
        ),
        Spacer(1, 6),
        Paragraph(f"Date: {date_text(when)}", st["small"]),
        Paragraph(_m(p.summary() + "."), st["body"]),
    ]
    # Summary: the waves at a glance.
    if p.waves:
        rows = [
            [
                Paragraph("Wave", st["cellhead"]),
                Paragraph("What", st["cellhead"]),
                Paragraph("Steps", st["cellhead"]),
            ]
        ]
        for i, w in enumerate(p.waves, start=1):
            rows.append(
                [
                    Paragraph(str(i), st["cell"]),
                    Paragraph(_m(w.name), st["cell"]),
                    Paragraph(str(len(w.steps)), st["cell"]),
                ]
            )
        story += _together(
            [
                Paragraph("Summary", st["h2"]),
                _table(rows, [0.1 * width, 0.75 * width, 0.15 * width]),
            ],
            len(rows),
        )
    impact = p.impact_lines(limit=40)
    if impact:
        rows = [[Paragraph("Who", st["cellhead"]), Paragraph("People", st["cellhead"])]]
        for label, text in impact:
            count, names = text.split(": ", 1)
            rows.append(
                [Paragraph(_m(f"{label} ({count})"), st["cell"]), Paragraph(_m(names), st["cell"])]
            )
        block = [Paragraph("Who is affected", st["h2"]), _table(rows, [0.3 * width, 0.7 * width])]
        block += [Paragraph(_m(n), st["small"]) for n in p.notes]
        story += _together(block, len(rows))
    n = 0
    for i, w in enumerate(p.waves, start=1):
        head = flow.outlined(
            Paragraph(_m(f"Wave {i}: {w.name}"), st["h2"]), 0, f"Wave {i}: {w.name}", f"wave-{i}"
        )
        block: list = [head]
        if w.note:
            block.append(Paragraph(_m(w.note[0].upper() + w.note[1:] + "."), st["small"]))
        rows = [[Paragraph("#", st["cellhead"]), Paragraph("Step", st["cellhead"])]]
        for s in w.steps[:MAX_STEPS_PER_WAVE]:
            n += 1
            rows.append([Paragraph(str(n), st["cell"]), Paragraph(_m(s.text), st["cell"])])
        n += max(0, len(w.steps) - MAX_STEPS_PER_WAVE)
        block.append(_table(rows, [0.08 * width, 0.92 * width]))
        if len(w.steps) > MAX_STEPS_PER_WAVE:
            more = len(w.steps) - MAX_STEPS_PER_WAVE
            block.append(
                Paragraph(
                    _m(f"\u2026 and {more} more steps (the CSV and JSON outputs list them all)."),
                    st["small"],
                )
            )
        if w.new_errors:
            block.append(Paragraph("Errors after this wave that neither A nor B has:", st["label"]))
            block += [
                Paragraph(_m(f"{f.rule}: {f.message}"), st["bullet"], bulletText="\u2022")
                for f in w.new_errors
            ]
        story += _together(block, len(rows))
    sections = p.by_manager()
    if sections:
        story.append(
            flow.outlined(
                Paragraph("What changes for each manager's people", st["h2"]),
                0,
                "For each manager",
                "managers",
            )
        )
        story.append(
            Paragraph(
                _m(
                    "Each person is listed under their line manager in the new organisation "
                    "(leavers under their present one)."
                ),
                st["small"],
            )
        )
        for k, sec in enumerate(sections):
            label = flow.outlined(
                Paragraph(_m(f"{sec.name} ({len(sec.lines)})"), st["label"]),
                1,
                sec.name,
                f"manager-{k}",
            )
            items = [
                Paragraph(_m(text), st["bullet"], bulletText="\u2022") for _, text in sec.lines
            ]
            story += _together([label, *items], len(items))
    template.build(
        story, canvasmaker=flow.numbered_canvas(f"{a_name} \u2192 {b_name}", "Transition plan")
    )
    return buf.getvalue()


# -- writing ------------------------------------------------------------------------------------


def write_plan(p: Plan, out_path: str | os.PathLike[str], *, when: _dt.date | None = None) -> None:
    """Write the plan as PDF, Markdown or CSV by the suffix; ExportError saying why on failure."""
    path = Path(out_path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        data = pdf_bytes(p, when=when)
    elif suffix == ".md":
        data = markdown(p, when=when).encode("utf-8")
    elif suffix == ".csv":
        data = b"\xef\xbb\xbf" + csv_text(p).encode("utf-8")
    else:
        raise ExportError(
            f"{os.fspath(out_path)}: unsupported output type {path.suffix or '(none)'!r}; "
            f"use {', '.join(SUFFIXES)}"
        )

    def write(fh: BinaryIO) -> None:
        fh.write(data)

    write_atomically(path, write)
