"""kg timeline and kg diff, and --as-of on the analysis commands, on dated histories."""

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from kg.cli import main

DATED = str(FIXTURES / "dated.trig")
TRIANGLE = "data/triangle-1969-1972"
HEADER = ("date,positive,negative,mixed,triangles,share_balanced,frustration,"
          "frustration_exact,dittmer_changes,top_wedge")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def csv_lines(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_timeline_every_year_counts_ties_triangles_and_dittmer_changes():
    result = run("timeline", DATED, "--from", "1912", "--to", "1916", "--format", "csv")

    assert csv_lines(result) == [
        HEADER,
        "1912,2,0,0,0,,0,true,,",
        # the crisis of 2-9 October 1913 is in the year 1913: Brigadoon-Cockaigne is mixed
        "1913,1,0,1,0,,0,true,,",
        # the rivalry from May 1914 closes a triangle
        "1914,2,1,0,1,0.0,1,true,\"Avalon, Brigadoon, Cockaigne: no triangle → romantic "
        "triangle (pivot Brigadoon)\",Cockaigne pulls Brigadoon from Avalon (strain 0.63)",
        "1915,2,1,0,1,0.0,1,true,,Cockaigne pulls Brigadoon from Avalon (strain 0.63)",
        # the alliance of 1882 to 1915 holds to the last day of 1915, not after
        "1916,1,1,0,0,,0,true,\"Avalon, Brigadoon, Cockaigne: romantic triangle (pivot "
        "Brigadoon) → no triangle\",",
    ]
    assert "5 steps from 1912 to 1916, every year; undated ties in every step" in result.stderr


def test_timeline_every_month_sees_a_crisis_of_a_few_days_in_its_month_only():
    result = run("timeline", DATED, "--every", "month", "--from", "1913-09", "--to", "1913-11",
                 "--format", "csv")

    assert csv_lines(result)[1:] == ["1913-09,2,0,0,0,,0,true,,", "1913-10,1,0,1,0,,0,true,,",
                                     "1913-11,2,0,0,0,,0,true,,"]


def test_timeline_every_change_steps_on_each_first_day_and_each_day_after_an_end():
    result = run("timeline", DATED, "--every", "change", "--format", "csv")

    assert [line.split(",")[0] for line in csv_lines(result)[1:]] == [
        "1882-01-01", "1913-10-02", "1913-10-10", "1914-05-01", "1916-01-01"]


def test_timeline_dated_only_leaves_out_the_undated_partnership():
    result = run("timeline", DATED, "--from", "2024", "--to", "2024", "--dated-only",
                 "--format", "csv")

    assert csv_lines(result)[1:] == ["2024,0,1,0,0,,0,true,,"]


def test_timeline_changes_list_each_statement_with_its_quote():
    result = run("timeline", DATED, "--every", "change", "--changes", "--format", "json")

    rows = json.loads(result.stdout)
    assert rows[2] == {"date": "1913-10-02", "change": "changed sign",
                       "tie": "Brigadoon – Cockaigne", "before": "+", "after": "- mixed",
                       "statement": "kgr:crisis-1913", "statement was": "began",
                       "quote": "Cockaigne pressed Brigadoon from 2 to 9 October 1913."}


def test_timeline_of_the_triangle_shows_the_1969_clash_before_the_1971_72_opening():
    result = run("timeline", TRIANGLE, "--every", "month", "--changes", "--format", "csv")

    lines = csv_lines(result)
    clash = next(i for i, line in enumerate(lines) if "border-conflict,began" in line)
    opening = [i for i, line in enumerate(lines)
               if line.startswith(("1971-07,", "1972-02,")) and ",China – United States," in line
               and ",began," in line]
    assert lines[clash].startswith("1969-03,changed weight,China – Soviet Union,-,-,")
    assert {lines[i][:7] for i in opening} == {"1971-07", "1972-02"}
    assert clash < min(opening)


def write(tmp_path, text, name="ties.csv"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_timeline_reads_an_edge_list_with_start_and_end(tmp_path):
    edges = write(tmp_path, "source,target,sign,start,end\n"
                            "A,B,+,1969,1970-06\n"
                            "B,C,-,,\n"
                            "A,C,-,1970-03-15,\n")

    result = run("timeline", "--edges", edges, "--to", "1971", "--format", "csv")

    assert csv_lines(result)[1:] == [
        "1969,1,1,0,0,,0,true,,",
        "1970,1,2,0,1,1.0,0,true,\"A, B, C: no triangle → stable marriage (outcast C)\",",
        "1971,0,2,0,0,,0,true,\"A, B, C: stable marriage (outcast C) → no triangle\",",
    ]


def test_diff_of_an_edge_list_names_its_lines(tmp_path):
    edges = write(tmp_path, "source,target,sign,start,end\nA,B,+,1969,1970-06\nB,C,-,,\n")

    result = run("diff", "--edges", edges, "--as-of", "1969", "--as-of", "1971", "--format",
                 "csv")

    assert csv_lines(result)[1:] == [f"ended,A – B,+,,{edges}:2,ended,"]


@pytest.mark.parametrize(("row", "message"), [
    ("A,B,+,1969-13,", "ties.csv:2: start '1969-13' is not a date: write a year (1972), a "
                       "month (1972-02) or a day (1972-02-21)"),
    ("A,B,+,1971,1969", "ties.csv:2: begins 1971 after it ends 1969"),
    ("A,B,+,,1969-02-30", "ties.csv:2: end '1969-02-30' is not a date"),
    ("A,A,+,1969,", "ties.csv:2: self-loop: A is tied to itself"),
])
def test_a_bad_date_in_an_edge_list_is_one_line_with_file_and_line(tmp_path, row, message):
    edges = write(tmp_path, f"source,target,sign,start,end\n{row}\n")

    for command in (["timeline"], ["balance", "--as-of", "1970"]):
        result = run(*command, "--edges", edges)

        assert result.exit_code == 2
        assert message in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_timeline_chart_is_byte_identical_across_runs_and_valid(tmp_path, suffix):
    first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"

    for target in (first, second):
        result = run("timeline", DATED, "--every", "change", "--chart", target)
        assert result.exit_code == 0, result.output

    assert first.read_bytes() == second.read_bytes()
    if suffix == "svg":
        assert ET.fromstring(first.read_bytes()).tag == "{http://www.w3.org/2000/svg}svg"
    else:
        from PIL import Image

        with Image.open(first) as image:
            image.verify()
            assert image.format == "PNG"


def test_timeline_output_is_byte_identical_across_runs():
    for fmt in ("csv", "json"):
        first = run("timeline", TRIANGLE, "--every", "change", "--format", fmt)
        second = run("timeline", TRIANGLE, "--every", "change", "--format", fmt)

        assert first.exit_code == 0 and first.stdout == second.stdout


def test_timeline_says_when_a_steps_wedge_search_was_skipped(monkeypatch):
    monkeypatch.setattr("kg.signed.wedges.MAX_WORK", 0)

    result = run("timeline", DATED, "--from", "1914", "--to", "1914", "--format", "csv")

    assert csv_lines(result)[1].endswith(",skipped: too many candidates")


def test_timeline_refuses_a_chart_that_is_not_svg_or_png(tmp_path):
    result = run("timeline", DATED, "--chart", tmp_path / "chart.pdf")

    assert result.exit_code == 2
    assert "--chart FILE must end in .svg or .png" in result.stderr


def test_diff_lists_the_ties_that_appeared_ended_and_changed_sign_with_quotes():
    result = run("diff", DATED, "--as-of", "1913-10-05", "--as-of", "1916", "--format", "csv")

    assert csv_lines(result) == [
        "change,tie,before,after,statement,statement was,quote",
        "ended,Avalon – Brigadoon,+,,kgr:alliance-1882,ended,"
        "Avalon and Brigadoon were allies from 1882 to 1915.",
        "appeared,Avalon – Cockaigne,,-,kgr:rivalry-1914,began,"
        "Avalon and Cockaigne have been rivals since May 1914.",
        "changed sign,Brigadoon – Cockaigne,- mixed,+,kgr:crisis-1913,ended,"
        "Cockaigne pressed Brigadoon from 2 to 9 October 1913.",
    ]
    assert "from 1913-10-05 to 1916, ties: 1 appeared, 1 ended, 1 changed sign, 0 changed weight" \
        in result.stderr


@pytest.mark.parametrize("dates", [["1913"], ["1913", "1914", "1915"]])
def test_diff_needs_exactly_two_dates(dates):
    result = run("diff", DATED, *[arg for d in dates for arg in ("--as-of", d)])

    assert result.exit_code == 2
    assert "give --as-of exactly twice" in result.stderr


# --- --as-of on the analysis commands: each precision, open ends, undated ties ---------


def balance_line(*args) -> str:
    result = run("balance", DATED, *args)
    assert result.exit_code == 0, result.output
    return next(line for line in result.stdout.splitlines() if line.startswith("balanced:"))


@pytest.mark.parametrize(("as_of", "expected"), [
    ("1914-04-30", "balanced: 0 of 0 triangles (n/a)"),  # a day before the rivalry's month
    ("1914-05-01", "balanced: 0 of 1 triangle (0%)"),    # its month holds from the first day
    ("1914-04", "balanced: 0 of 0 triangles (n/a)"),
    ("1914-05", "balanced: 0 of 1 triangle (0%)"),
    ("1914", "balanced: 0 of 1 triangle (0%)"),          # a year meets May 1914
    ("1915-12-31", "balanced: 0 of 1 triangle (0%)"),    # the alliance ends with 1915
    ("1916-01-01", "balanced: 0 of 0 triangles (n/a)"),
    ("2024", "balanced: 0 of 0 triangles (n/a)"),
])
def test_balance_as_of_reads_each_date_at_its_precision(as_of, expected):
    assert balance_line("--as-of", as_of) == expected


def test_balance_without_a_date_reads_every_statement():
    # the crisis and the partnership together: Brigadoon-Cockaigne is negative (+4 - 6)
    assert balance_line() == "balanced: 1 of 1 triangle (100%)"


def test_balance_dated_only_leaves_out_the_undated_partnership():
    assert balance_line("--as-of", "1914-06") == "balanced: 0 of 1 triangle (0%)"
    assert balance_line("--as-of", "1914-06", "--dated-only") == \
        "balanced: 0 of 0 triangles (n/a)"


def degree(*args) -> dict:
    result = run("centrality", DATED, "--measure", "degree", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {row["actor"]: (row["positive"], row["negative"]) for row in
            json.loads(result.stdout)}


def test_a_crisis_of_a_few_days_is_in_the_view_of_its_days_only():
    during = degree("--as-of", "1913-10-05")
    after = degree("--as-of", "1913-11")

    assert during["Brigadoon"] == (1, 1)  # Cockaigne's pressure outweighs the partnership
    assert after["Brigadoon"] == (2, 0)


def test_an_agreement_ties_its_parties_by_its_status_then():
    def strength(as_of):
        result = run("centrality", DATED, "--layers", "agreement", "--measure", "strength",
                     "--format", "json", "--as-of", as_of)
        assert result.exit_code == 0, result.output
        return {row["actor"]: row["strength"] for row in json.loads(result.stdout)}

    assert strength("1911")["Avalon"] == 4.0   # proposed in 1910
    assert strength("1913")["Avalon"] == 8.0   # signed on 3 March 1912


def test_the_view_of_an_edge_list_says_which_rows_it_holds(tmp_path):
    edges = write(tmp_path, "source,target,sign,start,end\nA,B,+,1969,1970-06\nB,C,-,,\n"
                            "A,C,-,1970-03-15,\n")

    result = run("balance", "--edges", edges, "--as-of", "1970-04")

    assert "balanced: 1 of 1 triangle (100%)" in result.stdout
    assert "as of 1970-04: 2 of 2 dated rows in the view; undated rows always in" in \
        result.stderr


def test_wide_shows_a_long_cell_whole():
    args = ["timeline", str(TRIANGLE), "--every", "change"]
    cut = CliRunner().invoke(main, args, terminal_width=80)
    whole = CliRunner().invoke(main, [*args, "--wide"], terminal_width=80)
    assert "--wide shows them whole" in cut.stderr
    assert "romantic triangle (pivot United States)" in whole.stdout


def test_the_first_step_lists_its_ties_as_there_at_start_and_undated_ones_as_undated():
    result = run("timeline", str(FIXTURES / "dated.trig"), "--every", "change", "--changes",
                 "--format", "csv")

    rows = [line.split(",")[:7] for line in result.stdout.splitlines()[1:3]]
    assert rows == [
        ["1882-01-01", "at start", "Avalon – Brigadoon", "", "+", "kgr:alliance-1882", "in view"],
        ["1882-01-01", "at start", "Brigadoon – Cockaigne", "", "+", "kgr:partnership",
         "undated"]]
