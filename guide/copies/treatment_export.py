"""`immunoguide export treatment NAME --to DIR`: a treatment summary to take home.

Writes the guide's whole web site (so every "read next" link works from a USB stick), and
beside it the summary as a page, as plain text and as a WAV, and a wallet-card page: the
drug, its urgent signs and a space for the care team's phone number. The pages follow the
site's rules (guide/copies/html.py): its page frame, one h1, headings in order, urgent
blocks as labelled regions, every text escaped, relative links, no script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guide.content.model import Library
from guide.content.treatment_summary import CARE_FIRST, Summary, summary_lines, summary_topic
from guide.copies.html import SITE_NAME, e, human_date, page, write_site
from guide.copies.text import FOOTER, wrap
from guide.exit_codes import EXIT_OK, EXIT_PROBLEM

CARD_CSS = """\
.wallet-card { display: flex; flex-wrap: wrap; gap: 1rem; }
.wallet-card .card {
  box-sizing: border-box; width: 85.6mm; max-width: 100%; min-height: 54mm; padding: 3mm;
  border: 2px solid currentColor; border-radius: 3mm; font-size: 0.8rem; line-height: 1.3;
}
.wallet-card .card h2 { font-size: 0.95rem; margin: 0 0 1mm; }
.wallet-card .card ul { margin: 0; padding-left: 1.1em; }
.wallet-card .blank { display: block; border-bottom: 1px solid currentColor; height: 1.6em; }
@media print { header, footer, .skip-link, .not-printed { display: none; } .wallet-card .card { break-inside: avoid; } }
"""


def file_stem(summary: Summary) -> str:
    return f"treatment-{summary.treatment.id}"


def _items(items: tuple[str, ...] | list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{e(i)}</li>" for i in items) + "\n</ul>"


def summary_html(summary: Summary, library: Library) -> str:
    """The summary page: the care team first, the urgent signs, the rest, the care team last."""
    topic = summary_topic(summary)
    out = [f"<h1>{e(summary.title)}</h1>", f'<p class="care-team-first">{e(summary.opener)}</p>']
    for number, block in enumerate(summary.urgent, start=1):
        out.append(f'<section class="urgent urgent-{e(block.level.value)}" aria-labelledby="urgent-{number}">')
        out.append(f'<h2 id="urgent-{number}">{e(block.level.label)}</h2>')
        out += [f"<p>{e(block.text)}</p>", _items(block.signs), "</section>"]
    for number, section in enumerate(topic.sections, start=1):
        out.append(f'<h2 id="section-{number}">{e(section.heading)}</h2>')
        for item in section.blocks:
            out.append(f"<p>{e(item)}</p>" if isinstance(item, str) else _items(item.items))
    out += ['<h2 id="questions">Questions to ask your care team</h2>', _items(topic.questions)]
    out.append('<h2 id="read-next">Topics to read next</h2>')
    out.append("<ul>\n" + "\n".join(
        f'<li><a href="topics/{e(i)}.html">{e(library[i].title)}</a></li>' for i in summary.topics
    ) + "\n</ul>")  # fmt: skip
    out.append('<h2 id="sources">Sources</h2>')
    out.append("<ul>\n" + "\n".join(
        f'<li>{e(s.organisation)}: <a href="{e(s.url)}">{e(s.title)}</a>, checked'
        f' <time datetime="{s.reviewed.isoformat()}">{human_date(s.reviewed)}</time></li>'
        for s in summary.treatment.sources
    ) + "\n</ul>")  # fmt: skip
    out.append(
        f'<p><a href="{file_stem(summary)}-wallet-card.html">Wallet card for {e(summary.treatment.name)}</a></p>'
    )
    out.append(f'<p class="care-team-last">{e(summary.closer)}</p>')
    return page(lang=library.language, title=summary.title, body="\n".join(out), from_topics=False,
                breadcrumb=[(SITE_NAME, "index.html"), (summary.title, None)])  # fmt: skip


def wallet_card_html(summary: Summary, library: Library) -> str:
    """Two card-sized panels to print, cut out and fold: the treatment and emergency signs on the
    front, the call-your-team signs and a space for the team's phone number on the back."""
    t = summary.treatment
    name = f"{t.name} ({', '.join(t.brands)})" if t.brands else t.name
    front = ['<section class="card" aria-labelledby="card-front">',
             '<h2 id="card-front">I am having immunotherapy</h2>', f"<p>{e(name)}</p>"]  # fmt: skip
    back = ['<section class="card" aria-labelledby="card-back">', '<h2 id="card-back">My care team</h2>',
            '<p>Care team phone number, written in by hand:<span class="blank"></span></p>']  # fmt: skip
    for block in summary.urgent:
        side = front if block.level.value == "emergency" else back
        side += [f"<p><strong>{e(block.level.label)}</strong> for any of these:</p>", _items(block.signs)]
    body = [
        f"<h1>Wallet card: {e(t.name)}</h1>",
        f'<p class="not-printed">{e(summary.opener)} Print this page, cut out the two cards and fold them'
        " back to back. Show the card to any doctor or nurse you see.</p>",
        '<div class="wallet-card">', *front, "</section>", *back, "</section>", "</div>",
        f'<p class="not-printed"><a href="{file_stem(summary)}.html">The full summary for {e(t.name)}</a></p>',
    ]  # fmt: skip
    html = page(lang=library.language, title=f"Wallet card: {t.name}", body="\n".join(body), from_topics=False,
                breadcrumb=[(SITE_NAME, "index.html"), (f"Wallet card: {t.name}", None)])  # fmt: skip
    return html.replace("</head>", '<link rel="stylesheet" href="wallet-card.css">\n</head>', 1)


def summary_text(summary: Summary, library: Library, width: int = 72) -> str:
    return "\n".join(wrap([*summary_lines(summary, library), "", FOOTER], width)).rstrip() + "\n"


def write_wav(summary: Summary, library: Library, target: Path) -> float:
    """The summary read aloud by the same engine and cues as `speak`: the care team first and last."""
    from guide.copies.audio import Synthesizer, write_topic_wav
    from guide.speech.api import NORMAL_RATE
    from guide.speech.text import announcement_parts, topic_utterances

    topic = summary_topic(summary)
    pairs = library.pronunciations
    utterances = [
        *announcement_parts(CARE_FIRST, pronunciations=pairs),
        *topic_utterances(topic, library),
    ]
    synth = Synthesizer(NORMAL_RATE, 1.0, None)
    try:
        return write_topic_wav(utterances, target, synth)
    finally:
        synth.close()


def export(summary: Summary, library: Library, out: Path, audio: bool = True) -> list[Path]:
    """Write everything; returns the files made for this treatment (the site's pages not counted)."""
    write_site(library, out)
    stem = file_stem(summary)
    files = {
        out / f"{stem}.html": summary_html(summary, library),
        out / f"{stem}-wallet-card.html": wallet_card_html(summary, library),
        out / "wallet-card.css": CARD_CSS,
        out / f"{stem}.txt": summary_text(summary, library),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8", newline="\n")
    made = list(files)
    if audio:
        write_wav(summary, library, out / f"{stem}.wav")
        made.append(out / f"{stem}.wav")
    return made


def main(args: argparse.Namespace) -> int:
    from guide.copies.audio import SpeechUnavailable
    from guide.treatment_command import lookup, open_care

    name = " ".join(args.name).strip()
    if not name:
        print("Name the treatment: immunoguide export treatment NAME --to DIR", file=sys.stderr)
        return EXIT_PROBLEM
    opened = open_care(args.content, args.lang)
    summaries = lookup(opened, name)
    if isinstance(summaries, str):
        print(summaries, file=sys.stderr)
        return EXIT_PROBLEM
    out = Path(args.to)
    status = EXIT_OK
    for summary in summaries:
        try:
            made = export(summary, opened.library, out, audio=not args.no_audio)
        except SpeechUnavailable as exc:
            made = [p for p in out.glob(f"{file_stem(summary)}*") if p.suffix in (".html", ".txt")]
            print(f"The recording could not be made: {exc}", file=sys.stderr)
            status = EXIT_PROBLEM
        print(f"Wrote {', '.join(p.name for p in made)} to {out}. Open {out / (file_stem(summary) + '.html')}.")
    return status
