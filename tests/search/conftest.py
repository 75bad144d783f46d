"""The TUI fixtures of tests/ui, used here by name: the same app and library as the other Pilot tests."""

from tests.ui.conftest import library, make_app, speech

__all__ = ["library", "make_app", "speech"]
