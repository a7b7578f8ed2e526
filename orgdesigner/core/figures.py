"""The figures of one organisation variant: what a leader reads first when comparing.

Definitions (the same in the CLI, the comparison report and the compare window):

- ``positions``: every person in the document, open positions included.
- ``headcount``: filled positions only (people not marked ``vacant``).
- ``vacancies``: open positions (``vacant: true``). ``headcount + vacancies == positions``.
- ``teams``: number of teams; ``sto_teams`` / ``functional_teams`` split them by
  their effective model (a team without a model takes the document's default).
- ``managers``: people managers, i.e. positions with at least one direct report
  (as in ORG-SPAN; a vacancy with reports counts, and a vacancy counts as a report).
- ``average_span``: mean number of direct reports over the people managers (0 when none).
- ``largest_span``: the most direct reports any one position has.
- ``layers``: deepest layer + 1, where the top of a line is layer 0 (as in
  ORG-LAYERS). A person whose manager is missing starts a line; people on or
  under a line-manager loop have no layer and are left out. 0 for an empty document.
- ``findings``: the validator's summary, unwaived findings by severity plus the
  number waived (``{"error", "warning", "info", "waived"}``); None when the
  figures were computed without validating.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .model import Document
from .rules import Report, validate

# Figures a comparison shows, in order, with their label (the CLI, the report).
LABELS: dict[str, str] = {
    "positions": "Positions",
    "headcount": "Headcount (filled)",
    "vacancies": "Vacancies",
    "teams": "Teams",
    "sto_teams": "STO teams",
    "functional_teams": "Functional teams",
    "managers": "People managers",
    "average_span": "Average span",
    "largest_span": "Largest span",
    "layers": "Layers",
}
SEVERITY_LABELS: dict[str, str] = {
    "error": "Errors",
    "warning": "Warnings",
    "info": "Info",
    "waived": "Waived",
}


@dataclass
class Figures:
    """Counts and spans of one document; see the module docstring for the definitions."""

    positions: int = 0
    headcount: int = 0
    vacancies: int = 0
    teams: int = 0
    sto_teams: int = 0
    functional_teams: int = 0
    managers: int = 0
    average_span: float = 0.0
    largest_span: int = 0
    layers: int = 0
    findings: dict[str, int] | None = field(default=None)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["average_span"] = round(self.average_span, 2)
        return out

    def values(self) -> dict[str, float | int]:
        """Every figure as a flat name -> number mapping (findings as ``findings.<severity>``)."""
        out: dict[str, float | int] = {k: getattr(self, k) for k in LABELS}
        if self.findings is not None:
            for sev, n in self.findings.items():
                out[f"findings.{sev}"] = n
        return out


def label(name: str) -> str:
    """The label of a figure name from :meth:`Figures.values`."""
    if name.startswith("findings."):
        return SEVERITY_LABELS.get(name.split(".", 1)[1], name)
    return LABELS.get(name, name)


def deltas(a: Figures, b: Figures) -> dict[str, float | int]:
    """B minus A for every figure both sides have (findings only when both were validated)."""
    va, vb = a.values(), b.values()
    out: dict[str, float | int] = {}
    for name, before in va.items():
        if name in vb:
            d = vb[name] - before
            out[name] = round(d, 2) if isinstance(d, float) else d
    return out


def layers_of(doc: Document) -> dict[str, int]:
    """Each person's layer (the top of a line is 0); people on or under a loop are left out.

    Linear time: each person's chain is walked once, memoising on the way back.
    """
    people = doc.by_id("person")
    depth: dict[str, int | None] = {}
    for start in people:
        if start in depth:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        cur: str | None = start
        base: int | None
        while True:
            if cur in depth:
                base = depth[cur]
                break
            if not cur or cur not in people:
                base = -1
                break
            if cur in on_path:  # a loop: nobody on this path has a layer
                base = None
                break
            on_path.add(cur)
            path.append(cur)
            cur = people[cur].manager
        for pid in reversed(path):
            base = None if base is None else base + 1
            depth[pid] = base
    return {pid: d for pid, d in depth.items() if d is not None}


def figures(doc: Document, report: Report | None = None, *, findings: bool = True) -> Figures:
    """The figures of ``doc``.

    ``report`` is a validation already at hand (the app's live validator);
    without it the document is validated, unless ``findings`` is False, in which
    case ``Figures.findings`` stays None (the fast path for large comparisons).
    """
    people = doc.by_id("person")
    reports: dict[str, int] = {}
    vacancies = 0
    for p in doc.people:
        if p.vacant:
            vacancies += 1
        m = p.manager
        if m and m in people:
            reports[m] = reports.get(m, 0) + 1
    sto = sum(1 for t in doc.teams if doc.model_of(t) == "sto")
    layer = layers_of(doc)
    managers = len(reports)
    summary: dict[str, int] | None = None
    if report is not None:
        summary = report.summary()
    elif findings:
        summary = validate(doc).summary()
    return Figures(
        positions=len(doc.people),
        headcount=len(doc.people) - vacancies,
        vacancies=vacancies,
        teams=len(doc.teams),
        sto_teams=sto,
        functional_teams=len(doc.teams) - sto,
        managers=managers,
        average_span=(sum(reports.values()) / managers) if managers else 0.0,
        largest_span=max(reports.values(), default=0),
        layers=(max(layer.values()) + 1) if layer else 0,
        findings=summary,
    )
