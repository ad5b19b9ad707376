"""Planted bugs: a standing audit that ``prove``, ``verify`` and the tests catch the bugs that matter.

Issue 21 found three bugs that passed ``prove``, ``python -m cluster_games.verify`` and the tests
together: ``>=`` made ``>`` in :meth:`CompanyGame.collusion_sustainable
<cluster_games.companies.CompanyGame.collusion_sustainable>` (delta exactly delta_c), R1's printed
16 beta F/n made 8 beta F/n, and K5's statement made "iff k^2 >= rho". Each is planted here, with bugs
of the same kinds at every other boundary and printed formula: a strict comparison made non-strict
(or back), a printed constant changed, a hypothesis dropped from a statement, a formula typed into a
statement, and the checker's and the printer's own guards switched off.

:func:`run` copies the package to a scratch directory, applies one planted bug to the copy (each edit
must match the source exactly once, so a planted bug cannot silently stop applying) and runs, in that
copy, ``prove`` with ``--certificates``, the checker on the export, and the tests named for the bug,
cheapest first, until one of them fails: the bug is then *killed*, by that stage.
``tests/proofs/test_planted_bugs.py`` requires every planted bug to be killed;
``python tests/planted.py`` prints the table (kill ratio, and which stage killed each).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Runs prove and verify in one process (the mutated package first on the path): exit 1 from prove
#: (a claim fails), 11 from verify (a certificate fails), 0 if both pass.
_PROVE_AND_VERIFY = """
import sys
from cluster_games.cli import main as cli
from cluster_games.verify.__main__ import main as verify
if cli(["prove", "--certificates", sys.argv[1]]) != 0:
    sys.exit(1)
sys.exit(0 if verify([sys.argv[1]]) == 0 else 11)
"""


@dataclass(frozen=True)
class Planted:
    """A planted bug: edits ``(old, new)`` of ``path`` (each ``old`` occurs exactly once there)."""

    id: str
    kind: str
    path: str
    edits: tuple[tuple[str, str], ...]
    #: Tests (pytest node ids) expected to fail on it besides prove and verify; run first when
    #: ``tests_first`` (a bug that only the tests can see: the checker's or the printer's own guard).
    tests: tuple[str, ...] = ()
    tests_first: bool = False

    def apply(self, root: Path) -> None:
        file = root / self.path
        text = file.read_text(encoding="utf-8")
        for old, new in self.edits:
            count = text.count(old)
            if count != 1:
                raise ValueError(f"planted bug {self.id}: {old!r} occurs {count} times in {self.path}")
            text = text.replace(old, new)
        file.write_text(text, encoding="utf-8")


def _one(id_: str, kind: str, path: str, old: str, new: str, *tests: str, first: bool = False) -> Planted:
    return Planted(id_, kind, path, ((old, new),), tuple(tests), first)


CO, FI, EN, CL, PK, PA, MK = (
    "cluster_games/companies.py",
    "cluster_games/proofs/findings.py",
    "cluster_games/proofs/entry.py",
    "cluster_games/proofs/collusion.py",
    "cluster_games/proofs/parametrisations_k.py",
    "cluster_games/proofs/parametrisations.py",
    "cluster_games/model_k.py",
)
VT, VR, VC, VF = (
    "cluster_games/verify/targets.py",
    "cluster_games/verify/regions.py",
    "cluster_games/verify/check.py",
    "cluster_games/verify/formulas.py",
)
T_COMPANIES = "tests/test_companies.py"
T_STATEMENTS = "tests/proofs/test_statements.py"
T_VERIFY = "tests/verify/test_verify.py"
T_FORMULAS = "tests/verify/test_formulas.py"

ISSUE, STRICT, CONSTANT, DROPPED, TYPED, GUARD = (
    "issue 21",
    "strict/non-strict",
    "printed constant",
    "hypothesis dropped",
    "formula typed",
    "guard off",
)

PLANTED: tuple[Planted, ...] = (
    # ------------------------------------------------------------------ the three bugs of issue 21
    _one(
        "collusion_sustainable >= made >",
        ISSUE,
        CO,
        "Fraction(delta) >= threshold",
        "Fraction(delta) > threshold",
        f"{T_COMPANIES}::test_collusion_is_sustainable_at_the_threshold_itself",
    ),
    _one(
        "R1 prints W_1 with 8 beta F/n",
        ISSUE,
        FI,
        "W_1_CLOSED = (V.K - V.sqrt(V.G**2 - 16 * V.beta",
        "W_1_CLOSED = (V.K - V.sqrt(V.G**2 - 8 * V.beta",
        f"{T_STATEMENTS}::test_statements_print_the_certified_formulas",
    ),
    _one(
        "R1 prints W_2 with 8 beta F/n",
        ISSUE,
        FI,
        "W_2_CLOSED = (V.K + V.sqrt(V.G**2 - 16 * V.beta",
        "W_2_CLOSED = (V.K + V.sqrt(V.G**2 - 8 * V.beta",
        f"{T_STATEMENTS}::test_statements_print_the_certified_formulas",
    ),
    _one(
        "K5 states iff k^2 >= rho",
        ISSUE,
        EN,
        '", Y strictly dominates N iff ",\n        V.gt(V.k**2, V.rho),',
        '", Y strictly dominates N iff ",\n        V.ge(V.k**2, V.rho),',
        f"{T_STATEMENTS}::test_statements_print_the_certified_formulas",
    ),
    # ------------------------------------------------------------------ strict comparisons, other boundaries
    _one(
        "collusion_threshold defined at M(omega) = 0",
        STRICT,
        CO,
        "if seeing <= 0:\n            return None",
        "if seeing < 0:\n            return None",
        f"{T_COMPANIES}::test_zero_seeing_profit_has_no_threshold",
        first=True,
    ),
    _one(
        "check_k refuses two companies",
        STRICT,
        CO,
        "if not 2 <= int(k) <= MAX_K:",
        "if not 2 < int(k) <= MAX_K:",
        f"{T_COMPANIES}::test_k2_reproduces_the_paper_game",
    ),
    _one(
        "K1's closed form: k M(omega) >= M(W)",
        STRICT,
        "cluster_games/proofs/companies.py",
        "closed = seeing > 0 and g.k * seeing > hiding",
        "closed = seeing > 0 and g.k * seeing >= hiding",
    ),
    _one(
        "K2's closed form: all-N iff M(W) > k M(omega)",
        STRICT,
        "cluster_games/proofs/companies.py",
        "closed = (0, g.k) if hiding >= g.k * seeing else (g.k,)",
        "closed = (0, g.k) if hiding > g.k * seeing else (g.k,)",
    ),
    _one(
        "K4's closed form: a rate iff k < rho",
        STRICT,
        EN,
        "exists = rho is None or k <= rho",
        "exists = rho is None or k < rho",
    ),
    _one("K5's closed form: strict iff k^2 >= rho", STRICT, EN, "if k * k > rho", "if k * k >= rho"),
    _one(
        "K6's streams: sustainable iff collude > deviate",
        STRICT,
        CL,
        "(c >= v) == (d >= threshold) == g.collusion_sustainable(d)",
        "(c > v) == (d >= threshold) == g.collusion_sustainable(d)",
    ),
    _one(
        "free_entry_rate refuses the double root",
        STRICT,
        "cluster_games/proofs/claims.py",
        "if G <= 0 or G * G * n < 8 * beta * F:",
        "if G <= 0 or G * G * n <= 8 * beta * F:",
        "tests/proofs/test_claims.py::test_the_free_entry_rate_of_a_check_is_decided_exactly",
        first=True,
    ),
    _one(
        "region k < rho made k <= rho",
        STRICT,
        PK,
        "(_G_POSITIVE, V.lt(V.k, V.rho), _F_POSITIVE),",
        "(_G_POSITIVE, V.le(V.k, V.rho), _F_POSITIVE),",
    ),
    _one(
        "region M(W) > k M(omega) made >=",
        STRICT,
        PK,
        '({">": V.gt, "=": V.eq}[where](V.M(V.W), V.k * V.M(V.omega)),)',
        '({">": V.ge, "=": V.eq}[where](V.M(V.W), V.k * V.M(V.omega)),)',
    ),
    _one(
        "restriction delta > 0 made delta >= 0",
        STRICT,
        PK,
        "(V.gt(V.delta, 0), V.lt(V.delta, 1)),",
        "(V.ge(V.delta, 0), V.lt(V.delta, 1)),",
    ),
    _one(
        "R1 states iff n <= 2 n_min",
        STRICT,
        FI,
        '", Y strictly dominates N iff ",\n        V.lt(V.n, 2 * V.n_min),',
        '", Y strictly dominates N iff ",\n        V.le(V.n, 2 * V.n_min),',
    ),
    _one(
        "K6 states sustainable at delta >= delta_c",
        STRICT,
        CL,
        '" and at ",\n        V.eq(V.delta, V.delta_c),',
        '" and at ",\n        V.ge(V.delta, V.delta_c),',
    ),
    _one(
        "checker: region k < rho made k <= rho",
        STRICT,
        VR,
        '(G_POS, lt(v.k, v.rho), F_POS),\n            {"s": POS, "t": POS},',
        '(G_POS, le(v.k, v.rho), F_POS),\n            {"s": POS, "t": POS},',
    ),
    # ------------------------------------------------------------------ printed constants
    _one(
        "R1's check: tie at 8 beta F",
        CONSTANT,
        FI,
        "tie = sign(16 * beta * F - n * G * G)",
        "tie = sign(8 * beta * F - n * G * G)",
    ),
    _one(
        "P2 prints omega* with 4 beta F/n",
        CONSTANT,
        "cluster_games/proofs/propositions.py",
        "OMEGA_STAR = (V.K - V.sqrt(V.G**2 - 8 * V.beta",
        "OMEGA_STAR = (V.K - V.sqrt(V.G**2 - 4 * V.beta",
    ),
    _one(
        "K4 prints omega*(k) with 8k",
        CONSTANT,
        EN,
        "V.sqrt(V.G**2 - 4 * V.k * V.beta",
        "V.sqrt(V.G**2 - 8 * V.k * V.beta",
    ),
    _one(
        "K6 prints delta_c over k M(omega)",
        CONSTANT,
        CL,
        "THRESHOLD = (V.k * V.M(V.omega) - V.M(V.W)) / ((V.k - 1) * V.M(V.omega))",
        "THRESHOLD = (V.k * V.M(V.omega) - V.M(V.W)) / (V.k * V.M(V.omega))",
    ),
    _one(
        "K7 prints delta_c with k (k + 1)",
        CONSTANT,
        CL,
        "CLOSED = 1 - (V.rho - V.k) / (V.k * (V.k - 1))",
        "CLOSED = 1 - (V.rho - V.k) / (V.k * (V.k + 1))",
    ),
    _one(
        "model: rho with 8 beta F",
        CONSTANT,
        MK,
        "return n * G**2 / (4 * beta * F)",
        "return n * G**2 / (8 * beta * F)",
    ),
    _one(
        "model: Y shares with one company too many",
        CONSTANT,
        MK,
        "return n * category_profit(omega_) / (others_Y + 1) - F",
        "return n * category_profit(omega_) / (others_Y + 2) - F",
    ),
    _one(
        "model: deviation and punishment swapped",
        CONSTANT,
        MK,
        "((1 - delta) * deviation + delta * punishment)",
        "(delta * deviation + (1 - delta) * punishment)",
    ),
    _one(
        "model: E[N] with (1 - p)^k",
        CONSTANT,
        MK,
        "return (1 - p) ** (k_ - 1) * n * category_profit(W) / k_ - F",
        "return (1 - p) ** k_ * n * category_profit(W) / k_ - F",
    ),
    _one(
        "checker: W_1 with 8 beta F/n",
        CONSTANT,
        VT,
        "FE4, eq(v.W_1, (v.K - sqrt(v.G**2 - 16 * v.beta",
        "FE4, eq(v.W_1, (v.K - sqrt(v.G**2 - 8 * v.beta",
    ),
    # ------------------------------------------------------------------ hypotheses dropped
    _one(
        "k integer dropped",
        DROPPED,
        PA,
        "(e,), {e: k - 2}, (V.integer(kk),))",
        "(e,), {e: k - 2}, ())",
        f"{T_STATEMENTS}::test_statements_print_the_certified_formulas",
    ),
    _one(
        "K5 states fewer hypotheses than it uses",
        DROPPED,
        EN,
        'hypotheses=lambda: _on(below_rho()).conditions,\n    cases=lambda: {\n        "k^2 > rho"',
        'hypotheses=lambda: below_rho().conditions,\n    cases=lambda: {\n        "k^2 > rho"',
    ),
    # ------------------------------------------------------------------ formulas typed into statements
    _one(
        "K5's condition typed as text",
        TYPED,
        EN,
        '", Y strictly dominates N iff ",\n        V.gt(V.k**2, V.rho),',
        '", Y strictly dominates N iff k^2 >= rho",',
    ),
    _one(
        "R1's W_1 typed as text",
        TYPED,
        FI,
        '" it fails exactly on the closed interval from ",\n        V.eq(V.W_1, W_1_CLOSED),',
        '" it fails exactly on the closed interval from W_1 = (K - sqrt(G^2 - 8 beta F/n))/(2 beta c)",',
    ),
    # ------------------------------------------------------------------ the guards themselves
    Planted(
        "checker ignores the statement",
        GUARD,
        VC,
        (
            ("if f.relation != target.relation:", "if False:"),
            (
                "if f.statement != target.relation.text() or",
                "if False and f.statement != target.relation.text() or",
            ),
        ),
        (f"{T_VERIFY}::test_a_rewritten_statement_fails",),
        True,
    ),
    _one(
        "checker ignores the hypotheses",
        GUARD,
        VC,
        "why = _read(what, found, want)",
        "why = None",
        f"{T_VERIFY}::test_removed_or_reworded_hypotheses_fail",
        first=True,
    ),
    _one(
        "audit lets any relation through",
        GUARD,
        "cluster_games/proofs/statements.py",
        "elif isinstance(p, Relation) and p not in relations:",
        "elif isinstance(p, Relation) and p not in relations and False:",
        f"{T_STATEMENTS}::test_the_audit_finds_each_kind_of_problem",
        first=True,
    ),
    _one(
        "prose lint finds nothing",
        GUARD,
        VF,
        "return [m.group(0) for m in _FORMULA_LIKE.finditer(stripped)]",
        "return []",
        f"{T_STATEMENTS}::test_the_audit_finds_each_kind_of_problem",
        first=True,
    ),
    _one(
        "printer drops the parentheses of a difference",
        GUARD,
        VF,
        'return f"{_wrap(args[0], _ADD - 1)} - {_wrap(args[1], _NEG)}", _ADD',
        'return f"{_wrap(args[0], _ADD - 1)} - {_wrap(args[1], _ADD - 1)}", _ADD',
        f"{T_FORMULAS}::test_formulas_print_in_ordinary_notation",
        first=True,
    ),
    _one(
        "printer drops the parentheses of a denominator",
        GUARD,
        VF,
        'return f"{_lead(args[0])}/{_wrap(args[1], _MUL)}", _MUL',
        'return f"{_lead(args[0])}/{_wrap(args[1], _MUL - 1)}", _MUL',
        f"{T_FORMULAS}::test_formulas_print_in_ordinary_notation",
        first=True,
    ),
)


@dataclass
class Outcome:
    planted: Planted
    killed_by: str | None = None
    detail: str = ""
    seconds: float = 0.0
    stages: list[str] = field(default_factory=list)


def _env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root)
    env.pop("CLUSTER_GAMES_DEBUG", None)
    return env


def _prove_and_verify(root: Path) -> tuple[str | None, str]:
    run = subprocess.run(
        ["nice", "-n", "10", sys.executable, "-c", _PROVE_AND_VERIFY, str(root / "certificates")],
        cwd=root,
        env=_env(root),
        capture_output=True,
        text=True,
        timeout=900,
    )
    last = (run.stdout.strip().splitlines() or [""])[-1]
    if run.returncode == 1:
        return "prove", last
    if run.returncode == 11:
        return "verify", last
    if run.returncode != 0:
        return "prove", f"exit {run.returncode}: {run.stderr.strip()[-200:]}"
    return None, last


def _tests(root: Path, tests: tuple[str, ...]) -> tuple[str | None, str]:
    if not tests:
        return None, ""
    run = subprocess.run(
        [
            "nice",
            "-n",
            "10",
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-n",
            "0",  # one process: the audit already runs two bugs at a time
            "-p",
            "no:cacheprovider",
            "--no-header",
            *(str(ROOT / t) for t in tests),
        ],
        cwd=root,  # the copy first on the path: the tests import the planted package
        env=_env(root),
        capture_output=True,
        text=True,
        timeout=900,
    )
    last = (run.stdout.strip().splitlines() or [""])[-1]
    return ("tests", last) if run.returncode != 0 else (None, last)


def run(planted: Planted, scratch: Path) -> Outcome:
    """Apply ``planted`` to a copy of the package under ``scratch`` and find the first stage that fails."""
    start = time.perf_counter()
    root = scratch / planted.id.replace(" ", "_").replace("/", "_")
    shutil.copytree(
        ROOT / "cluster_games", root / "cluster_games", ignore=shutil.ignore_patterns("__pycache__")
    )
    planted.apply(root)
    out = Outcome(planted)
    stages = ("tests", "prove and verify") if planted.tests_first else ("prove and verify", "tests")
    for stage in stages:
        out.stages.append(stage)
        killed, detail = _tests(root, planted.tests) if stage == "tests" else _prove_and_verify(root)
        if killed:
            out.killed_by, out.detail = killed, detail
            break
        out.detail = detail
    out.seconds = time.perf_counter() - start
    shutil.rmtree(root, ignore_errors=True)
    return out


def run_all(scratch: Path, workers: int = 2, planted: tuple[Planted, ...] = PLANTED) -> list[Outcome]:
    """Every planted bug, ``workers`` at a time."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda p: run(p, scratch), planted))


def table(outcomes: list[Outcome]) -> str:
    """The outcomes as a Markdown table, with the kill ratio."""
    killed = sum(o.killed_by is not None for o in outcomes)
    rows = [
        f"Planted bugs killed: {killed}/{len(outcomes)}",
        "",
        "| planted bug | kind | killed by | seconds |",
        "|---|---|---|---:|",
    ]
    rows += [
        f"| {o.planted.id} | {o.planted.kind} | {o.killed_by or '**survived**'} | {o.seconds:.0f} |"
        for o in outcomes
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        results = run_all(Path(d), workers=int(os.environ.get("PLANTED_WORKERS", "2")))
        print(table(results))
        print(f"\n{time.perf_counter() - t0:.0f} s")
    sys.exit(0 if all(o.killed_by for o in results) else 1)
