"""Computation at scale: grid sweeps, seeded Monte-Carlo checks, and the Dask backend."""
