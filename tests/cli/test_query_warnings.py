"""`kg query` warns, one line each on stderr, about a query that runs but
finds less than its author meant."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import main


def warnings(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]


def test_query_warns_about_an_undeclared_term_with_the_nearest_one():
    result = CliRunner().invoke(main, ["query", "SELECT ?s WHERE { ?s a kg:Stat }"])

    assert result.exit_code == 0
    assert warnings(result) == ["Warning: line 1: kg:Stat is not a term of the ontology; "
                                "did you mean kg:State?"]


def test_query_warns_about_a_plain_string_compared_with_a_label():
    result = CliRunner().invoke(main, ["query", 'SELECT ?q WHERE { ?q rdfs:label "Quad" }'])

    assert result.exit_code == 0
    assert warnings(result) == ['Warning: line 1: labels are language-tagged: write "Quad"@en '
                                '(a plain "Quad" matches no label)']


def test_query_with_the_language_tag_finds_the_quad_and_gets_no_warning():
    result = CliRunner().invoke(main, ["query", "--format", "csv",
                                       'SELECT ?q WHERE { ?q rdfs:label "Quad"@en }'])

    assert result.exit_code == 0
    assert warnings(result) == []
    assert result.stdout == "q\nhttps://w3id.org/kg-relations/id/quad\n"


def test_a_named_query_gets_no_warning():
    result = CliRunner().invoke(main, ["query", "--name", "stats-agreements"])

    assert result.exit_code == 0
    assert warnings(result) == []
