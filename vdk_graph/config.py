"""Settings, layered: defaults in code, then the environment (``VDK_*``), then explicit overrides.

Nothing is read at import time; the CLI and the app factory call
:func:`Settings.from_env` once and pass the result down.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
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
    #: Largest request body the web app accepts, in bytes.
    max_request_bytes: int = 1_000_000
    #: Seconds of query time one client (remote address) may use per minute on the endpoint (0: no limit).
    client_budget: float = 60.0
    #: Reverse proxies in front of the web app whose X-Forwarded-* headers are believed (0: none), so
    #: the budget above is per visitor, not per proxy.
    trusted_proxies: int = 0
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
        if self.query_memory < 0 or 0 < self.query_memory < MIN_QUERY_MEMORY:
            raise ConfigError(
                f"query memory must be 0 (no limit) or at least {MIN_QUERY_MEMORY} MB (a query worker "
                f"needs that much to start), got {self.query_memory}"
            )
        if self.trusted_proxies < 0:
            raise ConfigError(f"trusted proxies must be 0 or more, got {self.trusted_proxies}")
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
