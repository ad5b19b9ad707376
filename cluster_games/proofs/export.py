"""Export every sign certificate of a proof run as JSON, for the independent checker.

``cluster-games prove --certificates DIR`` writes one file per certificate,
``DIR/<claim>.<key>.json``, in the format :meth:`SignCertificate.to_json
<cluster_games.proofs.certificates.SignCertificate.to_json>` describes: the claim, the expected
sign, the region (its hypotheses, slacks and substitution, as exact rational functions) and the
slack-form numerator and denominator as lists of ``[coefficient, exponents]`` with exact
rational coefficients as strings. ``python -m cluster_games.verify DIR`` re-checks them
without sympy, from its own encoding of the model (:mod:`cluster_games.verify`).

Examples
--------
>>> import tempfile
>>> from cluster_games.proofs import prove_all
>>> with tempfile.TemporaryDirectory() as d:
...     files = export_certificates(prove_all(), d)
>>> len(files) > 60, files[0].name
(True, 'P1.beats_Y.json')
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from .report import ProofReport

__all__ = ["export_certificates", "FORMAT"]

#: The ``format`` field of every exported certificate.
FORMAT = "cluster-games-certificate/1"


def export_certificates(report: ProofReport, directory: str | os.PathLike[str]) -> list[Path]:
    """Write each certificate of ``report`` that holds to ``directory`` (created if missing).

    Earlier certificates in ``directory`` (JSON files of :data:`FORMAT`) are removed first, so
    the directory holds exactly this run's; other files are left alone.

    Raises
    ------
    ValueError
        If a claim has two certificates with the same key, or a certificate that does not hold
        (a failed proof has nothing to export: run ``prove`` until it passes).
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):  # a certificate dropped from the proofs must not linger and verify
        if _is_certificate(old):
            old.unlink()
    written: list[Path] = []
    try:
        _write(report, out, written)
    except BaseException:  # a full disk, an interrupt: no partial export is left
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def _is_certificate(path: Path) -> bool:
    """Whether ``path`` is a certificate file this export wrote (a small regular file of :data:`FORMAT`).

    Anything else, a FIFO or a device named ``*.json`` included, is left alone without being read.
    """
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > 1 << 20:
            return False
        return json.loads(path.read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def _write(report: ProofReport, out: Path, written: list[Path]) -> None:
    for claim in report.claims:
        seen: set[str] = set()
        for step in claim.proof:
            cert = step.certificate
            if cert is None:
                continue
            if cert.key in seen:
                raise ValueError(f"claim {claim.id} has two certificates with the key {cert.key!r}")
            if not cert.holds:
                raise ValueError(f"certificate {claim.id}.{cert.key} does not hold: nothing to export")
            seen.add(cert.key)
            path = out / f"{claim.id}.{cert.key}.json"
            written.append(path)
            path.write_text(json.dumps(cert.to_json(claim.id), indent=1) + "\n", encoding="utf-8")
