"""Users' text is data: control characters never get into a document, whichever way in."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.core import io, ops
from orgdesigner.core.importer import import_file
from orgdesigner.core.model import Document, Person, Team

CONTROLS = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0)]))
ANY_TEXT = st.text(st.sampled_from("ab é字" + CONTROLS), min_size=1, max_size=20)


def has_control(text: str) -> bool:
    return any(ch in CONTROLS for ch in text)


def one_line(text: str) -> str:
    for ch in "\t\n\r":
        text = text.replace("\r\n", " ").replace(ch, " ")
    return "".join(ch for ch in text if ch not in CONTROLS)


def strings(value):
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


@given(name=ANY_TEXT, mission=ANY_TEXT)
def test_loading_a_file_removes_control_characters(name, mission):
    raw = {
        "format": "orgdesigner",
        "version": 1,
        "name": name,
        "teams": [{"id": "t-1", "name": name, "mission": mission}],
        "people": [{"id": "p" + name, "name": name, "team": "t-1", "tags": [name]}],
    }
    doc = io.loads(json.dumps(raw))
    person, team = doc.people[0], doc.teams[0]
    assert person.name == doc.name == team.name == person.tags[0] == one_line(name)
    assert person.id == "p" + one_line(name)
    # Multi-line text keeps its tabs and line breaks, nothing else.
    assert team.mission == "".join(ch for ch in mission if ch not in CONTROLS or ch in "\t\n\r")
    saved = json.loads(io.dumps(doc))
    saved["teams"][0].pop("mission", None)
    assert not any(has_control(text) for text in strings(saved))


def test_a_name_with_nul_and_escapes_is_cleaned_by_an_edit():
    doc = Document.new("x")
    history = ops.History(doc)
    history.do(ops.add_person(doc, Person(id="p-1", name="Ann")))
    history.do(ops.edit(doc, "person", "p-1", name="Ev\x00il\x1b[31m\x07 name\nhere"))
    assert doc.person("p-1").name == "Evil[31m name here"
    history.do(ops.add_team(doc, Team(id="t\x00-1", name="T\x9b2J")))
    assert [t.id for t in doc.teams] == ["t-1"] and doc.teams[0].name == "T2J"


def test_an_import_never_takes_in_control_characters(tmp_path):
    src = tmp_path / "hr.csv"
    src.write_text(
        "id,name,title,dept,team\n1,Ann\x1b[2J,Dev\x07,Eng\x1b,Core\x08\n", encoding="utf-8"
    )
    doc = import_file(src).document
    texts = [doc.people[0].name, doc.roles[0].title, doc.functions[0].name, doc.teams[0].name]
    assert texts == ["Ann[2J", "Dev", "Eng", "Core"]


def test_an_id_of_control_characters_only_is_refused_naming_the_field():
    raw = {"format": "orgdesigner", "version": 1, "people": [{"id": "\x00\x01"}]}
    with pytest.raises(io.LoadError, match=r"people\[0\]\.id"):
        io.loads(json.dumps(raw))


def test_titles_that_differ_only_by_control_characters_are_one_role(tmp_path):
    src = tmp_path / "hr.csv"
    src.write_text("id,name,title\n1,Ann,Dev\x07\n2,Bob,Dev\n", encoding="utf-8")
    doc = import_file(src).document
    assert [r.title for r in doc.roles] == ["Dev"]


# -- terminals ------------------------------------------------------------------------------
def _hostile_pair() -> tuple[Document, Document]:
    """Two documents holding control characters, as a model from before the cleaning made them."""
    a = Document.new("A")
    a.people = [Person(id="p-1", name="Ann")]
    b = Document.new("B")
    b.people = [Person(id="p-1", name="Ann")]
    b.people[0].name = "Ann\x1b]0;pwned\x07\x1b[2J\x00\x9b1m"  # assigned: not validated
    b.name = "B\x1b[31m"
    return a, b


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_diff_shows_escape_bel_and_nul_in_names_without_obeying_them(monkeypatch, capsys, fmt):
    from orgdesigner.cli import cli_diff

    docs = dict(zip(("a.orgd", "b.orgd"), _hostile_pair(), strict=True))
    monkeypatch.setattr(io, "load", lambda path: docs[path])
    assert cli_diff("a.orgd", "b.orgd", fmt) == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\x00\x9b")
    assert "Ann\\u001b]0;pwned\\u0007\\u001b[2J\\u0000\\u009b1m" in out
    if fmt == "json":
        json.loads(out)  # the escapes are valid JSON


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_validate_shows_a_hostile_file_name_without_obeying_it(tmp_path, capsys, fmt):
    from orgdesigner.cli import main

    path = tmp_path / "org\x1b[2J\x07\x9b.orgd"
    io.save(Document.new("x"), path)
    main(["validate", "--format", fmt, str(path)])
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    assert "org\\u001b[2J\\u0007\\u009b.orgd" in out


def test_a_file_with_nul_in_a_name_exports_a_csv_our_import_reads(tmp_path):
    from orgdesigner.export.csv_export import export_people_csv

    raw = {
        "format": "orgdesigner",
        "version": 1,
        "people": [{"id": "p1", "name": "Ann\u0000 Lee"}, {"id": "p2", "name": "Bob\u001b[1m"}],
    }
    src = tmp_path / "org.orgd"
    src.write_text(json.dumps(raw), encoding="utf-8")
    export_people_csv(io.load(src), tmp_path / "people.csv")
    back = import_file(tmp_path / "people.csv").document
    assert [p.name for p in back.people] == ["Ann Lee", "Bob[1m"]


def test_import_errors_show_a_hostile_file_name_without_obeying_it(tmp_path, capsys):
    from orgdesigner.cli import cli_import

    src = tmp_path / "hr\x1b[2J.csv"
    src.write_text('id,name\n1,"Ann\n', encoding="utf-8")
    assert cli_import(str(src), str(tmp_path / "o.orgd"), []) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "hr\\u001b[2J.csv: line 2: a quote opened" in err
