"""encoding-damage: behaviour beyond the rule cases, the prefilter, and adversarial inputs
(huge lines, floods of invisible characters and combining marks, random code points). The
adversarial tests assert results, not timings; the scans are linear by construction."""

from __future__ import annotations

import random
import unicodedata

import pytest
from conftest import EXAMPLES

from quality.document import Document, read_document
from quality.rule import Context
from quality.rules import encoding
from quality.rules.encoding import EncodingDamage, Settings, find_damage

MB = 1024 * 1024


def damage(text: str, **kw) -> list[tuple[str, str, str | None]]:
    return [(text[d.start : d.end], d.severity, d.suggestion) for d in find_damage(text, **kw)]


def check(text: str, settings: Settings | None = None) -> list:
    ctx = Context(doc=Document(text), settings=settings or Settings())
    return list(EncodingDamage().check(ctx))


def assert_well_formed(text: str, found: list) -> None:
    end = 0
    for d in found:
        assert end <= d.start < d.end <= len(text)
        assert d.severity in ("error", "warning")
        assert d.message
        end = d.end


# -- the examples ------------------------------------------------------------------------


def test_seed_rewrite_flags_the_persian_letter_only() -> None:
    doc = read_document(EXAMPLES / "001_cbs_rewritten.txt")
    found = list(EncodingDamage().check(Context(doc=doc, settings=Settings())))
    assert [(doc.text[f.start : f.end], f.category, f.severity) for f in found] == [
        ("Lپpez", "ENCODING", "error")
    ]
    assert found[0].message == (
        "Latin word contains Arabic-script letter ‘پ’ (U+067E ARABIC LETTER PEH)"
    )
    assert found[0].suggestion is None


@pytest.mark.parametrize(
    "name",
    [
        "000_cbs_original.txt",
        "002_bloomberg_scraped.txt",
        "003_nyt_spam_footer.txt",
        "004_nyt_scraped.txt",
    ],
)
def test_clean_examples_have_no_damage(name: str) -> None:
    text = (EXAMPLES / name).read_text("utf-8")
    assert damage(text) == []
    assert damage(text, exhaustive=True) == []


# -- behaviour ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a ÐœÐ¾Ñ\x81ÐºÐ²Ð° b", [("ÐœÐ¾Ñ\x81ÐºÐ²Ð°", "error", "Москва")]),
        ("smile ðŸ˜€ now", [("ðŸ˜€", "error", "😀")]),
        ("ï»¿Headline", [("ï»¿Headline", "error", "Headline")]),
        ("the Ãœber car", [("Ãœber", "error", "Über")]),
        ("the cÅ“ur of it", [("cÅ“ur", "error", "cœur")]),
        ("wait\x85 what", [("\x85", "error", "…")]),
        ("Helloâ€ there", [("Helloâ€", "error", None)]),
        ("in Ｍoscow today", [("Ｍoscow", "error", "Moscow")]),
        ("300 \u212aelvin", [("\u212aelvin", "error", "Kelvin")]),
        ("He said\u200b. Then", [("said\u200b", "warning", "said")]),
        ("He said. \u200b Then", [("\u200b", "warning", "")]),
        ("a page\x0cbreak", [("\x0c", "error", None)]),
        ("text\ufeffmid", [("text\ufeffmid", "warning", "textmid")]),
        ("x\ud800y", [("x\ud800y", "error", None)]),
        ("one Mαrk two", [("Mαrk", "error", None)]),
        ("Αθήνa", [("Αθήνa", "error", None)]),
    ],
)
def test_damage(text: str, expected: list) -> None:
    assert damage(text) == expected
    assert damage(text, exhaustive=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffA byte-order mark at the start of the file is fine.",
        "CAFÉ’S FUTURE and «ÉTÉ» and PELÉ” are capitals before punctuation.",
        "The name \u2067محمد\u2069 is isolated, and \u200fعربي\u200f marked.",
        "Flags 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f and 👩\u200d🚀.",
        "Hindi क्\u200dष and Persian می\u200cخواهم use joiners.",
        "Scientists measured TNFα, IL-1β, NFκB, PPARγ and ERα, 5αreductase, βarrestin.",
        "Greek ΑΘΗΝΑ, Russian МОСКВА, Japanese ＴＶ番組 and ﾃﾚﾋﾞ.",
        "Nguyễn, Đặng, Kılıçdaroğlu, Şahin, Ærø, Łódź, Hawaiʻi, Straße, naïve, ǅ.",
        "Arabic \u0600١٢ number sign before digits.",
        "Vietnamese stacks: ệ ộ (e\u0323\u0302).",
    ],
)
def test_fine(text: str) -> None:
    assert damage(text) == []
    assert damage(text, exhaustive=True) == []


def test_every_format_character_is_covered() -> None:
    missing = [
        f"U+{cp:04X}"
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) == "Cf" and not encoding._INVISIBLE_RE.match(chr(cp))
    ]
    assert missing == []


def test_homoglyph_tables_map_look_alikes_of_the_right_scripts() -> None:
    for c, latin in encoding._TO_LATIN.items():
        assert encoding._script(c)[0] in ("CYRILLIC", "GREEK", "ARMENIAN"), c
        assert encoding._script(latin)[0] == "LATIN", latin
    for script, table in encoding._FROM_LATIN.items():
        for latin, c in table.items():
            assert encoding._script(latin)[0] == "LATIN"
            assert encoding._script(c)[0] == script


def test_prefilter_agrees_with_exhaustive_scans() -> None:
    pieces = [
        "López", "Mоscow", "Lپpez", "Москва", "Москвa", "北京", "Tシャツ", "Ã©", "donâ€™t",
        "â€œ", "â€", "\u200b", "\u200d", "👨\u200d👩", "\u00ad", "\ufffd", "\x07", "\x0c",
        "\x92", "\ufeff", "a\u0301\u0302\u0303\u0304\u0305\u0306", "Aβ", "Mαrk", "Ｍ", "ё",
        "\u202e", "\u2067", "محمد", "ÐœÐ¾", "ÃƒÂ©", "É’", "the", "news", "said", "-", "’",
        "1", "д", "a", "Ñ", "\x81", "\u0600", "ο", "ν", "ж", "щ", "ф", "ы", "э", "ю", "я",
        "й", "ц", "Ж", "Б", "Г", "Д", "Ф", "Ш", "Ю", "Я", "é",
    ]  # fmt: skip
    rng = random.Random(20240601)
    everything = Settings(max_findings=10**9)
    for _ in range(1500):
        words = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 12))
        ]
        text = "".join(w + rng.choice([" ", " ", "\n", ", "]) for w in words)
        fast = list(find_damage(text, everything))
        assert fast == list(find_damage(text, everything, exhaustive=True)), repr(text)
        assert_well_formed(text, fast)


# -- adversarial inputs -------------------------------------------------------------------


def test_ten_megabyte_line_without_spaces() -> None:
    line = "a" * (10 * MB)
    assert damage(line) == []
    found = damage(line + "\u200b")
    assert found == [(line[-64:] + "\u200b", "warning", line[-64:])]


def test_long_line_of_another_script_with_one_latin_letter() -> None:
    half = "д" * MB
    text = half + "a" + half
    found = list(find_damage(text))
    assert len(found) == 1
    d = found[0]
    assert d.start < MB < d.end and d.end - d.start <= 3 * 64
    assert d.suggestion == text[d.start : d.end].replace("a", "а")
    assert "Cyrillic word contains Latin letter ‘a’" in d.message


def test_hundred_thousand_zero_width_characters_in_one_word() -> None:
    text = "The a" + "\u200b" * 100_000 + "b said."
    found = list(find_damage(text))
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "a" + "\u200b" * 100_000 + "b"
    assert found[0].suggestion == "ab"
    assert found[0].message.startswith("100000 × invisible character U+200B ZERO WIDTH SPACE")


def test_hundred_thousand_damaged_words_stop_at_the_limit() -> None:
    text = "word\u200b " * 100_000
    found = list(find_damage(text))
    assert len(found) == 101
    assert all(text[d.start : d.end] == "word\u200b" for d in found)
    assert "later ones are not" in found[-1].message
    everything = list(find_damage(text, Settings(max_findings=10**6)))
    assert len(everything) == 100_000
    assert {d.suggestion for d in everything} == {"word"}


def test_hundred_thousand_zero_width_characters_between_letters() -> None:
    text = "a\u200b" * 100_000  # one "word" of 200,000 characters: reported in pieces
    found = list(find_damage(text, Settings(max_findings=10**6)))
    assert_well_formed(text, found)
    assert all(d.end - d.start <= 256 + 2 * 64 for d in found)
    assert sum(text[d.start : d.end].count("\u200b") for d in found) == 100_000
    assert "".join(d.suggestion or "" for d in found) == "a" * 100_000


def test_long_run_of_combining_marks() -> None:
    text = "The a" + "\u0301" * 100_000 + " end."
    found = list(find_damage(text))
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "a" + "\u0301" * 100_000
    assert found[0].message == "100000 combining marks stacked on ‘a’"
    assert found[0].severity == "error"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ã" * MB, 0),  # mojibake leads with nothing after them
        ("é" * MB, 0),
        ("â€" * (MB // 2), 101),  # a lost byte everywhere, reported up to the limit
        ("\x07" * MB, 1),
        ("Ã©" * (MB // 2), 1),
    ],
)
def test_pathological_runs(text: str, expected: int) -> None:
    found = list(find_damage(text))
    assert len(found) == expected
    assert_well_formed(text, found)


def test_megabyte_of_mojibake_is_repaired() -> None:
    found = list(find_damage("Ã©" * (MB // 2)))
    assert found[0].suggestion == "é" * (MB // 2)


@pytest.mark.parametrize("top", [0x800, 0x30000, 0x110000])
def test_random_code_points(top: int) -> None:
    rng = random.Random(top)
    text = "".join(chr(rng.randrange(top)) for _ in range(100_000))
    for exhaustive in (False, True):
        found = list(find_damage(text, exhaustive=exhaustive))
        assert len(found) == 101
        assert_well_formed(text, found)
    assert_well_formed(text, list(find_damage(text, Settings(max_findings=10**9))))


def test_random_code_points_through_the_rule() -> None:
    rng = random.Random(7)
    text = "".join(
        chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0xA0, 0xD800)]))
        for _ in range(50_000)
    )
    findings = check(text)
    assert 0 < len(findings) <= 101
    assert all(f.rule == "encoding-damage" and f.category == "ENCODING" for f in findings)
