"""Command line: ``vdiplo-site build | serve | check | search | candidates``, a thin layer over the library.

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
from .errors import VdiploError
from .project import Project

EPILOG = """examples:
  vdiplo-site build              regenerate kb/ and build site/
  vdiplo-site build --kb-only    regenerate kb/ only
  vdiplo-site serve              regenerate kb/ and preview on http://127.0.0.1:8000
  vdiplo-site check              exit 1 if the committed kb/ differs from a fresh build
  vdiplo-site search 價值外交     print the top search results, as the site's search box shows them
                                 (exit 1 and "no results" when nothing matches)
  vdiplo-site candidates --min-count 3 --limit 20
                                 list likely entity names the gazetteer lacks, one a line:
                                 total, name, English, per-source counts, evidence (tabs)
"""


class _OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (``vdiplo-site search:
    error: argument --top: …``), exit status 2; ``--help`` still shows the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="vdiplo-site",
        description="Build the value-diplomacy knowledge base.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: .)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    p_build = sub.add_parser("build", help="regenerate kb/ and build site/ (e.g. vdiplo-site build)")
    p_build.add_argument("--kb-only", action="store_true", help="regenerate kb/ but do not run MkDocs")
    p_serve = sub.add_parser("serve", help="regenerate kb/ and preview (e.g. vdiplo-site serve)")
    p_serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address:port to serve on")
    sub.add_parser("check", help="check kb/ is fresh (e.g. vdiplo-site check)")
    cand_help = "list likely entity names missing from the gazetteer (e.g. vdiplo-site candidates --limit 20)"
    p_cand = sub.add_parser("candidates", help=cand_help, description=cand_help)
    p_cand.add_argument(
        "--min-count", type=int, default=2, help="fewest occurrences in all sources (default: 2)"
    )
    p_cand.add_argument("--limit", type=int, default=50, help="most names to list, 0 for all (default: 50)")
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


def _serve(project: Project, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve

    build(project, site=False)
    serve(config_file=str(project.mkdocs_config), dev_addr=dev_addr)


def _check(project: Project) -> int:
    stale = stale_kb_paths(project)
    for path in stale:
        print(f"kb/{path}: differs from a fresh build (run 'vdiplo-site build')", file=sys.stderr)
    return 1 if stale else 0


def _candidates(project: Project, min_count: int, limit: int) -> int:
    from .candidates import declared_abbreviations, find_candidates, format_candidate, format_declaration
    from .entities.gazetteer import load_not_entities
    from .pipeline import gather

    kb = gather(project)
    explained = load_not_entities(project.gazetteer, kb.entities)
    found = find_candidates(
        kb.documents, kb.entities, min_count=min_count, limit=limit or None, explained=explained
    )
    for candidate in found:
        print(format_candidate(candidate))
    declared = declared_abbreviations(kb.documents, kb.entities)
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
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    # jieba (used by Material's search) sets its own logger to DEBUG on import; keep it quiet.
    import jieba

    jieba.setLogLevel(logging.INFO if args.verbose else logging.WARNING)
    project = Project(args.root.resolve())
    try:
        if args.command == "build":
            build(project, site=not args.kb_only)
        elif args.command == "serve":
            _serve(project, args.dev_addr)
        elif args.command == "check":
            return _check(project)
        elif args.command == "search":
            return _search(project, " ".join(args.query), args.top)
        elif args.command == "candidates":
            return _candidates(project, args.min_count, args.limit)
    except VdiploError as exc:
        print(f"vdiplo-site: {exc.one_line()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
