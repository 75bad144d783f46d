"""`immunoguide treatment NAME [--json]` as a patient would type it."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import no_traceback, run

JSON_KEYS = ["name", "brands", "class", "given", "urgent", "side_effects", "rules", "topics", "sources"]


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        (["Keytruda"], "My treatment: pembrolizumab (Keytruda, Keytruda Qlex)"),
        (["pembrolizamab"], "My treatment: pembrolizumab (Keytruda, Keytruda Qlex)"),
        (["tecvayli"], "My treatment: teclistamab (Tecvayli)"),
        (["Yescarta"], "My treatment: axicabtagene ciloleucel (Yescarta)"),
        (["nivo", "and", "ipi"], "My treatment: nivolumab and ipilimumab (Opdivo and Yervoy)"),
        (["Opdivo + Yervoy"], "My treatment: nivolumab and ipilimumab (Opdivo and Yervoy)"),
    ],
)
def test_brand_generic_misspelt_and_combined_names_print_the_summary(typed: list[str], title: str) -> None:
    done = run("treatment", *typed)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line]
    assert lines[0] == title
    assert lines[1].startswith("Your care team's plan for you comes first.")
    assert lines[2] == "EMERGENCY: call an ambulance or go to the emergency department now"
    assert lines.index("What it is") > lines.index("URGENT: call your care team now")
    assert lines[-1].startswith("Your care team's plan comes first.")


def test_the_summary_gives_rates_rules_and_what_to_read_next() -> None:
    out = run("treatment", "Yescarta").stdout
    assert "- You do not drive, or do risky tasks such as using heavy machines, for at least 2 weeks." in out
    assert "- After CAR-T, any fever, even a mild one" in out
    assert "(immunoguide show car-t-aftercare)" in out
    keytruda = run("treatment", "keytruda").stdout
    assert "In the main pembrolizumab studies, about 3 in 100 people got pneumonitis." in keytruda
    assert "every 3 weeks or every 6 weeks" in keytruda


def test_json_has_exactly_the_issues_keys() -> None:
    done = run("treatment", "Opdivo + Yervoy", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == JSON_KEYS
    assert data["name"] == "nivolumab and ipilimumab" and data["class"] == "combination"
    assert [u["level"] for u in data["urgent"]] == ["emergency", "call-team-now"]
    assert "Chest pain or tightness" in data["urgent"][0]["signs"]
    assert data["side_effects"][0]["topic"] == "two-immunotherapies-together"
    assert all(set(s) == {"organisation", "title", "url", "reviewed"} for s in data["sources"])


def test_an_unknown_name_exits_1_with_the_closest_names_and_the_care_team() -> None:
    done = run("treatment", "keytruuda", "plus", "aspirin")
    no_traceback(done)
    assert done.returncode == 1 and done.stdout == ""
    assert "The guide has no treatment called 'keytruuda plus aspirin'." in done.stderr
    assert "The closest names: " in done.stderr
    assert "Your care team has your treatment plan" in done.stderr
