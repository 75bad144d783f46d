"""Checks on single pieces of text: nothing in content may be misread by a terminal,
by Textual's markup, or by a screen reader."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

_ESCAPE = re.compile(r"\x1b|\x9b")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")
_MARKUP = re.compile(r"\[/?[a-zA-Z@#$][^\[\]\n]{0,60}\]|\[/\]")
_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Any character that one of the checks below could object to; most text has none,
# so one search clears it (the loader runs this on every piece of text).
_SUSPECT = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\[<]"
)
_SPACE = re.compile(r"\s")


def tidy(raw: str) -> str:
    """Text as the guide keeps it: a value written over several lines becomes one line; ends trimmed."""
    return " ".join(raw.split()) if "\n" in raw else raw.strip()


def may_have_faults(text: str) -> bool:
    """False when text holds no character any check below could object to (empty text aside)."""
    if text.isascii():  # the same answer as the search below, without the regular expression
        return "[" in text or "<" in text or not text.replace("\n", "").replace("\t", "").isprintable()
    return _SUSPECT.search(text) is not None


def text_faults(text: str) -> list[tuple[str, str]]:
    """(message, hint) for each way this text could be shown or spoken wrongly."""
    return [(message, hint) for message, hint, _ in located_text_faults(text)]


def located_text_faults(text: str) -> list[tuple[str, str, str]]:
    """Like text_faults, plus the offending piece of text, so the loader can point at its column."""
    faults: list[tuple[str, str, str]] = []
    if not text.strip():
        return [("the text is empty", "write the text, or remove the key", "")]
    if not _SUSPECT.search(text):
        return faults
    if match := _ESCAPE.search(text):
        faults.append(
            (
                "the text holds a terminal escape sequence (ESC), which could change the screen",
                "delete the escape code; content is shown literally",
                match.group(),
            )
        )
    elif match := _CONTROL.search(text):
        faults.append(
            (
                f"the text holds the control character U+{ord(match.group()):04X}",
                "delete it; only ordinary letters, spaces and line breaks belong in content",
                match.group(),
            )
        )
    if match := _INVISIBLE.search(text):
        faults.append(
            (
                f"the text holds the invisible character U+{ord(match.group()):04X} (it can reorder or hide text)",
                "delete it and retype the surrounding words",
                match.group(),
            )
        )
    if match := _MARKUP.search(text):
        faults.append(
            (
                f"the text {match.group()!r} looks like markup and could be misread",
                "content is always shown literally: use plain words instead of square-bracket codes",
                match.group(),
            )
        )
    elif match := _HTML.search(text):
        faults.append(
            (
                f"the text {match.group()!r} looks like an HTML tag",
                "write plain text; headings and lists have their own keys",
                match.group(),
            )
        )
    return faults


_PLAIN_HTTPS = re.compile(r"https://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[!-~]*)?")
"""An https address whose host is dotted words and whose path is printable ASCII: every check in
url_fault passes for it (no space, nothing urllib refuses, a host with inner dots), so the usual
source link is cleared with one match."""


def url_fault(url: str) -> tuple[str, str] | None:
    if _PLAIN_HTTPS.fullmatch(url):
        return None
    if _SPACE.search(url):
        return ("the link contains spaces", "copy the address again; spaces must not appear in a link")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:  # e.g. an unclosed '[' that urllib takes for an IPv6 address
        return (f"the link {url!r} is not a valid web address", "copy the address again from the source's page")
    if parts.scheme != "https":
        return (
            f"the link {url!r} does not start with https://",
            "use the secure https:// address of the source",
        )
    if "." not in host or host.startswith(".") or host.endswith("."):
        return (f"the link {url!r} has no valid web address", "use a full address like https://www.cancer.gov/...")
    return None


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


REVIEW_STALE_DAYS = 2 * 365


def review_date(written: object, today: dt.date) -> tuple[dt.date | None, tuple[str, str, str] | None]:
    """The review date as written (None if it is no date) and what is wrong with it, if anything:
    (message, hint, severity). A date in the future is an error; one over REVIEW_STALE_DAYS old
    is a warning, as the facts may have moved on."""
    reviewed = parse_date(written)
    if reviewed is None:
        hint = "write the date the topic was last checked as YYYY-MM-DD, e.g. 2026-11-22"
        return None, (f"{written!r} is not a valid date", hint, "error")
    if reviewed > today:
        return reviewed, (
            f"the review date {reviewed} is in the future",
            "use the date the topic was actually checked",
            "error",
        )
    if (today - reviewed).days > REVIEW_STALE_DAYS:
        message = f"the topic was last reviewed on {reviewed}, over two years ago"
        return reviewed, (message, "check the facts against the sources and update the date", "warning")
    return reviewed, None
