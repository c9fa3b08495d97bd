"""Other people's data into scenarios.

- :mod:`~kg.imports.events` (with :mod:`~kg.imports.events_read`,
  :mod:`~kg.imports.events_rdf`, the SQL in ``sql/``,
  :mod:`~kg.imports.gdelt` and :mod:`~kg.imports.countries`): CAMEO-coded
  event streams aggregated into dated signed ties;
- :mod:`~kg.imports.sheets` (with the ``sheet_*`` modules): kg's workbook
  (template, import, export) and Kumu's layout;
- :mod:`~kg.imports.wikidata` (with :mod:`~kg.imports.wikidata_fetch` and
  :mod:`~kg.imports.wikidata_client`): background facts from a
  Wikidata-shaped endpoint.

Imports :mod:`kg.sparql`, :mod:`kg.rdf` and the shared modules; never
:mod:`kg.signed` or :mod:`kg.pages`.
"""
