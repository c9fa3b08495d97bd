"""Shared fixtures: the shipped data, loaded once per test session, and the
docs site, built once; helpers to run the project's scripts as modules, and
to keep code off the network."""

from __future__ import annotations

import contextlib
import importlib.util
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def script(relative: str):
    """A script of the project (``"scripts/gallery.py"``) as a module, as when
    it runs: its folder on ``sys.path``, its name in ``sys.modules`` (its
    dataclasses look themselves up there). Loaded once."""
    path = ROOT / relative
    loaded = sys.modules.get(path.stem)
    if loaded is not None and getattr(loaded, "__file__", None) == str(path):
        return loaded
    if str(path.parent) not in sys.path:
        sys.path.append(str(path.parent))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def offline(why: str):
    """Refuse every connection, datagram and name lookup inside the block."""
    def refuse(*args, **kwargs):
        raise OSError(why)

    with pytest.MonkeyPatch.context() as patch:
        for name in ("connect", "connect_ex", "sendto"):
            patch.setattr(socket.socket, name, refuse)
        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
            patch.setattr(socket, name, refuse)
        yield


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

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("site")
    before = os.getcwd()
    os.chdir(ROOT)
    try:
        with offline("building the docs must not reach the network"), \
                pytest.MonkeyPatch.context() as patch:
            patch.setenv("NO_MKDOCS_2_WARNING", "1")
            build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(folder), strict=True))
    finally:
        os.chdir(before)
    return folder
