"""Fixtures of the export tests."""

from __future__ import annotations

import pytest
from export_helpers import small_org

from orgdesigner.core.model import Document


@pytest.fixture
def org() -> Document:
    """A small organisation with awkward names (see ``export_helpers.small_org``)."""
    return small_org()
