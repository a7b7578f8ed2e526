"""Generating the STO variant of an organisation, and the functional one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from orgdesigner.cli import cli_transform
from orgdesigner.core import io
from orgdesigner.core.diff import diff
from orgdesigner.core.model import Document
from orgdesigner.core.rules import effective_params, validate
from orgdesigner.core.transform import transform, transform_with_notes
from orgdesigner.resources_path import resource


def make(**data: Any) -> Document:
    return Document.model_validate({"format": "orgdesigner", "version": 1, **data})


FUNCTIONS = [
    {"id": "engineering", "name": "Engineering", "leader": "cto"},
    {"id": "product", "name": "Product", "leader": "cpo"},
    {"id": "design", "name": "Design", "leader": "cdo"},
    {"id": "delivery", "name": "Delivery", "leader": None},
]
ROLES = [
    {"id": "eng", "title": "Engineer", "function": "engineering"},
    {"id": "em", "title": "Engineering Manager", "function": "engineering", "people_manager": True},
    {"id": "pm", "title": "Product Manager", "function": "product"},
    {"id": "gpm", "title": "Group Product Manager", "function": "product", "people_manager": True},
    {"id": "des", "title": "Designer", "function": "design"},
    {"id": "dm", "title": "Delivery Manager", "function": "delivery"},
]


def stool() -> Document:
    """A product group on the three-legged stool.

    Payments: owner Al (EM); engineers Ann and Ed report to Al; product manager
    Pat reports to group PM Gus (product); designer Dee reports to the head of
    design Cdo. Checkout is a sub-team owned by Bo, who reports to Al.
    """
    return make(
        name="Product (stool)",
        default_team_model="functional",
        functions=FUNCTIONS,
        roles=ROLES,
        teams=[
            {"id": "t-pay", "name": "Payments", "owner": "al", "mission": "Pay"},
            {"id": "t-chk", "name": "Checkout", "owner": "bo", "parent": "t-pay", "mission": "Buy"},
        ],
        people=[
            {"id": "cto", "name": "Cy", "role": "em"},
            {"id": "cpo", "name": "Pia", "role": "gpm", "manager": "cto"},
            {"id": "cdo", "name": "Cid", "role": "des", "manager": "cto"},
            {"id": "gus", "name": "Gus", "role": "gpm", "manager": "cpo"},
            {"id": "al", "name": "Al", "role": "em", "manager": "cto", "team": "t-pay"},
            {"id": "ann", "name": "Ann", "role": "eng", "manager": "al", "team": "t-pay"},
            {"id": "ed", "name": "Ed", "role": "eng", "manager": "al", "team": "t-pay"},
            {"id": "pat", "name": "Pat", "role": "pm", "manager": "gus", "team": "t-pay"},
            {"id": "dee", "name": "Dee", "role": "des", "manager": "cdo", "team": "t-pay"},
            {"id": "bo", "name": "Bo", "role": "em", "manager": "al", "team": "t-pay"},
            {"id": "zoe", "name": "Zoe", "role": "eng", "manager": "bo", "team": "t-chk"},
            {
                "id": "pam",
                "name": "Pam",
                "role": "pm",
                "manager": "gus",
                "team": "t-chk",
                "functional_manager": "cpo",
            },
        ],
    )


def managers(doc: Document) -> dict[str, tuple[str | None, str | None]]:
    return {p.id: (p.manager, p.functional_manager) for p in doc.people}


def relabelled(doc: Document) -> Document:
    """``doc`` with every team called STO and nobody's line changed: what STO asks of it."""
    out = doc.model_copy(deep=True)
    out.default_team_model = "sto"
    for t in out.teams:
        t.model = "sto"
    return out


def sto_findings(doc: Document) -> Counter[str]:
    return Counter(
        f.rule
        for f in validate(doc).findings
        if f.rule.startswith("STO-") and not f.waived and f.severity != "info"
    )


# -- to STO -------------------------------------------------------------------------------


def test_to_sto_everyone_reports_to_the_owner_and_keeps_their_craft_line():
    a = stool()
    before = io.dumps(a)
    b = transform(a, "sto")
    assert io.dumps(a) == before  # the input is never changed
    assert b is not a
    got = managers(b)
    # product and design report to the owner; their former managers coach them
    assert got["pat"] == ("al", "gus")
    assert got["dee"] == ("al", "cdo")
    # Pam already had a coach: she keeps Pia rather than getting Gus
    assert got["pam"] == ("bo", "cpo")
    # engineers already reported to the owner
    assert got["ann"] == ("al", None) and got["zoe"] == ("bo", None)
    # people outside teams are untouched
    assert got["cpo"] == ("cto", None) and got["gus"] == ("cpo", None)
    assert b.default_team_model == "sto"
    assert [t.model for t in b.teams] == ["sto", "sto"]
    assert b.name == "Product (stool) (STO variant)"


def test_to_sto_without_a_craft_manager_the_function_leader_coaches():
    a = stool()
    a.people.append(
        a.people[0].model_copy(update={"id": "dora", "name": "Dora", "role": "dm", "manager": None})
    )
    a.person("pat").manager = "dora"  # a delivery manager is not of product
    a.forget_index()
    assert managers(transform(a, "sto"))["pat"] == ("al", "cpo")


def test_to_sto_an_engineer_under_a_tech_lead_needs_no_coach():
    a = stool()
    a.person("ed").manager = "ann"  # same craft as the owner: no functional line is added
    assert managers(transform(a, "sto"))["ed"] == ("al", None)


def test_to_sto_sub_team_owners_report_to_the_parent_owner():
    a = stool()
    a.person("bo").manager = "cto"
    a.person("bo").team = None
    b = transform(a, "sto")
    assert b.person("bo").manager == "al"
    assert b.person("bo").functional_manager is None  # Al is an engineer too


def test_to_sto_embedded_members_are_a_documented_exception():
    a = stool()
    a.person("dee").embedded = True
    assert managers(transform(a, "sto"))["dee"] == ("cdo", None)


def test_to_sto_never_makes_a_loop():
    a = stool()
    a.person("al").manager = "pat"  # the owner reports to a member: Pat cannot report to Al
    result = transform_with_notes(a, "sto")
    assert result.doc.person("pat").manager == "gus"
    assert any("Pat" in n and "loop" in n for n in result.notes)
    assert not validate(result.doc).by_rule("ORG-CYCLE")


def test_to_sto_resolves_the_sto_findings_of_a_relabelled_stool():
    a = stool()
    b = transform(a, "sto")
    before, after = sto_findings(relabelled(a)), sto_findings(b)
    assert before["STO-REPORTS"] >= 3  # Pat, Dee, Pam
    assert after["STO-REPORTS"] == 0
    assert sum(after.values()) < sum(before.values())
    # and the craft line holds: no one managed outside their craft lacks a coach
    assert not validate(b).by_rule("FUNC-COACH")


def test_transforming_twice_changes_nothing_more():
    once = transform(stool(), "sto")
    assert diff(once, transform(once, "sto"), findings=False).is_empty()
    back = transform(stool(), "functional")
    assert diff(back, transform(back, "functional"), findings=False).is_empty()


# -- to functional --------------------------------------------------------------------------


def test_to_functional_product_and_design_go_back_up_their_lines():
    sto = transform(stool(), "sto")
    b = transform(sto, "functional")
    got = managers(b)
    assert got["pat"] == ("gus", None)  # their coach becomes the line manager, cleared as coach
    assert got["dee"] == ("cdo", None)
    assert got["pam"] == ("cpo", None)
    assert got["ann"] == ("al", None) and got["bo"] == ("al", None)  # engineers stay
    assert b.default_team_model == "functional"
    assert all(t.model == "functional" for t in b.teams)
    assert b.name == "Product (stool) (functional variant)"
    # back where the stool started, except Pam, whose coach was Pia (and Checkout,
    # which has no designer, gets an open position: see test_missing_legs...)
    original = managers(stool())
    assert {k: v for k, v in got.items() if k != "pam" and k in original} == {
        k: v for k, v in original.items() if k != "pam"
    }


def test_to_functional_without_a_coach_the_function_leader_takes_them():
    a = transform(stool(), "sto")
    a.person("dee").functional_manager = None
    assert managers(transform(a, "functional"))["dee"] == ("cdo", None)


def test_to_functional_a_function_without_a_leader_leaves_the_person_and_says_so():
    a = transform(stool(), "sto")
    a.people.append(a.person("ann").model_copy(update={"id": "dora", "name": "Dora", "role": "dm"}))
    a.forget_index()
    result = transform_with_notes(a, "functional")
    assert result.doc.person("dora").manager == "al"
    assert any("Dora" in n and "Delivery" in n for n in result.notes)


def test_to_functional_never_makes_a_loop():
    a = transform(stool(), "sto")
    a.person("gus").manager = "pat"  # Pat's coach reports to Pat
    result = transform_with_notes(a, "functional")
    assert result.doc.person("pat").manager == "al"
    assert any("Pat" in n and "loop" in n for n in result.notes)


def test_unknown_model_is_refused():
    with pytest.raises(ValueError):
        transform(stool(), "matrix")  # type: ignore[arg-type]


# -- generated and bundled organisations -------------------------------------------------------


def test_generated_organisation_has_fewer_sto_findings_as_its_sto_variant():
    generate = pytest.importorskip("orgdesigner.core.generate").generate
    a = generate(600, seed=2)
    b = transform(a, "sto")
    assert sum(sto_findings(b).values()) < sum(sto_findings(relabelled(a)).values())
    assert sto_findings(b)["STO-REPORTS"] == 0
    assert not validate(b).by_rule("ORG-CYCLE")


def _example(name: str) -> Path:
    path = resource("examples", name)
    if not path.exists():
        pytest.skip(f"bundled example {name} is not there yet")
    return path


def comparable(x: Document, y: Document) -> list[str]:
    """People whose line the two examples decide the same way.

    A transform never changes who owns a team, so where the two files give a team
    different owners, its members, the owners of its sub-teams and the people
    coached by its owner are left out (today the files agree on every owner).
    """
    same = {t.id for t in x.teams if (y.team(t.id) is not None and y.team(t.id).owner == t.owner)}
    differ_owners = {t.owner for t in x.teams if t.id not in same}
    out = []
    for p in x.people:
        if p.team and p.team not in same:
            continue
        owned = [t for t in x.teams if t.owner == p.id]
        if any(t.id not in same or (t.parent and t.parent not in same) for t in owned):
            continue
        if p.functional_manager in differ_owners:
            continue
        out.append(p.id)
    return out


def test_bundled_stool_example_becomes_the_bundled_sto_example():
    stool_doc = io.load(_example("product-stool.orgd"))
    sto_doc = io.load(_example("product-sto.orgd"))
    result = transform_with_notes(stool_doc, "sto")
    b = result.doc
    people = comparable(stool_doc, sto_doc)
    moved = [p for p in people if stool_doc.person(p).manager != sto_doc.person(p).manager]
    assert len(people) >= 40 and len(moved) >= 10  # the comparison means something
    assert {p: managers(b)[p] for p in people} == {p: managers(sto_doc)[p] for p in people}
    # whoever now reports outside their craft keeps a coach of their craft
    assert not validate(b).by_rule("FUNC-COACH")
    assert sum(sto_findings(b).values()) < sum(sto_findings(relabelled(stool_doc)).values())
    assert not validate(b).by_rule("ORG-CYCLE")


def test_bundled_sto_example_becomes_the_bundled_stool_example():
    stool_doc = io.load(_example("product-stool.orgd"))
    sto_doc = io.load(_example("product-sto.orgd"))
    b = transform(sto_doc, "functional")
    people = comparable(sto_doc, stool_doc)
    moved = [p for p in people if stool_doc.person(p).manager != sto_doc.person(p).manager]
    assert len(people) >= 40 and len(moved) >= 10
    assert {p: managers(b)[p] for p in people} == {p: managers(stool_doc)[p] for p in people}
    # nobody keeps a functional manager who is now their line manager
    assert not [p.id for p in b.people if p.manager and p.manager == p.functional_manager]


# -- command line --------------------------------------------------------------------------


def test_cli_writes_the_variant(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    src, out = tmp_path / "a.orgd", tmp_path / "b.orgd"
    io.save(stool(), src)
    assert cli_transform(str(src), "sto", str(out)) == 0
    written = io.load(out)
    assert managers(written)["pat"] == ("al", "gus")
    said = capsys.readouterr().out
    assert str(out) in said and "3 people change line manager" in said


@pytest.mark.parametrize("case", ["missing", "broken", "bad-model", "same-file", "unwritable"])
def test_cli_fails_with_status_2_and_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
):
    src = tmp_path / "a.orgd"
    io.save(stool(), src)
    out = tmp_path / "b.orgd"
    to = "sto"
    if case == "missing":
        src = tmp_path / "nope.orgd"
    elif case == "broken":
        src.write_text('{"format": "orgdesigner", "version": 1, "people": [{"id": 3}]}')
    elif case == "bad-model":
        to = "matrix"
    elif case == "same-file":
        out = src
    elif case == "unwritable":
        out = tmp_path / "no-such-folder" / "b.orgd"
    assert cli_transform(str(src), to, str(out)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("orgdesigner: ") and "\n" not in err
    if case == "broken":
        assert "people[0].id" in err


# -- drafts a designer would accept ------------------------------------------------------------


def error_keys(doc: Document) -> set[tuple[str, tuple[str, ...]]]:
    return {
        (f.rule, f.subjects)
        for f in validate(doc).findings
        if f.severity == "error" and not f.waived
    }


def spans(doc: Document) -> Counter[str]:
    return Counter(p.manager for p in doc.people if p.manager)


@pytest.mark.parametrize("to", ["sto", "functional"])
@pytest.mark.parametrize("source", ["company-reorg", "generated"])
def test_a_draft_never_brings_an_error_the_original_has_not(to: str, source: str):
    if source == "generated":
        generate = pytest.importorskip("orgdesigner.core.generate").generate
        a = generate(400, seed=5)
    else:
        a = io.load(_example("company-reorg.orgd"))
    result = transform_with_notes(a, to)  # type: ignore[arg-type]
    assert error_keys(result.doc) - error_keys(a) == set()
    assert not [d for d in result.decisions if d.text.startswith("This draft has an error")]


def test_an_owner_of_two_teams_keeps_the_line_of_their_home_team():
    a = io.load(_example("company-reorg.orgd"))
    result = transform_with_notes(a, "sto")
    b = result.doc
    # Kenji Mori owns Booking (his own team, under Omar Haddad) and Carrier Payments
    assert b.person("p-kenji-mori").manager == a.person("p-kenji-mori").manager == "p-omar-haddad"
    assert b.team("t-carrier").model == "functional"  # the other parent keeps its model
    assert b.team("t-booking").model == "sto"
    said = [d for d in result.decisions if "Kenji Mori" in d.reason]
    assert said and said[0].left and "Booking is the team they are on" in said[0].reason
    assert "Carrier Network keeps the functional model" in said[0].text


def test_broken_lines_are_reported_not_repaired():
    a = io.load(_example("company-reorg.orgd"))
    for to in ("sto", "functional"):
        result = transform_with_notes(a, to)  # type: ignore[arg-type]
        b = result.doc
        assert b.person("p-santiago-ruiz").manager == "p-gustavo-lima"  # missing manager
        assert b.person("p-sophie-laurent").manager == "p-ricardo-torres"  # the loop stays
        assert b.person("p-ricardo-torres").manager == "p-sophie-laurent"
        assert validate(b).by_rule("ORG-CYCLE")
    # on a small organisation, a member whose manager is missing keeps them, and it is said
    s = stool()
    s.person("pat").manager = "ghost"
    result = transform_with_notes(s, "sto")
    assert result.doc.person("pat").manager == "ghost"
    note = next(d for d in result.decisions if "pat" in d.subjects)
    assert note.left and "'ghost' is not in the organisation" in note.reason
    # Payments is not switched to STO: Pat's broken line would become STO-REPORTS
    assert result.doc.team("t-pay").model == "functional"
    assert error_keys(result.doc) <= error_keys(s)


@pytest.mark.parametrize("source", ["company-reorg", "generated"])
def test_to_functional_never_pushes_a_manager_over_span_max(source: str):
    if source == "generated":
        a = pytest.importorskip("orgdesigner.core.generate").generate(600, seed=2)
    else:
        a = io.load(_example("company-reorg.orgd"))
    limit = effective_params(a.rules)["span_max"]
    result = transform_with_notes(a, "functional")
    before, after = spans(a), spans(result.doc)
    pushed = {m: n for m, n in after.items() if n > limit and n > before.get(m, 0)}
    assert pushed == {}
    if source == "company-reorg":
        # Routewise's engineers would take the CTO to 14: a manager position opens instead
        opened = [
            d
            for d in result.decisions
            if d.text.startswith("Open a position") and "Routewise" in d.text
        ]
        assert opened and "more than span_max (10)" in opened[0].reason
        vacancy = result.doc.person(opened[0].subjects[0])
        assert vacancy.vacant and vacancy.manager == "p-anders-nilsson"
        assert result.doc.role(vacancy.role).people_manager
        assert sum(1 for p in result.doc.people if p.manager == vacancy.id) >= 2


def test_missing_legs_become_open_positions_of_the_right_role():
    # to functional: Checkout has no designer; the position reports up Design
    result = transform_with_notes(stool(), "functional")
    b = result.doc
    opened = [p for p in b.people if p.vacant and p.team == "t-chk"]
    assert [(p.role, p.manager) for p in opened] == [("des", "cdo")]
    # to STO: a team with members and no owner gets an owner position, and they report to it
    s = stool()
    s.default_team_model = "sto"
    s.team("t-chk").owner = None
    s.team("t-chk").model = "sto"
    result = transform_with_notes(s, "sto")
    owner = result.doc.person(result.doc.team("t-chk").owner)
    assert owner is not None and owner.vacant and owner.role == "em"
    assert result.doc.person("zoe").manager == owner.id
    assert any("has members and no owner" in d.reason for d in result.decisions)
    # a team not on STO yet keeps its model until the position is filled
    s2 = stool()
    s2.team("t-chk").owner = None
    result = transform_with_notes(s2, "sto")
    assert result.doc.team("t-chk").model == "functional"
    assert error_keys(result.doc) <= error_keys(s2)


def test_function_heads_who_lose_their_reports_stay_functional_managers():
    a = io.load(_example("product-stool.orgd"))
    result = transform_with_notes(a, "sto")
    texts = [d.text for d in result.decisions]
    assert any(
        t.startswith("Mei Lin no longer has line reports and stays functional manager of")
        for t in texts
    )


def test_cli_explain_prints_each_decision_and_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    src, out = tmp_path / "a.orgd", tmp_path / "b.orgd"
    io.save(stool(), src)
    assert cli_transform(str(src), "sto", str(out), explain=True) == 0
    said = capsys.readouterr().out
    assert "Decisions (" in said
    assert "- Pat now reports to Al (was Gus)" in said
    assert "    because on an STO team everyone reports to its owner (Payments)" in said
