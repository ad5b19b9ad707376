"""Every Python snippet in README.md runs (the README must stay accurate)."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_snippets_run(tmp_path, monkeypatch, capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "README has no python snippet"
    monkeypatch.chdir(tmp_path)  # snippets may write figures
    for block in blocks:
        exec(compile(block, str(README), "exec"), {"__name__": "__readme__"})
    out = capsys.readouterr().out
    assert "Y strictly dominant | unique equilibrium: (Y, Y)" in out
    assert (tmp_path / "elasticities.png").read_bytes().startswith(b"\x89PNG")
    # the parametric-games section: hawk-dove's atlas as the README's comments show it
    assert "['V < C'] ['(H, D)', '(V/C H + (C - V)/C D, V/C H + (C - V)/C D)', '(D, H)']" in out
    assert "(2/3 H + 1/3 D, 2/3 H + 1/3 D)" in out
