"""The role-definition document, as PDF and as Markdown (Word: :mod:`.roles_docx`).

A cover, the contents, then for each function its leader and the owner of
each standard, then each of its roles: purpose, responsibilities, the career
ladder (levels and expectations), who holds it on which teams, and its open
positions. Anything missing is said in the text ("Missing: no purpose
written"), never left as a silent gap, so the document doubles as a to-do list.

Both formats are rendered from one outline (:func:`collect`), so they say the
same things.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from orgdesigner.core.catalogue import DEFAULT_PARAMS
from orgdesigner.core.cost import money
from orgdesigner.core.model import Document, Person, Role
from orgdesigner.core.text import slug

from ..core.edits import plural
from . import flow
from .common import date_text, default_author
from .draw import clean

# -- the outline -----------------------------------------------------------------


@dataclass
class LevelEntry:
    code: str
    title: str
    expectations: str
    holders: int
    cost: str | None = None  # the budgeted cost, worded; None: costs are not shown


@dataclass
class RoleEntry:
    """One role as the document presents it."""

    id: str
    title: str
    people_manager: bool
    purpose: str
    responsibilities: list[str]
    levels: list[LevelEntry]
    holders: int  # filled positions
    vacancies: int
    teams: list[tuple[str, int]]  # (team name, people of this role on it)
    open_positions: list[str]  # one line per vacancy: where it is
    unknown_levels: list[str]  # levels people hold that are not on the ladder
    missing: list[str] = field(default_factory=list)
    anchor: str = ""  # unique in the document; assigned by collect()
    show_cost: bool = False  # the ladder has a budgeted-cost column

    def ladder(self) -> tuple[list[str], list[list[tuple[str, bool]]], list[float]]:
        """The career ladder as a table: head, rows of (text, missing), column fractions."""
        head = ["Level", "Title", "Expectations", "People"]
        fractions = [0.11, 0.24, 0.52, 0.13]  # "People" fits on one line in Word too
        if self.show_cost:
            head.insert(3, "Budgeted cost")
            fractions = [0.09, 0.2, 0.42, 0.16, 0.13]
        rows = []
        for lv in self.levels:
            row = [
                (lv.code, False),
                (lv.title or "-", False),
                (lv.expectations or "Missing: " + MISSING_EXPECTATIONS, not lv.expectations),
                (str(lv.holders), False),
            ]
            if self.show_cost:
                row.insert(3, (lv.cost or "-", False))
            rows.append(row)
        return head, rows, fractions


@dataclass
class StandardEntry:
    name: str
    owner: str  # already worded: "Ann Lee (VP Engineering)" or a missing note
    missing: bool


@dataclass
class FunctionSection:
    """A function (or the catch-all for roles without one) and its roles."""

    id: str | None
    name: str
    leader: str
    leader_missing: bool
    standards: list[StandardEntry]
    people: int
    roles: list[RoleEntry]
    anchor: str = ""  # unique in the document; assigned by collect()


MISSING_PURPOSE = "No purpose written yet."
MISSING_RESPONSIBILITIES = "No responsibilities listed yet."
MISSING_LADDER = "No career ladder defined yet."
MISSING_EXPECTATIONS = "No expectations written yet."
MISSING_LEADER = "No leader named."
MISSING_OWNER = "No owner named."
NO_ROLES = "No roles belong to this function yet."


def _assign_anchors(sections: list[FunctionSection]) -> None:
    """Give every section and role a link target no other heading has.

    Slugs alone collide ("Lead Eng" and "lead-eng", IDs in other scripts, a
    function called "none"); a repeat gets -2, -3... in document order.
    """
    taken: set[str] = set()

    def unique(base: str) -> str:
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        return anchor

    for s in sections:
        s.anchor = unique("function-" + slug(s.id if s.id is not None else "none", "x"))
    for s in sections:
        for r in s.roles:
            r.anchor = unique("role-" + slug(r.id, "x"))


def _person_text(doc: Document, person_id: str | None) -> tuple[str, bool]:
    """How a leader or owner is named, and whether that is a gap."""
    if not person_id:
        return "", True
    person = doc.person(person_id)
    if person is None:
        return f"Unknown person '{person_id}' (not in this organisation)", True
    name = doc.display_name(person)
    role = doc.role(person.role)
    if person.vacant:
        return f"{name} (open position)", True
    return (f"{name} ({role.title})" if role and role.title else name), False


def _team_name(doc: Document, team_id: str | None) -> str:
    if not team_id:
        return "No team"
    team = doc.team(team_id)
    if team is None:
        return f"Unknown team '{team_id}'"
    return team.name or team.id


def _standards_for(doc: Document, function_id: str) -> list[str]:
    params = doc.rules.params
    standards = list(
        params.standards if params.standards is not None else DEFAULT_PARAMS["standards"]
    )  # type: ignore[arg-type]
    extra = (
        params.function_standards
        if params.function_standards is not None
        else DEFAULT_PARAMS["function_standards"]
    )  # type: ignore[assignment]
    standards += [s for s in extra.get(function_id, []) if s not in standards]  # type: ignore[union-attr]
    return standards


def _standard_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _role_entry(
    doc: Document, role: Role, holders: list[Person], with_cost: bool = False
) -> RoleEntry:
    filled = [p for p in holders if not p.vacant]
    vacant = [p for p in holders if p.vacant]
    team_counts = Counter(_team_name(doc, p.team) for p in holders)
    on_ladder = {lv.code for lv in role.levels}
    level_counts = Counter(p.level for p in holders if p.level)
    entry = RoleEntry(
        id=role.id,
        title=role.title or role.id,
        people_manager=role.people_manager,
        purpose=role.purpose.strip(),
        responsibilities=[r.strip() for r in role.responsibilities if r.strip()],
        levels=[
            LevelEntry(
                lv.code,
                lv.title.strip(),
                lv.expectations.strip(),
                level_counts.get(lv.code, 0),
                (money(lv.cost, doc.currency) if lv.cost is not None else "")
                if with_cost
                else None,
            )
            for lv in role.levels
        ],
        holders=len(filled),
        vacancies=len(vacant),
        teams=sorted(team_counts.items(), key=lambda kv: (-kv[1], kv[0].lower())),
        open_positions=[
            _team_name(doc, p.team)
            + (f", level {p.level}" if p.level else "")
            + (f", reporting to {_person_text(doc, p.manager)[0]}" if p.manager else "")
            for p in vacant
        ],
        unknown_levels=sorted(lv for lv in level_counts if lv not in on_ladder),
        show_cost=with_cost,
    )
    if not role.title:
        entry.missing.append("title")
    if not entry.purpose:
        entry.missing.append("purpose")
    if not entry.responsibilities:
        entry.missing.append("responsibilities")
    if not entry.levels:
        entry.missing.append("career ladder")
    elif any(not lv.expectations for lv in entry.levels):
        entry.missing.append("level expectations")
    return entry


def collect(doc: Document, *, with_cost: bool = False) -> list[FunctionSection]:
    """The document's outline: functions in file order, then roles without a function.

    ``with_cost``: ladders show each level's budgeted cost.
    """
    by_role: dict[str, list[Person]] = {}
    people_by_function: Counter[str | None] = Counter()
    for p in doc.people:
        if p.role:
            by_role.setdefault(p.role, []).append(p)
        people_by_function[doc.function_of(p)] += 1

    roles_by_function: dict[str | None, list[Role]] = {}
    known = {f.id for f in doc.functions}
    for role in doc.roles:
        key = role.function if role.function in known else None
        roles_by_function.setdefault(key, []).append(role)

    sections: list[FunctionSection] = []
    for fn in doc.functions:
        leader, leader_missing = _person_text(doc, fn.leader)
        standards: list[StandardEntry] = []
        names = list(fn.standards)
        names += [s for s in _standards_for(doc, fn.id) if s not in fn.standards]
        for name in names:
            owner, missing = _person_text(doc, fn.standards.get(name))
            standards.append(StandardEntry(_standard_label(name), owner or MISSING_OWNER, missing))
        sections.append(
            FunctionSection(
                id=fn.id,
                name=fn.name or fn.id,
                leader=leader or MISSING_LEADER,
                leader_missing=leader_missing,
                standards=standards,
                people=people_by_function.get(fn.id, 0),
                roles=[
                    _role_entry(doc, r, by_role.get(r.id, []), with_cost)
                    for r in roles_by_function.get(fn.id, [])
                ],
            )
        )
    orphans = roles_by_function.get(None, [])
    if orphans:
        sections.append(
            FunctionSection(
                id=None,
                name="Roles without a function",
                leader="These roles name no function, or one that is not in this organisation, "
                "so no leader keeps their standards.",
                leader_missing=True,
                standards=[],
                people=0,
                roles=[_role_entry(doc, r, by_role.get(r.id, []), with_cost) for r in orphans],
            )
        )
    _assign_anchors(sections)
    return sections


def _holders_text(entry: RoleEntry) -> str:
    if not entry.holders and not entry.vacancies:
        return "Nobody holds this role yet."
    people = f"{entry.holders} {'person holds' if entry.holders == 1 else 'people hold'} this role"
    if entry.vacancies:
        people += f", and {entry.vacancies} open position{'s' if entry.vacancies != 1 else ''}"
    return people + "."


def _teams_text(entry: RoleEntry) -> str:
    return ", ".join(f"{name} ({n})" for name, n in entry.teams)


def _missing_summary(entry: RoleEntry) -> str:
    return "This role definition is incomplete: " + ", ".join(entry.missing) + "."


def _totals(doc: Document, sections: list[FunctionSection]) -> str:
    roles = sum(len(s.roles) for s in sections)
    incomplete = sum(1 for s in sections for r in s.roles if r.missing)
    vacancies = sum(1 for p in doc.people if p.vacant)
    text = (
        f"{plural(len(doc.functions), 'function')}, {plural(roles, 'role')}, "
        f"{plural(len(doc.people) - vacancies, 'person', 'people')}, "
        f"{plural(vacancies, 'open position')}."
    )
    if incomplete:
        text += f" {incomplete} role definition{'s are' if incomplete != 1 else ' is'} incomplete."
    return text


# -- Markdown ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|#~])")


def md(text: str) -> str:
    """Markdown that renders ``text`` literally: markup characters are backslash-escaped."""
    text = " ".join(clean(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # A line starting like a list item, a rule ("---") or a numbered list ("1." or
    # "1)") must stay a sentence. The escape goes on the punctuation: "\1." would
    # show its backslash, as a backslash before a digit escapes nothing.
    text = re.sub(r"^([-+])", r"\\\1", text)
    return re.sub(r"^(\d{1,9})([.)])(\s|$)", r"\1\\\2\3", text)


def md_code(text: str) -> str:
    """A Markdown code span showing ``text`` literally, backticks included."""
    text = " ".join(clean(text).split())
    runs = [len(m) for m in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown(doc: Document, *, when: _dt.date | None = None, with_cost: bool = False) -> str:
    """The role-definition document as Markdown (GitHub/CommonMark flavour)."""
    sections = collect(doc, with_cost=with_cost)
    out: list[str] = []
    add = out.append
    title = doc.name or "Untitled organisation"
    add(f"# Role definitions: {md(title)}")
    add("")
    if doc.description.strip():
        add(md(doc.description))
        add("")
    add(f"Date: {date_text(when)}  ")
    add(_totals(doc, sections))
    add("")
    add("## Contents")
    add("")
    for s in sections:
        add(f"- [{md(s.name)}](#{s.anchor})")
        for r in s.roles:
            add(f"  - [{md(r.title)}](#{r.anchor})")
    add("")
    for s in sections:
        add(f'<a id="{s.anchor}"></a>')
        add("")
        add(f"## {md(s.name)}")
        add("")
        if s.id is not None:
            leader = md(s.leader)
            add(f"**Leader:** {'**Missing:** ' + leader if s.leader_missing else leader}  ")
            add(f"**People in this function:** {s.people}")
            add("")
            if s.standards:
                add("| Standard | Owner |")
                add("|---|---|")
                for st in s.standards:
                    owner = f"**Missing:** {md(st.owner)}" if st.missing else md(st.owner)
                    add(f"| {md(st.name)} | {owner} |")
                add("")
        else:
            add(f"> **Missing:** {md(s.leader)}")
            add("")
        if not s.roles:
            add(f"> **Missing:** {NO_ROLES}")
            add("")
        for r in s.roles:
            _markdown_role(add, r)
    return "\n".join(out).rstrip() + "\n"


def _markdown_role(add, r: RoleEntry) -> None:
    add(f'<a id="{r.anchor}"></a>')
    add("")
    add(f"### {md(r.title)}")
    add("")
    kind = "People-manager role" if r.people_manager else "Individual-contributor role"
    add(f"*{kind}* (ID {md_code(r.id)})")
    add("")
    if r.missing:
        add(f"> **Missing:** {md(_missing_summary(r))}")
        add("")
    add("**Purpose**")
    add("")
    add(md(r.purpose) if r.purpose else f"**Missing:** {MISSING_PURPOSE}")
    add("")
    add("**Responsibilities**")
    add("")
    if r.responsibilities:
        for item in r.responsibilities:
            add(f"- {md(item)}")
    else:
        add(f"**Missing:** {MISSING_RESPONSIBILITIES}")
    add("")
    add("**Career ladder**")
    add("")
    if r.levels:
        head, rows, _ = r.ladder()
        add("| " + " | ".join(head) + " |")
        add("|" + "---|" * len(head))
        for row in rows:
            cells = [
                f"**Missing:** {md(text.removeprefix('Missing: '))}"
                if missing
                else (text if text == "-" else md(text))
                for text, missing in row
            ]
            add("| " + " | ".join(cells) + " |")
    else:
        add(f"**Missing:** {MISSING_LADDER}")
    if r.unknown_levels:
        add("")
        add(
            "**Missing:** levels held but not on the ladder: "
            + ", ".join(md(lv) for lv in r.unknown_levels)
            + "."
        )
    add("")
    add("**Who holds it**")
    add("")
    add(_holders_text(r))
    if r.teams:
        add("")
        add(f"Teams: {md(_teams_text(r))}.")
    add("")
    add("**Vacancies**")
    add("")
    if r.open_positions:
        for line in r.open_positions:
            add(f"- {md(line)}")
    else:
        add("None.")
    add("")


# -- PDF -----------------------------------------------------------------------------


def pdf_bytes(
    doc: Document,
    *,
    when: _dt.date | None = None,
    author: str | None = None,
    with_cost: bool = False,
) -> bytes:
    """The role-definition document as a PDF.

    Built twice: the first pass finds the page of every heading, the second
    prints them in the contents. The contents has the same lines both times
    (only the numbers change), so the pages do not move between passes.
    """
    sections = collect(doc, with_cost=with_cost)
    pages: dict[str, int] = {}
    _build_pdf(doc, sections, pages, when=when, author=author)
    return _build_pdf(doc, sections, pages, when=when, author=author)


def _build_pdf(
    doc: Document,
    sections: list[FunctionSection],
    pages: dict[str, int],
    *,
    when: _dt.date | None,
    author: str | None,
) -> bytes:
    st = flow.styles()
    title = doc.name or "Untitled organisation"

    buf = io.BytesIO()
    template = flow.a4_document(
        buf,
        f"Role definitions: {clean(title)}",
        f"Roles, career ladders and standard owners of {clean(title)}",
        author or default_author(),
        template_class=flow.OutlinedDoc,
    )

    def heading(text: str, style: str, level: int, anchor: str) -> Paragraph:
        # A function's entry starts closed: the outline opens as a list of functions.
        p = Paragraph(flow.markup(text), st[style])
        return flow.outlined(p, level, text, anchor, closed=level == 0)

    story: list = [
        Spacer(1, 60),
        *flow.cover(st, "Role definitions", title, doc.description),
    ]
    story += [
        Spacer(1, 10),
        Paragraph(f"Date: {date_text(when)}", st["body"]),
        Paragraph(flow.markup(_totals(doc, sections)), st["body"]),
        Spacer(1, 16),
        Paragraph(
            "For each function: its leader and who owns each of its standards. "
            "For each role: purpose, responsibilities, career ladder, who holds "
            "it and its open positions. Gaps are marked “Missing”.",
            st["small"],
        ),
        PageBreak(),
        Paragraph("Contents", st["h1"]),
    ]

    # The contents: one row per function and role, linked to it, page on the right.
    rows, styles = (
        [],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
    )
    for s in sections:
        entries = [(s.name, s.anchor, 0)] + [(r.title, r.anchor, 1) for r in s.roles]
        for text, anchor, level in entries:
            style = st["toc0"] if level == 0 else st["toc1"]
            page = str(pages.get(anchor, "")) or "\u2007\u2007"  # figure spaces hold the place
            rows.append(
                [
                    Paragraph(f'<a href="#{anchor}">{flow.markup(text)}</a>', style),
                    Paragraph(
                        f'<a href="#{anchor}">{page}</a>',
                        style.clone("tocpage", alignment=2, leftIndent=0),
                    ),
                ]
            )
            if level == 0:
                styles.append(("TOPPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 6))
    if rows:
        contents = Table(rows, colWidths=[template.width - 40, 40], repeatRows=0)
        contents.setStyle(TableStyle(styles))
        story.append(contents)

    for s in sections:
        story.append(PageBreak())
        story.append(heading(s.name, "h1", 0, s.anchor))
        if s.id is not None:
            leader_style = "missing" if s.leader_missing else "body"
            prefix = "Missing: " if s.leader_missing and s.leader != MISSING_LEADER else ""
            story.append(
                Paragraph("<b>Leader:</b> " + flow.markup(prefix + s.leader), st[leader_style])
            )
            story.append(Paragraph(f"<b>People in this function:</b> {s.people}", st["body"]))
            if s.standards:
                story.append(Paragraph("Standards and their owners", st["label"]))
                story.append(
                    _table(
                        ["Standard", "Owner"],
                        [
                            [
                                (st_.name, False),
                                (
                                    (
                                        "Missing: "
                                        if st_.missing and st_.owner != MISSING_OWNER
                                        else ""
                                    )
                                    + st_.owner,
                                    st_.missing,
                                ),
                            ]
                            for st_ in s.standards
                        ],
                        [0.32, 0.68],
                        template.width,
                        st,
                    )
                )
        else:
            story.append(Paragraph(flow.markup("Missing: " + s.leader), st["missing"]))
        if not s.roles:
            story.append(Paragraph(flow.markup("Missing: " + NO_ROLES), st["missing"]))
        for r in s.roles:
            story += _pdf_role(r, heading, template.width, st)

    template.build(story, canvasmaker=flow.numbered_canvas(title, "Role definitions"))
    pages.update(template.found)
    return buf.getvalue()


def _pdf_role(r: RoleEntry, heading, width: float, st) -> list:
    out: list = [heading(r.title, "h2", 1, r.anchor)]
    kind = "People-manager role" if r.people_manager else "Individual-contributor role"
    out.append(Paragraph(flow.markup(f"{kind} · ID {r.id}"), st["small"]))
    if r.missing:
        out.append(
            Paragraph(
                flow.markup("Missing: " + _missing_summary(r)[0].lower() + _missing_summary(r)[1:]),
                st["missing"],
            )
        )
    out.append(Paragraph("Purpose", st["label"]))
    out.append(
        Paragraph(flow.markup(r.purpose, keep_lines=True), st["body"])
        if r.purpose
        else Paragraph("Missing: " + MISSING_PURPOSE, st["missing"])
    )
    out.append(Paragraph("Responsibilities", st["label"]))
    if r.responsibilities:
        out += [
            Paragraph(flow.markup(item), st["bullet"], bulletText="•")
            for item in r.responsibilities
        ]
    else:
        out.append(Paragraph("Missing: " + MISSING_RESPONSIBILITIES, st["missing"]))
    out.append(Paragraph("Career ladder", st["label"]))
    if r.levels:
        head, rows, fractions = r.ladder()
        out.append(_table(head, rows, fractions, width, st))
    else:
        out.append(Paragraph("Missing: " + MISSING_LADDER, st["missing"]))
    if r.unknown_levels:
        out.append(
            Paragraph(
                flow.markup(
                    "Missing: levels held but not on the ladder: "
                    + ", ".join(r.unknown_levels)
                    + "."
                ),
                st["missing"],
            )
        )
    out.append(Paragraph("Who holds it", st["label"]))
    out.append(Paragraph(flow.markup(_holders_text(r)), st["body"]))
    if r.teams:
        out.append(Paragraph("<b>Teams:</b> " + flow.markup(_teams_text(r)), st["body"]))
    out.append(Paragraph("Vacancies", st["label"]))
    if r.open_positions:
        out += [
            Paragraph(flow.markup(line), st["bullet"], bulletText="•") for line in r.open_positions
        ]
    else:
        out.append(Paragraph("None.", st["body"]))
    return out


def _table(
    head: list[str],
    rows: Iterable[list[tuple[str, bool]]],
    fractions: list[float],
    width: float,
    st,
):
    data = [[Paragraph(h, st["cellhead"]) for h in head]]
    for row in rows:
        data.append(
            [
                Paragraph(
                    flow.markup(text, keep_lines=True), st["cellmissing"] if missing else st["cell"]
                )
                for text, missing in row
            ]
        )
    table = Table(data, colWidths=[f * width for f in fractions], repeatRows=1)
    table.setStyle(flow.table_style())
    return table
