"""Settings survive damage; every theme keeps AAA contrast; themes are chosen with t and kept."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from guide.settings import THEMES, Settings, load_settings, save_settings
from guide.ui.app import GuideApp
from guide.ui.themes import TEXT_PAIRS, contrast_ratio, guide_themes, resolved_variables

from .harness import screen_text, settle

MakeApp = Callable[..., GuideApp]


@pytest.mark.parametrize("theme", guide_themes(), ids=lambda t: t.name)
def test_every_text_pair_in_every_theme_reaches_aaa(theme: object) -> None:
    variables = resolved_variables(theme)  # type: ignore[arg-type]
    for foreground, background in TEXT_PAIRS:
        ratio = contrast_ratio(variables[foreground], variables[background])
        assert ratio >= 7.0, f"{theme.name}: {foreground} on {background} is {ratio:.2f}:1"  # type: ignore[attr-defined]


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_stylesheet_colours_text_only_with_checked_variables() -> None:
    """Every colour in the stylesheets is a g-* variable the contrast test covers (or a border/bar colour)."""
    guide = Path(__file__).parents[2] / "guide"
    sheets = (guide / "ui" / "guide.tcss", guide / "ui" / "dialogs.tcss", guide / "kiosk" / "kiosk.tcss")
    css = "".join(path.read_text() for path in sheets)
    used = set(re.findall(r"(?:color|background):\s*\$([\w-]+)", css))
    checked = {name for pair in TEXT_PAIRS for name in pair}
    assert used <= checked, used - checked


def test_missing_file_gives_defaults_without_a_notice(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == (Settings(), None)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"just a string"', b""],
    ids=["broken-json", "not-utf8", "a-list", "a-string", "empty"],
)
def test_corrupt_file_gives_defaults_and_a_notice(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    settings, notice = load_settings(path)
    assert settings == Settings()
    assert notice and "default" in notice


def test_bad_values_are_dropped_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "guide-light", "rate": "warp", "speech": "yes", "colour": 1}))
    settings, notice = load_settings(path)
    assert settings == Settings(theme="guide-light")
    assert notice and "rate" in notice and "speech" in notice


def test_yaml_settings_are_read_safely(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("theme: guide-high-contrast\nspeech: true\n")
    assert load_settings(tmp_path / "settings.json") == (Settings(theme="guide-high-contrast", speech=True), None)
    (tmp_path / "settings.yaml").write_text("!!python/object/apply:os.system ['echo hacked']\n")
    settings, notice = load_settings(tmp_path / "settings.json")
    assert settings == Settings() and notice


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without permission")
def test_unreadable_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{}")
    path.chmod(0)
    settings, notice = load_settings(path)
    assert settings == Settings() and notice


def test_a_directory_in_place_of_the_file_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").mkdir()
    settings, notice = load_settings(tmp_path / "settings.json")
    assert settings == Settings() and notice


def test_save_is_atomic_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "settings.json"
    wanted = Settings(theme="ansi-dark", speech=True, rate="relaxed", volume="loudest", voice="es")
    assert save_settings(wanted, path) is None
    assert load_settings(path) == (wanted, None)
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]  # no temp file left


def test_save_failure_is_a_sentence_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    problem = save_settings(Settings(), blocker / "settings.json")
    assert problem and problem.startswith("Your settings could not be saved")


async def test_app_starts_with_defaults_and_shows_the_notice(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{broken")
    settings, notice = load_settings(path)

    app = make_app(settings=settings, notice=notice)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "guide-dark"
        assert "Your settings file is damaged, so the defaults are used" in screen_text(app)


async def test_a_long_notice_on_the_status_line_never_hides_the_keys(make_app: MakeApp) -> None:
    """The status line and the key line are drawn by one widget: a notice with line breaks, wider
    than the screen, stays on its own line, cut with an ellipsis, and the keys stay in view."""

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.clear_notifications()
        app.status_line.show_status("First line\nsecond line " + "word " * 40)
        await settle(pilot)
        status, keys = screen_text(app).splitlines()[-2:]
        assert status.strip().startswith("First line second line word word")
        assert status.rstrip().endswith("… i: whole")  # cut, and how to read it whole
        assert keys.strip().startswith("F1 Help  q Quit  F2 Speech  n Next")


async def test_t_cycles_every_theme_and_the_choice_is_kept(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        seen = []
        for _ in THEMES:
            await pilot.press("t")
            await settle(pilot, 0.2)
            seen.append(app.theme)
        assert seen == [*THEMES[1:], THEMES[0]]
        await pilot.press("t")
        await settle(pilot, 0.3)
        assert "Colours: light" in screen_text(app)
    assert load_settings(tmp_path / "settings.json")[0].theme == "guide-light"


async def test_no_color_gives_monochrome(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        svg = app.export_screenshot()
        assert "#ffd75f" not in svg.lower()  # the focus yellow is gone: greys only
        window_chrome = {"#ff5f57", "#febc2e", "#28c840", "#c5c8c6"}  # the SVG's window buttons and title
        fills = set(re.findall(r'fill="(#[0-9a-f]{6})"', svg.lower())) - window_chrome
        assert fills and all(c[1:3] == c[3:5] == c[5:7] for c in fills), fills


async def test_no_animation_and_no_blinking_cursor(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.animation_level == "none"
        await pilot.press("slash")
        await settle(pilot)
        from textual.widgets import Input

        assert app.screen.query_one(Input).cursor_blink is False


def test_readme_key_table_matches_help() -> None:
    """The README's key table is the help screen's, so neither can drift from the bindings."""
    from guide.ui.keys import help_rows, reader_bindings

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    section = readme.split("\n## The reader (the terminal guide)\n", 1)[1].split("\n## ", 1)[0]
    for group, rows in help_rows(reader_bindings()):
        assert f"**{group}**" in section
        for keys, text in rows:
            assert text in section, text
            for key in keys.split(" or "):
                assert f"`{key.strip()}`" in section, key
