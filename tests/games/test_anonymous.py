"""Symmetric anonymous games against their full normal form and pygambit."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_games.games import AnonymousGame, BimatrixGame, NormalFormGame
from cluster_games.games.anonymous import compositions
from cluster_games.games.roots import IsolatedRoot

from support import import_pygambit

payoff_lists = st.integers(2, 4).flatmap(
    lambda k: st.tuples(
        st.just(k),
        st.lists(st.integers(-4, 4), min_size=k, max_size=k),
        st.lists(st.integers(-4, 4), min_size=k, max_size=k),
    )
)


def _counts(profile: tuple[str, ...], actions) -> tuple[tuple[str, int], ...]:
    return tuple((a, profile.count(a)) for a in actions if profile.count(a))


@settings(max_examples=120, deadline=None)
@given(payoff_lists)
def test_pure_equilibria_match_the_normal_form(data):
    k, first, second = data
    g = AnonymousGame.two_actions(k, first, second)
    nf = g.to_normal_form()
    assert len(nf.payoffs) == 2**k
    assert set(g.pure_equilibria()) == {_counts(p, g.actions) for p in nf.pure_equilibria()}


@settings(max_examples=60, deadline=None)
@given(payoff_lists)
def test_pure_equilibria_match_pygambit(data):
    gbt = import_pygambit()  # the reference
    k, first, second = data
    g = AnonymousGame.two_actions(k, first, second)
    game = g.to_normal_form().to_pygambit()
    ref = set()
    for eq in gbt.nash.enumpure_solve(game).equilibria:
        profile = tuple(next(s.label for s in p.strategies if eq[p][s] == 1) for p in game.players)
        ref.add(_counts(profile, g.actions))
    assert set(g.pure_equilibria()) == ref


def _expected_gain(g: AnonymousGame, p) -> sp.Expr:
    """U(first | p) - U(second | p) from the normal form: an independent route to the gain polynomial."""
    k = g.k
    nf = g.to_normal_form()
    total = 0
    for profile, values in nf.payoffs.items():
        # player 0 deviates between actions 0 and 1; the others play action 0 with probability p
        if profile[0] != 0:
            continue
        other = (1, *profile[1:])
        weight = sp.Integer(1)
        for a in profile[1:]:
            weight *= p if a == 0 else 1 - p
        total += weight * (
            sp.Rational(values[0].numerator, values[0].denominator)
            - sp.Rational(nf.payoffs[other][0].numerator, nf.payoffs[other][0].denominator)
        )
    assert k == len(next(iter(nf.payoffs)))
    return sp.expand(total)


@settings(max_examples=100, deadline=None)
@given(payoff_lists)
def test_symmetric_equilibria_are_exact_and_complete(data):
    k, first, second = data
    g = AnonymousGame.two_actions(k, first, second)
    eq = g.symmetric_equilibria()
    p = sp.Symbol("p")
    gain = _expected_gain(g, p)
    if eq.continuum:
        assert gain == 0
        return
    roots = sorted({r for r in sp.Poly(gain, p).real_roots() if 0 < r < 1}, key=float) if gain != 0 else []
    interior = sorted((q for q in eq.probabilities if q not in (0, 1)), key=float)
    assert len(interior) == len(roots)
    for q, r in zip(
        interior, roots, strict=True
    ):  # each root exactly: equal, or inside its certified bracket
        if isinstance(q, IsolatedRoot):
            assert (
                sp.Rational(q.lo.numerator, q.lo.denominator)
                < r
                < sp.Rational(q.hi.numerator, q.hi.denominator)
            )
        else:
            assert sp.nsimplify(q) == r if isinstance(q, Fraction) else q == r
    assert (Fraction(1) in eq.probabilities) == (gain.subs(p, 1) >= 0)
    assert (Fraction(0) in eq.probabilities) == (gain.subs(p, 0) <= 0)


def test_symmetric_equilibria_against_pygambit_enumpoly():
    gbt = import_pygambit()  # the reference
    g = AnonymousGame.two_actions(3, [-3, 1, 5], [0, 0, 0], ("Y", "N"))
    eq = g.symmetric_equilibria()
    assert eq.probabilities == (Fraction(1), Fraction(3, 8), Fraction(0))
    game = g.to_normal_form().to_pygambit()
    found = gbt.nash.enumpoly_solve(game).equilibria
    first = [(pl, next(iter(pl.strategies))) for pl in game.players]
    symmetric = sorted(
        (float(e[first[0][0]][first[0][1]]) for e in found if len({float(e[pl][s]) for pl, s in first}) == 1),
        reverse=True,
    )
    assert symmetric == pytest.approx([1.0, 0.375, 0.0])


def test_an_irrational_symmetric_equilibrium_is_kept_exact():
    # g(p) = 1 - 2 p^2 ... with k = 3: d = (1, 1, -1) gives g(p) = (1 - p)^2 + 2 p (1 - p) - p^2 = 1 - 2 p^2
    g = AnonymousGame.two_actions(3, [1, 1, -1], [0, 0, 0])
    eq = g.symmetric_equilibria()
    (root,) = eq.probabilities
    assert isinstance(root, IsolatedRoot) and root.hi - root.lo < Fraction(1, 2**50)
    assert sp.Rational(root.lo.numerator, root.lo.denominator) < 1 / sp.sqrt(2)
    assert 1 / sp.sqrt(2) < sp.Rational(root.hi.numerator, root.hi.denominator)
    assert eq.values == pytest.approx((2**-0.5,), rel=1e-15) and "P(Y) = 0.707107" in str(eq)
    # comparisons with rationals are exact, even inside the bracket (refined on demand)
    assert root > Fraction(70710678118654, 10**14) and root < Fraction(70710678118655, 10**14)
    assert root != Fraction(1, 2) and not root == Fraction(7, 10)


def test_one_sign_change_is_fast_and_exact_at_large_k():
    # k = 400 players: g(p) has degree 399 and one sign change; no sympy root isolation is needed
    k = 400
    first = [Fraction(-(k + 50), 1)] + [Fraction(1, 1) for _ in range(k - 1)]
    g = AnonymousGame.two_actions(k, first, [0] * k)
    eq = g.symmetric_equilibria()
    (root,) = [q for q in eq.probabilities if 0 < q < 1]
    # independent check: the gain changes sign across the bracket, evaluated exactly with mpmath at 60 digits
    import mpmath

    def gain(x):
        with mpmath.workdps(60):
            return sum(
                mpmath.binomial(k - 1, j) * x**j * (1 - x) ** (k - 1 - j) * mpmath.mpf(int(first[j]))
                for j in range(k)
            )

    with mpmath.workdps(60):
        lo, hi = (
            mpmath.mpf(root.lo.numerator) / root.lo.denominator,
            mpmath.mpf(root.hi.numerator) / root.hi.denominator,
        )
        assert gain(lo) * gain(hi) < 0
    assert eq.method.startswith("one sign change")


def test_several_sign_changes_beyond_the_isolation_degree_are_refused():
    k = 70  # alternating payoff differences: many sign changes, degree 69
    g = AnonymousGame.two_actions(k, [(-1) ** j for j in range(k)], [0] * k)
    with pytest.raises(ValueError, match="degree 69"):
        g.symmetric_equilibria()


def test_continuum_when_the_actions_tie():
    g = AnonymousGame.two_actions(3, [2, 2, 2], [2, 2, 2])
    assert g.symmetric_equilibria().continuum
    assert len(g.pure_equilibria()) == 4  # every count of Y


def test_k2_is_the_symmetric_bimatrix_game():
    g = AnonymousGame.two_actions(2, [3, -1], [0, 1], ("Y", "N"))  # u(Y | other N) = 3? index j = others on Y
    A = [
        [g.payoff("Y", {"Y": 1}), g.payoff("Y", {"N": 1})],
        [g.payoff("N", {"Y": 1}), g.payoff("N", {"N": 1})],
    ]
    bimatrix = BimatrixGame.from_arrays(A, [list(r) for r in zip(*A, strict=True)], "YN", "YN")
    symmetric = {p.row[0] for p in bimatrix.equilibria().extreme if p.row == p.col}
    assert symmetric == set(g.symmetric_equilibria().probabilities)


def test_three_actions_dominance_elimination_and_refusal():
    # action c is dominated by the mixture a/2 + b/2 against every profile of the others
    def u(action, others):
        return {"a": 4 * others["a"], "b": 4 * others["b"], "c": 2 * others["a"] + 2 * others["b"] - 1}[
            action
        ]

    g = AnonymousGame.from_function(3, "abc", u)
    assert g.profiles == compositions(2, 3)
    (d,) = g.dominance().dominated
    assert d.strategy == "c" and d.strict and d.by == {"a": Fraction(1, 2), "b": Fraction(1, 2)}
    result = g.eliminate()
    assert result.row_strategies == ("a", "b")
    with pytest.raises(ValueError, match="two actions"):
        g.symmetric_equilibria()


def test_errors():
    with pytest.raises(ValueError, match="k must be"):
        AnonymousGame.from_function(1, "ab", lambda a, c: 0)
    with pytest.raises(ValueError, match="need 3 payoffs"):
        AnonymousGame.two_actions(3, [1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="strategy profiles"):
        NormalFormGame.from_function([("a", "b")] * 25, lambda p: [0] * 25)


# ----------------------------------------------------------------------------- issue 19: sizes and types
def test_a_table_too_large_is_refused_before_any_payoff_is_asked_for():
    """1,000 players and 5 actions: 5 C(1003, 4) = 209,585,626,250 entries (it ran 56 s to a MemoryError)."""

    def payoff(action, others):
        raise AssertionError("a payoff was computed before the size check")

    with pytest.raises(
        ValueError, match=r"1000 players and 5 actions .* 209,585,626,250 entries.*at most 100,000"
    ):
        AnonymousGame.from_function(1000, "abcde", payoff)
    with pytest.raises(ValueError, match="at most 100,000"):
        AnonymousGame(1000, tuple("abcde"), ((),) * 5)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((None, [1], [1]), "k must be an integer >= 2, got None"),
        ((2.0, [1, 2], [1, 2]), "k must be an integer >= 2, got 2.0"),
        ((True, [1, 2], [1, 2]), "k must be an integer >= 2, got True"),
        ((3, None, [1, 2, 3]), "first must be a sequence of 3 payoffs, got NoneType"),
        ((3, [1, 2, 3], 7), "second must be a sequence of 3 payoffs, got int"),
        ((3, [1, 2, 3], [1, 2, 3], ("Y",)), "two action names"),
    ],
)
def test_two_actions_names_a_bad_argument(args, needle):
    """two_actions(None, ...) raised TypeError from len(None)."""
    with pytest.raises(ValueError, match=re.escape(needle)):
        AnonymousGame.two_actions(*args)


def test_a_normal_form_too_long_to_tabulate_is_refused_with_its_estimate():
    g = AnonymousGame.two_actions(20, list(range(20)), list(range(20)))  # 2**20 profiles x 20 payoffs
    with pytest.raises(ValueError, match=r"1,048,576 profiles of 20 payoffs, about 84 s to tabulate"):
        g.to_normal_form()
