"""Check that a built documentation site typesets its formulas offline, in a real browser.

Every page of ``DIR`` (default ``docs/_build/html``) is read: none may refer to a script, stylesheet,
font or image outside the site, and a page without math elements may hold no raw TeX. Every page that
holds math is then loaded in headless Chromium from a local HTTP server on 127.0.0.1 (background
networking off, a fresh profile). After MathJax has run, each such page must have

* every math element (Sphinx writes ``<span class="math">`` and ``<div class="math">``) typeset: it
  holds an ``mjx-container`` (MathJax) or a ``.katex`` element;
* no MathJax error (``mjx-merror``);
* no raw TeX left in the visible text outside code blocks: no ``\\(``, ``\\[``, ``$$``, and no
  ``$...$`` span holding a backslash, ``^``, ``_`` or a brace.

Usage::

    python tools/check_docs_math.py [DIR] [--page PATH ...] [--chromium PATH] [--jobs N]

Exit codes: 0 every checked page passes; 1 a page fails (each failure printed); 2 no Chromium, no
site, or no page with math.  ``tests/docs/test_math_offline.py`` tests this module, and ``.ci/run``
runs it on the site it builds.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

#: Flags of every Chromium run: headless, no sandbox (CI runs as root), nothing fetched on its own.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: Virtual time the page gets before its DOM is dumped (MathJax loads its fonts and extensions lazily).
BUDGET_MS = 15000
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
}  # fmt: skip
#: Elements whose text is not prose: code, scripts, styles, and MathJax's own output (and any element
#: of class ``pre``, Sphinx's literal text).
OPAQUE = {"pre", "code", "script", "style", "textarea", "kbd", "samp", "mjx-container", "svg", "math"}
RAW_TEX = re.compile(r"\\\(|\\\[|\$\$|\$[^$\n]*[\\^_{}][^$\n]*\$|\\begin\{")
MATH_MARKER = re.compile(r'class="[^"]*\bmath\b')
EXTERNAL = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=[\"'](?:https?:)?//[^\"']*"
    r"|<link\b[^>]*\bhref=[\"'](?:https?:)?//[^\"']*",
    re.IGNORECASE,
)


@dataclass
class PageMath:
    """What a rendered page shows of its formulas."""

    math_elements: int = 0
    typeset: int = 0
    untypeset: list[str] = field(default_factory=list)
    errors: int = 0
    raw_tex: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.math_elements > 0 and not self.untypeset and not self.errors and not self.raw_tex

    def problems(self) -> list[str]:
        out = [f"math element not typeset: {s!r}" for s in self.untypeset[:5]]
        if len(self.untypeset) > 5:
            out.append(f"... and {len(self.untypeset) - 5} more math elements not typeset")
        out += [f"raw TeX in the text: {s!r}" for s in self.raw_tex[:5]]
        if self.errors:
            out.append(f"{self.errors} MathJax error(s) (mjx-merror)")
        if not self.math_elements:
            out.append("no math element on the page")
        return out


class _MathScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = PageMath()
        # open elements: (tag, is_math, opaque, typeset_seen, text collected while math)
        self._stack: list[list] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("mjx-container",) or "katex" in classes:
            for frame in self._stack:
                if frame[1]:
                    frame[3] = True
        if tag == "mjx-merror":
            self.report.errors += 1
        if tag in VOID:
            return
        is_math = "math" in classes and tag in ("span", "div")
        if is_math:
            self.report.math_elements += 1
        # Sphinx writes literal text (signatures, inline code) as <span class="pre">
        opaque = tag in OPAQUE or "pre" in classes
        self._stack.append([tag, is_math, opaque, False, []])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self._stack and self._stack[-1][0] == tag:
            self._close(self._stack.pop())

    def handle_endtag(self, tag):
        if tag in VOID or not any(frame[0] == tag for frame in self._stack):
            return
        while self._stack:
            frame = self._stack.pop()
            self._close(frame)
            if frame[0] == tag:
                break

    def _close(self, frame):
        _, is_math, _, typeset, text = frame
        if not is_math:
            return
        if typeset:
            self.report.typeset += 1
        else:
            self.report.untypeset.append(" ".join("".join(text).split())[:120])

    def handle_data(self, data):
        for frame in self._stack:
            if frame[1]:
                frame[4].append(data)
        if not any(frame[2] for frame in self._stack):
            self._text.append(data)

    def close(self):
        super().close()
        while self._stack:
            self._close(self._stack.pop())
        text = "".join(self._text)
        self.report.raw_tex = [
            " ".join(text[max(0, m.start() - 30) : m.end() + 30].split()) for m in RAW_TEX.finditer(text)
        ]


def scan(dom: str) -> PageMath:
    """Read a rendered page's DOM (HTML text) and report on its math."""
    scanner = _MathScanner()
    scanner.feed(dom)
    scanner.close()
    return scanner.report


def external_references(html: str) -> list[str]:
    """Scripts, stylesheets, fonts and images a page would load from outside the site."""
    return [m.group(0) for m in EXTERNAL.finditer(html)]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def render(url: str, chromium: str, budget_ms: int = BUDGET_MS, timeout: float = 120) -> str:
    """The DOM of ``url`` after ``budget_ms`` of virtual time in headless Chromium (fresh profile)."""
    with tempfile.TemporaryDirectory(prefix="cg-chromium-") as profile:
        cmd = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={budget_ms}",
            "--dump-dom",
            url,
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or "<html" not in done.stdout:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"chromium exited with {done.returncode} on {url}: {last}")
    return done.stdout


def page_kind(path: str) -> str:
    """``notebook``, ``API`` or ``Markdown``: the three kinds of page the site is built from."""
    if path.startswith("tutorial/notebooks/"):
        return "notebook"
    if path.startswith("reference/api/"):
        return "API"
    return "Markdown"


def pages_with_math(site: Path) -> list[str]:
    """Paths (relative, POSIX) of the built pages that hold a math element, sorted."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "_modules" not in p.parts and MATH_MARKER.search(p.read_text(encoding="utf-8", errors="replace"))
    )


def static_problems(site: Path) -> dict[str, list[str]]:
    """Problems visible in the built files themselves, for every page: references outside the site,
    and raw TeX on a page with no math element (one that MathJax will not be asked to typeset)."""
    results = {}
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8", errors="replace")
        problems = [f"loads from outside the site: {ref}" for ref in external_references(html)]
        if not MATH_MARKER.search(html):
            problems += [f"raw TeX in the text: {s!r}" for s in scan(html).raw_tex[:5]]
        if problems:
            results[path.relative_to(site).as_posix()] = problems
    return results


def check_site(
    site: Path, pages: Sequence[str], chromium: str, jobs: int = 2, budget_ms: int = BUDGET_MS
) -> dict[str, list[str]]:
    """Render each page and return its problems (an empty list for a page that passes)."""
    results: dict[str, list[str]] = {}
    with serve(site) as base:

        def one(page: str) -> tuple[str, list[str]]:
            try:
                return page, scan(render(base + page, chromium, budget_ms)).problems()
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                return page, [str(exc).splitlines()[0]]

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for page, problems in pool.map(one, pages):
                results[page] = problems
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="docs/_build/html", type=Path, help="the built site")
    parser.add_argument("--page", action="append", help="a page to check (default: every page with math)")
    parser.add_argument("--chromium", help="the browser (default: chromium on PATH)")
    parser.add_argument("--jobs", type=int, default=2, help="pages rendered at once (default 2)")
    args = parser.parse_args(argv)
    chromium = args.chromium or find_chromium()
    if chromium is None:
        print("check_docs_math: no chromium on PATH (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    if not (args.site / "index.html").is_file():
        print(f"check_docs_math: no built site at {args.site} (no index.html)", file=sys.stderr)
        return 2
    pages = args.page or pages_with_math(args.site)
    if not pages:
        print(f"check_docs_math: no page with math under {args.site}", file=sys.stderr)
        return 2
    static = static_problems(args.site)
    for page, problems in static.items():
        for problem in problems:
            print(f"{page}: {problem}")
    results = check_site(args.site, pages, chromium, jobs=args.jobs)
    kinds: dict[str, list[int]] = {}
    for page, problems in results.items():
        passed_failed = kinds.setdefault(page_kind(page), [0, 0])
        passed_failed[1 if problems else 0] += 1
        for problem in problems:
            print(f"{page}: {problem}")
    by_kind = ", ".join(f"{kind} {p}/{p + f}" for kind, (p, f) in sorted(kinds.items()))
    typeset = sum(not problems for problems in results.values())
    n_pages = sum(1 for _ in args.site.rglob("*.html"))
    print(f"{n_pages} pages read, {len(static)} with a reference outside the site or raw TeX")
    print(f"math typeset offline in headless Chromium on {typeset} of {len(results)} pages ({by_kind})")
    return 1 if static or any(results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
