"""Shared fixtures: the shipped data, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def summit():
    """The shipped summit scenario as an rdflib Dataset (do not mutate)."""
    from kg.rdf.load import load

    return load()


@pytest.fixture(scope="session")
def dated():
    """The made-up dated history of tests/fixtures/dated.trig (do not mutate)."""
    from kg.rdf.load import load

    return load([FIXTURES / "dated.trig"])


@pytest.fixture(scope="session")
def triangle():
    """The shipped 1969-1972 triangle scenario (do not mutate)."""
    from kg.rdf.load import load

    return load([ROOT / "data" / "triangle-1969-1972"])


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory):
    """The site built as `make docs` builds it, with the network out of reach."""
    import os
    import socket

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("site")
    patch = pytest.MonkeyPatch()

    def refuse(*args, **kwargs):
        raise OSError("building the docs must not reach the network")

    patch.setattr(socket.socket, "connect", refuse)
    patch.setattr(socket, "getaddrinfo", refuse)
    patch.setenv("NO_MKDOCS_2_WARNING", "1")
    before = os.getcwd()
    os.chdir(ROOT)
    try:
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(folder), strict=True))
    finally:
        os.chdir(before)
        patch.undo()
    return folder
