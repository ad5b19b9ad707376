r"""Compiled kernels of :mod:`~cluster_games.games.float_guided` (numba; imported only by it).

A vertex of :math:`\{z \ge 0 : Gz \le 1\}` (``G`` of shape ``(f, d)``, entries integers stored
exactly as floats) is named by the bit mask of its tight constraints: bit ``i < d`` for
:math:`z_i = 0`, bit ``d + j`` for :math:`(Gz)_j = 1`. :func:`vertex` *certifies* that a mask
names a simple vertex, in float64 with a rigorous bound on every rounding error, and computes
its ``d`` neighbours (one per tight constraint relaxed, by a float ratio test).

Certification. With :math:`S` the support and :math:`J` the tight rows (:math:`|S| = |J| = k`),
:math:`z_S` solves :math:`N z_S = 1`, :math:`N = G_{JS}`. For a float inverse :math:`R`,
:math:`C = I - RN` is bounded by :math:`\alpha = \max_a \sum_b |\hat C_{ab}| + \gamma_{k+2}(1 +
(|R||N|\mathbf 1)_a)` (:math:`\gamma_n = nu/(1 - nu)`, :math:`u = 2^{-53}`, Higham's bound on a
dot product). If :math:`\alpha < 1/2`, :math:`N` is non-singular and, with the residual bound
:math:`\rho = |1 - N\tilde z| + \gamma_{k+2}(1 + |N||\tilde z|)`,
:math:`\|z^* - \tilde z\|_\infty \le \delta = \| |R| \rho \|_\infty / (1 - \alpha)`. The vertex is
simple with exactly these tight constraints iff every :math:`z^*_b > 0` and every other slack
:math:`1 - G_j z^* > 0`; both are certified when the float value exceeds its bound (doubled,
which also covers the rounding of the bounds themselves). A tie (a degenerate vertex) can never
be certified: it is left to exact arithmetic.
"""

from __future__ import annotations

import numpy as np
from numba import njit

DONE, BUDGET, GROW, DEFER = 0, 1, 2, 3
_U = 2.0**-53
_MULT = np.uint64(11400714819323198485)  # 2^64 / golden ratio: Fibonacci hashing


@njit(cache=True)
def _inverse(N, k, R, W):
    """``R = N^{-1}`` (leading ``k x k`` block) by Gauss-Jordan with partial pivoting; False if a pivot is 0."""
    for a in range(k):
        for b in range(k):
            W[a, b] = N[a, b]
            R[a, b] = 1.0 if a == b else 0.0
    for c in range(k):
        p, best = c, abs(W[c, c])
        for r in range(c + 1, k):
            if abs(W[r, c]) > best:
                p, best = r, abs(W[r, c])
        if best == 0.0:
            return False
        if p != c:
            for b in range(k):
                W[c, b], W[p, b] = W[p, b], W[c, b]
                R[c, b], R[p, b] = R[p, b], R[c, b]
        piv = W[c, c]
        for b in range(k):
            W[c, b] /= piv
            R[c, b] /= piv
        for r in range(k):
            if r != c and W[r, c] != 0.0:
                fr = W[r, c]
                for b in range(k):
                    W[r, b] -= fr * W[c, b]
                    R[r, b] -= fr * R[c, b]
    return True


@njit(cache=True)
def _solve_certified(N, k, R, W, z, rho):
    """``z ~ N^{-1} 1`` and ``delta >= max |z* - z|`` (module docstring); -1 if ``N`` is singular in floats,
    ``inf`` if the bound cannot be established (``alpha >= 1/2``). ``R`` receives the float inverse."""
    if not _inverse(N, k, R, W):
        return -1.0
    g = (k + 2) * _U / (1.0 - (k + 2) * _U)
    for a in range(k):  # row sums of |N| (kept in z for the moment)
        s = 0.0
        for b in range(k):
            s += abs(N[a, b])
        z[a] = s
    alpha = 0.0
    for a in range(k):
        s = 0.0
        t = 0.0
        for b in range(k):
            c = 1.0 if a == b else 0.0
            for cc in range(k):
                c -= R[a, cc] * N[cc, b]
            s += abs(c)
            t += abs(R[a, b]) * z[b]
        s += g * (1.0 + t)
        if s > alpha:
            alpha = s
    for a in range(k):
        s = 0.0
        for b in range(k):
            s += R[a, b]
        z[a] = s
    for a in range(k):  # the residual bound
        r = 1.0
        t = 0.0
        for b in range(k):
            r -= N[a, b] * z[b]
            t += abs(N[a, b] * z[b])
        rho[a] = abs(r) + g * (1.0 + t)
    worst = 0.0
    for a in range(k):
        s = 0.0
        for b in range(k):
            s += abs(R[a, b]) * rho[b]
        if s > worst:
            worst = s
    if alpha >= 0.5:
        return np.inf
    return 2.0 * worst / (1.0 - alpha)


@njit(cache=True)
def _slack(M, row, cols, x, k, g, delta):
    r"""The slack :math:`s = 1 - \sum_{b<k} M_{row, cols_b} x_b` in float64 and the doubled bound on its error.

    With :math:`t = \sum_b |M_{row, cols_b} x_b|` and :math:`\ell_1 = \sum_b |M_{row, cols_b}|`, the
    float sum is within :math:`\gamma_{k+2}(1 + t)` (``g``) of the exact slack at ``x``, and ``x`` within
    ``delta`` of the exact solution moves it by at most :math:`\ell_1 \delta`: the exact slack is
    certainly positive if :math:`s > 2(g(1 + t) + \ell_1 \delta)` (doubled to cover the bound's own
    rounding), certainly negative if :math:`s < -` that.
    """
    s = 1.0
    t = 0.0
    l1 = 0.0
    for b in range(k):
        v = M[row, cols[b]]
        s -= v * x[b]
        t += abs(v * x[b])
        l1 += abs(v)
    return s, 2.0 * (g * (1.0 + t) + l1 * delta)


@njit(cache=True)
def vertex(G, mask, nb, labs, clear, parent, S, J, N, R, W, z, slack, dS):
    """Certify ``mask`` and write its neighbours' masks to ``nb[:d]``.

    Returns 1 if ``mask`` is certified a simple vertex, 0 if not (the neighbours are still
    computed, for the probe), -1 if they cannot be (a singular system). ``labs[q]`` is the tight
    constraint relaxed to reach ``nb[q]``; ``clear[q]`` is False when the float ratio test's
    two smallest ratios are within a relative 1e-9 of each other (a possible tie: the edge is
    left to exact arithmetic). ``parent[0]`` receives the neighbour along the first edge that
    lowers ``sum(z)`` (Bland's rule: the reverse-search parent of the probe), or -1 at the origin.
    """
    f, d = G.shape
    k = 0
    for i in range(d):
        if not (mask >> i) & 1:
            S[k] = i
            k += 1
    kj = 0
    for j in range(f):
        if (mask >> (d + j)) & 1:
            if kj == k:
                return -1
            J[kj] = j
            kj += 1
    if kj != k:
        return -1
    certified = 1
    g = (k + 2) * _U / (1.0 - (k + 2) * _U)
    delta = 0.0
    if k > 0:
        for a in range(k):
            for b in range(k):
                N[a, b] = G[J[a], S[b]]
        delta = _solve_certified(N, k, R, W, z, dS)
        if delta < 0.0:
            return -1
        if delta == np.inf:
            certified = 0
        for a in range(k):
            if not z[a] > delta:
                certified = 0
    for j in range(f):
        if (mask >> (d + j)) & 1:
            continue
        s, bound = _slack(G, j, S, z, k, g, delta)
        slack[j] = s
        if not s > bound:
            certified = 0
    count = 0
    parent[0] = -1
    for lab in range(d + f):
        if not (mask >> lab) & 1:
            continue
        i = -1
        if lab < d:  # relax z_i = 0: d_i = 1, N d_S = -G[J, i]
            i = lab
            for a in range(k):
                s = 0.0
                for b in range(k):
                    s -= R[a, b] * G[J[b], i]
                dS[a] = s
        else:  # relax row J[a0]: N d_S = -e_a0
            a0 = 0
            while J[a0] != lab - d:
                a0 += 1
            for a in range(k):
                dS[a] = -R[a, a0]
        best = np.inf
        second = np.inf
        enter = -1
        for a in range(k):
            if dS[a] < 0.0:
                t = z[a] / -dS[a]
                if t < best:
                    best, second, enter = t, best, S[a]
                elif t < second:
                    second = t
        for j in range(f):
            if (mask >> (d + j)) & 1:
                continue
            gj = G[j, i] if i >= 0 else 0.0
            for a in range(k):
                gj += G[j, S[a]] * dS[a]
            if gj > 0.0:
                t = slack[j] / gj
                if t < best:
                    best, second, enter = t, best, d + j
                elif t < second:
                    second = t
        if enter < 0:
            return -1
        nb[count] = (mask & ~(np.int64(1) << lab)) | (np.int64(1) << enter)
        labs[count] = lab
        clear[count] = second == np.inf or second - best > 1e-9 * second
        if parent[0] < 0:
            objective = 1.0 if i >= 0 else 0.0
            for a in range(k):
                objective += dS[a]
            if objective < 0.0:
                parent[0] = nb[count]
        count += 1
    return certified


@njit(cache=True)
def _slot(table, key):
    size = table.shape[0]
    h = np.uint64(key) * _MULT
    h ^= h >> np.uint64(29)
    idx = np.int64(h & np.uint64(size - 1))
    while table[idx] != -1 and table[idx] != key:
        idx = (idx + 1) & (size - 1)
    return idx


@njit(cache=True)
def rebuild(table, masks, n):
    table[:] = -1
    for q in range(n):
        table[_slot(table, masks[q])] = masks[q]


def _work(G):
    f, d = G.shape
    k = min(f, d)
    return (
        np.empty(d, np.int64),
        np.empty(k, np.int64),
        np.empty((k, k)),
        np.empty((k, k)),
        np.empty((k, k)),
        np.empty(k),
        np.empty(f),
        np.empty(k),
    )


_work = njit(cache=True)(_work)


@njit(cache=True)
def insert(table, masks, n, key):
    """Add ``key`` to the set (and to ``masks[n]``); returns the new count."""
    s = _slot(table, key)
    if table[s] == -1:
        table[s] = key
        masks[n] = key
        n += 1
    return n


@njit(cache=True)
def walk(G, masks, n, head, table, budget, deferred, counts):
    """Certify and expand the masks ``head .. n`` (breadth first), at most ``budget`` of them.

    A mask that cannot be certified goes to ``deferred[:, 0]`` with ``-1`` in column 1; an edge
    of a certified vertex whose ratio test is too close to call goes there as ``(mask, label)``
    (``counts[0]`` of them). Returns ``(head, n, status)``: DONE (queue empty), BUDGET, GROW
    (``masks`` is full: enlarge it and the table, call again) or DEFER (``deferred`` is full:
    hand it to exact arithmetic, then call again).
    """
    d = G.shape[1]
    S, J, N, R, W, z, slack, dS = _work(G)
    nb = np.empty(d, np.int64)
    labs = np.empty(d, np.int64)
    clear = np.empty(d, np.bool_)
    parent = np.empty(1, np.int64)
    done = 0
    while head < n:
        if done >= budget:
            return head, n, BUDGET
        if n + d > masks.shape[0]:
            return head, n, GROW
        if counts[0] + d > deferred.shape[0]:
            return head, n, DEFER
        mask = masks[head]
        if vertex(G, mask, nb, labs, clear, parent, S, J, N, R, W, z, slack, dS) != 1:
            deferred[counts[0], 0] = mask
            deferred[counts[0], 1] = -1
            counts[0] += 1
        else:
            for q in range(d):
                if clear[q]:
                    n = insert(table, masks, n, nb[q])
                else:
                    deferred[counts[0], 0] = mask
                    deferred[counts[0], 1] = labs[q]
                    counts[0] += 1
        head += 1
        done += 1
    return head, n, DONE


@njit(cache=True)
def faces(A, masks, out):
    """For each simple vertex ``x`` of P (mask in P's labels), its complementary face in Q.

    With ``S`` the support of ``x`` and ``J`` its best responses (``|S| = |J| = k``), the face is
    the one point ``y_J = A_SJ^{-1} 1`` if it lies in Q. ``out[q]``: 0 certified empty (a
    coordinate certainly negative, or a row certainly above 1), 1 certified a simple vertex of Q
    (every coordinate and every other slack certainly positive), 2 undecided (a tie, or a
    singular or ill-conditioned ``A_SJ``): left to exact arithmetic.
    """
    m, n = A.shape
    k0 = min(m, n)
    S = np.empty(m, np.int64)
    J = np.empty(n, np.int64)
    N = np.empty((k0, k0))
    R = np.empty((k0, k0))
    W = np.empty((k0, k0))
    y = np.empty(k0)
    rho = np.empty(k0)
    for q in range(masks.shape[0]):
        mask = masks[q]
        k = 0
        for i in range(m):
            if not (mask >> i) & 1:
                S[k] = i
                k += 1
        kj = 0
        for j in range(n):
            if (mask >> (m + j)) & 1:
                if kj < k0:
                    J[kj] = j
                kj += 1
        if k == 0:
            out[q] = 0  # the origin pairs only with the origin
            continue
        if kj != k:
            out[q] = 2
            continue
        for a in range(k):
            for b in range(k):
                N[a, b] = A[S[a], J[b]]
        delta = _solve_certified(N, k, R, W, y, rho)
        if delta < 0.0 or delta == np.inf:
            out[q] = 2
            continue
        g = (k + 2) * _U / (1.0 - (k + 2) * _U)
        empty = False
        simple = True
        for b in range(k):
            if y[b] < -delta:
                empty = True
            elif not y[b] > delta:
                simple = False
        b = 0
        for i in range(m):
            if b < k and S[b] == i:
                b += 1
                continue
            s, bound = _slack(A, i, J, y, k, g, delta)
            if s < -bound:
                empty = True
            elif not s > bound:
                simple = False
        out[q] = 0 if empty else (1 if simple else 2)


@njit(cache=True)
def probe(G, paths, seed):
    """Knuth's estimate of the number of vertices: the mean over random root-to-leaf paths of the
    reverse-search tree (parent: Bland's rule towards the origin) of ``1 + c1 + c1 c2 + ...``."""
    f, d = G.shape
    S, J, N, R, W, z, slack, dS = _work(G)
    nb = np.empty(d, np.int64)
    nb2 = np.empty(d, np.int64)
    labs = np.empty(d, np.int64)
    clear = np.empty(d, np.bool_)
    kids = np.empty(d, np.int64)
    parent = np.empty(1, np.int64)
    state = np.uint64(seed)  # a 64-bit linear congruential generator (Knuth's MMIX constants)
    total = 0.0
    origin = (np.int64(1) << d) - 1
    for _ in range(paths):
        v = origin
        est = 1.0
        weight = 1.0
        for _depth in range(4 * (d + f)):
            if vertex(G, v, nb, labs, clear, parent, S, J, N, R, W, z, slack, dS) < 0:
                break
            c = 0
            for q in range(d):
                if (
                    vertex(G, nb[q], nb2, labs, clear, parent, S, J, N, R, W, z, slack, dS) >= 0
                    and parent[0] == v
                ):
                    kids[c] = nb[q]
                    c += 1
            if c == 0:
                break
            weight *= c
            est += weight
            state = state * np.uint64(6364136223846793005) + np.uint64(1442695040888963407)
            v = kids[np.int64((state >> np.uint64(33)) % np.uint64(c))]
        total += est
    return total / paths
