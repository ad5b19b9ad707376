"""The command-line contract at the edges: every case of the 'trustworthy at the edges' report.

Exit codes: 0 success; 1 a claim or proposition fails (prove, check); 2 bad input or
environment, with exactly one stderr line naming what is wrong; 3 an internal error.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from cluster_games import Parameters
from cluster_games.cli import main
from cluster_games.scale import grid as G
from cluster_games.scale import montecarlo as MC
from cluster_games.scale import sweep as S

from support import run_cli

#: A NaN or an infinity printed as a number.
NAN_OR_INF = re.compile(r"(?<![\w.])[-+]?(nan|inf)(?![\w])", re.IGNORECASE)  # as Python prints them


def usage_error(argv, *needles):
    code, out, err = run_cli(argv)
    assert code == 2, (argv, code, out, err)
    assert err.count("\n") == 1 and err.startswith("cluster-games: error:"), err
    assert "Traceback" not in err and "Warning" not in err and out == ""
    for needle in needles:
        assert needle in err, (needle, err)
    return err


# ----------------------------------------------------------------------------- exact zeros
def test_solve_at_F_0_is_N_weakly_dominant_with_exactly_two_equilibria():
    code, out, err = run_cli(["solve", "--example", "--F", "0", "--json"])
    assert code == 0 and err == ""
    d = json.loads(out)
    assert d["dominance"] == "N weakly dominant"
    assert d["dominant_strategy"] == {"A": "N", "B": "N"} and d["strictly_dominant"] == {"A": None, "B": None}
    assert [e["pure"] for e in d["equilibria"]] == [["Y", "Y"], ["N", "N"]]
    assert d["equilibria_finite"] and d["degenerate"]
    assert d["payoff_A"][0] == [0.0, 0.0] and d["payoff_A"][1][0] == 0.0  # exact zeros, no 2.5e-18
    code, out, _ = run_cli(["solve", "--example", "--F", "0"])
    assert "N weakly dominant" in out and "2 isolated equilibria: (Y, Y), (N, N)" in out
    assert "e-1" not in out  # no tiny residue of float rounding anywhere


def test_chenghai_pi_YY_is_exactly_zero():
    code, out, _ = run_cli(["solve", "--scenario", "chenghai", "--json"])
    d = json.loads(out)
    assert code == 0 and d["payoff_A"][0][0] == 0.0 and d["payoff_A"][0][1] == 6e7  # pi_YN = F exactly
    code, out, _ = run_cli(["solve", "--scenario", "chenghai"])
    assert "A: Y  (0, 0)" in out


# ----------------------------------------------------------------------------- prove at the edges
@pytest.mark.parametrize(
    "argv",
    [
        ["--F", "0"],  # m(omega*) = 0
        ["--n", "0.5", "--alpha", "6", "--c", "1", "--c-A", "1"],  # n = n_min = 8/4^2 exactly
        ["--n", "1", "--alpha", "6", "--c", "1", "--c-A", "1"],  # n = 2 n_min exactly: R1's tie
        ["--n", "1e50"],
        [
            "--n",
            "1e50",
            "--F",
            "1e-50",
            "--alpha",
            "1e50",
            "--beta",
            "1e-50",
            "--c",
            "1e50",
            "--c-A",
            "1e-50",
        ],
        ["--n", "1e-50", "--F", "1e-50", "--alpha", "1e50", "--beta", "1e-50", "--c", "1e-50", "--c-A", "0"],
    ],
    ids=["F=0", "n=n_min", "n=2n_min", "n=1e50", "wide1", "wide2"],
)
def test_prove_never_blames_a_proposition_for_numerics(argv):
    base = {"--n": "10", "--F": "1", "--alpha": "100", "--beta": "1", "--c": "10", "--c-A": "1"}
    given = dict(zip(argv[::2], argv[1::2], strict=True))
    flags = [x for k, v in {**base, **given}.items() for x in (k, v)]
    code, out, err = run_cli(["prove", *flags, "--json"])
    assert code == 0 and err == "", out
    data = json.loads(out)
    assert all(c["status"] in ("proved", "refuted") for c in data)


def test_prove_reports_checks_that_do_not_apply_with_the_reason():
    code, out, _ = run_cli(
        ["prove", "--n", "0.5", "--F", "1", "--alpha", "6", "--beta", "1", "--c", "1", "--c-A", "1"]
    )
    assert code == 0
    assert "d omega*/dn is infinite at the double root" in out and "[n/a]" in out


def test_prove_at_n_1e308_is_refused_with_the_supported_range():
    flags = ["--F", "1", "--alpha", "100", "--beta", "1", "--c", "10", "--c-A", "1"]
    usage_error(["prove", "--n", "1e308", *flags], "parameter 'n'", "supported range")


# ----------------------------------------------------------------------------- input errors exit 2
@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (["solve", "--example", "--beta", "1e-320"], ("parameter 'beta'", "supported range")),
        (["solve", "--example", "--n", "-1e-3"], ("parameter 'n': must be > 0, got -0.001",)),
        (["solve", "--example", "--n", "-inf"], ("parameter 'n': must be finite",)),
        (["check", "--n", "5"], ("unrecognized arguments: --n 5",)),
        (["solve", "--example", "--scenario", "chenghai"], ("not allowed with argument --example",)),
        (["prove", "--json", "--format", "markdown"], ("--json conflicts with --format markdown",)),
        (
            ["solve", "--example", "--omega", "0.2", "--W", "9.5"],
            ("parameter 'W'", "demand at W is negative"),
        ),
        (["solve", "--example", "--omega", "0.01", "--W", "0.05"], ("parameter 'W'", "cost")),
        (["plot", "omega", "--example", "--out", "x.png", "--dpi", "1.5"], ("--dpi",)),
        (
            ["sweep", "--example", "--grid", "n=1,2", "--out", "o.csv", "--scheduler", "tcp://x:1"],
            ("--backend dask",),
        ),
    ],
)
def test_bad_input_names_the_problem_on_one_line(argv, needles, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    usage_error(argv, *needles)


def test_output_paths_that_cannot_be_written(tmp_path):
    usage_error(
        ["plot", "omega", "--example", "--out", str(tmp_path / "missing" / "x.png")], "does not exist"
    )
    usage_error(["plot", "omega", "--example", "--out", str(tmp_path)], "is a directory")
    usage_error(
        ["sweep", "--example", "--grid", "n=1,2", "--out", str(tmp_path / "nope" / "s.csv")], "does not exist"
    )
    usage_error(["sweep", "--example", "--grid", "n=1,2", "--out", str(tmp_path)], "is a directory")


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"[parameters]\nn = 1\xff\n", "not UTF-8"),
        (b"[parameters]\nn = 1" + b"0" * 400 + b"\n", "parameter 'n': is too large for float64"),
        (b"[parameters\n", "TOML syntax error"),
        (b"[parameters]\nn = 'ten'\n", "parameter 'n': must be a real number"),
    ],
)
def test_bad_parameter_files(tmp_path, content, needle):
    f = tmp_path / "p.toml"
    f.write_bytes(content)
    usage_error(["solve", "--params", str(f)], needle)


def test_a_flag_fills_a_key_missing_from_a_params_file(tmp_path):
    f = tmp_path / "p.toml"
    f.write_text("[parameters]\nn = 10\nF = 1\nalpha = 100\nbeta = 1\nc = 10\n")
    usage_error(["solve", "--params", str(f)], "missing --c-A", "p.toml")
    code, out, _ = run_cli(["solve", "--params", str(f), "--c-A", "1", "--json"])
    assert code == 0 and json.loads(out)["parameters"]["c_A"] == 1.0


def test_n_equal_to_n_min_is_accepted():
    code, out, err = run_cli(
        ["solve", "--n", "0.5", "--F", "1", "--alpha", "6", "--beta", "1", "--c", "1", "--c-A", "1", "--json"]
    )
    d = json.loads(out)
    assert code == 0 and err == "" and d["omega_star"] == 3.0 and d["n_min"] == 0.5  # K / (2 beta c)
    assert d["game"] is False and "n = n_min" in d["no_game_reason"]


@pytest.mark.parametrize("scheduler", ["not-an-address", "tcp://127.0.0.1:9"])
def test_a_malformed_or_unreachable_scheduler_is_exit_2_within_10_s(scheduler, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    start = time.perf_counter()
    usage_error(
        [
            "sweep",
            "--example",
            "--grid",
            "n=1,2",
            "--out",
            str(tmp_path / "s.csv"),
            "--backend",
            "dask",
            "--scheduler",
            scheduler,
        ],
        "cannot use Dask scheduler",
    )
    assert time.perf_counter() - start < 10
    assert not (tmp_path / "s.csv").exists() and not list(tmp_path.iterdir())  # no partial file left


def test_help_states_the_exit_codes():
    for command in ("prove", "solve", "sweep", "check", "plot"):
        code, out, _ = run_cli([command, "--help"], expect_exit=True)
        assert code == 0 and "exit codes: 0 success; 1" in " ".join(out.split())


# ----------------------------------------------------------------------------- domain agreement
def test_sweep_solve_and_plot_agree_on_the_domain(tmp_path):
    out = tmp_path / "s.csv"
    code, _, _ = run_cli(
        ["sweep", "--example", "--omega", "0.2", "--grid", "W=0.1,0.22,2,9.5", "--out", str(out)]
    )
    with out.open() as fh:
        cells = list(csv.DictReader(fh))
    assert code == 0 and [c["class"] for c in cells] == [
        "undefined",
        "Y strictly dominant",
        "no dominant strategy",
        "undefined",
    ]
    assert [c["undefined"] for c in cells] == ["W <= omega", "", "", "negative demand at W"]
    assert cells[0]["pi_YY"] == "" and not NAN_OR_INF.search(out.read_text())
    usage_error(["solve", "--example", "--omega", "0.2", "--W", "0.1"], "must exceed omega")
    usage_error(["solve", "--example", "--omega", "0.2", "--W", "9.5"], "demand at W is negative")
    from cluster_games import figures

    codes = figures.dominance_regions(Parameters(10, 1, 100, 1, 10, 1), 0.2, [0.1, 0.22, 2.0, 9.5])
    assert codes.tolist() == [0, 5, 3, 1]


def test_check_with_a_box_that_tests_nothing_does_not_claim_success():
    code, out, _ = run_cli(["check", "--box", "F=0:0", "--draws", "2000"])
    assert code == 1 and "untested" in out and "holds" in out  # P5 holds, P1-P4 untested


# ----------------------------------------------------------------------------- bounded memory
def _peak_mib(fn) -> float:
    tracemalloc.start()
    try:
        fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / 2**20


class _Stop(Exception):
    pass


def test_a_billion_point_sweep_streams_with_bounded_memory(tmp_path, monkeypatch):
    """The 10^9-point grid of the report: accepted, never materialised, memory of one chunk."""
    calls = []
    real = G._evaluate_chunk

    def stop_after_three(*args):
        calls.append(args[5])
        if len(calls) > 3:
            raise _Stop
        return real(*args)

    monkeypatch.setattr(G, "_evaluate_chunk", stop_after_three)
    monkeypatch.setattr(S, "check_disk", lambda path, needed: None)  # ~250 GB of CSV in all
    grid = {"n": S.Linspace(1.0, 1e9, 10**9)}
    out = tmp_path / "s.csv"

    def run():
        with pytest.raises(_Stop):
            S.sweep_to_file(Parameters(10, 1, 100, 1, 10, 1), grid, out, chunk_size=65536)

    peak = _peak_mib(run)
    assert peak < 64, peak  # a few 65536-row chunks; the grid alone would be 8 GB
    assert not out.exists() and not list(tmp_path.iterdir())  # the partial file is removed


def test_a_sweep_that_would_not_fit_on_the_disk_is_refused(tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 0, 10**6))
    usage_error(
        ["sweep", "--example", "--grid", "n=1:1e9:1000000000", "--out", str(tmp_path / "s.csv")],
        "not enough disk space",
    )
    assert not list(tmp_path.iterdir())


def test_a_trillion_draw_check_is_lazy_and_states_its_duration(monkeypatch, capsys):
    real = MC._check_blocks
    calls = []

    def stop_after_three(*args):
        calls.append(1)
        if len(calls) > 3:
            raise _Stop
        return real(*args)

    monkeypatch.setattr(MC, "_check_blocks", stop_after_three)

    def run():
        with pytest.raises(_Stop):
            MC.check({}, draws=10**12, chunk_size=MC.BLOCK)

    peak = _peak_mib(run)
    # one block of 65536 draws at a time, whatever the number of draws: about 1.1 KB per draw for
    # the nine claims (P1-P5, K1, K5-K7); 10^12 draws materialised would need petabytes
    assert peak < 128, peak
    err = capsys.readouterr().err
    assert "check: 1,000,000,000,000 draws, about" in err and err.count("\n") == 1


def test_no_numpy_warning_reaches_the_user():
    for argv in (
        [
            "solve",
            "--n",
            "1e50",
            "--F",
            "1e50",
            "--alpha",
            "1e50",
            "--beta",
            "1e-50",
            "--c",
            "1e50",
            "--c-A",
            "1e50",
        ],
        [
            "solve",
            "--n",
            "1e-50",
            "--F",
            "1e-50",
            "--alpha",
            "1e-50",
            "--beta",
            "1e50",
            "--c",
            "1e-50",
            "--c-A",
            "0",
            "--omega",
            "1e-50",
            "--W",
            "2e-50",
        ],
    ):
        code, out, err = run_cli(argv)
        assert code in (0, 2) and "Warning" not in err and not NAN_OR_INF.search(out), out


def test_partial_file_name_never_collides(tmp_path):
    out = tmp_path / "s.csv"
    code, _, _ = run_cli(["sweep", "--example", "--grid", "n=1,2", "--out", str(out)])
    assert code == 0 and [p.name for p in tmp_path.iterdir()] == ["s.csv"]
    assert Path(str(out) + ".partial").exists() is False


def test_main_returns_exit_code_3_for_a_bug(monkeypatch, capsys):
    import cluster_games.solve as solve_module

    def boom(*args, **kwargs):
        raise ZeroDivisionError("planted bug")

    monkeypatch.setattr(solve_module, "solve", boom)
    assert main(["solve", "--example"]) == 3
    err = capsys.readouterr().err
    assert (
        err.startswith("cluster-games: internal error: ZeroDivisionError: planted bug")
        and err.count("\n") == 1
    )


# ----------------------------------------------------------------------------- issue 19: inputs and signals
@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: os.mkfifo(d / "p.toml") or d / "p.toml", "is a FIFO (named pipe), not a regular file"),
        (lambda d: Path("/dev/zero"), "is a character device, not a regular file (refused before reading)"),
        (lambda d: Path("/dev/urandom"), "is a character device"),
        (lambda d: "", "parameter file: the path is empty"),  # was silently ignored
        (lambda d: (d / "p.toml").write_bytes(b"\0" * 4096) and d / "p.toml", "TOML syntax error"),
        (lambda d: _sparse(d / "p.toml", 2 << 20), "is 2 MiB; at most 1 MiB is read"),
        (
            lambda d: (d / "p.toml").write_text("[parameters]\nn = 1" + "0" * 5000) and d / "p.toml",
            "more than 4300 digits",
        ),
    ],
    ids=["fifo", "dev-zero", "dev-urandom", "empty-path", "zero-filled", "2-MiB", "5000-digit-integer"],
)
def test_parameter_files_that_cannot_be_read_exit_2_at_once(tmp_path, make, needle):
    usage_error(["solve", "--params", str(make(tmp_path))], needle)


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def test_certificates_go_to_a_named_directory_or_nowhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    usage_error(["prove", "--certificates", ""], "--certificates: the path is empty")  # wrote 73 files to .
    usage_error(["prove", "--certificates", "/dev/full"], "'/dev/full' exists and is not a directory")
    assert list(tmp_path.iterdir()) == []


def test_a_certificate_write_that_fails_leaves_nothing_and_prints_nothing(tmp_path, monkeypatch):
    import errno

    real, count = Path.write_text, []

    def disk_full_after_ten(self, *args, **kwargs):
        count.append(self)
        if len(count) > 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", disk_full_after_ten)
    out_dir = tmp_path / "certs"
    usage_error(
        ["prove", "--certificates", str(out_dir)], "No space left on device", "(no certificate written)"
    )
    assert list(out_dir.iterdir()) == []


def test_a_seed_is_read_as_the_integer_written():
    code, out, _ = run_cli(["check", "--seed", "9007199254740993", "--draws", "10", "--json"])
    assert code == 0 and json.loads(out)["seed"] == 9007199254740993  # 2**53 + 1: a float made it 2**53
    usage_error(["check", "--seed", "1e999999999"], "must be a whole number")  # refused, not built
    usage_error(["check", "--draws", "2.5"], "must be a whole number")


def test_solve_with_k_companies_prints_its_game_in_markdown():
    code, out, _ = run_cli(["solve", "--example", "--k", "3", "--format", "markdown"])
    assert code == 0 and "None" not in out  # was "no game: None"
    assert "for $k = 3$ companies" in out and "- pure equilibria (numbers of Y companies): [0, 3]" in out


def _sweep_process(tmp_path: Path):
    """A sweep of 10^8 points in a subprocess, once its partial file exists (at most 30 s)."""
    out = tmp_path / "s.csv"
    argv = [sys.executable, "-m", "cluster_games", "sweep", "--example", "--grid", "n=1:1e6:1000000"]
    proc = subprocess.Popen(
        [*argv, "--grid", "F=1:2:100", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not Path(str(out) + ".partial").exists():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    time.sleep(0.3)  # into the loop that writes
    return proc


@pytest.mark.parametrize(
    "signals",
    [
        (signal.SIGTERM,),  # left a 216 MB partial file and printed nothing
        (signal.SIGINT, signal.SIGINT, signal.SIGINT),  # the later ones could print a traceback
        (signal.SIGTERM, signal.SIGINT, signal.SIGTERM),
    ],
    ids=["sigterm", "ctrl-c-thrice", "term-int-term"],
)
def test_a_signal_stops_a_sweep_with_one_line_and_no_partial_file(tmp_path, signals):
    proc = _sweep_process(tmp_path)
    for sig in signals:
        proc.send_signal(sig)
        time.sleep(0.002)
    out, err = proc.communicate(timeout=60)
    # The first signal the interpreter handles decides (of two pending, it handles SIGINT first);
    # the others do nothing.
    handled = {130: "Ctrl-C", 143: "SIGTERM"}.get(proc.returncode)
    assert handled is not None and out == "", (proc.returncode, err)
    assert proc.returncode - 128 in signals and err == f"cluster-games: interrupted ({handled})\n"
    assert list(tmp_path.iterdir()) == []
