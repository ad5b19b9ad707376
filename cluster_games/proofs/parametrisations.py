r"""Regions of parameter space as slack parametrisations, with their hypotheses as relations.

A :class:`Region` is a set of hypotheses (``G > 0``, ``n > n_min``, ...) together with a
substitution of model symbols by expressions in fresh *slack* symbols, each positive or
non-negative, such that the substitution maps the slack orthant *onto* the region: every
hypothesis becomes a manifestly positive (or zero, for an equation) expression in the slacks,
and the :attr:`Region.inverse` map recovers the slacks from the model symbols. A sign
certificate (:mod:`cluster_games.proofs.certificates`) proves a claim on the region by
substituting and reading the signs of the coefficients.

* The hypotheses are data, not text: each is a :class:`~cluster_games.verify.formulas.Relation`
  between named expressions, printed by :meth:`~cluster_games.verify.formulas.Relation.text` and
  exported with every certificate, whose checker rebuilds it from its own encoding; a claim's
  assumptions are the hypotheses of the regions its certificates used, and
  ``tests/proofs/test_parametrisations.py`` proves that each region's substitution is onto them.
* *Restrictions* (``k integer``, ``delta < 1``) narrow a region without entering its
  parametrisation: a sign proved on the larger set holds on the smaller one. They are printed and
  exported with the hypotheses.
* Substitutions are simultaneous and idempotent (no key symbol occurs in any value), and
  :meth:`Region.refine` composes them: the second region sees the first's result.
* A slack must be fresh: :meth:`Region.apply` refuses an expression that already contains one
  (a slack named like a model symbol would silently specialise the claim).

The regions of the k-company claims are in :mod:`~cluster_games.proofs.parametrisations_k`.

Examples
--------
>>> from cluster_games import model as M
>>> r = free_entry()
>>> r.assumptions
('G > 0', 'n > n_min', 'F > 0')
>>> r.apply(M.G)
s + t
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import sympy as sp

from .. import model as M
from . import formulas as V
from .formulas import Relation, relational

__all__ = [
    "Region",
    "SlackClash",
    "render",
    "everywhere",
    "feasible_trade",
    "free_entry",
    "double_root",
    "below_n_min",
    "thin_market",
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
    hypotheses : tuple of Relation
        The constraints, between named expressions of the model (``>``, ``>=``, ``<`` or ``=``).
    substitution : mapping
        Model symbol -> expression in the slacks and the free model symbols; simultaneous and
        idempotent (see :meth:`from_steps`).
    slacks : tuple of sympy.Symbol
        Fresh symbols, each declared ``positive`` or ``nonnegative``.
    inverse : mapping
        Slack -> expression in model symbols: the slack map's inverse on the region.
    restrictions : tuple of Relation
        Further conditions that narrow the region without entering its parametrisation
        (``k integer``, ``delta < 1``): a sign proved on the region holds where they hold too.
    """

    key: str
    hypotheses: tuple[Relation, ...]
    substitution: Mapping[sp.Symbol, sp.Expr]
    slacks: tuple[sp.Symbol, ...]
    inverse: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)
    restrictions: tuple[Relation, ...] = ()

    def __post_init__(self) -> None:
        for h in (*self.hypotheses, *self.restrictions):
            if not isinstance(h, Relation):
                raise ValueError(f"region {self.key}: hypothesis {h!r} is not a Relation")
        for h in self.hypotheses:
            if h.op == "integer":
                raise ValueError(f"region {self.key}: {h} cannot be a parametrised hypothesis")
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
        restrictions: Iterable[Relation] = (),
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
        return cls(key, tuple(hypotheses), sub, tuple(slacks), inverse, tuple(restrictions))

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
            self.restrictions + tuple(h for h in extra.restrictions if h not in self.restrictions),
        )

    @property
    def conditions(self) -> tuple[Relation, ...]:
        """The hypotheses, then the restrictions: everything a statement on this region assumes."""
        return self.hypotheses + self.restrictions

    @property
    def assumptions(self) -> tuple[str, ...]:
        """The hypotheses and restrictions as text."""
        return tuple(h.text() for h in self.conditions)

    @property
    def relationals(self) -> tuple[sp.Rel, ...]:
        """The hypotheses as unevaluated sympy relationals, in model symbols."""
        return tuple(relational(h) for h in self.hypotheses)

    def __str__(self) -> str:
        return f"{self.key}: " + ", ".join(self.assumptions)


# ----------------------------------------------------------------------------- rendering
def render(relation: Relation) -> str:
    """A hypothesis as text: :meth:`~cluster_games.verify.formulas.Relation.text`.

    >>> render(V.gt(V.n, V.n_min))
    'n > n_min'
    """
    return relation.text()


# ----------------------------------------------------------------------------- the library
def _pos(name: str) -> sp.Symbol:
    return sp.Symbol(name, positive=True)


def _nonneg(name: str) -> sp.Symbol:
    return sp.Symbol(name, nonnegative=True)


def _name(symbol: sp.Symbol) -> V.Formula:
    return V.name(symbol.name)


def everywhere() -> Region:
    """No hypothesis: an identity of the model, for all values of its symbols."""
    return Region("everywhere", (), {}, (), {})


def positive(symbol: sp.Symbol, slack: str) -> Region:
    r"""``symbol > 0`` for a model symbol declared only non-negative (F, c_A): ``symbol = slack``."""
    s = _pos(slack)
    return Region(f"{symbol} > 0", (V.gt(_name(symbol), 0),), {symbol: s}, (s,), {s: symbol})


def equal(symbol: sp.Symbol, value: int = 0) -> Region:
    """The boundary ``symbol = value`` (no slack: the region has one dimension less)."""
    v = sp.Integer(value)
    return Region(f"{symbol} = {v}", (V.eq(_name(symbol), value),), {symbol: v}, (), {})


def feasible_trade() -> Region:
    r"""Trade is feasible: :math:`G = \alpha - \beta(c + c_A) = g > 0`."""
    g = _pos("g")
    return Region("feasible_trade", (V.gt(V.G, 0),), {M.alpha: M.beta * (M.c + M.c_A) + g}, (g,), {g: M.G})


def _n_min(k: sp.Expr) -> V.Formula:
    """n_min(k) as printed: ``n_min`` for the paper's two companies, ``2*n_min`` for k = 4."""
    if k == 2:
        return V.n_min
    if k == 4:
        return 2 * V.n_min
    if k == M.k:
        return V.n_min_k(V.k)
    raise ValueError(f"no printed name for n_min({k})")


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
        (V.gt(V.G, 0), V.gt(V.n, _n_min(k)), V.gt(V.F, 0)),
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
        (V.gt(V.G, 0), V.eq(V.n, _n_min(k))),
        {M.F: M.n * g**2 / (4 * k * M.beta), M.alpha: M.beta * (M.c + M.c_A) + g},
        (g,),
        {g: M.G},
    )


def thin_market() -> Region:
    r""":math:`n_{\min} < n < 2 n_{\min}` with :math:`G > 0`, :math:`F > 0` (finding R1).

    :math:`G = g` and :math:`F = \frac{n g^2}{16\beta} \cdot \frac{1 + 2a}{1 + a}`, strictly between
    :math:`nG^2/(16\beta)` (n = 2 n_min, a = 0) and :math:`nG^2/(8\beta)` (n = n_min, a infinite);
    with :math:`x = 2n_{\min}/n \in (1, 2)` the inverse is :math:`a = (x - 1)/(2 - x) > 0`.
    """
    g, a = _pos("g"), _pos("a")
    x = 2 * M.n_min_expr() / M.n  # 16 beta F / (n G^2)
    return Region(
        "n_min < n < 2*n_min",
        (V.gt(V.G, 0), V.gt(V.n, V.n_min), V.lt(V.n, 2 * V.n_min), V.gt(V.F, 0)),
        {M.F: M.n * g**2 * (1 + 2 * a) / (16 * M.beta * (1 + a)), M.alpha: M.beta * (M.c + M.c_A) + g},
        (g, a),
        {g: M.G, a: (x - 1) / (2 - x)},
    )


def below_n_min() -> Region:
    r""":math:`n < n_{\min}` with :math:`G > 0` (so :math:`F > 0`): no break-even rate.

    :math:`G = g > 0` and :math:`F = n(g^2 + u)/(8\beta)`, :math:`u = 8\beta F/n - G^2 > 0`.
    """
    g, u = _pos("g"), _pos("u")
    return Region(
        "below_n_min",
        (V.gt(V.G, 0), V.lt(V.n, V.n_min), V.gt(V.F, 0)),
        {M.F: M.n * (g**2 + u) / (8 * M.beta), M.alpha: M.beta * (M.c + M.c_A) + g},
        (g, u),
        {g: M.G, u: 8 * M.beta * M.F / M.n - M.G**2},
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
        (V.gt(V.m(V.omega), 0), V.gt(V.D(V.omega), 0), V.gt(V.W, V.omega)),
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
        (V.lt(V.c * (V.W - V.omega), V.m(V.omega)),),
        {mu: gap * M.c + sigma},
        (sigma,),
        {sigma: mu - gap * M.c},
    )
    return base.refine(extra)


def at_least_two(k: sp.Symbol = M.k) -> Region:
    """At least two companies, a whole number of them: k = 2 + e, e >= 0 (and k integer, a restriction)."""
    e = _nonneg("e")
    kk = _name(k)
    return Region("k >= 2", (V.ge(kk, 2),), {k: 2 + e}, (e,), {e: k - 2}, (V.integer(kk),))


def others_at_most(y: sp.Symbol, k: sp.Symbol = M.k) -> Region:
    """A company facing ``y`` others of k - 1: k = y + 1 + f, f >= 0."""
    f = _nonneg("f")
    return Region("y <= k - 1", (V.ge(_name(k) - 1, _name(y)),), {k: y + 1 + f}, (f,), {f: k - 1 - y})
