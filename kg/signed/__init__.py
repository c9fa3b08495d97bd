"""The signed network: the analysis path.

- :mod:`~kg.signed.network`: the projection of RDF onto a network of actors;
- :mod:`~kg.signed.edgelist`: signed edge lists from CSV;
- :mod:`~kg.signed.arrays`: the array form the measures run on;
- :mod:`~kg.signed.triads`, :mod:`~kg.signed.balance`: triangles and
  structural balance;
- :mod:`~kg.signed.frustration` (with :mod:`~kg.signed.frustration_heuristic`
  and :mod:`~kg.signed.frustration_exact`): the frustration index;
- :mod:`~kg.signed.deadline`: the clock that keeps a time limit;
- :mod:`~kg.signed.strategic`: Dittmer's strategic triangles;
- :mod:`~kg.signed.wedges`, :mod:`~kg.signed.centrality`,
  :mod:`~kg.signed.whatif`: wedges (accommodative and coercive), centrality,
  what-if;
- :mod:`~kg.signed.hypotheses`: the wedge strategies the sources claim,
  read against the network;
- :mod:`~kg.signed.mixed`: mixed pairs (allies that are also rivals) with
  both components;
- :mod:`~kg.signed.explain`: the statements and quotes behind an edge;
- :mod:`~kg.signed.actors`: an actor by what a person types;
- :mod:`~kg.signed.network_export`: the network as GraphML, GEXF or CSV;
- :mod:`~kg.signed.history`, :mod:`~kg.signed.timeline`,
  :mod:`~kg.signed.census`: dated ties, the network step by step, the
  triad census kept up to date.

Imports :mod:`kg.sparql`, :mod:`kg.rdf` and the shared modules; never
:mod:`kg.pages`.
"""
