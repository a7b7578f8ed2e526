"""The validation report as PDF: findings by severity, each rule explained."""

from __future__ import annotations

import re

import pytest
from export_helpers import TRICKY, flat, pdf_text_pages
from pypdf import PdfReader

from orgdesigner.core.catalogue import RULES
from orgdesigner.core.io import dumps
from orgdesigner.core.model import Waiver
from orgdesigner.core.rules import validate
from orgdesigner.export import ExportError, export_findings


def test_findings_grouped_by_severity_with_rule_explanations(org, tmp_path):
    org.rules.waivers = [
        Waiver(rule="ROLE-DEFINITION", subject="pm", reason="being written <this week> & reviewed")
    ]
    report = validate(org)
    summary = report.summary()
    assert summary["warning"] and summary["waived"] == 1
    out = tmp_path / "findings.pdf"
    export_findings(org, report, out)
    text = flat(" ".join(pdf_text_pages(out)))

    assert "Validation report" in text and "Acme <Org> & Co" in text
    assert re.search(rf"\b{summary['warning']} ?Warnings", text)  # the summary tile
    # Sections in order of severity, waived last.
    present = [
        h for h in ("Errors (", "Warnings (", "Information (", "Waived findings (") if h in text
    ]
    assert present == sorted(present, key=text.index)
    assert "Warnings (" in present and "Waived findings (" in present
    for f in report.findings:
        assert flat(f.message) in text
        assert RULES[f.rule].why.split(";")[0][:40] in text
    assert "being written <this week> & reviewed" in text  # the waiver's reason, literally
    # Subjects appear by name, not only by ID.
    assert "Design & Research (function)" in text


def test_a_clean_document_says_there_is_nothing_to_fix(tmp_path):
    from orgdesigner.core.model import Document

    doc = Document.new("Empty")
    out = tmp_path / "findings.pdf"
    export_findings(doc, validate(doc), out)
    assert "No findings" in flat(pdf_text_pages(out)[0])


def test_metadata_and_untouched_document(org, tmp_path):
    before = dumps(org)
    out = tmp_path / "report.pdf"
    export_findings(org, validate(org), out, author="Org design team")
    meta = PdfReader(str(out)).metadata
    assert meta.title == "Validation report: Acme <Org> & Co"
    assert meta.author == "Org design team"
    assert dumps(org) == before


def test_only_pdf(org, tmp_path):
    with pytest.raises(ExportError, match=r"\.pdf"):
        export_findings(org, validate(org), tmp_path / "report.md")


def test_large_report_pages_are_numbered(tmp_path):
    from orgdesigner.core.generate import generate

    doc = generate(1000, seed=3)
    report = validate(doc)
    out = tmp_path / "findings.pdf"
    export_findings(doc, report, out)
    pages = pdf_text_pages(out)
    assert f"Page {len(pages)} of {len(pages)}" in flat(pages[-1])


def test_each_finding_shows_its_suggested_fix_with_users_text_kept_literally(org, tmp_path):
    person = org.person("p-1")
    person.name, person.role = TRICKY, None  # ROLE-MISSING names them in its fix
    org.forget_index()
    report = validate(org)
    with_fix = [f for f in report.findings if f.fix]
    assert any(TRICKY in f.fix for f in with_fix)
    out = tmp_path / "findings.pdf"
    export_findings(org, report, out)
    text = flat(" ".join(pdf_text_pages(out)))
    for f in with_fix:
        assert f"Fix: {flat(f.fix)}" in text
    assert text.count("Fix: ") == len(with_fix)


def test_the_standards_judged_by_read_as_words(org, tmp_path):
    org.rules.params.leader_load_max = 12
    out = tmp_path / "findings.pdf"
    export_findings(org, validate(org), out)
    first = flat(pdf_text_pages(out)[0])
    judged = first[first.index("Judged by:") :]
    assert "career_path" not in judged and "career path" in judged
    # Functions by name, as the rest of the report names them.
    assert "functions every team needs: Engineering, Product" in judged
    assert "largest leader load: 12" in judged


def test_rule_summaries_give_this_variants_values_not_parameter_keys(org, tmp_path):
    org.rules.params.max_layers = 1
    org.rules.params.team_min = 6
    report = validate(org)
    assert {"ORG-LAYERS", "TEAM-SIZE"} <= {f.rule for f in report.findings}
    out = tmp_path / "findings.pdf"
    export_findings(org, report, out)
    text = flat(" ".join(pdf_text_pages(out)))
    assert "more than 1 levels below the top" in text
    assert "fewer than 6 or more than 10" in text
    assert not re.search(r"\b(max_layers|team_min|team_max)\b", text)


def test_the_report_command_says_it_judged_by_the_rule_file(org, tmp_path):
    import json

    from orgdesigner.cli import main
    from orgdesigner.core import io

    src, rules, out = tmp_path / "org.orgd", tmp_path / "rules.json", tmp_path / "r.pdf"
    io.save(org, src, backup=False)
    rules.write_text(json.dumps({"params": {"span_max": 2}, "disabled": ["ROLE-LADDER"]}))
    assert main(["report", str(src), "--rules", str(rules), "--to", str(out)]) == 0
    text = flat(" ".join(pdf_text_pages(out)))
    # The findings were judged by the rule file: so is what the report says it used.
    assert "largest span of control: 2;" in text
    assert "Rules switched off: ROLE-LADDER" in text
