"""Text from a source never becomes live HTML or script, in kb/ Markdown or in the built site."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from conftest import crafted_spec, make_project
from vdiplo_site.build import build
from vdiplo_site.model import Block, Document, Footnote, Section
from vdiplo_site.passages import assign_passage_ids
from vdiplo_site.pipeline import knowledge_base
from vdiplo_site.project import Project
from vdiplo_site.writer.markdown_text import escape_text
from vdiplo_site.writer.source_page import render_source_page

HOSTILE = [
    "<script>alert('x')</script>",
    "[點我](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(2)">連結</a>',
    "*強調* __粗體__ `程式碼` # 標題",
    "{: onclick=alert(3) }",
    "&lt;script&gt; 已轉義",
]
EXTENSIONS = ["attr_list", "admonition", "footnotes", "tables", "toc"]


def source_text_parts(html: str) -> str:
    """The HTML of what comes from the source: passages, section headings, footnotes."""
    soup = BeautifulSoup(html, "html.parser")
    parts = soup.select('[id^="p-"], h2[id^="s-"], div.footnote')
    assert parts
    return "".join(str(part) for part in parts)


def assert_inert(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script")
    assert not soup.find_all("img")
    assert not soup.find_all(["em", "strong", "code"])
    for tag in soup.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), tag
        assert not str(tag.get("href", "")).lower().startswith("javascript:"), tag


def test_escape_text_round_trips_literally():
    for text in HOSTILE:
        html = markdown.markdown(escape_text(text), extensions=EXTENSIONS)
        assert_inert(html)
        assert BeautifulSoup(html, "html.parser").get_text() == text


def test_known_footnote_refs_and_http_urls_survive_escaping():
    out = escape_text("見 https://example.org/a_b 說明[^1]，另[^9]與 javascript:alert(1)", frozenset({"1"}))
    assert "<https://example.org/a_b>" in out
    assert "[^1]" in out and "\\[^9\\]" in out
    assert "javascript:alert\\(1\\)" in out


def test_source_page_markdown_renders_inert():
    document = Document(
        spec=crafted_spec("mofa-review"),
        sections=(
            Section(
                heading="<script>alert(0)</script>",
                level=1,
                blocks=tuple(Block("paragraph", t + "[^1]") for t in HOSTILE),
            ),
        ),
        footnotes=(Footnote("1", "<script>alert(9)</script> javascript:alert(9)"),),
    )
    document = assign_passage_ids(document)
    page = render_source_page(knowledge_base((document,), ()), document)
    body = page.split("\n---\n", 1)[1]
    html = markdown.markdown(body, extensions=EXTENSIONS)
    assert_inert(source_text_parts(html))
    text = BeautifulSoup(html, "html.parser").get_text()
    for hostile in HOSTILE:
        assert hostile in text


def test_built_site_renders_hostile_source_inert(tmp_path):
    lines = ["一、 測試標題"] + [f"{i}. {text}" for i, text in enumerate(HOSTILE, 1)]
    root = make_project(tmp_path, {"hostile": ("mofa-review", "\n\n".join(lines).encode("utf-8"))})
    build(Project(root))
    html = (root / "site" / "sources" / "hostile" / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").find("article")
    assert_inert(source_text_parts(str(article)))
    text = article.get_text()
    assert "<script>alert('x')</script>" in text
    assert "javascript:alert(1)" in text
