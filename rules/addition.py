"""ADDITION: suspect sentences with no counterpart in the source."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from quality.rule import Context, Finding, Rule
from quality.rules.boilerplate import boilerplate_sentences


@dataclass(frozen=True)
class Settings:
    pass


class Addition(Rule):
    """Catches suspect content that is not in the source: runs of suspect sentences that
    align with nothing in the source — inserted photo captions and credits, invented
    sentences, pasted text.

    Why: whatever the source does not say is unsupported by it; captions and credits
    ("Carlo Allegri / Reuters") also misattribute material the copier did not license.

    How: sentence alignment leaves the inserted suspect sentences unpaired; adjacent ones
    form one finding. Lines that are site chrome are left to the boilerplate rule.

    Bad:  "Mexican President Andres Manuel Lopez Obrador at the United Nations in New York
          City on November 9, 2021." with no counterpart in the source.
    Good: every suspect sentence renders a source sentence (split or merged).
    """

    id = "addition"
    code = "AD01"
    category = "ADDITION"
    severity = "warning"
    summary = "Suspect sentences with no counterpart in the source."
    needs_source = True
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        al, doc = ctx.alignment, ctx.doc
        assert al is not None
        chrome = ctx.cached("boilerplate", lambda: boilerplate_sentences(doc))
        runs: list[list[int]] = []
        for j in al.unaligned_sus:
            if j in chrome:
                continue
            if runs and runs[-1][-1] == j - 1:
                runs[-1].append(j)
            else:
                runs.append([j])
        for run in runs:
            a, b = doc.sentences[run[0]], doc.sentences[run[-1]]
            words = sum(len(doc.words(doc.sentences[j])) for j in run)
            yield self.finding(
                f"{len(run)} sentence(s), {words} words, not in the source",
                a.start,
                b.end,
            )
