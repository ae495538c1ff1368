"""Every internal link and anchor of the built site resolves, and no page loads anything from
another host.

The built ``site/`` is read from disk (nothing is fetched): each HTML page is parsed once with
the standard library's HTML parser, every URL it holds (``a``/``link`` ``href``, ``src``,
``srcset``, inline CSS) is resolved as a browser would resolve it, and each internal one must
name an existing file and, with a ``#fragment``, an element of that page with that ``id`` (or an
``a`` with that ``name``). The CSS files are checked the same way (``url()``, ``@import``).
Links to other hosts (the sources' citations, Material's credit) are allowed and never
fetched; an asset (script, stylesheet, image, font, preload…) from another host is not: the
site must never make a reader's browser contact a third party.

LinkChecker 10.6 with its AnchorCheck plugin was tried first and does not fit: it takes about
five minutes here (it fetches and parses a page again for each distinct anchor, about 2,900),
run as root (as CI is) it switches to user ``nobody`` and then silently loads no plugin, so no
anchor is checked, and with the plugin loaded it still misses a dead ``#anchor`` into the linking
page itself. ``test_crafted_site_fails_the_check`` shows what this check catches.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

#: The origin a page's URL is given when resolving its links: a name that never resolves, so
#: an internal URL is one on this host and everything else is another host.
ORIGIN = "http://site.invalid"

#: ``<link rel>`` values that make the browser fetch (or connect to) the URL: an asset.
ASSET_RELS = frozenset(
    {
        "stylesheet",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "mask-icon",
        "manifest",
        "preload",
        "modulepreload",
        "prefetch",
        "prerender",
        "preconnect",
        "dns-prefetch",
    }
)

#: Attributes holding one URL of an asset, by element.
ASSET_ATTRS = {
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "input": ("src",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}

#: Attributes holding a link a reader follows (may go to another host).
LINK_ATTRS = {"a": ("href",), "area": ("href",), "form": ("action",)}

CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"""
)


@dataclass(frozen=True)
class Reference:
    """One URL found in the site.

    Attributes:
        file: site-relative path of the file holding it (``sources/x/index.html``).
        line: its line in that file (1-based).
        where: what holds it, e.g. ``a href``, ``link[stylesheet] href``, ``css url()``.
        url: the URL as written (surrounding white space removed).
        asset: True when the browser fetches it while showing the page.
    """

    file: str
    line: int
    where: str
    url: str
    asset: bool


@dataclass
class Page:
    """What one HTML file offers and refers to.

    Attributes:
        ids: every ``id`` in it and every ``name`` of an ``a`` (the fragments it can land on).
        base: its ``<base href>`` if it has one, else None.
        references: every URL it holds, in document order.
    """

    ids: set[str] = field(default_factory=set)
    base: str | None = None
    references: list[Reference] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self, file: str):
        super().__init__(convert_charrefs=True)
        self.file = file
        self.page = Page()
        self._in_style = False

    def _add(self, where: str, url: str, asset: bool) -> None:
        self.page.references.append(Reference(self.file, self.getpos()[0], where, url.strip(), asset))

    def handle_starttag(self, tag, attrs):
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        if tag == "base" and "href" in values and self.page.base is None:
            self.page.base = values["href"].strip()
        if tag == "style":
            self._in_style = True
        for name in LINK_ATTRS.get(tag, ()):
            if name in values:
                self._add(f"{tag} {name}", values[name], asset=False)
        for name in ASSET_ATTRS.get(tag, ()):
            if name in values:
                self._add(f"{tag} {name}", values[name], asset=True)
        if tag == "link" and "href" in values:
            rels = set(values.get("rel", "").lower().split())
            kind = "/".join(sorted(rels)) or "no rel"
            self._add(f"link[{kind}] href", values["href"], asset=bool(rels & ASSET_RELS))
        for name in ("srcset", "imagesrcset"):
            for candidate in values.get(name, "").split(","):
                if candidate.strip():
                    self._add(f"{tag} {name}", candidate.split()[0], asset=True)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = re.search(r"url\s*=\s*['\"]?([^'\"]+)", values.get("content", ""), re.IGNORECASE)
            if target:
                self._add("meta refresh", target.group(1), asset=False)
        if "style" in values:
            for url in css_urls(values["style"]):
                self._add(f"{tag} style url()", url, asset=True)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            for url in css_urls(data):
                self._add("style url()", url, asset=True)


def css_urls(css: str) -> list[str]:
    """The URLs of ``url(…)`` and ``@import "…"`` in a piece of CSS, in order (as written)."""
    return [next(group for group in match.groups() if group is not None) for match in CSS_URL.finditer(css)]


def parse_page(file: str, html: str) -> Page:
    """Parse one HTML page (``file``: its site-relative path, used in the references)."""
    parser = _PageParser(file)
    parser.feed(html)
    parser.close()
    return parser.page


def page_url(file: str) -> str:
    """The URL a file of the site is served at: ``x/index.html`` -> ``ORIGIN/x/``."""
    if file == "index.html" or file.endswith("/index.html"):
        file = file[: -len("index.html")]
    return f"{ORIGIN}/{file}"


def target_file(files: set[str], path: str) -> str | None:
    """The file an internal URL ``path`` is served from, among ``files`` (the site-relative
    paths of the site's files), or None if there is none.

    A path ending in ``/`` is its folder's ``index.html``; a folder named without the ``/``
    counts as missing (the site always writes the ``/``; a plain file server would redirect).
    """
    decoded = unquote(path)
    relative = posixpath.normpath("/" + decoded).lstrip("/")
    if decoded.endswith("/") or not relative:
        relative = posixpath.join(relative, "index.html")
    return relative if relative in files else None


def check_site(site: Path) -> list[str]:
    """Check every link, anchor and asset of the built site in folder ``site``.

    Returns one line per problem, ``file:line: where 'url': problem``, in file order; an empty
    list means every internal URL resolves and no asset comes from another host. Raises
    FileNotFoundError if ``site`` holds no ``index.html``.
    """
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}/index.html: not a built site")
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    pages: dict[str, Page] = {}
    for path in sorted(site.rglob("*.html")):
        file = path.relative_to(site).as_posix()
        pages[file] = parse_page(file, path.read_text(encoding="utf-8"))
    references = []  # (the URL the reference is resolved against, the reference)
    for file, page in pages.items():
        base = urljoin(page_url(file), page.base) if page.base else page_url(file)
        references += [(base, ref) for ref in page.references]
    for path in sorted(site.rglob("*.css")):
        file = path.relative_to(site).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for url in css_urls(line):
                references.append((f"{ORIGIN}/{file}", Reference(file, number, "css url()", url, True)))

    problems = []
    for base, ref in references:
        absolute = urljoin(base, ref.url)
        parts = urlsplit(absolute)
        if parts.scheme in ("data", "mailto", "tel", "javascript", "blob"):
            continue
        where = f"{ref.file}:{ref.line}: {ref.where} {ref.url!r}"
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            if ref.asset:
                problems.append(f"{where}: asset from another host ({parts.netloc or parts.scheme})")
            continue
        target = target_file(files, parts.path)
        if target is None:
            problems.append(f"{where}: no such file in the site")
        elif parts.fragment and not ref.asset:
            anchor = unquote(parts.fragment)
            if target not in pages:
                problems.append(f"{where}: #{anchor} points into a file that is not a page")
            elif anchor not in pages[target].ids and anchor.lower() != "top":  # "top": the top of the page
                problems.append(f"{where}: {target} has no element with id {anchor!r}")
    return problems


def test_every_internal_link_and_anchor_resolves_and_no_asset_is_third_party(real_site):
    problems = check_site(real_site)
    assert not problems, f"{len(problems)} broken links or third-party assets:\n" + "\n".join(problems[:60])


def test_crafted_site_fails_the_check(tmp_path):
    """The check reports a dead anchor, a missing page and third-party assets, and accepts
    external links, an encoded anchor, ``#`` and a folder's ``index.html``."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="there">x</p><p id="fn:1">n</p><a name="名">y</a><a href="../#top">up</a>', encoding="utf-8"
    )
    (tmp_path / "style.css").write_text(
        '@import "a.css";\nbody { background: url(data:image/png;base64,AA==); }\n'
        "@font-face { src: url('https://fonts.example.com/f.woff2'); }\n",
        encoding="utf-8",
    )
    page = """\
<link rel="stylesheet" href="style.css"><link rel="icon" href="//cdn.example.com/i.png">
<a href="a/#there">ok</a> <a href="a/#fn:1">ok</a> <a href="a/#%E5%90%8D">ok</a>
<a href="https://example.org/cited">citation</a> <a href="#">top</a>
<a href="a/#missing">dead anchor</a>
<a href="b/">missing page</a> <a href="a">folder without slash</a>
<img alt="" src="https://cdn.example.com/x.png" srcset="ok.png 1x, https://cdn.example.com/y.png 2x">
<script src="https://cdn.example.com/x.js"></script><p style="background:url(//x.example.com/b.png)">
"""
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "ok.png").write_bytes(b"")
    problems = check_site(tmp_path)
    assert problems == [
        "index.html:1: link[icon] href '//cdn.example.com/i.png': asset from another host (cdn.example.com)",
        "index.html:4: a href 'a/#missing': a/index.html has no element with id 'missing'",
        "index.html:5: a href 'b/': no such file in the site",
        "index.html:5: a href 'a': no such file in the site",
        "index.html:6: img src 'https://cdn.example.com/x.png': asset from another host (cdn.example.com)",
        "index.html:6: img srcset 'https://cdn.example.com/y.png': asset from another host (cdn.example.com)",
        "index.html:7: script src 'https://cdn.example.com/x.js': asset from another host (cdn.example.com)",
        "index.html:7: p style url() '//x.example.com/b.png': asset from another host (x.example.com)",
        "style.css:1: css url() 'a.css': no such file in the site",
        "style.css:3: css url() 'https://fonts.example.com/f.woff2': asset from another host (fonts.example.com)",
    ]
