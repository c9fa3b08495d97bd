"""RDF in: the graph path.

- :mod:`~kg.rdf.shipped`: where the shipped ontology, shapes and scenarios live;
- :mod:`~kg.rdf.namespaces`: the one table of prefixes, and CURIEs;
- :mod:`~kg.rdf.load`: files and folders of RDF into an rdflib ``Dataset``,
  every term checked against the ontology;
- :mod:`~kg.rdf.validate`: the SHACL shapes and the verbatim-quote check.

Imports only the shared modules at the top of :mod:`kg`.
"""
