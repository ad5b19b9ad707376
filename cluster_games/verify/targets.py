r"""What each certificate claims, restated from the mathematics: id -> (sign, region, target).

This registry is the independent statement of the claims: a certificate checks only if its
expression, rebuilt here from :mod:`cluster_games.verify.model`, equals the file's
numerator/denominator on the substitution of *this* region, with *this* sign. ``e`` is the point
(:class:`~cluster_games.verify.model.Env`); ``e.diff(f, "n")`` is :math:`\partial f/\partial n`.
Notation: :math:`\omega^*` the lower root, :math:`\omega_{up}` the upper one, :math:`W_m` the
monopoly rate, :math:`M(r) = m(r) D(r)`, :math:`\pi` company A's payoffs (section 1.1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import model as m
from .algebra import Dual
from .model import Env

__all__ = ["TARGETS", "Target"]


@dataclass(frozen=True)
class Target:
    """A claim: ``build(e)`` has ``sign`` on ``region`` (a key of :mod:`~cluster_games.verify.regions`)."""

    sign: str
    region: str
    build: Callable[[Env], Dual]


FE, FE4, FEK, DR, DR4 = (
    "free_entry(k=2)",
    "free_entry(k=4)",
    "free_entry(k=k)",
    "double_root(k=2)",
    "double_root(k=4)",
)
F0, RK = "F = 0 & feasible_trade", "rates & k >= 2"


def low(e: Env) -> Dual:
    """omega*, the lower root (two companies)."""
    return m.omega_star(e)


def up(e: Env) -> Dual:
    """omega_up, the upper root of pi_YY = 0."""
    return m.roots(e)[1]


def pi(e: Env, omega: Dual, W: Dual | None = None) -> tuple[tuple[Dual, Dual], tuple[Dual, Dual]]:
    """Company A's payoff matrix at (omega, W), W the symbol unless given."""
    return m.payoffs_A(e, omega, e.W if W is None else W)


def beats_Y(e: Env, omega: Dual) -> Dual:
    """pi_YY - pi_NY: Y against N when the other company plays Y."""
    return pi(e, omega)[0][0] - pi(e, omega)[1][0]


def beats_N(e: Env, omega: Dual, W: Dual) -> Dual:
    """pi_YN - pi_NN: Y against N when the other company plays N."""
    return pi(e, omega, W)[0][1] - pi(e, omega, W)[1][1]


def M(e: Env, r: Dual) -> Dual:
    """M(r) = m(r) D(r)."""
    return m.profit(e, r)


def wk(e: Env) -> Dual:
    """omega*(k), derived as the lower root of (n/k) M(omega) = F."""
    return m.lower_root_of_zero_profit(e, e.k)


def dn(e: Env) -> Dual:
    """d omega*/dn (two companies)."""
    return e.diff(m.omega_star, "n")


def k_margin(e: Env) -> Dual:
    """Y minus N against all others on N, minus (n/k)(k M(omega) - M(W))."""
    gain = m.stage_payoff_Y(e, 0, e.omega) - m.stage_payoff_all_N(e, e.k, e.W)
    return gain - e.n / e.k * (e.k * M(e, e.omega) - M(e, e.W))


def joins_Y(e: Env) -> Dual:
    """Y minus N when y + 1 >= 1 other companies play Y."""
    return m.stage_payoff_Y(e, e.y + 1, e.omega) - m.stage_payoff_N_some_Y(e)


def delta_c(e: Env) -> Dual:
    """The collusion threshold, derived from the discounted streams."""
    return m.collusion_threshold(e, e.k, e.omega, e.W)


def closed_dc(e: Env) -> Dual:
    """1 - (rho - k)/(k(k - 1)) with rho = n G^2/(4 beta F)."""
    return m.free_entry_threshold_closed(e.k, m.rho(e))


def W14(e: Env) -> tuple[Dual, Dual]:
    """W_1, W_2: the ends of the interval where M(W) >= 4F/n = 2 M(omega*)."""
    return m.roots(e, 4)


TARGETS: dict[str, Target] = {
    # P1: Y strictly dominates N (the paper's condition suffices)
    "P1.beats_Y": Target("positive", "rates", lambda e: beats_Y(e, e.omega)),
    "P1.beats_N": Target("positive", "rates & paper_condition", lambda e: beats_N(e, e.omega, e.W)),
    # P2: free entry, omega* the lower root of pi_YY = 0
    "P2.zero_profit_is_pi_YY": Target("zero", FE, lambda e: m.zero_profit(e, e.omega) - pi(e, e.omega)[0][0]),
    "P2.discriminant": Target(
        "zero", "feasible_trade", lambda e: m.discriminant(e) - m.G(e) ** 2 * (1 - m.n_min(e) / e.n)
    ),
    "P2.lower_root": Target("zero", FE, lambda e: m.pi_YY(e, low(e))),
    "P2.factored": Target(
        "zero",
        FE,
        lambda e: m.pi_YY(e, e.omega) + e.n * e.beta * e.c**2 / 2 * (e.omega - low(e)) * (e.omega - up(e)),
    ),
    "P2.distinct_roots": Target("positive", FE, lambda e: up(e) - low(e)),
    "P2.margin_positive": Target("positive", FE, lambda e: m.margin(e, low(e))),
    "P2.demand_positive": Target("positive", FE, lambda e: m.demand(e, low(e))),
    "P2.rationalised": Target("zero", FE, lambda e: m.omega_star_rationalised(e) - low(e)),
    "P2.n_min_roots_coincide": Target("zero", DR, lambda e: up(e) - low(e)),
    "P2.n_min_zero_profit": Target("zero", DR, lambda e: m.pi_YY(e, low(e))),
    "P2.n_min_square": Target(
        "zero", DR, lambda e: m.pi_YY(e, e.omega) + e.n * e.beta * e.c**2 / 2 * (e.omega - low(e)) ** 2
    ),
    "P2.n_min_margin": Target("positive", DR, lambda e: m.margin(e, low(e))),
    "P2.n_min_demand": Target("positive", DR, lambda e: m.demand(e, low(e))),
    "P2.F0_cost_recovery": Target("zero", F0, lambda e: low(e) - e.c_A / e.c),
    "P2.F0_zero_profit": Target("zero", F0, lambda e: m.pi_YY(e, low(e))),
    "P2.F0_distinct": Target("positive", F0, lambda e: up(e) - low(e)),
    "P2.F0_demand": Target("positive", F0, lambda e: m.demand(e, low(e))),
    # P3: economies of scope, d omega*/dn < 0; comparative statics
    "P3.dn_closed": Target(
        "zero", FE, lambda e: dn(e) + 2 * e.F / (e.c * e.n**2 * m.sqrt(m.discriminant(e)))
    ),
    "P3.dn_negative": Target("negative", FE, dn),
    "P3.dF_positive": Target("positive", FE, lambda e: e.diff(m.omega_star, "F")),
    "P3.dcA_positive": Target("positive", FE, lambda e: e.diff(m.omega_star, "c_A")),
    "P3.dalpha_negative": Target("negative", FE, lambda e: e.diff(m.omega_star, "alpha")),
    "P3.below_threshold_value": Target("positive", FE, lambda e: m.monopoly_rate(e) - low(e)),
    "P3.n_min_value": Target("zero", DR, lambda e: low(e) - m.monopoly_rate(e)),
    "P3.F0_flat": Target("zero", F0, dn),
    "P3.dk_positive": Target("positive", FEK, lambda e: e.diff(lambda x: m.omega_star(x, x.k), "k")),
    # P4: a factory alone loses below Q_bar = F / m(omega)
    "P4.profit_factored": Target(
        "zero",
        "margin_positive",
        lambda e: (
            m.factory_profit_alone(e, e.Q, e.omega) - m.margin(e, e.omega) * (e.Q - m.Q_bar(e, e.omega))
        ),
    ),
    "P4.Q_bar_falls": Target(
        "negative", "margin_positive", lambda e: e.diff(lambda x: m.Q_bar(x, x.omega), "omega")
    ),
    "P4.below_loses": Target("negative", "below_Q_bar", lambda e: m.factory_profit_alone(e, e.Q, e.omega)),
    "P4.above_gains": Target("positive", "above_Q_bar", lambda e: m.factory_profit_alone(e, e.Q, e.omega)),
    "P4.Q_bar_at_free_entry": Target(
        "zero", FE, lambda e: m.Q_bar(e, low(e)) - e.n * m.demand(e, low(e)) / 2
    ),
    # P5: the system lowers the entry barrier, I' - I = c_A Q + F
    "P5.gap": Target("zero", "everywhere", lambda e: m.investment_gap(e, e.Q) - (e.c_A * e.Q + e.F)),
    "P5.gap_positive": Target("positive", "F > 0", lambda e: m.investment_gap(e, e.Q)),
    "P5.gap_positive_F0": Target("positive", "F = 0 & c_A > 0", lambda e: m.investment_gap(e, e.Q)),
    # E1: the printed omega* rises with n and is the upper root (c_A = 0)
    "E1.printed_rises": Target(
        "positive", FE, lambda e: e.diff(m.omega_star_printed, "n") * m.sqrt(m.printed_radicand(e))
    ),
    "E1.printed_is_upper_root": Target("zero", "c_A = 0 & " + FE, lambda e: m.omega_star_printed(e) - up(e)),
    # E2: the correct zero-profit condition is pi_YY = 0, which is invariant under a currency change
    "E2.correct_is_pi_YY": Target(
        "zero", "everywhere", lambda e: m.zero_profit(e, e.omega) - pi(e, e.omega)[0][0]
    ),
    "E2.pi_YY_scales": Target(
        "zero",
        "everywhere",
        lambda e: m.zero_profit(m.currency_change(e, e.lam), e.omega) - e.lam * m.zero_profit(e, e.omega),
    ),
    # E3: (W - omega) c < omega c - c_A scales with the currency unit
    "E3.corrected_scales": Target(
        "zero",
        "everywhere",
        lambda e: m.paper_condition_gap(m.currency_change(e, e.lam)) - e.lam * m.paper_condition_gap(e),
    ),
    # R1: at (omega*, W_m) Y dominates iff n < 2 n_min; in general it fails exactly on [W_1, W_2]
    "R1.monopoly_rate_maximises": Target(
        "zero", "feasible_trade", lambda e: e.diff(lambda x: M(x, x.W), "W", at=m.monopoly_rate(e))
    ),
    "R1.margin_at_monopoly_rate": Target(
        "zero", FE, lambda e: beats_N(e, low(e), m.monopoly_rate(e)) - e.F * (2 - e.n / m.n_min(e))
    ),
    "R1.beats_Y": Target("positive", FE, lambda e: beats_Y(e, low(e))),
    "R1.tie_at_twice_n_min": Target("zero", DR4, lambda e: e.F * (2 - e.n / m.n_min(e))),
    "R1.margin_any_W": Target(
        "zero", FE, lambda e: beats_N(e, low(e), e.W) - e.n / 2 * (4 * e.F / e.n - M(e, e.W))
    ),
    "R1.largest_hiding_profit": Target(
        "zero",
        "feasible_trade",
        lambda e: (
            M(e, m.monopoly_rate(e)) - 4 * e.F / e.n - m.G(e) ** 2 / (4 * e.beta) * (1 - 2 * m.n_min(e) / e.n)
        ),
    ),
    "R1.W1_end": Target("zero", FE4, lambda e: M(e, W14(e)[0]) - 4 * e.F / e.n),
    "R1.W2_end": Target("zero", FE4, lambda e: M(e, W14(e)[1]) - 4 * e.F / e.n),
    "R1.interval_nonempty": Target("positive", FE4, lambda e: W14(e)[1] - W14(e)[0]),
    "R1.interval_above_omega_star": Target("positive", FE4, lambda e: m.monopoly_rate(e) - W14(e)[0]),
    # R2: on the dominance boundary (Y still beats N against Y)
    "R2.beats_Y": Target("positive", "rates", lambda e: beats_Y(e, e.omega)),
    # K1: with k companies Y strictly dominates iff k M(omega) > M(W)
    "K1.beats_N_when_some_Y": Target("positive", RK, joins_Y),
    "K1.margin_all_N": Target("zero", RK, k_margin),
    # K2: pure equilibria with k companies
    "K2.all_Y_stable": Target(
        "negative", RK, lambda e: m.stage_payoff_N_some_Y(e) - m.stage_payoff_Y(e, e.k - 1, e.omega)
    ),
    "K2.joining_Y_pays": Target("positive", RK, joins_Y),
    "K2.all_N_condition": Target("zero", RK, k_margin),
    # K3: Descartes on P(s) = M_omega (1 + ... + s^(k-2)) + (M_omega - M_W) s^(k-1), abstract profits
    "K3.first_coefficients": Target("positive", "abstract_profits & k >= 2", lambda e: e.M_omega),
    "K3.last_coefficient": Target("negative", "abstract_profits & k >= 2", lambda e: e.M_omega - e.M_W),
    "K3.P_at_1": Target(
        "negative", "abstract_profits & k >= 2", lambda e: (e.k - 1) * e.M_omega + (e.M_omega - e.M_W)
    ),
    # K4: omega*(k), derived, is the lower root with 4k for 8; it exists iff k <= rho
    "K4.solves_zero_profit": Target("zero", FEK, lambda e: m.zero_profit(e, wk(e), e.k)),
    "K4.lower_root_4k": Target("zero", FEK, lambda e: wk(e) - m.omega_star(e, e.k)),
    "K4.rho_over_k": Target("zero", FEK, lambda e: e.n / m.n_min(e, e.k) - m.rho(e) / e.k),
    # K5: at (omega*(k), W_m), k M(omega*) - M(W_m) = (F/n)(k^2 - rho)
    "K5.profit_at_free_entry": Target("zero", FEK, lambda e: M(e, wk(e)) - e.k * e.F / e.n),
    "K5.margin_k_squared_rho": Target(
        "zero",
        FEK,
        lambda e: e.k * M(e, wk(e)) - M(e, m.monopoly_rate(e)) - e.F / e.n * (e.k**2 - m.rho(e)),
    ),
    # K6: collusion on hiding is sustainable iff delta >= delta_c
    "K6.threshold_derived": Target(
        "zero", RK, lambda e: delta_c(e) - m.threshold_stated(e, e.k, e.omega, e.W)
    ),
    "K6.gain_from_colluding": Target(
        "zero",
        RK,
        lambda e: (
            m.collusion_gain(e, e.k, e.omega, e.W)
            - (e.k - 1) * e.n * M(e, e.omega) / e.k * (e.delta - m.threshold_stated(e, e.k, e.omega, e.W))
        ),
    ),
    "K6.minmax": Target(
        "nonnegative",
        "rates & y <= k - 1",
        lambda e: m.stage_payoff_Y(e, e.y, e.omega) - m.stage_payoff_Y(e, e.k - 1, e.omega),
    ),
    "K6.threshold_falls_with_hiding_profit": Target(  # d delta_c / d M_W, M_W = M(W) as a quantity of its own
        "negative",
        RK,
        lambda e: e.diff(lambda x: (x.k * M(x, x.omega) - x.M_W) / ((x.k - 1) * M(x, x.omega)), "M_W"),
    ),
    # K7: at free entry delta_c = 1 - (rho - k)/(k(k - 1)): rising in k to 1 at k = rho, falling in n
    "K7.free_entry_threshold": Target(
        "zero", FEK, lambda e: m.collusion_threshold(e, e.k, wk(e), m.monopoly_rate(e)) - closed_dc(e)
    ),
    "K7.rises_with_k": Target(
        "positive",
        "2 <= k <= rho",
        lambda e: e.diff(lambda x: m.free_entry_threshold_closed(x.k, x.rho), "k"),
    ),
    "K7.one_at_rho": Target(
        "zero", "2 <= k <= rho", lambda e: m.free_entry_threshold_closed(e.rho, e.rho) - 1
    ),
    "K7.falls_with_n": Target("negative", FEK + " & k >= 2", lambda e: e.diff(closed_dc, "n")),
}
