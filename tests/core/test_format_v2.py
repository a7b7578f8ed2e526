"""Format version 2: grades, cost, budgets, service teams, and the migration from 1."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from core_helpers import healthy, healthy_data, index_is_current, org
from test_ops import apply_and_undo, refused

from orgdesigner.core import io, ops
from orgdesigner.core.measures import LeaderLoad, leader_load, leader_loads, person_grade
from orgdesigner.core.model import CURRENT_VERSION, Document
from orgdesigner.core.rules.index import Index

DATA = Path(__file__).resolve().parents[1] / "data"
V1_FILES = sorted(DATA.glob("v1-*.orgd")) + [DATA / "healthy.orgd"]

GRADES = [{"id": f"g{i}", "name": n} for i, n in enumerate(["Associate", "Senior", "Lead"], 1)]


def v2_data() -> dict:
    data = copy.deepcopy(healthy_data())
    data["currency"] = "EUR"
    data["grades"] = copy.deepcopy(GRADES)
    for r in data["roles"]:
        for i, level in enumerate(r["levels"]):
            level["grade"] = f"g{i + 1}"
            level["cost"] = 100_000 + 10_000 * i
    data["people"][0]["cost"] = 250_000.5
    data["teams"].append(
        {
            "id": "t-svc",
            "name": "Design studio",
            "model": "service",
            "owner": "cdo",
            "serves": ["t-a", "t-b"],
            "budget": 600000,
        }
    )
    data["rules"] = {
        "params": {"owner_min_grade": "g2", "standards_min_grade": "", "leader_load_max": 12}
    }
    return data


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.name)
def test_each_bundled_version_1_file_opens_unchanged(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 1
    doc = io.load(path)
    assert doc.version == CURRENT_VERSION == 2
    # The migration changed the version and nothing else.
    assert doc == Document.model_validate(raw | {"version": 2})
    saved = json.loads(io.dumps(doc))
    assert saved["version"] == 2
    assert io.loads(io.dumps(doc)) == doc


def test_a_version_2_file_round_trips_every_new_field():
    text = json.dumps(v2_data())
    doc = io.loads(text)
    assert doc.currency == "EUR"
    assert [g.name for g in doc.grades] == ["Associate", "Senior", "Lead"]
    assert doc.team("t-svc").model == "service" and doc.team("t-svc").serves == ["t-a", "t-b"]
    assert doc.team("t-svc").budget == 600000
    assert doc.person("cto").cost == 250_000.5
    assert doc.rules.params.owner_min_grade == "g2"
    again = json.loads(io.dumps(doc))
    # Whole numbers stay whole: a cost of 100000 is not written back as 100000.0.
    assert again["roles"][0]["levels"][0]["cost"] == 100000
    assert isinstance(again["roles"][0]["levels"][0]["cost"], int)
    assert io.loads(io.dumps(doc)) == doc


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["rules"]["params"].update(owner_min_grade="g9"), "owner_min_grade"),
        (lambda d: d["rules"]["params"].update(standards_min_grade="x"), "standards_min_grade"),
        (lambda d: d["grades"].append({"id": "g1"}), "grades[3].id"),
        (lambda d: d["people"][0].update(cost=-1), "people[0].cost"),
        (lambda d: d["teams"][0].update(budget="lots"), "teams[0].budget"),
        (lambda d: d.update(currency="eur"), "currency"),
        (lambda d: d["teams"][0].update(model="matrix"), "teams[0].model"),
        (lambda d: d["rules"]["params"].update(leader_load_max=-2), "leader_load_max"),
    ],
)
def test_bad_version_2_values_are_load_errors_naming_the_place(change, where):
    data = v2_data()
    change(data)
    with pytest.raises(io.LoadError) as info:
        io.parse(data)
    assert where in str(info.value)


def test_an_empty_grade_parameter_switches_the_check_off_and_loads():
    data = v2_data()
    data["rules"]["params"]["owner_min_grade"] = ""
    assert io.parse(data).rules.params.owner_min_grade == ""


def test_the_app_writes_version_2_even_for_a_document_read_as_1():
    doc = org(people=["a"])
    doc.version = 1
    assert json.loads(io.dumps(doc))["version"] == 2


# -- operations ---------------------------------------------------------------------------


@pytest.fixture
def v2() -> Document:
    return io.parse(v2_data())


def test_grade_edits_apply_and_undo(v2):
    apply_and_undo(v2, ops.add_grade(v2, "Principal"))
    assert [g.name for g in v2.grades][-1] == "Principal"
    apply_and_undo(v2, ops.rename_grade(v2, "g1", "Junior"))
    apply_and_undo(v2, ops.move_grade(v2, "g3", 0))
    assert v2.grades[0].id == "g3"


def test_removing_a_grade_clears_the_levels_and_parameters_naming_it(v2):
    apply_and_undo(v2, ops.remove_grade(v2, "g2"))
    assert "g2" not in {g.id for g in v2.grades}
    assert all(lv.grade != "g2" for r in v2.roles for lv in r.levels)
    assert v2.rules.params.owner_min_grade == ""
    assert io.loads(io.dumps(v2)) == v2  # still a file that opens


def test_grade_edits_that_would_break_the_file_are_refused(v2):
    assert "g2" in refused(v2, ops.SetField("document", None, "grades", []))
    assert "already used" in refused(v2, ops.add_grade(v2, "Again", id_="g1"))
    assert "no grade" in refused(v2, ops.set_rule_param(v2, "owner_min_grade", "nope"))
    with pytest.raises(ops.OpRefused, match="no grade"):
        ops.set_level_grade(v2, "eng", "L1", "nope")
    with pytest.raises(ops.OpRefused, match="no level L9"):
        ops.set_level_grade(v2, "eng", "L9", "g1")


def test_level_person_team_and_document_cost_edits_apply_and_undo(v2):
    apply_and_undo(v2, ops.set_level_grade(v2, "eng", "L1", "g3"))
    assert v2.role("eng").levels[0].grade == "g3"
    apply_and_undo(v2, ops.set_level_cost(v2, "eng", "L1", 90000))
    apply_and_undo(v2, ops.set_person_cost(v2, "a1", 80000))
    apply_and_undo(v2, ops.set_team_budget(v2, "t-a", 1_000_000))
    apply_and_undo(v2, ops.set_currency(v2, "usd"))
    assert v2.currency == "USD"
    assert "cost" in refused(v2, ops.set_person_cost(v2, "a1", -5))
    assert refused(v2, ops.set_currency(v2, "dollars"))


def test_service_team_edits_apply_and_undo(v2):
    apply_and_undo(v2, ops.unserve(v2, "t-svc", "t-b"))
    assert v2.team("t-svc").serves == ["t-a"]
    apply_and_undo(v2, ops.serve(v2, "t-svc", "t-lead"))
    with pytest.raises(ops.OpRefused, match="already serves"):
        ops.serve(v2, "t-svc", "t-lead")
    with pytest.raises(ops.OpRefused, match="not a service team"):
        ops.serve(v2, "t-a", "t-b")
    with pytest.raises(ops.OpRefused, match="itself"):
        ops.serve(v2, "t-svc", "t-svc")
    # A team that stops being a service team stops serving, in one undoable step.
    apply_and_undo(v2, ops.set_team_model(v2, "t-svc", "sto"))
    assert v2.team("t-svc").serves == []
    assert index_is_current(v2)


def test_rule_parameters_apply_and_undo(v2):
    apply_and_undo(v2, ops.set_rule_param(v2, "leader_load_max", 20))
    assert v2.rules.params.leader_load_max == 20
    apply_and_undo(v2, ops.set_rule_param(v2, "standards_min_grade", "g3"))
    with pytest.raises(ops.OpRefused, match="leader_load_max"):
        ops.set_rule_param(v2, "leader_load_max", -1)
    with pytest.raises(ops.OpRefused, match="no_such_param"):
        ops.set_rule_param(v2, "no_such_param", 1)


# -- grade and load ------------------------------------------------------------------------


def test_a_persons_grade_is_their_levels_grade(v2):
    assert person_grade(v2, "cto").name == "Lead"  # level L3
    assert person_grade(v2, "a1").name == "Associate"  # level L1
    assert person_grade(v2, "em-a") is None  # no level
    assert person_grade(v2, "ghost") is None


def test_leader_load_has_four_parts():
    doc = healthy()
    # cto: 8 direct reports, coaches x (who reports elsewhere) and owns 5 engineering
    # standards; owns t-lead and a second, unrelated team.
    doc = io.parse(
        healthy_data()
        | {
            "teams": [*healthy_data()["teams"], {"id": "t-x", "name": "X", "owner": "cto"}],
            "people": [
                *healthy_data()["people"],
                {"id": "x", "manager": "em-a", "functional_manager": "cto"},
                {"id": "y", "manager": "cto", "functional_manager": "cto"},
            ],
        }
    )
    expected = LeaderLoad(reports=9, coached=1, standards=5, extra_teams=1)
    assert leader_load(doc, "cto") == expected
    assert leader_load(doc, "cto", Index(doc)) == expected
    assert expected.total == 16
    assert "9 direct reports" in expected.describe()
    assert leader_loads(doc)["cto"] == expected
    assert leader_load(doc, "a1") == LeaderLoad()
