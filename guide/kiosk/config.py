"""The kiosk's one config file: idle times, staff PIN hash, language, theme, speech
defaults and which features visitors get. How the PIN is hashed, checked and written is
guide.kiosk.pin.

Loading never fails: a clinic that mistypes one line must still get a working kiosk
on Monday morning, so every problem is reported with its line and the affected
setting falls back to a safe default (a broken file falls back whole, but keeps a
readable PIN hash so staff can still get out).
"""

from __future__ import annotations

import difflib
import errno
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from guide.content.yaml_reader import Node, YamlReadError, parse
from guide.kiosk.pin import find_pin_hash_line, valid_hash
from guide.kiosk.rules import DEFAULT_FEATURES, MIN_WARNING_SECONDS, Feature, SessionDefaults
from guide.settings import THEMES, read_small_file
from guide.speech.api import OLD_RATE_NAMES, OLD_VOLUME_NAMES, RATE_STEPS, VOLUME_STEPS

APP_NAME = "immunoguide"
CONFIG_FILE_NAME = "kiosk.yaml"
DEFAULT_IDLE_SECONDS = 120.0
DEFAULT_WARNING_SECONDS = 30.0
IDLE_RANGE = (10.0, 3600.0)
WARNING_MAX = 600.0
MAX_CONFIG_BYTES = 64 * 1024
DEFAULT_MAX_SESSIONS = 8
"""Browser screens `serve` runs at once: each is a kiosk process, so the machine's memory
sets the limit; beyond it new screens get an "all screens are busy" page."""
MAX_SESSIONS_RANGE = (1, 64)

_LANG_RE = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong in the config file, with where it is (line 0: the file as a whole)."""

    path: Path
    line: int
    column: int
    message: str

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class KioskConfig:
    path: Path
    exists: bool = False
    idle_seconds: float = DEFAULT_IDLE_SECONDS
    warning_seconds: float = DEFAULT_WARNING_SECONDS
    pin_hash: str | None = None
    defaults: SessionDefaults = field(default_factory=SessionDefaults)
    features: dict[Feature, bool] = field(default_factory=lambda: dict(DEFAULT_FEATURES))
    usage_counts: bool = False
    max_sessions: int = DEFAULT_MAX_SESSIONS
    printer: str | None = None
    """The printer staff may print a treatment summary on (`lp`), "default" for lp's own; None: none."""
    problems: tuple[ConfigProblem, ...] = ()

    def allows(self, feature: Feature) -> bool:
        return self.features.get(feature, False)

    def with_times(self, idle_seconds: float | None, warning_seconds: float | None) -> KioskConfig:
        """Command-line times win over the file (for tuning and tests)."""
        return replace(
            self,
            idle_seconds=self.idle_seconds if idle_seconds is None else idle_seconds,
            warning_seconds=self.warning_seconds if warning_seconds is None else warning_seconds,
        )


def site_config_path() -> Path:
    """System-wide file (e.g. /etc/xdg/immunoguide/kiosk.yaml): what a clinic deploys."""
    return Path(platformdirs.site_config_dir(APP_NAME, multipath=False)) / CONFIG_FILE_NAME


def user_config_path() -> Path:
    """Per-user file (e.g. ~/.config/immunoguide/kiosk.yaml): for a single-user set-up."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / CONFIG_FILE_NAME


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The file the kiosk reads: --config, else the site file if present, else the user file."""
    if explicit:
        return Path(explicit).expanduser()
    site = site_config_path()
    return site if site.is_file() else user_config_path()


# ---------------------------------------------------------------- loading


class _Reader:
    """Turns the parsed file into settings, collecting problems instead of raising."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[ConfigProblem] = []

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(ConfigProblem(self.path, line, column, message))

    def number(self, node: Node, key: str, low: float, high: float, default: float) -> float:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(node.line, node.column, f"{key} must be a number of seconds; using {default:g}")
            return default
        if value < low:
            self.problem(node.line, node.column, f"{key} must be at least {low:g}; using {low:g}")
            return low
        if value > high:
            self.problem(node.line, node.column, f"{key} must be at most {high:g}; using {high:g}")
            return high
        return float(value)

    def count(self, node: Node, key: str, low: int, high: int, default: int) -> int:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(node.line, node.column, f"{key} must be a whole number; using {default}")
            return default
        if not low <= value <= high:
            bound = low if value < low else high
            self.problem(node.line, node.column, f"{key} must be from {low} to {high}; using {bound}")
            return bound
        return value

    def flag(self, node: Node, key: str, default: bool) -> bool:
        if isinstance(node.value, bool):
            return node.value
        self.problem(node.line, node.column, f"{key} must be true or false; using {str(default).lower()}")
        return default

    def word(self, node: Node, key: str, choices: list[str], default: str) -> str:
        value = node.value
        if isinstance(value, str) and value in choices:
            return value
        self.problem(node.line, node.column, f"{key} must be one of {', '.join(choices)}; using {default}")
        return default


_KEYS = (
    "idle_seconds",
    "warning_seconds",
    "pin_hash",
    "language",
    "theme",
    "speech",
    "speech_rate",
    "speech_volume",
    "features",
    "usage_counts",
    "max_sessions",
    "printer",
)


def load_config(path: Path) -> KioskConfig:
    """Read the config at ``path``; never raises. Problems are in ``.problems``."""
    reader = _Reader(path)
    base = KioskConfig(path=path)
    try:
        raw = read_small_file(path, MAX_CONFIG_BYTES)  # a FIFO or device here would hang the kiosk
    except FileNotFoundError:
        return base
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            reader.problem(0, 0, f"the file is larger than {MAX_CONFIG_BYTES // 1024} KiB; using safe defaults")
            return replace(base, exists=True, problems=tuple(reader.problems))
        reader.problem(0, 0, f"cannot read the kiosk config ({exc.strerror}); using safe defaults")
        return replace(base, problems=tuple(reader.problems))
    text = raw.decode("utf-8", errors="replace")
    try:
        root = parse(text)
    except YamlReadError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        reader.problem(exc.line, exc.column, f"{exc.message}{hint}; the kiosk starts with safe defaults")
        salvaged = find_pin_hash_line(text)
        if salvaged:
            reader.problem(salvaged[0], 1, "the staff PIN hash on this line was kept, so staff can still exit")
        return replace(
            base, exists=True, pin_hash=salvaged[1] if salvaged else None, problems=tuple(reader.problems)
        )
    if root is None:
        return replace(base, exists=True)
    if not isinstance(root.value, dict):
        reader.problem(root.line, root.column, "the file must be a list of 'key: value' lines; using safe defaults")
        return replace(base, exists=True, problems=tuple(reader.problems))
    return _settings(root, reader, replace(base, exists=True))


def _settings(root: Node, reader: _Reader, config: KioskConfig) -> KioskConfig:
    values: dict[str, Node] = root.value
    for key, node in values.items():
        if key not in _KEYS:
            line, column = root.key_places.get(key, (node.line, node.column))
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; known keys: {', '.join(_KEYS)}"
            reader.problem(line, column, f"unknown setting {key!r} is ignored{hint}")
    changes: dict[str, Any] = {}
    if "idle_seconds" in values:
        changes["idle_seconds"] = reader.number(values["idle_seconds"], "idle_seconds", *IDLE_RANGE,
                                                DEFAULT_IDLE_SECONDS)
    if "warning_seconds" in values:
        changes["warning_seconds"] = reader.number(values["warning_seconds"], "warning_seconds",
                                                   MIN_WARNING_SECONDS, WARNING_MAX, DEFAULT_WARNING_SECONDS)
    if "pin_hash" in values:
        node = values["pin_hash"]
        if node.value is None:
            pass
        elif isinstance(node.value, str) and valid_hash(node.value):
            changes["pin_hash"] = node.value
        else:
            reader.problem(node.line, node.column,
                           "pin_hash is not a hash this guide wrote; set the PIN again with "
                           "`immunoguide kiosk --set-pin` (staff exit is off until then)")
    defaults = config.defaults
    session: dict[str, Any] = {}
    if "language" in values:
        node = values["language"]
        if isinstance(node.value, str) and _LANG_RE.match(node.value):
            session["language"] = node.value
        else:
            reader.problem(node.line, node.column,
                           f"language must be a code such as en or es; using {defaults.language}")
    if "theme" in values:
        node = values["theme"]
        session["theme"] = reader.word(node, "theme", list(THEMES), defaults.theme)
    if "speech" in values:
        session["speech"] = reader.flag(values["speech"], "speech", defaults.speech)
    if "speech_rate" in values:
        # the old step names (OLD_RATE_NAMES) are taken too, so a config written for an earlier version still loads
        rate = reader.word(values["speech_rate"], "speech_rate", [w for w, _ in RATE_STEPS] + list(OLD_RATE_NAMES),
                           defaults.rate)
        session["rate"] = OLD_RATE_NAMES.get(rate, rate)
    if "speech_volume" in values:
        volume = reader.word(values["speech_volume"], "speech_volume",
                             [w for w, _ in VOLUME_STEPS] + list(OLD_VOLUME_NAMES), defaults.volume)
        session["volume"] = OLD_VOLUME_NAMES.get(volume, volume)
    if session:
        changes["defaults"] = replace(defaults, **session)
    if "features" in values:
        changes["features"] = _features(values["features"], reader)
    if "usage_counts" in values:
        changes["usage_counts"] = reader.flag(values["usage_counts"], "usage_counts", False)
    if "max_sessions" in values:
        changes["max_sessions"] = reader.count(values["max_sessions"], "max_sessions", *MAX_SESSIONS_RANGE,
                                               DEFAULT_MAX_SESSIONS)
    if "printer" in values and (node := values["printer"]).value is not None:
        from guide.kiosk.printing import PRINTER_NAME

        if isinstance(node.value, str) and PRINTER_NAME.match(node.value):
            changes["printer"] = node.value
        else:
            reader.problem(node.line, node.column, "printer must be a printer's name (see `lpstat -p`) or "
                           "default; printing is off")  # fmt: skip
    return replace(config, problems=tuple(reader.problems), **changes)


def _features(node: Node, reader: _Reader) -> dict[Feature, bool]:
    features = dict(DEFAULT_FEATURES)
    if not isinstance(node.value, dict):
        reader.problem(node.line, node.column, "features must be a list of 'name: true/false' lines; using defaults")
        return features
    names = [f.value for f in Feature]
    for key, value in node.value.items():
        line, column = node.key_places.get(key, (value.line, value.column))
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; known features: {', '.join(names)}"
            reader.problem(line, column, f"unknown feature {key!r} is ignored{hint}")
            continue
        feature = Feature(key)
        features[feature] = reader.flag(value, f"features.{key}", DEFAULT_FEATURES[feature])
    return features


# ---------------------------------------------------------------- a new file, and --show-config


TEMPLATE = """\
# Kiosk settings for immunoguide (`immunoguide kiosk --show-config` shows this file's path).
# A mistake here never stops the kiosk: it reports the line and uses a safe default.

idle_seconds: 120        # seconds without input before the "are you still there?" warning
warning_seconds: 30      # seconds of spoken countdown before the reset (at least 20)
pin_hash: null           # set with `immunoguide kiosk --set-pin`; never write a PIN here
language: en             # content language folder (en, es, ...)
theme: guide-high-contrast  # guide-dark, guide-light, guide-high-contrast or ansi-dark
speech: true             # self-voicing on for every visitor
speech_rate: normal      # very slow, slow, relaxed, normal, brisk, fast, very fast, top speed
speech_volume: normal    # quietest, quiet, normal, loud, loudest
usage_counts: false      # aggregate counts for staff, in memory only
max_sessions: 8          # `immunoguide serve`: browser screens at once (each a kiosk process)
printer: null            # staff may print a visitor's treatment summary here (`lp`; default: lp's own)

features:                # what visitors may use
  search: true
  glossary: true
  speech_toggle: true
  speech_rate: true      # rate and volume keys (reset after each visitor)
  theme: false
  settings: false
  export: false
"""
"""The file `--set-pin` writes when there is none yet: every setting at its default, explained."""


def describe(config: KioskConfig) -> str:
    """What `--show-config` prints: the path, whether it exists, every effective setting."""
    status = "found" if config.exists else "not found: using defaults (`--set-pin` creates it)"
    d = config.defaults
    lines = [
        f"Kiosk config: {config.path} ({status})",
        f"  idle_seconds: {config.idle_seconds:g}",
        f"  warning_seconds: {config.warning_seconds:g}",
        f"  pin_hash: {'set' if config.pin_hash else 'NOT SET: staff cannot exit until `--set-pin`'}",
        f"  language: {d.language}",
        f"  theme: {d.theme}",
        f"  speech: {'on' if d.speech else 'off'}, rate {d.rate}, volume {d.volume}",
        f"  usage_counts: {'on (aggregate, in memory only)' if config.usage_counts else 'off'}",
        f"  max_sessions: {config.max_sessions} (browser screens of `immunoguide serve`)",
        f"  printer: {config.printer or 'none (a treatment summary is shown large, to photograph)'}",
        "  features: " + ", ".join(f"{f.value} {'on' if on else 'off'}" for f, on in config.features.items()),
        f"Other places looked at: site {site_config_path()}, user {user_config_path()}",
    ]
    if config.problems:
        lines.append(f"{len(config.problems)} problem(s):")
        lines.extend(f"  {p.format()}" for p in config.problems)
    return "\n".join(lines) + "\n"
