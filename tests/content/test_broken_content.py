"""The broken-content corpus: one fault per file, each reported at the right place, in words an editor can act on.

Each file in tests/content/broken/ is a fixture-library topic (or glossary, synonym or
pronunciation file) with exactly one mistake. It is dropped into a copy of the fixture
library, which is otherwise valid, and `validate` must report exactly one error: in
that file, on the line (and column) of the mistake, with the expected words.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from guide.content.loader import MAX_FILE_BYTES, load_library, validate_path
from guide.content.problems import ContentError, Problem
from guide.content.yaml_reader import MAX_DEPTH

from ._library import BROKEN, FIXTURE, folder_for, library_with


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    column: int
    key: str
    message: str
    hint: str = ""


CASES = [
    Case("absurd-nesting.yaml", 19, 33, "", f"nested more than {MAX_DEPTH} levels deep"),
    Case("alias-bomb.yaml", 2, 6, "", "anchors (&lol0) are not allowed"),
    Case("anchor-alias.yaml", 5, 8, "", "anchors (&name) are not allowed"),
    Case("bad-id.yaml", 2, 5, "id", "'Mouth_Sores' is not a valid id", "lowercase letters"),
    Case("bad-urgency-level.yaml", 9, 12, "urgent[1].level", "unknown urgency level 'call-someone'", "emergency"),
    Case("bidi-override.yaml", 7, 37, "summary", "invisible character U+202E"),
    Case("control-character.yaml", 5, 8, "title", "control character U+0007"),
    Case("custom-tag.yaml", 5, 8, "", "the YAML tag '!shout' is not allowed"),
    Case("cycle-self-parent.yaml", 3, 9, "parent", "a topic cannot be its own parent"),
    Case("duplicate-id.yaml", 2, 5, "id", "the id 'colitis' is already used by", "its own id"),
    Case("duplicate-key.yaml", 5, 1, "", "the key 'order' appears twice"),
    Case("empty-text.yaml", 16, 5, "key_points[1]", "the text is empty"),
    Case("escape-sequence.yaml", 5, 8, "title", "terminal escape sequence"),
    Case("future-date.yaml", 24, 11, "reviewed", "the review date 2099-01-01 is in the future"),
    Case("invalid-date.yaml", 24, 11, "reviewed", "'2026-02-30' is not a valid date", "YYYY-MM-DD"),
    Case("markup-html.yaml", 11, 31, "sections[1].text[1]", "'<b>' looks like an HTML tag"),
    Case("markup-square-brackets.yaml", 13, 14, "sections[1].text[2].bullets[1]", "'[bold]' looks like markup"),
    Case("missing-source-url.yaml", 21, 5, "sources[1]", "missing the required key 'url'", "add 'url:'"),
    Case("missing-summary.yaml", 2, 1, "", "missing the required key 'summary'", "add 'summary:'"),
    Case("multiple-documents.yaml", 25, 1, "", "more than one YAML document", "'---'"),
    Case("not-a-date.yaml", 24, 11, "reviewed", "'last week' is not a valid date"),
    Case("not-a-mapping.yaml", 2, 1, "", "expected a topic (a block of 'key: value' lines), found a list"),
    Case("python-tag.yaml", 5, 8, "", "the YAML tag '!!python/object/apply:os.system' is not allowed"),
    Case("readability-section.yaml", 11, 9, "sections[1] (What helps)", "above the limit of 8"),
    Case("readability-summary.yaml", 6, 10, "summary", "above the limit of 6"),
    Case(
        "unknown-key-nested.yaml", 10, 5, "sections[1].txet", "unknown key 'txet' in a section", "did you mean 'text'?"
    ),
    Case("unknown-key.yaml", 5, 1, "titel", "unknown key 'titel' in a topic", "did you mean 'title'?"),
    Case("unresolved-parent.yaml", 3, 9, "parent", "no topic has the id 'side-effect'", "'side-effects'"),
    Case("unresolved-related.yaml", 19, 11, "related[1]", "no topic has the id 'side-efects'", "'side-effects'"),
    Case("url-no-host.yaml", 23, 10, "sources[1].url", "has no valid web address"),
    Case("url-not-https.yaml", 23, 10, "sources[1].url", "does not start with https://"),
    Case("wrong-type-key-points-map.yaml", 16, 3, "key_points", "expected a list", "'- '"),
    Case("wrong-type-order.yaml", 4, 8, "order", "expected a whole number, found text"),
    Case("wrong-type-sections.yaml", 8, 11, "sections", "expected a list (lines starting with '- '), found text"),
    Case("wrong-type-title-list.yaml", 5, 8, "title", "expected text, found a list"),
    Case("yaml-syntax-colon-in-text.yaml", 18, 25, "", "YAML syntax: mapping values are not allowed", "quoted"),
    Case("yaml-syntax-indent.yaml", 5, 9, "", "YAML syntax", "indentation"),
    Case("yaml-syntax-tab.yaml", 16, 1, "", "a tab character", "never tabs"),
    Case("yaml-syntax-unclosed-quote.yaml", 5, 8, "", "a quoted text starts here but never ends", "close the quote"),
    Case("zero-width-space.yaml", 18, 29, "questions[1]", "invisible character U+200B"),
    Case("glossary/unknown-topic.yaml", 6, 12, "mucositis.topic", "no topic has the id 'mouth-sore'"),
    Case("synonyms/unknown-target.yaml", 3, 16, "synonyms.sore mouth", "'mucositis' is neither a glossary term"),
    Case("pronunciations/not-text.yaml", 3, 14, "pronunciations.nivolumab", "expected text, found a list"),
]


def errors_in(root: Path) -> list[Problem]:
    return [p for p in validate_path(root, check_readability=True) if p.severity == "error"]


def same_file(problem: Problem, path: Path) -> bool:
    return Path(problem.path).resolve() == path.resolve()


def test_the_fixture_library_is_clean() -> None:
    """Otherwise every case below would see more than its own fault."""
    assert errors_in(FIXTURE) == []


def test_every_broken_file_has_a_case_and_there_are_at_least_25() -> None:
    on_disk = {p.relative_to(BROKEN).as_posix() for p in BROKEN.rglob("*.yaml")}
    assert on_disk == {c.file for c in CASES}
    assert len(on_disk) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_broken_file_reports_its_one_fault_at_the_right_place(case: Case, tmp_path: Path) -> None:
    source = BROKEN / case.file
    root, dest = library_with(tmp_path, source.name, source.read_bytes(), folder_for(source))
    errors = errors_in(root)
    assert len(errors) == 1, "\n".join(p.format() for p in errors)
    problem = errors[0]
    assert same_file(problem, dest), problem.format()
    assert (problem.line, problem.column) == (case.line, case.column), problem.format()
    assert problem.key == case.key
    assert case.message in problem.message
    assert case.hint in problem.hint
    assert problem.hint, "every problem says how to fix it"


def test_readability_message_quotes_the_hardest_sentence(tmp_path: Path) -> None:
    source = BROKEN / "readability-summary.yaml"
    root, _ = library_with(tmp_path, source.name, source.read_bytes())
    (problem,) = errors_in(root)
    assert '"Inflammatory mucosal complications necessitate' in problem.message
    assert "The treatment can make your mouth sore" not in problem.message


# Faults that cannot sit in a text file in the repository: raw bytes, huge files.
# The valid topic every broken file was made from (its comment line dropped: line 1 is `id:`).
BASE = (BROKEN / "unknown-key.yaml").read_bytes().replace(b"titel: Mouth sores\n", b"").split(b"\n", 1)[1]


def _generated() -> list[tuple[str, bytes, int, int, str]]:
    title = b"title: Mouth sores"
    assert title in BASE
    return [
        ("invalid-utf8", BASE.replace(title, b"title: Mouth \xff sores"), 4, 14, "not valid UTF-8 (byte 0xff)"),
        ("latin1-saved", BASE.replace(title, "title: Bouche irrit\u00e9e".encode("latin-1")), 4, 20, "not valid UTF-8"),
        ("raw-escape-byte", BASE.replace(title, b"title: \x1b[2JMouth sores"), 4, 8, "U+001B"),
        ("raw-nul-byte", BASE.replace(title, b"title: Mouth\x00 sores"), 4, 13, "U+0000"),
        ("over-size-cap", BASE + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1), 1, 1, "over the limit"),
        ("empty-file", b"", 1, 1, "the file is empty"),
        # Found by the fuzzer: urllib raised ValueError("Invalid IPv6 URL") through the loader.
        ("url-unclosed-bracket", BASE.replace(b"url: https://", b"url: https://["), 22, 10, "not a valid web address"),
        ("url-bad-port", BASE.replace(b"www.cancer.gov/", b"www.cancer.gov:99x/"), 22, 10, "not a valid web address"),
        ("only-a-comment", b"# nothing here yet\n", 1, 1, "the file is empty"),
    ]


@pytest.mark.parametrize(("name", "data", "line", "column", "message"), _generated(), ids=[g[0] for g in _generated()])
def test_generated_broken_file(name: str, data: bytes, line: int, column: int, message: str, tmp_path: Path) -> None:
    root, dest = library_with(tmp_path, f"{name}.yaml", data)
    errors = errors_in(root)
    assert len(errors) == 1, "\n".join(p.format() for p in errors)
    (problem,) = errors
    assert same_file(problem, dest)
    assert (problem.line, problem.column) == (line, column), problem.format()
    assert message in problem.message


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    """A 50 MB file dropped in by mistake costs no more than the size cap to reject."""
    root, dest = library_with(tmp_path, "huge.yaml", b"")
    with open(dest, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    (problem,) = errors_in(root)
    assert "52,428,800 bytes" in problem.message
    assert time.perf_counter() - started < 5


def test_all_problems_in_a_file_are_reported_in_one_run(tmp_path: Path) -> None:
    three = (
        BASE.replace(b"order: 9", b"ordre: 9")
        .replace(b"url: https://", b"url: http://")
        .replace(b"reviewed: 2026-10-20", b"reviewed: 2099-12-31")
    )
    root, dest = library_with(tmp_path, "three-faults.yaml", three)
    errors = errors_in(root)
    assert [(p.line, p.key) for p in errors] == [(3, "ordre"), (22, "sources[1].url"), (23, "reviewed")]
    assert all(same_file(p, dest) for p in errors)


def test_problems_across_files_are_all_reported(tmp_path: Path) -> None:
    """Every broken file at once: each still gets its error, none lost because another file failed."""
    written = set()
    root = tmp_path
    for number, case in enumerate(CASES):
        source = BROKEN / case.file
        data = source.read_bytes().replace(b"id: mouth-sores", f"id: mouth-sores-{number}".encode())
        if case.file.startswith("glossary/"):  # else it would define the word the broken synonym points at
            data = data.replace(b"mucositis", b"stomatitis")
        root, dest = library_with(tmp_path, f"{number}-{source.name}", data, folder_for(source))
        written.add(dest.name)
    errors = errors_in(root)
    assert {Path(p.path).name for p in errors} == written


def test_two_topics_in_a_loop(tmp_path: Path) -> None:
    a = BASE.replace(b"id: mouth-sores", b"id: loop-a").replace(b"parent: side-effects", b"parent: loop-b")
    b = BASE.replace(b"id: mouth-sores", b"id: loop-b").replace(b"parent: side-effects", b"parent: loop-a")
    library_with(tmp_path, "loop-a.yaml", a)
    root, _ = library_with(tmp_path, "loop-b.yaml", b)
    (problem,) = errors_in(root)
    assert "the tree has a loop: loop-a -> loop-b -> loop-a" in problem.message
    assert (problem.line, problem.key) == (2, "parent")


def test_validating_one_file_reports_only_that_file_with_links_checked(tmp_path: Path) -> None:
    source = BROKEN / "unresolved-related.yaml"
    library_with(tmp_path, "fine.yaml", BASE.replace(b"id: mouth-sores", b"id: fine-topic"))
    _, dest = library_with(tmp_path, source.name, source.read_bytes())
    (problem,) = [p for p in validate_path(dest) if p.severity == "error"]
    assert "no topic has the id 'side-efects'" in problem.message
    assert validate_path(dest.parent / "fine.yaml") == []


def test_load_or_raise_gives_content_error_with_every_problem(tmp_path: Path) -> None:
    from guide.content.loader import load_or_raise

    three = BASE.replace(b"order: 9", b"ordre: 9").replace(b"url: https://", b"url: http://")
    root, _ = library_with(tmp_path, "two-faults.yaml", three)
    with pytest.raises(ContentError) as caught:
        load_or_raise(root)
    assert len([p for p in caught.value.problems if p.severity == "error"]) == 2


def test_stale_review_date_is_a_warning_not_an_error(tmp_path: Path) -> None:
    root, _ = library_with(tmp_path, "old.yaml", BASE.replace(b"reviewed: 2026-10-20", b"reviewed: 2019-01-01"))
    result = load_library(root)
    assert result.errors == []
    (warning,) = [p for p in result.problems if p.path.endswith("old.yaml")]  # the fixture's own say no 'checked'
    assert warning.severity == "warning" and "over two years ago" in warning.message


def test_messages_never_print_raw_escape_codes(tmp_path: Path) -> None:
    """A quoted fault must not repaint the editor's terminal when the message is printed."""
    data = BASE.replace(b"title: Mouth sores", b'title: "\\e[2J\\e[31mMouth sores"')
    root, _ = library_with(tmp_path, "esc.yaml", data)
    problems = validate_path(root)
    assert problems
    for problem in problems:
        assert "\x1b" not in problem.format()


def test_a_file_the_guide_would_ignore_is_reported(tmp_path: Path) -> None:
    """An editor who saved 'mouth-sores.txt' must learn the guide never reads it."""
    _, dest = library_with(tmp_path, "mouth-sores.txt", BASE)
    (problem,) = validate_path(dest)
    assert problem.severity == "error" and "only .yaml files" in problem.message
