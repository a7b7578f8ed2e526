"""The comparison report (PDF) and ``orgdesigner diff`` as scripts and leaders use them."""

from __future__ import annotations

import datetime as dt
import io as _io
import json
from pathlib import Path

import pytest
from export_helpers import variant_a
from export_helpers import variant_b as moved_variant
from pypdf import PdfReader

from orgdesigner.cli import cli_diff
from orgdesigner.core import io
from orgdesigner.core.diff import diff
from orgdesigner.export import compare_report
from orgdesigner.export.common import ExportError
from orgdesigner.export.compare_report import pdf_bytes, write_report


def variant_b():
    b = moved_variant()
    b.team("t-pay").owner = None  # a finding only B has
    b.forget_index()
    return b


def pdf_text(data: bytes) -> str:
    reader = PdfReader(_io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


# -- the PDF ------------------------------------------------------------------------------


def test_report_has_figures_moves_changes_and_findings_of_each_side():
    d = diff(variant_a(), variant_b())
    data = pdf_bytes(d, files=("/plans/a.orgd", "/plans/b.orgd"), when=dt.date(2026, 3, 1))
    assert data.startswith(b"%PDF")
    text = flat(pdf_text(data))
    assert "Comparison of two variants" in text
    assert "a.orgd" in text and "b.orgd" in text and "2026-03-01" in text
    # figures side by side with their change
    for label in (
        "Headcount (filled)",
        "Vacancies",
        "Teams",
        "Average span",
        "Largest span",
        "Layers",
        "Errors",
        "Warnings",
    ):
        assert label in text
    # who moves, in words
    assert "Ann: Payments \u2192 Checkout, now reports to Bo (was Al)" in text
    # changes grouped by kind, with names
    assert "People: 1 added, 1 removed, 1 changed" in text
    assert "Teams: 1 changed" in text
    assert "owner Al \u2192 none" in text
    # findings only one side has
    assert "Findings only in B" in text and "Payments has no owner" in text
    assert "Findings only in A" in text


def test_users_text_prints_literally():
    d = diff(variant_a(), variant_b())
    text = flat(pdf_text(pdf_bytes(d)))
    assert "Payments <b>& friends</b>" in text  # the name, not bold markup
    assert "Zed <i>Ng</i>" in text


def test_identical_variants_say_so():
    a = variant_a()
    text = flat(pdf_text(pdf_bytes(diff(a, variant_a()))))
    assert "Changes: none." in text
    assert "Nobody in both variants changes" in text
    assert "Findings only in A (0)" in text and "Findings only in B (0)" in text


def test_long_lists_are_cut_with_a_count(monkeypatch: pytest.MonkeyPatch):
    a = variant_a()
    b = variant_b()
    b.person("al").manager = "bo"
    b.person("bo").manager = None
    monkeypatch.setattr(compare_report, "MAX_MOVES", 1)
    d = diff(a, b)
    assert len(d.moves) == 3
    text = flat(pdf_text(pdf_bytes(d)))
    assert "and 2 more moves" in text


def test_bundled_examples_compare_on_a_few_pages():
    from orgdesigner.resources_path import resource

    a_path = resource("examples", "product-stool.orgd")
    b_path = resource("examples", "product-sto.orgd")
    if not (a_path.exists() and b_path.exists()):
        pytest.skip("bundled examples are not there yet")
    d = diff(io.load(a_path), io.load(b_path))
    data = pdf_bytes(d, files=(str(a_path), str(b_path)))
    reader = PdfReader(_io.BytesIO(data))
    assert 2 <= len(reader.pages) <= 8
    text = flat(pdf_text(data))
    assert "STO teams" in text
    assert f"Who moves ({len(d.moves)})" in text
    assert reader.metadata.title.startswith("Comparison:")


def test_write_report_is_pdf_only_and_says_why(tmp_path: Path):
    d = diff(variant_a(), variant_b())
    out = tmp_path / "report.pdf"
    write_report(d, out)
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(ExportError, match=r"\.pdf"):
        write_report(d, tmp_path / "report.docx")
    with pytest.raises(ExportError, match="does not exist"):
        write_report(d, tmp_path / "missing" / "report.pdf")


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "a.orgd", tmp_path / "b.orgd"
    io.save(variant_a(), a)
    io.save(variant_b(), b)
    return str(a), str(b)


def test_cli_text(files: tuple[str, str], capsys: pytest.CaptureFixture[str]):
    assert cli_diff(*files) == 0
    out = capsys.readouterr().out
    assert "Headcount (filled)" in out
    assert "Ann: Payments \u2192 Checkout, now reports to Bo (was Al)" in out
    assert "Findings only in B" in out


def test_cli_json_is_the_format_object(files: tuple[str, str], capsys: pytest.CaptureFixture[str]):
    assert cli_diff(*files, fmt="json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["files"] == {"a": files[0], "b": files[1]}
    assert [(e["kind"], e["id"]) for e in data["added"]] == [("person", "zed")]
    assert [(e["kind"], e["id"]) for e in data["removed"]] == [("person", "ed")]
    changed = {(e["kind"], e["id"]): e["fields"] for e in data["changed"]}
    assert changed[("person", "ann")] == {"manager": ["al", "bo"], "team": ["t-pay", "t-chk"]}
    assert changed[("team", "t-pay")] == {"owner": ["al", None]}
    assert data["figures"]["a"]["headcount"] == 5 and data["figures"]["b"]["headcount"] == 5
    assert data["figures"]["b"]["findings"]["error"] >= 1
    assert data["deltas"]["findings"]["error"] >= 1
    assert data["churn"]["line_manager"] == 1


def test_cli_writes_the_report_too(
    files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "cmp.pdf"
    assert cli_diff(*files, to=str(out)) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert f"wrote {out}" in capsys.readouterr().out
    assert "a.orgd" in flat(pdf_text(out.read_bytes()))


@pytest.mark.parametrize("case", ["missing-a", "broken-b", "unwritable", "not-pdf", "bad-format"])
def test_cli_fails_with_status_2_and_one_line(
    files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
):
    a, b = files
    fmt, to = "text", None
    if case == "missing-a":
        a = str(tmp_path / "nope.orgd")
    elif case == "broken-b":
        Path(b).write_text('{"format": "orgdesigner", "version": 1, "teams": [{"id": ""}]}')
    elif case == "unwritable":
        to = str(tmp_path / "no-such-folder" / "r.pdf")
    elif case == "not-pdf":
        to = str(tmp_path / "r.txt")
    elif case == "bad-format":
        fmt = "yaml"
    assert cli_diff(a, b, fmt=fmt, to=to) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("orgdesigner: ") and "\n" not in err
    assert captured.out == ""  # nothing half-printed
    if case == "broken-b":
        assert "teams[0].id" in err
    if case == "missing-a":
        assert "nope.orgd" in err
