"""Entry point of a query worker process: ``python -m vdk_graph.endpoint FD KIND LOCATION [UPDATE_URL]``.

Started by :mod:`vdk_graph.endpoint.processes`, never by hand: FD is the socket to the server.
"""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from vdk_graph.endpoint.worker import StoreSpec, main

if __name__ == "__main__":
    main(Connection(int(sys.argv[1])), StoreSpec(*sys.argv[2:]))
