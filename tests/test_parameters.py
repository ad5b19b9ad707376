"""Parameters, Rates and parameter files."""

from __future__ import annotations

import math
import subprocess
import sys
from fractions import Fraction

import pytest

import cluster_games as cg
from cluster_games import Parameters, Rates, load_parameter_file

from support import float_at_or_above

BASE = dict(n=10.0, F=1.0, alpha=100.0, beta=1.0, c=10.0, c_A=1.0)


def test_validates_and_converts_once():
    p = Parameters(**{**BASE, "n": 10})
    assert type(p.n) is float
    with pytest.raises(cg.InvalidParameterError, match="parameter 'c_A'"):
        Parameters(**{**BASE, "c_A": -1})
    with pytest.raises(AttributeError):
        p.n = 3  # frozen


def test_derived_quantities():
    p = Parameters(**BASE)
    assert p.G == 89 and p.K == 91
    assert p.n_min() == float_at_or_above(Fraction(8, 89**2))  # rounded upward: a rate exists there
    assert p.monopoly_rate == 91 / 20
    assert p.cost_recovery_rate == 0.1
    assert p.omega_star() == cg.omega_star(**BASE)
    assert p.is_feasible()
    assert not p.replace(n=1e-4).is_feasible()
    assert p.replace(alpha=5).n_min() == math.inf


def test_replace_rejects_unknown_names():
    with pytest.raises(cg.InvalidParameterError, match="'omega'"):
        Parameters(**BASE).replace(omega=1)


def test_from_mapping_names_missing_and_unknown_keys():
    with pytest.raises(cg.InvalidParameterError, match="'c_A': missing"):
        Parameters.from_mapping({k: v for k, v in BASE.items() if k != "c_A"})
    with pytest.raises(cg.InvalidParameterError, match="'gamma': unknown key"):
        Parameters.from_mapping({**BASE, "gamma": 1})


def test_display():
    p = Parameters(**BASE)
    assert str(p) == "Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)"
    assert r"\alpha = 100" in p._repr_latex_()
    assert "| $\\alpha$ |" in p._repr_markdown_()


def test_rates_are_validated_and_default_to_none():
    assert Rates() == Rates(None, None)
    assert Rates(omega=0.5, W=1).W == 1.0
    with pytest.raises(cg.InvalidParameterError, match="'omega'"):
        Rates(omega=-0.1)
    with pytest.raises(cg.InvalidParameterError, match=r"'W'.*supported range"):
        Rates(W=1e60)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("n", 1e308, "outside the supported range"),
        ("beta", 1e-320, "outside the supported range"),
        ("F", 1e-60, "outside the supported range"),
        ("c_A", 2**2000, "too large for float64: an integer of about 603 digits"),  # finite, no float
        ("alpha", True, "must be a real number"),
    ],
)
def test_magnitudes_outside_the_supported_range_are_refused_by_name(name, value, message):
    with pytest.raises(cg.InvalidParameterError, match=f"parameter '{name}': .*{message}"):
        Parameters(**{**BASE, name: value})


def test_zero_is_inside_the_supported_range_where_the_domain_allows_it():
    assert Parameters(**{**BASE, "F": 0, "c_A": 0}).F == 0.0


def write(tmp_path, text):
    f = tmp_path / "p.toml"
    f.write_text(text)
    return f


def test_parameter_file_round_trip(tmp_path):
    f = write(
        tmp_path,
        "[parameters]\nn = 10\nF = 1.0\nalpha = 100\nbeta = 1\nc = 10\nc_A = 1\n"
        "[rates]\nW = 0.5\n[scenario]\nname = 'test'\n",
    )
    params, rates, extra = load_parameter_file(f)
    assert params == Parameters(**BASE)
    assert rates == Rates(W=0.5)
    assert extra == {"scenario": {"name": "test"}}
    assert Parameters.from_toml(f) == params


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[parameters]\nn = 10\n", "'F': missing"),
        ("[parameters]\nn=1\nF=1\nalpha=1\nbeta=1\nc=1\nc_A=0\nbogus=2\n", "'bogus': unknown key"),
        ("n = 10\n", "'n': unknown top-level key"),
        ("[parameters]\nn='ten'\nF=1\nalpha=1\nbeta=1\nc=1\nc_A=0\n", "'n': must be a real number"),
        (
            "[parameters]\nn=1\nF=1\nalpha=1\nbeta=1\nc=1\nc_A=0\n[rates]\nw=1\n",
            "'w': unknown key in \\[rates\\]",
        ),
        ("[parameters]\nn=1e400\n", "'n': must be finite"),
        ("[parameters]\nn=1\nF=1\nalpha=1\nbeta=1\nc=1\nc_A=0\n[rates]\nW=[1]\n", "'W': must be a real"),
    ],
)
def test_parameter_file_errors_name_the_key(tmp_path, text, message):
    with pytest.raises(cg.InvalidParameterError, match=message):
        load_parameter_file(write(tmp_path, text))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[parameters\n", "TOML syntax error"),
        (b"parameters = 3\n", "must be a table"),
        (b"[parameters]\nn = 1\xff\n", "not UTF-8"),
    ],
)
def test_unreadable_parameter_files_are_input_file_errors(tmp_path, content, message):
    f = tmp_path / "p.toml"
    f.write_bytes(content)
    with pytest.raises(cg.errors.InputFileError, match=message):
        load_parameter_file(f)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(cg.errors.InputFileError, match="not found"):
        load_parameter_file(tmp_path / "nope.toml")
    with pytest.raises(cg.errors.InputFileError, match="is a directory"):
        load_parameter_file(tmp_path)


def test_a_partial_file_is_read_by_read_parameter_file(tmp_path):
    f = write(tmp_path, "[parameters]\nn = 10\nF = 2\n[rates]\nW = 0.5\n")
    got = cg.parameters.read_parameter_file(f)
    assert got.parameters == {"n": 10.0, "F": 2.0} and got.rates == {"W": 0.5}


def test_import_is_light():
    """`import cluster_games` must not pull in sympy, scipy or nashpy (CLI start-up cost)."""
    code = "import sys, cluster_games; print(sorted(m for m in ('sympy', 'scipy', 'nashpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
