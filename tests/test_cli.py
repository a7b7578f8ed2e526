"""The command line, as a script would use it: output, exit status, files written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orgdesigner import __version__
from orgdesigner.cli import main
from orgdesigner.core import io
from orgdesigner.core.model import Document, Function, Person, Role, Team
from orgdesigner.core.rules import validate


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "orgdesigner.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def write(tmp_path: Path, doc: Document, name: str = "org.orgd") -> Path:
    path = tmp_path / name
    io.save(doc, path)
    return path


@pytest.fixture
def clean_doc() -> Document:
    """A tiny organisation with no findings at error severity."""
    doc = Document.new("Tiny")
    doc.functions = [Function(id="engineering", name="Engineering", leader="a")]
    doc.roles = [
        Role(
            id="eng",
            title="Engineer",
            function="engineering",
            purpose="Build",
            responsibilities=["Ship"],
            people_manager=True,
        )
    ]
    doc.teams = [Team(id="t", name="Core", mission="Keep the lights on", owner="a")]
    doc.people = [Person(id="a", name="Ann", role="eng", team="t")] + [
        Person(id=f"p{i}", name=f"P{i}", role="eng", team="t", manager="a") for i in range(4)
    ]
    return doc


def test_version():
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"orgdesigner {__version__}"


def test_schema_is_the_models_json_schema():
    out = run("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    assert set(schema["properties"]) >= {"format", "version", "people", "teams", "rules"}


def test_validate_exit_0_without_errors_and_1_with_strict_warnings(tmp_path, clean_doc):
    path = write(tmp_path, clean_doc)
    out = run("validate", str(path))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "warning" in out.stdout  # FUNC-STANDARDS etc. are warnings here
    assert run("validate", str(path), "--strict").returncode == 1


def test_validate_exit_1_on_error_finding_and_json_shape(tmp_path, clean_doc):
    clean_doc.people[1].manager = "nobody-here"
    path = write(tmp_path, clean_doc)
    out = run("validate", str(path), "--format", "json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["file"] == str(path)
    assert set(data["summary"]) == {"error", "warning", "info", "waived"}
    ref = [f for f in data["findings"] if f["rule"] == "ORG-REF"]
    assert ref and ref[0]["subjects"] == ["p0"] and ref[0]["severity"] == "error"
    # The contract's keys, and the suggested fix beside them (an added key).
    assert set(ref[0]) == {"rule", "severity", "message", "subjects", "waived", "fix"}


def test_validate_text_shows_each_suggested_fix_under_its_finding(tmp_path, clean_doc, capsys):
    clean_doc.people[1].manager = "nobody-here"
    clean_doc.people[2].role = None
    clean_doc.people[2].name = "Bo\x1b[31m"  # users' text reaches the terminal escaped
    path = write(tmp_path, clean_doc)
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(lines) if "ORG-REF" in line)
    assert lines[at + 1].strip() == "fix: choose an existing person as line manager, or clear it"
    assert lines[at + 1].startswith(" " * 9)  # indented under the finding, not a finding
    at = next(i for i, line in enumerate(lines) if "ROLE-MISSING" in line)
    assert lines[at + 1].strip().startswith("fix: give Bo")
    assert "\x1b" not in "\n".join(lines)
    # A finding with no plain fix has no fix line: the next line is another finding.
    report = validate(io.load(path))
    bare = [f for f in report.findings if not f.fix]
    fixes = sum(1 for f in report.findings if f.fix)
    assert sum(1 for line in lines if line.strip().startswith("fix: ")) == fixes
    assert len(lines) == len(report.findings) + fixes + 1
    assert all(f.message for f in bare)


def test_validate_broken_file_prints_one_line_and_exits_2(tmp_path):
    path = tmp_path / "bad.orgd"
    path.write_text(
        '{"format": "orgdesigner", "version": 1, "people": [{"id": "a", "vacant": "yes"}]}'
    )
    out = run("validate", str(path))
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "people[0].vacant" in lines[0]
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "text, where",
    [
        ("{not json", "line 1"),
        ('{"format": "other", "version": 1}', "format"),
        ('{"format": "orgdesigner", "version": 99}', "newer"),
        (
            '{"format": "orgdesigner", "version": 1, "people": [{"id": "a"}, {"id": "a"}]}',
            "people[1].id",
        ),
    ],
)
def test_validate_unreadable_files(tmp_path, text, where):
    path = tmp_path / "x.orgd"
    path.write_text(text)
    assert main(["validate", str(path)]) == 2


def test_validate_missing_file_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "none.orgd")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_rule_file_merges_params_and_replaces_waivers(tmp_path, clean_doc, capsys):
    path = write(tmp_path, clean_doc)
    rules = tmp_path / "rules.json"
    # Raise the minimum team size: TEAM-SIZE must now fire on the 5-person team,
    # and making it an error turns the exit status to 1.
    rules.write_text(json.dumps({"params": {"team_min": 6}, "severity": {"TEAM-SIZE": "error"}}))
    assert main(["validate", str(path), "--rules", str(rules), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert any(f["rule"] == "TEAM-SIZE" and f["severity"] == "error" for f in data["findings"])
    rules.write_text(
        json.dumps(
            {
                "params": {"team_min": 6},
                "severity": {"TEAM-SIZE": "error"},
                "waivers": [{"rule": "TEAM-SIZE", "subject": "t", "reason": "pilot team"}],
            }
        )
    )
    assert main(["validate", str(path), "--rules", str(rules), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["waived"] >= 1


def test_rule_file_with_a_typo_is_refused(tmp_path, clean_doc, capsys):
    path = write(tmp_path, clean_doc)
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"params": {"team_minimum": 6}}))
    assert main(["validate", str(path), "--rules", str(rules)]) == 2
    assert "params.team_minimum" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("params", "doc_params", "said"),
    [
        ({"span_min": 12, "span_max": 4}, {}, "span_min (12) is above span_max (4)"),
        # the rule file's minimum over the file's own maximum: refused once merged
        ({"team_min": 9}, {"team_max": 6}, "team_min (9) is above team_max (6)"),
        (
            {"ratios": [{"numerator": "a", "denominator": "b", "min": 5, "max": 2}]},
            {},
            "a per b: minimum (5) above maximum (2)",
        ),
    ],
)
def test_a_rule_file_cannot_put_a_minimum_above_its_maximum(
    tmp_path, clean_doc, capsys, params, doc_params, said
):
    for name, value in doc_params.items():
        setattr(clean_doc.rules.params, name, value)
    path = write(tmp_path, clean_doc)
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"params": params}))
    assert main(["validate", str(path), "--rules", str(rules)]) == 2
    assert said in capsys.readouterr().err


def test_rule_file_naming_a_grade_the_document_lacks_is_refused(tmp_path, clean_doc, capsys):
    path = write(tmp_path, clean_doc)
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"params": {"owner_min_grade": "g9"}}))
    assert main(["validate", str(path), "--rules", str(rules)]) == 2
    assert "rules.params.owner_min_grade: no grade 'g9'" in capsys.readouterr().err


def test_validate_json_gives_each_finding_a_suggested_fix(tmp_path, clean_doc, capsys):
    clean_doc.teams[0].owner = None
    path = write(tmp_path, clean_doc)
    main(["validate", str(path), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    owner = next(f for f in findings if f["rule"] == "STO-OWNER")
    assert owner["fix"].startswith("give ") and owner["fix"].endswith(" an owner")
    assert all(isinstance(f["fix"], str) for f in findings)


def test_generate_is_deterministic_and_loads(tmp_path):
    a, b = tmp_path / "a.orgd", tmp_path / "b.orgd"
    assert main(["generate", "--people", "300", "--seed", "5", "--to", str(a)]) == 0
    assert main(["generate", "--people", "300", "--seed", "5", "--to", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert len(io.load(a).people) == 300


def test_generate_to_unwritable_folder_exits_2(tmp_path):
    assert main(["generate", "--people", "10", "--to", str(tmp_path / "no" / "x.orgd")]) == 2


def test_python_dash_m_runs_the_same_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "orgdesigner", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0 and out.stdout.strip() == f"orgdesigner {__version__}"


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_export_chart_pdf_svg_png_and_both_views(tmp_path, clean_doc):
    src = write(tmp_path, clean_doc)
    pdf = tmp_path / "chart.pdf"
    assert main(["export", str(src), "--to", str(pdf), "--page", "a3", "--landscape"]) == 0
    assert "Ann" in _pdf_text(pdf)
    both = tmp_path / "both.pdf"
    assert main(["export", str(src), "--to", str(both), "--view", "both"]) == 0
    assert "Functions view" in _pdf_text(both) and "People view" in _pdf_text(both)
    svg = tmp_path / "chart.svg"
    assert main(["export", str(src), "--to", str(svg), "--view", "functional"]) == 0
    assert "Ann" in svg.read_text(encoding="utf-8")
    assert main(["export", str(src), "--to", str(tmp_path / "c.png"), "--view", "both"]) == 0
    assert (tmp_path / "c-people.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "c-functions.png").exists()


def test_export_to_an_unwritable_place_exits_2_and_says_why(tmp_path, clean_doc, capsys):
    src = write(tmp_path, clean_doc)
    before = src.read_bytes()
    assert main(["export", str(src), "--to", str(tmp_path / "missing" / "x.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", str(src), "--to", str(tmp_path / "x.docx")]) == 2
    assert "unsupported" in capsys.readouterr().err
    assert src.read_bytes() == before


def test_roles_document_markdown_and_pdf(tmp_path, clean_doc):
    clean_doc.roles[0].levels = []
    src = write(tmp_path, clean_doc)
    md = tmp_path / "roles.md"
    assert main(["roles", str(src), "--to", str(md)]) == 0
    text = md.read_text(encoding="utf-8")
    assert "Engineer" in text and "Build" in text
    assert main(["roles", str(src), "--to", str(tmp_path / "roles.pdf")]) == 0
    assert "Engineer" in _pdf_text(tmp_path / "roles.pdf")
    assert main(["roles", str(tmp_path / "nope.orgd"), "--to", str(md)]) == 2


@pytest.mark.parametrize(
    "text, said",
    [
        ('{"params": {"span_max": ' + "9" * 5000 + "}}", "too long"),
        ('{"params": {"ratios": [{"numerator": "e", "denominator": "p", "min": NaN}]}}', "NaN"),
        ("{oops", "line 1"),
        ('{"params": {"span_max": 3}, "params": {"span_max": 9}}', '"params" appears twice'),
    ],
)
def test_a_broken_rule_file_is_one_line_and_exit_2(tmp_path, clean_doc, capsys, text, said):
    path = write(tmp_path, clean_doc)
    rules = tmp_path / "rules.json"
    rules.write_text(text)
    assert main(["validate", str(path), "--rules", str(rules)]) == 2
    err = capsys.readouterr().err.strip()
    assert said in err and len(err.splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_validate_refuses_a_device_in_one_line(tmp_path, clean_doc, capsys):
    assert main(["validate", "/dev/zero"]) == 2
    assert capsys.readouterr().err.strip() == "orgdesigner: /dev/zero: is a device, not a file"
    path = write(tmp_path, clean_doc)
    assert main(["validate", str(path), "--rules", "/dev/zero"]) == 2
    assert "is a device, not a file" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="needs FIFOs")
def test_validate_refuses_a_fifo_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.orgd"
    os.mkfifo(fifo)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "orgdesigner.cli", "validate", str(fifo)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("validate waited for someone to write into the FIFO")
    assert result.returncode == 2
    assert "is a pipe (FIFO), not a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_names_the_place_of_an_infinite_number(tmp_path, capsys):
    path = tmp_path / "big.orgd"
    path.write_text(
        '{"format": "orgdesigner", "version": 1, "view": {"positions": '
        '{"teams": {"t": [1e999, 0]}}}}'
    )
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "view.positions.teams.t[0]" in err and len(err.splitlines()) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_writing_over_a_read_only_file_is_refused_in_one_line(tmp_path, capsys):
    target = tmp_path / "org.orgd"
    target.write_text("kept")
    target.chmod(0o444)
    assert main(["generate", "--people", "5", "--to", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert "read-only" in err and len(err.splitlines()) == 1
    assert target.read_text() == "kept"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_writing_through_a_symlink_writes_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.orgd"
    real.write_text("old")
    link = tmp_path / "link.orgd"
    link.symlink_to(real)
    assert main(["generate", "--people", "5", "--to", str(link)]) == 0
    assert link.is_symlink()
    assert len(io.load(real).people) == 5


def test_import_help_names_every_field_a_column_can_be_mapped_to(capsys):
    # The help is written out so that building the parser stays cheap; this keeps it
    # in step with the importer's list when a field is added to the model.
    from orgdesigner.core.importer import MAPPABLE

    with pytest.raises(SystemExit):
        main(["import", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    listed = text.split("map a column to a field (")[1].split(")")[0]
    assert sorted(f.strip() for f in listed.split(",")) == sorted(MAPPABLE)
