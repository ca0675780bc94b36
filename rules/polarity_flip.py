"""POLARITY: negation added or removed, antonyms, time and direction flips."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from quality import lexicon
from quality.align import Pair
from quality.document import Token
from quality.rule import Context, Finding, Rule
from quality.text import NEGATORS, is_content


@cache
def opposite_words() -> frozenset[str]:
    """Every word of the curated pairs (some are function words: before, after, more)."""
    return frozenset(w for pair in opposites() for w in pair)


@cache
def opposites() -> frozenset[tuple[str, str]]:
    """Curated opposite pairs (rules/data/opposites.toml), both directions."""
    data = tomllib.loads(
        resources.files("quality.rules").joinpath("data/opposites.toml").read_text("utf-8")
    )
    out = set()
    for a, b in data["pairs"]:
        out.add((a, b))
        out.add((b, a))
    return frozenset(out)


def _forms(word: str) -> tuple[str, ...]:
    return (word, *lexicon.lemmas(word))


def are_opposites(a: str, b: str) -> bool:
    """WordNet antonyms (direct, indirect or across a derivation) or a curated pair."""
    pairs = opposites()
    fa, fb = _forms(a), _forms(b)
    if any((x, y) in pairs for x in fa for y in fb):
        return True
    return lexicon.are_antonyms(a, b)


def negations(words: list[Token]) -> list[int]:
    """Indices of negating words ("not", "no", "never", "won't", "cannot"...)."""
    out = []
    for k, w in enumerate(words):
        n = w.norm
        if n in NEGATORS and n != "without" or n.endswith("n't"):
            out.append(k)
    return out


@dataclass(frozen=True)
class Settings:
    # Report a change in the number of negations (odd difference) as a finding.
    check_negation: bool = True


class PolarityFlip(Rule):
    """Catches meaning turned into its opposite: a negation added or removed, a word
    replaced by its antonym (legal -> illegal, lock arms -> disarm), a time or direction
    flipped (tomorrow -> yesterday, before -> after).

    Why: an inverted statement is the most damaging mistranslation — it reads fluently and
    says the opposite of the source.

    How: in each aligned sentence pair, content words found only in the source are tested
    against words found only in the suspect for antonymy (WordNet antonyms shipped in
    rules/data, plus the curated time/direction pairs in rules/data/opposites.toml). The
    number of negations on each side is compared; an odd difference is a flip.

    Bad:  source "other legal immigration pathways"; suspect "other routes for illegal
          immigration".
    Good: source "It does not mean that an issue cannot arise"; suspect "This does not mean
          that no problem can arise" (two negations on each side).
    """

    id = "polarity-flip"
    code = "PO01"
    category = "POLARITY"
    severity = "error"
    summary = "Negation, antonym, time or direction inverted relative to the source."
    needs_source = True
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert ctx.source is not None and ctx.alignment is not None
        st: Settings = ctx.settings
        for pair in ctx.alignment.pairs:
            flips = list(self._antonyms(ctx, pair))
            negation = list(self._negation(ctx, pair)) if st.check_negation else []
            if len(flips) % 2 == 1 and negation:
                # "closed" -> "no longer open": a negation and an antonym cancel out.
                continue
            yield from flips
            yield from negation

    def _antonyms(self, ctx: Context, pair: Pair) -> Iterator[Finding]:
        src_keys = {f for w in pair.src_words for f in _forms(w.norm)}
        sus_keys = {f for w in pair.sus_words for f in _forms(w.norm)}
        curated = opposite_words()

        def candidate(w: Token) -> bool:
            return is_content(w.norm) or w.norm in curated

        src_only = [
            w for w in pair.src_words if candidate(w) and not set(_forms(w.norm)) & sus_keys
        ]
        sus_only = [
            w for w in pair.sus_words if candidate(w) and not set(_forms(w.norm)) & src_keys
        ]
        assert ctx.source is not None
        if not src_only or not sus_only:
            return
        pairs = opposites()
        src_ids = set().union(*(lexicon.lemma_ids(w.norm) for w in src_only))
        src_forms = {f for w in src_only for f in _forms(w.norm)}
        used: set[int] = set()
        for t in sus_only:
            t_forms = _forms(t.norm)
            # Cheap screen: no antonym and no curated opposite among the source-only words.
            if lexicon.antonym_ids(t.norm).isdisjoint(src_ids) and not any(
                (x, y) in pairs for x in t_forms for y in src_forms
            ):
                continue
            for s in src_only:
                if s.start in used or not are_opposites(s.norm, t.norm):
                    continue
                used.add(s.start)
                yield self.finding(
                    f"“{t.text}” inverts the source’s “{s.text}”",
                    t.start,
                    t.end,
                    source_start=s.start,
                    source_end=s.end,
                    suggestion=s.text,
                )
                break

    def _negation(self, ctx: Context, pair: Pair) -> Iterator[Finding]:
        a = negations(pair.src_words)
        b = negations(pair.sus_words)
        if (len(a) - len(b)) % 2 == 0:
            return
        if len(b) > len(a):
            w = pair.sus_words[b[-1]]
            yield self.finding(
                f"“{w.text}” adds a negation the source sentence does not have",
                w.start,
                w.end,
            )
        else:
            w = pair.src_words[a[-1]]
            first, last = pair.sus_words[0], pair.sus_words[-1]
            yield self.finding(
                f"the source’s negation “{w.text}” is missing from this sentence",
                first.start,
                last.end,
                source_start=w.start,
                source_end=w.end,
            )
