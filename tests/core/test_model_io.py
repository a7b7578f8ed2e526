"""Loading and saving .orgd files: every refusal names its place, saves are atomic
and deterministic, and what we write we read back unchanged."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from core_helpers import bounds_in_order, healthy, healthy_data, org, org_data
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import io, model
from orgdesigner.core.catalogue import RULE_IDS
from orgdesigner.core.model import Document

DATA = Path(__file__).resolve().parents[1] / "data"


def load_error(text: str | bytes | dict[str, Any]) -> io.LoadError:
    if isinstance(text, dict):
        text = json.dumps(text)
    with pytest.raises(io.LoadError) as info:
        io.loads(text)
    return info.value


def people_data(*people: dict[str, Any]) -> dict[str, Any]:
    return org_data(people=list(people))


# -- refusals ---------------------------------------------------------------------


def test_bad_json_names_line_and_column():
    err = load_error('{\n  "format": "orgdesigner",\n  "version": 1,,\n}')
    assert "line 3, column 16" in str(err)  # the second comma
    assert "not valid JSON" in str(err)


def test_wrong_type_names_the_json_path():
    err = load_error(people_data({"id": "a"}, {"id": "b", "vacant": "yes"}))
    assert err.path == "people[1].vacant"
    assert str(err).startswith("people[1].vacant: ")
    assert '"yes"' in str(err)


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (people_data({"id": "a", "manager": 5}), "people[0].manager"),
        (people_data({"id": "a", "tags": [1]}), "people[0].tags[0]"),
        (people_data({"id": ""}), "people[0].id"),
        (org_data(teams=[{"id": "t", "model": "matrix"}]), "teams[0].model"),
        (
            org_data(functions=[{"id": "f", "standards": {"hiring": 3}}]),
            "functions[0].standards.hiring",
        ),
        (org_data(rules={"params": {"span_min": "3"}}), "rules.params.span_min"),
        (org_data(rules={"params": {"span_min": -1}}), "rules.params.span_min"),
        (org_data(rules={"severity": {"ORG-REF": "fatal"}}), "rules.severity.ORG-REF"),
        (org_data(view={"positions": {"people": {"a": [1]}}}), "view.positions.people.a"),
        ({"format": "orgdesigner", "version": 1, "people": {}}, "people"),
    ],
)
def test_every_type_error_names_its_place(data, path):
    err = load_error(data)
    assert err.path == path
    assert str(err).startswith(path + ": ")


def test_several_problems_report_the_first_and_count_the_rest():
    err = load_error(people_data({"id": "a", "vacant": 1}, {"id": "b", "embedded": 2}))
    assert err.path == "people[0].vacant"
    assert "and 1 more problem" in str(err)


@pytest.mark.parametrize("kind", ["people", "teams", "roles", "functions"])
def test_duplicate_ids_are_refused_with_both_places(kind):
    err = load_error(org_data(**{kind: [{"id": "x"}, {"id": "y"}, {"id": "x"}]}))
    assert err.path == f"{kind}[2].id"
    assert "duplicate" in str(err) and f"{kind}[0]" in str(err)


def test_the_same_id_in_two_lists_is_fine():
    doc = org(people=["x"], teams=["x"], roles=["x"], functions=["x"])
    assert doc.person("x") and doc.team("x") and doc.role("x") and doc.function("x")


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"format": "orgdesigner", "version": 1, "peple": []}, "peple"),
        (people_data({"id": "a", "mgr": "b"}), "people[0].mgr"),
        (org_data(teams=[{"id": "t", "owners": "a"}]), "teams[0].owners"),
        (
            org_data(roles=[{"id": "r", "levels": [{"code": "L1", "pay": 3}]}]),
            "roles[0].levels[0].pay",
        ),
        (org_data(rules={"params": {"span_mn": 3}}), "rules.params.span_mn"),
        (org_data(rules={"ignore": []}), "rules.ignore"),
        (org_data(view={"zoom": 2}), "view.zoom"),
    ],
)
def test_unknown_keys_are_refused_at_every_level(data, path):
    err = load_error(data)
    assert err.path == path
    assert "unknown field" in str(err)


@pytest.mark.parametrize(
    ("rules", "path"),
    [
        ({"severity": {"ORG-FOO": "error"}}, "rules.severity"),
        ({"disabled": ["STO-REPORT"]}, "rules.disabled"),
        (
            {"waivers": [{"rule": "ORG-FOO", "subject": "a", "reason": "r"}]},
            "rules.waivers[0].rule",
        ),
    ],
)
def test_unknown_rule_ids_are_refused(rules, path):
    err = load_error(org_data(rules=rules))
    assert err.path == path
    assert "unknown rule ID" in str(err)


def test_a_waiver_needs_a_real_reason():
    err = load_error(
        org_data(rules={"waivers": [{"rule": "ORG-REF", "subject": "a", "reason": "   "}]})
    )
    assert err.path == "rules.waivers[0].reason"
    assert "reason" in str(err)


@pytest.mark.parametrize(
    ("top", "words"),
    [
        ({"version": 1}, '"format" is missing'),
        ({"format": "orgchart", "version": 1}, '"format" is "orgchart"'),
        ({"format": 7, "version": 1}, '"format" is 7'),
    ],
)
def test_a_foreign_format_is_not_ours(top, words):
    err = load_error(top)
    assert "not an orgdesigner document" in str(err) and words in str(err)
    assert err.path == "format"


def test_a_newer_version_asks_for_an_upgrade():
    err = load_error({"format": "orgdesigner", "version": model.CURRENT_VERSION + 1})
    assert "newer orgdesigner" in str(err) and "upgrade" in str(err)
    assert err.path == "version"


@pytest.mark.parametrize("version", [0, -3])
def test_version_zero_or_less_is_invalid(version):
    err = load_error({"format": "orgdesigner", "version": version})
    assert err.path == "version" and "not a valid version" in str(err)


@pytest.mark.parametrize("version", [None, "1", 1.0, True])
def test_version_must_be_an_integer(version):
    data: dict[str, Any] = {"format": "orgdesigner"}
    if version is not None:
        data["version"] = version
    err = load_error(data)
    assert err.path == "version" and "integer" in str(err)


@pytest.mark.parametrize("text", ["[]", '"orgdesigner"', "3", "null"])
def test_top_level_must_be_an_object(text):
    assert "top level must be a JSON object" in str(load_error(text))


def test_text_that_is_not_utf8_is_refused():
    raw = b'{"format": "orgdesigner", "version": 1, "name": "Caf\xe9"}'  # Latin-1
    assert "not UTF-8" in str(load_error(raw))


def test_a_utf8_file_with_non_ascii_text_loads():
    doc = io.loads(json.dumps(org_data(name="Café Ωmega 組織"), ensure_ascii=False).encode())
    assert doc.name == "Café Ωmega 組織"


def test_a_huge_name_is_a_clear_error_not_a_crash():
    err = load_error(people_data({"id": "a", "name": "x" * 1_000_000}))
    assert err.path == "people[0].name"
    assert "at most 500 characters" in str(err)
    assert len(str(err)) < 200  # the value is not echoed back whole


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "orgdesigner", "version": 1' + "0" * 5000 + "}",
        '{"format": "orgdesigner", "version": 1, "rules": {"params": {"span_min": 9'
        + "9" * 5000
        + "}}}",
    ],
)
def test_a_number_too_long_to_read_is_a_clear_error(text):
    assert "number" in str(load_error(text))


@pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(word):
    """Python's json reads them; no other JSON tool does, and NaN never equals itself."""
    text = (
        '{"format": "orgdesigner", "version": 1, "view": {"positions": '
        '{"people": {"a": [' + word + ", 1]}}}}"
    )
    err = load_error(text)
    assert err.path == "view.positions.people.a[0]"
    assert "finite number" in str(err) and word in str(err)


def test_deep_nesting_is_a_clear_error():
    text = '{"format": "orgdesigner", "version": 1, "name": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert "nested too deeply" in str(load_error(text))


def test_a_missing_file(tmp_path):
    with pytest.raises(io.LoadError, match="no such file") as info:
        io.load(tmp_path / "nope.orgd")
    assert "nope.orgd" in str(info.value)


def test_a_directory(tmp_path):
    with pytest.raises(io.LoadError, match="is a folder"):
        io.load(tmp_path)


def test_dangling_references_load_fine():
    doc = org(
        people=[
            {
                "id": "a",
                "manager": "ghost",
                "team": "t-ghost",
                "role": "r-ghost",
                "function": "f-ghost",
                "functional_manager": "ghost2",
            }
        ],
        teams=[
            {"id": "t", "owner": "ghost", "parent": "t-ghost", "required_functions": ["f-ghost"]}
        ],
        roles=[{"id": "r", "function": "f-ghost"}],
        functions=[{"id": "f", "leader": "ghost", "standards": {"hiring": "ghost"}}],
    )
    assert doc.person("a").manager == "ghost"
    assert doc.person("ghost") is None


def test_golden_file_loads(tmp_path):
    # healthy.orgd is a version-1 file: saving it changes the version and nothing else.
    doc = io.load(DATA / "healthy.orgd")
    old = (DATA / "healthy.orgd").read_text(encoding="utf-8")
    assert '"version": 1,' in old
    assert io.dumps(doc) == old.replace('"version": 1,', '"version": 2,', 1)
    assert doc == healthy()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("broken-json.orgd", "line 5, column 1"),
        ("broken-type.orgd", "people[1].vacant"),
        ("broken-duplicate.orgd", "duplicate person ID 'p-1'"),
        ("broken-unknown-key.orgd", "people[0].mgr: unknown field"),
        ("broken-newer.orgd", "newer orgdesigner"),
    ],
)
def test_broken_files_say_why(name, words):
    with pytest.raises(io.LoadError) as info:
        io.load(DATA / name)
    assert words in str(info.value)
    assert str(info.value).startswith(str(DATA / name) + ": ")


# -- saving ---------------------------------------------------------------------------


def test_save_writes_what_dumps_says_and_loads_back(tmp_path):
    doc = healthy()
    target = tmp_path / "org.orgd"
    io.save(doc, target)
    assert target.read_text(encoding="utf-8") == io.dumps(doc)
    assert io.load(target) == doc


def test_output_is_deterministic_with_a_newline_at_the_end():
    first, second = io.dumps(healthy()), io.dumps(healthy())
    assert first == second
    assert first.endswith("}\n") and not first.endswith("\n\n")


def test_keys_are_in_the_format_order_whatever_the_input_order():
    data = healthy_data()
    shuffled = dict(reversed(list(data.items())))
    shuffled["people"] = [dict(reversed(list(p.items()))) for p in data["people"]]
    text = io.dumps(io.parse(shuffled))
    assert text == io.dumps(io.parse(data))
    top = list(json.loads(text))
    assert top[:2] == ["format", "version"]
    assert top == [k for k in Document.model_fields if k in top]
    person_keys = list(json.loads(text)["people"][0])
    assert person_keys == [k for k in model.Person.model_fields if k in person_keys]


def test_defaults_are_left_out():
    data = json.loads(io.dumps(org(people=[{"id": "a", "vacant": False, "tags": []}])))
    assert data == {"format": "orgdesigner", "version": 2, "people": [{"id": "a"}]}


def test_non_ascii_is_written_as_text():
    assert "Café" in io.dumps(org(name="Café"))


def test_save_keeps_the_previous_file_as_bak(tmp_path):
    target = tmp_path / "org.orgd"
    io.save(org(name="first"), target)
    assert not (tmp_path / "org.orgd.bak").exists()
    io.save(org(name="second"), target)
    assert io.load(tmp_path / "org.orgd.bak").name == "first"
    assert io.load(target).name == "second"


def test_a_failing_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "org.orgd"
    io.save(org(name="old"), target)
    before = target.read_bytes()

    real_replace = os.replace

    def broken_replace(src, dst, *args, **kwargs):
        if Path(dst) == target:
            raise OSError(28, "No space left on device")
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(io.os, "replace", broken_replace)
    with pytest.raises(io.SaveError, match="No space left"):
        io.save(org(name="new"), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.orgd", "org.orgd.bak"]


def test_a_failing_fsync_leaves_the_old_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "org.orgd"
    io.save(org(name="old"), target)
    before = target.read_bytes()
    monkeypatch.setattr(io.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O")))
    with pytest.raises(io.SaveError):
        io.save(org(name="new"), target)
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_saving_into_a_missing_folder_is_a_save_error(tmp_path):
    with pytest.raises(io.SaveError, match="cannot write"):
        io.save(org(), tmp_path / "no" / "such" / "org.orgd")


def test_saving_over_a_folder_is_a_save_error(tmp_path):
    (tmp_path / "org.orgd").mkdir()
    with pytest.raises(io.SaveError):
        io.save(org(), tmp_path / "org.orgd")
    assert (tmp_path / "org.orgd").is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_save_keeps_the_file_mode(tmp_path):
    target = tmp_path / "org.orgd"
    io.save(org(name="old"), target)
    target.chmod(0o644)
    io.save(org(name="new"), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_new_file_is_readable_as_the_umask_allows(tmp_path):
    old = os.umask(0o022)
    try:
        io.save(org(), tmp_path / "org.orgd")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "org.orgd").stat().st_mode) == 0o644


# -- round trip of random documents ----------------------------------------------------

# Control characters are removed on the way in (tests/core/test_text_is_data.py).
plain = st.characters(exclude_categories=("Cc", "Cs"))
short = st.text(plain, max_size=12)
ids = st.text(plain, min_size=1, max_size=8)
refs = st.one_of(st.none(), st.just(""), ids)
finite = st.floats(allow_nan=False, allow_infinity=False, width=32)


def unique_list(strategy: st.SearchStrategy[dict[str, Any]], max_size: int = 5):
    return st.lists(strategy, max_size=max_size, unique_by=lambda d: d["id"])


def some(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts with ``id`` and any subset of ``fields``: a file states only some of them."""
    required = {"id": ids}
    return st.fixed_dictionaries(required, optional=fields)


documents = st.fixed_dictionaries(
    {"format": st.just("orgdesigner"), "version": st.just(1)},
    optional={
        "name": short,
        "description": short,
        "default_team_model": st.sampled_from(["sto", "functional"]),
        "functions": unique_list(
            some(name=short, leader=refs, standards=st.dictionaries(short, refs, max_size=3))
        ),
        "roles": unique_list(
            some(
                title=short,
                function=refs,
                people_manager=st.booleans(),
                purpose=short,
                responsibilities=st.lists(short, max_size=3),
                levels=st.lists(
                    st.fixed_dictionaries(
                        {"code": ids}, optional={"title": short, "expectations": short}
                    ),
                    max_size=3,
                    unique_by=lambda level: level["code"],
                ),
            )
        ),
        "teams": unique_list(
            some(
                name=short,
                mission=short,
                owner=refs,
                parent=refs,
                model=st.sampled_from([None, "sto", "functional"]),
                required_functions=st.one_of(st.none(), st.lists(short, max_size=3)),
            )
        ),
        "people": unique_list(
            some(
                name=short,
                role=refs,
                level=refs,
                function=refs,
                manager=refs,
                functional_manager=refs,
                team=refs,
                embedded=st.booleans(),
                vacant=st.booleans(),
                tags=st.lists(short, max_size=3),
            ),
            max_size=8,
        ),
        "rules": st.fixed_dictionaries(
            {},
            optional={
                "params": st.fixed_dictionaries(
                    {},
                    optional={
                        "span_min": st.integers(0, 50),
                        "team_max": st.integers(0, 50),
                        "triad": st.lists(short, max_size=3),
                        "function_standards": st.dictionaries(
                            short, st.lists(short, max_size=2), max_size=2
                        ),
                        "ratios": st.lists(
                            st.fixed_dictionaries(
                                {"numerator": ids, "denominator": ids},
                                optional={
                                    "min": st.one_of(st.none(), finite, st.integers(0, 20)),
                                    "max": st.one_of(st.none(), finite),
                                },
                            ),
                            max_size=2,
                        ),
                    },
                ).filter(bounds_in_order),
                "severity": st.dictionaries(
                    st.sampled_from(sorted(RULE_IDS)), st.sampled_from(["error", "warning", "info"])
                ),
                "disabled": st.lists(st.sampled_from(sorted(RULE_IDS)), max_size=3),
                "waivers": st.lists(
                    st.fixed_dictionaries(
                        {
                            "rule": st.sampled_from(sorted(RULE_IDS)),
                            "subject": ids,
                            "reason": short.filter(str.strip),
                        }
                    ),
                    max_size=2,
                    unique_by=lambda w: (w["rule"], w["subject"]),
                ),
            },
        ),
        "view": st.fixed_dictionaries(
            {},
            optional={
                "positions": st.dictionaries(
                    st.sampled_from(model.VIEW_NAMES),
                    st.dictionaries(ids, st.lists(finite, min_size=2, max_size=2), max_size=3),
                    max_size=2,
                ),
                "collapsed": st.lists(ids, max_size=3),
            },
        ),
    },
)


@given(documents)
def test_round_trip_of_random_documents(data):
    doc = io.parse(data)
    text = io.dumps(doc)
    again = io.loads(text)
    assert again == doc
    assert io.dumps(again) == text  # a second save changes nothing
    assert text.endswith("\n")


@given(documents)
def test_save_and_load_of_random_documents(tmp_path_factory, data):
    doc = io.parse(data)
    target = tmp_path_factory.mktemp("rt") / "doc.orgd"
    io.save(doc, target)
    assert io.load(target) == doc


# -- migrations -------------------------------------------------------------------------


def test_an_older_version_is_migrated(monkeypatch, tmp_path):
    """A file of version 1 read by a program of version 2 goes through MIGRATIONS[1]."""

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        # Version 2 (imagined) renamed "description" to... nothing new; it upper-cases
        # names so the test can see the step ran.
        data = dict(data)
        data["name"] = data.get("name", "").upper()
        return data

    monkeypatch.setattr(io, "CURRENT_VERSION", 2)
    monkeypatch.setattr(model, "CURRENT_VERSION", 2)
    monkeypatch.setitem(io.MIGRATIONS, 1, one_to_two)
    old = tmp_path / "v1.orgd"
    old.write_text(json.dumps(org_data(name="variant b") | {"version": 1}), encoding="utf-8")
    doc = io.load(old)
    assert doc.version == 2
    assert doc.name == "VARIANT B"
    assert json.loads(io.dumps(doc))["version"] == 2
    # A version-2 file is read as it is.
    assert io.loads(json.dumps(org_data(name="x") | {"version": 2})).name == "x"
    assert "newer" in str(load_error(org_data() | {"version": 3}))


# -- schema --------------------------------------------------------------------------------


def test_schema_refuses_unknown_keys_and_requires_format_and_version():
    s = io.schema()
    assert s["additionalProperties"] is False
    assert {"format", "version"} <= set(s["required"])


def test_rule_parameter_bounds_are_the_models():
    from pydantic import ValidationError

    from orgdesigner.core.model import Ratio, RuleParams

    with pytest.raises(ValidationError, match=r"span_min \(4\) is above span_max \(3\)"):
        RuleParams(span_min=4, span_max=3)
    with pytest.raises(ValidationError, match="minimum"):
        Ratio(numerator="a", denominator="b", min=3, max=1)
    assert RuleParams(span_min=3, span_max=3).span_min == 3
    assert RuleParams(team_min=50).team_min == 50  # one side alone: the other is the file's


def test_one_declaration_of_person_fields_feeds_importer_csv_and_comparison():
    from orgdesigner.core import diff, importer
    from orgdesigner.core.model import PERSON_FIELDS, Person, person_columns

    assert set(PERSON_FIELDS) <= set(Person.model_fields)
    assert person_columns() == importer.FIELDS
    assert person_columns() == (
        "id",
        "name",
        "title",
        "manager",
        "functional_manager",
        "team",
        "function",
        "level",
        "vacant",
        "cost",
    )  # the import contract's fields, in the CSV's column order
    assert all(importer.FIELD_LABELS[c] for c in person_columns())
    assert diff.SUMMARY_FIELDS["person"][:3] == ("role", "level", "team")
    assert diff.SUMMARY_FIELDS["team"] == ("owner", "parent", "model", "mission")
