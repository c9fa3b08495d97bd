"""A table cut to a width: the widest text gives way, numbers and the width itself are kept."""

from __future__ import annotations

import random

from kg.tabular import ELLIPSIS, cut_text, display_width, fit_widths, format_rows

GAP = 2


def brute_force_cap(widths, floors, budget):
    """The widest cap under which the columns fit, found by trying them all."""
    fitting = [cap for cap in range(max(widths) + 1)
               if sum(min(w, max(cap, f)) for w, f in zip(widths, floors, strict=True)) <= budget]
    return max(fitting) if fitting else 0


def test_fit_widths_agrees_with_a_brute_force_search_on_random_tables():
    rng = random.Random(13)
    for _ in range(2000):
        widths = [rng.randint(1, 60) for _ in range(rng.randint(1, 6))]
        floors = [min(w, rng.randint(1, 12)) for w in widths]
        total = rng.randint(10, 200)
        budget = total - GAP * (len(widths) - 1)

        fitted = fit_widths(widths, total, floors=floors)

        cap = brute_force_cap(widths, floors, budget)
        columns = list(zip(floors, fitted, widths, strict=True))
        assert all(f <= got <= w for f, got, w in columns)
        assert all(got >= min(w, max(cap, f)) for f, got, w in columns)
        if sum(widths) <= budget:
            assert fitted == widths
        elif sum(floors) <= budget:
            assert sum(fitted) == budget  # a cut table fills the width exactly
        else:
            assert fitted == floors  # too narrow even for the floors: readable beats fitting


def test_a_table_that_fits_is_left_alone():
    rows = [["kgr:a", "short"]]
    assert format_rows(["actor", "quote"], rows, width=80) == format_rows(["actor", "quote"], rows)


def test_numbers_are_never_cut():
    table = format_rows(["quote", "amount"], [["a" * 40, 68700000000]], width=30)
    assert table.splitlines()[2].endswith("68700000000")


def test_text_gives_way_before_names():
    table = format_rows(["pressure", "quote"],
                        [["kgr:pressure-us-tariffs-on-india", "The tariffs of 50% " * 5]],
                        width=60)
    assert table.splitlines()[2] == ("kgr:pressure-us-tariffs-on-india  The tariffs of 50% The "
                                     "ta" + ELLIPSIS)


def test_names_are_cut_when_cutting_text_is_not_enough():
    table = format_rows(["a", "b"], [["x" * 40, "y" * 40]], width=40)
    assert table.splitlines()[2] == "x" * 18 + ELLIPSIS + "  " + "y" * 18 + ELLIPSIS


def test_on_cut_counts_the_cells_that_were_cut():
    counts = []
    format_rows(["quote"], [["a long quote " * 5], ["short"]], width=20, on_cut=counts.append)
    assert counts == [1]


def test_wide_characters_take_two_columns():
    table = format_rows(["city", "n"], [["東京", 1], ["Zürich", 2]])
    first, second = table.splitlines()[2:]
    assert display_width(first) == display_width(second) == 9


def test_a_cut_never_splits_a_wide_character_past_the_width():
    assert cut_text("東京タワー", 5) == "東京" + ELLIPSIS
    assert display_width(cut_text("東京タワー", 6)) <= 6
