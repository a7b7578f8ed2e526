"""The validation report as PDF: the findings by severity, each rule explained.

A summary first (counts by severity, the parameters the variant is judged
by, rules switched off), then errors, warnings, information and waived
findings. Within a severity, findings are grouped by rule; each group opens
with what the rule checks and why it matters (from the rule catalogue), then
lists its findings with their subjects named as people read them.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
from collections.abc import Iterable
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from orgdesigner.core.catalogue import RULES, SEVERITIES
from orgdesigner.core.cost import amount_text, rollup
from orgdesigner.core.model import Document, RulesConfig
from orgdesigner.core.rules import effective_params
from orgdesigner.core.rules.checks import craft_words, standard_words

from ..core.edits import plural
from ..core.palette import SEVERITY_COLOURS
from . import flow
from .common import ExportError, date_text, default_author, write_atomically
from .draw import clean

SECTION_TITLES = {
    "error": "Errors",
    "warning": "Warnings",
    "info": "Information",
    "waived": "Waived findings",
}
SECTION_NOTES = {
    "error": "The design breaks a rule it must keep; fix these before handing it out.",
    "warning": "Departures from the agreed standards worth a second look.",
    "info": "Facts a designer should know, such as documented exceptions.",
    "waived": "Findings accepted as exceptions; the reason is recorded in the file.",
}


def subject_name(doc: Document, subject: str) -> str:
    """A subject ID as a reader knows it: "Ann Lee", "Payments (team)"..."""
    kind = doc.kind_of(subject)
    if kind is None:
        return subject
    name = doc.entity_name(kind, subject)
    return name if kind == "person" else f"{name} ({kind})"


def _params_text(doc: Document, rules: RulesConfig) -> str:
    """The standards the variant is judged by, in words: crafts and grades by name."""
    params = effective_params(rules)

    def fns(ids: list[str]) -> str:
        return ", ".join(doc.entity_name("function", f) for f in ids) or "none"

    def grade(gid: str) -> str:
        named = {g.id: g.name or g.id for g in doc.grades}
        return named.get(gid, gid) if gid else "not checked"

    parts = [
        f"smallest span of control: {params['span_min']}",
        f"largest span of control: {params['span_max']}",
        f"most layers below the top: {params['max_layers']}",
        f"smallest team: {params['team_min']}",
        f"largest team: {params['team_max']}",
        f"functions every team needs: {fns(params['required_functions'])}",
        f"the three-legged stool: {fns(params['triad'])}",
        "standards every function keeps: "
        + (", ".join(standard_words(s) for s in params["standards"]) or "none"),
    ]
    for fid, extra in params["function_standards"].items():
        if extra:
            parts.append(f"{fns([fid])} also keeps: {', '.join(standard_words(s) for s in extra)}")
    for ratio in params["ratios"]:
        lo, hi = ratio.get("min"), ratio.get("max")
        bounds = (
            f"{lo:g} to {hi:g}"
            if lo is not None and hi is not None
            else f"at least {lo:g}"
            if lo is not None
            else f"at most {hi:g}"
            if hi is not None
            else "any"
        )
        many = craft_words(doc, ratio["numerator"])[1]
        one = craft_words(doc, ratio["denominator"])[0]
        parts.append(f"{many} per {one}: {bounds}")
    parts += [
        f"lowest grade for a team owner: {grade(params['owner_min_grade'])}",
        f"lowest grade for a standard's owner: {grade(params['standards_min_grade'])}",
        f"largest leader load: {params['leader_load_max']}",
    ]
    return "; ".join(parts) + "."


def _rule_summary(doc: Document, rules: RulesConfig, summary: str) -> str:
    """A rule's summary with the parameters it names given as this variant's values:
    "more than max_layers levels" reads "more than 6 levels"."""
    params = effective_params(rules)
    grades = {g.id: g.name or g.id for g in doc.grades}

    def value(match: re.Match[str]) -> str:
        key = match.group(0)
        v = params.get(key)
        if key.endswith("_grade") and isinstance(v, str):
            return grades.get(v, v) if v else "the lowest grade set"
        return str(v) if isinstance(v, int | float) else key

    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", value, summary)


def _waiver_reasons(rules: RulesConfig) -> dict[tuple[str, str], str]:
    return {(w.rule, w.subject): w.reason for w in rules.waivers}


def pdf_bytes(
    doc: Document,
    report,
    *,
    when: _dt.date | None = None,
    author: str | None = None,
    with_cost: bool = False,
    rules: RulesConfig | None = None,
) -> bytes:
    """The validation report of ``doc`` as PDF bytes; ``with_cost`` adds what it costs.
    ``rules``: the settings ``report`` was judged by, if not the document's own."""
    rules = rules if rules is not None else doc.rules
    st = flow.styles()
    keep_small = st["small"].clone("small_keep", keepWithNext=1)
    # A suggested fix: a smaller, muted line under the finding's message.
    fix_style = st["cell"].clone(
        "cell_fix", fontSize=7.5, leading=9.5, spaceBefore=2, textColor=st["small"].textColor
    )
    title = doc.name or "Untitled organisation"
    findings = list(report.findings)
    summary = report.summary()

    buf = io.BytesIO()
    template = flow.a4_document(
        buf,
        f"Validation report: {clean(title)}",
        f"Findings of the design rules for {clean(title)}",
        author or default_author(),
        template_class=flow.OutlinedDoc,
    )
    outlined = flow.outlined

    story: list = flow.cover(st, "Validation report", title, doc.description)
    story.append(
        Paragraph(
            f"Date: {date_text(when)}. {plural(len(doc.people), 'person', 'people')}, "
            f"{plural(len(doc.teams), 'team')}, {plural(len(doc.functions), 'function')}, "
            f"{plural(len(doc.roles), 'role')}.",
            st["body"],
        )
    )
    story.append(Spacer(1, 8))

    # Summary tiles: one cell per severity, coloured.
    tiles = [
        [
            Paragraph(
                f'<font size="20"><b>{summary[k]}</b></font><br/>{SECTION_TITLES[k]}', st["cell"]
            )
            for k in (*SEVERITIES, "waived")
        ]
    ]
    tile_table = Table(tiles, colWidths=[template.width / 4] * 4, rowHeights=[46])
    tile_style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 8)]
    for i, key in enumerate((*SEVERITIES, "waived")):
        colour = colors.HexColor(SEVERITY_COLOURS.get(key, "#6b7280"))
        tile_style += [
            ("LINEBEFORE", (i, 0), (i, 0), 4, colour),
            ("BACKGROUND", (i, 0), (i, 0), flow.HEAD_FILL),
        ]
    tile_table.setStyle(TableStyle(tile_style))
    story += [tile_table, Spacer(1, 10)]
    story.append(
        Paragraph("<b>Judged by:</b> " + flow.markup(_params_text(doc, rules)), st["small"])
    )
    if rules.disabled:
        story.append(
            Paragraph(
                "<b>Rules switched off:</b> " + flow.markup(", ".join(sorted(rules.disabled))),
                st["small"],
            )
        )
    if with_cost:
        story += _cost_section(doc, st, template.width)
    if not findings:
        story.append(Spacer(1, 12))
        story.append(
            Paragraph("No findings: this variant keeps every rule that is switched on.", st["h2"])
        )

    reasons = _waiver_reasons(rules)
    for key in (*SEVERITIES, "waived"):
        group = [
            f
            for f in findings
            if (f.waived if key == "waived" else not f.waived and f.severity == key)
        ]
        if not group:
            continue
        colour = SEVERITY_COLOURS.get(key, "#374151")
        heading = Paragraph(
            f'<font color="{colour}">{SECTION_TITLES[key]}</font> '
            f'<font size="11" color="#4b5563">({len(group)})</font>',
            st["h1"],
        )
        story += [
            Spacer(1, 14),
            outlined(heading, 0, f"{SECTION_TITLES[key]} ({len(group)})", f"sev-{key}"),
            Paragraph(SECTION_NOTES[key], st["small"]),
        ]
        for rule_id, items in _by_rule(group):
            info = RULES.get(rule_id)
            summary_text = _rule_summary(doc, rules, info.summary) if info else ""
            head = Paragraph(
                f"{flow.markup(rule_id)} <font color='#4b5563' size='10'>"
                f"{flow.markup(summary_text)}</font>",
                st["h2"],
            )
            block: list = [outlined(head, 1, f"{rule_id} ({len(items)})", f"sev-{key}-{rule_id}")]
            if info:
                block.append(
                    Paragraph("<b>Why it matters:</b> " + flow.markup(info.why), keep_small)
                )
            rows = [[Paragraph("Finding", st["cellhead"]), Paragraph("About", st["cellhead"])]]
            if key == "waived":
                rows[0].append(Paragraph("Reason for the waiver", st["cellhead"]))
            for f in items:
                about = ", ".join(subject_name(doc, s) for s in f.subjects)
                finding: list = [Paragraph(flow.markup(f.message), st["cell"])]
                if f.fix:
                    finding.append(Paragraph("<b>Fix:</b> " + flow.markup(f.fix), fix_style))
                row = [
                    finding,
                    Paragraph(flow.markup(about), st["cell"]),
                ]
                if key == "waived":
                    reason = next(
                        (reasons[(f.rule, s)] for s in f.subjects if (f.rule, s) in reasons), ""
                    )
                    row.append(Paragraph(flow.markup(reason), st["cell"]))
                rows.append(row)
            widths = [0.55, 0.45] if key != "waived" else [0.42, 0.28, 0.30]
            table = Table(rows, colWidths=[w * template.width for w in widths], repeatRows=1)
            table.setStyle(flow.table_style())
            story += block  # headings keep with what follows, so none ends a page
            story.append(table)

    template.build(story, canvasmaker=flow.numbered_canvas(title, "Validation report"))
    return buf.getvalue()


def _cost_section(doc: Document, st, width: float) -> list:
    """The variant's cost: the total, then by function (only when the user asks for costs)."""
    r = rollup(doc)
    out: list = [Spacer(1, 6)]
    out.append(
        Paragraph("<b>Cost:</b> " + flow.markup(amount_text(r.whole, r.currency)), st["small"])
    )
    if not r.any:
        return out
    names = {f.id: f.name or f.id for f in doc.functions}
    rows = [[Paragraph("Function", st["cellhead"]), Paragraph("Cost", st["cellhead"])]]
    keys = [f.id for f in doc.functions if f.id in r.function]
    keys += [k for k in r.function if k not in names]
    for key in keys:
        label = names.get(key) if key is not None else "No function"
        rows.append(
            [
                Paragraph(flow.markup(label or f"{key} (unknown function)"), st["cell"]),
                Paragraph(flow.markup(amount_text(r.function[key], r.currency)), st["cell"]),
            ]
        )
    table = Table(rows, colWidths=[0.5 * width, 0.5 * width], repeatRows=1)
    table.setStyle(flow.table_style())
    out += [Spacer(1, 4), table]
    return out


def _by_rule(findings: Iterable) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for f in findings:
        groups.setdefault(f.rule, []).append(f)
    return list(groups.items())


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
    """Write the validation report of ``doc`` (``report`` from ``validate``) as PDF;
    ``rules`` are the settings it was validated with, if not the document's own."""
    if Path(out_path).suffix.lower() != ".pdf":
        raise ExportError(
            f"Cannot write {os.fspath(out_path)}: the validation report is written as .pdf"
        )
    data = pdf_bytes(doc, report, when=when, author=author, with_cost=with_cost, rules=rules)
    write_atomically(out_path, lambda fh: fh.write(data))
