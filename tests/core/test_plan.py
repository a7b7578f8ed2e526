"""The transition plan: steps that give B, in waves that make no loop and no new error."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from core_helpers import draw_op, healthy, org, person, random_docs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.cli import cli_plan
from orgdesigner.core import io, ops
from orgdesigner.core.diff import diff
from orgdesigner.core.model import Document
from orgdesigner.core.plan import IMPACT_KEYS, apply_plan, apply_steps, plan
from orgdesigner.core.rules import validate
from orgdesigner.resources_path import resource


def errors(doc: Document) -> set[tuple[str, tuple[str, ...]]]:
    return {
        (f.rule, f.subjects)
        for f in validate(doc).findings
        if f.severity == "error" and not f.waived
    }


def has_loop(doc: Document) -> bool:
    """True if the line-manager chain or the team parent chain loops anywhere."""
    for kind, up in (("person", "manager"), ("team", "parent")):
        items = doc.by_id(kind)
        for start in items:
            seen: set[str] = set()
            cur: str | None = start
            while cur and cur in items:
                if cur in seen:
                    return True
                seen.add(cur)
                cur = getattr(items[cur], up)
    return False


def edited(draw: Any, a: Document, n: int) -> Document:
    """``a`` after up to ``n`` random edits of the editor (refused ones are skipped)."""
    b = a.model_copy(deep=True)
    b.forget_index()
    for _ in range(n):
        with contextlib.suppress(ops.OpRefused):
            draw_op(draw, b).apply(b)
    b.forget_index()
    return b


@st.composite
def pairs(draw: Any) -> tuple[Document, Document]:
    a = draw(random_docs())
    return a, edited(draw, a, draw(st.integers(0, 12)))


@st.composite
def clean_pairs(draw: Any) -> tuple[Document, Document]:
    """A loop-free organisation and a variant of it (the editor refuses loops)."""
    a = healthy()
    return a, edited(draw, a, draw(st.integers(1, 25)))


def wave_states(a: Document, p) -> list[Document]:
    out, done = [], []
    for w in p.waves:
        done += w.steps
        out.append(apply_steps(a, done))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_applying_every_wave_to_a_gives_b(pair: tuple[Document, Document]):
    a, b = pair
    before = io.dumps(a)
    p = plan(a, b)
    d = diff(a, b, findings=False)
    # every change of the diff is exactly one step
    assert len(p.steps) == len(d.added) + len(d.removed) + len(d.changed) + len(d.document)
    assert len({(s.kind, s.id) for s in p.steps}) == len(p.steps)
    assert diff(apply_plan(a, p), b, findings=False).is_empty()
    assert io.dumps(a) == before  # A is never changed
    # no wave leaves an error finding that neither A nor B has, checked by a full validation
    allowed = errors(a) | errors(b)
    for w, state in zip(p.waves, wave_states(a, p), strict=True):
        assert {(f.rule, f.subjects) for f in w.new_errors} == errors(state) - allowed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clean_pairs())
def test_no_step_makes_a_loop(pair: tuple[Document, Document]):
    a, b = pair
    assert not has_loop(b)
    p = plan(a, b)
    looped: list[str] = []
    apply_steps(a, p.steps, lambda s, doc: looped.append(s.text) if has_loop(doc) else None)
    assert looped == []


def swap() -> tuple[Document, Document]:
    """Mo reports to Yan in A; in B Yan reports to Mo, who now owns the team."""
    teams = [{"id": "t", "name": "Core", "owner": "yan", "mission": "Run", "model": "sto"}]
    a = org(
        people=[
            person("top", None, None, None),
            person("yan", None, "top", "t"),
            person("mo", None, "yan", "t"),
            person("ann", None, "yan", "t"),
        ],
        teams=teams,
    )
    b = org(
        people=[
            person("top", None, None, None),
            person("yan", None, "mo", "t"),
            person("mo", None, "top", "t"),
            person("ann", None, "mo", "t"),
        ],
        teams=[{**teams[0], "owner": "mo"}],
    )
    return a, b


def test_a_promotion_over_the_old_boss_never_makes_a_loop_or_an_error():
    a, b = swap()
    p = plan(a, b)
    looped: list[str] = []
    apply_steps(a, p.steps, lambda s, doc: looped.append(s.id) if has_loop(doc) else None)
    assert looped == []
    assert all(not w.new_errors for w in p.waves)
    # the new owner and the people who now report to them move with the team
    first = p.waves[0]
    assert first.name == "Create the new teams and their owners"
    assert {s.id for s in first.steps} == {"t", "mo", "yan", "ann"}
    assert [s.id for s in first.steps if s.kind == "person"][0] == "mo"  # top-down
    assert p.impact["new_owners"] == ["mo"]
    assert p.impact["manager_to_ic"] == ["yan"] and p.impact["ic_to_manager"] == ["mo"]
    # the top loses Yan and gains Mo as a direct report
    assert set(p.impact["lose_reports"]) == {"top", "yan"}
    assert set(p.impact["gain_reports"]) == {"top", "mo"}


def test_stool_to_sto_moves_people_before_the_teams_switch():
    a = io.load(resource("examples", "product-stool.orgd"))
    b = io.load(resource("examples", "product-sto.orgd"))
    p = plan(a, b)
    names = [w.name for w in p.waves]
    assert names.index("Move people, top-down") < names.index(
        "Switch teams to single-threaded ownership"
    )
    assert names[-1] == "Adopt the new settings"
    assert all(not w.new_errors and not w.note for w in p.waves)
    assert diff(apply_plan(a, p), b, findings=False).is_empty()
    # the heads of product and design lose their line reports and keep their crafts
    assert {"p-mei-lin", "p-ines-moreau"} <= set(p.impact["manager_to_ic"])
    said = " ".join(p.notes)
    assert "Mei Lin no longer has line reports but stays functional manager" in said
    mei = [text for sec in p.by_manager() for pid, text in sec.lines if pid == "p-mei-lin"]
    assert mei and "stays functional manager" in mei[0]


def test_impact_lists_hires_and_leavers():
    a = healthy()
    b = a.model_copy(deep=True)
    b.forget_index()
    ops.delete_person(b, "a4").apply(b)
    ops.add_vacancy(b, "eng", team="t-a").apply(b)
    ops.move_to_team(b, "b3", "t-a").apply(b)
    p = plan(a, b)
    assert p.impact["leaving"] == ["a4"]
    assert p.impact["hires"] == ["vacancy-eng"]
    assert p.impact["team"] == ["b3"] and p.impact["line_manager"] == ["b3"]
    assert "em-a" in p.impact["gain_reports"] and "em-b" in p.impact["lose_reports"]
    texts = [s.text for s in p.steps]
    assert "A4 leaves (from Payments)" in texts
    assert "Open a position: Open: ENG on Payments, reporting to Em A" in texts
    sections = {sec.name: [t for _, t in sec.lines] for sec in p.by_manager()}
    assert any("B3" in t for t in sections["Em A"])  # under B's line manager


def test_json_is_the_object_of_the_format(tmp_path, capsys):
    a, b = swap()
    io.save(a, tmp_path / "a.orgd")
    io.save(b, tmp_path / "b.orgd")
    assert cli_plan(str(tmp_path / "a.orgd"), str(tmp_path / "b.orgd"), "json") == 0
    got = json.loads(capsys.readouterr().out)
    assert got["from"].endswith("a.orgd") and got["to"].endswith("b.orgd")
    assert list(got["impact"]) == list(IMPACT_KEYS)
    wave = got["waves"][0]
    assert {"name", "steps", "new_errors"} <= set(wave)
    step = wave["steps"][0]
    assert {"kind", "id", "action", "fields", "text"} <= set(step)
    assert step["action"] in ("add", "remove", "change")
    assert all(isinstance(v, list) and len(v) == 2 for v in step["fields"].values())


def test_identical_variants_make_an_empty_plan(capsys, tmp_path):
    a = healthy()
    p = plan(a, a.model_copy(deep=True))
    assert p.is_empty() and p.waves == []
    assert "Nothing to do" in p.to_text()


def test_a_generated_reorganisation_moves_top_down_without_a_loop():
    import random

    generate = pytest.importorskip("orgdesigner.core.generate").generate
    a = generate(250, seed=4)
    b = a.model_copy(deep=True)
    b.forget_index()
    rng = random.Random(4)
    managers = sorted({p.manager for p in b.people if p.manager})
    moved = 0
    while moved < 40:  # managers and their teams change places, loops refused
        op = ops.set_manager(b, rng.choice(managers), rng.choice(managers))
        with contextlib.suppress(ops.OpRefused):
            op.apply(b)
            moved += 1
    p = plan(a, b)
    looped: list[str] = []
    apply_steps(a, p.steps, lambda s, doc: looped.append(s.id) if has_loop(doc) else None)
    assert looped == []
    assert diff(apply_plan(a, p), b, findings=False).is_empty()
    assert all(not w.new_errors for w in p.waves)


def test_unrelated_variants_bring_steps_forward_and_say_why():
    a = io.load(resource("examples", "product-sto.orgd"))
    b = io.load(resource("examples", "company-reorg.orgd"))
    p = plan(a, b)
    assert diff(apply_plan(a, p), b, findings=False).is_empty()
    assert all(not w.new_errors for w in p.waves)
    first = p.waves[0]
    assert first.note.startswith("brought forward: ")
    assert "an error neither variant has" in first.note
    allowed = errors(a) | errors(b)
    for w, state in zip(p.waves, wave_states(a, p), strict=True):
        assert errors(state) - allowed == set(), w.name


def test_a_new_manager_that_b_names_but_removed_goes_before_the_move_that_points_at_it():
    # In A, Pe1 reports to the CTO; in B the CTO reports to Pe1, who has left (B keeps
    # the dangling reference). Moving the CTO under Pe1 first would close a loop.
    a = healthy()
    b = a.model_copy(deep=True)
    b.forget_index()
    for pid in ("cto", "cpo", "cdo", "pe2"):
        b.person(pid).manager = "pe1"
    b.team("t-lead").owner = "pe1"
    b.people = [p for p in b.people if p.id != "pe1"]
    b.forget_index()
    p = plan(a, b)
    looped: list[str] = []
    apply_steps(a, p.steps, lambda s, doc: looped.append(s.text) if has_loop(doc) else None)
    assert looped == []
    assert diff(apply_plan(a, p), b, findings=False).is_empty()
