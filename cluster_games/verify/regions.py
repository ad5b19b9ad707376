r"""The kernel's registry of regions: hypotheses, slacks, and the inverse slack map of each part.

A certificate's region is a key such as ``"rates & paper_condition"``: parts joined by ``" & "``.
For each part this module states, in the kernel's own encoding (:mod:`~cluster_games.verify.model`),

* its hypotheses, as relations between named expressions
  (:class:`~cluster_games.verify.formulas.Relation`, evaluated by
  :mod:`~cluster_games.verify.vocabulary`), and its restrictions (``k integer``, ``delta < 1``:
  conditions that narrow the region without entering the parametrisation, so a sign proved on the
  larger set holds on the smaller);
* its slacks and their signs, and the model symbols its parametrisation substitutes;
* the inverse map (each slack as a function of the model symbols) and, for an equation, the value
  it fixes (``F = 0``; ``n = n_min(k)`` solved as :math:`F = nG^2/(4k\beta)`).

:func:`check_region` then checks a file's substitution :math:`\phi` (slacks and free symbols to
model symbols) against the registry:

(a) the declared slacks and signs, and the substituted symbols, are the registry's (the file's
    hypotheses and restrictions are compared with the registry's by
    :func:`~cluster_games.verify.check.check_certificate`);
(b) *into*: every hypothesis of every part, after :math:`\phi`, is manifestly ``> 0`` / ``>= 0``
    / ``= 0`` by its coefficients, so :math:`\phi` maps the slack orthant into the region;
(c) *onto*: :math:`\phi(\iota(x)) = x` identically in the model symbols :math:`x` (on the
    equations of the region), where :math:`\iota` is the inverse map. On the region
    :math:`\iota(x)` lies in the slack orthant (the comment at each part says why), so every
    point of the region is reached and a sign proved on the orthant holds on the whole region.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import model as m
from . import vocabulary as v
from .algebra import Dual, evaluate
from .formulas import Relation, eq, ge, gt, integer, le, lt
from .model import SYMBOLS, Env
from .polynomials import NotCheckable, RatFunc, coefficient_sign

__all__ = ["PARTS", "Region", "check_region", "manifest", "region"]

Fn = Callable[[Env], Dual]
POS, NONNEG = "positive", "nonnegative"


@dataclass(frozen=True)
class Part:
    """One part of a region key: its hypotheses (relations), slacks, substituted symbols, inverse map."""

    hypotheses: tuple[Relation, ...]
    slacks: Mapping[str, str]
    substitutes: frozenset[str]
    inverse: Mapping[str, Fn]
    fixes: Mapping[str, Fn] = field(default_factory=dict)
    replaces: frozenset[str] = frozenset()  # slacks of an earlier part that this one re-parametrises
    restrictions: tuple[Relation, ...] = ()


G_POS, F_POS = gt(v.G, 0), gt(v.F, 0)


def _root(e: Env, k: Dual | int) -> Dual:
    return m.sqrt(m.discriminant(e, k))


def _free_entry(k: int | None) -> Part:
    # s = sqrt(G^2 - 4k beta F/n) > 0 as n > n_min(k) and G > 0; t = G - s > 0 as F > 0.
    def kk(e: Env) -> Dual | int:
        return e.k if k is None else k

    threshold = {2: v.n_min, 4: 2 * v.n_min, None: v.n_min_of(v.k)}[k]
    return Part(
        (G_POS, gt(v.n, threshold), F_POS),
        {"s": POS, "t": POS},
        frozenset({"F", "alpha"}),
        {"s": lambda e: _root(e, kk(e)), "t": lambda e: m.G(e) - _root(e, kk(e))},
    )


def _double_root(k: int) -> Part:
    # g = G > 0; the equation n = n_min(k) is F = n G^2 / (4 k beta).
    return Part(
        (G_POS, eq(v.n, {2: v.n_min, 4: 2 * v.n_min}[k])),
        {"g": POS},
        frozenset({"F", "alpha"}),
        {"g": m.G},
        fixes={"F": lambda e: e.n * m.G(e) ** 2 / (4 * k * e.beta)},
    )


def _zero(symbol: str) -> Part:
    return Part((eq(getattr(v, symbol), 0),), {}, frozenset({symbol}), {}, {symbol: lambda e: 0})


def _positive(symbol: str, slack: str) -> Part:  # slack = symbol > 0
    return Part(
        (gt(getattr(v, symbol), 0),),
        {slack: POS},
        frozenset({symbol}),
        {slack: lambda e: getattr(e, symbol)},
    )


def _margin(e: Env) -> Dual:
    return m.margin(e, e.omega)


def _rho(e: Env) -> Dual:
    return m.rho(e)


def _k_versus_rho(relation: str) -> Part:
    """G = g > 0 and k against rho = n G^2/(4 beta F), for the k-company claims (section 4.1)."""
    if relation == "<":  # the free-entry parametrisation with k companies: s, t as in free_entry(k)
        return Part(
            (G_POS, lt(v.k, v.rho), F_POS),
            {"s": POS, "t": POS},
            frozenset({"F", "alpha"}),
            {"s": lambda e: _root(e, e.k), "t": lambda e: m.G(e) - _root(e, e.k)},
        )
    if relation == "=":  # F = n G^2 / (4 beta k)
        return Part(
            (G_POS, eq(v.k, v.rho), F_POS),
            {"g": POS},
            frozenset({"F", "alpha"}),
            {"g": m.G},
            fixes={"F": lambda e: e.n * m.G(e) ** 2 / (4 * e.beta * e.k)},
        )
    if relation == ">":  # u = 4 k beta F / n - G^2 > 0
        return Part(
            (G_POS, gt(v.k, v.rho), F_POS),
            {"g": POS, "u": POS},
            frozenset({"F", "alpha"}),
            {"g": m.G, "u": lambda e: 4 * e.k * e.beta * e.F / e.n - m.G(e) ** 2},
        )
    # "<=": r = rho - k >= 0
    return Part(
        (G_POS, le(v.k, v.rho), F_POS),
        {"g": POS, "r": NONNEG},
        frozenset({"F", "alpha"}),
        {"g": m.G, "r": lambda e: _rho(e) - e.k},
    )


def _k_squared_versus_rho(relation: str) -> Part:
    """k^2 against rho at free entry (K5): rho between k and k^2, equal to k^2, or above it."""
    if relation == ">":  # k < rho < k^2: a = (k^2 - rho) / (k (rho - k)) > 0
        return Part(
            (G_POS, lt(v.k, v.rho), gt(v.k**2, v.rho), F_POS),
            {"g": POS, "a": POS},
            frozenset({"F", "alpha"}),
            {"g": m.G, "a": lambda e: (e.k**2 - _rho(e)) / (e.k * (_rho(e) - e.k))},
        )
    if relation == "=":  # F = n G^2 / (4 beta k^2)
        return Part(
            (G_POS, eq(v.k**2, v.rho)),
            {"g": POS},
            frozenset({"F", "alpha"}),
            {"g": m.G},
            fixes={"F": lambda e: e.n * m.G(e) ** 2 / (4 * e.beta * e.k**2)},
        )
    return Part(  # "<": u = rho / k^2 - 1 > 0
        (G_POS, lt(v.k**2, v.rho)),
        {"g": POS, "u": POS},
        frozenset({"F", "alpha"}),
        {"g": m.G, "u": lambda e: _rho(e) / e.k**2 - 1},
    )


def _hiding_profit(relation: str) -> Part:
    """M(W) > k M(omega) (or =) on the rates part: q = (W - omega) c - (k - 1) m(omega) > 0 and
    h = M(W) - k M(omega) (> 0, or 0) replace Delta and d."""
    q = lambda e: (e.W - e.omega) * e.c - (e.k - 1) * _margin(e)  # noqa: E731
    h = lambda e: m.profit(e, e.W) - e.k * m.profit(e, e.omega)  # noqa: E731
    if relation == ">":
        return Part(
            (gt(v.M(v.W), v.k * v.M(v.omega)),),
            {"q": POS, "h": POS},
            frozenset(),
            {"q": q, "h": h},
            replaces=frozenset({"Delta", "d"}),
        )

    def alpha(e: Env) -> Dual:  # M(W) = k M(omega) is linear in alpha
        mW, mw = m.margin(e, e.W), _margin(e)
        return e.beta * e.c * ((1 + e.W) * mW - e.k * (1 + e.omega) * mw) / (mW - e.k * mw)

    return Part(
        (eq(v.M(v.W), v.k * v.M(v.omega)),),
        {"q": POS},
        frozenset(),
        {"q": q},
        fixes={"alpha": alpha},
        replaces=frozenset({"Delta", "d"}),
    )


def _discount(relation: str) -> Part:
    """delta against the collusion threshold delta_c (K6), 0 < delta < 1 as restrictions."""
    threshold = lambda e: m.collusion_threshold(e, e.k, e.omega, e.W)  # noqa: E731
    bounds = (gt(v.delta, 0), lt(v.delta, 1))
    if relation == "=":
        return Part(
            (eq(v.delta, v.delta_c),),
            {},
            frozenset({"delta"}),
            {},
            fixes={"delta": threshold},
            restrictions=bounds,
        )
    slack = (lambda e: e.delta - threshold(e)) if relation == ">" else (lambda e: threshold(e) - e.delta)
    return Part(
        ({">": gt, "<": lt}[relation](v.delta, v.delta_c),),
        {"v": POS},
        frozenset({"delta"}),
        {"v": slack},
        restrictions=bounds,
    )


def _q_bar(e: Env) -> Dual:
    return m.Q_bar(e, e.omega)


PARTS: Mapping[str, Part] = {
    "everywhere": Part((), {}, frozenset(), {}),  # no hypothesis, no slack: an identity
    "feasible_trade": Part((G_POS,), {"g": POS}, frozenset({"alpha"}), {"g": m.G}),  # g = G > 0
    "free_entry(k=2)": _free_entry(2),
    "free_entry(k=4)": _free_entry(4),
    "free_entry(k=k)": _free_entry(None),
    "double_root(k=2)": _double_root(2),
    "double_root(k=4)": _double_root(4),
    # g = G > 0, u = 8 beta F / n - G^2 > 0
    "below_n_min": Part(
        (G_POS, lt(v.n, v.n_min), F_POS),
        {"g": POS, "u": POS},
        frozenset({"F", "alpha"}),
        {"g": m.G, "u": lambda e: 8 * e.beta * e.F / e.n - m.G(e) ** 2},
    ),
    # g = G > 0, a = (x - 1) / (2 - x) > 0 with x = 2 n_min / n in (1, 2)
    "n_min < n < 2*n_min": Part(
        (G_POS, gt(v.n, v.n_min), lt(v.n, 2 * v.n_min), F_POS),
        {"g": POS, "a": POS},
        frozenset({"F", "alpha"}),
        {"g": m.G, "a": lambda e: (2 * m.n_min(e) / e.n - 1) / (2 - 2 * m.n_min(e) / e.n)},
    ),
    # mu = m(omega) > 0, d = D(omega) > 0, Delta = W - omega > 0
    "rates": Part(
        (gt(v.m(v.omega), 0), gt(v.D(v.omega), 0), gt(v.W, v.omega)),
        {"mu": POS, "d": POS, "Delta": POS},
        frozenset({"W", "alpha", "omega"}),
        {"mu": _margin, "d": lambda e: m.demand(e, e.omega), "Delta": lambda e: e.W - e.omega},
    ),
    # sigma = m(omega) - (W - omega) c > 0 replaces mu = Delta c + sigma
    "paper_condition": Part(
        (lt(v.c * (v.W - v.omega), v.m(v.omega)),),
        {"sigma": POS},
        frozenset(),
        {"sigma": m.paper_condition_gap},
        replaces=frozenset({"mu"}),
    ),
    "M(W) > k*M(omega)": _hiding_profit(">"),
    "M(W) = k*M(omega)": _hiding_profit("="),
    # e = k - 2 >= 0, and k a whole number; f = k - 1 - y >= 0
    "k >= 2": Part(
        (ge(v.k, 2),), {"e": NONNEG}, frozenset({"k"}), {"e": lambda e: e.k - 2}, restrictions=(integer(v.k),)
    ),
    "y <= k - 1": Part((ge(v.k - 1, v.y),), {"f": NONNEG}, frozenset({"k"}), {"f": lambda e: e.k - 1 - e.y}),
    "k < rho": _k_versus_rho("<"),
    "k = rho": _k_versus_rho("="),
    "k > rho": _k_versus_rho(">"),
    "k <= rho": _k_versus_rho("<="),
    "k^2 > rho": _k_squared_versus_rho(">"),
    "k^2 = rho": _k_squared_versus_rho("="),
    "k^2 < rho": _k_squared_versus_rho("<"),
    "delta > delta_c": _discount(">"),
    "delta = delta_c": _discount("="),
    "delta < delta_c": _discount("<"),
    # mu = m(omega) > 0, f = F > 0
    "margin_positive": Part(
        (gt(v.m(v.omega), 0), F_POS),
        {"mu": POS, "f": POS},
        frozenset({"F", "omega"}),
        {"mu": _margin, "f": lambda e: e.F},
    ),
    # mu = m(omega) > 0, e = Q_bar - Q > 0
    "below_Q_bar": Part(
        (gt(v.m(v.omega), 0), lt(v.Q, v.Q_bar)),
        {"mu": POS, "e": POS},
        frozenset({"F", "omega"}),
        {"mu": _margin, "e": lambda e: _q_bar(e) - e.Q},
    ),
    # mu = m(omega) > 0, e = Q - Q_bar > 0, f = F > 0
    "above_Q_bar": Part(
        (gt(v.m(v.omega), 0), F_POS, gt(v.Q, v.Q_bar)),
        {"mu": POS, "e": POS, "f": POS},
        frozenset({"F", "Q", "omega"}),
        {"mu": _margin, "e": lambda e: e.Q - _q_bar(e), "f": lambda e: e.F},
    ),
    # mu = m(omega) > 0; the equation Q = Q_bar is F = Q m(omega)
    "at_Q_bar": Part(
        (gt(v.m(v.omega), 0), eq(v.Q, v.Q_bar)),
        {"mu": POS},
        frozenset({"F", "omega"}),
        {"mu": _margin},
        fixes={"F": lambda e: e.Q * _margin(e)},
    ),
    # f = F > 0, a = c_A > 0; F = 0 and c_A = 0 are equations, with no slack
    "F > 0": _positive("F", "f"),
    "c_A > 0": _positive("c_A", "a"),
    "F = 0": _zero("F"),
    "c_A = 0": _zero("c_A"),
}


@dataclass(frozen=True)
class Region:
    """A composite region: its parts' hypotheses, slacks, substituted symbols, inverse and equations."""

    key: str
    hypotheses: tuple[Relation, ...]
    slacks: Mapping[str, str]
    substitutes: frozenset[str]
    inverse: Mapping[str, Fn]
    fixes: tuple[tuple[str, Fn], ...]
    restrictions: tuple[Relation, ...] = ()


def region(key: str) -> Region:
    """The region of a key (parts joined by ``" & "``); ``KeyError`` for an unknown part."""
    hyps: list[Relation] = []
    restrictions: list[Relation] = []
    slacks: dict[str, str] = {}
    subs: set[str] = set()
    inverse: dict[str, Fn] = {}
    fixes: list[tuple[str, Fn]] = []
    for name in key.split(" & "):
        part = PARTS[name]
        if not part.replaces <= set(slacks):
            raise KeyError(f"{name} refines a part that defines {sorted(part.replaces)}")
        for s in part.replaces:
            del slacks[s], inverse[s]
        clash = (set(slacks) & set(part.slacks)) | (subs & part.substitutes)
        if clash:
            raise KeyError(f"{name} clashes with the earlier parts on {sorted(clash)}")
        hyps += [h for h in part.hypotheses if h not in hyps]
        restrictions += [h for h in part.restrictions if h not in restrictions]
        slacks |= part.slacks
        subs |= part.substitutes
        inverse |= part.inverse
        fixes += part.fixes.items()
    return Region(key, tuple(hyps), slacks, frozenset(subs), inverse, tuple(fixes), tuple(restrictions))


#: The relation a hypothesis asserts of its gap (:func:`_gap`): a positive, non-negative or zero gap.
_MANIFEST = {">": ">", "<": ">", ">=": ">=", "<=": ">=", "=": "="}


def _gap(h: Relation, e: Env) -> RatFunc:
    """``lhs - rhs`` (``rhs - lhs`` for ``<`` and ``<=``) of a hypothesis at ``e``, as a rational function."""
    value = v.difference(h, e).value.rational()
    return -value if h.op in ("<", "<=") else value


def manifest(value: RatFunc, relation: str, positive: set[str]) -> str | None:
    """``None`` if ``value`` manifestly satisfies ``relation`` (``>``, ``>=``, ``=`` 0), else why not.

    All variables are non-negative; ``positive`` names the strictly positive ones.
    """
    sn, strict_n = coefficient_sign(value.num, positive)
    sd, strict_d = coefficient_sign(value.den, positive)
    if sd is None or not strict_d:
        return "its denominator has no strict sign"
    if relation == "=":
        return None if sn == 0 else "it is not identically zero"
    if sn is None:
        return "its numerator has coefficients of mixed sign"
    if sn * sd < 0:
        return "it is negative"
    if relation == ">" and (sn == 0 or not strict_n):
        return "it is not strictly positive (no monomial of strictly positive variables)"
    return None


def check_region(key: str, slacks: Mapping[str, str], substitution: Mapping[str, RatFunc]) -> Region:
    """Checks (a), (b), (c) of the module docstring; returns the region or raises :class:`NotCheckable`."""
    try:
        reg = region(key)
    except KeyError as exc:
        raise NotCheckable(f"unknown region {key!r} ({exc.args[0]})") from None
    if dict(slacks) != dict(reg.slacks):
        raise NotCheckable(f"region {key!r} declares slacks {dict(slacks)}, expected {dict(reg.slacks)}")
    if set(substitution) != reg.substitutes:
        raise NotCheckable(
            f"region {key!r} substitutes {sorted(substitution)}, expected {sorted(reg.substitutes)}"
        )
    allowed = set(reg.slacks) | (set(SYMBOLS) - reg.substitutes)
    for symbol, value in substitution.items():
        extra = (value.num.variables() | value.den.variables()) - allowed
        if extra:
            raise NotCheckable(f"the value of {symbol} uses {sorted(extra)}: not a slack or a free symbol")
    positive = {s for s, sign in reg.slacks.items() if sign == POS} | {
        s for s, sign in SYMBOLS.items() if sign == POS
    }
    at = Env.symbolic(substitution)
    for h in reg.hypotheses:  # (b) into
        why = manifest(_gap(h, at), _MANIFEST[h.op], positive)
        if why is not None:
            raise NotCheckable(f"hypothesis {h.text()} of {key!r} is not manifest after substitution: {why}")
    x = Env.symbolic()  # (c) onto: phi(iota(x)) = x on the region's equations
    for symbol, fix in reg.fixes:
        x = x.replace(**{symbol: fix(x)})
    values = {**x.values, **{s: f(x) for s, f in reg.inverse.items()}}
    for symbol in sorted(reg.substitutes):
        back = evaluate(substitution[symbol], values) - x.values[symbol]
        if not back.value.is_zero():
            raise NotCheckable(f"the substitution of {symbol} does not reach the whole region {key!r}")
    return reg
