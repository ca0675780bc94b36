"""BOILERPLATE: site and scraper chrome that is not article text."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from quality.document import Document
from quality.rule import Context, Finding, Rule

_URL_RE = re.compile(r"<?(?:https?://|www\.)\S+>?")


@dataclass(frozen=True)
class Pattern:
    reason: str
    regex: re.Pattern[str]
    max_words: int


@cache
def patterns() -> tuple[Pattern, ...]:
    """The phrase and line-shape pack in rules/data/boilerplate.toml."""
    text = resources.files("quality.rules").joinpath("data/boilerplate.toml").read_text("utf-8")
    return load_patterns(text)


def load_patterns(text: str) -> tuple[Pattern, ...]:
    data = tomllib.loads(text)
    out = []
    for p in data.get("pattern", []):
        flags = 0 if p.get("case_sensitive") else re.IGNORECASE
        out.append(Pattern(p["reason"], re.compile(p["regex"], flags), int(p["max_words"])))
    return tuple(out)


@dataclass(frozen=True)
class Settings:
    # jusText: blocks shorter than this (characters) with no sentence end are "short" and
    # take their class from their neighbours.
    short_chars: int = 70
    # Share of a block's characters in URLs above which the block is link chrome.
    max_link_density: float = 0.5


def boilerplate_sentences(doc: Document, st: Settings | None = None) -> dict[int, str]:
    """Sentence index -> reason, for sentences that are site or scraper chrome.

    Sentences are matched against the pattern pack; blocks (paragraphs) are then classified
    after jusText: a block whose sentences all match, or that is mostly links, is bad; a short
    block with no sentence end takes the class of its neighbours, the end of the document
    counting as bad (footers) and the start as good (headlines, bylines).
    """
    st = st or Settings()
    cache: dict[Settings, dict[int, str]] = doc.__dict__.setdefault("_boilerplate", {})
    if st in cache:
        return cache[st]
    cache[st] = hits = _classify(doc, st)
    return hits


def _classify(doc: Document, st: Settings) -> dict[int, str]:
    pats = patterns()
    hits: dict[int, str] = {}
    for s in doc.sentences:
        text = doc.sentence_text(s)
        n_words = sum(1 for t in doc.tokens[s.t0 : s.t1] if t.kind != "punct")
        for p in pats:
            if n_words <= p.max_words and p.regex.search(text):
                hits[s.index] = p.reason
                break
    classes: list[str] = []
    for p in doc.paragraphs:
        text = doc.text[p.start : p.end]
        sent_ids = range(p.s0, p.s1)
        links = sum(len(m.group()) for m in _URL_RE.finditer(text))
        if all(i in hits for i in sent_ids):
            classes.append("bad")
        elif links > st.max_link_density * len(text.strip()):
            classes.append("bad")
            for i in sent_ids:
                hits.setdefault(i, "link-list")
        elif len(text) < st.short_chars and not doc.sentences[p.s1 - 1].terminal:
            classes.append("short")
        else:
            classes.append("good")
    n = len(classes)
    for k, c in enumerate(classes):
        if c != "short":
            continue
        before = next((classes[x] for x in range(k - 1, -1, -1) if classes[x] != "short"), "good")
        after = next((classes[x] for x in range(k + 1, n) if classes[x] != "short"), "bad")
        if before == "bad" and after == "bad":
            p = doc.paragraphs[k]
            for i in range(p.s0, p.s1):
                hits.setdefault(i, "between-chrome")
    return hits


class Boilerplate(Rule):
    """Catches site and scraper chrome glued to an article: comment forms ("Leave a Reply",
    "Your email address will not be published"), CMS meta lines ("Author: admin"), source
    stubs ("Source: Read Full Article"), "[Disclaimer]", "Most Read from …", share and cookie
    lines, wire update notes ("(Updates with … )") and photo credits ("Name / Agency").

    Why: chrome is not the article; republished with it, the copy misleads readers about who
    wrote what and pollutes any corpus built from it.

    How: a pattern pack (rules/data/boilerplate.toml, extensible) marks chrome lines; blocks
    are then classified after jusText (length, sentence ends, link density) with context
    smoothing, so short lines between chrome blocks, and at the document's end, fall with
    them. Runs of adjacent chrome are reported as one finding. Bylines, author bios and
    "Reporting was contributed by …" are article text and are not flagged.

    Bad:  "Author: admin\\n\\nLeave a Reply\\n\\nYour email address will not be published."
    Good: "Reporting was contributed by Steve Fisher in Mexico City."
    """

    id = "boilerplate"
    code = "BP01"
    category = "BOILERPLATE"
    severity = "warning"
    summary = "Site or scraper chrome (comment forms, source stubs, credits) in the article."
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        st: Settings = ctx.settings
        hits = ctx.cached("boilerplate", lambda: boilerplate_sentences(ctx.doc, st))
        doc = ctx.doc
        for run in _runs(sorted(hits)):
            first, last = doc.sentences[run[0]], doc.sentences[run[-1]]
            reasons = sorted({hits[i] for i in run})
            yield self.finding(
                f"site or scraper chrome ({', '.join(reasons)})",
                first.start,
                last.end,
            )


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
