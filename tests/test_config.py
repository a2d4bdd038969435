from __future__ import annotations

from pathlib import Path

import pytest

from vdk_graph.config import DEFAULT_BASE_IRI, DEFAULT_STORE, Settings
from vdk_graph.errors import ConfigError


def test_defaults() -> None:
    s = Settings.from_env({})
    assert s.store == DEFAULT_STORE
    assert s.base_iri == DEFAULT_BASE_IRI
    assert s.query_timeout == 10.0 and s.max_rows == 10_000


def test_environment_overrides_defaults_and_arguments_override_environment() -> None:
    env = {"VDK_STORE": "memory:", "VDK_QUERY_TIMEOUT": "2.5", "VDK_MAX_ROWS": "7", "VDK_DATA_DIR": "/tmp/d"}
    s = Settings.from_env(env)
    assert (s.store, s.query_timeout, s.max_rows, s.data_dir) == ("memory:", 2.5, 7, Path("/tmp/d"))
    assert Settings.from_env(env, store="./other").store == "./other"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VDK_BASE_IRI": "ftp://x/"}, "base IRI"),
        ({"VDK_BASE_IRI": "https://x/id"}, "ending in '/'"),
        ({"VDK_QUERY_TIMEOUT": "soon"}, "not a number"),
        ({"VDK_MAX_ROWS": "0"}, "row limit"),
    ],
)
def test_bad_settings_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)
