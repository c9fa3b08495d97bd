"""The incremental triad census against the census recounted from scratch."""

import random

import pytest

from kg.signed.arrays import SignedEdges
from kg.signed.census import IncrementalCensus
from kg.signed.triads import triad_census


def recount(signs: dict) -> dict:
    pairs = sorted(signs)
    return triad_census(SignedEdges.from_rows([str(a) for a, _ in pairs],
                                              [str(b) for _, b in pairs],
                                              [signs[p] for p in pairs], [1.0] * len(pairs)))


@pytest.mark.parametrize("seed", range(8))
def test_incremental_census_equals_recount_after_every_change(seed):
    rng = random.Random(seed)
    census, signs = IncrementalCensus(), {}
    for _ in range(300):
        a, b = sorted(rng.sample(range(9), 2))
        sign = rng.choice((1, -1, None))
        census.set(a, b, sign)
        if sign is None:
            signs.pop((a, b), None)
        else:
            signs[(a, b)] = sign

        assert census.counts() == recount(signs)


@pytest.mark.parametrize("seed", range(4))
def test_incremental_census_equals_recount_at_every_step_of_a_history(seed):
    rng = random.Random(100 + seed)
    census, signs = IncrementalCensus(), {}
    for _step in range(40):
        for _ in range(rng.randrange(1, 12)):  # several ties change at one step
            a, b = sorted(rng.sample(range(12), 2))
            sign = rng.choice((1, 1, -1, None))
            census.set(b, a, sign)  # either order names the pair
            if sign is None:
                signs.pop((a, b), None)
            else:
                signs[(a, b)] = sign

        assert census.counts() == recount(signs)
        assert census.triangles == sum(recount(signs).values())


def test_incremental_census_ignores_a_change_that_changes_nothing():
    census = IncrementalCensus([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)])
    census.set("a", "c", -1)
    census.set("x", "y", None)

    assert census.counts() == {"+++": 0, "++-": 1, "+--": 0, "---": 0}
    assert census.share == 0.0


def test_incremental_census_refuses_a_self_loop():
    with pytest.raises(ValueError):
        IncrementalCensus().set("a", "a", 1)
