"""A standing audit: every planted bug (``tests/planted.py``) makes ``prove``, ``verify`` or the tests fail.

The three bugs of issue 21 passed all three before; each is planted here in the package's current
form, with bugs of the same kinds at the other boundaries and printed formulas. The run copies the
package once per bug and takes a few minutes on two cores (``python tests/planted.py`` prints the table).
"""

from __future__ import annotations

import pytest
from planted import ISSUE, PLANTED, ROOT, run_all, table


def test_each_planted_bug_still_applies_exactly_once():
    """A planted bug whose source has moved would silently test nothing: each edit matches once."""
    for planted in PLANTED:
        text = (ROOT / planted.path).read_text(encoding="utf-8")
        for old, _ in planted.edits:
            assert text.count(old) == 1, (planted.id, old)
    assert len({p.id for p in PLANTED}) == len(PLANTED)


def test_the_three_bugs_of_issue_21_are_planted():
    ids = {p.id for p in PLANTED if p.kind == ISSUE}
    assert {
        "collusion_sustainable >= made >",
        "R1 prints W_1 with 8 beta F/n",
        "K5 states iff k^2 >= rho",
    } <= ids
    assert {p.kind for p in PLANTED} >= {
        "strict/non-strict",
        "printed constant",
        "hypothesis dropped",
        "formula typed",
        "guard off",
    }


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_every_planted_bug_is_killed(tmp_path):
    outcomes = run_all(tmp_path, workers=2)
    survivors = [o.planted.id for o in outcomes if o.killed_by is None]
    assert not survivors, table(outcomes)
