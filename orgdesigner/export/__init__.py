"""Exports: org charts (PDF, SVG, PNG), role definitions (PDF, Markdown), validation reports.

Everything here draws from the core's model and chart layout, so the command
line and the app produce the same pictures. Nothing here needs Qt.

    export_chart(doc, "chart.pdf", view="people", page="a3", landscape=True)
    export_roles(doc, "roles.md")
    export_findings(doc, validate(doc), "findings.pdf")

Each writes to a temporary file beside the target and moves it into place,
so a failed export leaves an earlier file as it was; failures raise
:class:`ExportError` with a message for the user. The document is only read.

Importing this package is cheap (no reportlab, no model): the command line
reads the view and page names below while it builds its parser.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgdesigner.core.model import Document, RulesConfig

__all__ = [
    "CLI_VIEWS",
    "FORMATS",
    "PAGE_CHOICES",
    "ExportError",
    "VIEWS",
    "VIEW_ALIASES",
    "export_chart",
    "export_findings",
    "export_roles",
]

VIEWS = ("people", "teams", "functions")
# The command line's names for the same pictures.
VIEW_ALIASES = {
    "line": "people",
    "functional": "functions",
    "team": "teams",
    "person": "people",
    "function": "functions",
}
# The command line's --view choices and the views each draws: the line and the
# functional chart, both in one document, or any view by its own name.
CLI_VIEWS: dict[str, tuple[str, ...]] = {
    "line": (VIEW_ALIASES["line"],),
    "functional": (VIEW_ALIASES["functional"],),
    "both": (VIEW_ALIASES["line"], VIEW_ALIASES["functional"]),
    **{v: (v,) for v in VIEWS},
}
# What export_chart writes, by suffix.
# Page sizes by name (common.PAGE_SIZES holds their dimensions); fit: one page
# the size of the chart.
PAGE_CHOICES = ("a4", "a3", "letter", "fit")
# Every kind of file the exporters write, by suffix, with the name a file dialog
# shows. The command line, the export dialog and the writers all read this.
FORMATS: dict[str, dict[str, str]] = {
    "chart": {
        ".pdf": "PDF document",
        ".svg": "SVG drawing",
        ".png": "PNG image",
        ".pptx": "PowerPoint slides",
    },
    "roles": {".pdf": "PDF document", ".docx": "Word document", ".md": "Markdown text"},
    "findings": {".pdf": "PDF document"},
    "people": {".csv": "CSV table"},
    "compare": {".pdf": "PDF document"},
    "plan": {".pdf": "PDF document", ".md": "Markdown text", ".csv": "CSV table"},
}


def suffixes_text(kind: str) -> str:
    """``".pdf, .svg or .png"``: the suffixes of ``kind`` in words."""
    names = list(FORMATS[kind])
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


class ExportError(Exception):
    """An export could not be written; the message says why in the user's terms.

    Defined here, with no heavy imports, so the command line can name it without
    loading reportlab.
    """


def _views(view: str | Sequence[str]) -> list[str]:
    names = [view] if isinstance(view, str) else list(view)
    if not names:
        raise ExportError("No view to export")
    out = []
    for name in names:
        key = VIEW_ALIASES.get(name.lower(), name.lower())
        if key not in VIEWS:
            raise ExportError(f"Unknown view {name!r}: use one of {', '.join(VIEWS)}")
        out.append(key)
    return out


def export_chart(
    doc: Document,
    out_path: str | os.PathLike[str],
    *,
    view: str | Sequence[str] = "people",
    page: str = "a4",
    landscape: bool | None = None,
    functional_lines: bool = False,
    split: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    dpi: float = 150,
    collapsed: Sequence[str] = (),
    when: _dt.date | None = None,
    author: str | None = None,
    with_cost: bool = False,
    with_findings: bool = False,
) -> None:
    """Write the org chart; the suffix of ``out_path`` (.pdf, .svg, .png, .pptx) picks the format.

    ``view``: people, teams or functions (or a list of them, for one PDF with
    each). ``page``: a4, a3, letter or fit (one page the size of the chart);
    ``landscape`` True or False turns the paper, None (the default) turns each
    view's the way that takes fewer pages.
    ``split``: None splits by branch only when one page would make the text
    too small to read; True always, False never (the chart is scaled to one
    page). ``fit`` is always one page, as large as the chart (at most 200
    inches a side, what PDF readers open). ``functional_lines`` adds the dotted functional-manager lines.
    ``dpi`` is for PNG. A ``.pptx`` deck has widescreen slides (``page`` and
    ``landscape`` do not apply): an overview slide and a slide per branch
    unless ``split`` is False. ``with_cost`` adds costs to the cards (each
    position's, a manager's whole line, a team's with its sub-teams); charts
    leave them out unless asked, as salaries are private. ``with_findings``
    prints a badge on each card with findings (PDF): the severity's colour
    and how many. ``collapsed`` folds those subtrees as on the canvas;
    by default everyone is drawn. ``progress(done, total)`` is called per page.
    """
    from orgdesigner.core.chart import DEFAULT_ASPECT, build_chart

    from .common import page_size, write_atomically

    target = Path(out_path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS["chart"]:
        raise ExportError(
            f"Cannot write {target}: the chart is written as {suffixes_text('chart')}"
        )
    views = _views(view)
    page_size(page, bool(landscape))  # an unknown page size fails before any work
    if suffix not in (".pdf", ".pptx") and len(views) > 1:
        raise ExportError(f"Cannot write {target}: one {suffix[1:].upper()} holds one view")
    charts = [
        build_chart(
            doc,
            v,
            collapsed=tuple(collapsed),
            functional_lines=functional_lines,
            # Paper takes function columns one after another, cut to the page, so they
            # stay whole there; a picture gets them split to a screen's shape.
            aspect=None if v == "functions" and suffix in (".pdf", ".pptx") else DEFAULT_ASPECT,
        )
        for v in views
    ]
    if with_cost:
        from orgdesigner.core.cost import add_cost_lines, rollup

        costs = rollup(doc)
        for chart in charts:
            add_cost_lines(chart, doc, costs)

    if suffix == ".pdf":
        from .pdf_chart import write_pdf

        marks = None
        if with_findings:
            from orgdesigner.core.rules import validate

            from .chart_draw import findings_by_subject

            marks = findings_by_subject(validate(doc).findings)

        def write(fh) -> None:
            write_pdf(
                doc,
                charts,
                fh,
                page=page,
                landscape=landscape,
                functional_lines=functional_lines,
                split=split,
                progress=progress,
                when=when,
                author=author,
                findings=marks,
            )
    elif suffix == ".pptx":
        from .pptx_chart import write_pptx

        def write(fh) -> None:
            write_pptx(
                doc,
                charts,
                fh,
                functional_lines=functional_lines,
                split=True if split is None else split,
                progress=progress,
                when=when,
                author=author,
            )
    elif suffix == ".svg":
        from .svg import svg_text

        def write(fh) -> None:
            fh.write(
                svg_text(doc, charts[0], functional_lines=functional_lines, when=when).encode(
                    "utf-8"
                )
            )
            if progress:
                progress(1, 1)
    else:
        from .png import png_refusal, png_size_pt, write_png

        refusal = png_refusal(*png_size_pt(doc, charts[0], functional_lines=functional_lines))
        if refusal is not None:
            raise ExportError(refusal)

        def write(fh) -> None:
            write_png(doc, charts[0], fh, dpi=dpi, functional_lines=functional_lines, when=when)
            if progress:
                progress(1, 1)

    write_atomically(target, write)


def export_roles(
    doc: Document,
    out_path: str | os.PathLike[str],
    *,
    when: _dt.date | None = None,
    author: str | None = None,
    with_cost: bool = False,
) -> None:
    """Write the role-definition document, ``.pdf``, ``.docx`` or ``.md`` by the suffix.

    ``with_cost`` adds each ladder level's budgeted cost to the ladders.
    """
    from .common import write_atomically

    suffix = Path(out_path).suffix.lower()
    if suffix not in FORMATS["roles"]:
        raise ExportError(
            f"Cannot write {os.fspath(out_path)}: the role document is written as "
            f"{suffixes_text('roles')}"
        )
    if suffix == ".docx":
        from .roles_docx import write_docx

        write_atomically(
            out_path,
            lambda fh: write_docx(doc, fh, when=when, author=author, with_cost=with_cost),
        )
        return
    from .roles_doc import markdown, pdf_bytes

    if suffix == ".md":
        data = markdown(doc, when=when, with_cost=with_cost).encode("utf-8")
    else:
        data = pdf_bytes(doc, when=when, author=author, with_cost=with_cost)
    write_atomically(out_path, lambda fh: fh.write(data))


def export_findings(
    doc: Document,
    report,
    out_path: str | os.PathLike[str],
    *,
    when: _dt.date | None = None,
    author: str | None = None,
    with_cost: bool = False,
    rules: RulesConfig | None = None,
) -> None:
    """Write the validation report (``report`` from ``orgdesigner.core.rules.validate``) as PDF.

    ``with_cost`` adds what the variant costs, in total and by function. ``rules`` are
    the settings the report was judged by (a rule file over the document's), if not
    the document's own: the report names the standards it used.
    """
    from .findings_report import export_findings as _export

    _export(doc, report, out_path, when=when, author=author, with_cost=with_cost, rules=rules)
