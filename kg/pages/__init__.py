"""Network pages: what people look at.

- :mod:`~kg.pages.pagegraph`: the graph a page draws, and its lenses;
- :mod:`~kg.pages.network_page`: from a dataset to a finished page, with
  the findings of the analysis;
- :mod:`~kg.pages.layout`: a fast force-directed layout for large pages;
- :mod:`~kg.pages.elements`: nodes, edges, legend and filters as
  vis-network data;
- :mod:`~kg.pages.render`: the self-contained HTML, from ``templates/``;
- :mod:`~kg.pages.display`: the data's text as the page shows it, its
  bidirectional controls visible and each value isolated;
- :mod:`~kg.pages.timeline`: the time slider of ``kg render --timeline``;
- :mod:`~kg.pages.chart`: the timeline chart (matplotlib), as SVG or PNG.

Reads the results of :mod:`kg.signed` (never the other way round), and
imports :mod:`kg.sparql`, :mod:`kg.rdf` and the shared modules.
"""
