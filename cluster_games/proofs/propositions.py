r"""Propositions 1 and 2 of Dudko and Zhao as machine-checked claims (sections 1.1-1.2 of the model).

Each proposition is a :class:`~cluster_games.proofs.claims.Claim`: a symbolic proof over
:mod:`cluster_games.model` made of sign certificates and rational identities
(:mod:`cluster_games.proofs.certificates`), on the regions of
:mod:`cluster_games.proofs.parametrisations` (whose hypotheses are the claim's), plus a numeric
check at given parameters that uses nashpy where a game is involved. Proposition 3 is in
:mod:`~cluster_games.proofs.scope`, Propositions 4 and 5 in :mod:`~cluster_games.proofs.factories`.

>>> from cluster_games.proofs.example import check_point
>>> P2.run(check_point()).status
'proved'
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp

from .. import model as M
from ..kernels.closed_forms import payoff_entries
from . import formulas as V
from .claims import (
    CheckPoint,
    Claim,
    certified,
    free_entry_rate,
    from_certificate,
    symbolic_sign,
    within_free_entry_rate,
)
from .example import check_point
from .factories import P4, P5
from .parametrisations import (
    below_n_min,
    double_root,
    everywhere,
    feasible_trade,
    free_entry,
    no_fixed_cost,
    paper_sufficient,
    rates,
)
from .regions import dominance_conditions, sufficient_implies_exact
from .report import Step
from .scope import P3
from .statements import Statement, proved_by

__all__ = ["PROPOSITIONS", "P1", "P2", "P3", "P4", "P5"]


# ============================================================================ P1
#: Y against N when the other plays Y, and when it plays N (rows Y minus N of A's matrix).
AGAINST_Y = V.pi_YY(V.omega) - V.pi_NY
AGAINST_N = V.pi_YN(V.omega) - V.pi_NN(V.W)
#: ... derived from the payoff matrix: n/2 times M(omega), and n/2 times 2 M(omega) - M(W).
MARGIN_Y = V.n / 2 * V.M(V.omega)
MARGIN_N = V.n / 2 * (2 * V.M(V.omega) - V.M(V.W))


def _p1_proof() -> list[Step]:
    steps = [
        certified(V.eq(AGAINST_Y, MARGIN_Y), everywhere(), "from the payoff matrix", key="margin_against_Y"),
        certified(V.eq(AGAINST_N, MARGIN_N), everywhere(), "from the payoff matrix", key="margin_against_N"),
        certified(
            V.gt(AGAINST_Y, 0), rates(), "whenever trade at the seeing rate is feasible", key="beats_Y"
        ),
    ]
    c2 = sufficient_implies_exact()
    steps.append(from_certificate(c2))
    transpose = sp.simplify(M.payoff_matrix_B() - M.payoff_matrix_A().T) == sp.zeros(2, 2)
    steps.append(
        Step(
            "B's payoff matrix is A's transpose, so the same holds for B",
            "matrix identity (sympy)",
            transpose,
        )
    )
    steps.append(
        Step(
            "Y strictly dominates N for both companies, so every other profile is eliminated: (Y, Y) is the unique Nash equilibrium",
            "strict dominance (IESDS)",
            steps[2].holds and c2.holds,
        )
    )
    return steps


def _symbolic_hypotheses(pt: CheckPoint) -> bool:
    from .regions import paper_sufficient_condition

    cond = paper_sufficient_condition()
    return (
        symbolic_sign(M.margin(M.omega), pt) > 0
        and symbolic_sign(M.demand(M.omega), pt) > 0
        and symbolic_sign(cond.rhs - cond.lhs, pt) > 0
    )


def _p1_check(pt: CheckPoint) -> list[Step]:
    from ..games.elimination import iterated_elimination

    game = pt.game()
    hypotheses = game.trade_feasible() and game.paper_condition()
    cond = dominance_conditions()
    exact_symbolic = symbolic_sign(cond.against_Y.lhs, pt) > 0 and symbolic_sign(cond.against_N.lhs, pt) > 0
    label = game.classify()
    row, col = game.dominance()
    eq = game.equilibria()
    A = game.exact_payoff_A()
    elim = iterated_elimination(A, A.T, ("Y", "N"), ("Y", "N"))
    steps = [
        Step(
            "paper's hypotheses at these numbers (m(w) > 0, D(w) > 0, (W - w) c < w c - c_A): "
            "exact payoffs and the symbolic relations agree",
            "exact arithmetic",
            hypotheses == (symbolic_hypotheses := _symbolic_hypotheses(pt)),
            detail=f"{'hold' if hypotheses else 'do not hold'} (symbolic: {symbolic_hypotheses})",
        ),
        Step(
            "symbolic exact condition and exact payoff comparison agree",
            "exact arithmetic",
            exact_symbolic == (label == "Y strictly dominant"),
            detail=f"symbolic: {exact_symbolic}; payoffs: {label}",
        ),
        Step(
            "the equilibria agree with dominance",
            f"exact 2x2 analysis ({eq.method.split('; ')[-1]})",
            # In this 2x2 symmetric game, (Y, Y) is the unique equilibrium iff Y strictly dominates.
            (eq.unique and eq.pure == (("Y", "Y"),)) == (label == "Y strictly dominant"),
            detail=str(eq),
        ),
    ]
    if hypotheses:
        steps.append(
            Step(
                "under the hypotheses: Y strictly dominant for A and B, IESDS leaves (Y, Y), the only equilibrium",
                "exact arithmetic",
                row.strictly_dominant == "Y"
                and col.strictly_dominant == "Y"
                and elim.solved
                and elim.row_strategies == ("Y",)
                and eq.unique
                and eq.pure == (("Y", "Y"),),
                detail=f"{row}; {col}; {eq}",
            )
        )
    return steps


P1 = Claim(
    id="P1",
    kind="proposition",
    title="Seeing customers (Y) is each trading company's dominant strategy",
    statement=Statement(
        "If trade at the seeing rate is feasible (",
        V.gt(V.m(V.omega), 0),
        ", ",
        V.gt(V.D(V.omega), 0),
        ", ",
        V.gt(V.W, V.omega),
        ") and ",
        V.lt(V.c * (V.W - V.omega), V.m(V.omega)),
        ", then Y strictly dominates N for both trading companies, ",
        V.gt(AGAINST_Y, 0),
        " and ",
        V.gt(AGAINST_N, 0),
        ", and (Y, Y) is the unique Nash equilibrium. The exact condition is that both margins, ",
        MARGIN_Y,
        " and ",
        MARGIN_N,
        ", are positive; the paper's condition is sufficient, not necessary.",
    ),
    hypotheses=lambda: paper_sufficient().hypotheses,
    proof=_p1_proof,
    check=_p1_check,
    key_expressions=lambda: {
        "exact region": dominance_conditions()._repr_latex_().strip("$").replace("\\displaystyle ", ""),
        "payoff matrix of A": sp.latex(M.payoff_matrix_A()),
    },
)


# ============================================================================ P2
#: The printed closed forms of Proposition 2, each certified equal to the model's object.
OMEGA_STAR = (V.K - V.sqrt(V.G**2 - 8 * V.beta * V.F / V.n)) / (2 * V.beta * V.c)
N_MIN = 8 * V.beta * V.F / V.G**2
DOUBLE_ROOT = V.K / (2 * V.beta * V.c)
PI_YY_FACTORED = -(V.n * V.beta * V.c**2 / 2) * (V.omega - V.omega_star) * (V.omega - V.omega_up)


def _p2_proof() -> list[Step]:
    region = free_entry()
    w = V.omega_star
    steps = [
        certified(
            V.eq(V.zero_profit(V.omega), V.pi_YY(V.omega)),
            region,
            "free entry: the zero-profit condition",
            key="zero_profit_is_pi_YY",
        ),
        certified(
            V.eq(V.Disc, V.G**2 * (1 - V.n_min / V.n)),
            feasible_trade(),
            "a break-even rate exists iff it is not negative",
            key="discriminant",
        ),
        certified(V.eq(V.n_min, N_MIN), feasible_trade(), "the existence threshold", key="n_min_closed_form"),
        certified(V.eq(V.pi_YY(w), 0), region, "the lower root zeroes the all-Y profit", key="lower_root"),
        certified(V.eq(w, OMEGA_STAR), region, "the lower root, in closed form", key="closed_form"),
        certified(
            V.eq(V.pi_YY(V.omega), PI_YY_FACTORED),
            region,
            "positive only between the roots",
            key="factored",
        ),
        certified(
            V.gt(V.omega_up, w),
            region,
            "distinct roots: undercutting stops at the lower",
            key="distinct_roots",
        ),
        certified(V.gt(V.m(w), 0), region, "above cost recovery", key="margin_positive"),
        certified(V.gt(V.D(w), 0), region, "buyers still buy", key="demand_positive"),
        certified(
            V.eq(V.name("omega*_rationalised"), w),
            region,
            "the cancellation-free form the kernel evaluates",
            key="rationalised",
        ),
        certified(
            V.eq(V.pi_YY(V.omega), V.pi_YY(V.W_m) - V.n * V.beta * V.c**2 / 2 * (V.omega - V.W_m) ** 2),
            everywhere(),
            "the all-Y profit peaks at the monopoly rate",
            key="peak_at_monopoly_rate",
        ),
        certified(
            V.lt(V.pi_YY(V.W_m), 0),
            below_n_min(),
            "even at its peak the all-Y profit is negative: no break-even rate",
            key="no_rate_below_n_min",
            case="n < n_min",
        ),
    ]
    return steps + _p2_boundaries()


def _p2_boundaries() -> list[Step]:
    """The boundary cases n = n_min (the double root) and F = 0 (zero fixed cost), certified."""
    tie, free = double_root(), no_fixed_cost()
    w = V.omega_star
    square = -(V.n * V.beta * V.c**2 / 2) * (V.omega - w) ** 2
    return [
        certified(
            V.eq(V.omega_up, w), tie, "the two roots coincide", key="n_min_roots_coincide", case="n = n_min"
        ),
        certified(V.eq(V.pi_YY(w), 0), tie, key="n_min_zero_profit", case="n = n_min"),
        certified(V.eq(w, DOUBLE_ROOT), tie, "the double root", key="n_min_double_root", case="n = n_min"),
        certified(
            V.eq(V.pi_YY(V.omega), square),
            tie,
            "no rate earns a profit: the only break-even rate",
            key="n_min_square",
            case="n = n_min",
        ),
        certified(V.gt(V.m(w), 0), tie, key="n_min_margin", case="n = n_min"),
        certified(V.gt(V.D(w), 0), tie, key="n_min_demand", case="n = n_min"),
        certified(V.eq(w, V.c_A / V.c), free, "cost recovery", key="F0_cost_recovery", case="F = 0"),
        certified(V.eq(V.pi_YY(w), 0), free, "zero margin", key="F0_zero_profit", case="F = 0"),
        certified(V.gt(V.omega_up, w), free, "the lower root is the rate", key="F0_distinct", case="F = 0"),
        certified(V.gt(V.D(w), 0), free, key="F0_demand", case="F = 0"),
    ]


def _p2_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    w = free_entry_rate(p)
    steps = [within_free_entry_rate("numeric omega* is within 1e-12 of the exact lower root", w, p)]
    exact_pi = payoff_entries(*(Fraction(v) for v in (p.n, p.F, p.alpha, p.beta, p.c, p.c_A, w, w))).YY
    scale = p.F + p.n / 2 * (w * p.c + p.c_A) * (p.alpha + p.beta * (1 + w) * p.c)
    steps.append(
        Step(
            "pi_YY at the float omega* is zero up to its rounding",
            "exact arithmetic",
            abs(float(exact_pi)) <= 1e-10 * scale,
            detail=f"pi_YY = {float(exact_pi):.3g} (scale {scale:.3g})",
        )
    )
    # Around omega*: pi_YY < 0 just below, > 0 just above (below the upper root). The roots are
    # sqrt(disc)/(beta c) apart; at n = n_min they coincide and no rate earns a profit.
    G = Fraction(p.alpha) - Fraction(p.beta) * (Fraction(p.c) + Fraction(p.c_A))
    disc = G * G - 8 * Fraction(p.beta) * Fraction(p.F) / Fraction(p.n)
    if disc == 0:  # the boundary case n = n_min: omega* = K/(2 beta c) exactly, a double root
        n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
        root = (alpha - beta * c + beta * c_A) / (2 * beta * c)
        values = [
            payoff_entries(n, F, alpha, beta, c, c_A, root + d, 0).YY
            for d in (-root / 1000, Fraction(0), root / 1000)
        ]
        steps.append(
            Step(
                "n = n_min: at omega* = K/(2 beta c) pi_YY = 0, and every other rate loses money (double root)",
                "exact arithmetic",
                values[1] == 0 and values[0] < 0 and values[2] < 0,
                detail=f"pi_YY(omega* (1 -/+ 1e-3)) = {float(values[0]):.4g}, {float(values[2]):.4g}",
            )
        )
    else:
        gap = math.sqrt(float(disc)) / (p.beta * p.c)  # distance between the roots
        delta = min(1e-6 * w, gap / 4)
        below, above = (
            payoff_entries(
                *(Fraction(v) for v in (p.n, p.F, p.alpha, p.beta, p.c, p.c_A)), Fraction(w) + d, 0
            ).YY
            for d in (-Fraction(delta), Fraction(delta))
        )
        resolvable = delta > 4e-15 * w  # beyond the float omega*'s own error
        steps.append(
            Step(
                "a slightly lower rate loses money, a slightly higher one attracts entry",
                "exact arithmetic" if resolvable else "n/a",
                (below < 0 < above) if resolvable else None,
                detail=f"pi_YY(omega* -/+ {delta:.3g}) = {float(below):.4g}, {float(above):.4g}"
                if resolvable
                else f"the roots are {gap:.3g} apart, within the float omega*'s error",
            )
        )
    game = check_point(p).game()  # at omega* itself, whatever rate the caller chose for the other checks
    nash = game.to_nashpy()
    steps.append(
        Step(
            "in the game at omega* (exact), the (Y, Y) payoff is normal profit: exactly zero, also in nashpy",
            "exact arithmetic",
            game.exact_payoff_A()[0, 0] == 0 and float(nash[[1, 0], [1, 0]][0]) == 0.0,
            detail=f"payoffs at (Y, Y): {nash[[1, 0], [1, 0]]}",
        )
    )
    return steps


P2 = Claim(
    id="P2",
    kind="proposition",
    title="Free entry drives the agency rate down to omega*, where trading companies earn normal profit",
    statement=Statement(
        "At equilibrium trading companies earn normal profit: the zero-profit condition is the all-Y profit, ",
        V.eq(V.zero_profit(V.omega), V.pi_YY(V.omega)),
        ", and its zero fixes the rate at the lower root ",
        V.eq(V.omega_star, OMEGA_STAR),
        ", where ",
        V.eq(V.pi_YY(V.omega_star), 0),
        " (",
        V.eq(V.pi_YY(V.omega), PI_YY_FACTORED),
        "). With ",
        V.eq(V.n_min, N_MIN),
        ", a break-even rate exists where ",
        V.gt(V.n, V.n_min),
        " or ",
        V.eq(V.n, V.n_min),
        ", and none where ",
        V.lt(V.n, V.n_min),
        " ",
        proved_by(("lower_root", "n_min_zero_profit"), ("no_rate_below_n_min",)),
        "; there ",
        V.gt(V.m(V.omega_star), 0),
        " and ",
        V.gt(V.D(V.omega_star), 0),
        ". At ",
        V.eq(V.n, V.n_min),
        " the two roots merge into ",
        V.eq(V.omega_star, DOUBLE_ROOT),
        ", the only break-even rate; at ",
        V.eq(V.F, 0),
        ", ",
        V.eq(V.omega_star, V.c_A / V.c),
        " (zero margin).",
    ),
    hypotheses=lambda: free_entry().hypotheses,
    proof=_p2_proof,
    check=_p2_check,
    cases=lambda: {
        "n < n_min": below_n_min().hypotheses,
        "n = n_min": double_root().hypotheses,
        "F = 0": no_fixed_cost().hypotheses,
    },
    key_expressions=lambda: {
        "omega*": sp.latex(M.omega_star_expr()),
        "omega* (cancellation-free)": sp.latex(M.omega_star_rationalised()),
        "n_min": sp.latex(M.n_min_expr()),
    },
)


PROPOSITIONS: tuple[Claim, ...] = (P1, P2, P3, P4, P5)
