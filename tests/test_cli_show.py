"""`immunoguide topics` and `immunoguide show`: the tree, one topic in each format, and what a
mistyped id gets (suggestions on stderr, exit 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guide.cli import main

from .cli_run import BROKEN, FIXTURE, no_traceback, run

# --- topics ---------------------------------------------------------------


def test_topics_prints_the_tree_with_ids_indented_by_depth() -> None:
    result = run("topics", "--content", str(FIXTURE))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "The basics (basics)"
    assert "  Diarrhoea and colitis (colitis)" in lines
    assert "    Eating and drinking with colitis (eating-with-colitis)" in lines
    assert len(lines) == 18 and lines[-1] == "Money & travel (practical)"  # a part with no topics
    assert not any(ch in result.stdout for ch in "│├└─┌┐")


def test_topics_json_shape() -> None:
    result = run("topics", "--json", "--content", str(FIXTURE))
    assert result.returncode == 0
    tree = json.loads(result.stdout)
    assert [t["id"] for t in tree] == ["basics", "types", "side-effects", "results", "urgent-help", "practical"]

    def walk(nodes: list[dict[str, object]]) -> int:
        count = 0
        for node in nodes:
            assert set(node) == {"id", "title", "children"}
            count += 1 + walk(node["children"])  # type: ignore[arg-type]
        return count

    assert walk(tree) == 18
    assert tree[-1]["children"] == []
    side = tree[2]
    assert [c["id"] for c in side["children"]][:2] == ["colitis", "skin-rash"]
    assert side["children"][0]["children"][0]["id"] == "eating-with-colitis"


# --- show -----------------------------------------------------------------


def test_show_text_is_linear_plain_text() -> None:
    result = run("show", "colitis", "--content", str(FIXTURE))
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("Diarrhoea and colitis\nIn: Side effects\n")
    # Urgent blocks come before the body, labelled in words (never colour alone).
    assert text.index("URGENT: call your care team now") < text.index("What colitis is")
    assert "EMERGENCY: call an ambulance or go to the emergency department now" in text
    assert "- Loose or watery stools" in text
    assert "Questions to ask your care team" in text
    assert "Last reviewed: 2026-10-20" in text
    assert "Eating and drinking with colitis" in text  # the topic inside
    assert "\x1b" not in text
    assert not any(ch in text for ch in "│├└─┌┐═║")


def test_show_markdown() -> None:
    result = run("show", "colitis", "--format", "markdown", "--content", str(FIXTURE))
    assert result.returncode == 0
    md = result.stdout
    assert md.startswith("# Diarrhoea and colitis\n")
    assert "## What colitis is" in md
    assert "> **URGENT: call your care team now**" in md
    assert "- National Cancer Institute: [Immunotherapy side effects](https://www.cancer.gov/" in md


def test_show_json_shape() -> None:
    result = run("show", "colitis", "--format", "json", "--content", str(FIXTURE))
    assert result.returncode == 0
    topic = json.loads(result.stdout)
    assert set(topic) == {
        "checked",
        "id",
        "title",
        "path",
        "parent",
        "summary",
        "urgent",
        "sections",
        "key_points",
        "questions",
        "related",
        "children",
        "sources",
        "reviewed",
    }
    assert topic["id"] == "colitis"
    assert topic["path"] == ["Side effects"]
    assert topic["urgent"][0] == {
        "level": "call-team-now",
        "label": "URGENT: call your care team now",
        "text": "Call your care team now if you have any of these.",
        "signs": ["Four or more extra stools a day", "Blood in your stools"],
    }
    assert topic["sections"][0]["blocks"][1] == {"bullets": ["Loose or watery stools", "Cramps or belly pain"]}
    assert topic["sections"][0]["blocks"][0] == {"paragraph": "Colitis means the large bowel is swollen and sore."}
    assert topic["children"] == ["eating-with-colitis"]
    assert topic["sources"][0]["url"].startswith("https://")
    assert topic["reviewed"] == "2026-10-20"


def test_unknown_id_names_the_closest_ids_and_exits_1() -> None:
    result = run("show", "colitus", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "No topic has the id 'colitus'" in result.stderr
    assert "Did you mean: colitis" in result.stderr
    assert "immunoguide topics" in result.stderr
    no_traceback(result)


def test_unknown_id_far_from_any_id_still_suggests_by_meaning() -> None:
    result = run("show", "the-runs", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert "colitis" in result.stderr


def test_show_on_broken_content_explains_instead_of_crashing(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "en"
    shutil.copytree(FIXTURE, root)
    shutil.copy(BROKEN / "python-tag.yaml", root / "topics" / "python-tag.yaml")
    result = run("show", "basics", "--content", str(root))
    assert result.returncode == 1
    assert "python-tag.yaml:5:8" in result.stderr
    assert "run `immunoguide validate`" in result.stderr
    no_traceback(result)


def test_show_json_flag_is_the_same_as_format_json() -> None:
    """Every other command takes --json; show must too, and print exactly the same document."""
    flag = run("show", "colitis", "--json", "--content", str(FIXTURE))
    option = run("show", "colitis", "--format", "json", "--content", str(FIXTURE))
    assert flag.returncode == 0, flag.stderr
    assert flag.stdout == option.stdout
    assert json.loads(flag.stdout)["id"] == "colitis"


def test_urgent_comes_before_the_summary_in_every_show_format() -> None:
    """What to do now must be met first, whatever the format (the summary used to come first in Markdown)."""
    summary = "The treatment can make your bowel sore and swollen."
    for fmt in ("text", "markdown"):
        out = run("show", "colitis", "--format", fmt, "--content", str(FIXTURE)).stdout
        assert out.index("URGENT: call your care team now") < out.index(summary), fmt
    keys = list(json.loads(run("show", "colitis", "--json", "--content", str(FIXTURE)).stdout))
    assert keys.index("urgent") < keys.index("summary")


@pytest.mark.parametrize("typed", ["COLITIS", "Colitis", " colitis "])
def test_ids_are_matched_ignoring_case_and_spaces(typed: str) -> None:
    result = run("show", typed, "--content", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    assert result.stdout == run("show", "colitis", "--content", str(FIXTURE)).stdout


def test_speak_finds_its_topic_ignoring_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """speak looks ids up as show does; the sound itself is replaced, only the topic it got is checked."""
    import guide.copies.audio
    from guide.content.model import Topic

    spoken: list[str] = []

    def speak_aloud(topic: Topic, *rest: object) -> int:
        spoken.append(topic.id)
        return 0

    monkeypatch.setattr(guide.copies.audio, "speak_aloud", speak_aloud)
    assert main(["speak", "Colitis", "--content", str(FIXTURE)]) == 0
    assert main(["speak", "SKIN-RASH", "--content", str(FIXTURE)]) == 0
    assert spoken == ["colitis", "skin-rash"]


def test_speak_with_an_unknown_id_suggests_ids_and_needs_no_sound() -> None:
    result = run("speak", "Colitus", "--content", str(FIXTURE))
    assert result.returncode == 1
    assert "No topic has the id 'Colitus'. Did you mean: colitis" in result.stderr
    no_traceback(result)


def test_the_start_of_an_id_suggests_the_ids_that_begin_with_it() -> None:
    """`show car-t` in the bundled guide: car-t-cell-therapy is too long for a spelling match,
    so only the beginning-of-the-id rule finds it."""
    result = run("show", "car-t")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "No topic has the id 'car-t'. Did you mean: car-t-cell-therapy, " in result.stderr
    assert "`immunoguide topics` lists every id." in result.stderr
    no_traceback(result)


def test_ids_that_begin_with_the_typed_text_come_before_near_spellings() -> None:
    from guide.content.loader import load_or_raise
    from guide.content.open import closest_ids

    library = load_or_raise(FIXTURE)
    assert closest_ids(library, "eating")[0] == "eating-with-colitis"
    assert closest_ids(library, "Side")[0] == "side-effects"
    assert closest_ids(library, "colitus")[0] == "colitis"  # a typo still finds its id
