"""An atlas as JSON (SPEC 5.3), as text, and as a Markdown table with LaTeX for Jupyter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .witness import text

if TYPE_CHECKING:  # pragma: no cover
    from .atlas import Atlas, Region

__all__ = ["atlas_dict", "region_dict", "atlas_text", "atlas_markdown"]


def region_dict(r: Region) -> dict[str, Any]:
    """One region as JSON-ready data: the keys of SPEC 5.3 and the rest of its structure."""
    rows, cols = r.labels
    return {
        "id": r.id,
        "conditions": r.conditions_text,
        "dimension": r.dimension,
        "dimension_certified": r.dimension_certified,
        "witness": {k: text(v) for k, v in r.witness.items()},
        "extreme_equilibria": [[list(r.x_text[i]), list(r.y_text[j])] for i, j in r.equilibria],
        "maximal_nash_subsets": [
            {"rows": [list(r.x_text[i]) for i in S], "cols": [list(r.y_text[j]) for j in T]}
            for S, T in r.subsets
        ],
        "components": [list(c) for c in r.components],
        "degenerate": r.degenerate,
        "strictly_dominant": {"row": r.strictly_dominant[0], "column": r.strictly_dominant[1]},
        "weakly_dominant": {"row": r.weakly_dominant[0], "column": r.weakly_dominant[1]},
        "surviving": {
            "rows": [rows.index(s) for s in r.survivors[0]],
            "cols": [cols.index(s) for s in r.survivors[1]],
        },
        "structure": r.structure,
        "description": r.description,
    }


def atlas_dict(atlas: Atlas) -> dict[str, Any]:
    g = atlas.game
    return {
        "title": g.title,
        "parameters": list(g.parameters),
        "assumptions": g.assumption_texts,
        "rows": list(g.rows),
        "cols": list(g.cols),
        "regions": [region_dict(r) for r in atlas.regions],
        "undecided": [
            {"conditions": [c.text for c in u.conditions], "reason": u.reason} for u in atlas.undecided
        ],
        "complete": atlas.complete,
        "critical_polynomials": [_poly(e, g) for e in atlas.critical],
        "solver_queries": atlas.queries,
        "seconds": round(atlas.seconds, 3),
    }


def _poly(expr, game) -> str:
    from .printing import poly_text

    return poly_text(game.ring().poly(expr), game.parameters)


def atlas_text(atlas: Atlas) -> str:
    g = atlas.game
    head = f"{g.title or 'game'}: equilibrium atlas over {', '.join(g.parameters) or 'no parameters'}"
    lines = [head]
    if g.assumptions:
        lines.append("domain: " + ", ".join(g.assumption_texts))
    lines.append(
        f"{len(atlas.regions)} regions, {len({r.structure for r in atlas.regions})} structures"
        + (f", {len(atlas.undecided)} undecided" if atlas.undecided else "")
        + f" ({atlas.queries} solver queries, {atlas.seconds:.2f} s)"
    )
    for r in atlas.regions:
        lines.append("")
        where = " and ".join(r.conditions_text) or "the whole domain"
        lines.append(
            f"region {r.id} (dimension {r.dimension}{'' if r.dimension_certified else ', at most'}): {where}"
        )
        lines.append("  witness: " + ", ".join(f"{k}={text(v)}" for k, v in r.witness.items()))
        lines.append(f"  {r.description}")
        if len(r.equilibria) > 1 or not r.finite:
            lines += [f"    {e}" for e in r.equilibria_text]
        if not r.finite:
            lines.append(f"  maximal Nash subsets: {len(r.subsets)}, components: {len(r.components)}")
        lines.append(
            f"  surviving iterated elimination: rows {list(r.survivors[0])}, columns {list(r.survivors[1])}"
        )
    for u in atlas.undecided:
        lines += ["", str(u)]
    return "\n".join(lines)


def _strategy_latex(probabilities, labels) -> str:
    nonzero = [(p, s) for p, s in zip(probabilities, labels, strict=True) if p != "0"]
    if len(nonzero) == 1 and nonzero[0][0] == "1":
        return rf"\mathrm{{{nonzero[0][1]}}}"
    return " + ".join(rf"{p}\,\mathrm{{{s}}}" for p, s in nonzero)


def atlas_markdown(atlas: Atlas) -> str:
    """A table of regions: conditions and equilibria in LaTeX (renders in Jupyter)."""
    g = atlas.game
    lines = [f"**{g.title or 'Equilibrium atlas'}**: {len(atlas.regions)} regions", ""]
    lines.append("| region | dim | conditions | extreme equilibria | dominance |")
    lines.append("|---|---|---|---|---|")
    for r in atlas.regions:
        rl, cl = r.labels
        conds = ", ".join(f"${c.latex}$" for c in r.conditions) or "whole domain"
        eqs = "<br>".join(
            f"$\\left({_strategy_latex(r.x_latex[i], rl)},\\ {_strategy_latex(r.y_latex[j], cl)}\\right)$"
            for i, j in r.equilibria
        )
        dom = []
        for who, s, w in zip(("row", "col"), r.strictly_dominant, r.weakly_dominant, strict=True):
            if s is not None:
                dom.append(f"{s} strict ({who})")
            elif w is not None:
                dom.append(f"{w} weak ({who})")
        extra = " (degenerate)" if r.degenerate else ""
        lines.append(f"| {r.id} | {r.dimension} | {conds} | {eqs}{extra} | {', '.join(dom) or '-'} |")
    for u in atlas.undecided:
        lines.append(
            f"| ? | | {', '.join(f'${c.latex}$' for c in u.conditions)} | undecided ({u.reason}) | |"
        )
    return "\n".join(lines)
