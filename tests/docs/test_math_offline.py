"""Formulas render offline: MathJax is served from the built site, and tools/check_docs_math.py (which
.ci/run runs on the whole site) tells a typeset page from one left as raw TeX.

The scanner is tested on hand-written DOMs whose answer is fixed by construction; the browser tests
need Debian's chromium (and the docs extra for the real pages) and skip, saying so, without them.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import check_docs_math as C  # noqa: E402

CHROMIUM = C.find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)"
)


def _mathjax_dir() -> Path | None:
    """The MathJax files the docs extra installs (package ``sphinx-mathjax-offline``), or None."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "static" / "mathjax"


def _page(body: str, script: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{script}</head><body>{body}</body></html>"


TYPESET = '<span class="math notranslate"><mjx-container class="MathJax"><mjx-math></mjx-math></mjx-container></span>'


# ------------------------------------------------------------------------------ the scanner
def test_a_typeset_page_passes():
    display = "<div class='math'><mjx-container display='true'></mjx-container></div>"
    report = C.scan(_page(f"<p>rate {TYPESET} and</p>{display}"))
    assert (report.math_elements, report.typeset, report.untypeset, report.errors) == (2, 2, [], 0)
    assert report.raw_tex == [] and report.ok


def test_a_math_element_left_as_tex_is_reported_with_its_text():
    report = C.scan(_page(f'<p>{TYPESET} and <span class="math">\\(k^2 &gt; \\rho\\)</span></p>'))
    assert report.math_elements == 2 and report.typeset == 1
    assert report.untypeset == ["\\(k^2 > \\rho\\)"]
    assert report.raw_tex and not report.ok


@pytest.mark.parametrize(
    "prose", ["where $\\omega^*$ falls", "\\[ x = 1 \\]", "$$x$$", "$c_A$ is a cost", "\\begin{align}"]
)
def test_raw_tex_in_the_prose_fails_the_page(prose):
    report = C.scan(_page(f"<p>{TYPESET}</p><p>{prose}</p>"))
    assert report.raw_tex and not report.ok


@pytest.mark.parametrize(
    "html",
    [
        "<p>it costs $5 and $6 a unit</p>",  # dollars without TeX inside are prose
        "<pre>echo $PWD; sed 's/\\(a\\)/b/'</pre>",  # code blocks
        "<p><code>re.compile(r'\\(x\\)')</code></p>",
        '<dt><span class="pre">REGIONS</span> <span class="pre">=</span> <span class="pre">$k^2&gt;\\rho$</span></dt>',
        "<script>var s = '$x^2$';</script>",
    ],
)
def test_dollars_and_tex_in_code_or_plain_prose_are_not_raw_math(html):
    report = C.scan(_page(f"<p>{TYPESET}</p>{html}"))
    assert report.raw_tex == [] and report.ok


def test_a_mathjax_error_and_a_page_without_math_fail():
    error = '<span class="math"><mjx-container><mjx-merror>Undefined control sequence</mjx-merror></mjx-container></span>'
    report = C.scan(_page(error))
    assert report.errors == 1 and not report.ok
    empty = C.scan(_page("<p>no formula here</p>"))
    assert empty.math_elements == 0 and not empty.ok and empty.problems() == ["no math element on the page"]


def test_katex_output_counts_as_typeset():
    report = C.scan(
        _page('<span class="math"><span class="katex"><span class="katex-html">x</span></span></span>')
    )
    assert report.typeset == 1 and report.ok


def test_references_outside_the_site_are_found():
    html = (
        '<script src="https://cdn.jsdelivr.net/npm/mathjax@4/tex-mml-chtml.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.org/a.css">'
        '<script src="../_static/mathjax/tex-chtml.js"></script>'
        '<a href="https://github.com/">a link is not a load</a>'
    )
    refs = C.external_references(html)
    assert len(refs) == 2 and "cdn.jsdelivr.net" in refs[0] and "fonts.example.org" in refs[1]


def test_page_kinds():
    assert C.page_kind("tutorial/notebooks/01_model_and_game.html") == "notebook"
    assert C.page_kind("reference/api/cluster_games.model.html") == "API"
    assert C.page_kind("explanation/model.html") == "Markdown"


# ------------------------------------------------------------------------------ the configuration
def test_conf_serves_mathjax_from_the_site_and_the_docs_extra_installs_it():
    conf = (ROOT / "docs" / "conf.py").read_text()
    path = re.search(r'^mathjax_path = "([^"]+)"', conf, re.M)
    assert path is not None and "//" not in path.group(1) and path.group(1).endswith(".js")
    assert '"sphinx-mathjax-offline"' in conf
    assert re.search(r"^nb_ipywidgets_js\b.*= \{\}", conf, re.M)  # no require.js / widget manager from CDNs
    docs_extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"][
        "docs"
    ]
    assert any(req.startswith("sphinx-mathjax-offline") for req in docs_extra)


# ------------------------------------------------------------------------------ in the browser
@needs_chromium
def test_chromium_typesets_with_local_mathjax_and_the_check_fails_without_it(tmp_path):
    mathjax = _mathjax_dir()
    if mathjax is None:
        pytest.skip("sphinx-mathjax-offline (docs extra) not installed: no MathJax to serve")
    shutil.copytree(mathjax, tmp_path / "mathjax")
    body = '<p>rate <span class="math">\\(\\omega^* = c_A / c\\)</span></p><div class="math">\\[k^2 > \\rho\\]</div>'
    (tmp_path / "good.html").write_text(_page(body, '<script defer src="mathjax/tex-chtml.js"></script>'))
    (tmp_path / "broken.html").write_text(_page(body, '<script defer src="missing/tex-chtml.js"></script>'))
    results = C.check_site(tmp_path, ["good.html", "broken.html"], CHROMIUM)
    assert results["good.html"] == []
    assert len([p for p in results["broken.html"] if "not typeset" in p]) == 2


@needs_chromium
def test_every_page_kind_of_the_real_site_typesets_offline(tmp_path):
    """One Markdown page, one notebook page and one API page of docs/, built with the project's conf.py
    (only those pages, so warnings about the rest are expected and not checked here: .ci/run builds the
    whole site with -W and checks every page)."""
    for module in ("sphinx", "myst_nb", "numpydoc", "pydata_sphinx_theme", "sphinx-mathjax-offline"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} not installed (docs extra): the site cannot be built")
    pages = {
        "explanation/model.md": "explanation/model.html",
        "tutorial/notebooks/01_model_and_game.ipynb": "tutorial/notebooks/01_model_and_game.html",
        "reference/api/cluster_games.model.rst": "reference/api/cluster_games.model.html",
    }
    out = tmp_path / "html"
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(tmp_path / "doctrees")]
    cmd += ["-D", "include_patterns=index.md," + ",".join(pages), str(ROOT / "docs"), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (out / "_static" / "mathjax" / "tex-chtml.js").is_file()
    results = C.check_site(out, list(pages.values()), CHROMIUM)
    assert results == {page: [] for page in pages.values()}
    for page in pages.values():
        html = (out / page).read_text()
        assert C.external_references(html) == [] and 'src="../' in html
