"""GARBLED (source-aware): sentence pieces that a rewrite split off and left broken."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from quality.analysis import word_infos
from quality.document import Document
from quality.rule import Context, Finding, Rule

# Finite-verb evidence: auxiliaries, modals, copulas and the reporting verb.
_VERBISH = frozenset(
    """
    is are was were be been being am has have had do does did will would shall should can
    could may might must said says say tell told
    """.split()
)
_SUBJECT_PRONOUNS = frozenset("i we you he she it they".split())
# First- and second-person words: a rewrite that puts them outside a quotation where the
# source has none has changed who is speaking.
_PERSON = frozenset("i me my mine we our ours you your yours".split())


@dataclass(frozen=True)
class Settings:
    # A split-off piece with at most this many words and no verb is a fragment.
    fragment_words: int = 7


def _person_words(doc: Document, sentences: tuple[int, ...]) -> list[int]:
    """Token indices of first/second-person words outside quotations."""
    out = []
    for s in sentences:
        for info in word_infos(doc, doc.sentences[s]):
            t = doc.tokens[info.index]
            if info.in_quote or t.text == "US":
                continue
            if t.text == "I" or (t.text.lower() in _PERSON and t.text != "I"):
                out.append(info.index)
    return out


def _has_verb(doc: Document, sentence: int) -> bool:
    """Finite-verb evidence. A participle opening the piece ("Including the hospital…")
    introduces a phrase, not a clause, so it does not count."""
    for k, t in enumerate(doc.words(doc.sentences[sentence])):
        low = t.norm
        if low in _VERBISH or low in _SUBJECT_PRONOUNS or low.endswith("n't"):
            return True
        if k > 0 and len(low) > 4 and (low.endswith("ed") or low.endswith("ing")):
            return True
    return False


class SplitFragment(Rule):
    """Catches sentence pieces that a rewrite split off its source sentence and left broken:
    a verbless fragment ("Focus on regional cooperation.") or a piece that changes who is
    speaking ("I demanded to wait for their hearing." where the source reports a policy).

    Why: machine rewriting often cuts one long sentence into several; the pieces can lose
    their verb or subject and read as nonsense, or gain a first-person "I" the source never
    had.

    How: for each source sentence aligned to two or more suspect sentences, every piece
    after the first is checked for finite-verb evidence; in every aligned pair, first- or
    second-person words outside quotations are compared with the source's.

    Bad:  source "…will center on regional cooperation to address the displacement…";
          suspect "…were aimed at tackling the displacement. Focus on regional cooperation."
    Good: source "He said the talks went well and that a deal was close."; suspect "He said
          the talks went well. A deal was close, he added."
    """

    id = "split-fragment"
    code = "GA02"
    category = "GARBLED"
    severity = "warning"
    summary = "A sentence piece split off its source sentence and left broken."
    needs_source = True
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        al, src, doc = ctx.alignment, ctx.source, ctx.doc
        assert al is not None and src is not None
        st: Settings = ctx.settings
        for pair in al.pairs:
            if len(pair.sus) >= 2:
                for j in pair.sus[1:]:
                    s = doc.sentences[j]
                    n = len(doc.words(s))
                    if n <= st.fragment_words and not _has_verb(doc, j):
                        yield self.finding(
                            "sentence fragment split off the source sentence (no verb)",
                            s.start,
                            s.end,
                        )
            if _person_words(src, pair.src):
                continue
            for k in _person_words(doc, pair.sus):
                t = doc.tokens[k]
                s = doc.sentence_at(t.start)
                assert s is not None
                yield self.finding(
                    f"“{t.text}” makes the sentence first/second person; the source sentence "
                    "is not",
                    s.start,
                    s.end,
                )
                break
