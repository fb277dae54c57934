//! `dcsite._dcsite`: the native half of the Python package `dcsite` (PyO3). The Python half
//! (`python/dcsite/__init__.py`) turns what this module returns (CSV bytes, JSON text, tuples)
//! into pandas DataFrames and dicts; see `docs/python.md`.
//!
//! Everything here is a thin call into the library (`dcsite::Run`, `dcsite::Scenario`, the
//! command pipelines). The simulation runs with the GIL released, on a thread of its own,
//! while the calling thread waits for it and checks for Ctrl-C (Python runs signal handlers
//! on the main thread only); a KeyboardInterrupt cancels the run through
//! `Observer::cancelled` and is raised once the engine has stopped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use dcsite::{Dataset, Error, Problem, Run, RunOptions, Scenario, WriteOptions};
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

create_exception!(
    _dcsite,
    InputError,
    PyValueError,
    "Bad input (scenario, model, datasets or options). `.problems` lists every problem found, \
     each a dict with `file`, `key`, `line`, `value` and `allowed` (what is wrong and what is \
     allowed; also as `message`)."
);

/// How often the waiting thread looks for Ctrl-C.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// A problem as a dict: `file`, `key`, `line`, `value`, `allowed` and `message` (the same
/// text: what is wrong and what is allowed).
fn problem_dict<'py>(py: Python<'py>, p: &Problem) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("file", &p.file)?;
    d.set_item("key", &p.key)?;
    d.set_item("line", p.line)?;
    d.set_item("value", &p.value)?;
    d.set_item("allowed", &p.message)?;
    d.set_item("message", &p.message)?;
    Ok(d)
}

/// The problems of an input error; a file that cannot be read is one problem.
fn problems_of(e: &Error) -> Vec<Problem> {
    if let Error::Read { path, source } = e {
        return vec![Problem::new(
            path.display().to_string(),
            "",
            format!("cannot read: {source}"),
        )];
    }
    e.problems().to_vec()
}

/// The error with its cause chain, as the CLI prints it.
fn message(e: &Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    text
}

/// `InputError` (with `.problems`) for bad input, `OSError` for a file that cannot be
/// written, `RuntimeError` otherwise.
fn to_py(py: Python<'_>, e: Error) -> PyErr {
    if e.is_input() {
        let err = InputError::new_err(message(&e));
        let problems: PyResult<Vec<_>> = problems_of(&e)
            .iter()
            .map(|p| problem_dict(py, p))
            .collect();
        let set = problems
            .and_then(|ps| PyList::new(py, ps))
            .and_then(|list| err.value(py).setattr("problems", list));
        return match set {
            Ok(()) => err,
            Err(e) => e,
        };
    }
    match e {
        Error::Write { .. } => PyOSError::new_err(message(&e)),
        _ => PyRuntimeError::new_err(message(&e)),
    }
}

/// The scenario from a path, or from TOML text whose relative paths are relative to
/// `base_dir` (default: the working directory), with the datasets of `data` (name, CSV text)
/// given in memory.
fn scenario(
    scenario: &str,
    is_path: bool,
    base_dir: Option<PathBuf>,
    data: &[(String, String)],
) -> dcsite::Result<Scenario> {
    let mut s = if is_path {
        Scenario::load(Path::new(scenario))?
    } else {
        let base = match base_dir {
            Some(b) => b,
            None => std::env::current_dir().map_err(|source| Error::Read {
                path: PathBuf::from("."),
                source,
            })?,
        };
        Scenario::from_toml(scenario, &base)?
    };
    for (name, text) in data {
        s.set_dataset(dataset(name)?, text);
    }
    Ok(s)
}

/// The dataset named `sites` or `sites.csv`, etc.
fn dataset(name: &str) -> dcsite::Result<Dataset> {
    let file = if name.ends_with(".csv") {
        name.to_owned()
    } else {
        format!("{name}.csv")
    };
    Dataset::from_file_name(&file).ok_or_else(|| {
        let names: Vec<&str> = Dataset::ALL
            .iter()
            .map(|k| k.file_name().trim_end_matches(".csv"))
            .collect();
        Problem::new(
            "data",
            name,
            format!("not a dataset; datasets: {}", names.join(", ")),
        )
        .value(name)
        .into()
    })
}

/// Cancels the run once `stop` is set; counts the draws done.
struct Cancel<'a> {
    stop: &'a AtomicBool,
}

impl dcsite::simulate::Observer for Cancel<'_> {
    fn cancelled(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Runs `work` without the GIL on a thread of its own; meanwhile this thread checks for
/// signals (Ctrl-C) and, when a handler raises, cancels `work` and returns that exception
/// once `work` has stopped.
fn interruptible<T: Send>(
    py: Python<'_>,
    work: impl FnOnce(&dyn dcsite::simulate::Observer) -> dcsite::Result<T> + Send,
) -> PyResult<T> {
    let stop = AtomicBool::new(false);
    let mut raised: Option<PyErr> = None;
    let result = py.detach(|| {
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel();
            let stop = &stop;
            scope.spawn(move || {
                let _ = tx.send(work(&Cancel { stop }));
            });
            loop {
                match rx.recv_timeout(SIGNAL_POLL) {
                    Ok(result) => return result,
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        return Err(Error::Cancelled);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        if raised.is_none()
                            && let Err(e) = Python::attach(|py| py.check_signals())
                        {
                            raised = Some(e);
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
            }
        })
    });
    match (result, raised) {
        (Ok(value), None) => Ok(value),
        (_, Some(e)) => Err(e),
        (Err(e), None) => Err(to_py(py, e)),
    }
}

/// A run: simulated, or read back from a run directory.
#[pyclass(frozen, module = "dcsite._dcsite", name = "Run")]
struct PyRun {
    run: Run,
}

#[pymethods]
impl PyRun {
    /// The tables of the run directory, as `(file name, CSV or GeoJSON bytes)`.
    fn tables<'py>(&self, py: Python<'py>) -> Vec<(String, Bound<'py, PyBytes>)> {
        self.run
            .tables()
            .into_iter()
            .map(|(name, bytes)| (name, PyBytes::new(py, &bytes)))
            .collect()
    }

    /// `summary.json` as JSON text.
    fn summary_json(&self) -> String {
        serde_json::to_string(&self.run.summary()).expect("summary serialises")
    }

    /// The warnings of the run.
    fn warnings(&self) -> Vec<String> {
        self.run.results().warnings.clone()
    }

    /// Writes the run directory as `dcsite run` does; returns the files written.
    #[pyo3(signature = (dir, plots = true, report = false))]
    fn write(
        &self,
        py: Python<'_>,
        dir: PathBuf,
        plots: bool,
        report: bool,
    ) -> PyResult<Vec<PathBuf>> {
        let opts = WriteOptions::default().plots(plots).report(report);
        py.detach(|| dcsite::write_run(&self.run, &dir, &opts))
            .map(|out| out.files)
            .map_err(|e| to_py(py, e))
    }
}

/// Validates and simulates a scenario (see `dcsite.run`).
#[pyfunction]
#[pyo3(signature = (scenario, is_path, base_dir, data, draws, seed, threads, shard, top_k))]
#[allow(clippy::too_many_arguments)]
fn run(
    py: Python<'_>,
    scenario: String,
    is_path: bool,
    base_dir: Option<PathBuf>,
    data: Vec<(String, String)>,
    draws: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
    shard: Option<(u64, u64)>,
    top_k: Option<usize>,
) -> PyResult<PyRun> {
    // RunOptions is non-exhaustive: built with its builder.
    let mut opts = RunOptions::new();
    if let Some(d) = draws {
        opts = opts.draws(d);
    }
    if let Some(s) = seed {
        opts = opts.seed(s);
    }
    match threads {
        Some(t) => opts = opts.threads(t),
        // rayon's global pool then takes RAYON_NUM_THREADS: the bounds of `threads`.
        None => dcsite::check_threads_variable().map_err(|e| to_py(py, e))?,
    }
    if let Some((k, n)) = shard {
        opts = opts.shard(k, n);
    }
    if let Some(k) = top_k {
        opts = opts.top_k(k);
    }
    let run = interruptible(py, move |observer| {
        let s = self::scenario(&scenario, is_path, base_dir, &data)?;
        Run::simulate(s, &opts, observer)
    })?;
    Ok(PyRun { run })
}

/// Reads a run directory back (see `dcsite.load_run`).
#[pyfunction]
fn load_run(py: Python<'_>, dir: PathBuf) -> PyResult<PyRun> {
    let run = py.detach(|| Run::read(&dir)).map_err(|e| to_py(py, e))?;
    Ok(PyRun { run })
}

/// The problems of a scenario, its model and its data, as dicts (empty when valid), and the
/// warnings of a valid one (`dcsite validate` prints them).
#[pyfunction]
#[pyo3(signature = (scenario, is_path, base_dir, data))]
fn validate<'py>(
    py: Python<'py>,
    scenario: String,
    is_path: bool,
    base_dir: Option<PathBuf>,
    data: Vec<(String, String)>,
) -> PyResult<(Vec<Bound<'py, PyDict>>, Vec<String>)> {
    let checked = py.detach(|| {
        self::scenario(&scenario, is_path, base_dir, &data).and_then(dcsite::World::build)
    });
    match checked {
        Ok(world) => Ok((Vec::new(), world.warnings)),
        Err(e) if e.is_input() => Ok((
            problems_of(&e)
                .iter()
                .map(|p| problem_dict(py, p))
                .collect::<PyResult<_>>()?,
            Vec::new(),
        )),
        Err(e) => Err(to_py(py, e)),
    }
}

/// The sites of a sites file (default: the shipped one), of one country if given, as
/// `(id, name, country, lat, lon)` rows.
#[pyfunction]
#[pyo3(signature = (file = None, country = None))]
#[allow(clippy::type_complexity)]
fn sites(
    py: Python<'_>,
    file: Option<PathBuf>,
    country: Option<String>,
) -> PyResult<Vec<(String, String, String, Option<f64>, Option<f64>)>> {
    let rows = dcsite::sites(file, country.as_deref()).map_err(|e| to_py(py, e))?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.name, r.country, r.lat, r.lon))
        .collect())
}

/// `dcsite explain --json` of one site, as JSON text.
#[pyfunction]
#[pyo3(signature = (scenario, is_path, base_dir, data, site_id))]
fn explain(
    py: Python<'_>,
    scenario: String,
    is_path: bool,
    base_dir: Option<PathBuf>,
    data: Vec<(String, String)>,
    site_id: String,
) -> PyResult<String> {
    let json = py
        .detach(|| {
            let s = self::scenario(&scenario, is_path, base_dir, &data)?;
            dcsite::explain_scenario_json(s, &site_id)
        })
        .map_err(|e| to_py(py, e))?;
    Ok(json.to_string())
}

/// The dataset names `run(data=...)` accepts.
#[pyfunction]
fn dataset_names() -> Vec<&'static str> {
    Dataset::ALL
        .iter()
        .map(|k| k.file_name().trim_end_matches(".csv"))
        .collect()
}

#[pymodule]
fn _dcsite(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // DCSITE_SIMD is read once per process: a value the engine does not know fails the import.
    dcsite::Simd::check_variable().map_err(|e| to_py(m.py(), e))?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyRun>()?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(load_run, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(sites, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(dataset_names, m)?)?;
    Ok(())
}
