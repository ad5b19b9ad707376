"""Write ``tests/mutation_report.md`` from the results of ``mutmut run`` (run from the project root).

Every surviving mutant is matched against the rules below (module, function, and a regular
expression on its mutated line); the first matching rule gives its class, and each class says
why its mutants are equivalent (or that they are not shown to be). A survivor that no rule
matches is listed as unclassified, and the score counts it as a miss:

    score = (killed + timed out) / (mutants - equivalent)

Usage: ``python tools/mutation_report.py [--runs TEXT] [--only PATTERN ...]`` after ``mutmut run``
(TEXT: how the results were obtained, for the report's header; PATTERN: the mutant names a partial
``mutmut run PATTERN ...`` checked, in mutmut's fnmatch syntax, e.g. ``"cluster_games.companies.*"``).
"""

from __future__ import annotations

import argparse
import fnmatch
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPORT = Path("tests/mutation_report.md")

#: class -> (equivalent?, explanation)
CLASSES: dict[str, tuple[bool, str]] = {}
#: (class, module, function regex, mutated-line regex), first match wins
RULES: list[tuple[str, str, str, str]] = []


def rule(code: str, equivalent: bool, why: str, *patterns: tuple[str, str, str]) -> None:
    CLASSES[code] = (equivalent, why)
    RULES.extend((code, *p) for p in patterns)


# ----------------------------------------------------------------------------- the classes
FE, TH, TI = "kernels.free_entry", "kernels.threshold", "kernels.tiers"  # n_min moved from FE to TH
CE, CL, PA = "proofs.certificates", "proofs.claims", "proofs.parametrisations"

PF, VF = "proofs.formulas", "verify.formulas"

rule(
    "SIM",
    True,
    "`simultaneous=True` changed or dropped in `currency_change`: no value of the substitution "
    "contains another key (the values are lambda*c, lambda*c_A, lambda*F, beta/lambda, with lambda a "
    "number or the symbol lambda), so sequential substitution gives the same expression.",
    (PF, r"currency_change", r"simultaneous=None|^\)$"),
)
rule(
    "PL",
    True,
    "A parenthesisation threshold moved between two precedence levels (`_MUL - 1` -> `_MUL - 2`): "
    "the levels are multiples of 10, so both thresholds put the same trees in parentheses.",
    (VF, r"_lead|_text", r"_MUL - 2"),
)
rule(
    "AT",
    False,
    'The bound variable of `at` parsed as a formula (`head in ("d", "XXatXX")`): the tree is the '
    "same for every valid name; it differs only for an operation's name used as the variable "
    "(accepted now, refused by the mutant) and in the node count, one more per substitution.",
    (VF, r"formula_from_json", r"XXatXX"),
)
rule(
    "Z",
    True,
    "`zip(..., strict=True)` weakened or dropped where both sides have the same length by construction "
    "(parameter names and values; gens and exponents of one monomial; points and their risk flags).",
    (FE, r".*", r"zip\(.*(strict=(None|False)|, \))"),
    (TH, r".*", r"zip\(.*(strict=(None|False)|, \))"),
    (TI, r".*", r"zip\(.*(strict=(None|False)|, \))"),
    (CE, r".*", r"zip\(.*(strict=(None|False)|, \))"),
    (FE, r"_infeasible_message", r"^(strict=(None|False),|\))$"),
)
rule(
    "DF",
    True,
    "`Region(..., inverse={})` -> the field's default, an empty mapping.",
    (PA, r"equal|everywhere", r"\(\), \)$"),
)
rule(
    "EV",
    True,
    "`evaluate=` changed or dropped on a relational of free symbols: sympy cannot decide it, so it "
    "stays the same unevaluated relational (the region's own check refuses an evaluated one).",
    (PA, r".*", r"evaluate=(None|True)|, \)"),
)
rule(
    "B",
    True,
    "An error bound loosened (a larger constant: more points go to the next tier, same values within "
    "the contract) or tightened by less than its slack. Each bound is compared with the exact error at "
    "ill-conditioned points by a test, which kills every tightening that breaks it; the largest "
    "measured error over bound is 0.40 for tier 1 of omega* (0.85 with `- 1.5 t`), 0.41 for tier 1 "
    "of n_min, 0.135 for tier 2's eG and 0.109 for its E, so a factor below about 1.2 to 7 cannot be seen.",
    (TI, r"tier2_terms|G_dd", r"\d\.0|U2"),
    (TI, r"tier1", r"A2 = |e_half = |bound = "),
    (TI, r"n_min_tier1", r"bound = "),
)
rule(
    "VB",
    True,
    "tier 2's value bound `10u + E/(2 sqrt(Delta) K)`: wherever `d_h > E` it is below 1.5e-15 "
    "(E <= 56 u^2 K^2 there, so E/(2 sqrt(d_h) K) < sqrt(E)/(2K) <= 3.75u), far under the 2.5e-14 "
    "cutoff, so the comparison never decides anything and a change of its constants or of `<=` is invisible.",
    (TI, r"tier2", r"bound = |accurate = (?!.*\| \(bound)"),
)
rule(
    "PR",
    False,
    "`a & b & (d_h > E) | (bound <= tol)`: by precedence the value is then accepted wherever its bound is "
    "small, even where double-double cannot tell the sign of G or of Delta. Where G is tiny against K the "
    "value is still right (omega* is about 2C/(cK) whatever G is), so only a point where double-double "
    "gets Delta's sign wrong, |Delta| below its error E (about 1e-32 G^2), would show it; we could not "
    "construct one (the exact ties we tried are computed exactly in double-double).",
    (TI, r"tier2", r"\| \(bound <= FAST_PATH_TOLERANCE\)"),
)
rule(
    "EQ",
    False,
    "A strict comparison of two computed floats made non-strict or back: they differ only where a "
    "computed value equals its bound or threshold exactly; no test input does, and none was found that does.",
    (TI, r"tier2", r"infeasible = |eligible = "),
    (TI, r"n_min_chunk", r"eG < _U|> _G_MIN|<= -4|< FAST_PATH_TOLERANCE"),
    (FE, r"_numpy_span", r"bound < FAST_PATH_TOLERANCE"),
)
rule(
    "P",
    True,
    "`refine`'s contiguous-run shortcut and mask-free fast path: a mutant that disables them "
    "(run = None, `np.all(None)`, `hi + 2`, `hi + lo`) takes the general gather path, which gives the "
    "same values; `= None` into a float array is NaN, like `np.nan`.",
    (TI, r"refine", r"run = |np.all\(None\)|\+ 2$|= None$"),
)
rule(
    "SQ",
    True,
    "The exact tier's integer square root taken with more bits than the 80 it needs, or with fewer but "
    "never below 54: the float it returns stays within the documented ulp of the true rate. The mutant "
    "that drops to the few bits of Delta itself is killed by the small-discriminant test.",
    (TI, r"omega_star_exact", r"s = max\("),
)
rule(
    "NA",
    True,
    "`= None` or `np.where(..., None)` into a float64 array stores NaN, as the original `np.nan` does.",
    (TI, r"n_min_chunk", r"= None$|, None\)$"),
)
rule(
    "GS",
    True,
    "`G_h > 0` -> `G_h >= 0` where the point is `clear`, which requires `|G_h| >= 1e-120`: G_h is never 0 there.",
    (TI, r"n_min_chunk", r"G_h\[clear\] >= 0"),
)
rule(
    "A",
    False,
    "The scale A = alpha + beta c + beta c_A of n_min's tier 1 computed with - beta c_A: a tighter "
    "bound and a narrower `G < -4uA` decision. The bound test (unconditional, G >= 1e-12 A) does not "
    "catch it, and no input was found (300,000 near-cancelling draws) where float64's G is negative "
    "while the exact G is positive beyond the narrower threshold.",
    (TI, r"n_min_tier1", r"A = alpha \+ bc - bcA"),
)
rule(
    "MS",
    False,
    "The working precision of the refusal message's G raised from 7 to 8 digits before it is printed to "
    "6: the text is the same except where double rounding moves the sixth digit, which no test input does.",
    (FE, r"_g", r"localcontext\(prec=8\)"),
    (TH, r"format_G", r"localcontext\(prec=8\)"),
)
rule(
    "G0",
    True,
    "`G > 0` -> `G >= 0` in tier 1's acceptance: at G = 0 omega*'s bound is NaN (the discriminant is "
    "-t <= 0: 0/0 or the square root of a negative) and n_min's is u(6A/0 + 6) = inf, so the comparison "
    "with the tolerance already fails (G is never -0.0: alpha > 0, and x - x and x - (-0) give +0).",
    (FE, r"_numpy_span", r"G >= 0"),
    (TI, r"n_min_chunk", r"\(G >= 0\)"),
)
rule(
    "C0",
    True,
    "`c > 0` -> `c >= 0` on the coefficients of a sympy Poly, which never stores a zero coefficient.",
    (CE, r"_sign_of", r"c >= 0"),
)
rule(
    "ST",
    True,
    "The `strict` flag of a refused sign (`None` sign: mixed signs, irrational coefficient): a refusal is "
    "a refusal whatever the flag.",
    (CE, r"_sign_of", r"return None, True"),
)
rule(
    "SK",
    True,
    "The export sorted by the value's text instead of the symbol's name: still one fixed order from run "
    "to run (the order is not part of the format).",
    (CE, r"SignCertificate.to_json", r"key=lambda kv: str\(kv\[1\]\)"),
)
rule(
    "FR",
    True,
    "`Fraction(p, None)` or `Fraction(p, )` for a constant term: sympy's `fraction` of a cancelled "
    "rational constant gives integer numerator and denominator, so q = 1 and both equal `Fraction(p, 1)`.",
    (CE, r"_terms", r"Fraction\(int\(c.p\), (None)?\)"),
)
rule(
    "CA",
    True,
    "The proof cache of `Claim.run` disabled (`proof = None`, `_PROOFS[key] = None`, `get(None)`): every "
    "run recomputes the same proof.",
    (CL, r"Claim.run", r"proof = None|_PROOFS\[key\] = None|_PROOFS.get\(None\)"),
)
rule(
    "FP",
    True,
    "A term of the model fingerprint, used only as the proof cache's key, changed: a different but "
    "equally deterministic key.",
    (CL, r"model_fingerprint", r".*"),
)
rule(
    "DP",
    True,
    "31 instead of 30 digits in a symbolic numeric value compared at a looser tolerance.",
    (CL, r"symbolic_value", r"dps: int = 31"),
)
rule(
    "SH",
    True,
    "`np.unravel_index(i, ())` for a scalar gives `()`, as the `else` branch does.",
    (FE, r"_infeasible_message|n_min", r"idx = np.unravel_index.*if \(shape\) or True"),
    (TH, r"n_min", r"idx = np.unravel_index.*if \(shape\) or True"),
)
rule(
    "MN",
    True,
    "`magnitude=False` -> `magnitude=None`: the flag is only tested for truth, and None is false.",
    (FE, r"n_min|omega_star", r"magnitude=None"),
    (TH, r"n_min|check_companies", r"magnitude=None"),
)
rule(
    "DV",
    True,
    "`deferred=numba` -> `None` or the default: the numba engine's first pass then validates arrays "
    "that were already validated, the same check twice (numba is off under mutmut, so `numba` is False anyway).",
    (FE, r"omega_star", r"deferred=None|extents=extents, \)"),
)
rule(
    "KV",
    True,
    "k validated twice: `check_companies` refuses every k that is not finite, whole and >= 2 before "
    '`n_min` hands it to `_prepare`, so re-validating it under another name ("K" or "XXkXX": then '
    'no sign rule, where "k" asks k > 0) cannot refuse anything more; in `check_companies` a sign string '
    'that names no rule ("XXrealXX", "REAL") checks what "real" checks, finiteness only.',
    (TH, r"n_min", r'names = \(.*"(XXkXX|K)"\)'),
    (TH, r"check_companies", r'as_real_array\("k", k, "(XXrealXX|REAL)", magnitude=False\)'),
)
rule(
    "RS",
    True,
    "`reshape(-1)` -> `reshape(-2)`: numpy takes any negative size as the one unknown dimension.",
    (FE, r".*", r"reshape\(-2\)"),
    (TH, r".*", r"reshape\(-2\)"),
)
rule(
    "ZR",
    True,
    "`0.0 * a` -> `0.0 / a` for the zero low word of alpha: alpha > 0 is validated, so both are 0.",
    (TI, r".*", r"0\.0 / "),
)
rule(
    "RG",
    True,
    "`range(8)` -> `range(9)` rounds of composing substitutions: the fixed point is reached in two.",
    (PA, r"Region.refine", r"range\(9\)"),
)


@dataclass(frozen=True)
class Mutant:
    name: str
    status: str

    @property
    def module(self) -> str:
        return self.name.split(".x")[0].removeprefix("cluster_games.")

    @property
    def function(self) -> str:
        tail = self.name.rsplit(".", 1)[1].split("__mutmut_")[0]
        # mutmut names a function x_name, a method x\u01c1Class\u01c1name
        return tail.removeprefix("x_") if tail.startswith("x_") else tail[2:].replace("\u01c1", ".")


def results() -> list[Mutant]:
    out = subprocess.run(["mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True)
    found = []
    for line in out.stdout.splitlines():
        m = re.match(r"\s*(\S+): (.+)$", line)
        if m and "__mutmut_" in m.group(1):
            found.append(Mutant(m.group(1), m.group(2).strip()))
    return found


def mutated_line(name: str) -> str:
    diff = subprocess.run(["mutmut", "show", name], capture_output=True, text=True, check=True).stdout
    added = [ln[1:].strip() for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    return " / ".join(added) if added else "(line removed)"


def classify(m: Mutant, line: str) -> str | None:
    for code, module, function, pattern in RULES:
        if module == m.module and re.fullmatch(function, m.function) and re.search(pattern, line):
            return code
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", help="how the results were obtained (runs and durations), for the header")
    parser.add_argument(
        "--only", nargs="+", metavar="PATTERN", help="report only these mutants (a partial run)"
    )
    parser.add_argument("--out", type=Path, default=REPORT, help=f"the report to write (default {REPORT})")
    args = parser.parse_args()
    mutants = [m for m in results() if not args.only or any(fnmatch.fnmatch(m.name, p) for p in args.only)]
    if not mutants or any(m.status == "not checked" for m in mutants):
        print("mutation_report: run `mutmut run` to completion first", file=sys.stderr)
        return 2
    counts: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str | None, list[tuple[Mutant, str]]] = defaultdict(list)
    for m in mutants:
        if m.status in ("killed", "timeout"):
            counts[m.module]["killed"] += 1
            continue
        line = mutated_line(m.name)
        code = classify(m, line)
        survivors[code].append((m, line))
        if code is None:
            counts[m.module]["unclassified"] += 1
        elif CLASSES[code][0]:
            counts[m.module]["equivalent"] += 1
        else:
            counts[m.module]["not shown"] += 1
    for m in mutants:
        counts[m.module]["total"] += 1
    args.out.write_text(render(counts, survivors, len(mutants), args.runs, args.only))
    total = sum(c["total"] for c in counts.values())
    killed = sum(c["killed"] for c in counts.values())
    equivalent = sum(c["equivalent"] for c in counts.values())
    print(f"{args.out}: {total} mutants, score {100 * killed / (total - equivalent):.1f}%")
    return 0


def score(c: Counter) -> str:
    return f"{100 * c['killed'] / (c['total'] - c['equivalent']):.1f}%"


def render(counts, survivors, total: int, runs: str | None, only: list[str] | None = None) -> str:
    if not only:
        scope = "every mutant checked"
    elif len(only) <= 6:
        scope = "every mutant of " + ", ".join(f"`{p}`" for p in only) + " checked (a partial run)"
    else:
        scope = f"the {len(only)} mutants named with `--only` checked (a partial run)"
    lines = [
        "# Mutation testing report",
        "",
        f"Generated by `python tools/mutation_report.py` from mutmut's results, {scope}",
        f"(mutmut 3.8.1, `mutmut run --max-children 2`; configuration in `pyproject.toml`, `[tool.mutmut]`): {total} mutants.",
        *([runs] if runs else []),
        "Under mutation testing the kernel's hypothesis tests draw a sixth of their examples",
        "(`tests/support.examples`), fresh ones in each mutant's run, and numba is off (mutmut's trampolines",
        'cannot be compiled; tests whose names contain "numba" are deselected).',
        "",
        "Score = (killed + timed out) / (mutants - equivalent mutants). A survivor that is not shown",
        "equivalent counts against the score.",
        "",
        "| module | mutants | killed | equivalent | not shown equivalent | unclassified | score |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    all_ = Counter()
    for module in sorted(counts):
        c = counts[module]
        all_.update(c)
        lines.append(
            f"| `{module}` | {c['total']} | {c['killed']} | {c['equivalent']} | {c['not shown']} "
            f"| {c['unclassified']} | {score(c)} |"
        )
    lines.append(
        f"| **all** | {all_['total']} | {all_['killed']} | {all_['equivalent']} | {all_['not shown']} "
        f"| {all_['unclassified']} | **{score(all_)}** |"
    )
    lines += ["", "## Classes of surviving mutants", ""]
    for code, (equivalent, why) in CLASSES.items():
        n = len(survivors.get(code, ()))
        if n:
            verdict = "equivalent" if equivalent else "not shown equivalent"
            lines.append(f"- **{code}** ({verdict}, {n}): {why}")
    lines += ["", "## Survivors, by class", ""]
    for code in [*CLASSES, None]:
        group = survivors.get(code)
        if not group:
            continue
        title = "Unclassified" if code is None else f"{code}"
        lines += [f"### {title}", ""]
        for m, line in sorted(group, key=lambda x: x[0].name):
            text = line.replace("|", "\\|")
            lines.append(f"- `{m.name.removeprefix('cluster_games.')}` ({m.status}): `{text}`")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    sys.exit(main())
