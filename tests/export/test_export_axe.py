"""The exported site in a real browser: axe-core finds no WCAG 2.2 AA violations, pages
reflow at 400% zoom, and the keyboard reaches a visible skip link first."""

from __future__ import annotations

from pathlib import Path

import pytest

from .chromium_axe import Browser

pytestmark = pytest.mark.slow

PAGES = ["index.html", "topics/colitis.html", "glossary.html", "topics/practical.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_violations(browser: Browser, axe_source: str, site: Path, page: str, scheme: str) -> None:
    browser.set_viewport(1280, 800)
    browser.set_colour_scheme(scheme)
    browser.open((site / page).as_uri())
    assert browser.evaluate("document.title")  # the page really loaded
    assert browser.axe(axe_source) == []


def test_the_checks_catch_a_broken_page(browser: Browser, axe_source: str, tmp_path: Path) -> None:
    """Guard against a harness that passes everything: a bad page must fail both checks."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><img src="a.png">'
                   '<p style="color:#ccc;background:#fff">faint</p><div style="width:2000px">wide</div></body></html>',
                   encoding="utf-8")
    browser.set_colour_scheme("light")
    browser.set_viewport(320, 640)
    browser.open(bad.as_uri())
    found = {v["id"] for v in browser.axe(axe_source)}
    assert {"image-alt", "html-has-lang", "color-contrast"} <= found
    assert browser.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


@pytest.mark.parametrize("page", PAGES)
def test_reflows_at_400_percent_zoom_without_sideways_scrolling(browser: Browser, site: Path, page: str) -> None:
    """WCAG 1.4.10: 1280 CSS pixels at 400% zoom is a 320 pixel wide viewport."""
    browser.set_colour_scheme("light")
    browser.set_viewport(320, 640)
    browser.open((site / page).as_uri())
    width, viewport = browser.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= viewport


def test_first_tab_shows_the_skip_link_with_a_visible_focus_ring(browser: Browser, site: Path) -> None:
    browser.set_colour_scheme("light")
    browser.set_viewport(1280, 800)
    browser.open((site / "topics" / "colitis.html").as_uri())
    browser.press_tab()
    focused = browser.evaluate(
        "(() => { const a = document.activeElement, s = getComputedStyle(a), r = a.getBoundingClientRect();"
        " return {text: a.textContent, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),"
        " top: r.top, bottom: r.bottom}; })()")
    assert focused["text"] == "Skip to main content"
    assert focused["outline"] != "none" and focused["width"] >= 2
    assert 0 <= focused["top"] < focused["bottom"] <= 800
    browser.press_key("Enter")
    assert browser.evaluate("document.activeElement.id") == "main"
