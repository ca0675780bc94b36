"""Clean article endings are never flagged; chrome endings always are (BOILERPLATE/SPAM)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from quality.document import Document
from quality.engine import check_document

DATA = tomllib.loads((Path(__file__).parent / "data" / "endings.toml").read_text("utf-8"))
BODY = DATA["body"]


def _tail_findings(ending: str) -> list[tuple[str, str]]:
    doc = Document(BODY + ending, "x.txt")
    report = check_document(doc)
    return [
        (f.category, doc.text[f.start : f.end])
        for f in report.findings
        if f.end > len(BODY) and f.severity != "info"
    ]


def test_body_alone_is_clean():
    assert _tail_findings("") == []


@pytest.mark.parametrize("ending", DATA["clean"])
def test_clean_ending_is_not_flagged(ending):
    assert _tail_findings(ending) == []


@pytest.mark.parametrize("ending", DATA["chrome"])
def test_chrome_ending_is_flagged_whole(ending):
    found = _tail_findings(ending)
    assert {c for c, _ in found} <= {"BOILERPLATE", "SPAM"}
    # One finding spans the whole chrome run.
    assert len(found) == 1 and found[0][1] == ending
