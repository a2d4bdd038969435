"""The curator's verbs: what turns ``data/`` into the store and the store into files.

* :mod:`.build` — ``vdk-graph build``: every source in ``data/manifest.toml`` through the
  import pipeline (:mod:`vdk_graph.importers.base`), then the ontology and the measures;
* :mod:`.sources` — the sources in the store, and removing one (``sources``, ``remove-source``);
* :mod:`.duplicates` — likely duplicates resolution did not merge (``duplicates``);
* :mod:`.quality` — coverage and what to fix next (``quality``, ``/data/quality``);
* :mod:`.export` — the store as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML (``export``);
* :mod:`.dumps` — the gzipped dumps served at ``/data/vdk.nq.gz`` and ``/data/vdk.ttl.gz``.

They read and write through :mod:`vdk_graph.store` and the importers; nothing here
knows the web app.
"""
