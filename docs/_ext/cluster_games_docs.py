"""Build-time inputs of the documentation, generated from the repository (nothing here is committed output).

On ``builder-inited`` this extension

* copies the executed notebooks ``notebooks/*.ipynb`` into ``docs/tutorial/notebooks/`` (myst-nb renders
  only files inside the source directory; the copies are git-ignored and refreshed on every build);
* writes one API page per public module of ``cluster_games`` into ``docs/reference/api/`` (autodoc
  directives: the text comes from the docstrings, Examples sections included);
* writes the ``--help`` of the command line and of each command into ``docs/reference/cli/``;
* draws every figure of ``cluster-games plot`` (worked example and Chenghai scenario) into
  ``docs/explanation/figures/`` with the command line itself, so the pages show what the CLI makes.
"""

from __future__ import annotations

import filecmp
import importlib
import inspect
import os
import pkgutil
import re
import shutil
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent
#: Sub-packages whose modules are the command line's plumbing (documented by the CLI page instead).
SKIP_PREFIXES = ("cluster_games.commands", "cluster_games.__main__")


def copy_notebooks(
    source: Path = ROOT / "notebooks", dest: Path = DOCS / "tutorial" / "notebooks"
) -> list[str]:
    """Mirror ``source/*.ipynb`` into ``dest`` (stale copies removed); return the names, sorted."""
    dest.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in source.glob("*.ipynb"))
    for stale in dest.glob("*.ipynb"):
        if stale.name not in names:
            stale.unlink()
    for name in names:
        if not (dest / name).exists() or not filecmp.cmp(source / name, dest / name, shallow=False):
            shutil.copyfile(source / name, dest / name)
    return names


def public_modules() -> list[str]:
    """``cluster_games`` and every sub-module without a private (``_``) component, sorted."""
    import cluster_games

    names = ["cluster_games"]
    for info in pkgutil.walk_packages(cluster_games.__path__, "cluster_games."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts) or info.name.startswith(SKIP_PREFIXES):
            continue
        names.append(info.name)
    return sorted(names)


def _defines(module, name: str) -> bool:
    """Whether ``module``'s own source defines ``name`` (def, class or assignment)."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return False
    target = re.escape(name)
    pattern = rf"^(def|class)\s+{target}\b|^(\w+\s*,\s*)*{target}\s*(,\s*\w+\s*)*(:[^=\n]*)?="
    return re.search(pattern, source, re.MULTILINE) is not None


def _home(obj, name: str, documented: set[str]) -> str | None:
    """The documented module that defines ``obj`` (or ``None``)."""
    module = getattr(obj, "__module__", None)
    if inspect.isfunction(obj) or inspect.isclass(obj):
        return module if module in documented else None
    for candidate in documented:
        mod = importlib.import_module(candidate)
        if getattr(mod, name, None) is obj and _defines(mod, name):
            return candidate
    return None


def api_pages() -> dict[str, str]:
    """The text of one ``.rst`` page per public module (see :func:`public_modules`).

    ``automodule`` documents what a module defines itself (with a docstring); a name of its
    ``__all__`` defined in another public module is linked there, not repeated; one defined in a
    private module, or one without a docstring, gets its own ``autofunction``/``autoclass``/``autodata``
    entry here, so every public name appears exactly once.
    """
    modules = public_modules()
    documented = set(modules)
    claimed: set[int] = set()  # objects of private modules already documented on a page
    pages = {}
    for name in modules:
        mod = importlib.import_module(name)
        lines = [
            name,
            "=" * len(name),
            "",
            f".. automodule:: {name}",
            "   :members:",
            "   :ignore-module-all:",
            "",
        ]
        links, here, bare = [], [], []
        for export in getattr(mod, "__all__", ()):
            if export.startswith("__"):
                continue
            obj = getattr(mod, export)
            routine = inspect.isfunction(obj) or inspect.isclass(obj)
            if _defines(mod, export):
                if routine and not inspect.getdoc(obj):  # automodule skips members without a docstring
                    bare += [f".. {_directive(obj)}:: {name}.{export}", ""]
                continue
            home = _home(obj, export, documented)
            if home is not None:
                links.append(f"* :py:obj:`{export} <{home}.{export}>` (from :py:mod:`{home}`)")
            elif id(obj) not in claimed:
                claimed.add(id(obj))
                here += [f".. {_directive(obj)}:: {name}.{export}"]
                here += (
                    ["   :members:", ""]
                    if inspect.isclass(obj)
                    else ["   :no-value:", ""]
                    if not routine
                    else [""]
                )
        if bare:
            lines += ["Without a docstring yet:", "", *bare]
        if here:
            lines += ["Defined in a private module and documented here:", "", *here]
        if links:
            lines += ["Also importable from here:", "", *links, ""]
        pages[name] = "\n".join(lines)
    return pages


def _directive(obj) -> str:
    return "autoclass" if inspect.isclass(obj) else "autofunction" if inspect.isfunction(obj) else "autodata"


def write_api_pages(out: Path = DOCS / "reference" / "api") -> list[str]:
    """Write :func:`api_pages` and their index into ``out`` (files rewritten only when they change)."""
    out.mkdir(parents=True, exist_ok=True)
    pages = api_pages()
    for stale in out.glob("*.rst"):
        if stale.stem not in pages and stale.name != "index.rst":
            stale.unlink()
    index = ["API by module", "=============", "", ".. toctree::", "   :maxdepth: 1", ""]
    pages_and_index = {**pages, "index": "\n".join(index + [f"   {name}" for name in pages]) + "\n"}
    for name, text in pages_and_index.items():
        path = out / f"{name}.rst"
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
    return list(pages)


def write_cli_help() -> list[str]:
    """``cluster-games --help`` and each command's ``--help``, as text files."""
    from cluster_games.cli import build_parser

    out = DOCS / "reference" / "cli"
    out.mkdir(parents=True, exist_ok=True)
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps at the terminal width: make it fixed
    try:
        parser = build_parser()
        texts = {"cluster-games": parser.format_help()}
        sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
        for command, p in sub.choices.items():
            texts[command] = p.format_help()
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous
    for name, text in texts.items():
        path = out / f"{name}.txt"
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
    sections = []
    for name in texts:  # the parser's order: the program, then the commands as --help lists them
        sections += [f"### {name}", "", f"```{{literalinclude}} cli/{name}.txt", ":language: text", "```", ""]
    page = "\n".join(sections)
    path = out / "commands.md"
    if not path.exists() or path.read_text() != page:
        path.write_text(page)
    return sorted(texts)


#: The figures of :doc:`explanation/figures`: (file stem, arguments of ``cluster-games plot``).
FIGURES = [
    (f"{kind}-{source}", ["plot", kind, *flags])
    for kind in ("omega", "dominance", "threshold", "elasticities", "companies", "collusion")
    for source, flags in (("example", ["--example"]), ("chenghai", ["--scenario", "chenghai"]))
]


def write_figures() -> list[str]:
    """Draw :data:`FIGURES` with ``cluster_games.cli.main`` (footer on, as the CLI does by default)."""
    import contextlib
    import io

    from cluster_games.cli import main

    out = DOCS / "explanation" / "figures"
    out.mkdir(parents=True, exist_ok=True)
    for stem, argv in FIGURES:
        with contextlib.redirect_stdout(io.StringIO()):
            code = main([*argv, "--out", str(out / f"{stem}.png"), "--dpi", "100"])
        if code != 0:
            raise RuntimeError(f"cluster-games {' '.join(argv)} exited with {code}")
    return [stem for stem, _ in FIGURES]


def _generate(app) -> None:
    copy_notebooks()
    write_api_pages()
    write_cli_help()
    write_figures()


def setup(app):
    app.connect("builder-inited", _generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
