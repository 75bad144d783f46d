"""The HTML export: pages parse, links resolve, headings and landmarks are right, text is escaped."""

from __future__ import annotations

import itertools
import re
import wave
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guide.content.loader import load_or_raise

from .export_run import FIXTURE_CONTENT, run_guide

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
VAGUE_LINK_TEXT = {"here", "click here", "more", "read more", "link", "this page", "next", "previous"}


class Page(HTMLParser):
    """Everything the checks need from one page, with strict open/close matching."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.links: list[dict[str, str]] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self._link: dict[str, str] | None = None
        self._heading: list[str] | None = None
        self.feed(path.read_text(encoding="utf-8"))
        self.close()
        if self.stack:
            self.errors.append(f"never closed: {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if "id" in values:
            if values["id"] in self.ids:
                self.errors.append(f"duplicate id {values['id']}")
            self.ids.add(values["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
            self.headings.append((int(tag[1]), ""))
        if tag == "a":
            self._link = {"href": values.get("href", ""), "rel": values.get("rel", ""), "text": ""}
            self.links.append(self._link)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()
        if tag == "a":
            self._link = None
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            level, _ = self.headings[-1]
            self.headings[-1] = (level, " ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._link is not None:
            self._link["text"] += data
        if self._heading is not None:
            self._heading.append(data)

    def first(self, tag: str) -> dict[str, str] | None:
        return next((attrs for name, attrs in self.tags if name == tag), None)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_topic_has_a_page_plus_index_and_glossary(site: Path) -> None:
    library = load_or_raise(FIXTURE_CONTENT)
    assert {p.relative_to(site).as_posix() for p in pages(site)} == {
        "index.html", "glossary.html", *(f"topics/{t.id}.html" for t in library.topics)}


def test_every_page_parses_with_balanced_tags_and_no_script(site: Path) -> None:
    for path in pages(site):
        page = Page(path)
        assert page.errors == [], path
        assert page.first("script") is None, path
        assert page.first("html") == {"lang": "en"}, path


def test_exactly_one_h1_and_heading_levels_never_skip(site: Path) -> None:
    for path in pages(site):
        levels = [level for level, _ in Page(path).headings]
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (path, levels)


def test_landmarks_and_a_skip_link_that_lands_on_main(site: Path) -> None:
    for path in pages(site):
        page = Page(path)
        names = [name for name, _ in page.tags]
        for landmark in ("header", "nav", "main", "footer"):
            assert names.count(landmark) >= 1, (path, landmark)
        assert names.count("main") == 1
        first_link = page.links[0]
        assert first_link["text"] == "Skip to main content" and first_link["href"] == "#main", path
        assert page.first("main") == {"id": "main", "tabindex": "-1"}
        labels = [attrs.get("aria-label") for attrs in page.all("nav")]
        assert all(labels) and len(set(labels)) == len(labels), (path, labels)


def test_every_internal_link_and_fragment_resolves(site: Path) -> None:
    checked = 0
    for path in pages(site):
        for link in Page(path).links:
            href = link["href"]
            if href.startswith("https://"):
                continue
            assert not re.match(r"^[a-z]+:|^/", href), f"{path}: {href} is not relative"
            target, _, fragment = href.partition("#")
            file = (path.parent / target).resolve() if target else path
            assert file.is_file(), f"{path}: {href} leads nowhere"
            assert site.resolve() in file.parents, f"{path}: {href} leaves the site"
            if fragment:
                assert fragment in Page(file).ids, f"{path}: {href} has no #{fragment}"
            checked += 1
    assert checked > 30


def test_link_text_makes_sense_out_of_context(site: Path) -> None:
    for path in pages(site):
        seen: dict[str, str] = {}
        for link in Page(path).links:
            text = " ".join(link["text"].split())
            assert text and text.casefold() not in VAGUE_LINK_TEXT, (path, link)
            target = link["href"].split("#")[0] or path.name
            if text in seen:
                assert (path.parent / seen[text]).resolve() == (path.parent / target).resolve(), \
                    f"{path}: '{text}' leads to two places"
            seen[text] = target


def test_urgent_blocks_come_first_as_labelled_regions(site: Path) -> None:
    page = Page(site / "topics" / "colitis.html")
    regions = [attrs for attrs in page.all("section") if "urgent" in attrs.get("class", "")]
    assert len(regions) == 2
    texts = [text for _, text in page.headings]
    assert texts[:3] == ["Diarrhoea and colitis", "URGENT: call your care team now",
                         "EMERGENCY: call an ambulance or go to the emergency department now"]
    for region in regions:
        assert region["aria-labelledby"] in page.ids
    assert texts.index("EMERGENCY: call an ambulance or go to the emergency department now") < texts.index("In short")


def test_content_text_is_escaped_and_shown_literally(site: Path) -> None:
    raw = (site / "topics" / "practical.html").read_text(encoding="utf-8")
    assert "Money &amp; travel" in raw and "5 mg &lt; a full dose" in raw
    assert "&quot;appointments&quot;" in raw
    page = Page(site / "topics" / "practical.html")
    assert page.headings[0] == (1, "Money & travel")
    assert "Plan ahead for costs & trips. Ask if a dose under 5 mg < a full dose." in page.texts


def test_breadcrumbs_reading_order_and_sources_with_review_date(site: Path) -> None:
    library = load_or_raise(FIXTURE_CONTENT)
    page = Page(site / "topics" / "colitis.html")
    nav = ("../index.html", "side-effects.html")
    crumbs = [(link["text"], link["href"]) for link in page.links if link["href"] in nav]
    assert ("All topics", "../index.html") in crumbs and ("Side effects", "side-effects.html") in crumbs
    rels = {link["rel"]: (link["href"], link["text"]) for link in page.links if link["rel"]}
    assert rels == {"prev": ("side-effects.html", "Previous topic: Side effects"),
                    "next": ("eating-with-colitis.html", "Next topic: Eating and drinking with colitis")}
    first, last = library.reading_order()[0], library.reading_order()[-1]
    assert {link["rel"] for link in Page(site / "topics" / f"{first.id}.html").links if link["rel"]} == {"next"}
    assert {link["rel"] for link in Page(site / "topics" / f"{last.id}.html").links if link["rel"]} == {"prev"}
    assert page.first("time") == {"datetime": "2026-10-20"}
    assert "20 October 2026" in page.texts
    sources = [link for link in page.links if link["href"].startswith("https://")]
    assert [s["text"] for s in sources] == ["Immunotherapy side effects"]


def test_glossary_lists_terms_alphabetically_with_topic_links(site: Path) -> None:
    names = {term.term for term in load_or_raise(FIXTURE_CONTENT).glossary}
    page = Page(site / "glossary.html")
    terms = [text for text in page.texts if text.strip()]
    order = [t for t in terms if t in names]
    assert order == sorted(order) and len(order) == len(names) == 9
    assert {"href": "topics/colitis.html", "rel": "", "text": "Read the topic Diarrhoea and colitis"} in page.links
    assert "A medicine that calms the immune system & swelling." in page.texts


def test_audio_is_copied_and_offered_with_a_text_link(site: Path, audio_dir: Path) -> None:
    copied = site / "audio" / "colitis.wav"
    assert copied.read_bytes() == (audio_dir / "colitis.wav").read_bytes()
    page = Page(site / "topics" / "colitis.html")
    assert page.first("audio") == {"controls": "", "preload": "none", "src": "../audio/colitis.wav",
                                   "aria-describedby": "listen-note"}
    download = [link for link in page.links if link["href"] == "../audio/colitis.wav"]
    assert download and "Diarrhoea and colitis" in download[0]["text"]
    assert Page(site / "topics" / "skin-rash.html").first("audio") is None
    assert not (site / "audio" / "skin-rash.wav").exists()
    playlist = (site / "audio" / "guide.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U" and "colitis.wav" in playlist
    assert any(link["href"] == "audio/guide.m3u" for link in Page(site / "index.html").links)


def test_index_lists_every_topic_under_its_part(site: Path) -> None:
    library = load_or_raise(FIXTURE_CONTENT)
    page = Page(site / "index.html")
    parts = [t.title for t in library.roots]
    assert [text for level, text in page.headings if level == 2][: len(parts)] == parts
    hrefs = {link["href"] for link in page.links}
    assert {f"topics/{t.id}.html" for t in library.topics} <= hrefs


def test_export_without_audio_has_no_audio_and_missing_audio_folder_is_explained(tmp_path: Path) -> None:
    done = run_guide("export", "html", "--to", str(tmp_path / "site"), "--content", str(FIXTURE_CONTENT))
    assert done.returncode == 0, done.stderr
    assert "index.html" in done.stdout
    assert not (tmp_path / "site" / "audio").exists()
    assert Page(tmp_path / "site" / "topics" / "colitis.html").first("audio") is None
    missing = run_guide("export", "html", "--to", str(tmp_path / "other"), "--content", str(FIXTURE_CONTENT),
                        "--audio", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert "speak --all" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_writing_onto_a_file_is_refused_with_a_message(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "a-file"
    target.write_text("keep me", encoding="utf-8")
    done = run_guide("export", fmt, "--to", str(target), "--content", str(FIXTURE_CONTENT))
    assert done.returncode == 1 and "not a folder" in done.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.slow
def test_real_speech_export_is_linked_from_every_topic_page(tmp_path: Path) -> None:
    """The audio that `immunoguide speak --all` really writes (espeak-ng) ends up playable from each page."""
    spoken = run_guide("speak", "--all", "--to", str(tmp_path / "audio"), "--content", str(FIXTURE_CONTENT),
                       timeout=240)
    assert spoken.returncode == 0, spoken.stderr
    done = run_guide("export", "html", "--to", str(tmp_path / "site"), "--content", str(FIXTURE_CONTENT),
                     "--audio", str(tmp_path / "audio"))
    assert done.returncode == 0, done.stderr
    for topic in load_or_raise(FIXTURE_CONTENT).topics:
        audio = Page(tmp_path / "site" / "topics" / f"{topic.id}.html").first("audio")
        assert audio is not None and audio["src"] == f"../audio/{topic.id}.wav"
        with wave.open(str(tmp_path / "site" / "audio" / f"{topic.id}.wav"), "rb") as recording:
            assert recording.getnframes() / recording.getframerate() > 1.0


def test_a_content_folder_not_named_by_language_gets_the_lang_option(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURE_CONTENT, tmp_path / "my-guide")
    done = run_guide("export", "html", "--to", str(tmp_path / "site"), "--content", str(tmp_path / "my-guide"),
                     "--lang", "es")
    assert done.returncode == 0, done.stderr
    assert Page(tmp_path / "site" / "index.html").first("html") == {"lang": "es"}
