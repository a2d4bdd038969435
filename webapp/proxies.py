"""Who a visitor is behind a reverse proxy: ``X-Forwarded-For`` believed from our proxies only.

The query budget is per visitor, so the visitor's address must be right and
must not be forgeable. Two mistakes are easy, and the first was made
(issue 10): waitress removes ``X-Forwarded-*`` headers before the app sees
them unless told otherwise, so ``--trusted-proxies`` did nothing under
``vdk-graph serve`` and, behind nginx on the same host, every visitor looked
like this machine and was never budgeted. The second is to believe the
header from anyone, so a direct client names itself whoever it likes.

So the rule is one middleware, the same under waitress and under tests:

* from a peer in ``proxy_addresses`` (default: this machine), with
  ``trusted_proxies`` = *n* > 0, the visitor is the *n*-th address from the
  right of ``X-Forwarded-For`` (werkzeug's ``ProxyFix`` does the reading);
* from any other peer the forwarding headers are claims, not facts: they are
  removed before the app sees them;
* a peer that sends ``X-Forwarded-For`` while no proxy is configured is a proxy
  nobody told us about: it is marked (``vdk.unconfigured_proxy``), so the
  budget treats it as one visitor rather than as this machine.

waitress is started with ``clear_untrusted_proxy_headers=False`` so that this
middleware, not waitress, decides (``webapp/server.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

from vdk_graph.config import Settings, in_networks, networks

#: WSGI keys of the headers a proxy sets about the visitor.
FORWARDING = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PREFIX",
    "HTTP_FORWARDED",
)
#: Set in the WSGI environ when a peer forwarded for someone although no proxy is configured.
UNCONFIGURED = "vdk.unconfigured_proxy"


class VisitorAddress:
    """WSGI middleware that makes ``REMOTE_ADDR`` the visitor's, believing only trusted proxies."""

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.hops = settings.trusted_proxies
        self.proxies = networks(settings.proxy_addresses, "VDK_PROXY_ADDRESSES")
        self.fixed = ProxyFix(
            app, x_for=self.hops, x_proto=self.hops, x_host=self.hops, x_port=self.hops, x_prefix=self.hops
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        peer = environ.get("REMOTE_ADDR")
        if self.hops and in_networks(peer, self.proxies):
            return self.fixed(environ, start_response)
        if not self.hops and environ.get("HTTP_X_FORWARDED_FOR"):
            environ[UNCONFIGURED] = True
        for key in FORWARDING:
            environ.pop(key, None)
        return self.app(environ, start_response)
