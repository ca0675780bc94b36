"""Custom pattern packs: users' own phrases and patterns, from TOML files named in config."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from quality.rule import CATEGORIES, SEVERITIES, Context, Finding, Rule


class PackError(Exception):
    """A pack file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class PackPattern:
    reason: str
    category: str
    severity: str
    regex: re.Pattern[str]
    max_words: int | None
    message: str | None


@dataclass(frozen=True)
class Settings:
    # Pack files (absolute paths); set through the `packs` key of the configuration.
    packs: tuple[str, ...] = ()


_KEYS = {"reason", "category", "severity", "regex", "phrases", "max_words", "message",
         "case_sensitive"}  # fmt: skip


@cache
def load_pack(path: str) -> tuple[PackPattern, ...]:
    """Parse and compile a pack file, or raise PackError naming the problem."""
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: invalid TOML ({exc})") from None
    entries = data.get("pattern")
    if not isinstance(entries, list) or not entries:
        raise PackError(f"{path}: needs at least one [[pattern]] entry")
    out = []
    for n, e in enumerate(entries, 1):
        where = f"{path}: pattern {n}"
        unknown = set(e) - _KEYS
        if unknown:
            raise PackError(f"{where}: unknown key '{sorted(unknown)[0]}'")
        category = e.get("category", "BOILERPLATE")
        if category not in CATEGORIES:
            raise PackError(f"{where}: 'category' must be one of {', '.join(CATEGORIES)}")
        severity = e.get("severity", "warning")
        if severity not in SEVERITIES:
            raise PackError(f"{where}: 'severity' must be one of {', '.join(SEVERITIES)}")
        flags = 0 if e.get("case_sensitive") else re.IGNORECASE
        if "regex" in e and "phrases" in e:
            raise PackError(f"{where}: give 'regex' or 'phrases', not both")
        if "regex" in e:
            source = e["regex"]
        elif "phrases" in e and isinstance(e["phrases"], list) and e["phrases"]:
            source = r"(?<!\w)(?:" + "|".join(re.escape(p) for p in e["phrases"]) + r")(?!\w)"
        else:
            raise PackError(f"{where}: needs 'regex' or a non-empty list 'phrases'")
        try:
            regex = re.compile(source, flags)
        except re.error as exc:
            raise PackError(f"{where}: invalid regex ({exc})") from None
        max_words = e.get("max_words")
        if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
            raise PackError(f"{where}: 'max_words' must be a positive integer")
        reason = str(e.get("reason", Path(path).stem))
        out.append(PackPattern(reason, category, severity, regex, max_words, e.get("message")))
    return tuple(out)


class CustomPattern(Rule):
    """Reports the phrases and patterns of the user's own packs: TOML files named under
    `packs` in the configuration, each with `[[pattern]]` entries giving a `category`, a
    `severity`, a `reason`, and either `phrases` (a list of literal phrases, matched as
    whole words, case-insensitively unless `case_sensitive = true`) or a `regex`; an
    optional `max_words` limits an entry to short lines such as site chrome.

    Why: every newsroom and every scraper leaves its own chrome and spam; a pack catches
    them without writing Python, as Vale's existence rules do.

    How: each entry is matched against every sentence; each match is one finding with the
    entry's category and severity.

    Bad:  with a pack entry phrases = ["Subscribe to our WhatsApp channel"], the line
          "Subscribe to our WhatsApp channel for updates" is reported.
    Good: with no packs configured the rule reports nothing.
    """

    id = "custom-pattern"
    code = "CP01"
    category = "BOILERPLATE"
    severity = "warning"
    summary = "A phrase or pattern from the user's own packs (configured under `packs`)."
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        st: Settings = ctx.settings
        if not st.packs:
            return
        patterns = [p for path in st.packs for p in load_pack(path)]
        doc = ctx.doc
        for s in doc.sentences:
            n_words = len(doc.words(s))
            for p in patterns:
                if p.max_words is not None and n_words > p.max_words:
                    continue
                for m in p.regex.finditer(doc.text, s.start, s.end):
                    if m.end() == m.start():
                        continue
                    yield self.finding(
                        p.message or f"matches the “{p.reason}” pack",
                        m.start(),
                        m.end(),
                        category=p.category,
                        severity=p.severity,
                    )
