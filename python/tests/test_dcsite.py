"""Tests of the Python package `dcsite` (docs/python.md): every API function, the DataFrames'
columns and dtypes, in-memory datasets, errors, Ctrl-C, the GIL, and a run directory written
from Python byte-identical to the CLI's. Run by .ci/run in its virtual environment:

    pip install . pytest && pytest python/tests
"""

from __future__ import annotations

import _thread
import json
import os
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

import dcsite

REPO = Path(__file__).resolve().parents[2]
APPLE = REPO / "examples" / "apple-icloud-china.toml"
TABLES = ["ranking", "acceptability", "central_weights", "pairwise", "criteria", "factors", "latency"]


@pytest.fixture(scope="module")
def apple():
    return dcsite.run(APPLE, draws=500, seed=1)


@pytest.fixture(scope="module")
def cli():
    """The dcsite binary: DCSITE_BIN, else target/release/dcsite (built if missing)."""
    binary = os.environ.get("DCSITE_BIN")
    if binary:
        return binary
    binary = REPO / "target" / "release" / "dcsite"
    if not binary.exists():
        subprocess.run(
            ["cargo", "build", "--release", "--locked", "--bin", "dcsite"], cwd=REPO, check=True
        )
    return str(binary)


def is_text(column: pd.Series) -> bool:
    """A column of str (object dtype in pandas 2, str in pandas 3); missing values aside."""
    return pd.api.types.is_string_dtype(column) and column.dropna().map(type).eq(str).all()


def header(data: bytes) -> list:
    return data.split(b"\n", 1)[0].decode().split(",")


# --- run and Results -------------------------------------------------------------------------


def test_run_gives_every_table_with_the_csv_columns(apple):
    tables = apple.tables()
    for name in TABLES:
        frame = getattr(apple, name)
        assert isinstance(frame, pd.DataFrame), name
        assert list(frame.columns) == header(tables[f"{name}.csv"]), name
        assert len(frame) > 0, name
    assert len(apple.ranking) == len(apple.acceptability) == len(apple.pairwise)
    # The Apple story: a mainland site is first.
    assert apple.ranking["country"].iloc[0] == "CN"
    assert apple.ranking["rank"].tolist() == list(range(1, len(apple.ranking) + 1))


def test_dataframe_dtypes(apple):
    r = apple.ranking
    for c in ["site_id", "name", "country"]:
        assert is_text(r[c]) and r[c].notna().all(), c
    assert r["rank"].dtype == "int64"
    for c in ["lat", "lon", "score_base", "p_first", "expected_rank", "confidence_factor"]:
        assert r[c].dtype == "float64", c
    assert r["feasible_base"].dtype == bool
    # Empty cells are missing: feasible sites break no rule.
    assert r.loc[r["feasible_base"], "broken_rule_base"].isna().all()
    assert is_text(r["broken_rule_base"])
    assert r.loc[~r["feasible_base"], "broken_rule_base"].notna().all()
    acc = apple.acceptability
    assert acc.filter(like="rank_").dtypes.eq("float64").all()
    assert acc.filter(like="rank_").sum(axis=1).round(9).eq(1).all()
    c = apple.criteria
    for col in ["site_id", "criterion", "source", "unit", "direction"]:
        assert is_text(c[col]), col
    f = apple.factors
    assert is_text(f["metric"]) and f["value"].dtype == "float64"
    lat = apple.latency
    assert is_text(lat["user_group"]) and lat["mean_rtt_ms"].dtype == "float64"
    # Numbers are float64 even where every value is whole (feasible shares of 0 or 1, the
    # land and water criteria); counts are int64.
    for c in ["feasible_share", "land", "water"]:
        assert r[c].dtype == "float64", c
    assert lat["group_share"].dtype == "float64" and lat["points"].dtype == "int64"


def test_tables_are_copies(apple):
    ranking = apple.ranking
    ranking.loc[0, "site_id"] = "changed"
    assert apple.ranking.loc[0, "site_id"] != "changed"


def test_summary_and_warnings(apple):
    s = apple.summary
    assert s["scenario_name"] == "apple-icloud-china"
    assert s["seed"] == 1 and s["draws"] == 500
    assert s["input_files"][0]["name"] == str(APPLE)
    assert isinstance(apple.warnings, list)
    assert all(isinstance(w, str) for w in apple.warnings)
    assert apple.warnings == s["warnings"]
    assert apple.geojson["type"] == "FeatureCollection"
    assert "apple-icloud-china" in repr(apple)


def test_same_seed_same_tables_other_seed_other_tables(apple):
    again = dcsite.run(str(APPLE), draws=500, seed=1, threads=1)
    assert again.tables() == apple.tables()
    other = dcsite.run(APPLE, draws=500, seed=2)
    assert other.tables()["acceptability.csv"] != apple.tables()["acceptability.csv"]


def test_base_case_run_has_no_monte_carlo_tables():
    r = dcsite.run(APPLE, draws=0)
    assert r.acceptability is None and r.central_weights is None and r.pairwise is None
    assert "p_first" not in r.ranking.columns
    assert r.summary["draws"] == 0


def test_shards_and_threads():
    r = dcsite.run(APPLE, draws=1000, seed=1, shard=(1, 2), threads=1)
    assert r.summary["shard"] == "1/2"
    assert dcsite.run(APPLE, draws=1000, seed=1, shard="2/2").summary["shard"] == "2/2"
    with pytest.raises(dcsite.InputError) as e:
        dcsite.run(APPLE, draws=1000, shard=(3, 2))
    assert e.value.problems[0]["key"] == "shard"


def test_numpy_whole_numbers_are_counts_and_bad_counts_are_named():
    # A parameter grid from numpy gives numpy integers: the same run as with ints.
    np = pytest.importorskip("numpy")
    r = dcsite.run(APPLE, draws=np.int64(500), seed=np.uint32(3), threads=np.int32(1))
    assert r.tables() == dcsite.run(APPLE, draws=500, seed=3, threads=1).tables()
    shard = dcsite.run(APPLE, draws=1000, seed=1, shard=(np.int64(1), np.int64(2)))
    assert shard.summary["shard"] == "1/2"
    with pytest.raises(TypeError):
        dcsite.run(APPLE, draws=500.0)
    with pytest.raises(TypeError):
        dcsite.run(APPLE, draws=True)
    # Beyond 64 bits, a shard of three numbers, or not numbers: InputError naming the key.
    for kwargs, key in [
        ({"seed": 2**64}, "seed"),
        ({"top_k": 2**70}, "top_k"),
        ({"shard": (1, 2, 3)}, "shard"),
        ({"shard": (1.0, 2)}, "shard"),
        ({"shard": 2}, "shard"),
    ]:
        with pytest.raises(dcsite.InputError) as e:
            dcsite.run(APPLE, draws=1000, **kwargs)
        assert e.value.problems[0]["key"] == key, kwargs


def test_top_k_truncates_acceptability_and_keeps_the_ranking():
    r = dcsite.run(APPLE, draws=2000, seed=7, top_k=3)
    assert list(r.acceptability.columns) == ["site_id", "rank_1", "rank_2", "rank_3"]
    assert r.summary["top_k"] == 3 and r.summary["shortlist"] == len(r.ranking)
    full = dcsite.run(APPLE, draws=2000, seed=7)
    assert "top_k" not in full.summary
    pd.testing.assert_frame_equal(r.ranking, full.ranking)
    pd.testing.assert_frame_equal(r.acceptability, full.acceptability.iloc[:, :4])
    with pytest.raises(dcsite.InputError):
        dcsite.run(APPLE, draws=100, top_k=0)


def test_toml_text_with_base_dir():
    text = APPLE.read_text(encoding="utf-8")
    r = dcsite.run(text, draws=500, seed=1, base_dir=APPLE.parent)
    assert r.summary["input_files"][0]["name"] == "<memory>/scenario.toml"
    # The same answers as from the file.
    assert r.tables()["ranking.csv"] == dcsite.run(APPLE, draws=500, seed=1).tables()["ranking.csv"]


LATENCY = 'factor = "latency.p95_rtt_ms"\ndirection = "min"\nweight = 0.20\nweight_range = [0.10, 0.30]'
HEAVIER = 'factor = "latency.p95_rtt_ms"\ndirection = "min"\nweight = 0.40\nweight_range = [0.30, 0.50]'


def test_a_changed_weight_changes_the_scores(tmp_path):
    """The notebook's "change one weight and rerun": the model as text, one weight changed."""
    model = (REPO / "models" / "balanced.toml").read_text(encoding="utf-8")
    assert LATENCY in model
    (tmp_path / "heavier.toml").write_text(model.replace(LATENCY, HEAVIER), encoding="utf-8")
    text = APPLE.read_text(encoding="utf-8").replace('model = "balanced"', 'model = "heavier.toml"')
    base = dcsite.run(APPLE, draws=500, seed=1)
    r = dcsite.run(text, draws=500, seed=1, base_dir=tmp_path)
    weights = r.criteria.drop_duplicates("criterion").set_index("criterion")["weight"]
    assert weights["latency"] > base.criteria.drop_duplicates("criterion").set_index("criterion")["weight"]["latency"]
    assert not r.ranking["score_base"].equals(base.ranking["score_base"])


# --- in-memory datasets ----------------------------------------------------------------------


def test_in_memory_datasets_and_country_na_stays_a_string():
    sites = dcsite.read_csv(REPO / "data" / "sites.csv")
    jur = dcsite.read_csv(REPO / "data" / "jurisdictions.csv")
    # Namibia ("NA", which pandas would read as missing by default) as a copy of South Africa.
    na = jur[jur["country"] == "ZA"].assign(country="NA", name="Namibia")
    jur = pd.concat([jur, na], ignore_index=True)
    sites = sites[sites["country"].isin(["ZA", "SG", "KE"])].copy()
    windhoek = sites[sites["country"] == "ZA"].head(1).assign(
        id="windhoek", name="Windhoek", country="NA", lat=-22.56, lon=17.08
    )
    sites = pd.concat([sites, windhoek])
    climate = dcsite.read_csv(REPO / "data" / "climate.csv")
    # Windhoek's climate: that of the first South African site.
    climate = pd.concat(
        [climate, climate[climate["site_id"] == sites["id"].iloc[0]].assign(site_id="windhoek")]
    )
    toml = """
name = "africa"
model = "balanced"
[candidates]
countries = ["ZA", "NA", "KE", "SG"]
[[users]]
name = "south"
countries = ["ZA"]
share = 1.0
[facility]
it_load_mw = 10
"""
    data = {"sites": sites, "jurisdictions": jur, "climate": climate}
    assert dcsite.validate(toml, data=data) == []
    r = dcsite.run(toml, draws=500, seed=3, data=data)
    row = r.ranking.set_index("site_id").loc["windhoek"]
    assert row["country"] == "NA"
    assert is_text(r.ranking["country"]) and r.ranking["country"].notna().all()
    names = [f["name"] for f in r.summary["input_files"]]
    assert "<memory>/sites.csv" in names and "<memory>/jurisdictions.csv" in names
    # CSV text works too, and an indexed DataFrame keeps its index column.
    r2 = dcsite.run(
        toml,
        draws=500,
        seed=3,
        data={**data, "sites": sites.set_index("id"), "jurisdictions": jur.to_csv(index=False)},
    )
    assert r2.tables()["ranking.csv"] == r.tables()["ranking.csv"]
    # Without Namibia in the jurisdictions, the site is an input error.
    problems = dcsite.validate(toml, data={"sites": sites, "climate": climate})
    assert problems and all(p["key"] == 'country "NA"' for p in problems), problems


def test_python_md_edit_of_the_sites_in_pandas():
    """python.md's example: land 50 % dearer at one site. read_csv reads the whole-number
    column as int64, which pandas refuses to multiply in place by 1.5 where the result is not
    whole; the example converts it first, and the edit reaches the run."""
    apple = str(REPO / "examples" / "apple-icloud-china.toml")
    sites = dcsite.read_csv(REPO / "data" / "sites.csv")
    sites["land_usd_m2"] = sites["land_usd_m2"].astype("float64")
    sites.loc[sites["id"] == "zhongwei", "land_usd_m2"] *= 1.5
    before = dcsite.run(apple, draws=0).criteria
    after = dcsite.run(apple, draws=0, data={"sites": sites}).criteria
    key = (before["site_id"] == "zhongwei") & (before["criterion"] == "land")
    old = before.loc[key, "base"].iloc[0]
    assert after.loc[key, "base"].iloc[0] == pytest.approx(1.5 * old)


def test_read_csv_keeps_text_columns_text_after_a_byte_order_mark():
    # Excel's "CSV UTF-8" starts with a byte-order mark and ends lines with CRLF: the first
    # column (here the id) is still a text column, so "007" is not read as the number 7.
    plain = b"id,name,country,lat,lon\n007,Seven,NA,1.5,2.5\n1,One,CN,3.5,4.5\n"
    excel = b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n")
    for data in (plain, excel):
        frame = dcsite.read_csv(data)
        assert list(frame.columns) == ["id", "name", "country", "lat", "lon"]
        assert frame["id"].tolist() == ["007", "1"] and is_text(frame["id"])
        assert frame["country"].tolist() == ["NA", "CN"]


def test_unknown_dataset_name_is_an_input_error():
    with pytest.raises(dcsite.InputError) as e:
        dcsite.run(APPLE, draws=0, data={"stations": "id\n"})
    (p,) = e.value.problems
    assert p["key"] == "stations" and "sites" in p["allowed"]
    assert set(dcsite.DATASETS) >= {"sites", "climate", "jurisdictions", "urban_areas"}
    assert "cities" not in dcsite.DATASETS


# --- errors ----------------------------------------------------------------------------------


def test_bad_scenario_raises_input_error_with_every_problem():
    text = APPLE.read_text(encoding="utf-8").replace("it_load_mw = 40", "it_load_mw = -4")
    text += '\n[[events]]\nname = "quake"\nprobability = 2\neffect = "infeasible"\nsites = ["qingyang"]\n'
    with pytest.raises(dcsite.InputError) as e:
        dcsite.run(text, base_dir=APPLE.parent, draws=10)
    assert isinstance(e.value, ValueError)
    keys = {p["key"] for p in e.value.problems}
    assert any("it_load_mw" in k for k in keys) and any("probability" in k for k in keys)
    for p in e.value.problems:
        assert set(p) == {"file", "key", "line", "value", "allowed", "message"}
        assert p["file"] == "<memory>/scenario.toml"
    assert "it_load_mw" in str(e.value)
    # validate returns the same problems instead of raising.
    assert dcsite.validate(text, base_dir=APPLE.parent) == e.value.problems


def test_missing_file_and_bad_options_are_input_errors():
    with pytest.raises(dcsite.InputError) as e:
        dcsite.run("no/such/scenario.toml")
    assert e.value.problems[0]["file"] == "no/such/scenario.toml"
    assert dcsite.validate("no/such/scenario.toml")[0]["allowed"].startswith("cannot read")
    with pytest.raises(dcsite.InputError):
        dcsite.run(APPLE, draws=-1)
    with pytest.raises(dcsite.InputError):
        dcsite.run(APPLE, draws=10, threads=100_000)
    with pytest.raises(TypeError):
        dcsite.run(APPLE, base_dir=".")
    with pytest.raises(TypeError):
        dcsite.run(42)
    # An empty string is neither a path nor TOML text (it was read as the path "").
    for empty in ["", "  "]:
        with pytest.raises(dcsite.InputError, match="scenario = \"\": empty"):
            dcsite.run(empty)
        assert dcsite.validate(empty)[0]["key"] == "scenario"


def test_validate_and_run_issue_the_warnings_of_a_valid_scenario():
    text = APPLE.read_text(encoding="utf-8")
    text += '\n[[events]]\nname = "sure"\nprobability = 1\neffect = "infeasible"\nsites = ["beijing"]\n'
    with pytest.warns(UserWarning, match=r'events\[0\] \("sure"\)') as record:
        assert dcsite.validate(text, base_dir=APPLE.parent) == []
    # The event's warning, and the offshore keys' (which change no score under min-max).
    assert len(record) == 2
    assert any("facility.keys = offshore" in str(w.message) for w in record)
    with pytest.warns(UserWarning, match=r'events\[0\] \("sure"\)'):
        r = dcsite.run(text, base_dir=APPLE.parent, draws=10)
    assert any('events[0] ("sure")' in w for w in r.warnings)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert dcsite.validate(REPO / "examples" / "google-asia.toml") == []


def test_validate_valid_scenarios():
    for path in sorted((REPO / "examples").glob("*.toml")):
        assert dcsite.validate(path) == [], path
        assert dcsite.validate(str(path)) == [], path


# --- write and load_run ----------------------------------------------------------------------


def test_write_and_load_run_round_trip(apple, tmp_path):
    out = apple.write(tmp_path / "run")
    assert out == tmp_path / "run"
    for name in TABLES:
        assert (out / f"{name}.csv").read_bytes() == apple.tables()[f"{name}.csv"]
    assert (out / "plots" / "acceptability.png").is_file()
    back = dcsite.load_run(out)
    assert back.tables() == apple.tables()
    assert back.summary == json.loads((out / "summary.json").read_text(encoding="utf-8"))
    pd.testing.assert_frame_equal(back.ranking, apple.ranking)
    # A base-case run written over it leaves no stale Monte Carlo files.
    dcsite.run(APPLE, draws=0).write(out, plots=False)
    assert not (out / "acceptability.csv").exists() and not (out / "plots").exists()
    with pytest.raises(dcsite.InputError):
        dcsite.load_run(tmp_path / "missing")


def test_python_and_cli_write_byte_identical_run_directories(cli, tmp_path):
    """Same scenario, seed and draws: every file identical (plots included), but for
    summary.json's wall_time_s (as scripts/compare-outputs.sh)."""
    scenario = "examples/apple-icloud-china.toml"
    py_dir, cli_dir = tmp_path / "py", tmp_path / "cli"
    cwd = os.getcwd()
    os.chdir(REPO)  # the scenario's name in summary.json is the path as given
    try:
        dcsite.run(scenario, draws=1000, seed=7).write(py_dir)
    finally:
        os.chdir(cwd)
    subprocess.run(
        [cli, "run", scenario, "--draws", "1000", "--seed", "7", "--out", str(cli_dir), "--quiet"],
        cwd=REPO,
        check=True,
    )

    def files(d):
        return sorted(str(p.relative_to(d)) for p in d.rglob("*") if p.is_file())

    assert files(py_dir) == files(cli_dir)
    assert "plots/acceptability.png" in files(py_dir)
    for name in files(py_dir):
        a, b = (py_dir / name).read_bytes(), (cli_dir / name).read_bytes()
        if name == "summary.json":
            a, b = (json.loads(x) for x in (a, b))
            a.pop("wall_time_s"), b.pop("wall_time_s")
        assert a == b, name


# --- sites and explain -----------------------------------------------------------------------


def test_sites():
    s = dcsite.sites()
    assert list(s.columns) == ["id", "name", "country", "lat", "lon"]
    assert is_text(s["id"]) and is_text(s["country"]) and s["lat"].dtype == "float64"
    assert "gui-an" in set(s["id"])
    cn = dcsite.sites(country="cn")
    assert len(cn) > 0 and set(cn["country"]) == {"CN"}
    shipped = dcsite.read_csv(REPO / "data" / "sites.csv")
    assert s["id"].tolist() == shipped["id"].tolist()
    assert len(dcsite.sites(REPO / "data" / "sites.csv")) == len(s)
    with pytest.raises(dcsite.InputError) as e:
        dcsite.sites(country="XX")
    assert e.value.problems[0]["value"] == "XX"


def test_explain():
    e = dcsite.explain(APPLE, "gui-an")
    assert list(e.columns) == [
        "criterion", "source", "value", "unit", "direction", "normalized", "weight", "contribution",
    ]
    assert e["value"].dtype == "float64" and is_text(e["criterion"])
    assert e.attrs["site_id"] == "gui-an" and e.attrs["country"] == "CN"
    assert e.attrs["score_base"] == pytest.approx(e["contribution"].sum())
    text = APPLE.read_text(encoding="utf-8")
    assert dcsite.explain(text, "gui-an", base_dir=APPLE.parent).equals(e)
    with pytest.raises(dcsite.InputError) as err:
        dcsite.explain(APPLE, "atlantis")
    assert err.value.problems


# --- the GIL and Ctrl-C ----------------------------------------------------------------------


def test_gil_is_released_during_the_simulation():
    """Python code keeps running in another thread while a run simulates."""
    done = threading.Event()
    result = {}

    def work():
        start = time.monotonic()
        result["r"] = dcsite.run(APPLE, draws=20_000, seed=1)
        result["seconds"] = time.monotonic() - start
        done.set()

    t = threading.Thread(target=work)
    t.start()
    ticks, last, longest = 0, time.monotonic(), 0.0
    while not done.is_set():
        now = time.monotonic()
        longest, last = max(longest, now - last), now
        ticks += 1
    t.join()
    assert result["r"].summary["draws"] == 20_000
    # Held, the GIL would stop this thread for about the whole run; released, it only
    # pauses at thread switches.
    assert longest < result["seconds"] / 2, (longest, result["seconds"])


def test_ctrl_c_stops_a_long_run():
    timer = threading.Timer(0.5, _thread.interrupt_main)
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            # Hours of draws on one thread: only Ctrl-C ends it.
            dcsite.run(APPLE, draws=2_000_000_000, threads=1)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 30


def _in_subprocess(code: str, simd: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DCSITE_SIMD=simd)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )


def test_unknown_instruction_set_fails_the_import():
    # DCSITE_SIMD is read once per process, so a value the engine does not know fails the import.
    done = _in_subprocess("import dcsite", "sse9")
    assert done.returncode != 0
    assert "InputError" in done.stderr and "DCSITE_SIMD" in done.stderr, done.stderr
    assert "auto, avx512, avx2, baseline" in done.stderr, done.stderr


def test_every_instruction_set_gives_the_same_tables():
    code = (
        "import dcsite, sys\n"
        f"r = dcsite.run({str(APPLE)!r}, draws=300, seed=3)\n"
        "sys.stdout.write(r.ranking.to_csv() + r.acceptability.to_csv())\n"
    )
    outputs = {simd: _in_subprocess(code, simd) for simd in ["baseline", "avx2", "auto"]}
    for simd, done in outputs.items():
        assert done.returncode == 0, (simd, done.stderr)
    assert outputs["baseline"].stdout == outputs["avx2"].stdout == outputs["auto"].stdout
    assert "qingyang" in outputs["auto"].stdout
