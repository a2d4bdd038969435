"""The fitted default weights, written by ``bench/matchmaking_fit.py``, not by hand.

Refit with ``python bench/matchmaking_fit.py --write`` after changing a signal; see that
script for how (a choice model fitted by maximum likelihood on a past/future split of
generated training worlds, seeds the benchmark never reports, popularity damped) and
``docs/decisions/0008-matchmaking-signals.md`` for why.
"""

from __future__ import annotations

#: Weights for an organisation with a project history.
ESTABLISHED: dict[str, float] = {'topics': 2.056,
 'text': 0.907,
 'common_partners': 1.035,
 'adamic_adar': 0.0,
 'pagerank': 1.232,
 'complementarity': 0.206,
 'funding': 0.0,
 'geography': 0.375,
 'project_topics': 1.028,
 'popularity': 0.41,
 'activity': 0.38,
 'field_activity': 0.468,
 'repeat': 1.0,
 'exposure': 0.0}
#: Weights for a cold start (no project recorded yet): only kind, fields, place and activity can speak.
COLD_START: dict[str, float] = {'topics': 1.373,
 'text': 0.907,
 'common_partners': 1.035,
 'adamic_adar': 0.0,
 'pagerank': 1.232,
 'complementarity': 0.279,
 'funding': 0.0,
 'geography': 0.475,
 'project_topics': 0.439,
 'popularity': 1.371,
 'activity': 1.019,
 'field_activity': 2.024,
 'repeat': 1.0,
 'exposure': 0.0}
#: Each signal's unit: values are divided by it and capped at 1 (see vdk_graph.matchmaking.scoring).
UNITS: dict[str, float] = {'topics': 1.0,
 'text': 0.641913,
 'common_partners': 2.484907,
 'adamic_adar': 2.918835,
 'pagerank': 0.002668,
 'complementarity': 1.0,
 'funding': 1.595236,
 'geography': 1.0,
 'project_topics': 0.511571,
 'popularity': 4.369448,
 'activity': 2.772589,
 'field_activity': 2.70805,
 'repeat': 1.791759,
 'exposure': 1.0}
#: How the weights were fitted (shown by the benchmark and the ADR).
PROVENANCE: dict[str, object] = {'fitted': True,
 'script': 'bench/matchmaking_fit.py',
 'worlds': ['communities seed 101',
            'communities seed 102',
            'communities seed 103',
            'communities seed 104',
            'hubs seed 101',
            'hubs seed 102',
            'hubs seed 103',
            'hubs seed 104'],
 'cutoff': 2020,
 'organisations': 1500,
 'queries': {'established': 2552, 'cold start': 602},
 'model': 'softmax choice model (maximum likelihood), weights >= 0',
 'damping': 0.03,
 'training_ndcg10': {'all': 0.2018, 'established': 0.2158, 'cold start': 0.1422},
 'training_least_diversity': 0.068,
 'training_margin': 0.0653,
 'exposure_frontier': {0.0: {'margin': 0.0653, 'worst_ratio': 0.8, 'least_diversity': '6.8%'},
                       0.25: {'margin': 0.0434, 'worst_ratio': 0.77, 'least_diversity': '7.3%'},
                       0.5: {'margin': 0.0257, 'worst_ratio': 0.74, 'least_diversity': '7.6%'},
                       1.0: {'margin': -0.0212, 'worst_ratio': 0.65, 'least_diversity': '8.4%'},
                       2.0: {'margin': -0.1312, 'worst_ratio': 0.51, 'least_diversity': '9.5%'},
                       4.0: {'margin': -0.3661, 'worst_ratio': 0.29, 'least_diversity': '11.2%'}}}
