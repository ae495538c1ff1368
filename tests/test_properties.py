"""Property-based tests (Hypothesis): every reader and curated-file loader fed arbitrary input.

Each format's ``read`` then ``normalise``, the YAML loaders (manifest, gazetteer, not-entities)
and ``read_source_text`` either return a result that keeps its contract or raise the project's
own error (a :class:`VdiploError` of one printable line naming the file); never another
exception, and within a time bound: a ``deadline`` per example, and a hard stop
(:func:`time_limit`) for a loop that would never return to Hypothesis.

Inputs are plain ``st.text()`` / ``st.binary()`` and text built from small alphabets of each
format's own markup, so that the search reaches deep branches. Every bug found is kept as an
``@example``. ``VDIPLO_HYPOTHESIS_SCALE=20`` runs twenty times the examples (a deeper hunt).
"""

from __future__ import annotations

import copy
import hashlib
import os
import signal
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, find, given, settings
from hypothesis import strategies as st

from conftest import ROOT, crafted_spec
from vdiplo_site.entities.gazetteer import FILES, load_gazetteer, load_not_entities
from vdiplo_site.errors import VdiploError
from vdiplo_site.formats import FORMATS, check_normalised
from vdiplo_site.manifest import load_manifest, read_source_text
from vdiplo_site.model import ID, RESERVED_IDS, Document, Entity, iter_passages
from vdiplo_site.passages import assign_passage_ids

settings.register_profile(
    "vdiplo",
    deadline=timedelta(seconds=10),  # per example: most take milliseconds, but a busy machine stalls
    database=None,  # every run starts afresh: no .hypothesis/ example database to rely on
    print_blob=True,  # a failure prints the line that replays it
    # The same examples on every run (a test run must not fail by chance); a deeper, random
    # hunt: VDIPLO_HYPOTHESIS_SCALE=20 draws new ones.
    derandomize=os.environ.get("VDIPLO_HYPOTHESIS_SCALE", "1") == "1",
    suppress_health_check=[HealthCheck.too_slow],
)
SCALE = int(os.environ.get("VDIPLO_HYPOTHESIS_SCALE", "1"))
HARD_LIMIT = 30.0  # seconds: an example still running then is a hang
T = TypeVar("T")


def tuned(examples: int) -> settings:
    """The ``vdiplo`` profile with ``examples`` examples (times :data:`SCALE`)."""
    return settings(settings.get_profile("vdiplo"), max_examples=examples * SCALE)


class Hang(Exception):
    """Raised inside code still running after :data:`HARD_LIMIT` seconds."""


@contextmanager
def time_limit(seconds: float = HARD_LIMIT) -> Iterator[None]:
    """Raise :class:`Hang` in the body if it runs longer than ``seconds`` (Python code only)."""

    def stop(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def returned_or_refused(call: Callable[[], T], path: Path) -> T | None:
    """``call()``'s result, or ``None`` when it raised the project's error: one printable line
    naming ``path`` (as the CLI prints it). Any other exception, or a hang, fails the test."""
    try:
        with time_limit():
            return call()
    except VdiploError as error:
        line = str(error)
        assert line.startswith(str(path)), line
        assert len(line.splitlines()) == 1, line
        assert not any(unicodedata.category(c) == "Cc" for c in line), line
        return None


# ---------------------------------------------------------------------------------------------
# Readers and their normalisation steps

CJK = st.text(alphabet="價值外交全球化臺灣美國日本的是在與民主人權合作年月", min_size=1, max_size=5)
LATIN = st.sampled_from(
    ["civil", "society", "NGOs", "a", "Vol.8", "http://www.a.tw/", "speech90100", "4.htm"]
)
PUNCTUATION = st.sampled_from(list("。，、：；！？「」『』（）()《》.,:;!?…"))
SPACES = st.sampled_from([" ", "  ", "\t", "\u3000", "\u00a0"])
BREAKS = st.sampled_from(["\n", "\n\n", "\r\n", " \n", "\n \n", "\n  \n"])
NUMBERS = st.integers(0, 60).map(str)


def shaped(markup: list[str], max_size: int = 50) -> st.SearchStrategy[str]:
    """Text assembled from ``markup`` pieces mixed with CJK and Latin text, spaces, breaks."""
    piece = st.one_of(
        st.sampled_from(markup), CJK, LATIN, PUNCTUATION, SPACES, BREAKS, NUMBERS, st.text(max_size=3)
    )
    return st.lists(piece, max_size=max_size).map("".join)


def lines(starts: list[str], units: list[str], ends: list[str]) -> st.SearchStrategy[str]:
    """Up to 25 lines, each a start (marker, indent), inline pieces (``units`` of markup mixed
    with CJK, Latin, punctuation, numbers), an end and a line break."""
    inline = st.one_of(st.sampled_from(units), CJK, CJK, LATIN, PUNCTUATION, SPACES, NUMBERS)
    line = st.builds(
        lambda start, body, end, brk: start + "".join(body) + end + brk,
        st.sampled_from(starts),
        st.lists(inline, max_size=8),
        st.sampled_from(ends),
        BREAKS,
    )
    return st.lists(line, min_size=1, max_size=25).map("".join)


# fmt: off
WIKI_UNITS = [
    "[[甲]]", "[[臺灣|台灣]]", "[[基本權_(憲法學)]]", "[[Category:外交]]", "[[File:a.png|thumb]]",
    "[[:en:X]]",
    "<ref>甲</ref>", '<ref name="a">見 [http://a.b 標題]，自由時報, 2002年8月27日</ref>', '<ref name="a"/>',
    "<ref name=b />", "<ref>[http://a.b t] {{webarchive|url=http://w.a|date=2013-10-21}}</ref>", "<br>",
    "<ref>{{Wayback|url=http://a.b|date=20131020230133}} {{dead link|date=2020}}</ref>", "'''甲'''",
    "''乙''", "{{Fact}}", "{{Fact|甲}}", "{{lang-en|value diplomacy}}", "{{USA}}", "{{reflist}}",
    "[http://a.b]", "[https://a.b 連結]", "&amp;", "&#x4e2d;", "<!-- 註 -->", "<span>甲</span>",
]
WIKITEXT = WIKI_UNITS + [
    "\n==", "==\n", "\n===", "===\n", "=", "{{", "}}", "[[", "]]", "|", "'''", "''", "\n*", "\n#",
    "<ref>", "</ref>", '<ref name="a">', "{{Fact|", "{{seealso|", "{{lang-en|", "{{webarchive|url=",
    "[[Category:", "[[File:", "[http://a.b ", "]", "|date=", "|url=", "<!--", "-->", "{{{x}}}",
    "<div>", "</div>", "\n;", "\n:", "----",
    # other articles' template families, tables and converter markup
    "\n{|", "\n|}", "\n|-", "\n| ", " || ", "\n! ", " !! ", "\n|+ ", "rowspan=2 |", "-{", "}-",
    "zh-hans:", ";zh-tw:", "-{H|", "{{efn|", "{{NoteTag|註", "{{cite web|title=", "|publisher=",
    "{{yes}}", "{{partial|甲}}", "{{Infobox x|a=", "{{NoteTA|G1=IT}}", "{{Mystery|甲}}", "{{rp|3}}",
    "{{reflist|refs=", "{{link-en|甲|A}}", "{{lang|en|A}}",
]
PAPER_UNITS = [
    "<sup>1</sup>", "<sup>2</sup>", "<sup>3</sup> ", "**甲**", "*Asia Policy*", "<https://a.b/c>",
    "[x](https://a.b)", "[News\\_C](http://a.b)", "\\_", "*", "**",
]
PDF_PAPER = PAPER_UNITS + [
    "\n# ", "\n## ", "\n#### ", " #", "\n---\n", "\n***\n", "\n- - -\n", "<sup>", "\n<sup>1</sup> ",
    "\n<sup>2</sup> ", "\nhttps://a.b/c", "  \n", "摘要", "Abstract", "壹、", "貳、", "一、", "二、",
    "（一）", "(二)", "1.", "2、", "\n關鍵詞：",
]
DUMP_UNITS = [
    "。1 ", "，2 ", "。3", "：4 ", " 5 ", "」6", "。7 ", "1970年", "29％", "93 年 4 月", "（ 1）",
    "全 球 化", "公 民 社 會", "（ civil", "society ）", "以 NGOs", "http://www.a.gov.tw/", ".htm",
]
PDF_DUMP = DUMP_UNITS + [
    "\n【註釋】\n", "\n ", "\n  ", " \n", "\n1.", "\n2.", "\n3.", " 4.", "頁12。  46.", "1.htm",
    "\n 壹、", "\n 貳、", "\n 一、", "\n 二、", "\n （一）", "\n（二）", "壹、", "一、", "（一）",
]
MOFA_UNITS = ["**甲**", "。", "：", "；", "，", "、", "」", "。」", "Ursula ", "von der Leyen", "(一)", "1."]
MOFA_REVIEW = MOFA_UNITS + [
    "\n一、", "\n二、", "\n一、 ", "\n（一）", "\n（二） ", "\n(一)", "\n(二) ", "\n1.", "\n2. ", "\n10.",
    "\n- ", "\n* ", "\n+ ", "\n- (一)", "\n結語", "\n前言", "\n2024 年外交工作回顧\n",
    "2023年外交工作回顧：", " \n\n", "\n\n", "\n \n",
]
MARKDOWN_UNITS = ["**甲**", "*乙*", "`c`", "[連結](https://a.b)", "![圖](a.png)", "[^1]", "[^x]", "<b>", "\\*"]
MARKDOWN = MARKDOWN_UNITS + [
    "\n# ", "\n## ", "\n### ", "\n- ", "\n  - ", "\n1. ", "\n> ", "\n```\n", "\n| a | b |\n|---|---|\n| ",
    " | ", "\n[^1]: ", "\n[^x]: ", "\n\n", "\n---\n", "\n    ", "<div>", "</div>",
]
PLAIN_UNITS = ["。", "，", "：", "；", "「甲」", "（English）", "1.", "(一)"]
PLAIN_TEXT = PLAIN_UNITS + [
    "\n一、", "\n二、 ", "\n（一）", "\n(二)", "\n1. ", "\n2.", "\n壹、", "\n\n", "\n \n", "\u3000\u3000",
]
DUMP_BODY = lines(
    ["", " ", " ", "  ", " 壹、", " 貳、", " 一、", "二、", " （一）", "（二）"], DUMP_UNITS, ["", " ", "。"],
)
DUMP_NOTES = lines(
    ["", "1.", "2.", "5.", "6. ", "頁12。  7."], ["speech90100", "4.htm", "。"], ["", " ", "。"],
)
#: A format-shaped strategy per format: free-form pieces, or lines of the format's shape (for
#: the pdf-dump, a body citing notes 1…N, then 【註釋】 giving them among stray note lines).
SHAPED = {
    "wikitext": shaped(WIKITEXT) | lines(
        ["", "", "", "== ", "=== ", "==== ", "* ", "** ", "# ", "*# ", "{{seealso|甲|乙}}", ":", ";"],
        WIKI_UNITS, ["", "", " ==", " ===", "{{Fact}}", "{{seealso|丙}}"],
    ),
    "pdf-paper": shaped(PDF_PAPER) | lines(
        ["", "", "", "# ", "## ", "### 壹、", "#### 一、", "## (一)", "## 1.", "# 摘要", "---", "* * *",
         "<sup>1</sup> ", "<sup>2</sup> ", "<sup>3</sup> ", "https://a.b/", "<https://a.b>"],
        PAPER_UNITS, ["", "", "。", "，", "  ", " #", "<sup>1</sup>", "<sup>2</sup>"],
    ),
    "pdf-dump": shaped(PDF_DUMP, max_size=60) | st.builds(
        lambda lead, count, body, notes: lead + "".join(f"甲。{n} " for n in range(1, count + 1))
        + f"\n{body}【註釋】\n" + "".join(f"{n}.註{n}\n" for n in range(1, count + 1)) + notes,
        st.sampled_from(["", " ", " 壹、甲\n "]), st.integers(0, 4), DUMP_BODY, DUMP_NOTES | st.just(""),
    ),
    "markdown": shaped(MARKDOWN) | lines(
        ["", "", "", "# ", "## ", "### ", "- ", "  - ", "1. ", "> ", "| ", "[^1]: ", "    "],
        MARKDOWN_UNITS, ["", "", " |", "。", "  ", "[^1]"],
    ),
    "plain-text": shaped(PLAIN_TEXT) | lines(
        ["", "", "", "\n", "一、", "二、", "（一）", "(二)", "1. ", "2.", "壹、", "\u3000\u3000", " "],
        PLAIN_UNITS, ["", "", "\n", "。", "：", "，"],
    ),
    "mofa-review": shaped(MOFA_REVIEW) | lines(
        ["", "", "", "一、", "二、 ", "（一）", "（二） ", "(一) ", "1. ", "2.", "- ", "- (一)", "結語",
         "前言", "2024 年外交工作回顧", " "],
        MOFA_UNITS, ["", "", " ", "。", "。 ", "：", "； ", "，"],
    ),
}
# fmt: on


def normalised(name: str, text: str) -> Document | None:
    """``text`` read and normalised as format ``name``, with passage ids, or ``None`` when the
    project's error refused it; a document must keep the contract and have unique anchors."""
    spec = crafted_spec(name, path=Path(f"sources/crafted-{name}.txt"))
    source_format = FORMATS[name]
    document = returned_or_refused(lambda: source_format.normalise(source_format.read(spec, text)), spec.path)
    if document is None:
        return None
    check_normalised(document)
    numbered = assign_passage_ids(document)
    for ids in ([p.id for p in iter_passages(numbered)], [s.anchor for s in numbered.sections]):
        assert len(ids) == len(set(ids)), ids
    return numbered


def test_every_format_has_a_shaped_strategy():
    assert set(SHAPED) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_shaped_text_reaches_a_normalised_document(name):
    """The shaped strategies are not all refused: each yields documents with several passages."""
    found = find(
        SHAPED[name],
        lambda text: (doc := normalised(name, text)) is not None and len(list(iter_passages(doc))) > 2,
        settings=settings(settings.get_profile("vdiplo"), max_examples=2000, phases=[Phase.generate]),
    )
    assert normalised(name, found) is not None


@pytest.mark.parametrize("name", sorted(FORMATS))
@tuned(60)
@given(text=st.text())
@example(text="")
@example(text="\x00\x1b\x85\u2028\ufeff")
def test_any_text_is_read_or_refused(name, text):
    normalised(name, text)


@tuned(150)
@given(text=SHAPED["wikitext"])
@example(text="{{a<!--\n-->b}}")  # the error named the template over two lines
def test_wikitext_shaped_text_is_read_or_refused(text):
    normalised("wikitext", text)


@tuned(150)
@given(text=SHAPED["pdf-paper"])
def test_pdf_paper_shaped_text_is_read_or_refused(text):
    normalised("pdf-paper", text)


@tuned(150)
@given(text=SHAPED["pdf-dump"])
@example(text="（一）甲\n" * 30 + "乙，")  # the heading search doubled with every line: a hang
@example(text="一、甲\n" * 2000)  # the heading search recursed once per line: RecursionError
def test_pdf_dump_shaped_text_is_read_or_refused(text):
    normalised("pdf-dump", text)


@pytest.mark.parametrize("name", ["markdown", "plain-text"])
@tuned(150)
@given(data=st.data())
def test_a_brought_format_shaped_text_is_read_or_refused(name, data):
    """The formats a user brings (``vdiplo-site add``)."""
    normalised(name, data.draw(SHAPED[name]))


@tuned(150)
@given(text=SHAPED["mofa-review"])
def test_mofa_review_shaped_text_is_read_or_refused(text):
    normalised("mofa-review", text)


@pytest.mark.parametrize("spec", load_manifest(ROOT / "sources" / "sources.yaml"), ids=lambda s: s.id)
def test_a_long_text_is_read_in_time(spec):
    """Cost grows about linearly with the text, beyond the sizes Hypothesis tries: each real
    source eight times over (up to 250 kB; 002's 【註釋】 eight times) takes seconds at most.
    002 took minutes: its growing notes were searched from the start at every line."""
    text = read_source_text(spec) * 8
    started = time.monotonic()
    assert normalised(spec.format, text) is not None
    assert time.monotonic() - started < 15


# ---------------------------------------------------------------------------------------------
# Curated YAML (manifest, gazetteer, not-entities) and source bytes

# fmt: off
YAML_PIECES = [
    "sources:", "entities:", "not_entities:", "\n", "\n- ", "\n  ", "  - ", ": ", "- ", "id: ", "name: ",
    "aliases: ", "short_aliases: ", "scoped_aliases:", "english: ", "file: ", "format: ", "label: ",
    "year: ", "sha256: ", "reason: ", "authors: ", "notes: ", "&a ", "*a", "<<: *a", "!!binary ", "!!str ",
    "!!int ", "!!set ", "!!omap ", "!!python/object:os.system ", "? ", "{", "}", "[", "]", ", ", '"',
    "'", "|", ">", "---", "...", "%YAML 1.1\n", "%TAG ! !x\n", "#", "~", "null", "true", "yes", "1e999",
    ".inf", ".nan", "0x" + "f" * 4000, "1" * 5000, "1_000", "1:20:30", "0o17", "2001-12-14", "\x00",
    "\x1b", "\x85", "\u2028", "\ufeff", "\t", "\\x1b", "\\u2028", "美國", "demo", "index", "a" * 300,
]
#: Values a field may plausibly be given: ids, names, paths in and out of the folder, years; a
#: list or mapping drawn twice is one object, which YAML writes as an anchor and an alias.
PLAUSIBLE = st.sampled_from([
    "demo", "other", "usa", "japan", "index", "Demo", "美國", "美", "賴總統", "a b", " x", "<b>", "US",
    "demo.txt", "../demo.txt", "/etc/passwd", ".", "sub", "sub/x.txt", "out/etc/passwd", "loop",
    "a" * 300, "sub/" + "b" * 300, 999, 1000, 2100, 2101, True, [], ["美國"], [None], {}, {"demo": []},
    "United States", ["美利堅", "US"], ["美"], ["賴總統"], {"demo": ["賴總統"]}, {"other": ["美利堅"]},
])
# fmt: on
#: Scalars YAML can hold (and its constructors build): wrong types for every field.
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**400),
    st.floats(),
    st.text(max_size=12),
    st.binary(max_size=6),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6) | SCALARS, inner, max_size=3)
    ),
    max_leaves=8,
)
DEEP = st.integers(1, 3000).map(lambda depth: "[" * depth + "]" * depth)


def spoiled(good: dict, fields: list[str]) -> st.SearchStrategy[dict]:
    """``good`` with some of ``fields`` (or unknown keys) given arbitrary values, some dropped."""
    return st.builds(
        lambda changes, dropped: {
            k: v for k, v in {**copy.deepcopy(good), **changes}.items() if k not in dropped
        },
        st.dictionaries(st.sampled_from(fields) | st.text(max_size=5), PLAUSIBLE | VALUES, max_size=3),
        st.sets(st.sampled_from(list(good)), max_size=2),
    )


def contents(key: str, good: dict, fields: list[str]) -> st.SearchStrategy[bytes]:
    """A curated file's bytes: arbitrary bytes or text, YAML-like text (:data:`YAML_PIECES`,
    deep nesting), or YAML (block or flow style, escaped or not, its first key maybe repeated)
    of ``{key: [entry, …]}`` with entries of ``good`` nearly kept or spoiled, of
    ``{key: [good]}`` spoiled at the top, or of any values."""
    nearly = st.builds(  # good, or good with one field given a plausible value
        lambda field, value: {**copy.deepcopy(good), **({field: value} if field else {})},
        st.sampled_from(["", *fields]),
        PLAUSIBLE,
    )
    entries = st.lists(nearly, min_size=1, max_size=4) | st.lists(spoiled(good, fields), max_size=3)
    data = st.one_of(*[entries.map(lambda items: {key: items})] * 3, spoiled({key: [good]}, [key]), VALUES)
    written = st.builds(
        lambda value, flow, raw: yaml.safe_dump(
            value, default_flow_style=flow, allow_unicode=raw, sort_keys=False
        ),
        data,
        st.booleans(),
        st.booleans(),
    )
    piece = st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4), NUMBERS, CJK, DEEP)
    repeated = written.map(lambda text: text + text.splitlines()[0] + "\n")  # its first key again
    text = st.one_of(
        st.text(), st.lists(piece, max_size=40).map("".join), written, written, written, repeated
    )
    return text.map(str.encode) | st.binary(max_size=60)


ENTRY = {
    "id": "demo",
    "file": "demo.txt",
    "format": "mofa-review",
    "title": "測試",
    "label": "測試",
    "kind": "journal article",
    "language": "zh-Hant",
    "licence": "test",
    "sha256": "0" * 64,
}
MANIFEST = contents("sources", ENTRY, [*ENTRY, "english_title", "authors", "publisher", "year", "notes"])
ENTITY = {"id": "usa", "name": "美國", "english": "United States", "aliases": ["美利堅"]}
GAZETTEER = contents("entities", ENTITY, [*ENTITY, "short_aliases", "scoped_aliases"])
NOT_ENTITIES = contents("not_entities", {"name": "外交部", "reason": "an office"}, ["name", "reason"])
KNOWN = (Entity(id="usa", type="country", name="美國", aliases=("美",)),)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder for the files written per example, with what a manifest's ``file`` may name: a
    symbolic link leading out of the folder, one looping on itself, a subfolder."""
    folder = tmp_path_factory.mktemp("curated")
    (folder / "out").symlink_to("/")
    (folder / "loop").symlink_to("loop")
    (folder / "sub").mkdir()
    (folder / "gazetteer").mkdir()
    return folder


def manifest_with(line: str) -> bytes:
    """A manifest of :data:`ENTRY` with ``line`` added to the entry."""
    return (yaml.safe_dump({"sources": [ENTRY]}, sort_keys=False) + f"  {line}\n").encode()


@tuned(250)
@given(data=MANIFEST)
@example(data=b"\x1f")  # yaml's ReaderError escaped: raised before the loader's try
@example(data=b"[" * 1000 + b"]" * 1000)  # RecursionError in PyYAML's composer
@example(data=b"!!int ")  # IndexError in PyYAML's int constructor
@example(data=manifest_with("year: " + "1" * 5000))  # ValueError: Python's 4300-digit limit
@example(data=manifest_with("year: 2001-13-45"))  # ValueError: month 13 of an implicit date
@example(data=manifest_with("year: 0x" + "f" * 4000))  # ValueError: the message's repr of the year
@example(data=manifest_with('"\\e[2J": 1'))  # the unknown field's name printed with its ESC
def test_any_manifest_is_loaded_or_refused(folder, data):
    path = folder / "sources.yaml"
    path.write_bytes(data)
    specs = returned_or_refused(lambda: load_manifest(path), path)
    if specs is not None:
        ids = [spec.id for spec in specs]
        assert specs and len(ids) == len(set(ids))
        for spec in specs:
            assert ID.match(spec.id) and spec.id not in RESERVED_IDS
            assert spec.path.is_relative_to(folder.resolve()) and not spec.path.is_dir()


PATH_PARTS = ["demo.txt", "sub", "out", "loop", "..", ".", "", "~", "a" * 300, "\\", "\u3000", "x\ty"]


@tuned(150)
@given(file=st.lists(st.sampled_from(PATH_PARTS) | st.text(max_size=3), min_size=1, max_size=5).map("/".join))
@example(file="a" * 300)  # OSError from is_dir(): a name too long for the file system
def test_any_source_file_path_is_placed_or_refused(folder, file):
    path = folder / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": [{**ENTRY, "file": file}]}), encoding="utf-8")
    specs = returned_or_refused(lambda: load_manifest(path), path)
    if specs is not None:
        assert specs[0].path.is_relative_to(folder.resolve()) and not specs[0].path.is_dir()


@tuned(200)
@given(
    files=st.dictionaries(st.sampled_from(sorted(FILES)), GAZETTEER, max_size=4),
    source_ids=st.frozensets(st.sampled_from(["demo", "other"])),
)
@example(files={"people.yaml": b"!!bool x"}, source_ids=frozenset())  # KeyError in PyYAML
@example(files={"countries.yaml": b"!!set 0"}, source_ids=frozenset())  # ValueError: a scalar as a set
@example(files={"concepts.yaml": b'entities:\n- {id: a, name: ab, "\\x85": 1}'}, source_ids=frozenset())
def test_any_gazetteer_is_loaded_or_refused(folder, files, source_ids):
    gazetteer = folder / "gazetteer"
    for name in FILES:
        (gazetteer / name).write_bytes(files.get(name, b"entities: []\n"))
    entities = returned_or_refused(lambda: load_gazetteer(gazetteer, source_ids), gazetteer)
    if entities is not None:
        ids = [entity.id for entity in entities]
        assert len(ids) == len(set(ids)) and all(ID.match(i) and i not in RESERVED_IDS for i in ids)
        owners: dict[tuple[str | None, str], str] = {}
        for entity in entities:
            for scope, forms in ((None, (entity.name, *entity.aliases)), *entity.scoped_aliases):
                assert not source_ids or scope is None or scope in source_ids
                for form in forms:
                    assert owners.setdefault((scope, form), entity.id) == entity.id


@tuned(200)
@given(data=NOT_ENTITIES | st.none())
@example(data=b"!!timestamp x")  # AttributeError in PyYAML's timestamp constructor
def test_any_not_entities_file_is_loaded_or_refused(folder, data):
    path = folder / "gazetteer" / "not-entities.yaml"
    path.unlink(missing_ok=True)
    if data is not None:
        path.write_bytes(data)
    explained = returned_or_refused(lambda: load_not_entities(path.parent, KNOWN), path)
    if explained is not None:
        assert data is not None or explained == {}
        assert not set(explained) & set(KNOWN[0].surface_forms())
        assert all(isinstance(name, str) and isinstance(why, str) for name, why in explained.items())


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "big5", "gbk", "gb18030", "shift_jis", "latin-1"]
ENCODED = st.builds(
    lambda text, encoding: text.encode(encoding, "replace"), st.text(), st.sampled_from(ENCODINGS)
)


@tuned(200)
@given(data=st.binary() | ENCODED | shaped(["\ufeff", "\x00", "\x1b", "\x7f", "\x85", "\r"]).map(str.encode))
def test_any_source_bytes_are_read_or_refused(folder, data):
    """With the bytes' real sha256 recorded, the decoding and character checks are what run."""
    path = folder / "source.txt"
    path.write_bytes(data)
    spec = crafted_spec("mofa-review", path=path, sha256=hashlib.sha256(data).hexdigest())
    text = returned_or_refused(lambda: read_source_text(spec), path)
    if text is not None:
        assert text.encode("utf-8") == data.removeprefix(b"\xef\xbb\xbf")
        assert not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text)
