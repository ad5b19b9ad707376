r"""The kernel's registry of regions: hypotheses, slacks, and the inverse slack map of each part.

A certificate's region is a key such as ``"rates & paper_condition"``: parts joined by ``" & "``.
For each part this module states, in the kernel's own encoding (:mod:`~cluster_games.verify.model`),

* its hypotheses, as expressions that must be ``> 0``, ``>= 0`` or ``= 0``;
* its slacks and their signs, and the model symbols its parametrisation substitutes;
* the inverse map (each slack as a function of the model symbols) and, for an equation, the value
  it fixes (``F = 0``; ``n = n_min(k)`` solved as :math:`F = nG^2/(4k\beta)`).

:func:`check_region` then checks a file's substitution :math:`\phi` (slacks and free symbols to
model symbols) against the registry:

(a) the declared slacks and signs, and the substituted symbols, are the registry's;
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
from .algebra import Dual, evaluate
from .model import SYMBOLS, Env
from .polynomials import NotCheckable, RatFunc, coefficient_sign

__all__ = ["PARTS", "Region", "check_region", "manifest", "region"]

Fn = Callable[[Env], Dual]
POS, NONNEG = "positive", "nonnegative"


@dataclass(frozen=True)
class Part:
    """One part of a region key: ``hypotheses`` are ``(relation, f)`` meaning ``f(x) relation 0``."""

    hypotheses: tuple[tuple[str, Fn], ...]
    slacks: Mapping[str, str]
    substitutes: frozenset[str]
    inverse: Mapping[str, Fn]
    fixes: Mapping[str, Fn] = field(default_factory=dict)
    replaces: frozenset[str] = frozenset()  # slacks of an earlier part that this one re-parametrises


def _free_entry(k: int | None) -> Part:
    # s = sqrt(G^2 - 4k beta F/n) > 0 as n > n_min(k) and G > 0; t = G - s > 0 as F > 0.
    def kk(e: Env) -> Dual | int:
        return e.k if k is None else k

    def root(e: Env) -> Dual:
        return m.sqrt(m.discriminant(e, kk(e)))

    return Part(
        ((">", m.G), (">", lambda e: e.n - m.n_min(e, kk(e))), (">", lambda e: e.F)),
        {"s": POS, "t": POS},
        frozenset({"F", "alpha"}),
        {"s": root, "t": lambda e: m.G(e) - root(e)},
    )


def _double_root(k: int) -> Part:
    # g = G > 0; the equation n = n_min(k) is F = n G^2 / (4 k beta).
    return Part(
        ((">", m.G), ("=", lambda e: e.n - m.n_min(e, k))),
        {"g": POS},
        frozenset({"F", "alpha"}),
        {"g": m.G},
        fixes={"F": lambda e: e.n * m.G(e) ** 2 / (4 * k * e.beta)},
    )


def _zero(symbol: str) -> Part:
    return Part((("=", lambda e: getattr(e, symbol)),), {}, frozenset({symbol}), {}, {symbol: lambda e: 0})


def _positive(symbol: str, slack: str) -> Part:  # slack = symbol > 0
    return Part(
        ((">", lambda e: getattr(e, symbol)),),
        {slack: POS},
        frozenset({symbol}),
        {slack: lambda e: getattr(e, symbol)},
    )


def _margin(e: Env) -> Dual:
    return m.margin(e, e.omega)


PARTS: Mapping[str, Part] = {
    "everywhere": Part((), {}, frozenset(), {}),  # no hypothesis, no slack: an identity
    "feasible_trade": Part(((">", m.G),), {"g": POS}, frozenset({"alpha"}), {"g": m.G}),  # g = G > 0
    "free_entry(k=2)": _free_entry(2),
    "free_entry(k=4)": _free_entry(4),
    "free_entry(k=k)": _free_entry(None),
    "double_root(k=2)": _double_root(2),
    "double_root(k=4)": _double_root(4),
    # mu = m(omega) > 0, d = D(omega) > 0, Delta = W - omega > 0
    "rates": Part(
        ((">", _margin), (">", lambda e: m.demand(e, e.omega)), (">", lambda e: e.W - e.omega)),
        {"mu": POS, "d": POS, "Delta": POS},
        frozenset({"W", "alpha", "omega"}),
        {"mu": _margin, "d": lambda e: m.demand(e, e.omega), "Delta": lambda e: e.W - e.omega},
    ),
    # sigma = m(omega) - (W - omega) c > 0 replaces mu = Delta c + sigma
    "paper_condition": Part(
        ((">", m.paper_condition_gap),),
        {"sigma": POS},
        frozenset(),
        {"sigma": m.paper_condition_gap},
        replaces=frozenset({"mu"}),
    ),
    # e = k - 2 >= 0; f = k - 1 - y >= 0
    "k >= 2": Part(((">=", lambda e: e.k - 2),), {"e": NONNEG}, frozenset({"k"}), {"e": lambda e: e.k - 2}),
    "y <= k - 1": Part(
        ((">=", lambda e: e.k - 1 - e.y),), {"f": NONNEG}, frozenset({"k"}), {"f": lambda e: e.k - 1 - e.y}
    ),
    # r = rho - k >= 0, e = k - 2 >= 0 (rho abstract)
    "2 <= k <= rho": Part(
        ((">=", lambda e: e.k - 2), (">=", lambda e: e.rho - e.k)),
        {"r": NONNEG, "e": NONNEG},
        frozenset({"k", "rho"}),
        {"r": lambda e: e.rho - e.k, "e": lambda e: e.k - 2},
    ),
    # h = M_W - k M_omega > 0 (abstract profits)
    "abstract_profits": Part(
        ((">", lambda e: e.M_omega), (">", lambda e: e.M_W - e.k * e.M_omega)),
        {"h": POS},
        frozenset({"M_W"}),
        {"h": lambda e: e.M_W - e.k * e.M_omega},
    ),
    # mu = m(omega) > 0, f = F > 0
    "margin_positive": Part(
        ((">", _margin), (">", lambda e: e.F)),
        {"mu": POS, "f": POS},
        frozenset({"F", "omega"}),
        {"mu": _margin, "f": lambda e: e.F},
    ),
    # mu = m(omega) > 0, e = Q_bar - Q > 0
    "below_Q_bar": Part(
        ((">", _margin), (">", lambda e: m.Q_bar(e, e.omega) - e.Q)),
        {"mu": POS, "e": POS},
        frozenset({"F", "omega"}),
        {"mu": _margin, "e": lambda e: m.Q_bar(e, e.omega) - e.Q},
    ),
    # mu = m(omega) > 0, e = Q - Q_bar > 0, f = F > 0
    "above_Q_bar": Part(
        ((">", _margin), (">", lambda e: e.F), (">", lambda e: e.Q - m.Q_bar(e, e.omega))),
        {"mu": POS, "e": POS, "f": POS},
        frozenset({"F", "Q", "omega"}),
        {"mu": _margin, "e": lambda e: e.Q - m.Q_bar(e, e.omega), "f": lambda e: e.F},
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
    hypotheses: tuple[tuple[str, Fn], ...]
    slacks: Mapping[str, str]
    substitutes: frozenset[str]
    inverse: Mapping[str, Fn]
    fixes: tuple[tuple[str, Fn], ...]


def region(key: str) -> Region:
    """The region of a key (parts joined by ``" & "``); ``KeyError`` for an unknown part."""
    hyps: list[tuple[str, Fn]] = []
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
        hyps += part.hypotheses
        slacks |= part.slacks
        subs |= part.substitutes
        inverse |= part.inverse
        fixes += part.fixes.items()
    return Region(key, tuple(hyps), slacks, frozenset(subs), inverse, tuple(fixes))


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
    for i, (relation, f) in enumerate(reg.hypotheses, 1):  # (b) into
        why = manifest(f(at).value.rational(), relation, positive)
        if why is not None:
            raise NotCheckable(
                f"hypothesis {i} of {key!r} ({relation} 0) is not manifest after substitution: {why}"
            )
    x = Env.symbolic()  # (c) onto: phi(iota(x)) = x on the region's equations
    for symbol, fix in reg.fixes:
        x = x.replace(**{symbol: fix(x)})
    values = {**x.values, **{s: f(x) for s, f in reg.inverse.items()}}
    for symbol in sorted(reg.substitutes):
        back = evaluate(substitution[symbol], values) - x.values[symbol]
        if not back.value.is_zero():
            raise NotCheckable(f"the substitution of {symbol} does not reach the whole region {key!r}")
    return reg
