"""The kiosk's one config file: idle times, staff PIN hash, language, theme, speech
defaults and which features visitors get.

Loading never fails: a clinic that mistypes one line must still get a working kiosk
on Monday morning, so every problem is reported with its line and the affected
setting falls back to a safe default (a broken file falls back whole, but keeps a
readable PIN hash so staff can still get out).
"""

from __future__ import annotations

import base64
import binascii
import difflib
import hashlib
import hmac
import os
import re
import secrets
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from guide.content.yaml_reader import Node, YamlReadError, parse
from guide.kiosk.rules import DEFAULT_FEATURES, MIN_WARNING_SECONDS, Feature, SessionDefaults
from guide.settings import THEMES
from guide.speech.api import RATE_STEPS, VOLUME_STEPS

APP_NAME = "immunoguide"
CONFIG_FILE_NAME = "kiosk.yaml"
DEFAULT_IDLE_SECONDS = 120.0
DEFAULT_WARNING_SECONDS = 30.0
IDLE_RANGE = (10.0, 3600.0)
WARNING_MAX = 600.0
PIN_DIGITS = (6, 12)
MAX_CONFIG_BYTES = 64 * 1024

# scrypt at n=2**14, r=8: about 70 ms a try here, 16 MiB of memory; costly to brute-force
# offline, quick enough that staff do not notice.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_HASH_RE = re.compile(r"^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$")
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


# ---------------------------------------------------------------- PIN


def pin_problem(pin: str) -> str | None:
    """Why this PIN cannot be used, or None. Digits only, so a keypad is enough."""
    low, high = PIN_DIGITS
    if not pin.isascii() or not pin.isdigit():
        return "the PIN must be digits only (0-9)"
    if not low <= len(pin) <= high:
        return f"the PIN must have {low} to {high} digits"
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        return "the PIN is too easy to guess (all one digit, or a run like 123456)"
    return None


def hash_pin(pin: str) -> str:
    """A salted scrypt hash; the PIN itself is never stored."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def valid_hash(stored: str) -> bool:
    match = _HASH_RE.match(stored)
    if not match:
        return False
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    # Bounds keep a tampered file from making each PIN check take minutes or gigabytes.
    return n >= 2 and n & (n - 1) == 0 and n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 4 and 128 * r * n <= 2**28


def verify_pin(pin: str, stored: str) -> bool:
    """Compare in constant time; a malformed hash never matches."""
    if not valid_hash(stored):
        return False
    match = _HASH_RE.match(stored)
    assert match is not None
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        expected = base64.b64decode(match.group(5), validate=True)
    except (binascii.Error, ValueError):
        return False
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected), maxmem=2**29)
    return hmac.compare_digest(digest, expected)


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
)


def load_config(path: Path) -> KioskConfig:
    """Read the config at ``path``; never raises. Problems are in ``.problems``."""
    reader = _Reader(path)
    base = KioskConfig(path=path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return base
    except OSError as exc:
        reader.problem(0, 0, f"cannot read the kiosk config ({exc.strerror}); using safe defaults")
        return replace(base, problems=tuple(reader.problems))
    if len(raw) > MAX_CONFIG_BYTES:
        reader.problem(0, 0, f"the file is larger than {MAX_CONFIG_BYTES // 1024} KiB; using safe defaults")
        return replace(base, exists=True, problems=tuple(reader.problems))
    text = raw.decode("utf-8", errors="replace")
    try:
        root = parse(text)
    except YamlReadError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        reader.problem(exc.line, exc.column, f"{exc.message}{hint}; the kiosk starts with safe defaults")
        salvaged = _salvage_pin_hash(text)
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
        session["rate"] = reader.word(values["speech_rate"], "speech_rate", [w for w, _ in RATE_STEPS],
                                      defaults.rate)
    if "speech_volume" in values:
        session["volume"] = reader.word(values["speech_volume"], "speech_volume", [w for w, _ in VOLUME_STEPS],
                                        defaults.volume)
    if session:
        changes["defaults"] = replace(defaults, **session)
    if "features" in values:
        changes["features"] = _features(values["features"], reader)
    if "usage_counts" in values:
        changes["usage_counts"] = reader.flag(values["usage_counts"], "usage_counts", False)
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


def _salvage_pin_hash(text: str) -> tuple[int, str] | None:
    """A syntax error elsewhere must not lock staff out: keep a well-formed hash line."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"""^pin_hash:\s*["']?([^"'\s#]+)["']?\s*(#.*)?$""", line)
        if match and valid_hash(match.group(1)):
            return number, match.group(1)
    return None


# ---------------------------------------------------------------- writing


TEMPLATE = """\
# Kiosk settings for immunoguide (`immunoguide kiosk --show-config` shows this file's path).
# A mistake here never stops the kiosk: it reports the line and uses a safe default.

idle_seconds: 120        # seconds without input before the "are you still there?" warning
warning_seconds: 30      # seconds of spoken countdown before the reset (at least 20)
pin_hash: null           # set with `immunoguide kiosk --set-pin`; never write a PIN here
language: en             # content language folder (en, es, ...)
theme: guide-high-contrast  # guide-dark, guide-light, guide-high-contrast or ansi-dark
speech: true             # self-voicing on for every visitor
speech_rate: normal      # slowest, slower, normal, faster, fastest
speech_volume: normal    # quietest, quieter, normal, louder, loudest
usage_counts: false      # aggregate counts for staff, in memory only

features:                # what visitors may use
  search: true
  glossary: true
  speech_toggle: true
  speech_rate: true      # rate and volume keys (reset after each visitor)
  theme: false
  settings: false
  export: false
"""


def write_pin_hash(path: Path, pin_hash: str) -> None:
    """Put the hash in the file, keeping every other line; atomic, so a crash leaves the old file."""
    try:
        text = path.read_text(encoding="utf-8")
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        text, mode = TEMPLATE, 0o600
    line = f'pin_hash: "{pin_hash}"'
    pattern = re.compile(r"^pin_hash:.*$", re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _: line, text, count=1)
    else:
        text = text.rstrip("\n") + "\n" + line + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".kiosk-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
        "  features: " + ", ".join(f"{f.value} {'on' if on else 'off'}" for f, on in config.features.items()),
        f"Other places looked at: site {site_config_path()}, user {user_config_path()}",
    ]
    if config.problems:
        lines.append(f"{len(config.problems)} problem(s):")
        lines.extend(f"  {p.format()}" for p in config.problems)
    return "\n".join(lines) + "\n"
