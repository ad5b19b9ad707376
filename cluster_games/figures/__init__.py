r"""Figures of the model (matplotlib, an optional dependency: ``pip install -e '.[plot]' in a clone of cluster_games``).

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

====================================  ==================================================================
:func:`omega_star_curve`              :math:`\omega^*(n)` with :math:`n_{\min}` and the limit :math:`c_A/c`;
                                      beside it, on one scale, the paper's printed formula (erratum E1)
:func:`dominance_map`                 the :math:`(\omega, W)` plane: exact dominance region of Y, the
                                      paper's sufficient condition inside it, infeasible trade, and
                                      (hatched) the parts outside the model's domain
:func:`factory_threshold`             :math:`\bar Q(\omega) = F/(\omega c - c_A)` (Proposition 4)
:func:`investment_gap`                :math:`I' - I = c_A Q + F` (Proposition 5)
:func:`elasticities`                  :math:`\partial \ln \omega^* / \partial \ln x` for each parameter
:func:`companies_map`                 beyond the paper: the :math:`(k, n)` plane of k trading companies at
                                      :math:`(\omega^*(k), W_m)`: infeasible, Y dominant, coordination game
:func:`collusion_threshold_curves`    beyond the paper: the collusion threshold :math:`\delta_c` of the
                                      repeated game against k, for several n
:func:`atlas_map`                     any parametric game's equilibrium atlas on a two-parameter slice:
                                      regions coloured by structure, boundaries, the domain's outside hatched
====================================  ==================================================================

Labels and footers print numbers with :func:`format_number` (a zero is ``0``). Units are shown
only when given (``money_unit``, ``quantity_unit``, e.g. a scenario's ``"yuan"`` and ``"toys"``).
With ``footer=True`` a figure records the parameter set it was drawn for
(:func:`footer_text`, :func:`add_footer`); ``cluster-games plot`` does so by default.
"""

from ._style import PALETTE, add_footer, footer_text, format_number
from .atlas import atlas_map
from .companies import COMPANY_REGIONS, collusion_threshold_curves, companies_map, company_regions
from .dominance import HATCHES, REGIONS, dominance_map, dominance_regions, outside_domain
from .elasticities import elasticities, omega_star_elasticities
from .omega import omega_star_curve, omega_star_paper, printed_formula_threshold
from .threshold import factory_threshold, investment_gap

__all__ = [
    "atlas_map",
    "COMPANY_REGIONS",
    "HATCHES",
    "PALETTE",
    "REGIONS",
    "add_footer",
    "collusion_threshold_curves",
    "companies_map",
    "company_regions",
    "dominance_map",
    "dominance_regions",
    "elasticities",
    "factory_threshold",
    "footer_text",
    "format_number",
    "investment_gap",
    "omega_star_curve",
    "omega_star_elasticities",
    "omega_star_paper",
    "outside_domain",
    "printed_formula_threshold",
]
