r"""The kernel's own encoding of the Dudko-Zhao model, written from SPEC.md (sections 1 and 4).

Nothing here is imported from :mod:`cluster_games.model`: the targets of the certificates are
re-stated from the mathematics. Every function takes an :class:`Env` (the value of each model
symbol: a rational function of the region's slacks, or the bare symbol) and returns a
:class:`~cluster_games.verify.algebra.Dual`.

Section 1 (two trading companies). :math:`D(r) = \alpha - \beta(1 + r)c`,
:math:`m(r) = rc - c_A`, :math:`M(r) = m(r) D(r)`; A's payoffs
:math:`\pi_{YY} = \tfrac12 n M(\omega) - F`, :math:`\pi_{YN} = n M(\omega) - F`,
:math:`\pi_{NY} = -F`, :math:`\pi_{NN} = \tfrac12 n M(W) - F`.
Free entry: :math:`G = \alpha - \beta(c + c_A)`, :math:`K = \alpha - \beta c + \beta c_A`,
:math:`C = c_A(\alpha - \beta c) + kF/n`, discriminant :math:`G^2 - 4k\beta F/n`,
roots :math:`(K \mp \sqrt{G^2 - 4k\beta F/n})/(2\beta c)` (k = 2 in the paper),
:math:`n_{\min}(k) = 4k\beta F/G^2`, :math:`W_m = K/(2\beta c)`,
:math:`\bar Q(\omega) = F/(\omega c - c_A)`, :math:`I = cQ`, :math:`I' = (c + c_A)Q + F`.

Section 4 (k companies). A Y company facing j other Y companies earns
:math:`nM(\omega)/(j + 1) - F`, an N company :math:`-F` if some company plays Y and
:math:`nM(W)/k - F` if none does; :math:`\rho = nG^2/(4\beta F)`; the collusion gain is
:math:`v_N - [(1 - \delta)(nM(\omega) - F) + \delta(nM(\omega)/k - F)]` and the threshold
:math:`\delta_c` its root in :math:`\delta`.

>>> from cluster_games.verify.polynomials import RatFunc
>>> e = Env.symbolic()
>>> (G(e) - K(e) + 2 * e.beta * e.c_A).value.rational() == RatFunc(0)
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction

from .algebra import Dual, Surd, sqrt
from .polynomials import NotCheckable, Poly, RatFunc

__all__ = ["SYMBOLS", "Env"]

#: The model's symbols and their signs (SPEC section 1 and 4; ``lambda`` is the currency factor of
#: errata E2/E3, ``M_W`` the profit M(W) as a quantity of its own, ``z`` stands for
#: :math:`(1 - p)^{k-1}` in the mixed equilibrium's identity, for a symbolic k).
SYMBOLS: Mapping[str, str] = {
    **dict.fromkeys(
        ("n", "alpha", "beta", "c", "omega", "W", "k", "Q", "p", "delta", "lambda", "M_W", "z"),
        "positive",
    ),
    **dict.fromkeys(("F", "c_A", "y"), "nonnegative"),
}
HALF = Fraction(1, 2)


class Env:
    """The value of every model symbol at a (symbolic) point; ``e.alpha``, ``e.lam`` (for ``lambda``)."""

    __slots__ = ("seeded", "values")

    def __init__(self, values: Mapping[str, Dual], seeded: str | None = None) -> None:
        self.values = dict(values)
        self.seeded = seeded

    @classmethod
    def symbolic(cls, substitution: Mapping[str, RatFunc] | None = None) -> Env:
        """Each symbol is its ``substitution`` value, or the bare variable of its name."""
        sub = substitution or {}
        return cls({s: Dual(Surd(sub[s] if s in sub else RatFunc(Poly.var(s)))) for s in SYMBOLS})

    def __getattr__(self, name: str) -> Dual:
        try:
            return self.values["lambda" if name == "lam" else name]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **values: Dual | int | Fraction) -> Env:
        """This point with some symbols set to other values (sympy's ``subs`` before evaluation)."""
        return Env({**self.values, **{k: Dual.const(v) for k, v in values.items()}}, self.seeded)

    def diff(self, f: Callable[[Env], Dual], symbol: str, at: Dual | None = None) -> Dual:
        r"""The partial derivative :math:`\partial f/\partial x` at this point, the other symbols fixed.

        The seed is on the *model symbol* ``x``, before any substitution: ``x`` keeps its value
        (or takes ``at``) with derivative 1, every other symbol derivative 0; this is sympy's
        ``diff(f, x)`` followed by the region's substitution (and ``.subs(x, at)``).
        """
        if self.seeded is not None:
            raise NotCheckable("nested derivatives are not supported")
        point = self.values[symbol] if at is None else Dual.const(at)
        seeded = {**self.values, symbol: Dual(point.value, Surd.of(1))}
        return Dual(f(Env(seeded, symbol)).deriv or Surd.of(0))


# ============================================================================ section 1: two companies
def demand(e: Env, r: Dual) -> Dual:
    r"""Per-category demand at rate r: :math:`D(r) = \alpha - \beta (1 + r) c`."""
    return e.alpha - e.beta * (1 + r) * e.c


def margin(e: Env, r: Dual) -> Dual:
    """Unit margin of a trading company at rate r: m(r) = r c - c_A."""
    return r * e.c - e.c_A


def profit(e: Env, r: Dual) -> Dual:
    """M(r) = m(r) D(r): operating profit of serving one whole category at rate r."""
    return margin(e, r) * demand(e, r)


def payoffs_A(e: Env, omega: Dual, W: Dual) -> tuple[tuple[Dual, Dual], tuple[Dual, Dual]]:
    """((pi_YY, pi_YN), (pi_NY, pi_NN)): company A's payoff matrix, rows Y, N for A (section 1.1)."""
    seeing, hiding = profit(e, omega), profit(e, W)
    return (HALF * e.n * seeing - e.F, e.n * seeing - e.F), (-e.F, HALF * e.n * hiding - e.F)


def pi_YY(e: Env, omega: Dual) -> Dual:
    """pi_YY = (1/2) n M(omega) - F: both companies let factories see customers."""
    return payoffs_A(e, omega, e.W)[0][0]


def G(e: Env) -> Dual:
    """G = alpha - beta (c + c_A): demand left at cost recovery; trade is feasible iff G > 0."""
    return e.alpha - e.beta * (e.c + e.c_A)


def K(e: Env) -> Dual:
    """K = alpha - beta c + beta c_A: the linear coefficient of beta x^2 - K x + C = 0, x = omega c."""
    return e.alpha - e.beta * e.c + e.beta * e.c_A


def C(e: Env, k: Dual | int = 2) -> Dual:
    """C = c_A (alpha - beta c) + k F / n: the constant term of the zero-profit quadratic in x."""
    return e.c_A * (e.alpha - e.beta * e.c) + k * e.F / e.n


def discriminant(e: Env, k: Dual | int = 2) -> Dual:
    """G^2 - 4 k beta F / n (= K^2 - 4 beta C)."""
    return G(e) ** 2 - 4 * k * e.beta * e.F / e.n


def n_min(e: Env, k: Dual | int = 2) -> Dual:
    """n_min(k) = 4 k beta F / G^2 (8 beta F / G^2 for two companies): a root exists iff n >= n_min."""
    return 4 * k * e.beta * e.F / G(e) ** 2


def roots(e: Env, k: Dual | int = 2) -> tuple[Dual, Dual]:
    """Lower and upper root (K -/+ sqrt(G^2 - 4k beta F/n)) / (2 beta c); the lower one is omega*(k)."""
    root = sqrt(discriminant(e, k))
    return (K(e) - root) / (2 * e.beta * e.c), (K(e) + root) / (2 * e.beta * e.c)


def omega_star(e: Env, k: Dual | int = 2) -> Dual:
    """omega*(k), the lower root: where undercutting stops (Proposition 2)."""
    return roots(e, k)[0]


def omega_star_rationalised(e: Env, k: Dual | int = 2) -> Dual:
    """The cancellation-free form 2C / (c (K + sqrt(G^2 - 4k beta F/n)))."""
    return 2 * C(e, k) / (e.c * (K(e) + sqrt(discriminant(e, k))))


def zero_profit(e: Env, omega: Dual, k: Dual | int = 2) -> Dual:
    """(n/k) m(omega) D(omega) - F: for k = 2, (1/2) n (omega c - c_A)(alpha - beta (1 + omega) c) - F."""
    return e.n / k * profit(e, omega) - e.F


def monopoly_rate(e: Env) -> Dual:
    """W_m = K / (2 beta c), the maximiser of M."""
    return K(e) / (2 * e.beta * e.c)


def Q_bar(e: Env, omega: Dual) -> Dual:
    """Break-even output of a factory marketing itself: Q_bar(omega) = F / (omega c - c_A)."""
    return e.F / margin(e, omega)


def factory_profit_alone(e: Env, Q: Dual, omega: Dual) -> Dual:
    """pi' = Q (omega c - c_A) - F: a factory marketing by itself (section 1.3)."""
    return Q * margin(e, omega) - e.F


def investment_gap(e: Env, Q: Dual) -> Dual:
    """I' - I with I = c Q (through the system) and I' = (c + c_A) Q + F (alone)."""
    return ((e.c + e.c_A) * Q + e.F) - e.c * Q


# ---------------------------------------------------------------------------- errata (section 2)
def printed_radicand(e: Env) -> Dual:
    """Under the printed root: G^2 - 4 beta ((alpha - beta c) c_A + 2F/n)."""
    return G(e) ** 2 - 4 * e.beta * ((e.alpha - e.beta * e.c) * e.c_A + 2 * e.F / e.n)


def omega_star_printed(e: Env) -> Dual:
    """Erratum E1: the paper's (G + sqrt(G^2 - 4 beta((alpha - beta c) c_A + 2F/n))) / (2 beta c)."""
    return (G(e) + sqrt(printed_radicand(e))) / (2 * e.beta * e.c)


def zero_profit_printed(e: Env, omega: Dual) -> Dual:
    """Erratum E2, as printed: (1/2) n (omega - c_A - c_A)[alpha - beta (1 - omega) c_A] - F."""
    return HALF * e.n * (omega - 2 * e.c_A) * (e.alpha - e.beta * (1 - omega) * e.c_A) - e.F


def currency_change(e: Env, lam: Dual) -> Env:
    """Money in a unit lam times smaller: c, c_A, F scale by lam, beta by 1/lam; rates unchanged."""
    return e.replace(c=lam * e.c, c_A=lam * e.c_A, F=lam * e.F, beta=e.beta / lam)


def paper_condition_gap(e: Env) -> Dual:
    """Erratum E3 / P1: (omega c - c_A) - (W - omega) c, positive on the paper's condition."""
    return margin(e, e.omega) - (e.W - e.omega) * e.c


# ============================================================================ section 4: k companies
def stage_payoff_Y(e: Env, others_Y: Dual | int, omega: Dual) -> Dual:
    """A Y company facing ``others_Y`` other Y companies: n M(omega) / (others_Y + 1) - F."""
    return e.n * profit(e, omega) / (others_Y + 1) - e.F


def stage_payoff_N_some_Y(e: Env) -> Dual:
    """An N company when at least one company plays Y: -F (the buyers go to the Y companies)."""
    return -e.F


def stage_payoff_all_N(e: Env, k: Dual, W: Dual) -> Dual:
    """Each company when all k play N: n M(W) / k - F."""
    return e.n * profit(e, W) / k - e.F


def rho(e: Env) -> Dual:
    """rho = n G^2 / (4 beta F): the number of companies free entry can support."""
    return e.n * G(e) ** 2 / (4 * e.beta * e.F)


def lower_root_of_zero_profit(e: Env, k: Dual) -> Dual:
    r"""omega*(k) *derived*: the lower root of :math:`f(\omega) = (n/k) M(\omega) - F`.

    f is a quadratic in omega (M is a product of two linear factors): with
    :math:`a = (f(1) + f(-1))/2 - f(0)`, :math:`b = (f(1) - f(-1))/2`, :math:`c_0 = f(0)` and
    :math:`a < 0` (checked), the lower root is :math:`(-b + \sqrt{b^2 - 4 a c_0}) / (2a)`.
    """
    f = [zero_profit(e, Dual.const(w), k) for w in (0, 1, -1)]
    a, b, c0 = (f[1] + f[2]) * HALF - f[0], (f[1] - f[2]) * HALF, f[0]
    sign = a.value.rational().sign()
    if sign is None or sign >= 0 or a.value.rational().is_zero():
        raise NotCheckable("the zero-profit quadratic's leading coefficient is not manifestly negative")
    return (-b + sqrt(b * b - 4 * a * c0)) / (2 * a)


def collusion_gain(e: Env, k: Dual, omega: Dual, W: Dual) -> Dual:
    """Colluding (all N at W forever) minus the best deviation, times (1 - delta), section 4.2."""
    deviation = stage_payoff_Y(e, 0, omega)  # Y against k - 1 companies on N
    punishment = stage_payoff_Y(e, k - 1, omega)  # all Y forever
    return stage_payoff_all_N(e, k, W) - ((1 - e.delta) * deviation + e.delta * punishment)


def collusion_threshold(e: Env, k: Dual, omega: Dual, W: Dual) -> Dual:
    """delta_c derived: the gain is g0 + g1 delta (linear in delta), so delta_c = -g0 / g1."""
    g0 = collusion_gain(e.replace(delta=0), k, omega, W)
    g1 = collusion_gain(e.replace(delta=1), k, omega, W) - g0
    return -g0 / g1


def expected_payoff_Y(e: Env, k: Dual) -> Dual:
    r"""A Y company's expected payoff when each of the k - 1 others plays Y with probability p:
    :math:`n M(\omega) (1 - (1 - p)^k) / (k p) - F`, with :math:`(1 - p)^{k-1} = z`."""
    return e.n * profit(e, e.omega) * (1 - (1 - e.p) * e.z) / (k * e.p) - e.F


def expected_payoff_N(e: Env, k: Dual) -> Dual:
    r"""An N company's: :math:`(1 - p)^{k-1} n M(W)/k - F` (the others all on N), :math:`(1 - p)^{k-1} = z`."""
    return e.z * e.n * profit(e, e.W) / k - e.F
