"""MEANING: content words replaced by words that say something else (mistranslation)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from quality import lexicon
from quality.align import Pair
from quality.analysis import name_tokens
from quality.document import Document, Token
from quality.rule import Context, Finding, Rule
from quality.rules.number_change import Mention, pair_mentions
from quality.rules.polarity_flip import are_opposites
from quality.text import LIGHT_VERBS, NEGATORS, is_content


@dataclass(frozen=True)
class Settings:
    # Words within this many WordNet pointer hops count as a paraphrase of each other
    # (0: same synset; 1: direct hypernym, derivation, similar-to…; 2: siblings).
    paraphrase_depth: int = 2
    # Edit blocks at most this many equal words apart are compared with each other.
    gap: int = 1


@dataclass(frozen=True)
class _Word:
    k: int  # index in the pair's word list
    tok: Token


def _content(doc: Document, words: list[Token], found: list[Mention]) -> list[_Word]:
    """Content words of a pair side that this rule judges: not names, numbers or negators."""
    names = name_tokens(doc)
    numeric = {i for m in found for i in range(m.w0, m.w1)}
    out = []
    for i, t in enumerate(words):
        if t.start in names or i in numeric or t.kind != "word" or t.norm in NEGATORS:
            continue
        if is_content(t.norm) and len(t.norm) > 2:
            out.append(_Word(i, t))
    return out


def _windows(pair: Pair, gap: int) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """For each non-equal edit block: its suspect word range, and the source word ranges of
    itself and of the neighbouring blocks that lie at most ``gap`` equal words away."""
    blocks = [e for e in pair.edits if e.op != "equal"]
    out = []
    for k, e in enumerate(blocks):
        ranges = [(e.src0, e.src1)]
        if k > 0:
            p = blocks[k - 1]
            if e.src0 - p.src1 <= gap and e.sus0 - p.sus1 <= gap:
                ranges.append((p.src0, p.src1))
        if k + 1 < len(blocks):
            n = blocks[k + 1]
            if n.src0 - e.src1 <= gap and n.sus0 - e.sus1 <= gap:
                ranges.append((n.src0, n.src1))
        out.append(((e.sus0, e.sus1), ranges))
    return out


class MeaningChange(Rule):
    """Catches content words that the rewrite replaced with words that mean something else:
    "Apprehensions" -> "Concerns", "interdictions" -> "sanctions", "reinstate" ->
    "resettlement". Meaning-preserving paraphrase ("mitigate" -> "reduce", "slated" ->
    "scheduled") is not reported.

    Why: machine translation picks the wrong sense of a polysemous word and back-translation
    keeps it; the sentence stays fluent and becomes false.

    How: within each aligned sentence pair, word-level edits give change regions; source
    content words that survive nowhere in the suspect sentence are paired with suspect words
    that the source does not explain. A pair is a paraphrase when WordNet relates the two
    words within a few pointer hops (synonyms, hypernyms, derivations, similar-to); otherwise
    it is a warning when both are known English words, and info when one is unknown.

    Bad:  source "Apprehensions by Mexican immigration officials increased";
          suspect "Concerns among Mexican immigration officials rose".
    Good: source "efforts to mitigate poverty"; suspect "efforts to reduce poverty".
    """

    id = "meaning-change"
    code = "ME01"
    category = "MEANING"
    severity = "warning"
    summary = "A content word replaced by one that changes what is said."
    needs_source = True
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert ctx.source is not None and ctx.alignment is not None
        st: Settings = ctx.settings
        for pair in ctx.alignment.pairs:
            yield from self._pair(ctx.doc, ctx.source, pair, st)

    def _pair(self, doc: Document, src: Document, pair: Pair, st: Settings) -> Iterator[Finding]:
        ma, mb = pair_mentions(pair)
        a = _content(src, pair.src_words, ma)
        b = _content(doc, pair.sus_words, mb)
        if not a or not b:
            return
        src_keys = _keys(pair.src_words)
        sus_keys = _keys(pair.sus_words)
        lost = [w for w in a if not _kept(w.tok.norm, sus_keys)]
        new = [w for w in b if not _kept(w.tok.norm, src_keys)]
        if not lost or not new:
            return
        for (t0, t1), ranges in _windows(pair, st.gap):
            ls = [w for w in lost if any(a <= w.k < b for a, b in ranges)]
            ns = [w for w in new if t0 <= w.k < t1]
            ns = [w for w in ns if w.tok.norm not in LIGHT_VERBS]
            for s, t in _pairs(ls, ns):
                # Light verbs ("used to", "take a") count as counterparts but are too
                # polysemous to prove a paraphrase.
                if any(
                    x.tok.norm not in LIGHT_VERBS
                    and lexicon.distance(x.tok.norm, t.tok.norm, st.paraphrase_depth) is not None
                    for x in ls
                ):
                    continue  # a paraphrase of some word it replaces
                if any(are_opposites(x.tok.norm, t.tok.norm) for x in lost):
                    continue  # an inversion: the polarity rule reports it
                known = lexicon.is_word(s.tok.norm) and lexicon.is_word(t.tok.norm)
                yield self.finding(
                    f"“{t.tok.text}” does not render the source’s “{s.tok.text}”",
                    t.tok.start,
                    t.tok.end,
                    severity="warning" if known else "info",
                    source_start=s.tok.start,
                    source_end=s.tok.end,
                )


def _keys(words: list[Token]) -> tuple[set[str], set[int]]:
    """The words of one side and the WordNet synsets of its content words."""
    norms = {w.norm for w in words}
    synsets: set[int] = set()
    for n in norms:
        if is_content(n):
            synsets.update(lexicon.synsets(n))
    return norms, synsets


def _kept(word: str, other: tuple[set[str], set[int]]) -> bool:
    """The word, an inflection or a synonym of it is on the other side."""
    norms, synsets = other
    return word in norms or not lexicon.synsets(word).isdisjoint(synsets)


def _pairs(ls: list[_Word], ns: list[_Word]) -> list[tuple[_Word, _Word]]:
    """Pair lost and new words of one region: in order when the counts agree, otherwise
    each new word with the lost word at the nearest relative position."""
    if not ls or not ns:
        return []
    heavy = [w for w in ls if w.tok.norm not in LIGHT_VERBS]
    if heavy and len(heavy) < len(ls):
        ls = heavy  # prefer a content word over "take"/"used" as the counterpart shown
    if len(ls) == len(ns):
        return list(zip(ls, ns, strict=True))
    out = []
    for idx, t in enumerate(ns):
        rel = idx / max(len(ns) - 1, 1)
        s = min(ls, key=lambda w: abs(ls.index(w) / max(len(ls) - 1, 1) - rel))
        out.append((s, t))
    return out
