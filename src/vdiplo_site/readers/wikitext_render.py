"""Inline rendering of wikitext nodes (mwparserfromhell) into the project's plain text.

Links become their label, ``'''bold'''``/``''italic''`` their text, ``<ref>`` a ``[^label]``
reference, templates what Wikipedia shows of them (or nothing, for navboxes and maintenance
templates; the families of other articles are in :mod:`.wikitext_templates`). Files and categories are not text; categories are kept as the document's tags.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from ..errors import SourceFormatError
from .wikitext_citations import citation_text, is_citation
from .wikitext_markup import (
    FRAMES,
    SHORT_NOTES,
    is_image_option,
    is_language_link,
    note_of,
    without_switches,
)
from .wikitext_names import COUNTRY_CODES, HATNOTES, NOTE_TEMPLATES, is_dropped, is_infobox
from .wikitext_refs import ARCHIVE_TEMPLATES, FootnoteRegistry, archive_of, param, template_key
from .wikitext_templates import HAN_CHARACTER, infobox_fields, shown_argument, visible_arguments

#: Templates that place the article's notes (the section holding one is its notes section).
NOTES_TEMPLATES = frozenset({"reflist", "references", "notelist", "notelist-ua", "notelist-lr", "notefoot"})
# Navboxes, sidebars and maintenance templates: page furniture, not text of the article.
DROPPED = frozenset(
    {
        "reflist",
        "references",
        "link style",
        "democracy",
        "politics",
        "freedom",
        "世界主義和世界政府專題",
        "-",
        "clear",
    }
)
FACT_TEMPLATES = frozenset({"fact", "citation needed", "cn", "來源請求", "来源请求"})
FACT_MARK = "［來源請求］"
DEAD_LINK = "失效連結"
FILE_NAMESPACES = frozenset({"file", "image", "檔案", "档案", "文件", "圖像", "图像", "媒體", "media"})
CATEGORY_NAMESPACES = frozenset({"category", "分類", "分类"})
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
# Country data templates (``{{USA}}``, also as headings: ``== {{USA}} ==``): Wikipedia shows a
# flag and the country's or organisation's name; the site shows the name.
_FLAGS = {key.casefold(): name for key, name in COUNTRY_CODES.items()}


def _is_ref(node: Node) -> bool:
    return isinstance(node, Tag) and str(node.tag).strip().casefold() == "ref"


def collapse(text: str) -> str:
    """Collapse runs of ASCII whitespace (line breaks included) to one space and trim."""
    return _SPACE.sub(" ", text).strip()


class InlineRenderer:
    """Renders nodes of one document; collects its footnotes and category tags.

    Attributes:
        path: the source file, for errors.
        line: 1-based line of the top-level node being rendered, for errors.
        footnotes: the document's footnote registry.
        tags: category names in order of first appearance, without duplicates.
        facts: how many ``{{Fact}}`` templates have been rendered (lets the caller mark blocks).
        strict: whether an unknown template is an error (else it is counted in ``unknown``).
        unknown: how many times each unknown template (by name as written) was rendered.
        uncited: the text of each ``{{Fact}}`` rendered, with its mark, whitespace collapsed.
    """

    def __init__(self, path: Path, *, strict: bool = False) -> None:
        self.path = path
        self.strict = strict
        self.unknown: Counter[str] = Counter()
        self.line: int | None = None
        self.footnotes = FootnoteRegistry()
        self.tags: list[str] = []
        self.facts = 0
        self.uncited: list[str] = []

    def error(self, message: str) -> SourceFormatError:
        """Return a :class:`SourceFormatError` at the current line."""
        return SourceFormatError(self.path, message, self.line)

    def render(self, code: Wikicode | list | None, *, plain: bool = False, in_ref: bool = False) -> str:
        """Render ``code`` (wikicode or a list of nodes) as text, whitespace collapsed.

        ``plain``: links as their label only, no archive/dead-link notes (citation fields).
        ``in_ref``: rendering a footnote's own text (a ``<ref>`` inside is a note of its own).

        A heading inside inline text (in a template's parameter, a ``<div>``) is its title, on a
        line of its own; a template parameter ``{{{x|default}}}`` (a page copied from a template)
        is its default.

        Raises:
            SourceFormatError: an unknown template when ``strict``.
        """
        if code is None:
            return ""
        nodes = code.nodes if isinstance(code, Wikicode) else code
        return collapse("".join(self.node(n, plain=plain, in_ref=in_ref) for n in nodes))

    def node(self, node: Node, *, plain: bool = False, in_ref: bool = False) -> str:
        """Render one node (uncollapsed); see :meth:`render` for the flags and errors."""
        if isinstance(node, Text):
            return without_switches(str(node.value))
        if isinstance(node, HTMLEntity):
            return node.normalize()
        if isinstance(node, Comment):
            return ""
        if isinstance(node, Wikilink):
            return self._wikilink(node, plain, in_ref)
        if isinstance(node, ExternalLink):
            return self._external_link(node, plain, in_ref)
        if isinstance(node, Tag):
            return self._tag(node, plain, in_ref)
        if isinstance(node, Template):
            return self._template(node, plain, in_ref)
        if isinstance(node, Heading):
            return f"\n{self.render(node.title, plain=plain, in_ref=in_ref)}\n"
        if isinstance(node, Argument):
            return self.render(node.default, plain=plain, in_ref=in_ref)
        raise self.error(f"unsupported wikitext {str(node)[:40]!r}")

    def _wikilink(self, link: Wikilink, plain: bool, in_ref: bool) -> str:
        """``[[t|label]]`` -> label, ``[[t]]`` -> t; files dropped, categories become tags."""
        title = str(link.title).strip()
        namespace, _, rest = title.partition(":")
        if not title.startswith(":") and rest:
            if namespace.strip().casefold() in FILE_NAMESPACES:
                return ""
            if namespace.strip().casefold() in CATEGORY_NAMESPACES:
                tag = collapse(rest)
                if tag and tag not in self.tags:
                    self.tags.append(tag)
                return ""
            if is_language_link(namespace):  # [[en:…]]: the page in another language, not text
                return ""
        if link.text is not None:
            return self.render(link.text, plain=plain, in_ref=in_ref)
        return title.removeprefix(":")

    def list_defined(self, code: Wikicode) -> None:
        """Register the list-defined notes in ``code`` (``{{Reflist|refs=…}}``,
        ``<references>…</references>``): the text of each named note the article refers to."""
        for ref in code.filter_tags(matches=_is_ref):
            if ref.has("name") and self.footnotes.is_named(str(ref.get("name").value).strip()):
                self.node(ref)

    def file_caption(self, link: Wikilink) -> str | None:
        """The caption of a framed image (``[[File:x.jpg|thumb|說明]]`` -> ``說明``, its notes
        registered), ``""`` for a framed image without one, ``None`` for any other link: an
        inline image shows no caption, only a thumbnail or a frame does."""
        namespace, colon, _ = str(link.title).strip().partition(":")
        if not colon or namespace.strip().casefold() not in FILE_NAMESPACES or link.text is None:
            return None
        segments: list[list[Node]] = [[]]
        for node in link.text.nodes:  # split at the |s of the link itself, not those inside
            if isinstance(node, Text) and "|" in str(node.value):
                first, *others = str(node.value).split("|")
                segments[-1].append(Text(first))
                segments += [[Text(other)] for other in others]
            else:
                segments[-1].append(node)
        texts = ["".join(str(n) for n in segment).strip() for segment in segments]
        if not any(text.casefold() in FRAMES for text in texts):
            return None
        captions = [
            seg for seg, text in zip(segments, texts, strict=True) if text and not is_image_option(text)
        ]
        return self.render(captions[-1]) if captions else ""

    def _external_link(self, link: ExternalLink, plain: bool, in_ref: bool) -> str:
        """``[url title]`` -> ``title (url)`` (``title`` alone when ``plain``); bare URL kept."""
        url = str(link.url).strip()
        if link.title is None or not str(link.title).strip():
            return url
        title = self.render(link.title, plain=plain, in_ref=in_ref)
        return title if plain else f"{title} ({url})"

    def _tag(self, tag: Tag, plain: bool, in_ref: bool) -> str:
        """``<ref>`` -> ``[^label]``; ``<br>`` -> space; list/rule markup -> ""; else the content."""
        name = str(tag.tag).strip().casefold()
        if name == "ref":
            if plain:  # a note inside a citation's fields shows no text there
                return ""
            # a <ref> inside an {{efn}} (or another note) is a note of its own, referred to from it
            label = self.footnotes.reference(
                tag,
                lambda code: self.render(code, in_ref=True),
                lambda code: self.render(code, plain=True, in_ref=True),
            )
            return f"[^{label}]"
        if name == "gallery":
            return self._gallery(tag, plain, in_ref)
        if name == "br":
            return " "
        if name in ("li", "dt", "dd", "hr") or tag.contents is None:
            return ""
        return self.render(tag.contents, plain=plain, in_ref=in_ref)

    def _template(self, template: Template, plain: bool, in_ref: bool) -> str:
        """Render a template as Wikipedia shows its text (see the module's tables)."""
        key = template_key(template)
        if key in DROPPED or key in NOTES_TEMPLATES:
            if template.has("refs") and not plain:  # {{Reflist|refs=…}}, {{notelist|refs=…}}
                self.list_defined(template.get("refs").value)
            return ""
        if key in _FLAGS:
            return _FLAGS[key]
        if key in FACT_TEMPLATES:
            self.facts += 1
            marked = self._arg(template, 1, plain, in_ref) + FACT_MARK
            self.uncited.append(collapse(marked))
            return marked
        if key in ARCHIVE_TEMPLATES:
            archive_url, archive_date = archive_of(template)
            if plain or not archive_url:
                return ""
            when = f" {archive_date}" if archive_date else ""
            return f" (存檔{when}: {archive_url})"
        if key == "dead link":
            date = param(template, "date")
            return "" if plain else f"（{DEAD_LINK}，{date}）" if date else f"（{DEAD_LINK}）"
        if key in HATNOTES:  # a hatnote inside text (a list item, a cell): its line, inline
            return self.see_also(template) or ""
        return self._other_template(template, key, plain, in_ref)

    def _other_template(self, template: Template, key: str, plain: bool, in_ref: bool) -> str:
        """The template families of other articles (:mod:`.wikitext_templates`): notes
        (``{{efn}}``, ``{{sfn}}``, ``{{#tag:ref|…}}``) as a ``<ref>``, furniture dropped (with any
        ``<ref>`` in its fields), citations as their text, text templates as what they show; an
        unknown one shows its arguments (:func:`.wikitext_templates.visible_arguments`) and is
        counted in :attr:`unknown` (an error when ``strict``)."""

        def render(code: Wikicode) -> str:
            return self.render(code, plain=plain, in_ref=in_ref)

        if key == "r":  # {{r|甲|乙}}: the notes named 甲 and 乙 used again, like <ref name="甲"/>
            names = [str(p.value).strip() for p in template.params if not p.showkey and str(p.value).strip()]
            return "" if plain else "".join(self._as_ref(name, None) for name in names)
        if key in NOTE_TEMPLATES or key in SHORT_NOTES:  # {{efn|…}}, {{sfn|…}}: a note, like a <ref>
            if plain:
                return ""
            name, note = note_of(template, key)
            return self._as_ref(name, note)
        if is_infobox(key):  # inside text or another infobox: its fields, 名稱：值；…
            return "；".join(
                f"{name}：{value}" if name else value for name, value in infobox_fields(template, render)
            )
        if is_dropped(key):  # with any <ref> in its fields: a note nothing refers to breaks the page
            return ""
        if is_citation(key):
            return citation_text(template, render)
        shown = shown_argument(template, key, render)
        if shown is not None:
            return shown
        name = collapse(str(template.name))[:40]  # one printable line, even for {{a<!--\n-->b}}
        name = name if name.isprintable() else repr(name)
        if self.strict:
            raise self.error(f"unsupported template {{{{{name}}}}}")
        self.unknown[name] += 1
        return visible_arguments(template, render)

    def _as_ref(self, name: str | None, note: str | None) -> str:
        """The note reference of ``<ref name="name">note</ref>`` (``note`` None: a reuse,
        ``<ref name="name"/>``; ``name`` empty or None: an unnamed note), as :meth:`node`
        renders it."""
        attribute = f' name="{name.replace(chr(34), chr(39))}"' if name else ""
        tag = f"<ref{attribute}/>" if note is None else f"<ref{attribute}>{note}</ref>"
        return self.node(mwparserfromhell.parse(tag).nodes[0])

    def _gallery(self, gallery: Tag, plain: bool, in_ref: bool) -> str:
        """``<gallery>``: one file a line, ``File:x.jpg|caption``; the captions are its text."""
        captions = []
        for line in str(gallery.contents or "").splitlines():
            _, bar, caption = line.partition("|")
            if bar:
                captions.append(self.render(mwparserfromhell.parse(caption), plain=plain, in_ref=in_ref))
        return " ".join(caption for caption in captions if caption)

    def _arg(self, template: Template, name: int, plain: bool, in_ref: bool) -> str:
        """Render positional argument ``name`` of ``template`` ("" when absent)."""
        if not template.has(name):
            return ""
        return self.render(template.get(name).value, plain=plain, in_ref=in_ref)

    def see_also(self, template: Template) -> str | None:
        """Return a hatnote's line, ``None`` for other templates: ``{{seealso|A|B|C}}`` ->
        ``參見：A、B、C``, ``{{Main|A}}`` -> ``主條目：A`` (:data:`~.wikitext_templates.HATNOTES`).

        A label ``l1=…`` is what Wikipedia shows of the first article; the article's name follows
        it in brackets (``主條目：歷史概要（測試國歷史）``), as interlanguage links show theirs.
        Disambiguation hatnotes show their Chinese arguments: ``{{Otheruses|subject=甲|other=乙}}``
        -> ``其他用法：甲、乙``.
        """
        prefix = HATNOTES.get(template_key(template))
        if prefix is None:
            return None
        names = []
        for number, given in enumerate((p for p in template.params if not p.showkey), start=1):
            target = self.render(given.value)
            label = self.render(template.get(f"l{number}").value) if template.has(f"l{number}") else ""
            names.append(f"{label}（{target}）" if label and target and label != target else label or target)
        for named in template.params:  # {{Otheruses|subject=…|other=…}}: the text it shows
            text = (
                self.render(named.value)
                if named.showkey and not re.fullmatch(r"l\d+", str(named.name).strip())  # l1=: a label, above
                else ""
            )
            if HAN_CHARACTER.search(text):
                names.append(text)
        return f"{prefix}：" + "、".join(n for n in names if n)
