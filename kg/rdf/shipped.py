"""Where the shipped ontology, shapes and data live.

In a wheel they sit inside the package (``kg/_ontology``, ``kg/_data``);
in a checkout they are the top-level ``ontology/`` and ``data/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _shipped(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` and ``shapes.ttl``."""
    return _shipped("_ontology", "ontology")


def data_dir() -> Path:
    """The folder holding the curated scenarios, one sub-folder each."""
    return _shipped("_data", "data")


def ontology_path() -> Path:
    return ontology_dir() / "kg.ttl"


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


DEFAULT_SCENARIO = "summit-2025"


def scenario_dirs() -> list[Path]:
    """The folders of the shipped scenarios, sorted (not hidden ones).

    Examples
    --------
    >>> [folder.name for folder in scenario_dirs()]
    ['summit-2025', 'triangle-1969-1972']
    """
    return sorted(p for p in data_dir().iterdir()
                  if p.is_dir() and not p.name.startswith((".", "_")))


def scenario_dir(name: str = DEFAULT_SCENARIO) -> Path:
    """The folder of one shipped scenario, e.g. ``scenario_dir("summit-2025")``."""
    return data_dir() / name


def context_path() -> Path:
    """The ontology's JSON-LD context: the prefixes of
    :data:`kg.rdf.namespaces.PREFIXES`, for JSON-LD files to name or copy."""
    return ontology_dir() / "context.jsonld"
