"""docs/schema.json is the published JSON Schema of the .orgd format: it must
match what the code accepts, so tools that validate against it agree with us."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgdesigner.core.io import schema

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.json"
REGENERATE = "docs/schema.json is stale: regenerate it with `orgdesigner schema > docs/schema.json`"


def test_published_schema_matches_the_model():
    assert SCHEMA_DOC.exists(), REGENERATE
    published = json.loads(SCHEMA_DOC.read_text(encoding="utf-8"))
    assert published == schema(), REGENERATE


def test_published_schema_describes_the_format():
    published = json.loads(SCHEMA_DOC.read_text(encoding="utf-8"))
    assert published["$schema"].startswith("https://json-schema.org/")
    assert {"format", "version"} <= set(published["required"])
    assert {"people", "teams", "roles", "functions", "rules"} <= set(published["properties"])
    # Unknown keys are an error in a file, so the schema must say so too.
    assert published["additionalProperties"] is False


@pytest.mark.skipif(
    importlib.util.find_spec("orgdesigner.cli") is None, reason="no command line yet"
)
def test_the_regenerate_command_prints_the_published_schema():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from orgdesigner.cli import main; sys.exit(main())",
            "schema",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(SCHEMA_DOC.read_text(encoding="utf-8"))
