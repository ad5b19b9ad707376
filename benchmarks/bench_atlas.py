"""The equilibrium atlas of parametric games (issue 20): build times against the targets, the answers
at 10^4 points, and cvc5 as a second opinion on every solver verdict.

Targets (benchmarks, not tests): a 2x2 game in up to 4 parameters under 2 s; a 3x3 game in 1-2
parameters under 20 s; the paper's full 8-parameter game under 60 s; ``atlas --points`` answering
10^4 points in under 5 s after the atlas is built.

The cases: textbook games from :mod:`cluster_games.parametric.examples`, plus two stress cases with no
textbook structure: the general symmetric 2x2 game in its four payoffs (no assumptions), and a 3x3
game with parameters in most cells (25 critical polynomials in two parameters).
"""

from __future__ import annotations

import os
import random
import time
from fractions import Fraction

#: The stress 3x3 game: parameters a, b in seven of nine cells of each matrix.
STRESS_3X3 = (
    [["a", 0, "b"], [1, "a - b", 0], [0, 1, "a*b"]],
    [["b", 1, 0], [0, "a", 1], ["1 - a", 0, "b"]],
)


def _cases():
    from cluster_games import model
    from cluster_games.parametric import ParametricGame
    from cluster_games.parametric import examples as ex

    general = ParametricGame.symmetric(
        [["a", "b"], ["c", "d"]], parameters=["a", "b", "c", "d"], title="general symmetric 2x2"
    )
    stress = ParametricGame(*STRESS_3X3, parameters=["a", "b"], title="3x3, parameters in most cells")
    return [
        ("2x2, 2 parameters", "hawk-dove", ex.hawk_dove(), 2.0),
        ("2x2, 4 parameters", "prisoner's dilemma", ex.prisoners_dilemma(), 2.0),
        ("2x2, 4 parameters", "inspection game", ex.inspection_game(), 2.0),
        ("2x2, 4 parameters", "coordination game (a, b, c, d >= 0)", ex.coordination(), 2.0),
        ("2x2, 4 parameters", "general symmetric 2x2, no assumptions", general, 2.0),
        ("3x3, 1 parameter", "rock-paper-scissors", ex.rock_paper_scissors(), 20.0),
        ("3x3, 2 parameters", "coordination with an outside option", ex.three_by_three(), 20.0),
        ("3x3, 2 parameters", "parameters in most cells (stress)", stress, 20.0),
        ("2x2, 8 parameters", "the paper's game, section 1 domain", model.paper_game(), 60.0),
        ("2x2, 8 parameters", "the paper's game, market at W", model.paper_game(market=True), 60.0),
    ]


def _record_queries():
    """Wrap SignSolver.check to record every (solver, constraints, verdict)."""
    from cluster_games.parametric import solver as S

    log: list = []
    original = S.SignSolver.check

    def check(self, constraints, extra=()):
        verdict = original(self, constraints, extra)
        if not extra:
            log.append((self.domain_constraints, len(self.vars), list(constraints), verdict.status))
        return verdict

    S.SignSolver.check = check
    return log, lambda: setattr(S.SignSolver, "check", original)


def _cvc5_opinion(log: list, limit_ms: int = 10_000) -> dict:
    """Replay every decided query with cvc5 (complete for QF_NRA as well): count agreements."""
    import cvc5.pythonic as c5

    def term(p, variables):
        total = None
        for monom, coeff in p.terms():
            q = Fraction(int(coeff.numerator), int(coeff.denominator))
            t = c5.RealVal(f"{q.numerator}/{q.denominator}")
            for v, e in zip(variables, monom, strict=False):
                for _ in range(e):
                    t = t * v
            total = t if total is None else total + t
        return total if total is not None else c5.RealVal(0)

    ops = {">": lambda t: t > 0, ">=": lambda t: t >= 0, "==": lambda t: t == 0, "!=": lambda t: t != 0,
           "<": lambda t: t < 0, "<=": lambda t: t <= 0}  # fmt: skip
    agree = disagree = unknown = 0
    start = time.perf_counter()
    slowest = 0.0
    for domain, nvars, constraints, status in log:
        if status == "unknown":
            continue
        variables = [c5.Real(f"p{i}") for i in range(nvars)]
        s = c5.SolverFor("QF_NRA")
        s.set("tlimit-per", limit_ms)
        for p, op in [*domain, *constraints]:
            s.add(ops[op](term(p, variables)))
        t = time.perf_counter()
        r = str(s.check())
        slowest = max(slowest, time.perf_counter() - t)
        if r not in ("sat", "unsat"):
            unknown += 1
        elif r == status:
            agree += 1
        else:
            disagree += 1
    return dict(
        queries=agree + disagree + unknown,
        agree=agree,
        disagree=disagree,
        cvc5_unknown=unknown,
        seconds=time.perf_counter() - start,
        slowest=slowest,
    )


def _points(game, count: int, seed: int) -> list[tuple[Fraction, ...]]:
    from cluster_games.errors import DomainError

    rng = random.Random(seed)
    out = []
    while len(out) < count:
        values = [Fraction(rng.randint(1, 400), rng.randint(1, 40)) for _ in game.parameters]
        try:
            out.append(game.point(values))
        except DomainError:
            continue
    return out


def bench_atlas(quick: bool) -> dict:
    import z3  # noqa: F401

    import cluster_games.parametric  # noqa: F401  (z3 is needed: ImportError names it otherwise)
    from cluster_games.parametric.points import answers

    log, restore = _record_queries()
    rows = []
    try:
        for size, name, game, target in _cases():
            start = time.perf_counter()
            atlas = game.atlas()
            seconds = time.perf_counter() - start
            rows.append(
                dict(
                    size=size,
                    game=name,
                    seconds=seconds,
                    target=target,
                    regions=len(atlas.regions),
                    structures=len({r.structure for r in atlas.regions}),
                    queries=atlas.queries,
                    undecided=len(atlas.undecided),
                )
            )
            print(f"  {name}: {seconds:.2f} s, {len(atlas.regions)} regions", flush=True)
    finally:
        restore()
    points = []
    from cluster_games import model
    from cluster_games.parametric.examples import hawk_dove

    count = 2_000 if quick else 10_000
    for name, game in (("hawk-dove", hawk_dove()), ("the paper's game", model.paper_game())):
        atlas = game.atlas()
        pts = _points(game, count, seed=1)
        start = time.perf_counter()
        answered = answers(atlas, pts)
        seconds = time.perf_counter() - start
        points.append(dict(game=name, points=len(answered), seconds=seconds, target=5.0 * count / 10_000))
    try:
        opinion = _cvc5_opinion(log if not quick else log[:200])
    except ImportError:
        opinion = {"skipped": "cvc5 is not installed"}
    return dict(rows=rows, points=points, cvc5=opinion, load=os.getloadavg())
