"""OMISSION: source sentences with no counterpart in the suspect."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from quality.align import Alignment
from quality.document import Document
from quality.rule import Context, Finding, Rule
from quality.rules.boilerplate import boilerplate_sentences


@dataclass(frozen=True)
class Settings:
    # A dropped run counts as article content when one of its sentences has at least this
    # many words and ends like a sentence.
    min_words: int = 4


class Omission(Rule):
    """Catches source content that the suspect leaves out: runs of source sentences that
    align with nothing in the suspect.

    Why: a dropped paragraph changes what the article says as surely as a wrong word — a
    qualification, a denial or a figure can vanish.

    How: sentence alignment leaves the dropped source sentences unpaired; adjacent ones form
    one finding, placed where they would stand in the suspect. Dropped body text is a
    warning; a dropped headline or closing block (bylines, links, the source's own chrome)
    is only info.

    Bad:  the source's "Mexico recently agreed to impose stricter visa requirements." has no
          counterpart anywhere in the suspect.
    Good: the source's closing "Source: <url>" line is missing from the suspect (info).
    """

    id = "omission"
    code = "OM01"
    category = "OMISSION"
    severity = "warning"
    summary = "Source sentences with no counterpart in the suspect."
    needs_source = True
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        al, src, doc = ctx.alignment, ctx.source, ctx.doc
        assert al is not None and src is not None
        st: Settings = ctx.settings
        if not al.unaligned_src:
            return
        chrome = boilerplate_sentences(src)
        aligned = sorted(al.pair_of_src)
        first_aligned = aligned[0] if aligned else len(src.sentences)
        last_aligned = aligned[-1] if aligned else -1
        runs: list[list[int]] = []
        for i in al.unaligned_src:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            a, b = src.sentences[run[0]], src.sentences[run[-1]]
            where = _position(doc, al, run[0])
            body = run[0] > first_aligned and run[-1] < last_aligned
            content = any(
                i not in chrome
                and src.sentences[i].terminal
                and len(src.words(src.sentences[i])) >= st.min_words
                for i in run
            )
            words = sum(len(src.words(src.sentences[i])) for i in run)
            preview = " ".join(src.text[a.start : b.end].split())
            if len(preview) > 80:
                preview = preview[:77] + "…"
            yield self.finding(
                f"{len(run)} source sentence(s), {words} words, missing here: “{preview}”",
                where,
                where,
                severity="warning" if body and content else "info",
                source_start=a.start,
                source_end=b.end,
            )


def _position(doc: Document, al: Alignment, src_index: int) -> int:
    """Where a dropped source sentence would stand: after the suspect counterpart of the
    nearest aligned source sentence before it."""
    prev = [i for i in al.pair_of_src if i < src_index]
    if not prev:
        return doc.sentences[0].start if doc.sentences else 0
    pair = al.pair_of_src[max(prev)]
    return doc.sentences[max(pair.sus)].end
