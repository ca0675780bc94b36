"""NAME: a name in the source rendered differently in the aligned suspect sentence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from quality.align import Pair
from quality.analysis import initials, name_tokens
from quality.document import Document, Token
from quality.rule import Context, Finding, Rule
from quality.text import CALENDAR_NAMES, HONORIFICS, fold, is_capitalised


@dataclass(frozen=True)
class Settings:
    # Two names whose folded forms score at least this (rapidfuzz ratio, 0-100) are taken to
    # be renderings of each other when they are not at the same place in the sentence.
    similar: float = 55.0
    # A stem shared by this many leading letters marks a derived form (Mexico / Mexican).
    derived_prefix: int = 4


class NameCorruption(Rule):
    """Catches names that the rewrite changed: a person, place, organisation or programme
    name in the source that appears differently in the aligned suspect sentence.

    Why: spinners and machine translation "translate" names ("Kamala" becomes "Camilla",
    "Nuñez-Neto" becomes "Noz-NATO"), and a wrong name is a factual error about a real person.

    How: within each aligned sentence pair, source name tokens with no equal counterpart in
    the suspect are matched to suspect name tokens with no counterpart in the source, first
    by position in the word-level edit, then by spelling similarity. Accent differences
    (López / Lopez), abbreviations (U.S. / US / United States) and derived forms
    (Mexico / Mexican) are not corruptions. When the suspect names a different entity that
    the source mentions elsewhere ("the Americas" -> "the United States"), the finding is a
    MEANING change rather than a corrupted spelling.

    Bad:  source "Vice President Kamala Harris"; suspect "Vice President Camilla Harris".
    Good: source "Andrés Manuel López Obrador"; suspect "Andres Manuel Lopez Obrador".
    """

    id = "name-corruption"
    code = "NC01"
    category = "NAME"
    severity = "error"
    summary = "A name from the source is rendered differently in the suspect."
    needs_source = True
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert ctx.source is not None and ctx.alignment is not None
        st: Settings = ctx.settings
        entities = ctx.cached("source-entities", lambda: _entities(ctx.source))
        for pair in ctx.alignment.pairs:
            yield from self._pair(ctx.doc, ctx.source, pair, entities, st)

    def _pair(
        self, doc: Document, src: Document, pair: Pair, entities: set[str], st: Settings
    ) -> Iterator[Finding]:
        src_names = _names_in(src, pair.src, pair.src_words)
        sus_names = _names_in(doc, pair.sus, pair.sus_words)
        src_keys = {fold(w.norm) for w in pair.src_words}
        sus_keys = {fold(w.norm) for w in pair.sus_words}
        sus_acronyms = {w.norm for w in pair.sus_words}
        lost = [
            i
            for i in src_names
            if fold(pair.src_words[i].norm) not in sus_keys
            and not _abbreviated(pair.src_words[i], pair.sus_words, sus_acronyms)
        ]
        new = [j for j in sus_names if fold(pair.sus_words[j].norm) not in src_keys]
        if not lost or not new:
            return
        matches = _match(pair, lost, new, st)
        for i, j in matches:
            s_tok, t_tok = pair.src_words[i], pair.sus_words[j]
            if _equivalent(s_tok, t_tok, pair, st):
                continue
            s0, s1, t0, t1 = _extend(pair, i, j, src_names, sus_names)
            src_span = src.text[pair.src_words[s0].start : pair.src_words[s1].end]
            sus_span = doc.text[pair.sus_words[t0].start : pair.sus_words[t1].end]
            run = _run(pair.sus_words, j, sus_names)
            sus_run = [w.text for w in run]
            other = fold(" ".join(sus_run)).replace(".", "")
            known_elsewhere = other in entities or initials(sus_run) in entities
            similar = fuzz.ratio(fold(s_tok.text), fold(t_tok.text)) >= st.similar
            if known_elsewhere and not similar:
                run_span = doc.text[run[0].start : run[-1].end]
                yield self.finding(
                    f"“{run_span}” names a different entity than the source’s “{src_span}”",
                    run[0].start,
                    run[-1].end,
                    category="MEANING",
                    severity="warning",
                    source_start=pair.src_words[s0].start,
                    source_end=pair.src_words[s1].end,
                    suggestion=src_span,
                )
                continue
            yield self.finding(
                f"“{sus_span}” does not match the source’s “{src_span}”",
                pair.sus_words[t0].start,
                pair.sus_words[t1].end,
                source_start=pair.src_words[s0].start,
                source_end=pair.src_words[s1].end,
                suggestion=src_span,
            )


def _names_in(doc: Document, sentences: tuple[int, ...], words: list[Token]) -> set[int]:
    """Indices (into the pair's word list) of name tokens."""
    names = name_tokens(doc)
    return {i for i, w in enumerate(words) if w.start in names and w.norm not in CALENDAR_NAMES}


def _entities(doc: Document) -> set[str]:
    """Folded names, name runs and their initials, as the source mentions them."""
    names = name_tokens(doc)
    out: set[str] = set()
    for s in doc.sentences:
        run: list[str] = []
        for tok in [*doc.words(s), None]:
            if tok is not None and tok.start in names:
                key = fold(tok.norm)
                out.add(key)
                if run or key not in HONORIFICS:
                    run.append(tok.text)
                continue
            if run:
                out.add(fold(" ".join(run)).replace(".", ""))
                out.add(initials(run))
                run = []
    return out


def _abbreviated(tok: Token, others: list[Token], acronyms: set[str]) -> bool:
    """'U.S.' rendered as 'US' or 'United States' (or the reverse)."""
    if tok.kind == "abbr" or (tok.text.isupper() and len(tok.text) <= 5):
        letters = tok.norm
        caps = [w.text for w in others if is_capitalised(w.text)]
        for k in range(len(caps)):
            for n in range(2, min(5, len(caps) - k) + 1):
                if initials(caps[k : k + n]) == letters:
                    return True
    return False


def _match(pair: Pair, lost: list[int], new: list[int], st: Settings) -> list[tuple[int, int]]:
    """Pair lost source names with new suspect names: same replace block first (by order),
    then by spelling similarity."""
    out: list[tuple[int, int]] = []
    lost_left, new_left = list(lost), list(new)
    for e in pair.edits:
        if e.op != "replace":
            continue
        a = [i for i in lost_left if e.src0 <= i < e.src1]
        b = [j for j in new_left if e.sus0 <= j < e.sus1]
        if len(a) == len(b):
            for i, j in zip(a, b, strict=True):
                out.append((i, j))
                lost_left.remove(i)
                new_left.remove(j)
    scored = sorted(
        (
            (fuzz.ratio(fold(pair.src_words[i].text), fold(pair.sus_words[j].text)), i, j)
            for i in lost_left
            for j in new_left
        ),
        reverse=True,
    )
    for score, i, j in scored:
        if score < st.similar:
            break
        if i in lost_left and j in new_left:
            out.append((i, j))
            lost_left.remove(i)
            new_left.remove(j)
    return out


def _equivalent(a: Token, b: Token, pair: Pair, st: Settings) -> bool:
    fa, fb = fold(a.norm), fold(b.norm)
    if fa == fb:
        return True
    n = st.derived_prefix
    common = 0
    for x, y in zip(fa, fb, strict=False):
        if x != y:
            break
        common += 1
    # Derived forms: Mexico / Mexican, America / American, Ecuador / Ecuadorians.
    if common >= n and common >= 0.6 * min(len(fa), len(fb)) and fa.isalpha() and fb.isalpha():
        return True
    return False


def _run(words: list[Token], j: int, names: set[int]) -> list[Token]:
    """The multi-word name around word ``j`` ("United States"), titles excluded."""
    a = j
    while (
        a - 1 in names
        and fold(words[a - 1].norm) not in HONORIFICS
        and _adjacent(words[a - 1], words[a])
    ):
        a -= 1
    b = j
    while b + 1 in names and _adjacent(words[b], words[b + 1]):
        b += 1
    return words[a : b + 1]


def _extend(
    pair: Pair, i: int, j: int, src_names: set[int], sus_names: set[int]
) -> tuple[int, int, int, int]:
    """Grow the span over neighbouring name words that both sides share ('… Harris')."""
    sw, tw = pair.src_words, pair.sus_words
    s0, s1, t0, t1 = i, i, j, j
    while (
        s0 - 1 in src_names
        and t0 - 1 in sus_names
        and sw[s0 - 1].norm == tw[t0 - 1].norm
        and fold(sw[s0 - 1].norm) not in HONORIFICS
        and _adjacent(sw[s0 - 1], sw[s0])
        and _adjacent(tw[t0 - 1], tw[t0])
    ):
        s0, t0 = s0 - 1, t0 - 1
    while (
        s1 + 1 in src_names
        and t1 + 1 in sus_names
        and sw[s1 + 1].norm == tw[t1 + 1].norm
        and _adjacent(sw[s1], sw[s1 + 1])
        and _adjacent(tw[t1], tw[t1 + 1])
    ):
        s1, t1 = s1 + 1, t1 + 1
    return s0, s1, t0, t1


def _adjacent(a: Token, b: Token) -> bool:
    """Two words separated by one space only (no punctuation): parts of one name."""
    return b.start - a.end == 1
