r"""Figures of the model (matplotlib, an optional dependency: ``pip install 'cluster-games[plot]'``).

``import cluster_games`` does not import this module, and this module imports
matplotlib only inside the functions that draw, so the rest of the package
works without it. Each drawing function takes an optional ``ax`` (a matplotlib
``Axes``) and returns the ``Figure``; without ``ax`` it makes a new
:class:`matplotlib.figure.Figure` that is not registered with pyplot (no global
state, nothing to close; Jupyter displays it, ``fig.savefig`` writes it).

The curves are the model's own numbers: :func:`cluster_games.omega_star`, the
formulas of :mod:`cluster_games.kernels.closed_forms`, and sympy derivatives of
:func:`cluster_games.model.omega_star_expr`. Each line carries a ``gid`` so
tests and readers can fetch its data (``line.get_xydata()``).

============================  ================================================================
:func:`omega_star_curve`      :math:`\omega^*(n)` with :math:`n_{\min}` and the limit :math:`c_A/c`,
                              beside the paper's printed formula (erratum E1)
:func:`dominance_map`         the :math:`(\omega, W)` plane: exact dominance region of Y, the
                              paper's sufficient condition inside it, infeasible trade
:func:`factory_threshold`     :math:`\bar Q(\omega) = F/(\omega c - c_A)` (Proposition 4)
:func:`investment_gap`        :math:`I' - I = c_A Q + F` (Proposition 5)
:func:`elasticities`          :math:`\partial \ln \omega^* / \partial \ln x` for each parameter
============================  ================================================================
"""

from ._style import PALETTE
from .dominance import REGIONS, dominance_map, dominance_regions
from .elasticities import elasticities, omega_star_elasticities
from .omega import omega_star_curve, omega_star_paper
from .threshold import factory_threshold, investment_gap

__all__ = [
    "PALETTE",
    "REGIONS",
    "dominance_map",
    "dominance_regions",
    "elasticities",
    "factory_threshold",
    "investment_gap",
    "omega_star_curve",
    "omega_star_elasticities",
    "omega_star_paper",
]
