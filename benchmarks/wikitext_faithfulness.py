"""Benchmark: Chinese Wikipedia articles through `vdiplo-site add` and a build, measured.

Usage: python benchmarks/wikitext_faithfulness.py FOLDER [--kb-only]

Each ``*.wiki`` file of FOLDER (the wikitext source of an article) is added, as `vdiplo-site add`
does (:func:`vdiplo_site.add_source.add_source`), to a fresh project of its own that holds one
small plain-text source, and built (MkDocs too, strict, unless ``--kb-only``). The article's
page in ``kb/`` is then rendered to HTML as MkDocs renders it, and measured as the whole-source
tests measure the real sources (``tests/test_source_pages.py``), with the project's own measure
(``tests/faithfulness.py``, unchanged): the share of the Chinese text units a reader of the
article sees (:func:`faithfulness.visible_wikitext`) that are intact on the page. Printed per
article: that share and the first units missing; the notes (distinct ``<ref>`` and note
templates in the source, notes on the page, notes that lack a text or a reference); the tables
(``{| … |}`` in the source, nested ones included but for empty tables and layout tables whose
cells each hold a table, and infoboxes, against ``<table>`` on the page); raw markup
left on the page; the unknown templates the reader listed, with counts; and any error.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import markdown
import mwparserfromhell
from bs4 import BeautifulSoup
from mwparserfromhell.nodes import Tag

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from faithfulness import RAW_MARKUP, intact_ratio, text_units, visible_wikitext
from vdiplo_site.add_source import add_source
from vdiplo_site.errors import VdiploError
from vdiplo_site.formats import FORMATS
from vdiplo_site.model import SourceSpec
from vdiplo_site.project import Project
from vdiplo_site.readers.wikitext_markup import SHORT_NOTES, note_of
from vdiplo_site.readers.wikitext_names import NOTE_TEMPLATES, is_infobox
from vdiplo_site.readers.wikitext_refs import template_key

EXTENSIONS = ["attr_list", "admonition", "footnotes", "tables", "toc"]
GAZETTEER_FILES = ("countries.yaml", "organisations.yaml", "people.yaml", "concepts.yaml", "values.yaml")
SPEC = SourceSpec(
    id="article",
    file="article.wiki",
    format="wikitext",
    title=None,
    label="article",
    english_title=None,
    authors=(),
    publisher=None,
    year=None,
    kind=None,
    language="zh-Hant",
    licence=None,
    sha256="0" * 64,
)
SEED = "一、 測試標題\n\n（一） 小節\n\n1. 台美持續強化重要議題實質合作。\n"


@dataclass
class Figures:
    """What one article measured: see the module docstring."""

    name: str
    ratio: float = 0.0
    units: int = 0
    missing: list[str] = field(default_factory=list)
    refs: int = 0
    notes: int = 0
    bad_notes: int = 0
    tables_in: int = 0
    tables_out: int = 0
    raw: list[str] = field(default_factory=list)
    unknown: str = ""
    error: str = ""


class _Warnings(logging.Handler):
    """Keeps the reader's warnings (the unknown templates)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def fresh_project(root: Path) -> Project:
    """A project of one small plain-text source, the real ``mkdocs.yml`` and empty gazetteer."""
    (root / "sources" / "gazetteer").mkdir(parents=True)
    (root / "sources" / "seed.txt").write_text(SEED, encoding="utf-8")
    digest = hashlib.sha256(SEED.encode()).hexdigest()
    (root / "sources" / "sources.yaml").write_text(
        "sources:\n- id: seed\n  file: seed.txt\n  format: plain-text\n  title: 測試文本\n  label: 測試文本\n"
        f"  kind: journal article\n  language: zh-Hant\n  licence: test\n  sha256: {digest}\n",
        encoding="utf-8",
    )
    for name in GAZETTEER_FILES:
        (root / "sources" / "gazetteer" / name).write_text("entities: []\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.split("\nnav:", 1)[0] + "\n", encoding="utf-8")
    return Project(root)


def source_counts(text: str) -> tuple[int, int]:
    """Distinct notes (``<ref>`` by name, or each unnamed; note templates by name, ``{{sfn}}`` by
    what it cites) and tables in ``text``
    (wikitables, nested ones included, and infoboxes: each is shown as a table)."""
    code = mwparserfromhell.parse(text)
    refs = code.filter_tags(matches=lambda node: str(node.tag).strip().lower() == "ref")
    named = {str(ref.get("name").value).strip() for ref in refs if ref.has("name")}
    unnamed = sum(1 for ref in refs if not ref.has("name"))
    for template in code.filter_templates():
        key = template_key(template)
        if key in NOTE_TEMPLATES | SHORT_NOTES:
            name = note_of(template, key)[0]
            if name:
                named.add(name)
            else:
                unnamed += 1
    tables = code.filter_tags(matches=lambda node: str(node.tag).strip().lower() == "table")
    infoboxes = sum(1 for t in code.filter_templates() if is_infobox(template_key(t)))
    layouts = sum(1 for table in tables if _is_layout(table) or not _cells(table))
    return len(named) + unnamed, len(tables) - layouts + infoboxes


def _tag_name(node: object) -> str:
    return str(getattr(node, "tag", "")).strip().lower()


def _is_layout(table: Tag) -> bool:
    """Whether every cell of ``table`` holds a table (tables side by side: each is a table)."""
    cells = _cells(table)
    return bool(cells) and all(
        cell.contents is not None and cell.contents.filter_tags(matches=lambda n: _tag_name(n) == "table")
        for cell in cells
    )


def _cells(table: Tag) -> list[Tag]:
    """The cells of ``table``'s rows (not of the tables inside it)."""
    cells: list[Tag] = []
    for node in table.contents.nodes if table.contents is not None else ():
        if isinstance(node, Tag) and _tag_name(node) == "tr" and node.contents is not None:
            cells += [c for c in node.contents.nodes if isinstance(c, Tag) and _tag_name(c) in ("td", "th")]
        elif isinstance(node, Tag) and _tag_name(node) in ("td", "th"):
            cells.append(node)
    return cells


def measure(article: Path, scratch: Path, site: bool) -> Figures:
    """Add ``article`` to a fresh project in ``scratch``, build, and measure its page."""
    figures = Figures(article.stem)
    text = article.read_text(encoding="utf-8")
    figures.refs, figures.tables_in = source_counts(text)
    project = fresh_project(scratch / article.stem)
    warnings = _Warnings()
    logging.getLogger("vdiplo_site.readers").addHandler(warnings)
    logging.getLogger("vdiplo_site.readers").setLevel(logging.WARNING)
    logging.getLogger("vdiplo_site.readers").propagate = False
    try:  # the reader in this process, for its warning (the build may read in a worker)
        FORMATS["wikitext"].read(replace(SPEC, path=article), text)
    except VdiploError:
        pass  # the build below reports it
    finally:
        logging.getLogger("vdiplo_site.readers").removeHandler(warnings)
    try:
        added = add_source(project, article, source_format="wikitext", site=site)
    except VdiploError as error:
        figures.error = str(error)
        return figures
    figures.unknown = " ".join(m.split("(unknown to the reader): ", 1)[-1] for m in warnings.messages)
    page = (project.root / "kb" / "sources" / f"{added.spec.id}.md").read_text(encoding="utf-8")
    soup = BeautifulSoup(markdown.markdown(page.split("\n---\n", 1)[1], extensions=EXTENSIONS), "html.parser")
    if site and not (project.root / "site" / "sources" / added.spec.id / "index.html").is_file():
        figures.error = "no built page in site/"
    notes = soup.select('li[id^="fn:"]')
    referenced = {a["href"][1:] for a in soup.select("a.footnote-ref")}
    figures.notes = len(notes)
    figures.bad_notes = sum(
        1 for n in notes if "missing from the source" in n.get_text() or n["id"] not in referenced
    ) + len(referenced - {n["id"] for n in notes})
    figures.tables_out = len(soup.select("table"))
    for admonition in soup.select("div.admonition"):
        admonition.decompose()
    page_text = soup.get_text()
    figures.raw = [token for token in RAW_MARKUP if token in page_text]
    visible = visible_wikitext(text)
    figures.units = len(text_units(visible))
    figures.ratio, figures.missing = intact_ratio(visible, page_text)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of .wiki files (wikitext sources)")
    parser.add_argument("--kb-only", action="store_true", help="build kb/ only, not the site")
    args = parser.parse_args()
    articles = sorted(args.folder.glob("*.wiki"))
    if not articles:
        parser.error(f"no .wiki files in {args.folder}")
    logging.basicConfig(level=logging.ERROR)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for article in articles:
            rows.append(figures := measure(article, Path(scratch), site=not args.kb_only))
            print(
                f"{figures.name}: intact {figures.ratio:.4f} of {figures.units} units; notes {figures.notes} of {figures.refs} refs"
                f" ({figures.bad_notes} unresolved or empty); tables {figures.tables_out} of {figures.tables_in}"
                + (f"; raw markup {figures.raw}" if figures.raw else "")
                + (f"; ERROR {figures.error}" if figures.error else ""),
                flush=True,
            )
            if figures.missing:
                print(f"    missing ({len(figures.missing)}): {' | '.join(figures.missing[:12])}")
            if figures.unknown:
                print(f"    unknown templates: {figures.unknown}")
    worst = min(rows, key=lambda f: f.ratio)
    print(
        f"{len(rows)} articles; lowest intact {worst.ratio:.4f} ({worst.name});"
        f" all >= 0.99: {all(f.ratio >= 0.99 for f in rows)};"
        f" notes = refs: {all(f.notes == f.refs and not f.bad_notes for f in rows)};"
        f" tables out = in: {all(f.tables_in == f.tables_out for f in rows)};"
        f" errors: {sum(bool(f.error) for f in rows)}"
    )


if __name__ == "__main__":
    main()
