"""Importers: sources (Pure pages, spreadsheets, RDF files) in, one validated named graph per source out."""
