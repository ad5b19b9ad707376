"""Sphinx configuration of the cluster_games documentation.

Build: ``pip install -e '.[docs]'`` then ``sphinx-build -W -b html docs docs/_build/html``.
Nothing is executed and nothing is fetched, at build time or when the pages are read: the notebooks
are rendered with their committed outputs (``nb_execution_mode = "off"``), there is no intersphinx
mapping, and MathJax is served from the site itself (``_static/mathjax/``, copied from the package
``sphinx-mathjax-offline`` of the docs extra), so formulas typeset offline. ``tools/check_docs_math.py``
checks that in headless Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cluster_games

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "cluster_games"
author = "cluster_games developers"
copyright = "cluster_games developers, MIT licence"
version = release = cluster_games.__version__

extensions = [
    "myst_nb",  # Markdown pages (MyST) and the executed notebooks
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # copies MathJax 3 into _static/mathjax/ and points mathjax_path there
    "sphinx.ext.viewcode",
    "numpydoc",
    "cluster_games_docs",  # copies the notebooks, writes the API pages and the CLI's --help
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "reference/cli/*"]  # cli/: included by reference/cli.md
templates_path: list[str] = []

# --- Math: MathJax from the site itself, never from a CDN ---------------------------------------
mathjax_path = "mathjax/tex-chtml.js"  # relative: _static/mathjax/tex-chtml.js (sphinx-mathjax-offline)

# --- MyST and myst-nb -------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "off"  # render the committed outputs; the test suite re-executes the notebooks
nb_merge_streams = True
# Markdown outputs (proof reports, sensitivity tables) hold tables and $...$ math: parse them as MyST.
nb_render_markdown_format = "myst"
# ipywidgets views need a live kernel; their saved state is not a figure or a table.
nb_mime_priority_overrides = [
    ("html", "application/vnd.jupyter.widget-view+json", None),
    ("html", "application/vnd.jupyter.widget-state+json", None),
]
# ... and no page loads require.js and the widget manager from CDNs for them:
nb_ipywidgets_js: dict[str, dict[str, str]] = {}

# --- autodoc and numpydoc ---------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the numpydoc "Parameters" sections state the types
autodoc_default_options = {"show-inheritance": True}
numpydoc_show_class_members = False  # members are documented by autodoc's :members:
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# --- HTML -------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"cluster_games {release}"
html_theme_options = {
    "navbar_align": "left",
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version", "theme-version"],
}
html_sidebars = {"index": []}
html_show_sourcelink = False
