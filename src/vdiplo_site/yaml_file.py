"""Reading the project's curated YAML files (manifest, gazetteer) with one-line errors."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import VdiploError


def read_yaml_list(path: Path, key: str, error: type[VdiploError], what: str) -> list:
    """The list under ``key`` in the YAML mapping at ``path``.

    Args:
        path: the file; key: the top-level key holding the list; error: the error class to
            raise; what: how messages name the file (e.g. "source manifest").

    Raises:
        error: the file is missing ("<what> not found"), is not YAML ("malformed <what>: …",
            with the line YAML reports), or is not a mapping with a ``key`` list.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(path, f"{what} not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise error(path, f"malformed {what}: {problem}", mark.line + 1 if mark else None) from None
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise error(path, f"malformed {what}: expected a mapping with a '{key}' list")
    return raw[key]
