"""`immunoguide export html`: the guide as a static web site that any screen reader reads.

Built to WCAG 2.2 AA without a line of script: one h1 per page and headings that
never skip a level, landmarks (header, nav, main, footer), a skip link, link text
that names its target, urgent blocks as labelled regions, visible focus and CSS
that reflows at 400% zoom. Every piece of content text goes through html.escape,
and every link is relative, so the folder works from a USB stick over file://.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from guide import __version__
from guide.content.model import BulletList, Library, Topic

SITE_NAME = "Immunotherapy guide"
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?", re.IGNORECASE)
"""A BCP 47 language tag as folder names use them: en, es, pt-BR, zh-Hant-TW."""
DISCLAIMER = "This guide gives medical information, not personal advice. Ask your care team about your own care."


def e(text: str) -> str:
    """Escape content text for HTML text and attribute values."""
    return html.escape(text, quote=True)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def human_date(day: dt.date) -> str:
    """'1 November 2026': unambiguous when read aloud, unlike 01/11/2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class SiteLayout:
    """Where each file goes, and how pages link to each other."""

    audio: frozenset[str] = frozenset()
    """Ids of topics with a WAV copied into audio/."""

    @staticmethod
    def topic_href(topic_id: str, from_topics: bool) -> str:
        return f"{topic_id}.html" if from_topics else f"topics/{topic_id}.html"

    @staticmethod
    def root(from_topics: bool) -> str:
        return "../" if from_topics else ""


def page(
    *,
    lang: str,
    title: str,
    body: str,
    from_topics: bool,
    breadcrumb: list[tuple[str, str | None]],
) -> str:
    """A whole page. ``breadcrumb`` is (text, href) pairs; the last has no href (this page)."""
    root = SiteLayout.root(from_topics)
    crumbs = []
    for text, href in breadcrumb:
        if href is None:
            crumbs.append(f'<li><span aria-current="page">{e(text)}</span></li>')
        else:
            crumbs.append(f'<li><a href="{e(href)}">{e(text)}</a></li>')
    full_title = title if title == SITE_NAME else f"{title} - {SITE_NAME}"
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(full_title)}</title>
<link rel="stylesheet" href="{root}style.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header>
<p class="site-name"><a href="{root}index.html">{e(SITE_NAME)}: all topics</a></p>
<nav aria-label="Breadcrumb" class="breadcrumb">
<ol>
{chr(10).join(crumbs)}
</ol>
</nav>
</header>
<main id="main" tabindex="-1">
{body}
</main>
<footer>
<p>{e(DISCLAIMER)}</p>
<p><a href="{root}glossary.html">Glossary of medical words</a></p>
<p>Made with immunoguide {e(__version__)}.</p>
</footer>
</body>
</html>
"""


def _list(items: list[str] | tuple[str, ...]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{e(item)}</li>" for item in items) + "\n</ul>"


def _link_list(library: Library, ids: list[str], from_topics: bool) -> str:
    return "<ul>\n" + "\n".join(
        f'<li><a href="{SiteLayout.topic_href(i, from_topics)}">{e(library[i].title)}</a></li>' for i in ids
    ) + "\n</ul>"


def topic_body(
    topic: Topic, library: Library, layout: SiteLayout, previous: Topic | None, following: Topic | None
) -> str:
    """The main content of a topic page: urgent first, then the text, then where to go next."""
    out = [f"<h1>{e(topic.title)}</h1>"]
    for number, block in enumerate(topic.urgent, start=1):
        label_id = f"urgent-{number}"
        out.append(f'<section class="urgent urgent-{e(block.level.value)}" aria-labelledby="{label_id}">')
        out.append(f'<h2 id="{label_id}">{e(block.level.label)}</h2>')
        out.append(f"<p>{e(block.text)}</p>")
        if block.signs:
            out.append(_list(block.signs))
        out.append("</section>")
    if topic.id in layout.audio:
        wav = f"../audio/{topic.id}.wav"
        out.append('<h2 id="listen">Listen to this topic</h2>')
        out.append(
            f'<audio controls preload="none" src="{wav}" aria-describedby="listen-note">'
            "Your browser cannot play the recording here; use the download link below.</audio>"
        )
        out.append('<p id="listen-note">The recording reads this page aloud; this page is its transcript.</p>')
        out.append(f'<p><a href="{wav}" download>Download the recording of {e(topic.title)} (WAV sound file)</a></p>')
    out.append('<h2 id="in-short">In short</h2>')
    out.append(f"<p>{e(topic.summary)}</p>")
    for number, section in enumerate(topic.sections, start=1):
        out.append(f'<h2 id="section-{number}">{e(section.heading)}</h2>')
        for item in section.blocks:
            out.append(_list(item.items) if isinstance(item, BulletList) else f"<p>{e(item)}</p>")
    out.append('<h2 id="key-points">Key points</h2>')
    out.append(_list(topic.key_points))
    out.append('<h2 id="questions">Questions to ask your care team</h2>')
    out.append(_list(topic.questions))
    children = [c.id for c in library.children(topic.id)]
    if children:
        out.append(f'<h2 id="inside">Topics inside {e(topic.title)}</h2>')
        out.append(_link_list(library, children, True))
    related = [r for r in topic.related if r in library]
    if related:
        out.append('<h2 id="related">Related topics</h2>')
        out.append(_link_list(library, related, True))
    out.append('<h2 id="sources">Sources</h2>')
    out.append("<ul>\n" + "\n".join(
        f'<li>{e(s.organisation)}: <a href="{e(s.url)}">{e(s.title)}</a></li>' for s in topic.sources
    ) + "\n</ul>")
    out.append(
        f'<p>Last reviewed: <time datetime="{topic.reviewed.isoformat()}">{human_date(topic.reviewed)}</time>'
        + (f". Checked: {e(topic.checked)}</p>" if topic.checked else "</p>")
    )
    if previous or following:
        out.append('<nav aria-label="Previous and next topic" class="pager">\n<ul>')
        if previous:
            out.append(f'<li><a href="{previous.id}.html" rel="prev">Previous topic: {e(previous.title)}</a></li>')
        if following:
            out.append(f'<li><a href="{following.id}.html" rel="next">Next topic: {e(following.title)}</a></li>')
        out.append("</ul>\n</nav>")
    return "\n".join(out)


def topic_page(
    topic: Topic, library: Library, layout: SiteLayout, previous: Topic | None = None, following: Topic | None = None
) -> str:
    """A topic's page; previous/following are its neighbours in reading order (computed once per site)."""
    crumbs: list[tuple[str, str | None]] = [("All topics", "../index.html")]
    crumbs += [(a.title, f"{a.id}.html") for a in library.ancestors(topic.id)]
    crumbs.append((topic.title, None))
    return page(lang=library.language, title=topic.title, body=topic_body(topic, library, layout, previous, following),
                from_topics=True, breadcrumb=crumbs)


def index_page(library: Library, layout: SiteLayout, playlist: str | None) -> str:
    out = [f"<h1>{e(SITE_NAME)}</h1>",
           "<p>What immunotherapy is, how it works, its side effects and when to call for help, in plain words.</p>",
           f"<p>{e(DISCLAIMER)}</p>"]

    def tree(parent: str) -> str:
        children = library.children(parent)
        if not children:
            return ""
        items = [f'<li><a href="{SiteLayout.topic_href(c.id, False)}">{e(c.title)}</a>{tree(c.id)}</li>'
                 for c in children]
        return "\n<ul>\n" + "\n".join(items) + "\n</ul>\n"

    for number, root in enumerate(library.roots, start=1):
        out.append(f'<h2 id="part-{number}"><a href="{SiteLayout.topic_href(root.id, False)}">{e(root.title)}</a></h2>')
        out.append(f"<p>{e(root.summary)}</p>")
        out.append(tree(root.id))
    out.append('<h2 id="more">Glossary and audio</h2>')
    out.append('<ul>\n<li><a href="glossary.html">Glossary of medical words</a></li>')
    if playlist:
        out.append(f'<li><a href="{playlist}">Playlist of every recording, in reading order (M3U file)</a></li>')
    out.append("</ul>")
    return page(lang=library.language, title=SITE_NAME, body="\n".join(out), from_topics=False,
                breadcrumb=[("All topics", None)])


def glossary_page(library: Library) -> str:
    out = ["<h1>Glossary of medical words</h1>",
           "<p>The medical words this guide uses, with their meaning in plain words.</p>"]
    terms = sorted(library.glossary, key=lambda t: t.term.casefold())
    if terms:
        out.append("<dl>")
        for term in terms:
            out.append(f'<dt id="term-{e(term.id)}">{e(term.term)}</dt>')
            out.append(f"<dd><p>{e(term.definition)}</p>")
            if term.aliases:
                out.append(f"<p>Also written: {e(', '.join(term.aliases))}.</p>")
            if term.lay:
                out.append(f"<p>Everyday words: {e(', '.join(term.lay))}.</p>")
            if term.topic and term.topic in library:
                out.append(f'<p><a href="{SiteLayout.topic_href(term.topic, False)}">'
                           f"Read the topic {e(library[term.topic].title)}</a></p>")
            out.append("</dd>")
        out.append("</dl>")
    else:
        out.append("<p>This copy of the guide has no glossary.</p>")
    return page(lang=library.language, title="Glossary of medical words", body="\n".join(out), from_topics=False,
                breadcrumb=[("All topics", "index.html"), ("Glossary", None)])


def copy_audio(library: Library, audio_dir: Path, out: Path) -> frozenset[str]:
    """Copy <id>.wav for each topic that has one; returns those ids."""
    found = [t for t in library.reading_order() if (audio_dir / f"{t.id}.wav").is_file()]
    if not found:
        return frozenset()
    target = out / "audio"
    target.mkdir(parents=True, exist_ok=True)
    for topic in found:
        shutil.copyfile(audio_dir / f"{topic.id}.wav", target / f"{topic.id}.wav")
    lines = ["#EXTM3U"]
    for topic in found:
        lines += [f"#EXTINF:-1,{topic.title}", f"{topic.id}.wav"]
    (target / "guide.m3u").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return frozenset(t.id for t in found)


def write_site(library: Library, out: Path, audio_dir: Path | None = None, fallback_language: str = "en") -> list[Path]:
    """Write the whole site into ``out``; returns the HTML pages written (index first).

    The pages' lang comes from the content folder's name (content/en); a folder
    with another name gets ``fallback_language``, so screen readers pick a real voice.
    """
    if not LANGUAGE_TAG.fullmatch(library.language):
        library = dataclasses.replace(library, language=fallback_language)
    (out / "topics").mkdir(parents=True, exist_ok=True)
    layout = SiteLayout(copy_audio(library, audio_dir, out) if audio_dir else frozenset())
    css = resources.files("guide.copies").joinpath("site.css").read_text(encoding="utf-8")
    (out / "style.css").write_text(css, encoding="utf-8", newline="\n")
    pages = {
        out / "index.html": index_page(library, layout, "audio/guide.m3u" if layout.audio else None),
        out / "glossary.html": glossary_page(library),
    }
    order = library.reading_order()
    for number, topic in enumerate(order):
        previous = order[number - 1] if number > 0 else None
        following = order[number + 1] if number + 1 < len(order) else None
        pages[out / "topics" / f"{topic.id}.html"] = topic_page(topic, library, layout, previous, following)
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8", newline="\n")
    return list(pages)
