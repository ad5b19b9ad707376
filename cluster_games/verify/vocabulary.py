r"""What each name of a statement means to the checker: the names evaluated with its own encoding.

A statement of a certificate is a :class:`~cluster_games.verify.formulas.Relation` between
formulas over names. Here every name is given its meaning from
:mod:`cluster_games.verify.model` (written from SPEC.md, independently of the symbolic model the
proofs use): a symbol is the point's value, ``W_m`` is :math:`K/(2\beta c)`, ``omega*(k)`` the lower
root of the k-company zero-profit equation *derived* by solving it, and so on. :func:`evaluate`
turns a formula into a :class:`~cluster_games.verify.algebra.Dual` at a point; a name or function
the checker does not know raises :class:`~cluster_games.verify.polynomials.NotCheckable`.

>>> from cluster_games.verify.formulas import name, call
>>> from cluster_games.verify.polynomials import RatFunc
>>> e = Env.symbolic()
>>> value = evaluate(call("M", name("W_m")) - name("G") ** 2 / (4 * name("beta")), e)
>>> value.value.rational() == RatFunc(0)
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from . import model as enc
from .algebra import Dual, sqrt
from .formulas import Formula, Relation, call, name
from .model import SYMBOLS, Env
from .polynomials import NotCheckable

__all__ = ["NAMES", "FUNCTIONS", "evaluate", "known", "difference"]


def _pi(e: Env, omega: Dual, W: Dual) -> tuple[tuple[Dual, Dual], tuple[Dual, Dual]]:
    return enc.payoffs_A(e, omega, W)


#: Named quantities (besides the symbols of :data:`~cluster_games.verify.model.SYMBOLS`).
NAMES: Mapping[str, Callable[[Env], Dual]] = {
    "G": enc.G,
    "K": enc.K,
    "Disc": lambda e: enc.discriminant(e),
    "omega*": lambda e: enc.omega_star(e),
    "omega*_rationalised": lambda e: enc.omega_star_rationalised(e),
    "omega_up": lambda e: enc.roots(e)[1],
    "W_m": enc.monopoly_rate,
    "W_1": lambda e: enc.roots(e, 4)[0],
    "W_2": lambda e: enc.roots(e, 4)[1],
    "n_min": lambda e: enc.n_min(e),
    "rho": enc.rho,
    "delta_c": lambda e: enc.collusion_threshold(e, e.k, e.omega, e.W),
    "gain": lambda e: enc.collusion_gain(e, e.k, e.omega, e.W),
    "Q_bar": lambda e: enc.Q_bar(e, e.omega),
    "pi'": lambda e: enc.factory_profit_alone(e, e.Q, e.omega),
    "I": lambda e: e.c * e.Q,
    "I'": lambda e: (e.c + e.c_A) * e.Q + e.F,
    "pi_NY": lambda e: _pi(e, e.omega, e.W)[1][0],
    "pi_N": enc.stage_payoff_N_some_Y,
    "pi_N_all": lambda e: enc.stage_payoff_all_N(e, e.k, e.W),
    "E_Y": lambda e: enc.expected_payoff_Y(e, e.k),
    "E_N": lambda e: enc.expected_payoff_N(e, e.k),
    "s": lambda e: 1 - e.p,
    "omega*_printed": enc.omega_star_printed,
    "zero_profit_printed": lambda e: enc.zero_profit_printed(e, e.omega),
}

#: Named functions of the model, by their number of arguments.
FUNCTIONS: Mapping[str, tuple[int, Callable[..., Dual]]] = {
    "m": (1, enc.margin),
    "D": (1, enc.demand),
    "M": (1, enc.profit),
    "zero_profit": (1, lambda e, r: enc.zero_profit(e, r)),
    "pi_YY": (1, lambda e, r: _pi(e, r, e.W)[0][0]),
    "pi_YN": (1, lambda e, r: _pi(e, r, e.W)[0][1]),
    "pi_NN": (1, lambda e, r: _pi(e, e.omega, r)[1][1]),
    "pi_Y": (1, lambda e, j: enc.stage_payoff_Y(e, j, e.omega)),
    "omega*": (1, enc.lower_root_of_zero_profit),
    "n_min": (1, enc.n_min),
    "delta_c": (2, lambda e, omega, W: enc.collusion_threshold(e, e.k, omega, W)),
    "Q_bar": (1, enc.Q_bar),
}


def known(f: Formula) -> str | None:
    """``None`` if every name and function of ``f`` is known to the checker, else the first unknown one."""
    for t in f.subtrees():
        if isinstance(t, str) and t not in SYMBOLS and t not in NAMES:
            return t
        if isinstance(t, tuple) and t[0] not in ("+", "-", "neg", "*", "/", "^", "sqrt", "d", "at", "unit"):
            if t[0] not in FUNCTIONS or FUNCTIONS[t[0]][0] != len(t) - 1:
                return t[0]
    return None


def evaluate(f: Formula, e: Env) -> Dual:
    """The value of ``f`` at the point ``e`` (a :class:`~cluster_games.verify.algebra.Dual`)."""
    return _eval(f.tree, e)


def _eval(t, e: Env) -> Dual:
    if isinstance(t, int):
        return Dual.const(t)
    if isinstance(t, str):
        if t in SYMBOLS:
            return getattr(e, "lam" if t == "lambda" else t)
        if t in NAMES:
            return NAMES[t](e)
        raise NotCheckable(f"unknown name {t!r}")
    head, *args = t
    if head == "+":
        total = _eval(args[0], e)
        for a in args[1:]:
            total = total + _eval(a, e)
        return total
    if head == "*":
        total = _eval(args[0], e)
        for a in args[1:]:
            total = total * _eval(a, e)
        return total
    if head == "-":
        return _eval(args[0], e) - _eval(args[1], e)
    if head == "neg":
        return -_eval(args[0], e)
    if head == "/":
        return _eval(args[0], e) / _eval(args[1], e)
    if head == "^":
        return _eval(args[0], e) ** args[1]
    if head == "sqrt":
        return sqrt(_eval(args[0], e))
    if head == "d":
        f, variable = args
        if variable not in SYMBOLS:
            raise NotCheckable(f"a derivative in {variable!r}, which is not a symbol")
        return e.diff(lambda x: _eval(f, x), variable)
    if head == "at":
        f, variable, value = args
        if variable not in SYMBOLS:
            raise NotCheckable(f"a substitution of {variable!r}, which is not a symbol")
        return _eval(f, e.replace(**{variable: _eval(value, e)}))
    if head == "unit":
        return _eval(args[0], enc.currency_change(e, e.lam))
    if head in FUNCTIONS and FUNCTIONS[head][0] == len(args):
        return FUNCTIONS[head][1](e, *(_eval(a, e) for a in args))
    raise NotCheckable(f"unknown function {head!r} of {len(args)} argument(s)")


def difference(rel: Relation, e: Env) -> Dual:
    """``lhs - rhs`` of a relation at ``e``: the quantity whose sign the relation asserts."""
    if rel.rhs is None:
        raise NotCheckable(f"{rel.text()} asserts no sign")
    return evaluate(rel.lhs, e) - evaluate(rel.rhs, e)


# ---------------------------------------------------------------------------- the checker's handles
# (its own, to write the registry's statements and hypotheses with: cluster_games.verify.targets, .regions)
n, F, alpha, beta, c, c_A, omega, W, k, Q, y, p, delta, lam, z, M_W = (
    name(x)
    for x in (
        "n",
        "F",
        "alpha",
        "beta",
        "c",
        "c_A",
        "omega",
        "W",
        "k",
        "Q",
        "y",
        "p",
        "delta",
        "lambda",
        "z",
        "M_W",
    )
)
G, K, Disc, rho, s, W_m, W_1, W_2, n_min = (
    name(x) for x in ("G", "K", "Disc", "rho", "s", "W_m", "W_1", "W_2", "n_min")
)
omega_star, omega_up, omega_star_rationalised, omega_star_printed = (
    name(x) for x in ("omega*", "omega_up", "omega*_rationalised", "omega*_printed")
)
delta_c, gain, Q_bar, pi_alone, I, I_alone, pi_NY, pi_N, pi_N_all, E_Y, E_N, zero_profit_printed = (
    name(x)
    for x in (
        "delta_c",
        "gain",
        "Q_bar",
        "pi'",
        "I",
        "I'",
        "pi_NY",
        "pi_N",
        "pi_N_all",
        "E_Y",
        "E_N",
        "zero_profit_printed",
    )
)


def fn(function: str):
    """A named function of the model, as a builder of formulas: ``fn("M")(W)`` is M(W)."""
    return lambda *args: call(function, *args)


M, m, D, pi_YY, pi_YN, pi_NN, pi_Y, zero_profit, Q_bar_at, n_min_of, omega_star_of, delta_c_at = (
    fn(x)
    for x in (
        "M",
        "m",
        "D",
        "pi_YY",
        "pi_YN",
        "pi_NN",
        "pi_Y",
        "zero_profit",
        "Q_bar",
        "n_min",
        "omega*",
        "delta_c",
    )
)
