"""SPARQL: the query path.

- :mod:`~kg.sparql.guard`: the safety check every query passes first;
- :mod:`~kg.sparql.named`: the shipped queries (``queries/*.rq``) and
  their headers; :func:`~kg.sparql.named.select` runs one on rdflib;
- :mod:`~kg.sparql.run`: check, resolve parameters, bind and run;
- :mod:`~kg.sparql.engines`: the engine for a source, over
  :mod:`~kg.sparql.engine_rdflib`, :mod:`~kg.sparql.engine_oxigraph` and
  :mod:`~kg.sparql.engine_endpoint`, with :mod:`~kg.sparql.values` (bound
  parameters) and :mod:`~kg.sparql.engine_common` (the query worker: time
  limits, no network, streamed rows);
- :mod:`~kg.sparql.store`: on-disk Oxigraph stores, loaded safely, with
  :mod:`~kg.sparql.store_folder` (which folders kg may write, the lock,
  recovery from a killed load), :mod:`~kg.sparql.store_input` (what the
  bulk loader hands Oxigraph) and :mod:`~kg.sparql.store_update` (updates
  that see the dataset a query sees);
- :mod:`~kg.sparql.results`: results as tables, csv, tsv, json, RDF;
- :mod:`~kg.sparql.export`: graphs as reproducible RDF files;
- :mod:`~kg.sparql.stats`: summary counts, from named queries.

Imports :mod:`kg.rdf` and the shared modules.
"""
