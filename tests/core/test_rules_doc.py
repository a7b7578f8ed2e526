"""docs/rules.md documents every rule and stays in step with the catalogue."""

from pathlib import Path

from orgdesigner.core.catalogue import RULES
from orgdesigner.core.rules_doc import rules_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_every_rule_is_documented_with_why_and_configuration():
    text = rules_markdown()
    for rule_id, info in RULES.items():
        assert f"### {rule_id} ({info.severity})" in text
        assert info.why in text
        for param in info.params:
            assert f"`{param}`" in text


def test_docs_rules_md_is_current():
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: regenerate it with\n"
        'python -c "from orgdesigner.core.rules_doc import rules_markdown; '
        "print(rules_markdown(), end='')\" > docs/rules.md"
    )
