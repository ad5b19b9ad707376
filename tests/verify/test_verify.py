"""The independent certificate checker ``python -m cluster_games.verify``: it accepts a fresh export and
rejects every kind of tampering, without importing sympy.

Expected values are written out by hand (polynomials as explicit term lists, exit codes, the ids of
the tampered files), never computed by the checker itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_games.verify import TARGETS, CheckResult, check_certificate
from cluster_games.verify.__main__ import main
from cluster_games.verify.algebra import sqrt
from cluster_games.verify.model import Env
from cluster_games.verify.polynomials import NotCheckable, Poly, RatFunc
from cluster_games.verify.targets import Target


@pytest.fixture(scope="module")
def report():
    from cluster_games.proofs import prove_all

    result = prove_all()
    assert result.all_hold
    return result


@pytest.fixture(scope="module")
def export(tmp_path_factory, report) -> Path:
    from cluster_games.proofs.export import export_certificates

    out = tmp_path_factory.mktemp("certificates")
    export_certificates(report, out)
    return out


@pytest.fixture
def certs(export, tmp_path) -> Path:
    """A private copy of the export, to tamper with."""
    return Path(shutil.copytree(export, tmp_path / "certs"))


def _edit(directory: Path, cid: str, change) -> None:
    path = directory / f"{cid}.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _run(directory: Path, capsys, *extra: str) -> tuple[int, list[str], str]:
    code = main([str(directory), *extra])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def _failed(lines: list[str]) -> set[str]:
    return {line.split()[1].rstrip(":") for line in lines if line.startswith("FAIL ")}


def poly(names: str, *terms: tuple[int | Fraction, tuple[int, ...]]) -> Poly:
    return Poly.from_terms(names.split(), [(Fraction(c), e) for c, e in terms])


# ----------------------------------------------------------------------------- the kernel's arithmetic
def test_exact_square_roots_and_non_squares():
    x_plus_2y_sq = poly("x y", (1, (2, 0)), (4, (1, 1)), (4, (0, 2)))
    assert x_plus_2y_sq.sqrt() == poly("x y", (1, (1, 0)), (2, (0, 1)))
    assert poly("x y", (1, (2, 0)), (-2, (1, 1)), (1, (0, 2))).sqrt() == poly(
        "x y", (1, (1, 0)), (-1, (0, 1))
    )
    assert poly("x y", (1, (2, 0)), (1, (1, 1)), (1, (0, 2))).sqrt() is None  # x^2 + xy + y^2
    assert poly("x", (2, (2,))).sqrt() is None  # sqrt(2) x is not rational
    assert poly("x y", (1, (2, 1))).sqrt() is None  # x^2 y
    # a rational root is chosen non-negative: sqrt(4 x^2 / (9 y^2)) = 2x / (3y)
    root = RatFunc(poly("x", (4, (2,))), poly("y", (9, (2,)))).sqrt()
    assert root == RatFunc(poly("x", (2, (1,))), poly("y", (3, (1,))))
    with pytest.raises(NotCheckable, match="no manifest sign"):  # sqrt((x - y)^2) = |x - y|
        RatFunc(poly("x y", (1, (2, 0)), (-2, (1, 1)), (1, (0, 2)))).sqrt()


def test_rational_functions_compare_by_cross_multiplication():
    x2_minus_y2 = poly("x y", (1, (2, 0)), (-1, (0, 2)))
    assert RatFunc(x2_minus_y2, poly("x y", (1, (1, 0)), (1, (0, 1)))) == RatFunc(
        poly("x y", (1, (1, 0)), (-1, (0, 1)))
    )
    assert RatFunc(poly("x", (1, (1,)))) != RatFunc(poly("y", (1, (1,))))
    with pytest.raises(NotCheckable, match="division by zero"):
        RatFunc(1, 0)


def test_a_root_that_is_not_exact_is_formal_and_cancels_in_its_square():
    x = RatFunc(poly("x", (1, (1,))))
    root = sqrt(x)
    with pytest.raises(NotCheckable, match="does not cancel"):
        root.value.rational()
    assert (root * root).value.rational() == x
    assert (1 / root * root).value.rational() == RatFunc(1)


def test_partial_derivatives_are_seeded_on_the_model_symbol():
    e = Env.symbolic({"F": RatFunc(poly("f", (1, (1,))))})  # F = f
    cube = e.diff(lambda p: p.n**3 * p.F, "n").value.rational()  # d(n^3 F)/dn = 3 n^2 f
    assert cube == RatFunc(poly("f n", (3, (1, 2))))
    # d sqrt(n^2 beta^2)/d beta = n (the root n beta is exact)
    assert e.diff(lambda p: sqrt(p.n**2 * p.beta**2), "beta").value.rational() == RatFunc(
        poly("n", (1, (1,)))
    )
    assert e.diff(lambda p: p.alpha, "n").value.rational() == RatFunc(0)


# ----------------------------------------------------------------------------- the command
def test_a_fresh_export_verifies(export, capsys):
    files = sorted(p.name.removesuffix(".json") for p in export.glob("*.json"))
    assert len(files) >= 73 and set(files) == set(TARGETS)
    code, lines, err = _run(export, capsys)
    assert code == 0 and err == ""
    assert [line for line in lines if line.startswith("ok  ")] == [f"ok  {i}" for i in files]
    assert "E1.printed_rises" in files  # its root is not exact: checked in Q(x)[sqrt R]
    assert lines[-1].startswith(f"{len(files)} certificates checked: {len(files)} ok, 0 failed, 0 missing")


def test_json_output(export, capsys):
    code, lines, _ = _run(export, capsys, "--json")
    rows = json.loads("\n".join(lines))
    assert code == 0 and {r["status"] for r in rows} == {"ok"} and len(rows) == len(TARGETS)


def test_a_flipped_numerator_coefficient_fails_that_certificate(certs, capsys):
    def flip(data):
        coef = data["numerator"][1][0]
        data["numerator"][1][0] = coef[1:] if coef.startswith("-") else "-" + coef

    _edit(certs, "P1.beats_N", flip)
    code, lines, _ = _run(certs, capsys)
    assert code == 1 and _failed(lines) == {"P1.beats_N"}
    assert "(failed: P1.beats_N)" in lines[-1]


def test_a_tampered_substitution_fails(certs, capsys):
    def shift_alpha(data):  # alpha = beta (c + c_A) + s + t  ->  ... + 2 t: a sub-family of the region
        terms = data["region"]["substitution"]["alpha"]["numerator"]
        terms[-1][0] = "2"

    _edit(certs, "P2.margin_positive", shift_alpha)
    code, lines, _ = _run(certs, capsys)
    assert code == 1 and _failed(lines) == {"P2.margin_positive"}


def test_a_substitution_that_leaves_the_region_fails(certs, capsys):
    def drop_F(data):  # F no longer substituted: n > n_min is not manifest
        del data["region"]["substitution"]["F"]

    _edit(certs, "P3.dn_negative", drop_F)
    code, lines, _ = _run(certs, capsys)
    assert code == 1 and _failed(lines) == {"P3.dn_negative"}
    assert any("substitutes" in line for line in lines)


def test_a_changed_sign_or_slack_sign_fails(certs, capsys):
    _edit(certs, "P3.dn_negative", lambda d: d.update(sign="positive"))
    _edit(certs, "K6.minmax", lambda d: d["region"]["slacks"].update(f="positive"))
    code, lines, _ = _run(certs, capsys)
    assert code == 1 and _failed(lines) == {"P3.dn_negative", "K6.minmax"}


def test_a_deleted_file_is_missing_and_an_unknown_id_fails(certs, capsys):
    (certs / "R1.W1_end.json").unlink()
    extra = json.loads((certs / "P5.gap.json").read_text())
    extra.update(id="Z9.bogus", claim="Z9")
    (certs / "Z9.bogus.json").write_text(json.dumps(extra))
    code, lines, _ = _run(certs, capsys)
    assert code == 1 and _failed(lines) == {"R1.W1_end", "Z9.bogus"}
    assert "FAIL R1.W1_end: missing: no certificate file" in lines
    assert any(line.startswith("FAIL Z9.bogus: unknown certificate id") for line in lines)


def test_sign_logic_on_hand_made_certificates(tmp_path, capsys, monkeypatch):
    # c_A >= 0 only: "c_A > 0" is not proved by its coefficients, "c_A >= 0" is; -c_A/(n) <= 0.
    table = {
        "T.strict": Target("positive", "everywhere", lambda e: e.c_A),
        "T.weak": Target("nonnegative", "everywhere", lambda e: e.c_A),
        "T.ratio": Target("nonpositive", "everywhere", lambda e: -e.c_A / e.n),
    }
    monkeypatch.setattr("cluster_games.verify.check.TARGETS", table)
    monkeypatch.setattr("cluster_games.verify.__main__.TARGETS", table)
    for cid, sign, num, den in [
        ("T.strict", "positive", [["1", [1, 0]]], [["1", [0, 0]]]),
        ("T.weak", "nonnegative", [["1", [1, 0]]], [["1", [0, 0]]]),
        ("T.ratio", "nonpositive", [["-1", [1, 0]]], [["1", [0, 1]]]),
    ]:
        data = {
            "format": "cluster-games-certificate/1",
            "id": cid,
            "claim": "T",
            "statement": "test",
            "sign": sign,
            "region": {"key": "everywhere", "hypotheses": [], "slacks": {}, "substitution": {}},
            "variables": ["c_A", "n"],
            "numerator": num,
            "denominator": den,
        }
        (tmp_path / f"{cid}.json").write_text(json.dumps(data))
    code, lines, _ = _run(tmp_path, capsys)
    assert code == 1 and _failed(lines) == {"T.strict"}
    assert "ok  T.weak" in lines and "ok  T.ratio" in lines
    assert any("not strict" in line for line in lines)


def _subprocess(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60)


def test_bad_input_exits_2_with_one_line(certs, tmp_path):
    (certs / "P5.gap.json").write_text('{"format": "cluster-games-certificate/1", "id": ')
    for target in (certs, tmp_path / "nowhere", tmp_path / "empty"):
        (tmp_path / "empty").mkdir(exist_ok=True)
        run = _subprocess("-m", "cluster_games.verify", str(target))
        assert run.returncode == 2, run
        assert len(run.stderr.splitlines()) == 1 and "Traceback" not in run.stderr
    assert "P5.gap.json" in _subprocess("-m", "cluster_games.verify", str(certs)).stderr


def test_no_sympy_is_imported(export):
    run = _subprocess("-X", "importtime", "-m", "cluster_games.verify", str(export))
    assert run.returncode == 0
    assert "import time" in run.stderr and "sympy" not in run.stderr.lower()


def test_an_export_is_the_same_files_whatever_the_hash_seed(tmp_path):
    """Reproducible proofs: exports under two string-hash seeds are byte-identical.

    Seeds 1 and 12345 ordered a region's substitution differently before it was sorted (17 files
    differed), so this test fails on an export that follows dict order.
    """
    exports = []
    for seed in ("1", "12345"):
        out = tmp_path / f"seed{seed}"
        run = subprocess.run(
            [sys.executable, "-m", "cluster_games", "prove", "--certificates", str(out)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        exports.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert len(exports[0]) > 50 and exports[0].keys() == exports[1].keys()
    assert [name for name in exports[0] if exports[0][name] != exports[1][name]] == []


# ----------------------------------------------------------------------------- malformed input (issue 19)
def _exit_and_stderr(directory: Path) -> tuple[int, str, str]:
    run = _subprocess("-m", "cluster_games.verify", str(directory))
    assert "Traceback" not in run.stderr
    return run.returncode, run.stdout, run.stderr


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested deeper than 64 levels"),  # was RecursionError, exit 3
        ('{"x": 1' + "0" * 10**6 + "}", "an integer of 1,000,001 digits"),  # was int() limit, exit 3
        ('{"x": 1.' + "0" * 10**6 + "}", "a number of 1,000,002 characters"),
        ("\0" * (2 << 20), "larger than 1,048,576 bytes"),
    ],
    ids=["deep-nesting", "million-digit-integer", "million-digit-float", "2-MiB-file"],
)
def test_unreadable_certificates_are_refused_with_one_line(certs, content, needle):
    (certs / "P2.lower_root.json").write_text(content)
    code, out, err = _exit_and_stderr(certs)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and needle in err, err


def test_a_fifo_is_refused_before_reading(certs):
    fifo = certs / "P2.lower_root.json"
    fifo.unlink()
    os.mkfifo(fifo)  # reading it would wait for a writer forever (the timeout of _subprocess is 60 s)
    code, out, err = _exit_and_stderr(certs)
    assert code == 2 and out == "" and "not a regular file" in err and "refused before reading" in err


def test_a_5000_digit_coefficient_fails_that_certificate(certs, capsys):
    # Fraction() of 5000 digits exceeds Python's int(str) limit: it was an internal error (exit 3).
    _edit(certs, "P1.beats_N", lambda d: d["numerator"][0].__setitem__(0, "1" * 5000))
    code, lines, _ = _run(certs, capsys)
    assert code == 1 and _failed(lines) == {"P1.beats_N"}
    assert any("of at most 200 characters" in line for line in lines)


def test_exponents_beyond_the_checkers_own_bound_fail(certs, capsys):
    """Every exponent set to 64 (the old bound): each certificate with a variable fails on the checker's
    bound of 16, however the file's polynomials would compare; the four identities without variables
    (E2, E3 and P5.gap: numerator 0, no exponent to change) still verify."""

    def to_64(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("numerator", "denominator") and isinstance(value, list):
                    for term in value:
                        term[1] = [64] * len(term[1])
                else:
                    to_64(value)

    for path in certs.glob("*.json"):
        _edit(certs, path.stem, to_64)
    code, lines, _ = _run(certs, capsys)
    ok = {line.split()[1] for line in lines if line.startswith("ok ")}
    assert code == 1 and ok == {"E2.correct_is_pi_YY", "E2.pi_YY_scales", "E3.corrected_scales", "P5.gap"}
    assert all("(the checker's bound)" in line for line in lines if line.startswith("FAIL "))


def test_a_certificate_needing_more_work_than_the_bound_fails_promptly(certs, capsys):
    # 209 more terms in alpha's substitution keep G = alpha - beta (c + c_A) manifestly positive, and
    # G**2 alone is then 224**2 = 50,176 term products: the discriminant needs more than 100,000.
    extra = [["1", [0, 0, 0, i, j]] for i in range(1, 17) for j in range(1, 17) if i + j <= 24]
    _edit(certs, "P2.lower_root", lambda d: d["region"]["substitution"]["alpha"]["numerator"].extend(extra))
    code, lines, _ = _run(certs, capsys)
    assert code == 1 and _failed(lines) == {"P2.lower_root"}
    assert any("100,000 term operations (the checker's bound on work)" in line for line in lines)


def test_copies_of_one_certificate_are_checked_once(certs, capsys, monkeypatch):
    import cluster_games.verify.__main__ as entry

    calls = []
    real = entry.check_certificate
    monkeypatch.setattr(entry, "check_certificate", lambda data, name: calls.append(name) or real(data, name))
    for i in range(5):  # same id, other names: each fails without being checked again
        shutil.copy(certs / "P5.gap.json", certs / f"copy{i}.json")
    code, lines, _ = _run(certs, capsys)
    assert code == 1 and len(calls) == len(TARGETS) and "P5.gap" in _failed(lines)


_JUNK = [
    None,
    True,
    0,
    -1,
    17,
    64,
    2**70,
    1.5,
    "",
    "x",
    "1/0",
    "-7/2",
    [],
    {},
    [["1", []]],
    "positive",
    "rates",
]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.data())
def test_mutated_certificates_get_a_verdict_never_an_exception(export, data):
    """Random edits of a fresh export's files (a value replaced, an integer moved, a list cut or grown):
    check_certificate returns a verdict every time (120,000 such edits found no exception)."""
    files = sorted(export.glob("*.json"))
    cert = json.loads(data.draw(st.sampled_from(files)).read_text())
    for _ in range(data.draw(st.integers(1, 3))):
        paths = list(_paths(cert))
        path = data.draw(st.sampled_from(paths))
        old = _get(cert, path)
        if isinstance(old, int) and not isinstance(old, bool) and data.draw(st.booleans()):
            new = old + data.draw(st.sampled_from([-1, 1, 13, 64]))
        elif isinstance(old, list) and old and data.draw(st.booleans()):
            new = old[:-1] if data.draw(st.booleans()) else [*old, json.loads(json.dumps(old[0]))]
        else:
            new = json.loads(json.dumps(data.draw(st.sampled_from(_JUNK))))
        _set(cert, path, new)
    assert isinstance(check_certificate(cert), CheckResult)


def _paths(node, path=()):
    if path:
        yield path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield from _paths(value, (*path, key))


def _get(node, path):
    for key in path:
        node = node[key]
    return node


def _set(node, path, value):
    _get(node, path[:-1])[path[-1]] = value


def test_an_export_leaves_a_fifo_alone_and_removes_what_it_wrote_when_a_write_fails(
    report, tmp_path, monkeypatch
):
    from cluster_games.proofs.export import export_certificates

    os.mkfifo(tmp_path / "old.json")  # reading it to see whether it is a stale certificate would block
    assert len(export_certificates(report, tmp_path)) == len(TARGETS)
    assert (tmp_path / "old.json").exists()
    real, calls = Path.write_text, []

    def fail_on_the_fifth(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", fail_on_the_fifth)
    with pytest.raises(OSError, match="No space"):
        export_certificates(report, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["old.json"]  # no partial export is left
