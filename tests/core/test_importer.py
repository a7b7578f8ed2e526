"""Importing HR exports: every row becomes a person or stops the import with its line."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.cli import cli_import
from orgdesigner.core import io as orgio
from orgdesigner.core.importer import (
    FIELDS,
    ImportFailed,
    apply_overrides,
    guess_mapping,
    import_file,
    import_table,
    neutralise_cell,
    parse_map_args,
    read_table,
    restore_cell,
    sheet_names,
)
from orgdesigner.core.rules import validate

# The shared exports sit beside the checkout; ORGDESIGNER_SHARED names another place.
SHARED = (
    Path(os.environ["ORGDESIGNER_SHARED"])
    if os.environ.get("ORGDESIGNER_SHARED")
    else Path(__file__).resolve().parents[2].parent / "shared"
) / "data"
D3 = SHARED / "d3-org-chart-sample.csv"
ORACLE = SHARED / "oracle-hr-sample.csv"
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "import"

needs_shared = pytest.mark.skipif(
    not (D3.exists() and ORACLE.exists()),
    reason=f"the shared HR sample exports are not in {SHARED} (a checkout without ../shared)",
)


def raw_rows(path: Path) -> list[dict[str, str]]:
    """The file as the csv module reads it: what the importer must keep."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- the shared real exports -------------------------------------------------------
@needs_shared
def test_d3_sample_imports_every_row_with_its_manager():
    rows = raw_rows(D3)
    result = import_file(D3)
    doc = result.document

    assert len(doc.people) == len(rows) == 1516
    assert [p.id for p in doc.people] == [r["id"] for r in rows]
    for p, r in zip(doc.people, rows, strict=True):
        assert p.manager == (r["parentId"] or None)
        assert p.name == r["name"].strip()
    roots = [p.id for p in doc.people if not p.manager]
    assert roots == ["O-6066"]
    assert doc.person("O-6066").name == "Ian Devling"
    assert result.summary["people"] == 1516
    # The one warning says how the areas can be the teams too.
    assert [str(w) for w in result.warnings] == [
        "line 1: no column gives the teams; the departments in 'area' can be the teams too: "
        "map that column to team and function (--map area=team,function)"
    ]
    # Names with leading spaces are trimmed; duplicated names stay two people.
    janets = [p for p in doc.people if p.name == "Leverling Janet"]
    assert [p.id for p in janets][:2] == ["O-6068", "O-6069"]


@needs_shared
def test_d3_titles_fold_into_one_role_each_shown_as_first_written():
    doc = import_file(D3).document
    titles = {r["positionName"].strip().casefold() for r in raw_rows(D3)}
    assert len(doc.roles) == len(titles) == 21
    by_title = {r.title: r for r in doc.roles}
    # "CTO " (trailing space) and "CTO" are one role.
    assert "CTO" in by_title and "CTO " not in by_title
    # "Senior sales manager" came first; "Senior Sales Manager" joins it.
    assert "Senior sales manager" in by_title and "Senior Sales Manager" not in by_title
    holders = [p for p in doc.people if p.role == by_title["Senior sales manager"].id]
    assert len(holders) == 132
    # Every person has the role of their own title.
    for p, r in zip(doc.people, raw_rows(D3), strict=True):
        assert doc.role(p.role).title.casefold() == r["positionName"].strip().casefold()


@needs_shared
def test_d3_functions_come_from_area_not_office():
    result = import_file(D3)
    mapping = guess_mapping(read_table(D3).headers)
    assert mapping["area"] == "function"
    assert "office" not in mapping and "imageUrl" not in mapping
    doc = result.document
    assert [(f.id, f.name, f.leader) for f in doc.functions] == [
        ("corporate", "Corporate", "O-6066")
    ]
    assert all(doc.function_of(p) == "corporate" for p in doc.people)


@needs_shared
def test_oracle_sample_joins_first_and_last_names_and_keeps_departments():
    rows = raw_rows(ORACLE)
    result = import_file(ORACLE)
    doc = result.document

    assert len(doc.people) == len(rows) == 107
    assert [p.id for p in doc.people] == [r["id"] for r in rows]
    for p, r in zip(doc.people, rows, strict=True):
        assert p.name == f"{r['name']} {r['lastName']}"
        assert p.manager == (r["parentId"] or None)
        function = doc.function(doc.function_of(p))
        assert (function.name if function else "") == r["department_name"]
    assert [p.id for p in doc.people if not p.manager] == ["100"]
    assert doc.person("100").name == "Steven King"
    assert doc.function("it").leader == "103"  # Alexander Hunold heads IT
    # Sales has five managers under the CEO: no single head, so no guessed leader.
    assert doc.function("sales").leader is None
    assert result.summary == {
        "people": 107,
        "roles": 19,
        "functions": 11,
        "teams": 0,
        "warnings": 1,  # no team column: the departments can be the teams
    }


@needs_shared
def test_stray_values_past_the_last_column_keep_the_row_and_its_fields(tmp_path):
    lines = D3.read_text(encoding="utf-8").splitlines()
    lines[5] += ",stray"
    lines[9] += ",a,b"
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = import_file(path)

    assert len(result.document.people) == 1516
    sixth = result.document.people[4]  # file line 6
    assert (sixth.id, sixth.manager) == ("O-6070", "O-6066")
    stray = [w for w in result.warnings if "past the last column" in w.message]
    assert [(w.line, w.message) for w in stray] == [
        (6, "1 value past the last column ignored ('stray')"),
        (10, "2 values past the last column ignored ('a', 'b')"),
    ]


@needs_shared
def test_semicolon_bom_and_windows_1252_variants_of_the_shared_file(tmp_path):
    rows = raw_rows(ORACLE)
    expected = [(p.id, p.name, p.manager) for p in import_file(ORACLE).document.people]
    for encoding in ("utf-8-sig", "cp1252"):
        path = tmp_path / f"oracle-{encoding}.csv"
        with path.open("w", encoding=encoding, newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
            writer.writeheader()
            for r in rows:
                # an accent so the encoding matters
                writer.writerow({**r, "lastName": r["lastName"].replace("e", "é")})
        table = read_table(path)
        assert (table.encoding, table.delimiter) == (encoding, ";")
        doc = import_table(table).document
        assert [(p.id, p.name.replace("é", "e"), p.manager) for p in doc.people] == expected
        assert doc.person("100").name == "Steven King"
        assert doc.person("101").name == "Neena Kochhar"
        assert doc.person("102").name == "Lex Dé Haan"


@needs_shared
def test_validator_reports_a_manager_missing_from_the_file(tmp_path):
    text = ORACLE.read_text(encoding="utf-8").replace("\n104,103,", "\n104,999,")
    path = write(tmp_path / "dangling.csv", text)
    result = import_file(path)
    assert len(result.document.people) == 107
    assert result.document.person("104").manager == "999"
    [teams_hint, warning] = result.warnings
    assert "no column gives the teams" in teams_hint.message
    assert warning.line == 6
    assert "'999'" in warning.message and "not in the file" in warning.message
    findings = [f for f in validate(result.document).findings if f.rule == "ORG-REF"]
    assert [f.subjects for f in findings] == [("104",)]


# -- small fixture files ----------------------------------------------------------------
def test_windows_1252_with_semicolons_and_unquoted_commas():
    table = read_table(FIXTURES / "semicolon-cp1252.csv")
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    doc = import_table(table).document
    assert [p.name for p in doc.people] == [
        "Zoë Ångström",
        "Müller, Jürgen",
        "François Façade",
        "Søren “Quotes” Ørsted",
        "Inès Leroy",
    ]
    assert doc.role(doc.person("E3").role).title == "Engineer – Backend"
    assert doc.role(doc.person("E5").role).title == "Controller (€)"
    assert doc.function("engineering").leader == "E2"


def test_bom_first_and_last_name_columns_and_quoted_quotes():
    table = read_table(FIXTURES / "bom-utf8.csv")
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "Employee Number"  # no BOM left on the first header
    doc = import_table(table).document
    assert [p.name for p in doc.people] == ["Ada Lovelace", 'Grace "Amazing" Hopper', "Ana Núñez"]
    assert [p.level for p in doc.people] == ["D1", "A2", "A1"]
    [team] = doc.teams
    assert (team.name, team.owner) == ("Analytics", "1001")


def test_quoted_name_with_a_comma_stays_one_field(tmp_path):
    path = write(
        tmp_path / "q.csv",
        'id,name,title,manager\n1,"King, Steven",CEO,\n2,"Doe, Jane",Engineer,1\n',
    )
    doc = import_file(path).document
    assert [(p.name, p.manager) for p in doc.people] == [("King, Steven", None), ("Doe, Jane", "1")]
    assert doc.role(doc.person("2").role).title == "Engineer"


def test_teams_owners_parents_functions_and_vacancies():
    result = import_file(FIXTURES / "teams.csv")
    doc = result.document
    assert result.warnings == []
    teams = {t.name: (t.owner, doc.team(t.parent).name if t.parent else None) for t in doc.teams}
    assert teams == {
        # members report to the CEO, who is listed outside the team
        "Leadership": ("p-ceo", None),
        # the lead inside the team beats her own manager; the PM reports elsewhere
        "Payments": ("p-alexa", "Leadership"),
        # a flat team whose members all report to one manager in another team
        "Search": ("p-jade", "Leadership"),
    }
    assert {f.name: f.leader for f in doc.functions} == {
        "Executive": "p-ceo",
        "Engineering": "p-cto",
        "Product": "p-cpo",
    }
    engineer = doc.role(doc.person("p-dev1").role)
    # "software engineer " is the same title
    assert doc.person("p-dev2").role == engineer.id
    assert engineer.title == "Software Engineer"
    assert [lv.code for lv in engineer.levels] == ["E2", "E3", "E4", "E10"]
    assert engineer.function == "engineering" and not engineer.people_manager
    assert doc.role(doc.person("p-alexa").role).people_manager
    opening = doc.person("p-open")
    assert opening.vacant and opening.name == ""
    assert doc.display_name(opening) == "Open: Software Engineer"
    assert doc.person("p-s1").functional_manager == "p-cto"
    assert result.summary == {"people": 12, "roles": 6, "functions": 3, "teams": 3, "warnings": 0}


def test_function_stated_only_where_it_differs_from_the_role(tmp_path):
    path = write(
        tmp_path / "f.csv",
        "id,title,department\n1,Analyst,Finance\n"
        "2,Analyst,Finance\n3,Analyst,Risk\n4,Clerk,\n5,Clerk,Ops\n",
    )
    doc = import_file(path).document
    analyst = doc.role("analyst")
    assert analyst.function == "finance"
    assert [doc.person(i).function for i in "123"] == [None, None, "risk"]
    # a clerk without a department must not inherit one from the role
    assert doc.role("clerk").function is None
    assert [doc.function_of(doc.person(i)) for i in "12345"] == [
        "finance",
        "finance",
        "risk",
        None,
        "ops",
    ]


# -- refusing rows ----------------------------------------------------------------------------
def test_duplicate_id_stops_the_import_naming_both_lines(tmp_path):
    path = write(tmp_path / "dup.csv", "id,name\nE10,Ann\nE12,Bob\nE13,Cy\n\nE14,Di\nE12,Ed\n")
    with pytest.raises(ImportFailed) as info:
        import_file(path)
    assert str(info.value) == "line 7: duplicate ID 'E12' (first on line 3)"
    assert info.value.line == 7


def test_missing_id_stops_the_import_with_the_line_after_a_multiline_value(tmp_path):
    path = write(tmp_path / "missing.csv", 'id,name,title\n1,Ann,"Head of\nthings"\n  ,Bob,Dev\n')
    with pytest.raises(ImportFailed, match=r"^line 4: no ID \(column 'id' is empty\)$"):
        import_file(path)


def test_duplicate_id_after_trimming(tmp_path):
    path = write(tmp_path / "dup.csv", "id,name\n7,Ann\n 7 ,Bob\n")
    with pytest.raises(ImportFailed, match="line 3: duplicate ID '7' \\(first on line 2\\)"):
        import_file(path)


def test_no_id_column_is_refused_with_the_columns_listed(tmp_path):
    path = write(tmp_path / "noid.csv", "who,boss\nAnn,\n")
    with pytest.raises(ImportFailed, match="no column gives the ID.*'who', 'boss'"):
        import_file(path)
    doc = import_file(path, {"who": "id", "boss": "manager"}).document
    assert doc.person("Ann") is not None


def test_unreadable_files_are_refused(tmp_path):
    with pytest.raises(ImportFailed, match="no such file"):
        read_table(tmp_path / "absent.csv")
    with pytest.raises(ImportFailed, match="empty"):
        read_table(write(tmp_path / "empty.csv", "\n\n"))
    with pytest.raises(ImportFailed, match=".xls"):
        read_table(
            tmp_path.joinpath("old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
            and tmp_path / "old.xls"
        )
    with pytest.raises(ImportFailed, match="not a valid .xlsx"):
        read_table(write(tmp_path / "fake.xlsx", "id,name\n"))


# -- warnings: kept but doubtful ----------------------------------------------------------------
def test_several_roots_are_kept_with_one_warning(tmp_path):
    path = write(tmp_path / "roots.csv", "id,name,manager\nA,a,\nB,b,A\nC,c,\nD,d,\n")
    result = import_file(path)
    assert [p.id for p in result.document.people if not p.manager] == ["A", "C", "D"]
    [w] = result.warnings
    assert w.line == 4
    assert w.message.startswith("3 people have no line manager")
    assert "'C' (line 4)" in w.message


def test_vacant_values(tmp_path):
    path = write(
        tmp_path / "v.csv",
        "id,vacant,name,manager\n1,Yes,a,\n2,x,b,1\n3,TRUE,c,1\n4,1,d,1\n5,no,e,1\n"
        "6,,f,1\n7,maybe,g,1\n",
    )
    result = import_file(path)
    assert [p.vacant for p in result.document.people] == [True] * 4 + [False] * 3
    assert [(w.line, w.message) for w in result.warnings] == [
        (8, "vacant value 'maybe' not understood; read as not vacant (use yes or no)")
    ]


def test_null_managers_mean_none_and_self_reports_are_flagged(tmp_path):
    path = write(tmp_path / "n.csv", "id,name,manager\n1,A,NULL\n2,B,1\n3,C,3\n")
    result = import_file(path)
    assert [p.manager for p in result.document.people] == [None, "1", "3"]
    assert [(w.line, "own line manager" in w.message) for w in result.warnings] == [(4, True)]


def test_manager_names_are_resolved_when_the_column_holds_names(tmp_path):
    path = write(
        tmp_path / "names.csv",
        "Employee ID,Name,Manager\n1,Ann Boss,\n2,Bo Lee,Ann Boss\n3,Cy Day,ann boss\n"
        "4,Di Ray,Bo Lee\n5,Bo Lee,\n6,Ed Fox,Nobody Known\n",
    )
    result = import_file(path)
    doc = result.document
    assert [p.manager for p in doc.people] == [None, "1", "1", "Bo Lee", None, "Nobody Known"]
    messages = {(w.line, w.message) for w in result.warnings}
    assert (
        1,
        "column 'Manager' holds names rather than IDs: 2 matched the one person of that name",
    ) in messages
    assert any(line == 5 and "2 people have that name" in m for line, m in messages)
    assert any(line == 7 and "'Nobody Known'" in m for line, m in messages)


def test_missing_name_is_a_warning_not_a_refusal(tmp_path):
    path = write(tmp_path / "n.csv", "id,name,vacant,manager\n1,Ann,no,\n2,,no,1\n3,,yes,1\n")
    result = import_file(path)
    assert len(result.document.people) == 3
    assert [(w.line, w.message) for w in result.warnings] == [(3, "'2' has no name")]


def test_repeated_and_empty_headers_are_renamed(tmp_path):
    path = write(tmp_path / "h.csv", "id,name,name,,title\n1,Ann,Extra,x,CEO\n")
    table = read_table(path)
    assert table.headers == ["id", "name", "name (2)", "Column 4", "title"]
    result = import_table(table)
    assert result.document.person("1").name == "Ann"
    assert result.warnings[0].line == 1


# -- mapping ----------------------------------------------------------------------------------------
def test_guess_mapping_common_names():
    headers = [
        "Employee ID",
        "Full Name",
        "Job Title",
        "Reports To",
        "Dept",
        "Grade",
        "Squad",
        "Dotted Line Manager",
        "Is Vacant",
        "Salary",
        "Office",
    ]
    assert guess_mapping(headers) == {
        "Employee ID": "id",
        "Full Name": "name",
        "Job Title": "title",
        "Reports To": "manager",
        "Dept": "function",
        "Grade": "level",
        "Squad": "team",
        "Dotted Line Manager": "functional_manager",
        "Is Vacant": "vacant",
        "Salary": "cost",  # salaries are what a position costs
    }


def test_guess_mapping_prefers_the_more_specific_column():
    assert guess_mapping(["id", "area", "Department", "Function"]) == {
        "id": "id",
        "Function": "function",
    }
    assert guess_mapping(["id", "area", "department"]) == {"id": "id", "department": "function"}
    assert guess_mapping(["first_name", "last_name", "name"]) == {"name": "name"}
    assert guess_mapping(["name", "lastName"]) == {"name": "first_name", "lastName": "last_name"}
    assert guess_mapping(["Surname"]) == {"Surname": "name"}
    assert guess_mapping(["Manager", "Manager ID"]) == {"Manager ID": "manager"}


def test_map_overrides_move_a_field_to_another_column(tmp_path):
    table = read_table(FIXTURES / "teams.csv")
    base = guess_mapping(table.headers)
    mapping = apply_overrides(table.headers, base, parse_map_args(["Level=team", "team=ignore"]))
    assert mapping["level"] == "team" and "team" not in mapping
    doc = import_table(table, mapping).document
    assert sorted(t.name for t in doc.teams)[:3] == ["E10", "E2", "E3"]
    assert all(p.level is None for p in doc.people)


def test_map_names_a_full_name_over_first_and_last(tmp_path):
    path = write(tmp_path / "n.csv", "id,first,last,display\n1,Ann,Lee,Dr Ann Lee\n")
    assert import_file(path).document.person("1").name == "Ann Lee"
    assert import_file(path, {"display": "name"}).document.person("1").name == "Dr Ann Lee"


def test_bad_map_arguments_are_refused():
    with pytest.raises(ImportFailed, match="COLUMN=FIELD"):
        parse_map_args(["office"])
    with pytest.raises(ImportFailed, match="unknown field 'boss'"):
        parse_map_args(["office=boss"])
    with pytest.raises(ImportFailed, match="no column named 'Nope'"):
        apply_overrides(["id"], {}, {"Nope": "name"})
    assert parse_map_args(["Line Manager=Functional manager", "a=b=ignore"]) == {
        "Line Manager": "functional_manager",
        "a=b": "",
    }


# -- XLSX ------------------------------------------------------------------------------------------------
def make_xlsx(path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes["A1"] = "exported from the HR system"
    people = wb.create_sheet("People")
    people.append(["Employee ID", "Name", "Position", "Manager ID", "Department", "Level"])
    people.append([100.0, "  Ada Lovelace ", "CEO", None, "Exec", 7.0])
    people.append([101, "Bob, Jr.", "CTO", 100.0, "Eng", 6.5])
    people.append([])
    people.append([102, "-dash", "Dev", 101, "Eng", None])
    people.append([103, '=CONCAT("A","B")', "Dev", 101, "Eng", None])  # never calculated
    wb.active = 1
    wb.save(path)
    return path


def test_xlsx_named_sheet_numbers_and_line_numbers(tmp_path):
    path = make_xlsx(tmp_path / "hr.xlsx")
    assert sheet_names(path) == ["Notes", "People"]
    table = read_table(path, sheet="People")
    assert table.sheet == "People"
    assert [line for line, _ in table.rows] == [2, 3, 5, 6]
    result = import_table(table)
    assert [(p.id, p.name, p.manager, p.level) for p in result.document.people] == [
        ("100", "Ada Lovelace", None, "7"),
        ("101", "Bob, Jr.", "100", "6.5"),
        ("102", "-dash", "101", None),
        ("103", "", "101", None),
    ]
    # A formula nobody calculated has no value to read: said, not silently empty.
    assert [(w.line, w.message.split(";")[0]) for w in result.warnings] == [
        (1, "no column gives the teams"),
        (6, "column 'Name' holds the formula '=CONCAT(\"A\",\"B\")' with no saved value"),
        (6, "'103' has no name"),
    ]


def test_xlsx_first_sheet_by_default_and_unknown_sheet(tmp_path):
    path = make_xlsx(tmp_path / "hr.xlsx")
    assert read_table(path).sheet == "Notes"  # first, although "People" is active
    with pytest.raises(ImportFailed, match="no sheet named 'Staff'.*'Notes', 'People'"):
        read_table(path, sheet="Staff")


def test_xlsx_duplicate_id_names_the_sheet_row(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["id", "name"], [1, "A"], [], [], [2, "B"], [1.0, "C"]):
        ws.append(row)
    wb.save(tmp_path / "d.xlsx")
    with pytest.raises(ImportFailed, match=r"^line 6: duplicate ID '1' \(first on line 2\)$"):
        import_file(tmp_path / "d.xlsx")


def test_xlsx_vertically_merged_cells_fill_down_with_a_warning(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (
        ["id", "name", "manager", "dept"],
        [1, "Ann", None, "Sales"],
        [2, "Bob", 1, None],
        [3, "Cy", 1, None],
        [4, "Di", 1, "Eng"],
    ):
        ws.append(row)
    ws.merge_cells("D2:D4")
    wb.save(tmp_path / "m.xlsx")
    result = import_file(tmp_path / "m.xlsx")
    doc = result.document
    assert [doc.function_of(p) for p in doc.people] == ["sales", "sales", "sales", "eng"]
    assert [str(w) for w in result.warnings] == [
        "line 1: no column gives the teams; the departments in 'dept' can be the teams too: "
        "map that column to team and function (--map dept=team,function)",
        "line 2: cells D2:D4 are merged: column 'dept' reads 'Sales' on rows 2-4",
    ]


def test_xlsx_cells_merged_across_columns_say_which_column_holds_the_value(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["id", "name", "title"], [1, "Ann Lee", None], [2, "Bob", "Dev"]):
        ws.append(row)
    ws.merge_cells("B2:C2")
    wb.save(tmp_path / "h.xlsx")
    result = import_file(tmp_path / "h.xlsx")
    assert "line 2: cells B2:C2 are merged: the value is read in column 'name' only" in [
        str(w) for w in result.warnings
    ]


# -- spreadsheet-safe cells -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value,stored",
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("-dash", "'-dash"),
        ("+1", "'+1"),
        ("@home", "'@home"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("plain", "plain"),
        ("", ""),
        ("'", "'"),
        # What a spreadsheet may still read as a formula: after spaces, or in
        # fullwidth and small forms.
        (" =1+1", "' =1+1"),
        ("\u00a0\u3000@SUM(A1)", "'\u00a0\u3000@SUM(A1)"),
        ("\uff1dHYPERLINK(x)", "'\uff1dHYPERLINK(x)"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20x", "'\uff20x"),
        ("\ufe66x", "'\ufe66x"),
        ("  plain", "  plain"),
    ],
)
def test_neutralise_cell(value, stored):
    assert neutralise_cell(value) == stored
    assert restore_cell(stored) == value


@given(st.text())
def test_restore_undoes_neutralise_exactly(value):
    assert restore_cell(neutralise_cell(value)) == value
    first = neutralise_cell(value).lstrip()[:1]
    assert first not in ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def test_importer_restores_only_what_the_exporter_neutralised(tmp_path):
    path = write(tmp_path / "n.csv", "id,name\n1,'=SUM(A1)\n2,'-dash\n3,'Quoted\n4,''=x\n")
    assert [p.name for p in import_file(path).document.people] == [
        "=SUM(A1)",
        "-dash",
        "'Quoted",
        "'=x",
    ]


# -- the command line -------------------------------------------------------------------------------------
def test_cli_import_writes_a_document_and_prints_the_summary(tmp_path, capsys):
    out = tmp_path / "teams.orgd"
    status = cli_import(str(FIXTURES / "teams.csv"), str(out), ["level=ignore"])
    assert status == 0
    captured = capsys.readouterr()
    assert "Imported 12 people, 6 roles, 3 functions, 3 teams; 0 warnings." in captured.out
    doc = orgio.load(out)
    assert len(doc.people) == 12 and all(p.level is None for p in doc.people)


def test_cli_import_refuses_a_duplicate_naming_the_line(tmp_path, capsys):
    src = write(tmp_path / "dup.csv", "id,name\nE12,Ann\nE12,Bob\n")
    out = tmp_path / "out.orgd"
    assert cli_import(str(src), str(out), []) == 2
    err = capsys.readouterr().err
    assert "line 3: duplicate ID 'E12' (first on line 2)" in err
    assert not out.exists()


def test_cli_import_prints_warnings_with_lines(tmp_path, capsys):
    src = write(tmp_path / "w.csv", "id,manager\n1,\n2,77\n")  # no name column
    assert cli_import(str(src), str(tmp_path / "w.orgd"), []) == 0
    err = capsys.readouterr().err
    assert "warning: line 3: line manager '77' of '2' is not in the file" in err


def test_cli_import_bad_map_and_unreadable_source(tmp_path, capsys):
    src = write(tmp_path / "s.csv", "id\n1\n")
    assert cli_import(str(src), str(tmp_path / "o.orgd"), ["nope=name"]) == 2
    assert "no column named 'nope'" in capsys.readouterr().err
    assert cli_import(str(tmp_path / "absent.csv"), str(tmp_path / "o.orgd"), []) == 2
    assert "no such file" in capsys.readouterr().err


def test_fields_are_the_format_fields():
    assert FIELDS == (
        "id",
        "name",
        "title",
        "manager",
        "functional_manager",
        "team",
        "function",
        "level",
        "vacant",
        "cost",  # version 2: a salary or cost column
    )


def test_import_result_saves_and_loads(tmp_path):
    doc = import_file(FIXTURES / "teams.csv").document
    again = orgio.loads(orgio.dumps(doc))
    assert again.model_dump() == doc.model_dump()


def test_table_from_text_delimiters(tmp_path):
    for delim in (",", ";", "\t", "|"):
        buf = io.StringIO()
        csv.writer(buf, delimiter=delim).writerows(
            [["id", "name", "title"], ["1", "A, B; C|D", "x"], ["2", "E", "y"]]
        )
        table = read_table(write(tmp_path / "t.csv", buf.getvalue()))
        assert table.delimiter == delim
        assert table.rows[0][1][1] == "A, B; C|D"


def test_utf16_tab_separated_unicode_text_from_excel(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("id\tname\tmanager\r\n1\tŁukasz Żółw\t\r\n2\t李雷\t1\r\n".encode("utf-16"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    doc = import_table(table).document
    assert [(p.name, p.manager) for p in doc.people] == [("Łukasz Żółw", None), ("李雷", "1")]


def test_excel_sep_line_sets_the_delimiter_and_keeps_line_numbers(tmp_path):
    path = write(tmp_path / "sep.csv", "sep=;\nid;name\n1;Ann\n1;Bob\n")
    with pytest.raises(ImportFailed, match="line 4: duplicate ID '1' \\(first on line 3\\)"):
        import_file(path)


def test_header_without_rows_imports_nobody_and_says_so(tmp_path):
    result = import_file(write(tmp_path / "h.csv", "id,name,manager\n"))
    assert result.document.people == []
    assert [str(w) for w in result.warnings] == [
        "line 1: the file has a header but no rows: nobody to import"
    ]


# -- no row lost to a stray quote ------------------------------------------------------
def test_a_quote_never_closed_stops_the_import_naming_its_line(tmp_path):
    path = write(
        tmp_path / "q.csv", 'id,name,manager,dept\n1,Ann,,"Sales\n2,Bob,1,Eng\n3,Cy,1,Eng\n'
    )
    with pytest.raises(ImportFailed) as info:
        import_file(path)
    assert info.value.line == 2
    assert str(info.value) == "line 2: a quote opened here is never closed"


def test_a_quote_never_closed_on_the_last_line_is_refused_too(tmp_path):
    path = write(tmp_path / "q.csv", 'id,name\n1,Ann\n2,"Bob')
    with pytest.raises(ImportFailed, match=r"^line 3: a quote opened here is never closed"):
        import_file(path)


def test_a_quote_closed_far_below_stops_the_import_naming_both_lines(tmp_path):
    text = 'id,name,manager,dept\n1,Ann,,"Sales\n2,Bob,1,Eng\n3,Cy,1,"Eng\n4,Di,1,Ops\n'
    with pytest.raises(ImportFailed) as info:
        import_file(write(tmp_path / "q.csv", text))
    assert info.value.line == 2
    assert str(info.value).startswith(
        "line 2: a quote opened here closes only on line 4, in the middle of a value, "
        "so 2 lines (3-4) would become part of one value"
    )


def test_a_value_over_several_lines_is_still_one_value(tmp_path):
    text = 'id,name,title\n1,Ann,"Head of\nthings, and, more"\n2,Bob,"Dev ""lead"""\n'
    result = import_file(write(tmp_path / "ok.csv", text))
    assert [p.id for p in result.document.people] == ["1", "2"]
    # a value whose lines look like rows is kept, with a warning naming them
    text = 'id,name,title\n1,Ann,"Lead\n2,Bob,Dev"\n3,Cy,Dev\n'
    result = import_file(write(tmp_path / "rows.csv", text))
    assert [p.id for p in result.document.people] == ["1", "3"]
    assert [str(w) for w in result.warnings if "quoted" in str(w)] == [
        "line 2: a quoted value runs from here to line 3, and line 3 in it looks like a row; "
        "check the quotes if they are people"
    ]


def test_inch_marks_inside_a_value_are_data(tmp_path):
    result = import_file(write(tmp_path / "ok.csv", 'id,name,title\n1,Ann,27" screens\n'))
    assert result.document.roles[0].title == '27" screens'


@needs_shared
def test_oracle_sample_with_a_stray_quote_is_refused_at_that_line(tmp_path):
    lines = ORACLE.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[40] = lines[40].replace(",", ',"', 1)  # line 41 of the file
    path = tmp_path / "oracle.csv"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"^line 41: a quote opened here is never closed"):
        import_file(path)
    assert cli_import(str(path), str(tmp_path / "o.orgd"), []) == 2
    assert not (tmp_path / "o.orgd").exists()


@needs_shared
def test_every_data_line_of_the_oracle_sample_becomes_a_person():
    data_lines = [ln for ln in ORACLE.read_text(encoding="utf-8").splitlines()[1:] if ln.strip()]
    assert len(import_file(ORACLE).document.people) == len(data_lines) == 107


def test_cli_import_of_a_stray_quote_exits_2_naming_the_line_and_writes_nothing(tmp_path, capsys):
    src = write(
        tmp_path / "q.csv", 'id,name,manager,dept\n1,Ann,,"Sales\n2,Bob,1,Eng\n3,Cy,1,Eng\n'
    )
    assert cli_import(str(src), str(tmp_path / "q.orgd"), []) == 2
    assert capsys.readouterr().err == (
        f"orgdesigner import: {src}: line 2: a quote opened here is never closed\n"
    )
    assert not (tmp_path / "q.orgd").exists()


@pytest.mark.parametrize("text", ["", "\n\n", 'id,"name\n'])
def test_empty_files_and_a_header_with_an_open_quote_are_refused(tmp_path, text):
    with pytest.raises(ImportFailed):
        import_file(write(tmp_path / "e.csv", text))


# -- cost -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("152000", 152000, ""),
        ("152,000", 152000, ""),
        ("EUR 152.000", 152000, "EUR"),
        ("152 000 \u20ac", 152000, "EUR"),
        ("1.234.567,89", 1234567.89, ""),
        ("$98,000.50", 98000.5, "USD"),
        ("1,5", 1.5, ""),
    ],
)
def test_cost_cells_read_as_amounts(text, value, currency):
    from orgdesigner.core.importer import parse_cost

    assert parse_cost(text) == (value, currency)


@pytest.mark.parametrize("text", ["-5", "12k", "n/a", "1.2.3,4,5x"])
def test_cost_cells_that_are_not_amounts_are_refused(text):
    from orgdesigner.core.importer import parse_cost

    with pytest.raises(ValueError):
        parse_cost(text)


def test_a_salary_column_becomes_each_persons_cost(tmp_path):
    src = write(
        tmp_path / "hr.csv",
        "id,name,manager,Annual Salary\n"
        "1,Ann,,EUR 150.000\n"
        '2,Bo,1,"80,000 EUR"\n'
        "3,Cy,1,unknown\n"
        "4,Di,1,\n",
    )
    result = import_file(src)
    doc, warnings = result.document, result.warnings
    costs = {p.id: p.cost for p in doc.people}
    assert costs == {"1": 150000, "2": 80000, "3": None, "4": None}
    assert doc.currency == "EUR"
    assert any(w.line == 4 and "cost" in w.message and "unknown" in w.message for w in warnings)


@needs_shared
def test_oracle_sample_salaries_are_costs():
    doc = import_file(ORACLE).document
    rows = {r["id"]: r for r in raw_rows(ORACLE)}
    for p in doc.people:
        assert p.cost == float(rows[p.id]["salary"])


# -- one column for the team and the function ------------------------------------------
DEPARTMENTS = "id,name,manager,department\nA,Ann,,Sales\nB,Bob,A,Sales\nC,Cy,A,Support\n"


def test_one_column_feeds_both_team_and_function(tmp_path):
    src = write(tmp_path / "dept.csv", DEPARTMENTS)
    result = import_file(src, parse_map_args(["department=team,function"]))
    doc = result.document
    assert sorted(t.name for t in doc.teams) == ["Sales", "Support"]
    assert sorted(f.name for f in doc.functions) == ["Sales", "Support"]
    cy = doc.person("C")
    assert doc.team(cy.team).name == "Support"
    assert doc.function(doc.function_of(cy)).name == "Support"
    assert not any("no column gives the teams" in str(w) for w in result.warnings)


def test_both_fields_spelled_as_users_type_them():
    assert parse_map_args(["Dept=Team + Function"]) == {"Dept": "team,function"}
    assert parse_map_args(["Dept=department,team"]) == {"Dept": "function,team"}
    assert parse_map_args(["Dept=function"]) == {"Dept": "function"}  # the old syntax
    with pytest.raises(ImportFailed, match="unknown field 'colour'"):
        parse_map_args(["Dept=team,colour"])


def test_a_field_taken_by_another_column_leaves_the_first_its_other_field():
    headers = ["id", "Dept", "Team"]
    mapping = apply_overrides(headers, {"id": "id"}, {"Dept": "team,function"})
    assert mapping == {"id": "id", "Dept": "team,function"}
    mapping = apply_overrides(headers, mapping, {"Team": "team"})
    assert mapping == {"id": "id", "Dept": "function", "Team": "team"}


def test_no_team_column_warns_how_to_use_departments_as_teams(tmp_path, capsys):
    src = write(tmp_path / "dept.csv", DEPARTMENTS)
    out = tmp_path / "out.orgd"
    assert cli_import(str(src), str(out), []) == 0
    err = capsys.readouterr().err
    assert "no column gives the teams" in err
    assert "--map department=team,function" in err
    assert orgio.load(out).teams == []


@needs_shared
def test_the_d3_sample_can_use_its_areas_as_teams():
    result = import_file(D3, {"area": "team,function"})
    doc = result.document
    assert [t.name for t in doc.teams] == ["Corporate"]
    assert all(p.team == doc.teams[0].id for p in doc.people)


def as_teams(table):
    return apply_overrides(table.headers, guess_mapping(table.headers), {"area": "team"})


def test_a_team_column_that_makes_huge_teams_says_it_may_be_departments(tmp_path):
    rows = ["id,name,manager,area"] + [
        f"p{i},Person {i},{'' if i == 0 else 'p0'},{'Sales' if i < 60 else 'Ops'}"
        for i in range(70)
    ]
    big = read_table(write(tmp_path / "big.csv", "\n".join(rows)))
    result = import_table(big, as_teams(big))
    hints = [w.message for w in result.warnings if "departments or areas" in w.message]
    assert len(hints) == 1
    assert "'Sales' (60 people)" in hints[0] and "Ops" not in hints[0]
    assert "--map area=function" in hints[0]
    # Teams of a usual size get no such hint.
    few = read_table(write(tmp_path / "few.csv", "\n".join(rows[:12])))
    small = import_table(few, as_teams(few))
    assert not [w for w in small.warnings if "departments or areas" in w.message]
