"""CSV export of people: spreadsheet-safe, and read back by the importer unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from orgdesigner.core.importer import FIELDS, import_file
from orgdesigner.core.io import SaveError
from orgdesigner.core.model import Document, Function, Person, Role, Team
from orgdesigner.export.csv_export import export_people_csv, people_csv

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "import"


def lines_of(doc: Document) -> list[tuple]:
    """What a person reading the chart sees of each person: the same after a round trip."""
    out = []
    for p in doc.people:
        role = doc.role(p.role)
        team = doc.team(p.team)
        function = doc.function(doc.function_of(p))
        out.append(
            (
                p.id,
                p.name,
                role.title if role else p.role,
                p.manager or None,
                p.functional_manager or None,
                team.name if team else p.team,
                function.name if function else doc.function_of(p),
                p.level,
                p.vacant,
            )
        )
    return out


def sample_doc() -> Document:
    doc = Document.new("tricky")
    doc.functions = [
        Function(id="engineering", name="Engineering", leader="p1"),
        Function(id="product", name="Product"),
    ]
    doc.roles = [
        Role(id="em", title="Engineering Manager", function="engineering"),
        Role(id="dev", title="=Developer", function="engineering"),
        Role(id="pm", title="Product Manager", function="product"),
    ]
    doc.teams = [
        Team(id="t-a", name="Payments", owner="p1"),
        Team(id="t-b", name="Payments", owner="p1"),  # same name, other team
        Team(id="t-c", name="", owner="p1"),
    ]
    doc.people = [
        Person(id="p1", name="=SUM(A1)", role="em", level="M1"),
        Person(id="p2", name="-dash", role="dev", manager="p1", team="t-a", level="-1"),
        Person(
            id="p3",
            name="+plus, with comma",
            role="dev",
            manager="p1",
            team="t-b",
            functional_manager="p1",
        ),
        Person(
            id="p4",
            name='@at "quoted"',
            role="pm",
            manager="p1",
            team="t-c",
            function="engineering",
        ),
        Person(id="p5", name="", role="dev", manager="p1", team="t-a", vacant=True),
        Person(id="p6", name="'=already quoted", manager="ghost", function="product"),
        Person(id="-7", name="Line\nbreak", role="missing-role", manager="p1"),
    ]
    return doc


def test_round_trip_keeps_people_and_lines(tmp_path):
    doc = sample_doc()
    path = tmp_path / "people.csv"
    export_people_csv(doc, path)
    result = import_file(path)
    back = result.document

    def without_team(lines):
        return [line[:5] + line[6:] for line in lines]

    assert without_team(lines_of(back)) == without_team(lines_of(doc))
    # Two teams called Payments stay two teams (named by their IDs in the file),
    # and a team without a name comes back named by its ID.
    assert [line[5] for line in lines_of(back)] == [None, "t-a", "t-b", "t-c", "t-a", None, None]
    # Only the dangling manager is warned about.
    assert [w.message.split(" of ")[0] for w in result.warnings] == ["line manager 'ghost'"]


def test_cells_are_neutralised_for_spreadsheets(tmp_path):
    path = tmp_path / "people.csv"
    export_people_csv(sample_doc(), path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(FIELDS)
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["p1"][1] == "'=SUM(A1)"
    assert by_id["p2"][1] == "'-dash"
    assert by_id["p2"][7] == "'-1"
    assert by_id["p3"][1] == "'+plus, with comma"
    assert by_id["p4"][1] == '\'@at "quoted"'
    assert by_id["p6"][1] == "''=already quoted"
    assert by_id["'-7"][1] == "Line break"  # names are one line (the model's rule)
    assert by_id["p2"][2] == "'=Developer"


HIDDEN_FORMULAS = [
    " =1+1",
    "\u3000@SUM(A1)",
    '\uff1dHYPERLINK("http://x")',
    "\uff0b1",
    "\uff0dcmd",
    "\uff20x",
    "\ufe66x",
]


def test_cells_that_read_as_formulas_after_spaces_or_in_fullwidth_are_neutralised(tmp_path):
    doc = Document.new("x")
    doc.people = [Person(id=f"p{i}", name=name) for i, name in enumerate(HIDDEN_FORMULAS)]
    path = tmp_path / "people.csv"
    export_people_csv(doc, path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        names = [row[1] for row in list(csv.reader(fh))[1:]]
    assert names == ["'" + name for name in HIDDEN_FORMULAS]
    # and the import gives the names back (trimmed, as every value is)
    back = [p.name for p in import_file(path).document.people]
    assert back == [name.strip() for name in HIDDEN_FORMULAS]


def test_columns_hold_names_vacancy_and_effective_function():
    text = people_csv(sample_doc())
    rows = list(csv.DictReader(text.splitlines(keepends=True)))
    p4 = next(r for r in rows if r["id"] == "p4")
    assert (p4["title"], p4["team"], p4["function"]) == (
        "Product Manager",
        "t-c",
        "Engineering",
    )  # own function over the role's
    p2 = next(r for r in rows if r["id"] == "p2")
    assert (p2["team"], p2["manager"], p2["vacant"]) == ("t-a", "p1", "no")
    assert next(r for r in rows if r["id"] == "p5")["vacant"] == "yes"
    assert next(r for r in rows if r["id"] == "'-7")["title"] == "missing-role"


@pytest.mark.skipif(
    not (SHARED / "oracle-hr-sample.csv").exists(),
    reason=f"the shared HR sample exports are not in {SHARED}",
)
@pytest.mark.parametrize("name", ["d3-org-chart-sample.csv", "oracle-hr-sample.csv"])
def test_round_trip_of_the_shared_exports(tmp_path, name):
    first = import_file(SHARED / name).document
    path = tmp_path / "again.csv"
    export_people_csv(first, path)
    second = import_file(path).document
    assert lines_of(second) == lines_of(first)
    assert len(second.people) == len(first.people)
    assert [r.title for r in second.roles] == [r.title for r in first.roles]


def test_round_trip_with_teams_fixture(tmp_path):
    first = import_file(FIXTURES / "teams.csv").document
    export_people_csv(first, tmp_path / "t.csv")
    second = import_file(tmp_path / "t.csv").document
    assert lines_of(second) == lines_of(first)
    assert [(t.name, t.owner) for t in second.teams] == [(t.name, t.owner) for t in first.teams]


def test_unwritable_target_raises_save_error_and_keeps_the_old_file(tmp_path):
    with pytest.raises(SaveError):
        export_people_csv(sample_doc(), tmp_path / "missing-folder" / "x.csv")
    target = tmp_path / "keep.csv"
    target.write_text("old")
    target.chmod(0o644)
    export_people_csv(sample_doc(), target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,name")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_every_row_has_a_cell_for_every_column_cost_included(tmp_path):
    doc = sample_doc()
    doc.people[0].cost = 152000
    path = tmp_path / "people.csv"
    export_people_csv(doc, path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert {len(row) for row in rows} == {len(FIELDS)}
    assert rows[1][FIELDS.index("cost")] == "152000"
    back = import_file(path).document
    assert back.people[0].cost == 152000
