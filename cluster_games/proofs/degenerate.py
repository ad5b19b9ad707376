r"""Finding R2: on the dominance boundary the game is degenerate, with exactly two isolated equilibria.

The equilibria of the symmetric 2x2 game are found from its dominance margins by
:func:`symmetric_2x2_equilibria` (each support type's best-response conditions, solved with
sympy), and checked at exact boundary points of the model's game.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from ..game import ClusterGame
from ..parameters import Parameters
from . import formulas as V
from .claims import CheckPoint, Claim, certified
from .parametrisations import everywhere, rates
from .report import Step
from .statements import Statement

__all__ = ["R2", "symmetric_2x2_equilibria"]


def symmetric_2x2_equilibria(a: sp.Expr, b: sp.Expr) -> set[tuple[sp.Expr, sp.Expr]] | None:
    r"""Equilibria (p, q) = (P(Y) for A, P(Y) for B) of the symmetric 2x2 game with dominance margins a, b.

    A's gain from Y over N against B's mix q is :math:`g(q) = q a + (1 - q) b`
    (and B's against p is :math:`g(p)`). For each support type of each player
    (pure Y: p = 1, pure N: p = 0, mixed: 0 < p < 1) a player's best-response
    condition restricts only the *opponent's* probability, so the equilibria of
    that type are a product of two sets, each found with :func:`sympy.solveset`.
    Returns the finite set of equilibria, or ``None`` when a set is an interval
    (a continuum of equilibria).
    """
    p, q = sp.symbols("p q", real=True)
    inside = sp.Interval.open(0, 1)

    def condition(kind, gain):
        return {1: gain >= 0, 0: gain <= 0, "mixed": sp.Eq(gain, 0)}[kind]

    def allowed(kind_self, opp_kind, var):
        gain = var * a + (1 - var) * b
        if opp_kind == "mixed":
            return sp.solveset(condition(kind_self, gain), var, domain=inside)
        return sp.FiniteSet(opp_kind) if bool(condition(kind_self, gain.subs(var, opp_kind))) else sp.EmptySet

    found: set[tuple[sp.Expr, sp.Expr]] = set()
    kinds = (1, 0, "mixed")
    for kind_p in kinds:
        for kind_q in kinds:
            q_set = allowed(kind_p, kind_q, q)  # A's condition restricts q
            p_set = allowed(kind_q, kind_p, p)  # B's condition restricts p
            if q_set.is_empty or p_set.is_empty:
                continue
            if not (isinstance(q_set, sp.FiniteSet) and isinstance(p_set, sp.FiniteSet)):
                return None
            found |= {(pp, qq) for pp in p_set for qq in q_set}
    return found


_AGAINST_Y, _AGAINST_N = V.pi_YY(V.omega) - V.pi_NY, V.pi_YN(V.omega) - V.pi_NN(V.W)
_MARGIN_Y, _MARGIN_N = V.n / 2 * V.M(V.omega), V.n / 2 * (2 * V.M(V.omega) - V.M(V.W))


def _r2_proof() -> list[Step]:
    a = sp.Symbol("a", positive=True)  # pi_YY - pi_NY > 0: Y better against Y
    d = sp.Symbol("d", positive=True)
    on_boundary = symmetric_2x2_equilibria(a, sp.Integer(0))
    # With m(omega)D(omega) = 0 the second margin is -n m(W)D(W)/2.
    zero_margin_inside = symmetric_2x2_equilibria(sp.Integer(0), -d)  # m(W)D(W) > 0
    zero_margin_zero = symmetric_2x2_equilibria(sp.Integer(0), sp.Integer(0))  # m(W)D(W) = 0
    zero_margin_outside = symmetric_2x2_equilibria(sp.Integer(0), d)  # m(W)D(W) < 0
    region = rates()
    return [
        certified(
            V.eq(_AGAINST_Y, _MARGIN_Y), everywhere(), "from the payoff matrix", key="margin_against_Y"
        ),
        certified(
            V.eq(_AGAINST_N, _MARGIN_N), everywhere(), "from the payoff matrix", key="margin_against_N"
        ),
        certified(
            V.gt(_AGAINST_Y, 0), region, "wherever trade at the seeing rate is feasible", key="beats_Y"
        ),
        Step(
            "margins (a > 0, 0): the equilibria (P(Y) for A, for B) are exactly (1, 1) and (0, 0)",
            "best-response equations (sympy solve)",
            on_boundary == {(1, 1), (0, 0)},
            detail=str(on_boundary),
        ),
        Step(
            "margins (0, -d) with m(W)D(W) > 0: again isolated, (1, 1) and (0, 0)",
            "best-response equations (sympy solve)",
            zero_margin_inside == {(1, 1), (0, 0)},
            detail=str(zero_margin_inside),
        ),
        Step(
            "margins (0, 0), i.e. m(omega)D(omega) = m(W)D(W) = 0 (no demand at W): every profile is an equilibrium",
            "best-response equations (sympy solve)",
            zero_margin_zero is None,
            detail="continuum" if zero_margin_zero is None else str(zero_margin_zero),
        ),
        Step(
            "margins (0, d > 0), possible only if m(W)D(W) < 0 (negative demand at W): a continuum through (1, 1)",
            "best-response equations (sympy solve)",
            zero_margin_outside is None,
            detail="continuum" if zero_margin_outside is None else str(zero_margin_outside),
        ),
    ]


def _boundary_point() -> tuple[Parameters, float, float]:
    # 2 m(1) D(1) = 2 * 1 * 6 = 12 = m(3) D(3) = 3 * 4 at alpha=8, beta=1, c=1, c_A=0: all exact in binary.
    return Parameters(n=2, F=1, alpha=8, beta=1, c=1, c_A=0), 1.0, 3.0


def _r2_check(pt: CheckPoint) -> list[Step]:
    from ..games.equilibria import exact_2x2_equilibria

    params, omega, W = _boundary_point()
    on = ClusterGame(params, omega, W)
    eq_on = on.equilibria()
    # m(1) = 0 with c_A = 1 and D(7) = 0: both products vanish, inside the domain (D(W) >= 0).
    both_zero = ClusterGame(params.replace(c_A=1.0), 1.0, 7.0)
    eq_zero = both_zero.equilibria()
    # m(1) = 0 and D(8) = -1 < 0 is outside the domain of a game: shown on the bare 2x2 game.
    outside = [[Fraction(0), Fraction(1)], [Fraction(0), Fraction(0)]]  # margins (0, 1)
    eq_outside = exact_2x2_equilibria(outside, [list(r) for r in zip(*outside, strict=True)], "YN", "YN")
    return [
        Step(
            "exact boundary point (n=2, F=1, alpha=8, beta=1, c=1, c_A=0, omega=1, W=3): Y weakly dominant",
            "exact arithmetic",
            on.classify() == "Y weakly dominant",
            detail=on.classify(),
        ),
        Step(
            "exactly two isolated equilibria (Y, Y) and (N, N), reported as degenerate",
            f"exact 2x2 analysis ({eq_on.method.split('; ')[-1]})",
            eq_on.finite
            and set(eq_on.pure) == {("Y", "Y"), ("N", "N")}
            and len(eq_on.extreme) == 2
            and eq_on.degenerate,
            detail=str(eq_on),
        ),
        Step(
            "at m(omega) = 0 and D(W) = 0 (inside the domain) every profile is an equilibrium",
            "exact 2x2 analysis",
            not eq_zero.finite and both_zero.classify() == "Y and N equivalent",
            detail=str(eq_zero),
        ),
        Step(
            "margins (0, +): a continuum joins (Y, Y) (needs negative demand at W, outside the domain)",
            "exact 2x2 analysis",
            not eq_outside.finite and eq_outside.degenerate,
            detail=str(eq_outside),
        ),
    ]


R2 = Claim(
    id="R2",
    kind="finding",
    title="On the dominance boundary the game is degenerate",
    statement=Statement(
        "With ",
        V.eq(_AGAINST_Y, _MARGIN_Y),
        " and ",
        V.eq(_AGAINST_N, _MARGIN_N),
        ": on the boundary where ",
        V.M(V.omega),
        " is positive and ",
        2 * V.M(V.omega) - V.M(V.W),
        " is zero, Y is only weakly dominant and the equilibria are exactly (Y, Y) and (N, N), both "
        "isolated: no continuum. Equilibria that are not isolated need ",
        V.M(V.omega),
        " to be zero and ",
        V.M(V.W),
        " not positive: with no demand at the hiding rate every profile is an equilibrium; with negative "
        "demand there (outside the model's domain) a continuum joins (Y, Y). (An earlier statement of the "
        "model said a continuum can join (Y, Y) on the first boundary; the computation shows it cannot.)",
    ),
    hypotheses=lambda: rates().hypotheses,
    proof=_r2_proof,
    check=_r2_check,
)
