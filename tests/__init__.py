"""The test suite is a package, so helpers are imported by their place (tests.ui.harness) and mypy checks it whole."""
