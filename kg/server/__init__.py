"""``kg serve``: a SPARQL endpoint and a workbench over a graph.

- :mod:`~kg.server.app`: the configuration and the Starlette app;
- :mod:`~kg.server.protocol`: the SPARQL 1.1 Protocol (queries only) and
  the service description; :mod:`~kg.server.formats`: content negotiation
  and the result writers;
- :mod:`~kg.server.pool`: the workers that run queries (off the network,
  killed at their time limit) and the gate that bounds them;
  :mod:`~kg.server.zygote`: the process that forks them;
- :mod:`~kg.server.middleware`: security headers and the access log;
- :mod:`~kg.server.workbench`: the pages (home, query, resource, search,
  scenario), with :mod:`~kg.server.resource`, :mod:`~kg.server.search`,
  :mod:`~kg.server.scenario`, :mod:`~kg.server.analysis_page`,
  :mod:`~kg.server.neighbours`, :mod:`~kg.server.completion` and
  :mod:`~kg.server.terms`; assets in ``static/`` (Yasgui, vendored from
  npm) and ``templates/``.

Reads the library's results (:mod:`kg.pages`, :mod:`kg.signed`,
:mod:`kg.sparql`, :mod:`kg.rdf`); nothing in the library imports it.
"""
