"""The documentation's generated inputs (docs/_ext/cluster_games_docs.py): every notebook in the
tutorial, every public name of the package on exactly one API page, the CLI's help captured."""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import cluster_games_docs as D  # noqa: E402


def test_every_notebook_is_copied_into_the_tutorial(tmp_path):
    dest = tmp_path / "notebooks"
    dest.mkdir()
    (dest / "gone.ipynb").write_text("{}")  # a notebook since deleted from notebooks/
    names = D.copy_notebooks(dest=dest)
    expected = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert names == expected and len(expected) >= 4
    assert sorted(p.name for p in dest.iterdir()) == expected
    for name in expected:
        assert (dest / name).read_bytes() == (ROOT / "notebooks" / name).read_bytes()
    tutorial = (ROOT / "docs" / "tutorial" / "index.md").read_text()
    assert ":glob:" in tutorial and "notebooks/*" in tutorial


def test_conf_renders_the_notebooks_as_committed_and_needs_no_network():
    conf = (ROOT / "docs" / "conf.py").read_text()
    assert re.search(r'^nb_execution_mode = "off"', conf, re.M)
    assert "sphinx.ext.intersphinx" not in conf and "intersphinx_mapping" not in conf


def test_public_modules_are_the_non_private_ones():
    modules = D.public_modules()
    assert modules[0] == "cluster_games"
    for name in ("cluster_games.figures", "cluster_games.figures.omega", "cluster_games.proofs.certificates"):
        assert name in modules
    assert not [m for m in modules if any(p.startswith("_") for p in m.split("."))]
    assert not [m for m in modules if m.startswith("cluster_games.commands")]


def _documented(pages: dict[str, str]) -> set[str]:
    """Qualified names each page documents: automodule members (own, with a docstring) and auto* entries."""
    names = set()
    for module, text in pages.items():
        mod = importlib.import_module(module)
        for attr, obj in vars(mod).items():
            if attr.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if obj.__module__ == module and inspect.getdoc(obj):
                names.add(f"{module}.{attr}")
        names |= set(re.findall(r"^\.\. auto(?:function|class|data):: (\S+)", text, re.M))
    return names


def test_every_public_function_and_class_is_on_an_api_page():
    pages = D.api_pages()
    documented = _documented(pages)
    for module in pages:
        mod = importlib.import_module(module)
        for export in getattr(mod, "__all__", ()):
            obj = getattr(mod, export)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            here, home = f"{module}.{export}", f"{obj.__module__}.{obj.__name__}"
            reexported = [
                f"{m}.{export}" for m in pages if getattr(importlib.import_module(m), export, None) is obj
            ]
            assert {here, home, *reexported} & documented, f"{here} is on no API page"


def test_examples_of_the_figures_are_in_their_docstrings_and_documented():
    # the API pages render docstrings whole (numpydoc), so an Examples section shows there
    pages = D.api_pages()
    from cluster_games import figures

    documented = _documented(pages)
    for name in figures.__all__:
        obj = getattr(figures, name)
        if inspect.isfunction(obj):
            assert ">>>" in inspect.getdoc(obj), name
            assert {f"{obj.__module__}.{name}", f"cluster_games.figures.{name}"} & documented, name


@pytest.mark.parametrize("command", ["cluster-games", "prove", "solve", "plot", "sweep", "check", "game"])
def test_cli_help_is_captured(command, tmp_path, monkeypatch):
    monkeypatch.setattr(D, "DOCS", tmp_path)
    D.write_cli_help()
    text = (tmp_path / "reference" / "cli" / f"{command}.txt").read_text()
    assert text.startswith("usage: cluster-games") and "exit codes" in text
    assert f"cli/{command}.txt" in (tmp_path / "reference" / "cli" / "commands.md").read_text()
    if command == "plot":
        assert "--no-footer" in text
