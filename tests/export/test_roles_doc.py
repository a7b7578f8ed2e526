"""The role-definition document: what HR hands out, in PDF and Markdown."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from export_helpers import (
    flat,
    ink_fraction,
    needs_pdftoppm,
    pdf_text_pages,
    render_page,
    small_org,
)
from pypdf import PdfReader

from orgdesigner.core.io import dumps
from orgdesigner.export import ExportError, export_roles
from orgdesigner.export.roles_doc import MISSING_LADDER, MISSING_PURPOSE, collect, markdown


def md_unescape(text: str) -> str:
    """What a Markdown renderer shows for backslash-escaped punctuation."""
    import re

    return re.sub(r"\\([\\`*_\[\]<>&|#+\-.])", r"\1", text)


def test_markdown_has_every_role_title_and_level(org, tmp_path):
    out = tmp_path / "roles.md"
    export_roles(org, out)
    text = md_unescape(out.read_text(encoding="utf-8"))
    for role in org.roles:
        assert role.title in text
        for level in role.levels:
            assert f"| {level.code} |" in text
            if level.title:
                assert level.title in text


def test_markdown_escapes_markup_so_it_renders_literally(org):
    text = markdown(org)
    assert "Product Designer \\<UX\\>" in text
    assert "<UX>" not in text.replace("\\<UX\\>", "")
    assert "Acme \\<Org\\> \\& Co" in text


def test_every_function_lists_its_leader_and_standard_owners(org, tmp_path):
    out = tmp_path / "roles.pdf"
    export_roles(org, out)
    text = flat(" ".join(pdf_text_pages(out)))
    assert "Leader: Ben Tech (Chief Technology Officer)" in text
    assert "Leader: Cleo Product (Chief Product Officer)" in text
    # Design has no leader, product names an owner for leveling only: said, not left blank.
    assert "No leader named" in text
    sections = {s.name: s for s in collect(org)}
    product = {st.name: st for st in sections["Product"].standards}
    assert product["Leveling"].owner.startswith("Cleo Product")
    assert product["Hiring"].missing and product["Hiring"].owner == "No owner named."
    engineering = {st.name: st for st in sections["Engineering"].standards}
    assert engineering["Hiring"].owner == "Dan Manager (Engineering Manager)"
    assert engineering["Code review"].missing
    assert "Hiring Dan Manager (Engineering Manager)" in text


def test_roles_say_who_holds_them_on_which_teams_and_the_vacancies(org):
    roles = {r.id: r for s in collect(org) for r in s.roles}
    swe = roles["swe"]
    assert swe.holders == 4 and swe.vacancies == 1
    assert dict(swe.teams) == {"Payments": 3, "Platform & Tools": 2}
    assert swe.open_positions == [
        "Platform & Tools, level E1, reporting to Eve Platform (Engineering Manager)"
    ]
    levels = {lv.code: lv.holders for lv in swe.levels}
    assert levels == {"E1": 3, "E2": 2}
    # a level held but not on the ladder is named
    assert roles["pm"].unknown_levels == ["PM1"]


def test_missing_parts_are_said_visibly(org, tmp_path):
    out = tmp_path / "roles.pdf"
    export_roles(org, out)
    pdf = flat(" ".join(pdf_text_pages(out)))
    md = markdown(org)
    for text in (pdf, flat(md)):
        assert MISSING_PURPOSE in text
        assert MISSING_LADDER in text
        assert "No expectations written yet." in text  # the M2 level of Engineering Manager
    pm = pdf[pdf.index("Product Manager Individual") :]
    assert pm.index("Missing: No purpose written yet.") < pm.index("Career ladder")


def test_pdf_structure_cover_contents_and_metadata(org, tmp_path):
    out = tmp_path / "roles.pdf"
    export_roles(org, out, when=dt.date(2025, 3, 4), author="HR Team")
    pages = pdf_text_pages(out)
    assert len(pages) >= 4
    assert "Role definitions" in pages[0] and "Acme <Org> & Co" in flat(pages[0])
    assert "2025-03-04" in pages[0]
    assert "Contents" in pages[1]
    for title in (
        "Engineering",
        "Product",
        "Design & Research",
        "Roles without a function",
        "Software Engineer",
        "Product Designer <UX>",
    ):
        assert title in flat(pages[1])
    reader = PdfReader(str(out))
    assert reader.metadata.title == "Role definitions: Acme <Org> & Co"
    assert reader.metadata.author == "HR Team"
    assert [o.title for o in reader.outline if not isinstance(o, list)][:2] == [
        "Engineering",
        "Product",
    ]
    assert f"Page 2 of {len(pages)}" in flat(pages[1])
    # The page printed in the contents is where the heading is.
    for entry in reader.outline:
        if isinstance(entry, list):
            continue
        where = reader.get_destination_page_number(entry) + 1
        printed = re.search(re.escape(entry.title) + r"\s+(\d+)", pages[1])
        assert printed and int(printed.group(1)) == where, entry.title
        assert entry.title in flat(pages[where - 1])


def test_pdf_prints_markup_and_other_scripts_literally(org, tmp_path):
    org.roles[2].purpose = 'Builds <b>bold</b> & "quoted" things for Zoë and Łukasz'
    out = tmp_path / "roles.pdf"
    export_roles(org, out)
    text = flat(" ".join(pdf_text_pages(out)))
    assert 'Builds <b>bold</b> & "quoted" things for Zoë and Łukasz' in text
    assert "Reviews code <carefully> & kindly" in text
    assert "工程师" in text and "写代码" in text


@needs_pdftoppm
def test_a_rendered_page_is_not_blank(org, tmp_path):
    out = tmp_path / "roles.pdf"
    export_roles(org, out)
    png = render_page(out, 4, tmp_path)
    assert ink_fraction(png) > 0.01


def test_failure_leaves_the_old_file_and_the_document_untouched(org, tmp_path):
    before = dumps(org)
    missing = tmp_path / "no-such-folder" / "roles.pdf"
    with pytest.raises(ExportError, match="does not exist"):
        export_roles(org, missing)
    target = tmp_path / "roles.md"
    target.write_text("earlier version", encoding="utf-8")
    os.chmod(tmp_path, 0o500)
    try:
        if os.access(tmp_path, os.W_OK):  # running as root: permissions do not stop us
            pytest.skip("permissions are not enforced for this user")
        with pytest.raises(ExportError, match="Cannot write"):
            export_roles(org, target)
    finally:
        os.chmod(tmp_path, 0o700)
    assert target.read_text(encoding="utf-8") == "earlier version"
    assert dumps(org) == before
    assert [p.name for p in tmp_path.iterdir()] == ["roles.md"]  # no temporary file left


def test_a_full_disk_leaves_the_earlier_file_whole(org, tmp_path, monkeypatch):
    import errno

    from orgdesigner.export import common

    target = tmp_path / "roles.pdf"
    target.write_bytes(b"earlier version")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(common.os, "fsync", full)
    with pytest.raises(ExportError, match="No space left on device"):
        export_roles(org, target)
    assert target.read_bytes() == b"earlier version"
    assert [p.name for p in tmp_path.iterdir()] == ["roles.pdf"]


def test_export_into_a_folder_path_or_wrong_suffix_says_why(org, tmp_path):
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_roles(org, folder)
    with pytest.raises(ExportError, match=r"\.pdf, \.docx or \.md"):
        export_roles(org, tmp_path / "roles.odt")


def test_two_hundred_roles_make_a_complete_document(tmp_path):
    from orgdesigner.core.model import Level, Role

    doc = small_org()
    for i in range(200):
        doc.roles.append(
            Role(
                id=f"r{i}",
                title=f"Specialist {i}",
                function="engineering",
                purpose="Keeps a standard.",
                responsibilities=["Reviews"],
                levels=[
                    Level(code=f"S{i}-{k}", title=f"Level {k}", expectations="Delivers")
                    for k in range(3)
                ],
            )
        )
    doc.forget_index()
    out = tmp_path / "roles.md"
    export_roles(doc, out)
    text = md_unescape(out.read_text(encoding="utf-8"))
    assert all(f"Specialist {i}" in text and f"S{i}-2" in text for i in range(200))


def _colliding_org():
    """IDs whose slugs collide: punctuation and case, other scripts, a function "none"."""
    from orgdesigner.core.model import Function, Role

    doc = small_org()
    doc.functions.append(Function(id="none", name="Function called none"))
    doc.roles += [
        Role(id="Lead Eng", title="Lead (spaced)", function="engineering"),
        Role(id="lead-eng", title="Lead (dashed)", function="product"),
        Role(id="工程师", title="Engineer in Chinese", function="engineering"),
        Role(id="设计师", title="Designer in Chinese", function="design"),
        Role(id="orphan", title="Role of the none function", function="none"),
    ]
    doc.forget_index()
    return doc


def test_every_heading_gets_its_own_link_target():
    doc = _colliding_org()
    sections = collect(doc)
    anchors = [s.anchor for s in sections] + [r.anchor for s in sections for r in s.roles]
    assert len(anchors) == len(set(anchors))
    text = markdown(doc)
    ids = re.findall(r'<a id="([^"]+)"></a>', text)
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(ids) == len(set(ids)) == len(anchors)
    assert sorted(links) == sorted(ids)


def test_pdf_links_of_colliding_ids_go_to_their_own_headings(tmp_path):
    doc = _colliding_org()
    out = tmp_path / "roles.pdf"
    export_roles(doc, out)
    pages = pdf_text_pages(out)
    reader = PdfReader(str(out))

    def flatten(items):
        for item in items:
            if isinstance(item, list):
                yield from flatten(item)
            else:
                yield item

    entries = list(flatten(reader.outline))
    titles = [e.title for e in entries]
    for title in (
        "Lead (spaced)",
        "Lead (dashed)",
        "Engineer in Chinese",
        "Designer in Chinese",
        "Function called none",
        "Roles without a function",
    ):
        assert titles.count(title) == 1, title
    for entry in entries:
        where = reader.get_destination_page_number(entry) + 1
        assert entry.title in flat(pages[where - 1]), entry.title
        printed = re.search(re.escape(entry.title) + r"\s+(\d+)", flat(pages[1]))
        assert printed and int(printed.group(1)) == where, entry.title


AWKWARD_MD = [
    "~~struck~~ and ~~~ a fence",
    "---",
    "- - -",
    "1) first",
    "1. first",
    "2.",
    "+ plus",
    "# not a heading",
    "> not a quote",
    "Plain <b> & *x* | y",
]


def test_markdown_escapes_strikethrough_rules_and_numbered_lists():
    from orgdesigner.export.roles_doc import md

    assert md("~~struck~~") == "\\~\\~struck\\~\\~"
    assert md("---") == "\\---"
    assert md("1) first") == "1\\) first"
    assert md("1. first") == "1\\. first"  # a backslash before the digit would show


def test_markdown_renders_awkward_text_literally():
    markdown_it = pytest.importorskip("markdown_it")
    from html import unescape

    from orgdesigner.export.roles_doc import md

    renderer = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for text in AWKWARD_MD:
        assert unescape(renderer.render(md(text))) == f"<p>{text}</p>\n", text


def test_role_id_shows_in_a_code_span_on_one_line(org):
    org.roles[0].id = "odd`id\nwith ``ticks"
    org.forget_index()
    line = next(x for x in markdown(org).splitlines() if "(ID " in x and "odd" in x)
    assert line.endswith("(ID ```odd`id with ``ticks```)")


def test_bookmarks_show_titles_without_control_characters(org, tmp_path):
    org.roles[0].title = "Chief\x07 Technology\x00 Officer"
    out = tmp_path / "roles.pdf"
    export_roles(org, out)
    outline = PdfReader(str(out)).outline
    titles = [e.title for e in outline if not isinstance(e, list)]
    titles += [e.title for sub in outline if isinstance(sub, list) for e in sub]
    assert "Chief Technology Officer" in titles
    assert not any(ch in t for t in titles for ch in "\x00\x07")
