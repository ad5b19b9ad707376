r"""The names of the statements, as objects of the symbolic model: a formula's sympy value.

A statement is written once, as a :class:`~cluster_games.verify.formulas.Formula` or
:class:`~cluster_games.verify.formulas.Relation` over names (``M(W_1) = 4*F/n``); its text is
printed from that object, and :func:`to_sympy` gives the expression the certificate proves, built
from :mod:`cluster_games.model` and :mod:`cluster_games.model_k` (the single source of truth):
``W_1`` is the lower root of :func:`~cluster_games.model.omega_star_roots` with 4 in place of 2,
``omega*(k)`` is :func:`~cluster_games.model_k.omega_star_k`, derived by solving the zero-profit
condition, and so on. The independent checker gives the same names its own meaning
(:mod:`cluster_games.verify.vocabulary`).

The module-level handles are the names (``n``, ``W_m``, ``omega_star``, ...) and the model's
functions (``M(r)``, ``pi_YN(r)``, ...), to write statements with.

>>> rel = eq(M(W_1), 4 * F / n)
>>> rel.text(), sp.simplify(difference(rel))
('M(W_1) = 4*F/n', 0)
>>> sp.expand(to_sympy(W_m) - model.K / (2 * model.beta * model.c))
0
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import sympy as sp

from .. import model
from .. import model_k as MK
from ..verify.formulas import (
    Formula,
    Relation,
    at,
    call,
    d,
    eq,
    ge,
    gt,
    integer,
    le,
    lt,
    name,
    sqrt,
    unit,
)

__all__ = [
    "to_sympy",
    "relational",
    "difference",
    "currency_change",
    "LAMBDA",
    "Z",
    "M_W_SYMBOL",
    "Formula",
    "Relation",
    "at",
    "call",
    "d",
    "eq",
    "ge",
    "gt",
    "integer",
    "le",
    "lt",
    "name",
    "sqrt",
    "unit",
]

#: The money-unit factor of errata E2 and E3.
LAMBDA = sp.Symbol("lambda", positive=True)
#: Stands for :math:`(1 - p)^{k-1}` in the mixed equilibrium's identity (K3), for a symbolic k.
Z = sp.Symbol("z", positive=True)
#: :math:`M(W)` as a quantity of its own (K6: delta_c as a function of the hiding profit).
M_W_SYMBOL = sp.Symbol("M_W", positive=True)

_SYMBOLS: dict[str, sp.Symbol] = {
    **{s.name: s for s in (*model.PARAMETERS, model.omega, model.W, model.k, model.Q, model.x)},
    "y": MK.y,
    "p": MK.p,
    "delta": MK.delta,
    "lambda": LAMBDA,
    "z": Z,
    "M_W": M_W_SYMBOL,
}


def currency_change(expr: sp.Expr, factor: sp.Expr = LAMBDA) -> sp.Expr:
    r"""``expr`` after measuring money in a unit ``factor`` times smaller (c, c_A, F scale up, beta down)."""
    M = model
    return expr.subs(
        {M.c: factor * M.c, M.c_A: factor * M.c_A, M.F: factor * M.F, M.beta: M.beta / factor},
        simultaneous=True,
    )


def _pi(omega_: sp.Expr = model.omega, W_: sp.Expr = model.W) -> sp.Matrix:
    return model.payoff_matrix_A(omega_, W_)


def _expected_Y() -> sp.Expr:
    """E[Y] with (1 - p)^k written (1 - p) z, z = (1 - p)^(k - 1): a rational function for every k."""
    p, k = MK.p, model.k
    return sp.expand(MK.expected_payoff_Y(k)).subs({(1 - p) ** k: (1 - p) * Z})


def _expected_N() -> sp.Expr:
    p, k = MK.p, model.k
    return sp.expand(MK.expected_payoff_N(k)).subs({(1 - p) ** (k - 1): Z})


#: Named quantities: their sympy value, from the model.
NAMES: dict[str, Callable[[], sp.Expr]] = {
    "G": lambda: model.G,
    "K": lambda: model.K,
    "Disc": lambda: model.discriminant(),
    "omega*": lambda: model.omega_star_expr(),
    "omega*_rationalised": lambda: model.omega_star_rationalised(),
    "omega_up": lambda: model.omega_star_roots()[1],
    "W_m": model.monopoly_rate,
    "W_1": lambda: model.omega_star_roots(4)[0],
    "W_2": lambda: model.omega_star_roots(4)[1],
    "n_min": lambda: model.n_min_expr(),
    "rho": MK.rho,
    "delta_c": lambda: MK.collusion_threshold(),
    "gain": lambda: MK.collusion_gain(),
    "Q_bar": lambda: model.Q_bar(),
    "pi'": lambda: model.factory_profit_alone(),
    "I": lambda: model.investment_through_system(),
    "I'": lambda: model.investment_alone(),
    "pi_NY": lambda: _pi()[1, 0],
    "pi_N": MK.stage_payoff_N_some_Y,
    "pi_N_all": lambda: MK.stage_payoff_all_N(),
    "E_Y": _expected_Y,
    "E_N": _expected_N,
    "s": lambda: 1 - MK.p,
    "omega*_printed": model.omega_star_paper,
    "zero_profit_printed": model.zero_profit_paper,
}

#: Named functions: number of arguments and the sympy builder.
FUNCTIONS: dict[str, tuple[int, Callable[..., sp.Expr]]] = {
    "m": (1, model.margin),
    "D": (1, model.demand),
    "M": (1, model.category_profit),
    "zero_profit": (1, lambda r: model.zero_profit_equation().lhs.subs(model.omega, r)),
    "pi_YY": (1, lambda r: _pi(r)[0, 0]),
    "pi_YN": (1, lambda r: _pi(r)[0, 1]),
    "pi_NN": (1, lambda r: _pi(model.omega, r)[1, 1]),
    "pi_Y": (1, lambda j: MK.stage_payoff_Y(j)),
    "omega*": (1, lambda k: MK.omega_star_k(k)),
    "n_min": (1, model.n_min_expr),
    "delta_c": (2, lambda omega_, W_: MK.collusion_threshold(model.k, omega_, W_)),
    "Q_bar": (1, model.Q_bar),
}


def to_sympy(f: Formula) -> sp.Expr:
    """The sympy expression of a formula, its names taken from the model."""
    return _sympy(f.tree)


def _sympy(t) -> sp.Expr:
    if isinstance(t, int):
        return sp.Integer(t)
    if isinstance(t, str):
        if t in _SYMBOLS:
            return _SYMBOLS[t]
        if t in NAMES:
            return NAMES[t]()
        raise KeyError(f"the model has no name {t!r}")
    head, *args = t
    if head == "+":
        return sp.Add(*(_sympy(a) for a in args))
    if head == "*":
        return sp.Mul(*(_sympy(a) for a in args))
    if head == "-":
        return _sympy(args[0]) - _sympy(args[1])
    if head == "neg":
        return -_sympy(args[0])
    if head == "/":
        return _sympy(args[0]) / _sympy(args[1])
    if head == "^":
        return _sympy(args[0]) ** args[1]
    if head == "sqrt":
        return sp.sqrt(_sympy(args[0]))
    if head == "d":
        return sp.diff(_sympy(args[0]), _SYMBOLS[args[1]])
    if head == "at":
        return _sympy(args[0]).subs(_SYMBOLS[args[1]], _sympy(args[2]))
    if head == "unit":
        return currency_change(_sympy(args[0]))
    arity, build = FUNCTIONS[head]
    if arity != len(args):
        raise KeyError(f"{head} takes {arity} argument(s), got {len(args)}")
    return build(*(_sympy(a) for a in args))


def difference(rel: Relation) -> sp.Expr:
    """``lhs - rhs``: the expression whose sign (``rel.sign``) a certificate of ``rel`` proves."""
    if rel.rhs is None:
        raise ValueError(f"{rel} has no sign to prove")
    return to_sympy(rel.lhs) - to_sympy(rel.rhs)


_RELATIONALS = {
    "=": sp.Eq,
    ">": sp.StrictGreaterThan,
    ">=": sp.GreaterThan,
    "<": sp.StrictLessThan,
    "<=": sp.LessThan,
}


@cache
def relational(rel: Relation) -> sp.Rel:
    """The relation as an unevaluated sympy relational (an ``integer`` relation: ``Eq(k, floor(k))``)."""
    lhs = to_sympy(rel.lhs)
    if rel.op == "integer":
        return sp.Eq(lhs, sp.floor(lhs), evaluate=False)
    return _RELATIONALS[rel.op](lhs, to_sympy(rel.rhs), evaluate=False)


# ---------------------------------------------------------------------------- handles
n, F, alpha, beta, c, c_A = (name(s) for s in ("n", "F", "alpha", "beta", "c", "c_A"))
omega, W, k, Q, y, p, delta, lam, z, M_W = (
    name(s) for s in ("omega", "W", "k", "Q", "y", "p", "delta", "lambda", "z", "M_W")
)
G, K, Disc, rho, s = (name(x) for x in ("G", "K", "Disc", "rho", "s"))
omega_star, omega_up, W_m, W_1, W_2, n_min = (
    name(x) for x in ("omega*", "omega_up", "W_m", "W_1", "W_2", "n_min")
)
delta_c, gain, Q_bar, pi_alone, I, I_alone = (name(x) for x in ("delta_c", "gain", "Q_bar", "pi'", "I", "I'"))
pi_NY, pi_N, pi_N_all, E_Y, E_N, omega_star_printed = (
    name(x) for x in ("pi_NY", "pi_N", "pi_N_all", "E_Y", "E_N", "omega*_printed")
)


def M(r: Formula) -> Formula:
    """M(r) = m(r) D(r)."""
    return call("M", r)


def m(r: Formula) -> Formula:
    return call("m", r)


def D(r: Formula) -> Formula:
    return call("D", r)


def pi_YY(r: Formula) -> Formula:
    return call("pi_YY", r)


def pi_YN(r: Formula) -> Formula:
    return call("pi_YN", r)


def pi_NN(r: Formula) -> Formula:
    return call("pi_NN", r)


def pi_Y(j) -> Formula:
    """A Y company's stage payoff when j other companies play Y."""
    return call("pi_Y", j)


def zero_profit(r: Formula) -> Formula:
    return call("zero_profit", r)


def omega_star_k(kk: Formula = k) -> Formula:
    return call("omega*", kk)


def n_min_k(kk: Formula = k) -> Formula:
    return call("n_min", kk)


def delta_c_at(omega_: Formula, W_: Formula) -> Formula:
    return call("delta_c", omega_, W_)


def Q_bar_at(r: Formula) -> Formula:
    return call("Q_bar", r)
