r"""Deciding sign conditions on polynomials: z3's complete procedure for nonlinear real arithmetic.

Whether a conjunction of polynomial sign conditions has a real solution is decidable
(Tarski), and z3's ``nlsat`` (Jovanović and de Moura 2012, a cylindrical algebraic
decomposition driven by conflict analysis) decides it: *sat* comes with a model, *unsat*
is a proof that no real point exists. Each query has a time limit; a query that runs out
of time is reported as *unknown* and the atlas keeps the condition as **undecided**,
never drops it.

A model's coordinates are rationals or real algebraic numbers (:class:`Algebraic`);
the atlas re-checks every witness in exact arithmetic without the solver
(:mod:`cluster_games.parametric.witness`).

z3 is an optional dependency (``pip install -e '.[atlas]' in a clone of cluster_games``), imported here only.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from sympy.polys.rings import PolyElement

from ..errors import UnavailableError

__all__ = ["Algebraic", "Verdict", "SignSolver", "available"]

# (polynomial, op) with op in > >= == != < <=: the condition ``polynomial op 0``
Constraint = tuple[PolyElement, str]


def available() -> bool:
    """Whether z3-solver can be imported."""
    try:
        import z3  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Algebraic:
    """A real algebraic number: root ``index`` (0-based, ascending) of the integer polynomial ``coefficients``.

    ``coefficients`` run from the constant term up. ``approx`` is a rational within 1e-30.
    """

    coefficients: tuple[int, ...]
    index: int
    approx: Fraction

    def to_sympy(self):
        """The number as :class:`sympy.CRootOf`, exactly."""
        import sympy as sp

        t = sp.Dummy("t")
        return sp.CRootOf(sum(c * t**i for i, c in enumerate(self.coefficients)), self.index)

    def __float__(self) -> float:
        return float(self.approx)

    def __str__(self) -> str:
        terms = " + ".join(f"{c}*t^{i}" for i, c in reversed(list(enumerate(self.coefficients))) if c)
        return f"root {self.index + 1} of {terms} (~{_approx(self.approx)})"


def _approx(q: Fraction) -> str:
    """Twelve significant digits of an exact rational, without float overflow."""
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 12
        return str(decimal.Decimal(q.numerator) / decimal.Decimal(q.denominator))


#: A coordinate of a witness: an exact rational or a real algebraic number.
Value = Fraction | Algebraic


@dataclass(frozen=True)
class Verdict:
    """Outcome of one query: ``status`` is ``"sat"`` (with ``model``), ``"unsat"`` or ``"unknown"``."""

    status: str
    model: tuple[Value, ...] | None = None
    reason: str = ""

    @property
    def sat(self) -> bool:
        return self.status == "sat"


@dataclass
class SolverStats:
    """How much the solver was asked, and how long it took."""

    queries: int = 0
    sat: int = 0
    unsat: int = 0
    unknown: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    log: list[tuple[str, float]] = field(default_factory=list)


class SignSolver:
    """Satisfiability of polynomial sign conditions inside a fixed domain, with z3 (nlsat).

    Parameters
    ----------
    nvars : int
        Number of parameters; variables are named ``p0, p1, ...`` inside z3 (user names never reach it).
    domain : sequence of Constraint
        Conditions every query includes (the game's assumptions).
    timeout : float
        Seconds allowed for one query; beyond it the verdict is ``"unknown"``.
    """

    def __init__(self, nvars: int, domain: Sequence[Constraint], timeout: float = 10.0) -> None:
        try:
            import z3
        except ImportError:
            raise UnavailableError(
                "the atlas needs z3-solver (a complete decision procedure for real arithmetic): "
                "pip install -e '.[atlas]' in a clone of cluster_games"
            ) from None
        self._z3 = z3
        self.vars = [z3.Real(f"p{i}") for i in range(nvars)]
        self.timeout = timeout
        self._cache: dict[PolyElement, object] = {}
        self._constraints: dict[Constraint, object] = {}
        # nlsat itself, without the QF_NRA preprocessing portfolio: 3x faster on these small queries
        self._tactic = z3.Tactic("qfnra-nlsat")
        self.domain_constraints = tuple(domain)
        self.domain = [self.constraint(c) for c in domain]
        self.stats = SolverStats()

    # ------------------------------------------------------------------ encoding
    def term(self, p: PolyElement):
        """The polynomial as a z3 real term (cached)."""
        cached = self._cache.get(p)
        if cached is not None:
            return cached
        z3 = self._z3
        parts = []
        for monom, coeff in p.terms():
            q = Fraction(int(coeff.numerator), int(coeff.denominator))
            factors = [z3.RealVal(f"{q.numerator}/{q.denominator}")] if q != 1 or not any(monom) else []
            for v, e in zip(self.vars, monom, strict=False):
                factors.extend([v] * e)
            prod = factors[0]
            for f in factors[1:]:
                prod = prod * f
            parts.append(prod)
        out = z3.Sum(parts) if len(parts) > 1 else (parts[0] if parts else z3.RealVal(0))
        self._cache[p] = out
        return out

    def constraint(self, c: Constraint):
        """``p op 0`` as a z3 formula (cached: building z3 terms costs more than many queries)."""
        cached = self._constraints.get(c)
        if cached is not None:
            return cached
        p, op = c
        t = self.term(p)
        zero = self._z3.RealVal(0)
        out = {
            ">": t > zero,
            ">=": t >= zero,
            "==": t == zero,
            "!=": t != zero,
            "<": t < zero,
            "<=": t <= zero,
        }[op]
        self._constraints[c] = out
        return out

    # ------------------------------------------------------------------ queries
    def check(self, constraints: Sequence[Constraint], extra: Sequence[object] = ()) -> Verdict:
        """Is there a point of the domain satisfying every constraint (and the z3 formulas ``extra``)?"""
        z3 = self._z3
        solver = self._tactic.solver()
        solver.set("timeout", max(1, int(self.timeout * 1000)))
        solver.add(*self.domain, *(self.constraint(c) for c in constraints), *extra)
        start = time.perf_counter()
        result = solver.check()
        elapsed = time.perf_counter() - start
        st = self.stats
        st.queries += 1
        st.seconds += elapsed
        st.slowest = max(st.slowest, elapsed)
        if result == z3.sat:
            st.sat += 1
            model = solver.model()
            return Verdict("sat", tuple(self._value(model.eval(v, model_completion=True)) for v in self.vars))
        if result == z3.unsat:
            st.unsat += 1
            return Verdict("unsat")
        st.unknown += 1
        return Verdict("unknown", reason=solver.reason_unknown())

    def _value(self, v) -> Value:
        z3 = self._z3
        if isinstance(v, z3.RatNumRef):
            return Fraction(v.as_fraction())
        if isinstance(v, z3.AlgebraicNumRef):
            coefficients = tuple(int(str(c)) for c in v.poly())
            approx = v.approx(30)
            return Algebraic(coefficients, v.index() - 1, Fraction(approx.as_fraction()))
        if isinstance(v, z3.IntNumRef):  # pragma: no cover - reals only
            return Fraction(v.as_long())
        raise TypeError(f"unexpected z3 value {v!r}")  # pragma: no cover
