"""Figures of one variant, checked on documents small enough to count by hand."""

from __future__ import annotations

from typing import Any

import pytest

from orgdesigner.core.figures import Figures, deltas, figures, label, layers_of
from orgdesigner.core.model import Document
from orgdesigner.core.rules import Finding, Report, validate


def make(
    people: list[dict[str, Any]] = (), teams: list[dict[str, Any]] = (), **extra: Any
) -> Document:
    return Document.model_validate(
        {
            "format": "orgdesigner",
            "version": 1,
            "people": list(people),
            "teams": list(teams),
            **extra,
        }
    )


def person(id_: str, manager: str | None = None, **kw: Any) -> dict[str, Any]:
    return {"id": id_, "name": id_.title(), "manager": manager, **kw}


# ceo
# ├── vp1: a, b, open position v1
# └── vp2: c
#          └── d (dangling chain goes nowhere: d's report e is a vacancy)
SMALL = [
    person("ceo"),
    person("vp1", "ceo"),
    person("vp2", "ceo"),
    person("a", "vp1"),
    person("b", "vp1"),
    {"id": "v1", "vacant": True, "manager": "vp1"},
    person("c", "vp2"),
    {"id": "v2", "vacant": True, "manager": "c"},
]


def test_an_empty_document_has_zero_of_everything():
    f = figures(Document.new("empty"))
    assert f == Figures(findings={"error": 0, "warning": 0, "info": 0, "waived": 0})


def test_counts_spans_and_layers_of_a_small_organisation():
    f = figures(make(SMALL), findings=False)
    assert f.positions == 8
    assert f.headcount == 6  # filled positions only
    assert f.vacancies == 2
    assert f.headcount + f.vacancies == f.positions
    # ceo 2, vp1 3 (a vacancy counts as a report), vp2 1, c 1
    assert f.managers == 4
    assert f.average_span == pytest.approx(7 / 4)
    assert f.largest_span == 3
    assert f.layers == 4  # ceo 0, vp 1, c 2, v2 3
    assert f.findings is None


def test_team_counts_split_by_effective_model():
    teams = [
        {"id": "t1", "name": "One"},  # takes the document default
        {"id": "t2", "name": "Two", "model": "functional"},
        {"id": "t3", "name": "Three", "model": "sto"},
    ]
    f = figures(make([], teams, default_team_model="functional"), findings=False)
    assert (f.teams, f.sto_teams, f.functional_teams) == (3, 1, 2)


def test_loops_and_missing_managers_do_not_break_layers_or_spans():
    people = [
        person("top"),
        person("x", "top"),
        person("lost", "nobody-here"),  # manager missing: starts a line of its own
        person("under-lost", "lost"),
        person("l1", "l2"),  # l1 and l2 manage each other
        person("l2", "l1"),
        person("below-loop", "l1"),
    ]
    doc = make(people)
    layer = layers_of(doc)
    assert layer == {"top": 0, "x": 1, "lost": 0, "under-lost": 1}
    f = figures(doc, findings=False)
    assert f.layers == 2
    # a missing manager is nobody's people manager; loop members still manage people
    assert f.managers == 4  # top, lost, l1 (l2 and below-loop), l2 (l1)
    assert f.largest_span == 2


def test_findings_come_from_the_validator_unless_a_report_is_given():
    doc = make(SMALL)
    assert figures(doc).findings == validate(doc).summary()
    fake = Report(
        [
            Finding("ORG-ROOT", "warning", "m", ("ceo",)),
            Finding("ORG-REF", "error", "m", ("x",), waived=True),
        ]
    )
    assert figures(doc, fake).findings == {"error": 0, "warning": 1, "info": 0, "waived": 1}


def test_json_uses_the_names_of_the_format():
    data = figures(make(SMALL)).to_json()
    for key in (
        "headcount",
        "teams",
        "vacancies",
        "average_span",
        "largest_span",
        "layers",
        "findings",
    ):
        assert key in data
    assert data["average_span"] == 1.75
    assert set(data["findings"]) == {"error", "warning", "info", "waived"}


def test_deltas_are_b_minus_a_and_cover_findings_only_when_both_were_validated():
    a = figures(make(SMALL), findings=False)
    b = figures(make(SMALL[:3]), findings=False)
    d = deltas(a, b)
    assert d["positions"] == -5
    assert d["vacancies"] == -2
    assert d["largest_span"] == -1
    assert d["layers"] == -2
    assert not any(k.startswith("findings.") for k in d)
    a2, b2 = figures(make(SMALL)), figures(make(SMALL[:3]))
    assert "findings.warning" in deltas(a2, b2)
    assert label("findings.error") == "Errors"
    assert label("headcount") == "Headcount (filled)"
