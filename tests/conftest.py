"""Shared fixtures: each concern keeps its own in a ``*_fixtures.py`` module, gathered here."""

from tests.browser_fixtures import browser, page, pytest_runtest_makereport  # noqa: F401
from tests.endpoint_fixtures import canary, sparql_app, w3c_app  # noqa: F401
from tests.entity_fixtures import entity_app, entity_client, entity_store  # noqa: F401
from tests.insights_fixtures import insights_app, insights_rates_app, insights_rates_store, insights_store  # noqa: F401
from tests.live_fixtures import live_app_factory, live_server  # noqa: F401
from tests.map_fixtures import map_app, map_client, map_store  # noqa: F401
from tests.matchmaking_fixtures import bridge_store, hubs_index, match_store, match_store_path, ties_store  # noqa: F401
from tests.queries_fixtures import named_params, queries_app, query_graph  # noqa: F401
from tests.store_fixtures import *  # noqa: F401,F403
from tests.table_fixtures import table_env  # noqa: F401
from tests.update_fixtures import synthetic_store  # noqa: F401
from tests.virtuoso_fixtures import virtuoso, virtuoso_store  # noqa: F401
