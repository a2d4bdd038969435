"""Settings, layered: defaults in code, then the environment (``VDK_*``), then explicit overrides.

Nothing is read at import time; the CLI and the app factory call
:func:`Settings.from_env` once and pass the result down.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network
from pathlib import Path
from typing import Any

from vdk_graph.errors import ConfigError

DEFAULT_STORE = "./var/store"
DEFAULT_BASE_IRI = "https://w3id.org/vdk/id/"


#: Megabytes a query worker needs to start (Python, pyoxigraph, rdflib, the store opened).
MIN_QUERY_MEMORY = 256


@dataclass(frozen=True)
class Settings:
    """Everything that can differ between two installations of vdk-graph."""

    #: ``./var/store`` (a folder: embedded Oxigraph), ``memory:`` or ``sparql+http(s)://…``.
    store: str = DEFAULT_STORE
    #: Base under which entity IRIs are minted; the web app serves them at ``/id/…``.
    base_iri: str = DEFAULT_BASE_IRI
    #: Folder the ``build`` command reads curated sources from.
    data_dir: Path = Path("data")
    #: Seconds after which a query on the public endpoint is stopped.
    query_timeout: float = 10.0
    #: Rows after which a result on the public endpoint is cut (and says so).
    max_rows: int = 10_000
    #: Megabytes of memory one query on the public endpoint may use (its worker's heap; 0: no limit).
    query_memory: int = 1024
    #: Largest answer the endpoint sends, in bytes (a larger one gets 413 and a message saying so).
    max_answer_bytes: int = 32_000_000
    #: Seconds a query may wait for a free worker before the client is told to come back (503).
    queue_wait: float = 5.0
    #: Seconds a page may take to make before the visitor gets a 503 (it is finished in the background).
    page_timeout: float = 10.0
    #: Largest request body the web app accepts, in bytes.
    max_request_bytes: int = 1_000_000
    #: Seconds of query time one client (remote address) may use per minute on the endpoint (0: no limit).
    client_budget: float = 60.0
    #: Reverse proxies in front of the web app whose X-Forwarded-* headers are believed (0: none), so
    #: the budget above is per visitor, not per proxy.
    trusted_proxies: int = 0
    #: Peers whose X-Forwarded-For is believed (when ``trusted_proxies`` > 0): comma-separated addresses
    #: or networks. A forged header from any other peer is ignored.
    proxy_addresses: str = "127.0.0.1,::1"
    #: Visitors never charged a query budget (comma-separated addresses or networks; "" for none):
    #: this machine itself, so the operator's own scripts are never refused.
    unbudgeted: str = "127.0.0.0/8,::1"
    #: The web app answers from an in-memory copy of an embedded store up to this many quads (0: never).
    memory_mirror: int = 2_000_000

    def __post_init__(self) -> None:
        if not self.base_iri.startswith(("http://", "https://")) or not self.base_iri.endswith(("/", "#")):
            raise ConfigError(
                f"base IRI {self.base_iri!r} must be an http(s) IRI ending in '/' or '#', "
                f"for example {DEFAULT_BASE_IRI}"
            )
        if self.query_timeout <= 0:
            raise ConfigError(f"query timeout must be positive, got {self.query_timeout}")
        if self.max_rows <= 0:
            raise ConfigError(f"row limit must be positive, got {self.max_rows}")
        if self.max_answer_bytes < 10_000:
            raise ConfigError(f"answer size limit must be at least 10000 bytes, got {self.max_answer_bytes}")
        if self.page_timeout <= 0:
            raise ConfigError(f"page timeout must be positive seconds, got {self.page_timeout}")
        if self.queue_wait <= 0:
            raise ConfigError(f"queue wait must be positive seconds, got {self.queue_wait}")
        if self.query_memory < 0 or 0 < self.query_memory < MIN_QUERY_MEMORY:
            raise ConfigError(
                f"query memory must be 0 (no limit) or at least {MIN_QUERY_MEMORY} MB (a query worker "
                f"needs that much to start), got {self.query_memory}"
            )
        if self.trusted_proxies < 0:
            raise ConfigError(f"trusted proxies must be 0 or more, got {self.trusted_proxies}")
        for name in ("proxy_addresses", "unbudgeted"):
            networks(getattr(self, name), f"VDK_{name.upper()}")
        if self.client_budget < 0:
            raise ConfigError(f"client budget must be 0 (off) or positive seconds, got {self.client_budget}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, overlaid with ``VDK_<FIELD>`` variables, overlaid with non-None ``overrides``."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"VDK_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"])
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def networks(text: str, where: str = "the setting") -> tuple[IPv4Network | IPv6Network, ...]:
    """Comma-separated addresses or networks (``127.0.0.1``, ``10.0.0.0/8``, ``::1``) as networks."""
    found = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            found.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ConfigError(
                f"{where}: {part!r} is not an IP address or network; write e.g. 127.0.0.1, 10.0.0.0/8 or ::1"
            ) from None
    return tuple(found)


def in_networks(address: str | None, nets: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    """Whether ``address`` (as a web server reports it) lies in one of ``nets``."""
    try:
        ip: IPv4Address | IPv6Address = ipaddress.ip_address((address or "").strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return any(ip in net for net in nets if net.version == ip.version)


def _coerce(name: str, type_name: object, raw: str) -> Any:
    kind = str(type_name)
    try:
        if "float" in kind:
            return float(raw)
        if "int" in kind:
            return int(raw)
    except ValueError:
        raise ConfigError(f"environment variable VDK_{name.upper()}={raw!r} is not a number") from None
    if "Path" in kind:
        return Path(raw)
    return raw
