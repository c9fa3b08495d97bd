"""kg serve: a SPARQL endpoint and a web workbench over a graph (see kg.server.app)."""
