"""Hostile event files: kg import events reads the files it is given and
nothing else. URLs in the data are written as IRIs, never fetched; a file
named as a URL is no file; hostile actor codes and URLs stay one line on
the terminal and valid in the RDF. A listener on 127.0.0.1 counts every
connection an import would make."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from network_helpers import Listener

from kg.cli import main


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.close()


def run(*args: str):
    return CliRunner().invoke(main, ["import", *args], prog_name="kg")


def hostile_events(tmp_path, url: str):
    """A CSV of events whose articles point at ``url`` and whose unmapped
    actor codes carry a newline, a terminal escape and quotes."""
    events = tmp_path / "events.csv"
    events.write_text(
        "date,source,target,cameo,url,mentions\n"
        f'2024-01-03,FRA,DEU,057,{url}/a?x="1"&y=<2>,5\n'
        f"2024-01-04,FRA,DEU,057,{url}/b,3\n"
        f'2024-01-05,"EV\nIL",DEU,057,{url}/c,1\n'
        "2024-01-06,\x1b[31mRED,DEU,057,file:///etc/passwd,1\n",
        encoding="utf-8")
    return events


def test_the_urls_of_events_are_written_never_fetched(tmp_path, listener):
    from kg.rdf.load import load

    events = hostile_events(tmp_path, listener.url)
    out = tmp_path / "ties.trig"

    result = run("events", str(events), "--format", "csv", "-o", str(out),
                 "--edges-out", str(tmp_path / "ties.csv"), "--explain")

    assert result.exit_code == 0, result.output
    assert listener.connections() == 0
    graph = load([out])  # the IRIs written from hostile URLs parse
    urls = {str(o) for o in graph.objects() if str(o).startswith(listener.url)}
    assert f"{listener.url}/a?x=%221%22&y=%3C2%3E" in urls
    assert "/etc/passwd" not in out.read_text()  # that event makes no tie


def test_hostile_actor_codes_stay_one_line_on_the_terminal(tmp_path, listener):
    events = hostile_events(tmp_path, listener.url)

    result = run("events", str(events), "--format", "csv")

    assert result.exit_code == 0, result.output
    summary = [line for line in result.stderr.splitlines() if line.startswith("unmapped")]
    assert len(summary) == 1
    assert "\x1b" not in result.stderr and "EV\\nIL" in summary[0]


@pytest.mark.parametrize("name", ["{url}/events.csv", "{url}/events.export.CSV.zip"])
def test_a_file_named_as_a_url_is_no_file(tmp_path, listener, name):
    path = name.format(url=listener.url)

    result = run("events", path, "--format", "csv" if path.endswith(".csv") else "gdelt")

    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: no such file\n"
    assert listener.connections() == 0
