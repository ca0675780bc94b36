from __future__ import annotations

from conftest import ORIGINAL, REWRITTEN
from rich.console import Console

from quality.document import Document
from quality.engine import check_document
from quality.reporters.text import diff_texts, file_renderable


def test_diff_highlights_only_the_changed_characters():
    sus, src = diff_texts("Camilla Harris", "Kamala Harris")
    changed_sus = "".join(sus.plain[s.start : s.end] for s in sus.spans if s.style == "bold red")
    changed_src = "".join(src.plain[s.start : s.end] for s in src.spans if s.style == "bold green")
    assert sus.plain == "Camilla Harris" and src.plain == "Kamala Harris"
    assert "Harris" not in changed_sus and "Harris" not in changed_src
    assert changed_sus == "Cil" and changed_src == "Ka"


def _named(path) -> Document:
    return Document(path.read_text("utf-8"), f"examples/{path.name}")


def test_file_report_renders_at_a_fixed_width():
    report = check_document(_named(REWRITTEN), _named(ORIGINAL))
    console = Console(width=100, record=True, color_system=None)
    console.print(file_renderable(report))
    out = console.export_text()
    assert all(len(line) <= 100 for line in out.splitlines())
    assert "examples/001_cbs_rewritten.txt" in out
    assert "similarity 0.69 · covers 97% of the source" in out
    assert "verdict   machine rewrite" in out
    line = next(x for x in out.splitlines() if "“Camilla Harris” does not match" in x)
    assert line.split("│")[2].strip() == "37:61"


def test_clean_standalone_report():
    report = check_document(Document("The council met on Monday. It approved the budget."))
    console = Console(width=80, record=True, color_system=None)
    console.print(file_renderable(report))
    out = console.export_text()
    assert "none (only the checks that need no source ran)" in out
    assert "no errors or warnings" in out
    assert report.verdict() == "clean"
