"""Profile TOML files → :class:`Profile`: which rules run, with which severity and limits.

A profile lives in ``profiles/<name>.toml`` (or any path).  ``extends = "<name>"``
layers it on another profile, rule table by rule table, so a shop profile only
lists what it changes.  ``severity = "ignore"`` switches a rule off.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

PROFILE_DIR = Path(__file__).parent / "profiles"
DEFAULT_PROFILE = "sheetcmyk-cmyk"
VALID_SEVERITIES = {"error", "warning", "info", "ignore", "graded"}


@dataclass(frozen=True)
class RuleSettings:
    """One rule as a profile configures it."""

    id: str
    severity: str
    params: dict = field(default_factory=dict)

    def __getitem__(self, key: str):
        try:
            return self.params[key]
        except KeyError:
            raise InputError(f"profile rule {self.id} lacks the setting {key!r}") from None

    def get(self, key: str, default=None):
        return self.params.get(key, default)


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    rules: dict[str, RuleSettings]

    def active_rules(self) -> list[RuleSettings]:
        return [r for _, r in sorted(self.rules.items()) if r.severity != "ignore"]

    def with_settings(self, changes: dict[str, dict]) -> Profile:
        """A copy whose rules present in ``changes`` (rule ID → settings) are updated."""
        rules = dict(self.rules)
        for rule_id, table in changes.items():
            if rule_id in rules:
                old = rules[rule_id]
                params = {**old.params, **{k: v for k, v in table.items() if k != "severity"}}
                rules[rule_id] = RuleSettings(rule_id, table.get("severity", old.severity), params)
        return Profile(self.name, self.title, rules)


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def load_profile(name_or_path: str | Path) -> Profile:
    """Load a bundled profile by name, or a TOML file by path, resolving ``extends``."""
    data = _load_layered(str(name_or_path), seen=())
    rules = {
        rule_id: _rule_settings(rule_id, table) for rule_id, table in data.get("rules", {}).items()
    }
    name = Path(str(name_or_path)).stem
    return Profile(name=name, title=data.get("title", name), rules=rules)


def _load_layered(name: str, seen: tuple[str, ...]) -> dict:
    if name in seen:
        raise InputError(f"profile {name!r} extends itself (via {' → '.join(seen)})")
    data = _read_toml(_locate(name))
    parent = data.pop("extends", None)
    if parent is None:
        return data
    base = _load_layered(parent, (*seen, name))
    rules = {key: dict(table) for key, table in base.get("rules", {}).items()}
    for key, table in data.get("rules", {}).items():
        rules.setdefault(key, {}).update(table)
    return {**base, **data, "rules": rules}


def _locate(name: str) -> Path:
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        return path
    bundled = PROFILE_DIR / f"{name}.toml"
    if bundled.is_file():
        return bundled
    if path.is_file():
        raise InputError(f"{path}: not a preflight profile (profiles are .toml files)")
    raise InputError(
        f"no preflight profile named {name!r}; available: {', '.join(available_profiles())}"
    )


def _read_toml(path: Path) -> dict:
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: failed to parse profile ({error})") from None
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        column = error.start - raw.rfind(b"\n", 0, error.start)
        raise InputError(f"{path}:{line}:{column}: not a TOML profile (not UTF-8 text)") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read profile ({error.strerror or error})") from None
    _check_shape(path, data)
    return data


def _check_shape(path: Path, data: dict) -> None:
    """``title`` and ``extends`` are strings, ``rules`` a table of tables."""
    for key in ("title", "extends"):
        if key in data and not isinstance(data[key], str):
            raise InputError(f"{path}: profile key {key!r} must be a string")
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(t, dict) for t in rules.values()):
        raise InputError(f"{path}: profile 'rules' must hold one table per rule, e.g. [rules.R0026]")


def _rule_settings(rule_id: str, table: dict) -> RuleSettings:
    params = dict(table)
    severity = params.pop("severity", "graded" if "error_below" in params else None)
    if severity not in VALID_SEVERITIES:
        raise InputError(
            f"profile rule {rule_id}: severity must be one of "
            f"{', '.join(sorted(VALID_SEVERITIES))} (found {severity!r})"
        )
    return RuleSettings(rule_id, severity, params)
