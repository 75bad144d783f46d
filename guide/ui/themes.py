"""The guide's colour themes and the contrast rule they must keep.

Every colour the stylesheet uses for text comes from the `g-*` variables below,
and TEXT_PAIRS lists each (text, background) pair the app ever draws; a test
computes the WCAG contrast ratio of every pair in every theme and requires 7:1
(AAA). Colour is never the only signal: urgent blocks also carry a label and a
border, glossary terms an underline, focus a marker and reverse colours.
"""

from __future__ import annotations

from textual.theme import Theme

TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("g-text", "g-bg"),
    ("g-text", "g-panel"),
    ("g-muted", "g-bg"),
    ("g-muted", "g-panel"),
    ("g-heading", "g-bg"),
    ("g-heading", "g-panel"),
    ("g-focus-text", "g-focus-bg"),
    ("g-urgent-text", "g-urgent-bg"),
    ("g-term", "g-bg"),
    ("g-link", "g-bg"),
    ("g-speak-text", "g-speak-bg"),
    ("g-bar-text", "g-bar-bg"),
    ("g-key", "g-bar-bg"),
)
"""(foreground variable, background variable) for every kind of text on screen."""

_PALETTES: dict[str, dict[str, str]] = {
    "guide-dark": {
        "g-bg": "#121417",
        "g-panel": "#1b1f24",
        "g-text": "#eceef0",
        "g-muted": "#c3c9d1",
        "g-heading": "#a8d8ff",
        "g-focus-text": "#000000",
        "g-focus-bg": "#ffd75f",
        "g-urgent-text": "#ffffff",
        "g-urgent-bg": "#5c0a0a",
        "g-urgent-border": "#ff9c9c",
        "g-term": "#bfe6ff",
        "g-link": "#a8d8ff",
        "g-speak-text": "#000000",
        "g-speak-bg": "#a6f0b8",
        "g-bar-text": "#f4f6f8",
        "g-bar-bg": "#1f2a3a",
        "g-key": "#ffd75f",
    },
    "guide-light": {
        "g-bg": "#fbfbf8",
        "g-panel": "#eef0f2",
        "g-text": "#15171a",
        "g-muted": "#363d48",
        "g-heading": "#003566",
        "g-focus-text": "#ffffff",
        "g-focus-bg": "#002a5c",
        "g-urgent-text": "#000000",
        "g-urgent-bg": "#ffe4e4",
        "g-urgent-border": "#9b0000",
        "g-term": "#003a80",
        "g-link": "#003a80",
        "g-speak-text": "#000000",
        "g-speak-bg": "#ffe066",
        "g-bar-text": "#ffffff",
        "g-bar-bg": "#1c2740",
        "g-key": "#ffe066",
    },
    "guide-high-contrast": {
        "g-bg": "#000000",
        "g-panel": "#000000",
        "g-text": "#ffffff",
        "g-muted": "#ffffff",
        "g-heading": "#ffff00",
        "g-focus-text": "#000000",
        "g-focus-bg": "#ffff00",
        "g-urgent-text": "#ffffff",
        "g-urgent-bg": "#000000",
        "g-urgent-border": "#ffffff",
        "g-term": "#00ffff",
        "g-link": "#00ffff",
        "g-speak-text": "#000000",
        "g-speak-bg": "#00ffff",
        "g-bar-text": "#ffffff",
        "g-bar-bg": "#000000",
        "g-key": "#ffff00",
    },
}

ANSI_VARIABLES: dict[str, str] = {
    "g-bg": "ansi_default",
    "g-panel": "ansi_default",
    "g-text": "ansi_default",
    "g-muted": "ansi_default",
    "g-heading": "ansi_bright_blue",
    "g-focus-text": "ansi_black",
    "g-focus-bg": "ansi_bright_yellow",
    "g-urgent-text": "ansi_default",
    "g-urgent-bg": "ansi_default",
    "g-urgent-border": "ansi_bright_red",
    "g-term": "ansi_default",
    "g-link": "ansi_bright_blue",
    "g-speak-text": "ansi_black",
    "g-speak-bg": "ansi_bright_green",
    "g-bar-text": "ansi_default",
    "g-bar-bg": "ansi_default",
    "g-key": "ansi_bright_yellow",
}
"""The terminal's own palette (ansi-dark): the user's terminal decides the colours."""

THEME_LABELS = {
    "guide-dark": "dark",
    "guide-light": "light",
    "guide-high-contrast": "high contrast",
    "ansi-dark": "terminal colours",
}


def _widget_variables(p: dict[str, str]) -> dict[str, str]:
    """Point Textual's own widget variables at the guide's pairs, so no widget brings its own colours."""
    return {
        **p,
        "block-cursor-foreground": p["g-focus-text"],
        "block-cursor-background": p["g-focus-bg"],
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": p["g-text"],
        "block-cursor-blurred-background": p["g-panel"],
        "block-cursor-blurred-text-style": "underline",
        "block-hover-background": p["g-panel"],
        "footer-foreground": p["g-bar-text"],
        "footer-background": p["g-bar-bg"],
        "footer-key-foreground": p["g-key"],
        "footer-key-background": p["g-bar-bg"],
        "footer-description-foreground": p["g-bar-text"],
        "footer-description-background": p["g-bar-bg"],
        "footer-item-background": p["g-bar-bg"],
        "input-cursor-background": p["g-text"],
        "input-cursor-foreground": p["g-bg"],
        "input-cursor-text-style": "none",
        "input-selection-background": p["g-focus-bg"] + " 60%",
        "border": p["g-focus-bg"],
        "border-blurred": p["g-muted"],
        "link-color": p["g-term"],
        "link-background": p["g-bg"],
        "link-style": "underline",
        "link-color-hover": p["g-focus-text"],
        "link-background-hover": p["g-focus-bg"],
        "link-style-hover": "underline bold",
    }


def guide_themes() -> list[Theme]:
    """The three themes of the guide's own (the fourth is Textual's ansi-dark)."""
    out = []
    for name, palette in _PALETTES.items():
        dark = name != "guide-light"
        out.append(
            Theme(
                name=name,
                primary=palette["g-focus-bg"],
                secondary=palette["g-heading"],
                accent=palette["g-key"],
                warning=palette["g-urgent-border"],
                error=palette["g-urgent-border"],
                success=palette["g-speak-bg"],
                foreground=palette["g-text"],
                background=palette["g-bg"],
                surface=palette["g-bg"],
                panel=palette["g-panel"],
                dark=dark,
                variables=_widget_variables(palette),
            )
        )
    return out


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of '#rrggbb'."""
    h = hex_colour.lstrip("#")[:6]
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two opaque colours, from 1 to 21."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def resolved_variables(theme: Theme) -> dict[str, str]:
    """The variables the app's stylesheet sees for a theme (as App.get_css_variables builds them)."""
    return {**theme.to_color_system().generate(), **theme.variables}
