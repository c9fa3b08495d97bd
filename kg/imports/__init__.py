"""Imports: other people's data (event streams, spreadsheets, Wikidata) into scenarios."""
