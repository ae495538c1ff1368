"""Command line: ``vdiplo-site build | serve | check | search | candidates | add``, a thin layer over the library.

Every command turns a :class:`~vdiplo_site.errors.VdiploError` into one line on stderr and exit
status 1. ``search`` exits 0 when it prints results and 1 when there are none (it then says
``no results`` on stderr), like grep; a bad ``--top`` is one line from argparse and status 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import NoReturn

from .build import build, stale_kb_paths
from .console import BuildReport, columns
from .errors import VdiploError
from .project import Project
from .stages import stage

#: ``--help``'s examples: command, what it does (aligned by display width: 價值外交 takes 8 columns).
EXAMPLES = (
    ("vdiplo-site build", "regenerate kb/ and build site/, printing each stage"),
    ("vdiplo-site build --kb-only", "regenerate kb/ only"),
    ("vdiplo-site build --offline", "also build site-offline/ to open from disk, search included"),
    ("vdiplo-site serve", "build and preview on http://127.0.0.1:8000, rebuilding on changes"),
    ("vdiplo-site check", "exit 1 if the committed kb/ differs from a fresh build"),
    ("vdiplo-site search 價值外交", "print the top search results, as the site's search box shows them"),
    ("", '(exit 1 and "no results" when nothing matches)'),
    ("vdiplo-site candidates --limit 20", "list likely entity names the gazetteer lacks, one a line:"),
    ("", "total, name, English, per-source counts, evidence (tabs)"),
    ("vdiplo-site candidates --source ID", "the names a new source holds that the gazetteer lacks"),
    ("vdiplo-site candidates --add 名稱=concept", "write a chosen name into the gazetteer"),
    ("vdiplo-site add article.wiki.txt", "copy a new source into sources/, record it in the manifest"),
    ("", "(format guessed from the content) and build"),
)


class _OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (``vdiplo-site search:
    error: argument --top: …``), exit status 2; ``--help`` still shows the usage."""

    def error(self, message: str) -> NoReturn:
        """Print ``message`` as one line (``<prog>: error: <message>``) and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    # -v/-q are accepted before and after the subcommand; SUPPRESS keeps a subcommand's parser
    # from resetting what was given before it.
    verbosity = _OneLineParser(add_help=False)
    group = verbosity.add_mutually_exclusive_group()
    group.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="also log details"
    )
    group.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print only errors"
    )
    parser = _OneLineParser(
        prog="vdiplo-site",
        description="Build the value-diplomacy knowledge base.",
        epilog="examples:\n" + columns(EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[verbosity],
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: .)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    p_build = sub.add_parser(
        "build", parents=[verbosity], help="regenerate kb/ and build site/ (e.g. vdiplo-site build)"
    )
    p_build.add_argument("--kb-only", action="store_true", help="regenerate kb/ but do not run MkDocs")
    p_build.add_argument(
        "--offline",
        action="store_true",
        help="also build site-offline/, a copy to open from disk (file://), search included",
    )
    p_serve = sub.add_parser(
        "serve", parents=[verbosity], help="build and preview, rebuilding on changes (e.g. vdiplo-site serve)"
    )
    p_serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address:port to serve on")
    sub.add_parser("check", parents=[verbosity], help="check kb/ is fresh (e.g. vdiplo-site check)")
    cand_help = "list likely entity names missing from the gazetteer (e.g. vdiplo-site candidates --limit 20)"
    p_cand = sub.add_parser("candidates", parents=[verbosity], help=cand_help, description=cand_help)
    p_cand.add_argument(
        "--min-count", type=int, default=2, help="fewest occurrences in all sources (default: 2)"
    )
    p_cand.add_argument("--limit", type=int, default=50, help="most names to list, 0 for all (default: 50)")
    p_cand.add_argument(
        "--source", help="only names this source holds, ranked by their count in it (e.g. a new source)"
    )
    p_cand.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="NAME=TYPE[=English]",
        help="write a name into the gazetteer (type: country, organisation, person, concept, value; "
        "English from the source's 中文（English） gloss unless given); repeatable",
    )
    add_help = "add a source text to sources/ and the manifest, then build (e.g. vdiplo-site add paper.md)"
    p_add = sub.add_parser("add", help=add_help, description=add_help)
    p_add.add_argument("file", type=Path, help="the UTF-8 text to add")
    p_add.add_argument(
        "--format", dest="source_format", help="its format (default: guessed from the content)"
    )
    p_add.add_argument("--kb-only", action="store_true", help="regenerate kb/ but do not run MkDocs")
    p_add.add_argument(
        "--strict", action="store_true", help="stop on a wikitext template the reader does not know"
    )
    p_search = sub.add_parser(
        "search", help="print the site search's top results (e.g. vdiplo-site search 梅克爾)"
    )
    p_search.add_argument("query", nargs="+", help="the query, as typed into the search box")
    p_search.add_argument("--top", type=_positive_int, default=10, help="how many results (default: 10)")
    return parser


def _positive_int(text: str) -> int:
    """argparse type: a whole number of 1 or more in ASCII digits (``"10"`` -> 10).

    Raises:
        argparse.ArgumentTypeError: anything else (``"0"``, ``"-5"``, ``"1.5"``, ``"ten"``).
    """
    try:
        if text.isascii() and text.isdigit() and int(text) >= 1:
            return int(text)
    except ValueError:  # more digits than int() converts
        pass
    raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")


def _build(project: Project, *, site: bool, quiet: bool, summary: bool = True, offline: bool = False) -> None:
    """Build, printing each stage with its time and (if ``summary``) where the result is and
    how to open it, unless ``quiet``; on stdout: stderr keeps only errors, one line each."""
    if quiet:
        build(project, site=site)
        if offline:
            _build_offline(project)
        return
    what = "kb/ and site/" if site else "kb/"
    print(f"building {what} from {project.root / 'sources'}", file=sys.stdout, flush=True)
    with BuildReport(sys.stdout).attached() as report:
        build(project, site=site)
        if offline:
            with stage("offline"):
                folder = _build_offline(project)
    print(f"built {what}{' and site-offline/' if offline else ''} in {report.seconds:.1f} s", file=sys.stdout)
    if offline:
        print(f"to read it from disk, open {folder / 'index.html'} (search included)", file=sys.stdout)
    if site and summary:
        print(
            f"the site is in {project.site_dir}\n"
            "preview it with 'vdiplo-site serve' (http://127.0.0.1:8000/) or publish the folder "
            "on any web server; to open it from disk, build site-offline/ with 'vdiplo-site build --offline'",
            file=sys.stdout,
        )


def _build_offline(project: Project) -> Path:
    """``site-offline/`` from the ``kb/`` just built, under the build lock."""
    from .build import source_date_epoch
    from .offline import build_offline
    from .writer.lock import build_lock

    with build_lock(project.root):
        return build_offline(project, source_date_epoch())


def _serve(project: Project, dev_addr: str, quiet: bool) -> None:
    from .serve import parse_address, serve

    address = parse_address(dev_addr)  # before anything is built
    serve(project, address, lambda: _build(project, site=True, quiet=quiet, summary=False), sys.stdout)


def _check(project: Project) -> int:
    stale = stale_kb_paths(project)
    for path in stale:
        print(f"kb/{path}: differs from a fresh build (run 'vdiplo-site build')", file=sys.stderr)
    return 1 if stale else 0


def _candidates(
    project: Project, min_count: int, limit: int, source: str | None, add: list[str], quiet: bool
) -> int:
    from .candidates import declared_abbreviations, find_candidates, format_candidate, format_declaration
    from .entities.gazetteer import load_not_entities
    from .errors import ManifestError
    from .pipeline import gather

    kb = gather(project)
    if source is not None and source not in kb.source_ids:
        raise ManifestError(project.manifest, f"no source has the id {source!r}")
    explained = load_not_entities(project.gazetteer, kb.entities)
    found = find_candidates(
        kb.documents,
        kb.entities,
        min_count=min_count,
        limit=None if add else limit or None,
        explained=explained,
        source_id=source,
        progress=None if quiet else sys.stderr,
    )
    for candidate in found[: limit or None]:
        print(format_candidate(candidate))
    if add:
        return _add_to_gazetteer(project, add, {c.name: c.english for c in found}, frozenset(kb.source_ids))
    declared = [d for d in declared_abbreviations(kb.documents, kb.entities) if source in (None, d.source_id)]
    if declared:
        print("\n# declared abbreviations: source, abbreviation, entity (- unbound), passage, name before")
        for declaration in declared:
            print(format_declaration(declaration))
    print(
        f"# {len(found)} names listed; names in sources/gazetteer/not-entities.yaml are left out "
        f"with their reasons; {len(declared)} declared abbreviations",
        file=sys.stderr,
    )
    return 0


def _add(project: Project, file: Path, source_format: str | None, kb_only: bool, strict: bool) -> int:
    from .add_source import add_source

    added = add_source(project, file, source_format=source_format, site=not kb_only, strict=strict)
    spec, guess = added.spec, added.guess
    how = f"guessed, sure {guess.confidence:.0%}: {guess.reason}" if guess else "given"
    print(f"added sources/{spec.file} as source '{spec.id}', format {spec.format} ({how})")
    print(f"built: kb/sources/{spec.id}.md" + ("" if kb_only else f" and site/sources/{spec.id}/"))
    print(
        f"check: the page reads as the text does; fill in title, authors, publisher, year, kind and "
        f"licence of '{spec.id}' in sources/sources.yaml (null until you do), then 'vdiplo-site build'; "
        f"'vdiplo-site candidates --source {spec.id}' lists the names it adds to the gazetteer's"
    )
    return 0


def _add_to_gazetteer(
    project: Project, add: list[str], glosses: dict[str, str | None], ids: frozenset[str]
) -> int:
    from .gazetteer_write import FILE_OF, add_entries, parse_choice

    entries = [parse_choice(choice, glosses) for choice in add]
    for entry, new_id in zip(entries, add_entries(project.gazetteer, entries, ids), strict=True):
        print(
            f"added {entry.name} ({entry.english}) to sources/gazetteer/{FILE_OF[entry.type]} as '{new_id}'"
        )
    print("# run 'vdiplo-site build' to link its mentions", file=sys.stderr)
    return 0


def _search(project: Project, query: str, top: int) -> int:
    """Print the top results; 1 and ``no results`` on stderr when there are none.

    Raises:
        VdiploError: ``project.root`` is no project folder (none of ``sources/sources.yaml``,
            ``mkdocs.yml``, ``kb/``), or its search data is missing or broken.
    """
    from .search.runner import SearchRunner, load_search_data, visible

    if not any(p.exists() for p in (project.manifest, project.mkdocs_config, project.kb_dir)):
        raise VdiploError(
            project.root,
            "no vdiplo-site project found here (no sources/sources.yaml, mkdocs.yml or kb/); "
            "run it in a project folder or pass --root",
        )
    hits = SearchRunner(load_search_data(project.kb_dir)).search(query, top) if query.strip() else []
    for rank, hit in enumerate(hits, 1):
        print(f"{rank:>2}. {visible(hit.title)} — kb/{visible(hit.location)}\n    {visible(hit.snippet)}")
    if not hits:
        print(
            f"no results for {visible(query.strip())!r}"
            if query.strip()
            else "no results: the query is empty",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``vdiplo-site`` command; returns the exit status."""
    args = _parser().parse_args(argv)
    verbose, quiet = getattr(args, "verbose", False), getattr(args, "quiet", False)
    level = logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # jieba sets its own logger to DEBUG on import; keep it quiet.
    import jieba

    jieba.setLogLevel(level)
    project = Project(args.root.resolve())
    try:
        if args.command == "build":
            _build(project, site=not args.kb_only, quiet=quiet, offline=args.offline)
        elif args.command == "serve":
            _serve(project, args.dev_addr, quiet)
        elif args.command == "check":
            return _check(project)
        elif args.command == "search":
            return _search(project, " ".join(args.query), args.top)
        elif args.command == "add":
            return _add(project, args.file, args.source_format, args.kb_only, args.strict)
        elif args.command == "candidates":
            return _candidates(project, args.min_count, args.limit, args.source, args.add, quiet)
    except VdiploError as exc:
        print(f"vdiplo-site: {exc.one_line()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
