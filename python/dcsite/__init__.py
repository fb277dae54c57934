"""dcsite: data-center site selection under uncertainty (Monte Carlo SMAA-2), from Python.

The same engine as the ``dcsite`` command line, built into this package (no binary to
install, no network): the same scenario, seed and draws give the same results, byte for
byte, and the tables come out as pandas DataFrames with the columns of the CSV files
(docs/outputs.md).

>>> import dcsite
>>> r = dcsite.run("examples/apple-icloud-china.toml", draws=500, seed=1)  # doctest: +SKIP
>>> r.ranking[["rank", "site_id", "p_first"]].head()                      # doctest: +SKIP
>>> r.write("runs/apple")  # the run directory, as `dcsite run` writes it  # doctest: +SKIP

Functions: :func:`run`, :func:`load_run`, :func:`validate`, :func:`sites`, :func:`explain`;
bad input raises :class:`InputError` (a ``ValueError``) whose ``.problems`` lists every
problem found. See docs/python.md.
"""

from __future__ import annotations

import csv
import io
import json
import operator
import os
import warnings
from pathlib import Path
from typing import Any, Mapping, Optional, Tuple, Union

import pandas as pd

from . import _dcsite
from ._dcsite import InputError

__all__ = [
    "InputError",
    "Results",
    "explain",
    "load_run",
    "read_csv",
    "run",
    "sites",
    "validate",
    "DATASETS",
]
__version__ = _dcsite.__version__
InputError.__module__ = "dcsite"

#: The dataset names ``run(data=...)`` accepts (each replaces the file ``<name>.csv``).
DATASETS = tuple(_dcsite.dataset_names())

Scenario = Union[str, "os.PathLike[str]"]
Datasets = Optional[Mapping[str, Union[pd.DataFrame, str]]]

# Columns that hold text in dcsite's CSV files: read as str, so that a country code "NA"
# or a site id "1" stays what it is. Only empty cells are missing values.
_STRING_COLUMNS = frozenset(
    {
        "site_id",
        "id",
        "name",
        "country",
        "broken_rule_base",
        "criterion",
        "source",
        "unit",
        "direction",
        "metric",
        "user_group",
    }
)

# Whole-number columns (ranks, counts, indices): int64. Every other number is float64, even
# when a table's values all happen to be whole (a feasible share of 0 or 1, a land price).
_INT_COLUMNS = frozenset({"rank", "points", "draw", "step", "base_rank", "k", "n_sites"})

# The tables of a run directory, by attribute of Results.
_TABLES = {
    "ranking": "ranking.csv",
    "acceptability": "acceptability.csv",
    "central_weights": "central_weights.csv",
    "pairwise": "pairwise.csv",
    "criteria": "criteria.csv",
    "factors": "factors.csv",
    "latency": "latency.csv",
}


def read_csv(source: Union[bytes, str, "os.PathLike[str]"]) -> pd.DataFrame:
    """Reads one of dcsite's CSV files (bytes, or a path) as :class:`Results` does.

    Text columns (``site_id``, ``name``, ``country``, ``criterion``, …) are ``str``; only
    empty cells are missing (NaN), so a country code ``"NA"`` (Namibia) stays a string and a
    site id ``"007"`` stays ``"007"``, with or without a byte-order mark and CRLF line ends.
    Numbers are as pandas reads them, so that a dataset read and given back (``data=``)
    keeps its whole-number columns (``month``, ``stand_in``); :class:`Results` makes its
    tables' numbers ``float64`` (:func:`_result_frame`).
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    # "utf-8-sig": a byte-order mark (Excel's "CSV UTF-8") is not part of the first column's
    # name, as neither pandas nor the engine take it to be.
    first = data.split(b"\n", 1)[0].decode("utf-8-sig")
    header = next(csv.reader([first])) if first else []
    dtype = {c: str for c in header if c in _STRING_COLUMNS}
    return pd.read_csv(io.BytesIO(data), dtype=dtype, keep_default_na=False, na_values=[""])


def _result_frame(data: bytes) -> pd.DataFrame:
    """A results table: :func:`read_csv`, with every number ``float64`` whatever its values
    (a feasible share of 0 or 1), except whole-number columns (``rank``, ``points``, …)."""
    frame = read_csv(data)
    for c in frame.columns:
        if c not in _INT_COLUMNS and pd.api.types.is_integer_dtype(frame[c]):
            frame[c] = frame[c].astype("float64")
    return frame


def _input_error(key: str, value: Any, allowed: str) -> InputError:
    err = InputError(f"{key} = {value}: {allowed}")
    err.problems = [
        {
            "file": "run",
            "key": key,
            "line": None,
            "value": str(value),
            "allowed": allowed,
            "message": allowed,
        }
    ]
    return err


def _scenario(scenario: Scenario, base_dir) -> Tuple[str, bool, Optional[str]]:
    """(text or path, is_path, base_dir) of a scenario given as a path or as TOML text."""
    if isinstance(scenario, os.PathLike):
        is_path = True
        scenario = os.fspath(scenario)
    elif isinstance(scenario, str):
        # TOML text has a newline or a `key = value`; a path has neither (or exists).
        is_path = not ("\n" in scenario or ("=" in scenario and not os.path.exists(scenario)))
    else:
        raise TypeError(f"scenario must be a path or TOML text (str), not {type(scenario).__name__}")
    if not scenario.strip():
        raise _input_error("scenario", '""', "empty: give the path of a scenario file or its TOML text")
    if is_path and base_dir is not None:
        raise TypeError("base_dir= is for a scenario given as TOML text, not a path")
    return scenario, is_path, None if base_dir is None else os.fspath(base_dir)


def _datasets(data: Datasets):
    """[(name, CSV text)] of data=: DataFrames are written as CSV (their index too when it
    is named, as after ``set_index("id")``); str values are CSV text."""
    if data is None:
        return []
    if not isinstance(data, Mapping):
        raise TypeError("data must map dataset names (e.g. 'sites') to DataFrames or CSV text")
    out = []
    for name, value in data.items():
        if isinstance(value, pd.DataFrame):
            index = any(n is not None for n in value.index.names)
            text = value.to_csv(index=index, lineterminator="\n")
        elif isinstance(value, str):
            text = value
        else:
            raise TypeError(
                f"data[{name!r}] must be a pandas DataFrame or CSV text, not {type(value).__name__}"
            )
        out.append((str(name), text))
    return out


# The largest whole number the engine takes (a 64-bit unsigned integer).
_MAX_COUNT = 2**64 - 1


def _whole(value) -> Optional[int]:
    """``value`` as an int if it is a whole number type (int, numpy.int64, …; not bool, not
    float), else None."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


def _count(key: str, value, minimum: int) -> Optional[int]:
    if value is None:
        return None
    number = _whole(value)
    if number is None:
        raise TypeError(f"{key} must be an int, not {type(value).__name__}")
    if number < minimum:
        raise _input_error(key, number, f"must be >= {minimum}")
    if number > _MAX_COUNT:
        raise _input_error(key, number, f"must be <= {_MAX_COUNT}")
    return number


def _shard(shard) -> Optional[Tuple[int, int]]:
    """(k, n) from (k, n) or "k/n"."""
    if shard is None:
        return None
    allowed = "k/n or (k, n), whole numbers with 1 <= k <= n, e.g. 2/4"
    if isinstance(shard, str):
        try:
            k, n = (int(x) for x in shard.split("/"))
        except ValueError:
            raise _input_error("shard", shard, allowed) from None
    elif isinstance(shard, (tuple, list)) and len(shard) == 2:
        k, n = (_whole(x) for x in shard)
        if k is None or n is None:
            raise _input_error("shard", repr(tuple(shard)), allowed)
    else:
        raise _input_error("shard", repr(shard), allowed)
    if not (1 <= k <= n <= _MAX_COUNT):
        raise _input_error("shard", f"{k}/{n}", allowed)
    return k, n


class Results:
    """The results of a run (:func:`run`) or of a run directory read back (:func:`load_run`).

    Tables, as pandas DataFrames with the columns of the CSV files of a run directory
    (docs/outputs.md); text columns are ``str``, empty cells NaN:

    * ``ranking``: one row per site, best first (``rank``, ``site_id``, ``name``,
      ``country``, ``lat``, ``lon``, ``score_base``, …, ``p_first``, ``expected_rank``, …);
    * ``acceptability``: ``site_id, rank_1 … rank_m``, share of draws at each rank;
    * ``central_weights``: ``site_id, p_first, confidence_factor`` and one weight per criterion;
    * ``pairwise``: ``site_id`` and one column per site, the pairwise winning indices;
    * ``criteria``: long format, one row per site and criterion (base, mean, sd, percentiles);
    * ``factors``: every factor metric of the base case (``site_id, metric, value, unit``);
    * ``latency``: RTT per site and user group.

    ``acceptability``, ``central_weights`` and ``pairwise`` are ``None`` for a base-case
    run (``draws=0``), ``latency`` for a scenario without users.

    ``summary`` is ``summary.json`` as a dict, ``warnings`` a list of str, and
    :meth:`write` writes the run directory exactly as ``dcsite run`` does.
    """

    def __init__(self, native: "_dcsite.Run"):
        self._native = native
        self._bytes = dict(native.tables())
        self._frames: dict = {}
        self._summary: Optional[dict] = None

    def _table(self, name: str) -> Optional[pd.DataFrame]:
        if name not in self._bytes:
            return None
        if name not in self._frames:
            self._frames[name] = _result_frame(self._bytes[name])
        # A copy: changing it does not change the results.
        return self._frames[name].copy()

    @property
    def ranking(self) -> pd.DataFrame:
        """``ranking.csv``: one row per site, best first."""
        return self._table("ranking.csv")

    @property
    def acceptability(self) -> Optional[pd.DataFrame]:
        """``acceptability.csv``: share of draws in which each site takes each rank (None without draws)."""
        return self._table("acceptability.csv")

    @property
    def central_weights(self) -> Optional[pd.DataFrame]:
        """``central_weights.csv``: each site's central weights and confidence factor (None without draws)."""
        return self._table("central_weights.csv")

    @property
    def pairwise(self) -> Optional[pd.DataFrame]:
        """``pairwise.csv``: share of draws in which the row's site ranks above the column's (None without draws)."""
        return self._table("pairwise.csv")

    @property
    def criteria(self) -> pd.DataFrame:
        """``criteria.csv``: each site's criterion values, base case and over the draws (long format)."""
        return self._table("criteria.csv")

    @property
    def factors(self) -> pd.DataFrame:
        """``factors.csv``: every factor metric of the base case (long format)."""
        return self._table("factors.csv")

    @property
    def latency(self) -> Optional[pd.DataFrame]:
        """``latency.csv``: RTT from each site to each user group (None without users)."""
        return self._table("latency.csv")

    @property
    def geojson(self) -> dict:
        """``ranking.geojson`` as a dict: the ranking as GeoJSON points."""
        return json.loads(self._bytes["ranking.geojson"])

    @property
    def summary(self) -> dict:
        """``summary.json`` as a dict: provenance (scenario, model, input files with SHA-256,
        seed, draws, version), warnings, verdict and headline results. For a new run its
        ``wall_time_s`` is the time from the start of the run (reading the scenario and
        data) to its results, as in the CLI; time spent before this access does not count."""
        if self._summary is None:
            self._summary = json.loads(self._native.summary_json())
        return json.loads(json.dumps(self._summary))

    @property
    def warnings(self) -> list:
        """What the run warns of (list of str): the scenario's and the draws'."""
        return list(self._native.warnings())

    def tables(self) -> dict:
        """Every table of the run directory as bytes, by file name (``ranking.csv``, …)."""
        return dict(self._bytes)

    def write(self, dir: Union[str, "os.PathLike[str]"], *, plots: bool = True, report: bool = False) -> Path:
        """Writes the run directory ``dir`` (created if needed) exactly as ``dcsite run``
        does: the CSV, JSON and GeoJSON files, ``state.json``, ``inputs.json``,
        ``summary.json`` and ``plots/`` (PNG and SVG; ``plots=False`` skips them, as
        ``--no-plots``), and ``report.html`` with ``report=True`` (``--report``). Outputs of
        an earlier run in ``dir`` that this one does not write are removed. Returns the
        directory."""
        self._native.write(os.fspath(dir), plots, report)
        return Path(dir)

    def __repr__(self) -> str:
        s = self.summary
        best = self.ranking["site_id"].iloc[0] if len(self.ranking) else None
        return (
            f"<dcsite.Results {s['scenario_name']!r}: {len(self.ranking)} sites, "
            f"{s['draws']} draws, seed {s['seed']}, best {best!r}>"
        )


def run(
    scenario: Scenario,
    *,
    draws: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    shard: Union[None, Tuple[int, int], str] = None,
    top_k: Optional[int] = None,
    data: Datasets = None,
    base_dir: Union[None, str, "os.PathLike[str]"] = None,
) -> Results:
    """Validates and simulates a scenario; returns its :class:`Results` (nothing is written).

    :param scenario: the path of a scenario file, or its TOML text (a str with a newline or
        ``=``); relative paths in TOML text (model, ``[data]`` files) are relative to
        ``base_dir`` (default: the working directory).
    :param draws: Monte Carlo draws (default: the scenario's ``simulation.draws``; 0: the
        base case only).
    :param seed: the seed (default: the scenario's ``simulation.seed``).
    :param threads: worker threads (default: all cores); the results do not depend on it.
    :param shard: ``(k, n)`` or ``"k/n"``: only the k-th of n shards (merge them with
        ``dcsite merge``).
    :param top_k: large-site mode: rank acceptabilities for ranks 1..top_k only and the
        pairwise table over a shortlist (default: the scenario's ``simulation.top_k``; every
        rank up to 1,000 sites, 100 above; docs/scenario.md).
    :param data: datasets in memory, by name (``"sites"``, ``"climate"``, ``"climate_bins"``,
        ``"jurisdictions"``, ``"urban_areas"`` (the user points and remoteness)): DataFrames (or CSV text) that
        replace the file the scenario names, or the shipped one. They are checked like
        files, and kept in the run directory's ``inputs.json``.
    :raises InputError: bad scenario, model, data or options; ``.problems`` lists them all.
    :raises KeyboardInterrupt: Ctrl-C stops the run (within one batch of 500 draws).

    The run's warnings (``Results.warnings``, what ``dcsite run`` prints) are also issued as
    :class:`UserWarning` (:mod:`warnings`), as :func:`validate` issues them.

    The simulation runs with the GIL released.
    """
    text, is_path, base = _scenario(scenario, base_dir)
    native = _dcsite.run(
        text,
        is_path,
        base,
        _datasets(data),
        _count("draws", draws, 0),
        _count("seed", seed, 0),
        _count("threads", threads, 1),
        _shard(shard),
        _count("top_k", top_k, 1),
    )
    results = Results(native)
    for w in results.warnings:
        warnings.warn(w, UserWarning, stacklevel=2)
    return results


def load_run(dir: Union[str, "os.PathLike[str]"]) -> Results:
    """Reads a run directory (written by ``dcsite run``, ``dcsite merge`` or
    :meth:`Results.write`) back into the same :class:`Results`. The scenario and model come
    from its ``inputs.json``; the datasets it read must be unchanged (same SHA-256)."""
    return Results(_dcsite.load_run(os.fspath(dir)))


def validate(
    scenario: Scenario,
    *,
    data: Datasets = None,
    base_dir: Union[None, str, "os.PathLike[str]"] = None,
) -> list:
    """The problems of a scenario, its model and the data it uses, as ``dcsite validate``
    finds them: a list of dicts with ``file``, ``key``, ``line`` (or None), ``value`` (or
    None), ``allowed`` (what is wrong and what is allowed; also as ``message``). Empty when
    the scenario is valid (and so runs). The warnings of a valid scenario (an event that
    reaches no site, two identical candidates, …), which ``dcsite validate`` prints, are
    issued as :class:`UserWarning` (:mod:`warnings`). Arguments as for :func:`run`."""
    try:
        text, is_path, base = _scenario(scenario, base_dir)
    except InputError as e:
        return list(e.problems)
    problems, warned = _dcsite.validate(text, is_path, base, _datasets(data))
    for w in warned:
        warnings.warn(w, UserWarning, stacklevel=2)
    return list(problems)


def sites(file: Union[None, str, "os.PathLike[str]"] = None, *, country: Optional[str] = None) -> pd.DataFrame:
    """The candidate sites of a sites file (default: the shipped ``data/sites.csv``), of one
    country if given (ISO code, any case), as ``dcsite sites`` lists them: columns ``id``,
    ``name``, ``country`` (str) and ``lat``, ``lon`` (float, NaN when absent)."""
    rows = _dcsite.sites(None if file is None else os.fspath(file), country)
    frame = pd.DataFrame(rows, columns=["id", "name", "country", "lat", "lon"])
    for c in ("id", "name", "country"):
        frame[c] = frame[c].astype(str)
    for c in ("lat", "lon"):
        frame[c] = frame[c].astype("float64")
    return frame


def explain(
    scenario: Scenario,
    site_id: str,
    *,
    data: Datasets = None,
    base_dir: Union[None, str, "os.PathLike[str]"] = None,
) -> pd.DataFrame:
    """How one site's base-case score comes about (``dcsite explain --json``): one row per
    criterion, columns ``criterion``, ``source``, ``value`` (in ``unit``), ``unit``,
    ``direction``, ``normalized``, ``weight`` and ``contribution`` (weight × normalized; NaN
    unless the method is the weighted sum). The site itself (``site_id``, ``name``,
    ``country``, ``base_rank``, ``score_base``, ``feasible_base``, ``broken_rule_base``,
    ``method``, ``inputs``, …) is in the DataFrame's ``attrs``. Arguments as for
    :func:`run`."""
    text, is_path, base = _scenario(scenario, base_dir)
    doc = json.loads(_dcsite.explain(text, is_path, base, _datasets(data), str(site_id)))
    columns = ["criterion", "source", "value", "unit", "direction", "normalized", "weight", "contribution"]
    frame = pd.DataFrame(doc.pop("criteria"), columns=columns)
    frame["contribution"] = frame["contribution"].astype("float64")
    frame.attrs.update(doc)
    return frame
