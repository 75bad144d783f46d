"""The theme in the settings is the one on screen from the start, and an unknown one gives the dark theme."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.color import Color

from guide.settings import THEMES, Settings
from guide.ui.app import GuideApp
from guide.ui.themes import guide_themes

from .harness import settle

MakeApp = Callable[..., GuideApp]

GUIDE_BACKGROUNDS = {theme.name: Color.parse(theme.variables["g-bg"]) for theme in guide_themes()}


@pytest.mark.parametrize("theme", [name for name in THEMES if name in GUIDE_BACKGROUNDS])
async def test_the_settings_theme_colours_the_first_screen(make_app: MakeApp, theme: str) -> None:
    app = make_app(settings=Settings(theme=theme))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == theme
        assert app.screen.styles.background == GUIDE_BACKGROUNDS[theme]
        assert app.reading_pane.blocks, "the start page is shown"


async def test_an_unknown_theme_in_the_settings_gives_the_dark_theme(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(theme="no-such-theme"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "guide-dark"
        assert app.screen.styles.background == GUIDE_BACKGROUNDS["guide-dark"]
        await pilot.press("t")
        await settle(pilot)
        assert app.theme == "guide-light"
        assert app.screen.styles.background == GUIDE_BACKGROUNDS["guide-light"]
