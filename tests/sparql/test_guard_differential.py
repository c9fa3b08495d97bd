"""The guard and the engines read the same query.

A corpus of escape, comment, IRI and string tricks, each hiding a SERVICE
call or a LOAD to a listener on 127.0.0.1, goes to the guard; every query
the guard lets through is then run by Oxigraph exactly as kg hands it
over, in this process (no query worker, so no network namespace hides a
gap), and the listener must see no connection.
"""

from __future__ import annotations

import itertools
import random

import pyoxigraph
import pytest
from click.testing import CliRunner
from network_helpers import Listener
from query_helpers import make_store

from kg.cli import main
from kg.errors import KGError
from kg.rdf.namespaces import PREFIXES
from kg.sparql.guard import check_query

# The probe's query: harmless strings to a reader that decodes escapes
# everywhere, a SERVICE call to one that decodes them only in strings.
PROBE = (r'SELECT * WHERE {{ BIND(<kg:x\u0041#> AS ?i) BIND("a\u0022 + " AS ?x) '
         r'SERVICE <{url}> {{ ?s2 ?p2 ?o2 }} BIND(" + \u0022e" AS ?y) }}')
PROBE_UPDATE = (r'INSERT DATA {{ <urn:a> <urn:b> "a\u0022 }} ; '
                r'LOAD <{url}/payload.nt> ; INSERT DATA {{ <urn:c> <urn:d> \u0022e" }}')

# Ways to open and close a region that one reader takes for text and the
# other for syntax.
OPENERS = [r"\u0022", r"\u0027", r'"\u0022', r"\U00000022", r"\u00000022", r"\u005C\u0022",
           r"\\u0022", r"\u0023", r"#\u000A", r"\u003C", r"<kg:x\u0041#>", r"\u000A#",
           r"'''\u0027", r'"""\u0022', r"\u0020", r"\uD800", r"\u005Cu0022"]
HIDERS = [
    'BIND("{o} " AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} BIND(" {o}" AS ?y)',
    "BIND('{o} ' AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} BIND(' {o}' AS ?y)",
    'BIND(<urn:x{o}> AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} BIND(<urn:y{o}> AS ?y)',
    '# {o}\n SERVICE <{url}> {{ ?a ?b ?c }} # {o}',
    'BIND("""{o}""" AS ?x) SERVICE <{url}> {{ ?a ?b ?c }}',
    '{o} SERVICE <{url}> {{ ?a ?b ?c }} {o}',
    'SERV{o}ICE <{url}> {{ ?a ?b ?c }}',
    'S\\u0045RVICE <{url}> {{ ?a ?b ?c }} {o}',
    '\\u0053ERVICE <{url}{o}> {{ ?a ?b ?c }}',
]


def corpus(url: str) -> list[str]:
    queries = [PROBE.format(url=url)]
    for hider, opener in itertools.product(HIDERS, OPENERS):
        body = hider.format(o=opener, url=url)
        queries.append(f"SELECT * WHERE {{ {body} }}")
    # Random mixes of the pieces, seeded, for what the list above misses.
    rng = random.Random(20261130)
    pieces = OPENERS + ['"', "'", "<", ">", "#", "\n", "{", "}", " . ", "?x", "kg:a"]
    for _ in range(300):
        left = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        right = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        queries.append(f"SELECT * WHERE {{ BIND({left} AS ?x) SERVICE <{url}> "
                       f"{{ ?a ?b ?c }} BIND({right} AS ?y) }}")
    return queries


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.close()


def oxigraph_runs(text: str, *, update: bool = False) -> None:
    """Run ``text`` as kg hands it to Oxigraph, in this process."""
    store = pyoxigraph.Store()
    try:
        if update:
            store.update(text, prefixes=PREFIXES)
        else:
            list(store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True))
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass  # refused or failed: what matters is whether it connected


def test_the_listener_sees_a_service_call_that_skips_the_guard(listener):
    # The control: without the guard, Oxigraph does call the listener.
    oxigraph_runs(f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}")
    assert listener.connections() >= 1


def test_no_query_the_guard_passes_reaches_the_network(listener):
    passed = []
    for text in corpus(f"{listener.url}/sparql"):
        try:
            checked = check_query(text)
        except KGError:
            continue
        passed.append(checked.text)
        oxigraph_runs(checked.text)
    assert listener.connections() == 0
    assert passed, "the corpus should hold queries the guard accepts as harmless"


def test_the_probe_update_is_read_as_the_load_it_is():
    with pytest.raises(KGError, match="LOAD is not allowed"):
        check_query(PROBE_UPDATE.format(url="http://127.0.0.1:9"), allow_update=True)


def test_the_guard_checks_and_passes_on_the_decoded_text():
    checked = check_query(r'SELECT ?x WHERE { BIND("caf\u00E9" AS ?x) }')
    assert checked.text == 'SELECT ?x WHERE { BIND("café" AS ?x) }'


def test_an_escape_that_decodes_to_an_escape_is_refused():
    with pytest.raises(KGError, match="decodes to another escape"):
        check_query(r'SELECT ?x WHERE { BIND("\u005Cu0022" AS ?x) }')


def test_an_escape_of_no_character_is_refused():
    with pytest.raises(KGError, match=r"\\uD800 is not a Unicode character"):
        check_query(r'SELECT ?x WHERE { BIND("\uD800" AS ?x) }')


@pytest.mark.parametrize("source", ["--data", "--store", None])
def test_the_probe_file_does_not_reach_the_listener(tmp_path_factory, listener, source):
    folder = tmp_path_factory.mktemp("probe")
    query = folder / "b.rq"
    query.write_text(PROBE.format(url=f"{listener.url}/sparql"), encoding="utf-8")
    args = ["query", "--file", str(query)]
    if source == "--data":
        args += ["--data", "tests/fixtures/triangle.trig"]
    elif source == "--store":
        args += ["--store", str(make_store(tmp_path_factory))]
    result = CliRunner().invoke(main, args)
    assert listener.connections() == 0
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_probe_update_writes_nothing_remote_into_a_store(tmp_path_factory, listener):
    store = make_store(tmp_path_factory)
    result = CliRunner().invoke(main, ["query", "--store", str(store), "--update",
                                       PROBE_UPDATE.format(url=listener.url)])
    assert listener.connections() == 0
    asked = CliRunner().invoke(main, ["query", "--store", str(store),
                                      "ASK { <urn:c> ?p ?o }"])
    assert result.exit_code == 2
    assert "LOAD is not allowed" in result.output
    assert asked.output == "false\n"
