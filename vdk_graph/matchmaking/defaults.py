"""The matchmaking commands' defaults, in a module that imports nothing (read as the CLI starts)."""

from __future__ import annotations

#: Suggestions in a list.
DEFAULT_TOP = 10
#: Paths ``connect`` shows.
DEFAULT_K = 3
#: Source organisations betweenness is estimated from when exact betweenness would take too long.
DEFAULT_SAMPLES = 200
#: The seed of sampled betweenness and of the communities.
DEFAULT_SEED = 42
