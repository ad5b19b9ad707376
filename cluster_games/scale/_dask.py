"""Running independent chunk tasks on Dask (optional extra ``dask``).

One task per chunk, submitted to a ``dask.distributed`` client: the one passed in,
a running scheduler given by address, or a temporary in-process
:class:`distributed.LocalCluster` (the default). Each task runs the very function
the numpy backend runs on the same chunk, so results are bitwise identical.
Tasks are submitted through a bounded window and their results yielded in order,
so memory is bounded by the window whatever the number of tasks.
"""

from __future__ import annotations

import contextlib
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import UnavailableError

__all__ = ["require_dask", "client_for", "map_ordered", "CONNECT_TIMEOUT"]

#: Seconds to wait for a scheduler given by address before reporting it unreachable.
CONNECT_TIMEOUT = 8

_MISSING = "backend='dask' needs dask and distributed: pip install -e '.[dask]' in a clone of cluster_games (or use backend='numpy')"


def require_dask():
    """Import dask and distributed or raise :class:`UnavailableError` with the install hint."""
    try:
        import dask
        import distributed
    except ImportError as exc:  # pragma: no cover - dask is in the test extra
        raise UnavailableError(f"{_MISSING} ({exc})") from None
    return dask, distributed


@contextlib.contextmanager
def client_for(scheduler: Any = None) -> Iterator[Any]:
    """A distributed client: ``scheduler`` itself if it is one, a client of the scheduler at
    that address if it is a string, otherwise of a temporary threaded LocalCluster.

    Raises
    ------
    UnavailableError
        For a malformed address, or a scheduler that does not answer within
        :data:`CONNECT_TIMEOUT` seconds.
    """
    _, distributed = require_dask()
    if isinstance(scheduler, distributed.Client):
        yield scheduler
    elif isinstance(scheduler, str):
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError, TypeError) as exc:  # OSError covers timeouts
            text = " ".join(str(exc).split())
            raise UnavailableError(f"cannot use Dask scheduler {scheduler!r}: {text}") from None
        with client:
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


def map_ordered(
    func: Callable[..., Any], args: Iterable[tuple], scheduler: Any = None, *, window: int | None = None
) -> Iterator[Any]:
    """``func(*a)`` for each ``a`` in ``args``, computed on Dask, yielded in order.

    At most ``window`` tasks (default: twice the number of worker threads) are in
    flight, and ``args`` is consumed lazily, so memory does not grow with the
    number of tasks.
    """
    require_dask()
    with client_for(scheduler) as client:
        if window is None:
            window = max(2, 2 * sum(client.nthreads().values()))
        pending: deque = deque()
        it = iter(args)
        for a in itertools.islice(it, window):
            pending.append(client.submit(func, *a, pure=False))
        while pending:
            future = pending.popleft()
            result = future.result()
            future.release()
            for a in itertools.islice(it, 1):
                pending.append(client.submit(func, *a, pure=False))
            yield result
