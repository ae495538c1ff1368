"""The shape of the code: one import direction between the floors of the data flow, one
definition of each shared convention, and a MkDocs plugin that stays light."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

from vdiplo_site.search.files import engine_source
from vdiplo_site.text import HAN_RANGES

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "vdiplo_site"

#: The floors of the flow, in order (sources -> readers -> normalise -> passages -> mentions ->
#: lookups -> gather -> writers and search -> build -> commands). A module may import from its
#: own floor or an earlier one, never from a later one.
FLOORS = (
    (
        "neutral records and helpers",
        (
            "model",
            "errors",
            "chinese_script",
            "text",
            "outline",
            "knowledge",
            "project",
            "yaml_file",
            "schema",
            "stages",
            "workers",
            "cache",
            "codec",
            "console",
            "vendor",
        ),
    ),
    ("curated inputs", ("manifest", "entities.gazetteer")),
    ("readers", ("readers", "readers.*")),
    ("normalisation steps", ("normalise", "normalise.*")),
    ("format registry", ("formats",)),
    ("passages", ("passages",)),
    (
        "mentions",
        (
            "segment",
            "entities",
            "entities.declarations",
            "entities.exclusions",
            "entities.mentions",
            "entities.all_mentions",
        ),
    ),
    (
        "lookups",
        (
            "entities.context",
            "entities.dating",
            "entities.cited_titles",
            "entities.defining",
            "entities.lookups",
        ),
    ),
    ("gather", ("pipeline",)),
    (
        "writers and search data",
        (
            "writer",
            "writer.*",
            "search",
            "search.folding",
            "glosses",
            "search.aliases",
            "search.data",
            "search.files",
            "search.postings",
            "search.postings_cache",
            "search.shards",
        ),
    ),
    (
        "build and site",
        (
            "build",
            "site_build",
            "offline",
            "search.site_index",
            "search.runner",
            "mkdocs_plugin",
            "mkdocs_plugin.*",
        ),
    ),
    ("commands", ("candidates", "gazetteer_write", "add_source", "cli", "serve")),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor_of(module: str) -> int:
    for index, (_, patterns) in enumerate(FLOORS):
        if any(fnmatch(module, pattern) for pattern in patterns):
            return index
    raise AssertionError(f"module {module!r} is on no floor: add it to FLOORS")


def package_imports(path: Path) -> set[str]:
    """The package's own modules that ``path`` imports (lazy imports inside functions too)."""
    module = module_name(path)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                target = ".".join([*base, *([node.module] if node.module else [])])
                names = [f"{target}.{alias.name}" if target else alias.name for alias in node.names]
                found.update(name for name in [target, *names] if _is_module(name))
            elif node.module and node.module.startswith("vdiplo_site"):
                found.add(node.module.removeprefix("vdiplo_site").lstrip("."))
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("vdiplo_site.") for a in node.names if a.name.startswith("vdiplo_site")
            )
    found.discard("")
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.joinpath(*name.split("."))
    return bool(name) and (path.with_suffix(".py").exists() or (path / "__init__.py").exists())


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) or "__init__" for p in MODULES])
def test_no_module_imports_from_a_later_floor(path):
    module = module_name(path)
    if not module:
        return  # the package's own __init__
    later = [
        (imported, FLOORS[floor_of(imported)][0])
        for imported in sorted(package_imports(path))
        if floor_of(imported) > floor_of(module)
    ]
    assert later == [], f"{module} ({FLOORS[floor_of(module)][0]}) imports from later floors: {later}"


def test_readers_and_steps_do_not_import_each_other():
    for path in MODULES:
        module = module_name(path)
        imported = package_imports(path)
        if module.startswith("readers"):
            assert not [m for m in imported if m.startswith("normalise")], module
        if module.startswith("normalise"):
            assert not [m for m in imported if m.startswith("readers")], module


def test_the_floor_check_sees_relative_imports():
    """Guard of the guard: the parser finds what a known module imports."""
    notes = package_imports(PACKAGE / "normalise" / "pdf_dump_notes.py")
    assert {"errors", "model", "normalise.pdf_dump_lines"} <= notes
    assert "pipeline" in package_imports(PACKAGE / "cli.py")  # a lazy import inside a function


def test_writers_do_no_text_analysis():
    """Writers render the knowledge base: none imports the entity analysis or the segmenter."""
    for path in (PACKAGE / "writer").glob("*.py"):
        imported = package_imports(path)
        assert not {"entities.context", "entities.lookups", "segment", "pipeline"} & imported, path.name


def test_the_mkdocs_plugin_does_not_load_the_v8_binding():
    code = "import sys, vdiplo_site.mkdocs_plugin.plugin; print('py_mini_racer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_javascript_han_class_equals_the_python_ranges():
    """engine.js cannot import text.py: its one Han class must hold exactly ``HAN_RANGES``, and
    no other Han range may stand in it."""
    source = engine_source()
    expected = "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in HAN_RANGES)
    assert re.findall(r'var HAN_CLASS = "\[(.*?)\]";', source) == [expected]
    assert source.count("\\u4e00") == 1


@pytest.mark.parametrize("pattern", [r"\[\\\^", r"\\u3400-\\u4dbf", r"\^\[a-z0-9\]\[a-z0-9-\]\*\$"])
def test_each_convention_is_defined_once_in_the_package(pattern):
    """The footnote-reference pattern, the Han ranges and the id pattern each stand in one
    module (model.py or text.py); everywhere else imports them."""
    holders = [p.name for p in PACKAGE.rglob("*.py") if re.search(pattern, p.read_text(encoding="utf-8"))]
    assert len(holders) <= 1, holders


#: What turns a string into live HTML in a page script.
WRITES_HTML = re.compile(
    r"\.(?:innerHTML|outerHTML)\s*[+]?=(?!=)|insertAdjacentHTML|document\.write|createContextualFragment"
)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (PACKAGE / "writer" / "assets").glob("*.js") if not p.name.endswith(".min.js")),
    ids=lambda p: p.name,
)
def test_page_scripts_write_text_never_html(path):
    """Text from a source, from the reader or converted for the Simplified display reaches the
    page only as text (textContent, nodeValue, attribute values), never parsed as HTML."""
    assert not WRITES_HTML.findall(path.read_text(encoding="utf-8"))


def test_the_html_writing_check_sees_html_writes():
    assert WRITES_HTML.search("tip.innerHTML = entry.name;")
    assert WRITES_HTML.search("el.insertAdjacentHTML('beforeend', text)")
    assert not WRITES_HTML.search("node.nodeValue = shown; if (a.innerHTML === b) {}")


def test_opencc_converters_are_made_in_one_module():
    """Every Traditional/Simplified conversion asks :mod:`vdiplo_site.chinese_script`, which
    loads each OpenCC configuration once per process."""
    makers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "opencc.OpenCC(" in path.read_text(encoding="utf-8")
    )
    assert makers == ["chinese_script.py"]
