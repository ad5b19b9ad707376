"""Textbook parametric games: the family the atlas is tested on, and examples for the tutorial.

Each function returns a :class:`~cluster_games.parametric.game.ParametricGame`;
:data:`TEXTBOOK` maps a short name to each.

>>> sorted(TEXTBOOK)[:3]
['battle_of_the_sexes', 'chicken', 'coordination']
>>> print(hawk_dove().at({"V": 2, "C": 4}).equilibria())
3 isolated equilibria: (H, D), (1/2 H + 1/2 D, 1/2 H + 1/2 D), (D, H)
"""

from __future__ import annotations

from collections.abc import Callable

from .game import ParametricGame

__all__ = [
    "prisoners_dilemma",
    "donation_game",
    "stag_hunt",
    "battle_of_the_sexes",
    "chicken",
    "hawk_dove",
    "matching_pennies",
    "inspection_game",
    "entry_game",
    "public_goods",
    "coordination",
    "rock_paper_scissors",
    "mixed_dominance",
    "two_by_three",
    "three_by_three",
    "TEXTBOOK",
]


def prisoners_dilemma() -> ParametricGame:
    """Reward R, sucker S, temptation T, punishment P with T > R > P > S: defection strictly dominant."""
    return ParametricGame(
        [["R", "S"], ["T", "P"]],
        [["R", "T"], ["S", "P"]],
        parameters=["R", "S", "T", "P"],
        assumptions=["T > R", "R > P", "P > S"],
        rows="CD",
        cols="CD",
        title="Prisoner's dilemma",
    )


def donation_game() -> ParametricGame:
    """Cooperating costs c and gives the other b; with b and c of any sign the dilemma is one region of four."""
    return ParametricGame.symmetric(
        [["b - c", "-c"], ["b", 0]], parameters=["b", "c"], rows="CD", title="Donation game"
    )


def stag_hunt() -> ParametricGame:
    """Hunting the stag pays s if both do, hunting hare pays h whatever the other does."""
    return ParametricGame.symmetric(
        [["s", 0], ["h", "h"]],
        parameters=["s", "h"],
        assumptions=["s > 0", "h > 0"],
        rows="SH",
        title="Stag hunt",
    )


def battle_of_the_sexes() -> ParametricGame:
    """Two pure equilibria and a mixed one while a, b > 0; the players differ in which they prefer."""
    return ParametricGame(
        [["a", 0], [0, "b"]],
        [["b", 0], [0, "a"]],
        parameters=["a", "b"],
        assumptions=["a > 0", "b > 0"],
        rows="OF",
        cols="OF",
        title="Battle of the sexes",
    )


def chicken() -> ParametricGame:
    """Swerve or go straight; a crash costs c."""
    return ParametricGame.symmetric(
        [[0, -1], [1, "-c"]],
        parameters=["c"],
        assumptions=["c > 0"],
        rows=["Swerve", "Straight"],
        title="Chicken",
    )


def hawk_dove() -> ParametricGame:
    """A resource of value V, a fight costing C (Maynard Smith)."""
    return ParametricGame(
        [["(V - C)/2", "V"], [0, "V/2"]],
        [["(V - C)/2", 0], ["V", "V/2"]],
        parameters=["V", "C"],
        assumptions=["V > 0", "C > 0"],
        rows="HD",
        cols="HD",
        title="Hawk-dove",
    )


def matching_pennies() -> ParametricGame:
    """Matching pennies in which a match on heads pays the row player x instead of 1."""
    return ParametricGame(
        [["x", -1], [-1, 1]],
        [[-1, 1], [1, -1]],
        parameters=["x"],
        rows="HT",
        cols="HT",
        title="Matching pennies with a parameter",
    )


def inspection_game() -> ParametricGame:
    """A worker shirks or works (effort g, wage w); an inspector inspects (cost h) or not; output v."""
    return ParametricGame(
        [[0, "w"], ["w - g", "w - g"]],
        [["-h", "-w"], ["v - w - h", "v - w"]],
        parameters=["w", "g", "h", "v"],
        assumptions=["g > 0", "w > g", "h > 0", "v > w"],
        rows=["Shirk", "Work"],
        cols=["Inspect", "Trust"],
        title="Inspection game",
    )


def entry_game() -> ParametricGame:
    """An entrant stays out (0) or enters; the incumbent fights (entrant loses f) or accommodates (gains a).

    When the entrant stays out the incumbent is indifferent: for every a, f > 0 the
    equilibria (Out, any fight probability of at least a/(a + f)) form a continuum.
    """
    return ParametricGame(
        [[0, 0], ["-f", "a"]],
        [[2, 2], [-1, 1]],
        parameters=["a", "f"],
        assumptions=["a > 0", "f > 0"],
        rows=["Out", "In"],
        cols=["Fight", "Accommodate"],
        title="Entry game",
    )


def public_goods() -> ParametricGame:
    """Each of two players contributes 1 or not; contributions are multiplied by r and shared."""
    return ParametricGame.symmetric(
        [["r - 1", "r/2 - 1"], ["r/2", 0]],
        parameters=["r"],
        assumptions=["r > 0"],
        rows=["Contribute", "Free-ride"],
        title="Public-goods game",
    )


def coordination() -> ParametricGame:
    """A coordination game in four parameters: each player's payoff on each coordinated outcome."""
    return ParametricGame(
        [["a", 0], [0, "b"]],
        [["c", 0], [0, "d"]],
        parameters=["a", "b", "c", "d"],
        assumptions=["a >= 0", "b >= 0", "c >= 0", "d >= 0"],
        rows="LR",
        cols="LR",
        title="Coordination game",
    )


def rock_paper_scissors() -> ParametricGame:
    """Zero-sum rock-paper-scissors in which a win pays a and a loss costs 1."""
    A = [[0, -1, "a"], ["a", 0, -1], [-1, "a", 0]]
    B = [[0, "a", -1], [-1, 0, "a"], ["a", -1, 0]]
    return ParametricGame(
        A, B, parameters=["a"], assumptions=["a > 0"], rows="RPS", cols="RPS", title="Rock-paper-scissors"
    )


def mixed_dominance() -> ParametricGame:
    """M pays x whatever the column; it is dominated by no pure strategy, but by T/2 + B/2 when x < 3/2."""
    return ParametricGame(
        [[3, 0], ["x", "x"], [0, 3]],
        [[1, 0], [0, 1], [1, 0]],
        parameters=["x"],
        rows="TMB",
        cols="LR",
        title="Dominated by a mixture",
    )


def two_by_three() -> ParametricGame:
    """A 2x3 game in two parameters."""
    return ParametricGame(
        [["a", 1, 0], [0, "b", 2]],
        [[1, "a", 0], [2, 0, "b"]],
        parameters=["a", "b"],
        assumptions=["a >= 0", "b >= 0"],
        rows="UD",
        cols="LMR",
        title="A 2x3 game",
    )


def three_by_three() -> ParametricGame:
    """A 3x3 game in two parameters: a coordination game with an outside option."""
    return ParametricGame(
        [["a", 0, 0], [0, "b", 0], [1, 1, 1]],
        [["a", 0, 1], [0, "b", 1], [0, 0, 1]],
        parameters=["a", "b"],
        assumptions=["a > 0", "b > 0"],
        rows="XYO",
        cols="XYO",
        title="Coordination with an outside option",
    )


TEXTBOOK: dict[str, Callable[[], ParametricGame]] = {
    "prisoners_dilemma": prisoners_dilemma,
    "donation_game": donation_game,
    "stag_hunt": stag_hunt,
    "battle_of_the_sexes": battle_of_the_sexes,
    "chicken": chicken,
    "hawk_dove": hawk_dove,
    "matching_pennies": matching_pennies,
    "inspection_game": inspection_game,
    "entry_game": entry_game,
    "public_goods": public_goods,
    "coordination": coordination,
    "rock_paper_scissors": rock_paper_scissors,
    "mixed_dominance": mixed_dominance,
    "two_by_three": two_by_three,
    "three_by_three": three_by_three,
}
