"""RDF in: the graph path.

- :mod:`~kg.rdf.shipped`: where the shipped ontology, shapes and scenarios live;
- :mod:`~kg.rdf.namespaces`: the one table of prefixes, and CURIEs;
- :mod:`~kg.rdf.sources`: the rules every reader of a user's file follows
  (UTF-8 with or without a byte-order mark; nothing read from the network
  or another file, JSON-LD contexts included);
- :mod:`~kg.rdf.load`: files and folders of RDF into an rdflib ``Dataset``,
  every term checked against the ontology;
- :mod:`~kg.rdf.validate`: the SHACL shapes and the verbatim-quote check.

Imports only the shared modules at the top of :mod:`kg`.
"""
