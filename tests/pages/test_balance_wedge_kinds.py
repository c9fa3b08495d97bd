"""The balance page lists coercive wedges beside the accommodative ones."""

from pathlib import Path

import networkx as nx

from kg.pages.network_page import balance_findings
from kg.rdf.load import load
from kg.signed.network import signed_graph

STRATEGIES = Path(__file__).parents[1] / "signed" / "wedge_strategies.trig"


def test_balance_findings_list_a_coercive_wedge_with_its_prediction():
    dataset = load([STRATEGIES])
    page = nx.MultiGraph()
    page.add_nodes_from((n, {"label": label})
                        for n, label in signed_graph(dataset).nodes(data="label"))

    _, found, _ = balance_findings(dataset, page)

    assert [(f.label, f.note) for f in found.items] == [
        ("Pella pulls Avalon away from Brisa", "sponsors: Sudland (positive); score 0.111"),
        ("Brisa pulls Avalon away from Pella", "sponsors: none; score 0.000"),
        ("Westmark, a common enemy of Avalon and Brisa, presses Avalon",
         "coercive: predicted to tighten the pair; sponsors: Westmark (pressing)"),
        ("Westmark, a common enemy of Avalon and Pella, presses Avalon",
         "coercive: predicted to tighten the pair; sponsors: Westmark (pressing)"),
    ]


def test_a_triangle_note_says_when_a_mixed_pair_never_held_its_two_signs_at_once():
    from conftest import FIXTURES

    from kg.pages.pagegraph import lens, page_graph

    dataset = load([FIXTURES / "apart.trig"])
    triangles, *_ = balance_findings(dataset, lens(page_graph(dataset), "balance"))

    assert [f.note for f in triangles.items] == [
        "Eastvale ± Northmark (never at the same time); Eastvale + Westholm; "
        "Northmark + Westholm"]
