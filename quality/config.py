"""Run configuration: which rules run, at what severity, with which settings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from quality.align import AlignSettings


class ConfigError(Exception):
    """Invalid configuration; the message names the offending key."""


@dataclass
class Config:
    """Everything a check needs to know besides the texts.

    ``select``/``ignore`` hold rule ids, codes or categories. ``severity`` maps a rule id,
    code or category to a severity. ``rule_settings`` maps a rule id to a dict of setting
    overrides (validated against the rule's ``Settings`` dataclass).
    """

    select: set[str] = field(default_factory=set)  # empty: all rules
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    rule_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    align: AlignSettings = field(default_factory=AlignSettings)
    # A source whose document similarity is below this is reported as not matching and
    # only the checks that need no source run.
    min_source_similarity: float = 0.2
    fail_on: str = "error"

    def enabled(self, rule_id: str, code: str, category: str) -> bool:
        keys = {rule_id, code, category}
        if self.select and not keys & self.select:
            return False
        return not keys & self.ignore

    def severity_for(self, rule_id: str, code: str, category: str, default: str) -> str:
        for key in (rule_id, code, category):
            if key in self.severity:
                return self.severity[key]
        return default

    def settings_for(self, rule_id: str, settings_type: type) -> Any:
        base = settings_type()
        overrides = self.rule_settings.get(rule_id)
        if not overrides:
            return base
        known = set(getattr(settings_type, "__dataclass_fields__", {}))
        for key in overrides:
            if key not in known:
                raise ConfigError(f"unknown setting '{rule_id}.{key}'")
        return replace(base, **overrides)
