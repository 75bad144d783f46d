"""The kiosk's start page names only the keys a visitor has (the theme is off by default)."""

from __future__ import annotations

from guide.ui.voicing import START_ID

from .kiosk_pilot import SIZE, THEME_ALLOWED, MakeKiosk, settle, until


async def test_the_kiosk_start_page_does_not_offer_colours_when_the_theme_is_off(make_kiosk: MakeKiosk) -> None:
    app, _ = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")  # past the attract screen
        assert await until(pilot, lambda: len(app.screen_stack) == 1)
        words = " ".join(block.text for block in app.voicing.start_page)
        spoken = " ".join(u.text for u in app.voicing.utterances(START_ID))
        assert "Press / to search and g for the word list." in words
        assert "colours" not in words and "colours" not in spoken


async def test_the_kiosk_names_colours_when_staff_allow_them(make_kiosk: MakeKiosk) -> None:
    app, _ = make_kiosk(features=THEME_ALLOWED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "t to change the colours" in " ".join(block.text for block in app.voicing.start_page)
