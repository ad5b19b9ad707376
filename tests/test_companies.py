"""k trading companies: against the 2x2 game at k = 2, pygambit's N-player solvers, and the closed forms."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cluster_games import InvalidParameterError, Parameters, Rates
from cluster_games.companies import MAX_K, CompanyGame
from cluster_games.game import ClusterGame

from support import feasible_parameters, import_pygambit, log_uniform

EXAMPLE = Parameters(10, 1, 100, 1, 10, 1)


def _rates(p: Parameters, wf: float, r: float) -> Rates:
    omega = p.omega_star() * wf
    return Rates(omega=omega, W=omega * (1 + r))


def _pure_Y_counts_k2(seeing: Fraction, hiding: Fraction) -> tuple[int, ...]:
    """Numbers of Y-players in the pure equilibria of the k = 2 game, from its best responses.

    With s = M(omega), h = M(W) and A = [[n s/2 - F, n s - F], [-F, n h/2 - F]] (B = A^T):
    (Y, Y) is an equilibrium iff n s/2 - F >= -F, i.e. s >= 0; (N, N) iff n h/2 >= n s, i.e.
    h >= 2 s; (Y, N) (and its mirror (N, Y), one Y-player) iff n s - F >= n h/2 - F for the Y
    company and -F >= n s/2 - F for the N company, i.e. h <= 2 s and s <= 0. The accepted rates have
    h >= 0 (m(W) >= 0 and D(W) >= 0), so one Y-player is an equilibrium iff s = h = 0: at F = 0
    that is omega = omega* = c_A / c with D(W) = 0, where every payoff is 0 and all three counts
    0, 1, 2 are pure equilibria.
    """
    return tuple(
        j
        for j, holds in (
            (0, hiding >= 2 * seeing),
            (1, seeing <= 0 and hiding <= 2 * seeing),
            (2, seeing >= 0),
        )
        if holds
    )


#: F = 0 at omega = omega* = c_A / c = 1 and W = 2 with D(W) = 3 - 1 * (1 + 2) * 1 = 0: M(omega) =
#: M(W) = 0, every payoff is 0 and every profile is a pure equilibrium (found by hypothesis, seed 13).
ALL_ZERO = dict(n=1.0, F=0.0, alpha=3.0, beta=1.0, c=1.0, c_A=1.0)


@settings(max_examples=120, deadline=None)
@given(feasible_parameters(n_max=1e6), log_uniform(0.5, 2.0), log_uniform(1e-6, 30.0), st.booleans())
@example(params=ALL_ZERO, wf=1.0, r=1.0, default=False)
def test_k2_reproduces_the_paper_game(params, wf, r, default):
    p = Parameters(**params)
    try:
        rates = Rates() if default else _rates(p, wf, r)
    except InvalidParameterError:  # omega* = 0 (F = c_A = 0): a given omega must be > 0
        return
    try:
        two = ClusterGame.at(p, rates)
    except (InvalidParameterError, ValueError):
        with pytest.raises(ValueError):
            CompanyGame.at(p, 2, rates)
        return
    many = CompanyGame.at(p, 2, rates)
    assert many.classify() == two.classify()
    A = two.exact_payoff_A()
    assert many.payoff_Y() == (A[0, 1], A[0, 0]) and many.payoff_N() == (A[1, 1], A[1, 0])
    # every pure equilibrium of the 2x2 game, (Y, N) and (N, Y) included, counted by its Y-players
    eq = two.equilibria()
    counts = tuple(sorted({x.count("Y") for x in eq.pure}))
    assert many.pure_equilibria_Y() == counts == _pure_Y_counts_k2(*many.exact_profits())
    if eq.finite:
        symmetric = {p_.row[0] for p_ in eq.extreme if p_.row == p_.col}
        assert set(many.symmetric_equilibria().probabilities) == symmetric


def test_k2_at_F_zero_with_every_payoff_zero_has_every_profile_as_equilibrium():
    # n = 1, F = 0, alpha = 3, beta = c = c_A = 1, omega = 1, W = 2: m(omega) = 1 - 1 = 0 and
    # D(W) = 3 - (1 + 2) = 0, so M(omega) = M(W) = 0 and all payoffs are n M / j - F = 0.
    p = Parameters(**ALL_ZERO)
    many = CompanyGame(p, 2, 1.0, 2.0)
    assert many.exact_profits() == (0, 0)
    assert many.payoff_Y() == (0, 0) and many.payoff_N() == (0, 0)
    assert many.pure_equilibria_Y() == (0, 1, 2)
    assert set(ClusterGame(p, omega=1.0, W=2.0).equilibria().pure) == {
        ("Y", "Y"),
        ("Y", "N"),
        ("N", "Y"),
        ("N", "N"),
    }
    # with D(W) > 0 (W = 1.5: D = 0.5, m = 0.5) N earns n M(W)/2 = 1/8 > 0 against N: one Y-player is
    # no longer an equilibrium, (Y, Y) and (N, N) remain (SPEC 1.1, the F = 0 case)
    assert CompanyGame(p, 2, 1.0, 1.5).pure_equilibria_Y() == (0, 2)


def _gambit_pure_Y_counts(g: CompanyGame) -> tuple[int, ...]:
    gbt = import_pygambit()  # the N-player reference
    game = g.as_anonymous().to_normal_form().to_pygambit()
    counts = []
    for eq in gbt.nash.enumpure_solve(game).equilibria:
        counts.append(sum(1 for pl in game.players if eq[pl][next(iter(pl.strategies))] == 1))
    return tuple(sorted(counts))


@pytest.mark.parametrize("k", [2, 3, 5, 12])
@pytest.mark.parametrize("seed", range(4))
def test_pure_equilibria_agree_with_pygambit_and_the_closed_forms(k, seed):
    import numpy as np

    rng = np.random.default_rng(seed)
    beta, c = 10 ** rng.uniform(-1, 1), 10 ** rng.uniform(-1, 1)
    c_A = c * 10 ** rng.uniform(-3, -1)
    alpha = beta * (c + c_A) * 10 ** rng.uniform(0.05, 1)
    n = float(10 ** rng.uniform(0, 3))
    G = alpha - beta * (c + c_A)
    F = float(rng.uniform(0.01, 0.95) * n * G**2 / (4 * k * beta))  # n > n_min(k) by construction
    p = Parameters(n, F, float(alpha), float(beta), float(c), float(c_A))
    for rates in (Rates(), _rates(p, 1.0, float(10 ** rng.uniform(-4, 1)))):
        try:
            g = CompanyGame.at(p, k, rates)
        except ValueError:
            continue
        seeing, hiding = g.exact_profits()
        closed = (0, k) if hiding >= k * seeing else (k,)
        assert g.pure_equilibria_Y() == closed == _gambit_pure_Y_counts(g)


@pytest.mark.parametrize("k", [3, 4])
def test_symmetric_mixed_equilibrium_agrees_with_pygambit_enumpoly(k):
    gbt = import_pygambit()  # the N-player reference
    g = CompanyGame.at(Parameters(1, 1, 10, 1, 1, 0.1), k)  # rho = n G^2/(4 beta F) ~ 19.8
    seeing, hiding = g.exact_profits()
    assert hiding > k * seeing > 0  # a coordination game: the mixed equilibrium exists
    (p,) = [q for q in g.symmetric_equilibria().probabilities if 0 < q < 1]
    game = g.as_anonymous().to_normal_form().to_pygambit()
    first = [(pl, next(iter(pl.strategies))) for pl in game.players]
    found = [
        float(e[first[0][0]][first[0][1]])
        for e in gbt.nash.enumpoly_solve(game).equilibria
        if len({round(float(e[pl][s]), 9) for pl, s in first}) == 1
    ]
    assert any(abs(x - float(p)) < 1e-8 for x in found)


def test_collusion_threshold_and_sustainability():
    g = CompanyGame(EXAMPLE, 3, 0.2, 0.3)
    seeing, hiding = g.exact_profits()
    threshold = g.collusion_threshold()
    assert threshold == (3 * seeing - hiding) / (2 * seeing)
    below, above = float(threshold) - 1e-9, float(threshold) + 1e-9
    assert g.collusion_sustainable(above) is True and g.collusion_sustainable(below) is False
    free = CompanyGame.at(EXAMPLE, 3)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in EXAMPLE.as_dict().values())
    rho = n * (alpha - beta * (c + c_A)) ** 2 / (4 * beta * F)
    assert free.collusion_threshold() == 1 - (rho - 3) / (3 * 2)


def test_collusion_is_sustainable_at_the_threshold_itself():
    """At delta = delta_c colluding is exactly as good as the best deviation: still subgame perfect.

    n=2, F=1, alpha=8, beta=1, c=1, c_A=0, omega = 1, W = 5/2: M(1) = 1 * 6 = 6 and
    M(5/2) = 5/2 * 9/2 = 45/4, so delta_c = (2*6 - 45/4) / 6 = 1/8 for two companies and
    (3*6 - 45/4) / 12 = 9/16 for three: thresholds that are floats exactly.
    """
    params = Parameters(2, 1, 8, 1, 1, 0)
    for k, threshold in ((2, Fraction(1, 8)), (3, Fraction(9, 16))):
        g = CompanyGame(params, k, 1.0, 2.5)
        assert g.collusion_threshold() == threshold
        assert g.collusion_sustainable(float(threshold)) is True
        assert g.collusion_sustainable(threshold) is True  # a Fraction, exactly
        assert g.collusion_sustainable(float(threshold) - 2**-40) is False
        assert g.collusion_sustainable(float(threshold) + 2**-40) is True
    # a threshold that is no float: decided exactly from a Fraction
    g = CompanyGame(params, 12, 1.0, 2.5)
    third = g.collusion_threshold()  # (72 - 45/4) / 66 = 81/88
    assert third == Fraction(81, 88)
    assert (
        g.collusion_sustainable(third) is True
        and g.collusion_sustainable(third - Fraction(1, 10**30)) is False
    )


def test_zero_seeing_profit_has_no_threshold():
    g = CompanyGame.at(EXAMPLE.replace(F=0.0), 3)  # omega*(k) = c_A / c: M(omega) = 0
    assert g.collusion_threshold() is None and g.collusion_sustainable(0.5) is None
    assert g.classify() == "N weakly dominant"


@pytest.mark.parametrize(
    ("k", "message"),
    [
        (1, "from 2"),
        (2.5, "whole number"),
        (True, "whole number"),
        (MAX_K + 1, "from 2"),
        (float("nan"), "whole number"),
    ],
)
def test_bad_k(k, message):
    with pytest.raises(InvalidParameterError, match=message):
        CompanyGame.at(EXAMPLE, k)


def test_bad_delta_and_rates():
    g = CompanyGame.at(EXAMPLE, 3)
    for delta in (0, 1, -0.5, 1.5, True):
        with pytest.raises(InvalidParameterError, match="'delta'"):
            g.collusion_sustainable(delta)
    with pytest.raises(InvalidParameterError, match="'W'"):
        CompanyGame(EXAMPLE, 3, 0.2, 0.1)


def test_a_discount_factor_must_be_a_number_in_the_open_unit_interval():
    from decimal import Decimal

    import pytest

    from cluster_games.errors import InvalidParameterError

    g = CompanyGame(Parameters(2, 1, 8, 1, 1, 0), 2, 1.0, 2.5)
    for bad in (True, "0.5", Decimal("0.5"), 0, 1, 1.5, -0.5, None):
        with pytest.raises(InvalidParameterError, match="must be a discount factor in"):
            g.collusion_sustainable(bad)


def test_the_free_entry_and_monopoly_flags_replace_the_rates_and_name_them():
    """omega_is_free_entry stores omega*(k) (the kernel's value), W_is_monopoly stores
    W_m = (alpha - beta c + beta c_A) / (2 beta c) = 91/20 at the example; the title says which."""
    from cluster_games import omega_star

    g = CompanyGame(EXAMPLE, 3.0, 0.5, 1.0, omega_is_free_entry=True, W_is_monopoly=True)
    assert type(g.k) is int and g.k == 3
    assert g.omega == omega_star(10, 1, 100, 1, 10, 1, k=3) and g.W == 4.55
    assert g._title() == "3 trading companies at omega=0.100337 (omega*(k)), W=4.55 (W_m)"
    assert g.as_anonymous().title == g._title()


def test_a_bad_k_names_the_parameter_k():
    for bad in (2.5, "3", True, 1, MAX_K + 1):
        with pytest.raises(InvalidParameterError) as info:
            CompanyGame(EXAMPLE, bad, 0.2, 0.3)
        assert info.value.parameter == "k" and str(info.value).startswith("parameter 'k': must be")
