r"""Regions of parameter space as slack parametrisations, with their hypotheses as sympy relationals.

A :class:`Region` is a set of hypotheses (``G > 0``, ``n > n_min``, ...) together with a
substitution of model symbols by expressions in fresh *slack* symbols, each positive or
non-negative, such that the substitution maps the slack orthant *onto* the region: every
hypothesis becomes a manifestly positive (or zero, for an equation) expression in the slacks,
and the :attr:`Region.inverse` map recovers the slacks from the model symbols. A sign
certificate (:mod:`cluster_games.proofs.certificates`) proves a claim on the region by
substituting and reading the signs of the coefficients.

* The hypotheses are data, not text: a claim's assumptions are *rendered* from the regions its
  certificates used (:func:`render`), and ``tests/proofs/test_parametrisations.py`` proves that
  each region's substitution is onto its hypotheses.
* Substitutions are simultaneous and idempotent (no key symbol occurs in any value), and
  :meth:`Region.refine` composes them: the second region sees the first's result.
* A slack must be fresh: :meth:`Region.apply` refuses an expression that already contains one
  (a slack named like a model symbol would silently specialise the claim).

Examples
--------
>>> from cluster_games import model as M
>>> r = free_entry()
>>> [render(h) for h in r.hypotheses]
['G > 0', 'n > n_min', 'F > 0']
>>> r.apply(M.G)
s + t
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

import sympy as sp

from .. import model as M

__all__ = [
    "Region",
    "SlackClash",
    "render",
    "everywhere",
    "feasible_trade",
    "free_entry",
    "double_root",
    "no_fixed_cost",
    "rates",
    "paper_sufficient",
    "at_least_two",
    "others_at_most",
    "positive",
    "equal",
]


class SlackClash(ValueError):
    """An expression already contains a slack symbol of the region it is to be substituted on."""


@dataclass(frozen=True)
class Region:
    """Hypotheses and the slack parametrisation that is onto them.

    Attributes
    ----------
    key : str
        Stable identifier (exported with every certificate), e.g. ``"free_entry(k=2)"``.
    hypotheses : tuple of sympy.Rel
        The constraints, in model symbols (``>``, ``>=`` or ``=``).
    substitution : mapping
        Model symbol -> expression in the slacks and the free model symbols; simultaneous and
        idempotent (see :meth:`from_steps`).
    slacks : tuple of sympy.Symbol
        Fresh symbols, each declared ``positive`` or ``nonnegative``.
    inverse : mapping
        Slack -> expression in model symbols: the slack map's inverse on the region.
    """

    key: str
    hypotheses: tuple[sp.Rel, ...]
    substitution: Mapping[sp.Symbol, sp.Expr]
    slacks: tuple[sp.Symbol, ...]
    inverse: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for h in self.hypotheses:
            if not isinstance(h, sp.core.relational.Relational):
                raise ValueError(f"region {self.key}: hypothesis {h!r} is not an unevaluated relational")
        sub = dict(self.substitution)
        keys = set(sub)
        for symbol, value in sub.items():
            if value.free_symbols & keys:
                raise ValueError(
                    f"region {self.key}: the value of {symbol} uses a substituted symbol: {value}"
                )
        for slack in self.slacks:
            if not (slack.is_positive or slack.is_nonnegative):
                raise ValueError(f"region {self.key}: slack {slack} must be declared positive or nonnegative")
        if set(self.inverse) != set(self.slacks):
            raise ValueError(f"region {self.key}: the inverse map must give every slack")
        object.__setattr__(self, "substitution", MappingProxyType(sub))
        object.__setattr__(self, "inverse", MappingProxyType(dict(self.inverse)))

    @classmethod
    def from_steps(
        cls,
        key: str,
        hypotheses: Iterable[sp.Rel],
        steps: Sequence[tuple[sp.Symbol, sp.Expr]],
        slacks: Sequence[sp.Symbol],
        inverse: Mapping[sp.Symbol, sp.Expr],
    ) -> Region:
        """A region from substitutions written in sequence (each later one applied to the earlier values).

        ``[(W, omega + gap), (omega, (c_A + mu) / c)]`` means: replace W by omega + gap, then
        omega everywhere; the stored substitution is the equivalent simultaneous one.
        """
        sub: dict[sp.Symbol, sp.Expr] = {}
        for symbol, value in steps:
            value = sp.sympify(value).xreplace(sub)
            sub = {s: v.xreplace({symbol: value}) for s, v in sub.items()}
            sub[symbol] = value
        return cls(key, tuple(hypotheses), sub, tuple(slacks), inverse)

    def apply(self, expr: sp.Expr) -> sp.Expr:
        """``expr`` with the substitution applied (simultaneously); refuses an expression with a slack in it."""
        clash = sp.sympify(expr).free_symbols & set(self.slacks)
        if clash:
            names = ", ".join(sorted(str(s) for s in clash))
            raise SlackClash(
                f"the expression already contains the slack symbol(s) {names} of region {self.key}"
            )
        return sp.sympify(expr).xreplace(dict(self.substitution))

    def refine(self, extra: Region) -> Region:
        """This region intersected with ``extra``: ``extra``'s substitution sees this one's result.

        ``extra`` may substitute this region's slacks (a narrower parametrisation, e.g. the
        paper's condition writes m(omega) = (W - omega) c + sigma) or model symbols this region
        leaves free. A model symbol both substitute is refused.
        """
        both = set(self.substitution) & set(extra.substitution)
        if both:
            raise ValueError(f"regions {self.key} and {extra.key} both substitute {sorted(map(str, both))}")
        first = dict(self.substitution)
        # extra's values see this region's result (a c_A this region set to 0 stays 0 in them)
        second = {s: v.xreplace(first) for s, v in extra.substitution.items()}

        def composed(symbol: sp.Symbol) -> sp.Expr:
            value: sp.Expr = symbol
            for _ in range(8):  # first, then second, until nothing changes (a few rounds at most)
                new = value.xreplace(first).xreplace(second)
                if new == value:
                    return value
                value = new
            raise ValueError(f"regions {self.key} and {extra.key} do not compose (cyclic substitution)")

        replaced = set(extra.substitution) & set(self.slacks)
        keys = set(first) | (set(second) - replaced)
        slacks = tuple(s for s in self.slacks if s not in replaced) + extra.slacks
        inverse = {s: v for s, v in self.inverse.items() if s not in replaced}
        for s, v in extra.inverse.items():  # extra's inverse may use this region's slacks: express them
            inverse[s] = v.xreplace(dict(self.inverse))
        return Region(
            f"{self.key} & {extra.key}",
            self.hypotheses + tuple(h for h in extra.hypotheses if h not in self.hypotheses),
            {symbol: composed(symbol) for symbol in keys},
            slacks,
            inverse,
        )

    @property
    def assumptions(self) -> tuple[str, ...]:
        """The hypotheses as text (:func:`render`)."""
        return tuple(render(h) for h in self.hypotheses)

    def __str__(self) -> str:
        return f"{self.key}: " + ", ".join(self.assumptions)


# ----------------------------------------------------------------------------- rendering
@cache
def _abbreviations() -> tuple[tuple[sp.Expr, sp.Symbol], ...]:
    """Sub-expressions printed by name, longest first (exact structural matches only)."""
    named = [
        (M.Q_bar(), "Q_bar"),
        (M.n_min_expr(M.k), "n_min(k)"),
        (M.n_min_expr(4), "2*n_min"),
        (M.n_min_expr(), "n_min"),
        (M.G, "G"),
        (M.margin(M.omega), "m(omega)"),
        (M.demand(M.omega), "D(omega)"),
        (M.margin(M.W), "m(W)"),
        (M.demand(M.W), "D(W)"),
    ]
    return tuple((expr, sp.Symbol(name)) for expr, name in named)


def render(relation: sp.Rel) -> str:
    """A hypothesis as text, with the model's named quantities abbreviated (``G > 0``, ``n > n_min``).

    >>> from cluster_games import model as M
    >>> render(sp.StrictGreaterThan(M.n, M.n_min_expr(), evaluate=False))
    'n > n_min'
    """
    lhs, rhs = relation.lhs, relation.rhs
    for expr, name in _abbreviations():
        lhs, rhs = lhs.subs(expr, name), rhs.subs(expr, name)
    op = {sp.StrictGreaterThan: ">", sp.GreaterThan: ">=", sp.Equality: "=", sp.StrictLessThan: "<"}
    return f"{sp.sstr(lhs)} {op[type(relation)]} {sp.sstr(rhs)}"


# ----------------------------------------------------------------------------- the library
def _pos(name: str) -> sp.Symbol:
    return sp.Symbol(name, positive=True)


def _nonneg(name: str) -> sp.Symbol:
    return sp.Symbol(name, nonnegative=True)


def everywhere() -> Region:
    """No hypothesis: an identity of the model, for all values of its symbols."""
    return Region("everywhere", (), {}, (), {})


def positive(symbol: sp.Symbol, slack: str) -> Region:
    r"""``symbol > 0`` for a model symbol declared only non-negative (F, c_A): ``symbol = slack``."""
    s = _pos(slack)
    return Region(
        f"{symbol} > 0", (sp.StrictGreaterThan(symbol, 0, evaluate=False),), {symbol: s}, (s,), {s: symbol}
    )


def equal(symbol: sp.Symbol, value: int = 0) -> Region:
    """The boundary ``symbol = value`` (no slack: the region has one dimension less)."""
    v = sp.Integer(value)
    return Region(f"{symbol} = {v}", (sp.Eq(symbol, v, evaluate=False),), {symbol: v}, (), {})


def feasible_trade() -> Region:
    r"""Trade is feasible: :math:`G = \alpha - \beta(c + c_A) = g > 0`."""
    g = _pos("g")
    return Region(
        "feasible_trade",
        (sp.StrictGreaterThan(M.G, 0, evaluate=False),),
        {M.alpha: M.beta * (M.c + M.c_A) + g},
        (g,),
        {g: M.G},
    )


def free_entry(k: sp.Expr = 2) -> Region:
    r"""A break-even rate exists and F > 0: :math:`G > 0`, :math:`n > n_{\min}(k)`, :math:`F > 0`.

    Slacks :math:`s = \sqrt{G^2 - 4k\beta F/n} > 0` and :math:`t = G - s > 0`, so :math:`G = s + t`
    and :math:`F = n\,t(2s + t)/(4k\beta)`; then :math:`\omega^* c - c_A = t/(2\beta)` and
    :math:`D(\omega^*) = s + t/2`.
    """
    s, t = _pos("s"), _pos("t")
    root = sp.sqrt(M.discriminant(k))
    return Region(
        f"free_entry(k={k})",
        (
            sp.StrictGreaterThan(M.G, 0, evaluate=False),
            sp.StrictGreaterThan(M.n, M.n_min_expr(k), evaluate=False),
            sp.StrictGreaterThan(M.F, 0, evaluate=False),
        ),
        {M.F: M.n * t * (2 * s + t) / (4 * k * M.beta), M.alpha: M.beta * (M.c + M.c_A) + s + t},
        (s, t),
        {s: root, t: M.G - root},
    )


def double_root(k: sp.Expr = 2) -> Region:
    r"""The boundary :math:`n = n_{\min}(k)` with :math:`G > 0`: the two break-even rates coincide.

    :math:`G = g > 0` and :math:`F = n g^2/(4k\beta)` (so :math:`F > 0` too).
    """
    g = _pos("g")
    return Region(
        f"double_root(k={k})",
        (sp.StrictGreaterThan(M.G, 0, evaluate=False), sp.Eq(M.n, M.n_min_expr(k), evaluate=False)),
        {M.F: M.n * g**2 / (4 * k * M.beta), M.alpha: M.beta * (M.c + M.c_A) + g},
        (g,),
        {g: M.G},
    )


def no_fixed_cost() -> Region:
    """The boundary F = 0 with feasible trade: every n admits a break-even rate, omega* = c_A / c."""
    return equal(M.F).refine(feasible_trade())


def rates() -> Region:
    r"""Trade at rate :math:`\omega` is feasible and :math:`W > \omega`.

    Slacks :math:`\mu = m(\omega)`, :math:`d = D(\omega)`, :math:`\Delta = W - \omega` (named
    ``Delta``: ``delta`` is the discount factor of the repeated game).
    """
    mu, d, gap = _pos("mu"), _pos("d"), _pos("Delta")
    return Region.from_steps(
        "rates",
        (
            sp.StrictGreaterThan(M.margin(M.omega), 0, evaluate=False),
            sp.StrictGreaterThan(M.demand(M.omega), 0, evaluate=False),
            sp.StrictGreaterThan(M.W, M.omega, evaluate=False),
        ),
        [(M.W, M.omega + gap), (M.alpha, M.beta * (1 + M.omega) * M.c + d), (M.omega, (M.c_A + mu) / M.c)],
        (mu, d, gap),
        {mu: M.margin(M.omega), d: M.demand(M.omega), gap: M.W - M.omega},
    )


def paper_sufficient() -> Region:
    r"""The paper's hypothesis: :func:`rates` and :math:`(W - \omega) c < \omega c - c_A`, i.e. :math:`\mu = \Delta c + \sigma`."""
    base = rates()
    mu, _, gap = base.slacks
    sigma = _pos("sigma")
    extra = Region(
        "paper_condition",
        (sp.StrictLessThan((M.W - M.omega) * M.c, M.omega * M.c - M.c_A, evaluate=False),),
        {mu: gap * M.c + sigma},
        (sigma,),
        {sigma: mu - gap * M.c},
    )
    return base.refine(extra)


def at_least_two(k: sp.Symbol = M.k) -> Region:
    """At least two companies: k = 2 + e, e >= 0."""
    e = _nonneg("e")
    return Region("k >= 2", (sp.GreaterThan(k, 2, evaluate=False),), {k: 2 + e}, (e,), {e: k - 2})


def others_at_most(y: sp.Symbol, k: sp.Symbol = M.k) -> Region:
    """A company facing ``y`` others of k - 1: k = y + 1 + f, f >= 0."""
    f = _nonneg("f")
    return Region(
        "y <= k - 1", (sp.GreaterThan(k - 1, y, evaluate=False),), {k: y + 1 + f}, (f,), {f: k - 1 - y}
    )
