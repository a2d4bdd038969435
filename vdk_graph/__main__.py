"""``python -m vdk_graph`` runs the ``vdk-graph`` command."""

from vdk_graph.cli import main

main()
