"""Running independent chunk tasks on Dask (optional extra ``dask``).

One :func:`dask.delayed` task per chunk, computed on a ``dask.distributed``
client: the one passed in, a running scheduler given by address, or a
temporary in-process :class:`distributed.LocalCluster` (the default). Each
task runs the very function the numpy backend runs on the same chunk, so
results are bitwise identical.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

__all__ = ["require_dask", "client_for", "run_tasks"]

_MISSING = (
    "backend='dask' needs dask and distributed: pip install 'cluster-games[dask]' (or use backend='numpy')"
)


def require_dask():
    """Import dask and distributed or raise ImportError with the install hint."""
    try:
        import dask
        import distributed
    except ImportError as exc:  # pragma: no cover - dask is in the test extra
        raise ImportError(f"{_MISSING} ({exc})") from None
    return dask, distributed


@contextlib.contextmanager
def client_for(scheduler: Any = None) -> Iterator[Any]:
    """A distributed client: ``scheduler`` itself if it is one, a client of the scheduler at
    that address if it is a string, otherwise of a temporary threaded LocalCluster."""
    _, distributed = require_dask()
    if isinstance(scheduler, distributed.Client):
        yield scheduler
    elif isinstance(scheduler, str):
        with distributed.Client(scheduler) as client:
            yield client
    elif scheduler is None:
        with (
            distributed.LocalCluster(processes=False, dashboard_address=None) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
    else:
        raise TypeError(
            f"scheduler must be None, an address string or a distributed.Client, got {scheduler!r}"
        )


def run_tasks(
    func: Callable[..., Any],
    args: Sequence[tuple],
    scheduler: Any = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Any]:
    """``[func(*a) for a in args]`` as one delayed task each, computed on the client, in order.

    ``on_done(i)`` is called as task ``i`` finishes (for a progress bar).
    """
    dask, distributed = require_dask()
    tasks = [dask.delayed(func, pure=True)(*a) for a in args]
    with client_for(scheduler) as client:
        futures = client.compute(tasks)
        if on_done is not None:
            index = {f.key: i for i, f in enumerate(futures)}
            for f in distributed.as_completed(futures):
                on_done(index[f.key])
        return list(client.gather(futures))
