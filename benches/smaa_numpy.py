"""SMAA-2 in vectorised numpy: the computation of `dcsite run` for column criteria with
measurement noise, min-max normalisation, the weighted sum and unknown weights.

Used by benches/compare.py to time dcsite against numpy. Per draw d (as in
src/simulate/mod.rs, src/world.rs, src/mcda/):

* weights w uniform on the simplex: n standard exponentials divided by their sum
  (src/uncertainty/weights.rs `uniform_simplex`);
* measurement noise (src/world.rs): a criterion whose base values are all positive gets
  lognormal noise with the same mean and sd, x = exp(μ + σ·N(0, 1)) with
  σ² = ln(1 + (sd/base)²), μ = ln base − σ²/2, so values stay positive; any other
  criterion gets normal noise, x = base + sd·N(0, 1) (`noise="normal"` forces this);
* min-max normalisation of each criterion over the sites: benefit (x − min)/(max − min),
  cost (max − x)/(max − min), 0.5 when the criterion is constant in the draw;
* score S_i = Σ_j w_j r_ij; sites ranked by score, descending, exact ties by site order.

Accumulated over the draws: rank acceptability counts, central weights (mean weights over
the draws where a site ranks first), pairwise winning counts (i ranks above j), the mean,
sd and 5/50/95 % quantiles of each site's score and of each raw value; then the confidence
pass: the same input draws (regenerated from the same seeds) scored under each site's
central weights, counting the draws where that site ranks first.

Quantiles use the same summary as dcsite: a DDSketch with dcsite's mapping, bucket
constant (K = 101, relative accuracy 0.5 %) and quantile rule (src/simulate/sketch.rs), so
the two differ only through their random numbers.

Draws are processed in chunks of `chunk` draws as 3-D arrays (draws × criteria × sites,
sites contiguous). Chunk k draws from its own PCG64 stream (numpy's default generator),
spawned from `SeedSequence(seed)`; the confidence pass re-creates the same streams, as
dcsite re-creates its batch generators. numpy runs it on one thread; benches/compare.py
also pins the BLAS library to one thread (its small matrix products gain nothing from more).
"""

from __future__ import annotations

import numpy as np

# Sketch constants of src/simulate/sketch.rs.
K = 101.0
TINY = 1e-12


def _bucket(a: np.ndarray) -> np.ndarray:
    """⌈K·ℓ(a)⌉ for a > 0, with dcsite's ℓ(x) = e + m − 1 for x = 2^e·m, 1 ≤ m < 2.

    The bits of a positive double read as an integer are (e + 1023)·2^52 + (m − 1)·2^52,
    so ℓ(x) = bits·2^−52 − 1023: one conversion instead of splitting mantissa and exponent.
    """
    y = a.view(np.int64).astype(np.float64)
    y *= K * 2.0**-52
    y -= K * 1023.0
    return np.ceil(y, out=y).astype(np.int64)


def _ell_inv(l: np.ndarray) -> np.ndarray:
    e = np.floor(l)
    return np.ldexp(1.0 + (l - e), e.astype(np.int64))


def _bucket_value(i: np.ndarray) -> np.ndarray:
    lo, hi = _ell_inv((i - 1) / K), _ell_inv(i / K)
    return 2.0 * lo * hi / (lo + hi)


class _Buckets:
    """Dense bucket counts for `cells` sketches sharing one index range."""

    def __init__(self, cells: int):
        self.cells = cells
        self.offset = 0
        self.counts = np.zeros((cells, 0), dtype=np.int64)

    def add(self, cell: np.ndarray, idx: np.ndarray) -> None:
        """Counts one value in bucket idx[k] of sketch cell[k] (flat arrays)."""
        lo, hi = int(idx.min()), int(idx.max())
        width = self.counts.shape[1]
        if width == 0:
            self.offset, width = lo, hi - lo + 1
            self.counts = np.zeros((self.cells, width), dtype=np.int64)
        elif lo < self.offset or hi >= self.offset + width:
            new_lo, new_hi = min(lo, self.offset), max(hi, self.offset + width - 1)
            grown = np.zeros((self.cells, new_hi - new_lo + 1), dtype=np.int64)
            grown[:, self.offset - new_lo : self.offset - new_lo + width] = self.counts
            self.counts, self.offset = grown, new_lo
            width = grown.shape[1]
        flat = cell * width + (idx - self.offset)
        self.counts += np.bincount(flat, minlength=self.cells * width).reshape(self.cells, width)


class Sketches:
    """`cells` DDSketches (dcsite's `Sketch`), filled a chunk at a time."""

    def __init__(self, cells: int):
        self.cells = cells
        self.zeros = np.zeros(cells, dtype=np.int64)
        self.pos = _Buckets(cells)
        self.neg = _Buckets(cells)
        self._cell = np.arange(cells)

    def add(self, x: np.ndarray) -> None:
        """Adds a (draws, cells) array: row d holds one value for every sketch."""
        x = x.reshape(-1, self.cells)
        if x.min() >= TINY:  # the usual case: all positive, no masks needed
            idx = _bucket(x)
            self.pos.add(np.broadcast_to(self._cell, x.shape).ravel(), idx.ravel())
            return
        cell = np.broadcast_to(self._cell, x.shape)
        a = np.abs(x)
        small = a < TINY
        self.zeros += small.sum(axis=0)
        for side, buckets in ((x > 0.0) & ~small, self.pos), ((x < 0.0) & ~small, self.neg):
            if side.any():
                buckets.add(cell[side], _bucket(a[side]))

    def quantile(self, q: float) -> np.ndarray:
        """The q-quantile of every sketch, as `Sketch::quantile` computes it (NaN if empty)."""
        neg = self.neg.counts[:, ::-1]  # most negative first
        neg_seen = np.cumsum(neg, axis=1)
        neg_total = neg.sum(axis=1)
        pos_seen = np.cumsum(self.pos.counts, axis=1) + (neg_total + self.zeros)[:, None]
        n = neg_total + self.zeros + self.pos.counts.sum(axis=1)
        target = np.floor(min(max(q, 0.0), 1.0) * (n - 1)).astype(np.int64)
        out = np.full(self.cells, np.nan)
        in_neg = (n > 0) & (neg_total > target)
        in_zero = (n > 0) & ~in_neg & (neg_total + self.zeros > target)
        in_pos = (n > 0) & ~in_neg & ~in_zero
        if in_neg.any():
            k = (neg_seen[in_neg] > target[in_neg, None]).argmax(axis=1)
            out[in_neg] = -_bucket_value(self.neg.offset + neg.shape[1] - 1 - k)
        out[in_zero] = 0.0
        if in_pos.any():
            k = (pos_seen[in_pos] > target[in_pos, None]).argmax(axis=1)
            out[in_pos] = _bucket_value(self.pos.offset + k)
        return out


def _streams(seed: int, draws: int, chunk: int):
    """(generator, draws in chunk) for every chunk of the run; same seed, same streams."""
    chunks = -(-draws // chunk)
    for k, ss in enumerate(np.random.SeedSequence(seed).spawn(chunks)):
        yield np.random.default_rng(ss), min(chunk, draws - k * chunk)


class _Noise:
    """Measurement-noise parameters, criteria × sites: x = loc + scale·z, then exp() on the
    lognormal criteria."""

    def __init__(self, base_t, sd_t, noise):
        self.base_t = base_t
        if noise == "auto":
            positive = (base_t > 0.0).all(axis=1)
        elif noise == "normal":
            positive = np.zeros(len(base_t), dtype=bool)
        else:
            raise ValueError(f"noise must be 'auto' or 'normal', not {noise!r}")
        self.log = np.flatnonzero(positive)  # lognormal criteria
        self.all_log = len(self.log) == len(base_t)
        with np.errstate(divide="ignore", invalid="ignore"):
            var = np.log1p((sd_t / base_t) ** 2)
            mu = np.log(base_t) - 0.5 * var
        self.loc = np.where(positive[:, None], mu, base_t)
        self.scale = np.where(positive[:, None], np.sqrt(var), sd_t)
        # Noise-free cells of lognormal criteria keep their base value exactly.
        self.exact = positive[:, None] & (sd_t <= 0.0)
        self.any_exact = bool(self.exact.any())

    def sample(self, rng, c):
        """c draws: weights (c × n) and raw values x (c × n × m).

        Arrays are criteria × sites per draw, sites contiguous, so that the reductions over
        the sites (normalisation, argmax) run along the fast axis.
        """
        e = rng.standard_exponential((c, self.loc.shape[0]))
        w = e / e.sum(axis=1, keepdims=True)
        x = rng.standard_normal((c,) + self.loc.shape)
        x *= self.scale
        x += self.loc
        if self.all_log:
            np.exp(x, out=x)
        elif len(self.log):
            x[:, self.log] = np.exp(x[:, self.log])
        if self.any_exact:
            x[:, self.exact] = self.base_t[self.exact]
        return w, x


def _normalise(x, flip):
    """Min-max normalisation over the sites (last axis) into a new array.

    Cost criteria are negated first, so that every column is (y − min y)/(max y − min y):
    for y = −x that is (max x − x)/(max x − min x), dcsite's cost formula, same arithmetic.
    A criterion constant over the sites gets 0.5.
    """
    r = x * flip
    lo = r.min(axis=2, keepdims=True)
    span = r.max(axis=2, keepdims=True)
    span -= lo
    r -= lo
    const = span <= 0.0
    if const.any():
        span[const] = 1.0
        r /= span
        r[np.broadcast_to(const, r.shape)] = 0.5
    else:
        r /= span
    return r


def _ranks(s):
    """Order (best first), 0-based rank of the sites of each draw (rows of s) and the rows
    with exact ties. The rank is SMAA-2's, the number of sites with a strictly higher score,
    so tied sites share the better one (as dcsite ranks); the order lists them by site."""
    order = np.argsort(-s, axis=1)
    ranked = np.take_along_axis(s, order, axis=1)
    tied = (ranked[:, 1:] == ranked[:, :-1]).any(axis=1)
    if tied.any():  # rare: redo those rows with a stable sort, lower site index first
        order[tied] = np.argsort(-s[tied], axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(s.shape[1])[None, :], axis=1)
    if tied.any():  # shared ranks: count the sites strictly ahead
        t = s[tied]
        rank[tied] = (t[:, None, :] > t[:, :, None]).sum(axis=2)
    return order, rank, tied


def smaa2(base, sd, benefit, draws, seed=42, chunk=500, block=100,
          quantiles=(0.05, 0.5, 0.95), confidence=True, noise="auto"):
    """Runs SMAA-2 and returns its results as a dict of arrays (sites × … , site order).

    base, sd: sites × criteria arrays; benefit: per criterion, True for `max`. `chunk`:
    draws per random stream and per vectorised step; `block`: draws per matrix product of
    the confidence pass (kept small so that the draws × sites × sites scores stay in cache).
    """
    base = np.asarray(base, dtype=np.float64)
    m, n = base.shape
    base_t = np.ascontiguousarray(base.T)  # n × m
    sd_t = np.ascontiguousarray(np.asarray(sd, dtype=np.float64).T)
    noise = _Noise(base_t, sd_t, noise)
    flip = np.where(np.asarray(benefit, dtype=bool), 1.0, -1.0)[:, None]  # n × 1
    rank_cells = np.arange(m) * m  # row offset of site i in the flat m × m rank counts
    rank_counts = np.zeros(m * m, dtype=np.int64)
    above = np.zeros(m * m, dtype=np.int64)  # above[i·m + j]: draws with i ranked above j
    small = np.uint8 if m <= 255 else np.uint16
    acc = np.uint16 if chunk < 2**16 else np.uint32
    first_w = np.zeros(m * n)
    w_cells = np.arange(n)
    s_sum, s_sq = np.zeros(m), np.zeros(m)
    v_sum, v_sq = np.zeros((n, m)), np.zeros((n, m))  # of x − base, for accuracy
    s_sketch = Sketches(m)
    v_sketch = Sketches(n * m)  # cell j·m + i

    for rng, c in _streams(seed, draws, chunk):
        w, x = noise.sample(rng, c)
        dev = x - base_t
        v_sum += dev.sum(axis=0)
        dev *= dev
        v_sq += dev.sum(axis=0)
        v_sketch.add(x.reshape(c, n * m))
        r = _normalise(x, flip)
        s = np.einsum("djm,dj->dm", r, w)  # Σ_j w_j r_ij
        s_sum += s.sum(axis=0)
        s_sq += np.einsum("di,di->i", s, s)
        s_sketch.add(s)
        order, rank, tied = _ranks(s)
        rank_counts += np.bincount((rank + rank_cells).ravel(), minlength=m * m)
        rk = rank.astype(small)
        above += np.add.reduce((rk[:, :, None] < rk[:, None, :]).reshape(c, m * m).view(np.uint8),
                               axis=0, dtype=acc)
        # Central weights: the weights summed over the draws where each site is first.
        first_w += np.bincount((order[:, :1] * n + w_cells).ravel(), weights=w.ravel(),
                               minlength=m * n)
        if tied.any():  # the other sites tied for first count too
            extra = rank[tied] == 0
            extra[np.arange(extra.shape[0]), order[tied, 0]] = False
            first_w += (extra.T.astype(np.float64) @ w[tied]).ravel()

    rank_counts = rank_counts.reshape(m, m)
    firsts = rank_counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_w.reshape(m, n) / firsts[:, None]
    central[firsts == 0] = np.nan

    hits = np.zeros(m, dtype=np.int64)
    if confidence:
        have = np.flatnonzero(firsts > 0)  # sites with central weights
        cw = np.ascontiguousarray(central[have])  # k × n
        for rng, c in _streams(seed, draws, chunk):
            _, x = noise.sample(rng, c)
            r = _normalise(x, flip)
            for b in range(0, c, block):
                # Scores of every site under every central weight vector: (k × n)(n × m)
                # per draw; a site wins when no site scores more (a tie shares the rank).
                sc = np.matmul(cw, r[b : b + block])  # block × k × m
                own = sc[:, np.arange(have.size), have]  # block × k
                hits[have] += (own >= sc.max(axis=2)).sum(axis=0)

    d = float(draws)
    s_mean = s_sum / d
    v_mean = v_sum.T / d
    var = lambda sq, mean: np.maximum(sq / d - mean * mean, 0.0) * d / max(d - 1.0, 1.0)
    return {
        "draws": draws,
        "rank_counts": rank_counts,
        "acceptability": rank_counts / d,
        "p_first": firsts / d,
        "expected_rank": (rank_counts * np.arange(1, m + 1)).sum(axis=1) / d,
        "pairwise": above.reshape(m, m) / d,
        "central_weights": central,
        "confidence_factor": np.where(firsts > 0, hits / d, np.nan),
        "score_mean": s_mean,
        "score_sd": np.sqrt(var(s_sq, s_mean)),
        "score_q": {q: s_sketch.quantile(q) for q in quantiles},
        "value_mean": base + v_mean,
        "value_sd": np.sqrt(var(v_sq.T, v_mean)),
        "value_q": {q: v_sketch.quantile(q).reshape(n, m).T for q in quantiles},
    }


def floor(base_shape, draws, seed=42, chunk=500, passes=1):
    """Generates the run's random numbers alone (n exponentials and m·n normals per draw,
    `passes` times over), in the same chunks and streams as `smaa2`."""
    m, n = base_shape
    total = 0.0
    for _ in range(passes):
        for rng, c in _streams(seed, draws, chunk):
            total += rng.standard_exponential((c, n))[0, 0]
            total += rng.standard_normal((c, n, m))[0, 0, 0]
    return total
