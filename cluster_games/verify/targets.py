r"""What each certificate states, restated from the mathematics: id -> (region, relation).

This registry is the independent statement of the claims. Each entry is a relation between named
expressions (:class:`~cluster_games.verify.formulas.Relation`, over the names of
:mod:`~cluster_games.verify.vocabulary`) and the key of the region it holds on. A certificate
checks only if its exported statement *is* this relation (the same tree and the same text, rebuilt
here), its region's hypotheses are this region's, and the relation's ``lhs - rhs``, evaluated by
*this* kernel's encoding of the model on the file's substitution, equals the file's
numerator/denominator with the relation's sign.

Notation: ``omega*`` the lower root, ``omega_up`` the upper one, ``W_m`` the monopoly rate,
``M(r) = m(r) D(r)``, ``pi_..`` company A's payoffs (section 1.1), ``pi_Y(j)`` a Y company's stage
payoff facing j other Y companies, ``pi_N`` and ``pi_N_all`` an N company's (section 4.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import vocabulary as v
from .formulas import Relation, at, d, eq, ge, gt, lt, sqrt, unit

__all__ = ["TARGETS", "Target"]


@dataclass(frozen=True)
class Target:
    """A claim: ``relation`` holds on ``region`` (a key of :mod:`~cluster_games.verify.regions`)."""

    region: str
    relation: Relation

    @property
    def sign(self) -> str:
        """The sign of ``lhs - rhs`` the relation asserts."""
        return self.relation.sign  # type: ignore[return-value]


FE, FE4, FEK, DR, DR4 = (
    "free_entry(k=2)",
    "free_entry(k=4)",
    "free_entry(k=k)",
    "double_root(k=2)",
    "double_root(k=4)",
)
F0, RK, EV = "F = 0 & feasible_trade", "rates & k >= 2", "everywhere"
BELOW, AT_RHO, ABOVE, UP_TO = "k < rho & k >= 2", "k = rho & k >= 2", "k > rho & k >= 2", "k <= rho & k >= 2"
BOTH_N = "rates & M(W) > k*M(omega) & k >= 2"

w, wk = v.omega_star, v.omega_star_of(v.k)
AGAINST_Y, AGAINST_N = v.pi_YY(v.omega) - v.pi_NY, v.pi_YN(v.omega) - v.pi_NN(v.W)
MARGIN_Y, MARGIN_N = v.n / 2 * v.M(v.omega), v.n / 2 * (2 * v.M(v.omega) - v.M(v.W))
LOWER_8 = (v.K - sqrt(v.G**2 - 8 * v.beta * v.F / v.n)) / (2 * v.beta * v.c)
DN = d(w, v.n)
PRINTED_RADICAND = v.G**2 - 4 * v.beta * ((v.alpha - v.beta * v.c) * v.c_A + 2 * v.F / v.n)
AT_N = {"W_m": v.pi_YN(w) - v.pi_NN(v.W_m), "W": v.pi_YN(w) - v.pi_NN(v.W)}
AT_N |= {"W_1": v.pi_YN(w) - v.pi_NN(v.W_1), "W_2": v.pi_YN(w) - v.pi_NN(v.W_2)}
JOIN, LEAVE_ALL_N = v.pi_Y(v.y + 1) - v.pi_N, v.pi_Y(0) - v.pi_N_all
LEAVE_ALL_N_CLOSED = v.n / v.k * (v.k * v.M(v.omega) - v.M(v.W))
K5_MARGIN = v.k * v.M(wk) - v.M(v.W_m)
THRESHOLD = (v.k * v.M(v.omega) - v.M(v.W)) / ((v.k - 1) * v.M(v.omega))
CLOSED_DC = 1 - (v.rho - v.k) / (v.k * (v.k - 1))
DC_AT_ENTRY = v.delta_c_at(wk, v.W_m)
CORRECTED_GAP = v.m(v.omega) - v.c * (v.W - v.omega)
PRINTED_GAP = v.omega - v.c_A - (v.W - v.omega)


def T(region: str, relation: Relation) -> Target:
    return Target(region, relation)


TARGETS: dict[str, Target] = {
    # P1: Y strictly dominates N (the paper's condition suffices)
    "P1.margin_against_Y": T(EV, eq(AGAINST_Y, MARGIN_Y)),
    "P1.margin_against_N": T(EV, eq(AGAINST_N, MARGIN_N)),
    "P1.beats_Y": T("rates", gt(AGAINST_Y, 0)),
    "P1.beats_N": T("rates & paper_condition", gt(AGAINST_N, 0)),
    # P2: free entry, omega* the lower root of pi_YY = 0
    "P2.zero_profit_is_pi_YY": T(FE, eq(v.zero_profit(v.omega), v.pi_YY(v.omega))),
    "P2.discriminant": T("feasible_trade", eq(v.Disc, v.G**2 * (1 - v.n_min / v.n))),
    "P2.n_min_closed_form": T("feasible_trade", eq(v.n_min, 8 * v.beta * v.F / v.G**2)),
    "P2.lower_root": T(FE, eq(v.pi_YY(w), 0)),
    "P2.closed_form": T(FE, eq(w, LOWER_8)),
    "P2.factored": T(
        FE, eq(v.pi_YY(v.omega), -(v.n * v.beta * v.c**2 / 2) * (v.omega - w) * (v.omega - v.omega_up))
    ),
    "P2.distinct_roots": T(FE, gt(v.omega_up, w)),
    "P2.margin_positive": T(FE, gt(v.m(w), 0)),
    "P2.demand_positive": T(FE, gt(v.D(w), 0)),
    "P2.rationalised": T(FE, eq(v.omega_star_rationalised, w)),
    "P2.peak_at_monopoly_rate": T(
        EV, eq(v.pi_YY(v.omega), v.pi_YY(v.W_m) - v.n * v.beta * v.c**2 / 2 * (v.omega - v.W_m) ** 2)
    ),
    "P2.no_rate_below_n_min": T("below_n_min", lt(v.pi_YY(v.W_m), 0)),
    "P2.n_min_roots_coincide": T(DR, eq(v.omega_up, w)),
    "P2.n_min_zero_profit": T(DR, eq(v.pi_YY(w), 0)),
    "P2.n_min_double_root": T(DR, eq(w, v.K / (2 * v.beta * v.c))),
    "P2.n_min_square": T(DR, eq(v.pi_YY(v.omega), -(v.n * v.beta * v.c**2 / 2) * (v.omega - w) ** 2)),
    "P2.n_min_margin": T(DR, gt(v.m(w), 0)),
    "P2.n_min_demand": T(DR, gt(v.D(w), 0)),
    "P2.F0_cost_recovery": T(F0, eq(w, v.c_A / v.c)),
    "P2.F0_zero_profit": T(F0, eq(v.pi_YY(w), 0)),
    "P2.F0_distinct": T(F0, gt(v.omega_up, w)),
    "P2.F0_demand": T(F0, gt(v.D(w), 0)),
    # P3: economies of scope, d omega*/dn < 0; comparative statics
    "P3.dn_closed": T(FE, eq(DN, -2 * v.F / (v.c * v.n**2 * sqrt(v.G**2 - 8 * v.beta * v.F / v.n)))),
    "P3.dn_negative": T(FE, lt(DN, 0)),
    "P3.dF_positive": T(FE, gt(d(w, v.F), 0)),
    "P3.dcA_positive": T(FE, gt(d(w, v.c_A), 0)),
    "P3.dalpha_negative": T(FE, lt(d(w, v.alpha), 0)),
    "P3.below_threshold_value": T(FE, gt(v.W_m, w)),
    "P3.n_min_value": T(DR, eq(w, v.W_m)),
    "P3.F0_flat": T(F0, eq(DN, 0)),
    "P3.dk_positive": T(FEK, gt(d(wk, v.k), 0)),
    # P4: a factory alone loses below Q_bar = F / m(omega)
    "P4.profit_closed_form": T(EV, eq(v.pi_alone, v.Q * v.m(v.omega) - v.F)),
    "P4.Q_bar_closed_form": T("margin_positive", eq(v.Q_bar, v.F / v.m(v.omega))),
    "P4.profit_factored": T("margin_positive", eq(v.pi_alone, v.m(v.omega) * (v.Q - v.Q_bar))),
    "P4.Q_bar_falls": T("margin_positive", lt(d(v.Q_bar, v.omega), 0)),
    "P4.below_loses": T("below_Q_bar", lt(v.pi_alone, 0)),
    "P4.above_gains": T("above_Q_bar", gt(v.pi_alone, 0)),
    "P4.breaks_even_at_Q_bar": T("at_Q_bar", eq(v.pi_alone, 0)),
    "P4.Q_bar_at_free_entry": T(FE, eq(v.Q_bar_at(w), v.n * v.D(w) / 2)),
    # P5: the system lowers the entry barrier, I' - I = c_A Q + F
    "P5.I_closed_form": T(EV, eq(v.I, v.c * v.Q)),
    "P5.I_alone_closed_form": T(EV, eq(v.I_alone, (v.c + v.c_A) * v.Q + v.F)),
    "P5.gap": T(EV, eq(v.I_alone - v.I, v.c_A * v.Q + v.F)),
    "P5.gap_positive": T("F > 0", gt(v.I_alone - v.I, 0)),
    "P5.gap_positive_F0": T("F = 0 & c_A > 0", gt(v.I_alone - v.I, 0)),
    # E1: the printed omega* rises with n and is the upper root (c_A = 0)
    "E1.printed_closed_form": T(
        EV, eq(v.omega_star_printed, (v.G + sqrt(PRINTED_RADICAND)) / (2 * v.beta * v.c))
    ),
    "E1.printed_rises": T(FE, gt(d(v.omega_star_printed, v.n) * sqrt(PRINTED_RADICAND), 0)),
    "E1.printed_is_upper_root": T("c_A = 0 & " + FE, eq(v.omega_star_printed, v.omega_up)),
    "E1.correct_rate": T(FE, eq(w, LOWER_8)),
    # E2: the correct zero-profit condition is pi_YY = 0, invariant under a change of the money unit
    "E2.printed_closed_form": T(
        EV,
        eq(
            v.zero_profit_printed,
            v.n / 2 * (v.omega - v.c_A - v.c_A) * (v.alpha - v.beta * (1 - v.omega) * v.c_A) - v.F,
        ),
    ),
    "E2.correct_closed_form": T(
        EV,
        eq(
            v.zero_profit(v.omega),
            v.n / 2 * (v.omega * v.c - v.c_A) * (v.alpha - v.beta * (1 + v.omega) * v.c) - v.F,
        ),
    ),
    "E2.correct_is_pi_YY": T(EV, eq(v.zero_profit(v.omega), v.pi_YY(v.omega))),
    "E2.pi_YY_scales": T(EV, eq(unit(v.zero_profit(v.omega)), v.lam * v.zero_profit(v.omega))),
    # E3: (W - omega) c < omega c - c_A scales with the money unit; the printed condition does not
    "E3.corrected_scales": T(EV, eq(unit(CORRECTED_GAP), v.lam * CORRECTED_GAP)),
    "E3.printed_moves_with_unit": T(EV, eq(unit(PRINTED_GAP) - PRINTED_GAP, v.c_A * (1 - v.lam))),
    "E3.corrected_is_sufficient": T("rates & paper_condition", gt(AGAINST_N, 0)),
    # R1: at (omega*, W_m) Y dominates iff n < 2 n_min; in general it fails exactly on [W_1, W_2]
    "R1.monopoly_rate_closed_form": T(EV, eq(v.W_m, v.K / (2 * v.beta * v.c))),
    "R1.monopoly_rate_maximises": T("feasible_trade", eq(at(d(v.M(v.W), v.W), v.W, v.W_m), 0)),
    "R1.margin_at_monopoly_rate": T(FE, eq(AT_N["W_m"], v.F * (2 - v.n / v.n_min))),
    "R1.beats_Y": T(FE, gt(v.pi_YY(w) - v.pi_NY, 0)),
    "R1.dominant_below_twice_n_min": T("n_min < n < 2*n_min", gt(AT_N["W_m"], 0)),
    "R1.tie_at_twice_n_min": T(DR4, eq(AT_N["W_m"], 0)),
    "R1.not_dominant_above_twice_n_min": T(FE4, lt(AT_N["W_m"], 0)),
    "R1.margin_any_W": T(FE, eq(AT_N["W"], v.n / 2 * (4 * v.F / v.n - v.M(v.W)))),
    "R1.largest_hiding_profit": T(
        "feasible_trade",
        eq(v.M(v.W_m) - 4 * v.F / v.n, v.G**2 / (4 * v.beta) * (1 - 2 * v.n_min / v.n)),
    ),
    "R1.W1_closed_form": T(
        FE4, eq(v.W_1, (v.K - sqrt(v.G**2 - 16 * v.beta * v.F / v.n)) / (2 * v.beta * v.c))
    ),
    "R1.W2_closed_form": T(
        FE4, eq(v.W_2, (v.K + sqrt(v.G**2 - 16 * v.beta * v.F / v.n)) / (2 * v.beta * v.c))
    ),
    "R1.W1_end": T(FE4, eq(v.M(v.W_1), 4 * v.F / v.n)),
    "R1.W2_end": T(FE4, eq(v.M(v.W_2), 4 * v.F / v.n)),
    "R1.interval_factored": T(
        FE4, eq(v.M(v.W) - 4 * v.F / v.n, -v.beta * v.c**2 * (v.W - v.W_1) * (v.W - v.W_2))
    ),
    "R1.interval_nonempty": T(FE4, gt(v.W_2, v.W_1)),
    "R1.interval_above_omega_star": T(FE4, gt(v.W_m, v.W_1)),
    "R1.weak_at_W1": T(FE4, eq(AT_N["W_1"], 0)),
    "R1.weak_at_W2": T(FE4, eq(AT_N["W_2"], 0)),
    # R2: the margins, and Y still beats N against Y on the dominance boundary
    "R2.margin_against_Y": T(EV, eq(AGAINST_Y, MARGIN_Y)),
    "R2.margin_against_N": T(EV, eq(AGAINST_N, MARGIN_N)),
    "R2.beats_Y": T("rates", gt(AGAINST_Y, 0)),
    # K1: with k companies Y strictly dominates iff k M(omega) > M(W)
    "K1.payoff_Y": T(EV, eq(v.pi_Y(v.y), v.n * v.M(v.omega) / (v.y + 1) - v.F)),
    "K1.payoff_N": T(EV, eq(v.pi_N, -v.F)),
    "K1.payoff_all_N": T(EV, eq(v.pi_N_all, v.n * v.M(v.W) / v.k - v.F)),
    "K1.beats_N_when_some_Y": T(RK, gt(JOIN, 0)),
    "K1.margin_all_N": T(RK, eq(LEAVE_ALL_N, LEAVE_ALL_N_CLOSED)),
    # K2: pure equilibria with k companies
    "K2.all_Y_stable": T(RK, lt(v.pi_N - v.pi_Y(v.k - 1), 0)),
    "K2.joining_Y_pays": T(RK, gt(JOIN, 0)),
    "K2.all_N_condition": T(RK, eq(LEAVE_ALL_N, LEAVE_ALL_N_CLOSED)),
    "K2.all_N_stable_above": T(BOTH_N, lt(LEAVE_ALL_N, 0)),
    "K2.all_N_stable_at_boundary": T("rates & M(W) = k*M(omega) & k >= 2", eq(LEAVE_ALL_N, 0)),
    # K3: the indifference condition is p P(s); P has one sign change (Descartes) and changes sign on (0, 1)
    "K3.indifference_polynomial": T(
        RK,
        eq(
            (v.E_Y - v.E_N) * v.k * v.p / v.n,
            v.p * (v.M(v.omega) * (1 - v.z) / (1 - v.s) + (v.M(v.omega) - v.M(v.W)) * v.z),
        ),
    ),
    "K3.descartes_sign_change": T(BOTH_N, lt(v.M(v.omega) * (v.M(v.omega) - v.M(v.W)), 0)),
    "K3.root_in_unit_interval": T(
        BOTH_N, lt(v.M(v.omega) * ((v.k - 1) * v.M(v.omega) + v.M(v.omega) - v.M(v.W)), 0)
    ),
    # K4: omega*(k), derived, is the lower root with 4k for 8; it exists iff k <= rho
    "K4.rho_closed_form": T(BELOW, eq(v.rho, v.n * v.G**2 / (4 * v.beta * v.F))),
    "K4.solves_zero_profit": T(BELOW, eq(at(v.pi_Y(v.k - 1), v.omega, wk), 0)),
    "K4.lower_root_4k": T(
        BELOW, eq(wk, (v.K - sqrt(v.G**2 - 4 * v.k * v.beta * v.F / v.n)) / (2 * v.beta * v.c))
    ),
    "K4.rho_over_k": T(BELOW, eq(v.n / v.n_min_of(v.k), v.rho / v.k)),
    "K4.all_Y_peaks": T(
        EV,
        eq(
            v.pi_Y(v.k - 1),
            v.n / v.k * v.M(v.W_m) - v.F - v.n / v.k * v.beta * v.c**2 * (v.omega - v.W_m) ** 2,
        ),
    ),
    "K4.double_root_at_rho": T(AT_RHO, eq(wk, v.W_m)),
    "K4.no_rate_above_rho": T(ABOVE, lt(v.n / v.k * v.M(v.W_m) - v.F, 0)),
    # K5: at (omega*(k), W_m), k M(omega*) - M(W_m) = (F/n)(k^2 - rho): its sign on each side of k^2 = rho
    "K5.profit_at_free_entry": T(BELOW, eq(v.M(wk), v.k * v.F / v.n)),
    "K5.margin_k_squared_rho": T(BELOW, eq(K5_MARGIN, v.F / v.n * (v.k**2 - v.rho))),
    "K5.strictly_dominant_above_sqrt_rho": T("k^2 > rho & k >= 2", gt(K5_MARGIN, 0)),
    "K5.weak_at_k_squared_equals_rho": T("k^2 = rho & k >= 2", eq(K5_MARGIN, 0)),
    "K5.not_dominant_below_sqrt_rho": T("k^2 < rho & k >= 2", lt(K5_MARGIN, 0)),
    # K6: collusion on hiding is sustainable iff delta >= delta_c
    "K6.gain_closed_form": T(
        EV, eq(v.gain, v.pi_N_all - ((1 - v.delta) * v.pi_Y(0) + v.delta * v.pi_Y(v.k - 1)))
    ),
    "K6.threshold_derived": T(RK, eq(v.delta_c, THRESHOLD)),
    "K6.gain_from_colluding": T(RK, eq(v.gain, (v.k - 1) * v.n / v.k * v.M(v.omega) * (v.delta - v.delta_c))),
    "K6.sustainable_above_threshold": T(RK + " & delta > delta_c", gt(v.gain, 0)),
    "K6.sustainable_at_threshold": T(RK + " & delta = delta_c", eq(v.gain, 0)),
    "K6.not_sustainable_below_threshold": T(RK + " & delta < delta_c", lt(v.gain, 0)),
    "K6.minmax": T("rates & y <= k - 1", ge(v.pi_Y(v.y) - v.pi_Y(v.k - 1), 0)),
    "K6.threshold_falls_with_hiding_profit": T(  # in M(W) as a quantity of its own
        RK, lt(d((v.k * v.M(v.omega) - v.M_W) / ((v.k - 1) * v.M(v.omega)), v.M_W), 0)
    ),
    # K7: at free entry delta_c = 1 - (rho - k)/(k(k - 1)): rising in k to 1 at k = rho, falling in n
    "K7.threshold_via_n_min": T(BELOW, eq(DC_AT_ENTRY, 1 - (v.n / v.n_min_of(v.k) - 1) / (v.k - 1))),
    "K7.free_entry_threshold": T(BELOW, eq(DC_AT_ENTRY, CLOSED_DC)),
    "K7.rises_with_k": T(UP_TO, gt(d(CLOSED_DC, v.k), 0)),
    "K7.one_at_rho": T(AT_RHO, eq(DC_AT_ENTRY, 1)),
    "K7.falls_with_n": T(BELOW, lt(d(CLOSED_DC, v.n), 0)),
}
