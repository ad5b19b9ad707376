r"""Propositions 1-5 of Dudko and Zhao as machine-checked claims (sections 1.1-1.4 of the model).

Each proposition is a :class:`~cluster_games.proofs.claims.Claim`: a symbolic proof
over :mod:`cluster_games.model` made of sign certificates and rational
identities (:mod:`cluster_games.proofs.certificates`), plus a numeric check at given
parameters that uses nashpy where a game is involved.

>>> from cluster_games.proofs.example import check_point
>>> P2.run(check_point()).status
'proved'
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import mpmath
import sympy as sp

from .. import model as M
from ..kernels.closed_forms import demand, investment_gap, payoff_entries
from . import precise
from .certificates import (
    Region,
    certify,
    feasible_trade,
    free_entry_region,
    rates_region,
)
from .claims import (
    CheckPoint,
    Claim,
    NotApplicable,
    compare,
    free_entry_rate,
    from_certificate,
    symbolic_sign,
)
from .example import check_point
from .regions import dominance_conditions, sufficient_implies_exact
from .report import Step

__all__ = ["PROPOSITIONS", "P1", "P2", "P3", "P4", "P5"]


def _lt(name: str, value) -> str:
    return f"{name} = {sp.latex(value)}"


# ============================================================================ P1
def _p1_proof() -> list[Step]:
    cond = dominance_conditions()  # raises if the margins are not n/2 times the stated forms
    steps = [
        Step(
            "dominance margins derived from the payoff matrix: rows Y minus N equal n/2 m(w)D(w) and n/2 (2m(w)D(w) - m(W)D(W))",
            "rational identity",
            True,
            latex=f"{sp.latex(cond.against_Y)},\\; {sp.latex(cond.against_N)}",
        ),
        from_certificate(
            certify(
                cond.margins[0],
                "positive",
                rates_region(),
                "pi_YY - pi_NY > 0 whenever trade at omega is feasible",
            )
        ),
    ]
    c1, c2 = sufficient_implies_exact()
    steps.append(from_certificate(c2))
    steps.append(
        from_certificate(
            _matrix_identity(
                M.payoff_matrix_B(),
                M.payoff_matrix_A().T,
                "B's payoff matrix is A's transpose, so the same holds for B",
            )
        )
    )
    steps.append(
        Step(
            "Y strictly dominates N for both companies, so every other profile is eliminated: (Y, Y) is the unique Nash equilibrium",
            "strict dominance (IESDS)",
            c1.holds and c2.holds,
        )
    )
    return steps


def _matrix_identity(lhs: sp.Matrix, rhs: sp.Matrix, claim: str):
    from .certificates import SignCertificate

    diff = sp.simplify(lhs - rhs)
    ok = diff == sp.zeros(*lhs.shape)
    return SignCertificate(
        claim, "zero", sp.Integer(0), "all parameters", sp.Integer(0) if ok else diff, ok, "matrix identity"
    )


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
    statement=(
        "If trade at the seeing rate omega is feasible (m(omega) > 0, D(omega) > 0) and "
        "(W - omega) c < omega c - c_A, then Y strictly dominates N for both trading companies and "
        "(Y, Y) is the unique Nash equilibrium. The exact condition is m(omega)D(omega) > 0 and "
        "2 m(omega)D(omega) > m(W)D(W); the paper's condition is sufficient, not necessary."
    ),
    assumptions=("m(omega) > 0", "D(omega) > 0", "W > omega", "(W - omega) c < omega c - c_A"),
    proof=_p1_proof,
    check=_p1_check,
    key_expressions=lambda: {
        "exact region": dominance_conditions()._repr_latex_().strip("$").replace("\\displaystyle ", ""),
        "payoff matrix of A": sp.latex(M.payoff_matrix_A()),
    },
)


# ============================================================================ P2
def _p2_proof() -> list[Step]:
    region = free_entry_region()
    lower, upper = M.omega_star_roots()
    pi_YY = M.payoff_matrix_A()[0, 0]
    factored = -(M.n * M.beta * M.c**2 / 2) * (M.omega - lower) * (M.omega - upper)
    return [
        from_certificate(
            certify(
                M.zero_profit_equation().lhs - pi_YY,
                "zero",
                region,
                "free entry: the zero-profit condition is pi_YY = 0",
            )
        ),
        from_certificate(
            certify(
                M.discriminant() - M.G**2 * (1 - M.n_min_expr() / M.n),
                "zero",
                feasible_trade(),
                "discriminant = G^2 (1 - n_min/n): a break-even rate exists iff G > 0 and n >= n_min",
            )
        ),
        from_certificate(
            certify(pi_YY.subs(M.omega, lower), "zero", region, "omega* (lower root) zeroes pi_YY")
        ),
        from_certificate(
            certify(
                pi_YY - factored,
                "zero",
                region,
                "pi_YY = -(n beta c^2/2)(omega - omega*)(omega - omega_up): positive only between the roots",
            )
        ),
        from_certificate(
            certify(
                upper - lower,
                "positive",
                region,
                "the roots are distinct: undercutting stops at the lower one",
            )
        ),
        from_certificate(
            certify(
                M.margin(lower), "positive", region, "m(omega*) > 0: omega* lies above cost recovery c_A/c"
            )
        ),
        from_certificate(
            certify(M.demand(lower), "positive", region, "D(omega*) > 0: buyers still buy at omega*")
        ),
        from_certificate(
            certify(
                M.omega_star_rationalised() - lower,
                "zero",
                region,
                "the cancellation-free form 2C/(c(K + sqrt)) equals the lower root",
            )
        ),
    ]


def _p2_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    w = free_entry_rate(p)
    steps = []
    with mpmath.workdps(40):
        symbolic = precise.omega_star(p)
    steps.append(
        compare(
            "numeric omega* equals the symbolic lower root (40 digits, cancellation-free form)",
            w,
            float(symbolic),
            1e-12,
            "exact arithmetic",
        )
    )
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
    if disc == 0:
        steps.append(
            Step(
                "a slightly lower rate loses money, a slightly higher one attracts entry",
                "n/a",
                None,
                detail="n = n_min: omega* is a double root, no rate earns a profit",
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
    statement=(
        "At equilibrium pi_YY = 0, which fixes omega = omega* = (K - sqrt(G^2 - 8 beta F/n)) / (2 beta c), "
        "the lower root; it exists iff G > 0 and n >= n_min = 8 beta F / G^2, and c_A/c < omega* with D(omega*) > 0."
    ),
    assumptions=("G = alpha - beta (c + c_A) > 0", "n > n_min", "F > 0"),
    proof=_p2_proof,
    check=_p2_check,
    key_expressions=lambda: {
        "omega*": sp.latex(M.omega_star_expr()),
        "omega* (cancellation-free)": sp.latex(M.omega_star_rationalised()),
        "n_min": sp.latex(M.n_min_expr()),
    },
)


# ============================================================================ P3
def _p3_proof() -> list[Step]:
    region = free_entry_region()
    w = M.omega_star_expr()
    dn = sp.diff(w, M.n)
    closed = -2 * M.F / (M.c * M.n**2 * sp.sqrt(M.discriminant()))
    limit = sp.limit(feasible_trade().apply(w), M.n, sp.oo)
    wk = M.omega_star_expr(M.k)
    return [
        from_certificate(
            certify(dn - closed, "zero", region, "d omega*/dn = -2F / (c n^2 sqrt(G^2 - 8 beta F/n))")
        ),
        from_certificate(certify(dn, "negative", region, "d omega*/dn < 0: more specialisation, lower rate")),
        Step(
            "omega* -> c_A/c as n -> infinity (the rate falls to cost recovery)",
            "limit",
            sp.simplify(limit - M.c_A / M.c) == 0,
            latex=f"\\lim_{{n\\to\\infty}} \\omega^* = {sp.latex(limit)}",
        ),
        from_certificate(certify(sp.diff(w, M.F), "positive", region, "d omega*/dF > 0")),
        from_certificate(certify(sp.diff(w, M.c_A), "positive", region, "d omega*/dc_A > 0")),
        from_certificate(certify(sp.diff(w, M.alpha), "negative", region, "d omega*/dalpha < 0")),
        from_certificate(
            certify(
                sp.diff(wk, M.k),
                "positive",
                free_entry_region(M.k),
                "k companies: d omega*/dk > 0 (beyond the paper)",
            )
        ),
    ]


def _p3_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    if p.F == 0:
        raise NotApplicable("F = 0: omega* = c_A/c for every n (the proposition assumes F > 0)")
    ns = [p.n, 2 * p.n, 10 * p.n, 1e6 * p.n]

    def falls():
        ws = [precise.omega_star(p, n=n) for n in ns]
        return (*(a - b for a, b in itertools.pairwise(ws)), ws[-1] - mpmath.mpf(p.c_A) / p.c)

    steps_down = precise.resolved(falls, "omega* along n, 2n, 10n, 1e6 n")
    steps = [
        Step(
            "omega* falls along n, 2n, 10n, 1e6 n and stays above c_A/c (adaptive precision)",
            "exact arithmetic",
            all(d > 0 for d in steps_down),
            detail="differences " + ", ".join(mpmath.nstr(d, 4) for d in steps_down),
        )
    ]
    # d omega*/dn against a central difference, with h well inside (n_min, n): at n = n_min the
    # derivative is infinite (the double root).
    n_min = p.n_min()
    if p.n <= n_min * (1 + 1e-12):
        steps.append(
            Step(
                "central difference of omega* in n matches the closed-form derivative",
                "n/a",
                None,
                detail="n = n_min: d omega*/dn is infinite at the double root",
            )
        )
        return steps
    h = min(1e-12 * p.n, (p.n - n_min) / 16)

    def derivative():
        n = mpmath.mpf(p.n)
        G = mpmath.mpf(p.alpha) - mpmath.mpf(p.beta) * (mpmath.mpf(p.c) + mpmath.mpf(p.c_A))
        closed = -2 * mpmath.mpf(p.F) / (p.c * n**2 * mpmath.sqrt(G**2 - 8 * p.beta * mpmath.mpf(p.F) / n))
        hh = mpmath.mpf(h)
        fd = (precise.omega_star(p, n=n + hh) - precise.omega_star(p, n=n - hh)) / (2 * hh)
        return fd, closed

    fd, closed = precise.resolved(derivative, "d omega*/dn")
    steps.append(
        compare(
            "central difference of omega* in n (adaptive precision) matches the closed-form derivative",
            float(fd),
            float(closed),
            1e-6,
        )
    )
    return steps


P3 = Claim(
    id="P3",
    kind="proposition",
    title="The finer the division of labour (larger n), the lower the agency rate",
    statement=(
        "d omega*/dn = -2F / (c n^2 sqrt(G^2 - 8 beta F/n)) < 0 and omega* -> c_A/c as n -> infinity; "
        "omega* rises with F and c_A and falls with alpha (economies of scope for factories)."
    ),
    assumptions=("G > 0", "n > n_min", "F > 0"),
    proof=_p3_proof,
    check=_p3_check,
    key_expressions=lambda: {"d omega*/dn": sp.latex(-2 * M.F / (M.c * M.n**2 * sp.sqrt(M.discriminant())))},
)


# ============================================================================ P4
def _p4_proof() -> list[Step]:
    mu, e, f = sp.Symbol("mu", positive=True), sp.Symbol("e", positive=True), sp.Symbol("f", positive=True)
    below = Region(
        "self-marketing factory below the threshold: m(omega) = mu > 0, Q_bar = Q + e",
        (
            r"m(\omega) > 0",
            r"Q < \bar Q",
        ),
        {M.F: mu * (M.Q + e), M.omega: (M.c_A + mu) / M.c},
        (mu, e),
    )
    above = Region(
        "self-marketing factory above the threshold: m(omega) = mu > 0, Q = Q_bar + e",
        (r"m(\omega) > 0", r"Q > \bar Q"),
        {M.Q: M.F / mu + e, M.omega: (M.c_A + mu) / M.c, M.F: f},
        (mu, e, f),
    )
    positive_margin = Region(
        "m(omega) = mu > 0, F > 0",
        (r"m(\omega) > 0", "F > 0"),
        {M.omega: (M.c_A + mu) / M.c, M.F: f},
        (mu, f),
    )
    profit = M.factory_profit_alone()
    return [
        from_certificate(
            certify(
                profit - M.margin(M.omega) * (M.Q - M.Q_bar()),
                "zero",
                positive_margin,
                "pi' = m(omega) (Q - Q_bar)",
            )
        ),
        from_certificate(
            certify(profit, "negative", below, "Q < Q_bar implies pi' < 0: the factory cannot market itself")
        ),
        from_certificate(certify(profit, "positive", above, "Q > Q_bar implies pi' > 0")),
        from_certificate(
            certify(
                sp.diff(M.Q_bar(), M.omega),
                "negative",
                positive_margin,
                "dQ_bar/domega < 0: the lower omega, the more factories need the system",
            )
        ),
        from_certificate(
            certify(
                M.Q_bar(M.omega_star_expr()) - M.n * M.demand(M.omega_star_expr()) / 2,
                "zero",
                free_entry_region(),
                "Q_bar(omega*) = n D(omega*)/2: alone, a factory must sell a whole trading company's half of the cluster",
            )
        ),
    ]


def _p4_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    if p.F == 0:
        raise NotApplicable(
            "F = 0: m(omega*) = 0 and pi' = 0 for every output (the proposition assumes F > 0)"
        )

    def threshold():
        w = precise.omega_star(p)
        margin = w * p.c - p.c_A  # cancels at large n: the precision is raised until it is resolved
        qbar = mpmath.mpf(p.F) / margin
        half = p.n * (p.alpha - p.beta * (1 + w) * p.c) / 2
        up = mpmath.mpf(p.F) / (mpmath.mpf(1.5) * w * p.c - p.c_A)
        return qbar, half, qbar / 2 * margin - p.F, 2 * qbar * margin - p.F, up - qbar

    qbar, half, small, large, fall = precise.resolved(threshold, "Q_bar(omega*)")
    return [
        compare("Q_bar(omega*) equals n D(omega*)/2", float(qbar), float(half), 1e-12, "exact arithmetic"),
        Step(
            "a factory at half the threshold loses, at twice it gains",
            "exact arithmetic",
            small < 0 < large,
            detail=f"pi'(Q_bar/2) = {mpmath.nstr(small, 4)}, pi'(2 Q_bar) = {mpmath.nstr(large, 4)}, "
            f"Q_bar = {mpmath.nstr(qbar, 6)}",
        ),
        Step(
            "Q_bar falls as omega rises",
            "exact arithmetic",
            fall < 0,
            detail=f"Q_bar(1.5 omega*) - Q_bar(omega*) = {mpmath.nstr(fall, 4)}",
        ),
    ]


P4 = Claim(
    id="P4",
    kind="proposition",
    title="The system suits clusters of small and medium factories",
    statement=(
        "A factory marketing itself earns pi' = Q (omega c - c_A) - F < 0 iff Q < Q_bar(omega) = F/(omega c - c_A); "
        "Q_bar falls as omega rises, and Q_bar(omega*) = n D(omega*)/2."
    ),
    assumptions=("omega c > c_A", "F > 0"),
    proof=_p4_proof,
    check=_p4_check,
    key_expressions=lambda: {"Q_bar": sp.latex(M.Q_bar()), "pi'": sp.latex(M.factory_profit_alone())},
)


# ============================================================================ P5
def _p5_proof() -> list[Step]:
    f = sp.Symbol("f", positive=True)
    region = Region("F > 0", ("F > 0",), {M.F: f}, (f,))
    gap = M.investment_alone() - M.investment_through_system()
    return [
        from_certificate(certify(gap - (M.c_A * M.Q + M.F), "zero", region, "I' - I = c_A Q + F")),
        from_certificate(certify(gap, "positive", region, "I' - I > 0: the system lowers the entry barrier")),
    ]


def _p5_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    _, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    Q = demand(Fraction(free_entry_rate(p)), alpha, beta, c)  # one category's output at omega*
    I = c * Q
    I_alone = (c + c_A) * Q + F
    steps = [
        Step(
            "I' - I equals c_A Q + F at Q = D(omega*)",
            "exact arithmetic",
            I_alone - I == investment_gap(Q, F, c_A),
            detail=f"I' - I = {float(I_alone - I):.6g}",
        )
    ]
    if F == 0 and c_A == 0:
        steps.append(
            Step("I' > I", "n/a", None, detail="F = 0 and c_A = 0: I' = I (the proposition assumes F > 0)")
        )
    else:
        steps.append(
            Step(
                "I' > I",
                "exact arithmetic",
                I_alone > I,
                detail=f"I = {float(I):.6g}, I' = {float(I_alone):.6g}",
            )
        )
    return steps


P5 = Claim(
    id="P5",
    kind="proposition",
    title="The system lowers capital's entry barrier",
    statement="A factory needs I = c Q through the system and I' = (c + c_A) Q + F alone; I' - I = c_A Q + F > 0.",
    assumptions=("F > 0 (or c_A > 0)",),
    proof=_p5_proof,
    check=_p5_check,
    key_expressions=lambda: {"I' - I": sp.latex(M.investment_gap())},
)


PROPOSITIONS: tuple[Claim, ...] = (P1, P2, P3, P4, P5)
