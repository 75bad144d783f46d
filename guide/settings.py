"""The reader's own settings: theme and speech preferences, kept between runs.

A settings file is user data that can be half-written, hand-edited or unreadable.
Loading therefore never raises: anything wrong gives the defaults and a notice the
UI shows (and speaks). Saving writes a temporary file and renames it over the old
one, so a crash mid-write never leaves a broken file behind. No Textual here.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from guide.speech.api import OLD_RATE_NAMES, OLD_VOLUME_NAMES, RATE_STEPS, VOLUME_STEPS

APP_NAME = "immunoguide"
THEMES = ("guide-dark", "guide-light", "guide-high-contrast", "ansi-dark")
"""Themes a user can choose with `t`, in the order `t` cycles through them."""
RATE_NAMES = tuple(name for name, _ in RATE_STEPS)
VOLUME_NAMES = tuple(name for name, _ in VOLUME_STEPS)
OPENINGS = ("prompt", "read-on")
VERBOSITIES = ("full", "brief")


@dataclass(frozen=True)
class Settings:
    theme: str = "guide-dark"
    speech: bool = False
    rate: str = "normal"
    """A name from guide.speech.api.RATE_STEPS (what is announced)."""
    volume: str = "normal"
    """A name from guide.speech.api.VOLUME_STEPS."""
    voice: str | None = None
    treatment: str | None = None
    """The treatment "My treatment" offers first, kept only when the person asked (F4 in its dialog)."""
    opening: str = "prompt"
    """What opening a topic reads with speech on: "prompt" (the title and urgent warnings, then how
    to go on) or "read-on" (the whole topic from the top)."""
    verbosity: str = "full"
    """How much focus moves say: "full" ("Side effects, section, 6 of 10, 5 topics inside") or
    "brief" ("Side effects, 6 of 10")."""
    echo_typing: bool = False
    """Say each character typed into a search or word-list box."""
    show_cursor: bool = False
    """Show the terminal's cursor, which always sits on the focused item (for braille and magnifiers)."""

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @property
    def rate_wpm(self) -> int:
        return dict(RATE_STEPS)[self.rate]

    @property
    def volume_level(self) -> float:
        return dict(VOLUME_STEPS)[self.volume]


def default_settings_path() -> Path:
    """Where settings live: IMMUNOGUIDE_CONFIG_DIR if set (tests, kiosks), else the platform's config dir."""
    override = os.environ.get("IMMUNOGUIDE_CONFIG_DIR")
    base = Path(override) if override else user_config_path(APP_NAME, appauthor=False)
    return base / "settings.json"


def _validated(raw: object) -> tuple[Settings, list[str]]:
    """Keep every valid value, drop the rest with a reason, so one bad key never loses the others."""
    if not isinstance(raw, dict):
        return Settings(), ["the file holds no settings, so the defaults are used"]
    problems: list[str] = []
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    checks: dict[str, Any] = {
        "theme": lambda v: isinstance(v, str) and v in THEMES,
        "speech": lambda v: isinstance(v, bool),
        "rate": lambda v: v in RATE_NAMES,
        "volume": lambda v: v in VOLUME_NAMES,
        "voice": lambda v: v is None or (isinstance(v, str) and 0 < len(v) < 200),
        "treatment": lambda v: v is None or (isinstance(v, str) and 0 < len(v) < 100),
        "opening": lambda v: v in OPENINGS,
        "verbosity": lambda v: v in VERBOSITIES,
        "echo_typing": lambda v: isinstance(v, bool),
        "show_cursor": lambda v: isinstance(v, bool),
    }
    for key, value in raw.items():
        # A file saved by an earlier version names rate and volume steps that have since been renamed.
        if key == "rate" and value in OLD_RATE_NAMES:
            value = OLD_RATE_NAMES[value]
        elif key == "volume" and value in OLD_VOLUME_NAMES:
            value = OLD_VOLUME_NAMES[value]
        if key not in known:
            problems.append(f"unknown setting '{key}'")
        elif checks[key](value):
            values[key] = value
        else:
            problems.append(f"'{key}' has a value the guide cannot use")
    return Settings(**values), problems


MAX_SETTINGS_BYTES = 16 * 1024
"""A settings file is a handful of names and values; anything larger is not one."""


def read_small_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Opened without blocking and
    checked before reading, so a FIFO, a device (/dev/zero behind a symlink) or a huge file
    is refused with an OSError instead of hanging or filling memory."""
    import errno
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
        data = os.read(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
    return data


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Settings and, if the file was unusable, one sentence saying so. Never raises."""
    path = path or default_settings_path()
    candidates = [path, path.with_suffix(".yaml")] if path.suffix == ".json" else [path]
    for candidate in candidates:
        try:
            text = read_small_file(candidate, MAX_SETTINGS_BYTES).decode("utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            return Settings(), f"Your settings could not be read, so the defaults are used ({type(exc).__name__})."
        try:
            raw = _json_settings(text) if candidate.suffix == ".json" else _old_yaml_settings(text)
        except (ValueError, RecursionError):
            return Settings(), f"Your settings file is damaged, so the defaults are used ({candidate})."
        settings, problems = _validated(raw)
        if problems:
            return settings, f"Some settings were ignored: {'; '.join(problems[:3])}."
        return settings, None
    return Settings(), None


def _json_settings(text: str) -> Any:
    """json is imported only when there is a settings file: a first start, or a kiosk, has none."""
    import json

    return json.loads(text)


def _old_yaml_settings(text: str) -> Any:
    """Settings from an older version's YAML file; yaml is imported only then, not at every start."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write atomically; return a sentence describing the failure instead of raising."""
    import json

    path = path or default_settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(settings), handle, indent=2)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"Your settings could not be saved ({exc.strerror or type(exc).__name__})."
    return None
