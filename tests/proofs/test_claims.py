"""Claims: steps from certificates, hypotheses rendered from regions, and the statement-against-proof check."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from cluster_games import model as M
from cluster_games.proofs import formulas as V
from cluster_games.proofs.certificates import certify
from cluster_games.proofs.claims import Claim, from_certificate
from cluster_games.proofs.example import check_point
from cluster_games.proofs.parametrisations import double_root, feasible_trade, free_entry
from cluster_games.proofs.report import Step

G_POSITIVE = V.gt(V.G, 0)


def _step(region, case=None, key="k"):
    return from_certificate(certify(M.G, "positive", region, "G > 0 here", key=key), case=case)


def test_a_step_from_a_certificate_carries_its_region():
    step = _step(free_entry(), case="a case")
    assert step.holds is True and step.method == "sign certificate" and step.claim == "G > 0 here"
    assert step.detail == "on G > 0, n > n_min, F > 0"
    assert step.hypotheses == ("G > 0", "n > n_min", "F > 0") and step.case == "a case"
    assert step.certificate.key == "k" and step.latex == "s + t > 0"
    d = step.to_dict()
    assert (
        d["certificate"] == "k"
        and d["hypotheses"] == ["G > 0", "n > n_min", "F > 0"]
        and d["case"] == "a case"
    )


def _claim(stated, cases=None, proof_steps=()):
    return Claim(
        id="T1",
        kind="finding",
        title="test",
        statement="test",
        hypotheses=lambda: stated,
        proof=lambda: list(proof_steps),
        check=lambda pt: [Step("nothing", "n/a", None)],
        cases=(lambda: cases) if cases is not None else (lambda: {}),
    )


def test_statement_and_certificates_must_use_the_same_hypotheses():
    steps = (_step(free_entry()), _step(feasible_trade(), key="k2"))
    ok = _claim(free_entry().hypotheses)._hypotheses_agree(steps)[0]
    assert ok.holds is True and ok.detail == "stated and used: G > 0, n > n_min, F > 0"
    dropped = _claim((G_POSITIVE,))._hypotheses_agree(steps)[0]
    assert dropped.holds is False
    assert dropped.detail == "the proof assumes n > n_min, F > 0, which the statement does not"
    extra = _claim((*free_entry().hypotheses, V.gt(V.c_A, 0)))
    (verdict,) = extra._hypotheses_agree(steps)
    assert (
        verdict.holds is False
        and verdict.detail == "the statement assumes c_A > 0, which no certificate uses"
    )


def test_cases_are_checked_too():
    steps = (_step(free_entry()), _step(double_root(), case="n = n_min", key="k2"))
    good = _claim(free_entry().hypotheses, {"n = n_min": double_root().hypotheses})
    assert good._hypotheses_agree(steps)[0].holds is True
    missing = _claim(free_entry().hypotheses)._hypotheses_agree(steps)[0]
    assert (
        missing.detail == "case n = n_min: the proof assumes G > 0, n = n_min, which the statement does not"
    )
    stray = _claim(free_entry().hypotheses, {"n = n_min": double_root().hypotheses, "F = 0": (G_POSITIVE,)})
    assert (
        stray._hypotheses_agree(steps)[0].detail
        == "case F = 0: the statement assumes G > 0, which no certificate uses"
    )


def test_a_run_renders_assumptions_and_cases_from_the_regions():
    steps = (_step(free_entry()), _step(double_root(), case="n = n_min", key="k2"))
    result = _claim(free_entry().hypotheses, {"n = n_min": double_root().hypotheses}, steps).run(
        check_point()
    )
    assert result.assumptions == ("G > 0", "n > n_min", "F > 0")
    assert result.cases == {"n = n_min": ("G > 0", "n = n_min")}
    assert result.holds and result.proof[-2].method == "structured hypotheses"
    assert (result.proof[-1].method, result.proof[-1].holds) == ("statement audit", True)
    text = str(result)
    assert (
        "assuming G > 0, n > n_min, F > 0" in text and "and in the case n = n_min: G > 0, n = n_min" in text
    )
    assert "[case n = n_min]" in text
    assert "*Case n = n_min:* G > 0; n = n_min" in result._repr_markdown_()


# ----------------------------------------------------------------------------- helpers of the numeric checks
def test_free_entry_rate_decides_existence_exactly():
    import pytest

    from cluster_games import Parameters
    from cluster_games.proofs.claims import NotApplicable, free_entry_rate

    # G = 100 - 1.5 (10 + 1) = 83.5, n_min = 8 beta F / G^2 with beta = 1.5, F = 2.5
    n_min = Fraction(8) * Fraction(3, 2) * Fraction(5, 2) / Fraction(167, 2) ** 2
    at = Parameters(n=float(n_min), F=2.5, alpha=100, beta=1.5, c=10, c_A=1)
    if Fraction(at.n) >= n_min:  # n_min as a float may round down below the exact threshold
        assert free_entry_rate(at) == at.omega_star()
    below = at.replace(n=float(n_min) * (1 - 1e-9))
    with pytest.raises(NotApplicable, match="n < n_min"):
        free_entry_rate(below)
    assert free_entry_rate(at.replace(n=2 * float(n_min))) == at.replace(n=2 * float(n_min)).omega_star()
    with pytest.raises(NotApplicable):
        free_entry_rate(at.replace(alpha=1.5 * 11))  # G = 0
    with pytest.raises(NotApplicable):
        free_entry_rate(at.replace(alpha=10.0))  # G < 0
    assert free_entry_rate(at.replace(F=0.0)) == pytest.approx(1 / 10)  # F = 0: omega* = c_A / c


def test_rel_diff_and_compare():
    from cluster_games.proofs.claims import compare, rel_diff

    assert rel_diff(0, 0) == 0.0 and rel_diff(1.0, 1.0) == 0.0
    assert rel_diff(2.0, 1.0) == 0.5 and rel_diff(-1.0, 1.0) == 2.0 and rel_diff(0.0, 3.0) == 1.0
    s = compare("x equals y", 1.0, 1.0 + 1e-13, 1e-12, "exact arithmetic")
    assert (s.claim, s.method, s.holds) == ("x equals y", "exact arithmetic", True)
    assert s.detail == "1 vs 1.0000000000001 (rel. diff 1e-13)"
    assert compare("c", 1.0, 1.1, 1e-12).holds is False and compare("c", 1.0, 1.1, 1e-12).method == "numeric"
    assert compare("edge", 1.0, 1.5, 1 / 3).holds is True  # rel. diff exactly 1/3: within the tolerance


def test_a_proof_or_check_that_raises_is_a_failed_step_not_a_crash():
    def boom():
        raise ValueError("model broke")

    broken = Claim(
        id="T2",
        kind="finding",
        title="raises",
        statement="s",
        hypotheses=lambda: (),
        proof=boom,
        check=lambda pt: boom(),
        key_expressions=lambda: boom(),
    )
    result = broken.run(check_point())
    assert (
        result.proof[0].claim == "symbolic proof raised ValueError"
        and result.proof[0].detail == "model broke"
    )
    assert result.numeric[0].claim == "numeric check raised ValueError" and result.proof[0].holds is False
    assert result.key_expressions == {"error": "\\text{ValueError}"}
    assert (result.id, result.kind, result.title, result.statement) == ("T2", "finding", "raises", "s")
    assert result.status == "failed" and not result.holds


def test_the_printed_formulas_are_the_papers():
    """Transcribed from the paper (errata E1, E2): a change to them is a change of what is refuted."""
    from cluster_games import model as m

    G = m.alpha - m.beta * (m.c + m.c_A)
    printed_root = (G + sp.sqrt(G**2 - 4 * m.beta * ((m.alpha - m.beta * m.c) * m.c_A + 2 * m.F / m.n))) / (
        2 * m.beta * m.c
    )
    assert sp.simplify(m.omega_star_paper() - printed_root) == 0
    printed_equation = (
        sp.Rational(1, 2) * m.n * (m.omega - 2 * m.c_A) * (m.alpha - m.beta * (1 - m.omega) * m.c_A) - m.F
    )
    assert sp.expand(m.zero_profit_paper() - printed_equation) == 0


def test_a_check_point_builds_its_game_at_its_own_rates():
    from cluster_games import Parameters
    from cluster_games.proofs.claims import CheckPoint

    game = CheckPoint(Parameters(10, 1, 100, 1, 10, 1), 0.2, 2.0).game()
    assert (game.omega, game.W, game.omega_is_free_entry) == (0.2, 2.0, False)


def _raise(*_):
    raise ZeroDivisionError("planted")


def test_a_proof_or_check_that_raises_is_a_failed_step_in_the_report():
    """A broken model shows as failed steps, word for word, never as a crash of ``prove``."""
    claim = Claim(
        id="T_RAISES",
        kind="finding",
        title="t",
        statement="t",
        hypotheses=lambda: (),
        proof=_raise,
        check=_raise,
    )
    result = claim.run(check_point())
    broken, agreement, audit = result.proof
    assert (audit.claim, audit.holds, audit.detail) == (
        "the statement prints only what its certificates prove",
        True,
        "every formula and relation is a certified one",
    )
    assert (broken.claim, broken.method, broken.holds, broken.detail) == (
        "symbolic proof raised ZeroDivisionError",
        "error",
        False,
        "planted",
    )
    assert (
        agreement.claim == "the statement's hypotheses are exactly those of the regions its certificates used"
    )
    assert (agreement.method, agreement.holds, agreement.detail) == (
        "structured hypotheses",
        True,
        "stated and used: none",
    )
    (numeric,) = result.numeric
    assert (numeric.claim, numeric.method, numeric.holds) == (
        "numeric check raised ZeroDivisionError",
        "error",
        False,
    )
    unstated = Claim(
        id="T_UNSTATED",
        kind="finding",
        title="t",
        statement="t",
        hypotheses=_raise,
        proof=lambda: [_step(free_entry())],
        check=lambda pt: [Step("nothing", "n/a", None)],
    )
    (_, failed, _) = unstated.run(check_point()).proof
    assert (failed.claim, failed.method, failed.holds) == (
        "statement against proof raised ZeroDivisionError",
        "error",
        False,
    )


def test_a_step_on_the_whole_parameter_space_says_so():
    from cluster_games.proofs.parametrisations import everywhere

    step = from_certificate(certify(M.n**2 + 1, "positive", everywhere(), "n^2 + 1 > 0", key="k"))
    assert step.detail == "on all parameters" and step.hypotheses == ()


def test_the_free_entry_rate_of_a_check_is_decided_exactly():
    import pytest

    from cluster_games import Parameters
    from cluster_games.proofs.claims import NotApplicable, free_entry_rate

    message = "no free-entry rate at these parameters (G <= 0 or n < n_min); the check needs omega*"
    with pytest.raises(NotApplicable) as none:
        free_entry_rate(Parameters(10, 1, 11, 1, 10, 1))  # G = 0
    assert str(none.value) == message
    with pytest.raises(NotApplicable):  # G = 0 and F = 0: still no rate (G > 0 is needed)
        free_entry_rate(Parameters(10, 0, 11, 1, 10, 1))
    # G = 1/2 and n between n_min = 32 and 9/8 n_min: a rate exists
    assert free_entry_rate(Parameters(34, 1, 11.5, 1, 10, 1)) > 0
    n_min = 8 / 0.5**2
    assert free_entry_rate(Parameters(n_min, 1, 11.5, 1, 10, 1)) > 0  # the double root itself
    with pytest.raises(NotApplicable):
        free_entry_rate(Parameters(n_min * (1 - 2**-40), 1, 11.5, 1, 10, 1))


def test_every_mismatch_is_listed_and_joined():
    steps = (_step(free_entry()),)
    both = _claim((G_POSITIVE, V.gt(V.c_A, 0), V.eq(V.k, 3)))
    (verdict,) = both._hypotheses_agree(steps)
    assert verdict.holds is False
    assert verdict.detail == (
        "the proof assumes n > n_min, F > 0, which the statement does not; "
        "the statement assumes c_A > 0, k = 3, which no certificate uses"
    )


def test_a_rate_is_placed_exactly_within_above_or_below_its_window():
    """At F = 0 the discriminant is G^2, so omega* = c_A / c exactly: 5/10 = 0.5 here (a float).

    rtol = 0 makes the window the single point ``value``: 0.5 is within it (the exact boundary
    of both comparisons), the rate 0.5 is above 0.25's window and below 0.75's.
    """
    from cluster_games import Parameters
    from cluster_games.proofs.claims import within_free_entry_rate

    params = Parameters(10, 0, 100, 1, 10, 5)
    on = within_free_entry_rate("K", 0.5, params, rtol=0.0)
    assert (on.claim, on.method, on.holds) == ("K", "exact arithmetic", True)
    assert on.detail == "0.5: the exact rate is within 0 of it (compared in Q(sqrt(Delta)))"
    low = within_free_entry_rate("K", 0.25, params)
    assert (
        not low.holds
        and low.detail == "0.25: the exact rate is above 1e-12 of it (compared in Q(sqrt(Delta)))"
    )
    high = within_free_entry_rate("K", 0.75, params)
    assert not high.holds and "the exact rate is below 1e-12 of it" in high.detail
    # one ulp off the exact rate is outside a zero window, inside a 1e-12 one
    assert not within_free_entry_rate("K", 0.5 + 2**-53, params, rtol=0.0).holds
    assert within_free_entry_rate("K", 0.5 + 2**-53, params).holds


def test_a_statement_audit_that_raises_is_a_failed_step_named_for_it():
    claim = Claim(
        id="T_AUDIT",
        kind="finding",
        title=None,  # the audit reads the title: it raises TypeError on None
        statement="t",
        hypotheses=lambda: (),
        proof=lambda: [_step(free_entry())],
        check=lambda pt: [Step("nothing", "n/a", None)],
    )
    audit = claim.run(check_point()).proof[-1]
    assert (audit.claim, audit.method, audit.holds) == ("statement audit raised TypeError", "error", False)


def test_a_certified_step_carries_its_note():
    from cluster_games.proofs.claims import certified
    from cluster_games.verify.formulas import gt

    step = certified(gt(V.n, 0), free_entry(), "a note of the step", key="n_positive_with_note")
    assert step.claim.endswith(": a note of the step") and step.holds
