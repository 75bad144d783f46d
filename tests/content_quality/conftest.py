"""One search index over the bundled guide for every content-quality test."""

from __future__ import annotations

import pytest

from guide.content.loader import load_or_raise
from guide.content.search import SearchIndex


@pytest.fixture(scope="session")
def index() -> SearchIndex:
    return SearchIndex(load_or_raise())
