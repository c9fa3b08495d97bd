"""What a query worker answers when the engine fails: the query's fault
(``refused``, HTTP 400) or the engine's (``error``, HTTP 500), in one line."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.server.pool import Job, answer
from kg.sparql.engine_common import QueryRefused


class FailingEngine:
    """An engine whose every query raises ``error``."""

    def __init__(self, error: BaseException):
        self.error = error

    def graphs(self) -> set:
        return set()

    def execute(self, checked, bindings, *, limit):
        raise self.error


@pytest.mark.parametrize(("error", "reply"), [
    (QueryRefused("the store refused the query: no GROUP BY here"),
     ("refused", "the store refused the query: no GROUP BY here")),
    (KGError("the store failed: disk full", file="store"),
     ("error", "store: the store failed: disk full")),
    (RecursionError(), ("error", "the query is nested too deeply for the engine")),
    (ValueError("bad value\nmore detail"), ("error", "the engine failed: ValueError: bad value")),
])
def test_an_engine_error_is_refused_only_when_the_query_is_at_fault(error, reply):
    engine = FailingEngine(error)

    got = answer(engine, Job("SELECT * WHERE { ?s ?p ?o }", formats=("json", "ttl")))

    assert got == reply
