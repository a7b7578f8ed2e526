"""The figures of one organisation variant: what a leader reads first when comparing.

Definitions (the same in the CLI, the comparison report and the compare window):

- ``positions``: every person in the document, open positions included.
- ``headcount``: filled positions only (people not marked ``vacant``).
- ``vacancies``: open positions (``vacant: true``). ``headcount + vacancies == positions``.
- ``teams``: number of teams; ``sto_teams`` / ``functional_teams`` count those of
  each effective model (a team without a model takes the document's default);
  service teams count in ``teams`` only.
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


def _lines(doc: Document) -> tuple[dict[str, list[str]], list[str]]:
    """Direct reports of each manager (existing people only) and the tops of the lines."""
    people = doc.by_id("person")
    children: dict[str, list[str]] = {}
    tops: list[str] = []
    for p in doc.people:
        m = p.manager
        if m and m in people:
            children.setdefault(m, []).append(p.id)
        else:  # no manager, or a missing one: the top of a line
            tops.append(p.id)
    return children, tops


def _layers(children: dict[str, list[str]], tops: list[str]) -> dict[str, int]:
    # Breadth-first from the tops: people on or under a loop are never reached.
    layer = dict.fromkeys(tops, 0)
    frontier, depth = tops, 0
    while frontier:
        depth += 1
        frontier = [c for pid in frontier for c in children.get(pid, ())]
        for c in frontier:
            layer[c] = depth
    return layer


def layers_of(doc: Document) -> dict[str, int]:
    """Each person's layer (the top of a line is 0); people on or under a loop are left out."""
    return _layers(*_lines(doc))


def figures(doc: Document, report: Report | None = None, *, findings: bool = True) -> Figures:
    """The figures of ``doc``.

    ``report`` is a validation already at hand (the app's live validator);
    without it the document is validated, unless ``findings`` is False, in which
    case ``Figures.findings`` stays None (the fast path for large comparisons).
    """
    children, tops = _lines(doc)
    spans = [len(c) for c in children.values()]
    vacancies = sum(1 for p in doc.people if p.vacant)
    sto = sum(1 for t in doc.teams if doc.model_of(t) == "sto")
    layer = _layers(children, tops)
    managers = len(spans)
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
        # Service teams are neither: they count in ``teams`` only.
        functional_teams=sum(1 for t in doc.teams if doc.model_of(t) == "functional"),
        managers=managers,
        average_span=(sum(spans) / managers) if managers else 0.0,
        largest_span=max(spans, default=0),
        layers=(max(layer.values()) + 1) if layer else 0,
        findings=summary,
    )
