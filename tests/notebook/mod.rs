//! `examples/notebook.ipynb`: its code cells are executed in order by Python (`DCSITE_PYTHON`,
//! else `python3`), which must have the `dcsite` package (`pip install .`), pandas and
//! matplotlib (on the Agg backend): `.ci/run` installs them in the virtual environment
//! target/ci-venv. The notebook runs the scenario itself through the package; the figures it
//! saves must exist.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{Dir, repo};

/// Extracts the code cells of the notebook (argv[1]) and runs them in one namespace, in order,
/// as Jupyter would, but without a display.
const DRIVER: &str = r#"
import json, sys
import matplotlib
matplotlib.use("Agg")
nb = json.load(open(sys.argv[1], encoding="utf-8"))
assert nb["nbformat"] == 4, "not an nbformat 4 notebook"
ns = {"__name__": "__main__"}
for k, cell in enumerate(nb["cells"]):
    if cell["cell_type"] != "code":
        continue
    src = cell["source"]
    src = "".join(src) if isinstance(src, list) else src
    exec(compile(src, f"<notebook cell {k}>", "exec"), ns)
"#;

fn notebook_path() -> PathBuf {
    repo().join("examples/notebook.ipynb")
}

fn notebook() -> Value {
    let path = notebook_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// The Python interpreter (`DCSITE_PYTHON`, else `python3`), which must have the `dcsite`
/// package, pandas and matplotlib: the tests that need it are ignored unless asked for
/// (`.ci/run` installs them in a venv, sets `DCSITE_PYTHON` and runs the ignored tests). A
/// missing package fails the test: it is never skipped once asked for.
fn python() -> String {
    let python = std::env::var("DCSITE_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let out = Command::new(&python)
        .args(["-c", "import pandas, matplotlib, dcsite"])
        .output();
    let ok = out.as_ref().is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "{python} lacks the dcsite package, pandas or matplotlib (run .ci/run, or `pip install . \
         matplotlib` in a virtual environment and set DCSITE_PYTHON to its python): {}",
        out.map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .unwrap_or_else(|e| e.to_string())
    );
    python
}

/// Runs the notebook's code cells with `draws` Monte Carlo draws, saving figures to `figures`.
fn execute(python: &str, dir: &Dir, draws: u64, figures: &Path) {
    dir.write("driver.py", DRIVER);
    let out = Command::new(python)
        .current_dir(dir.path())
        .arg(dir.join("driver.py"))
        .arg(notebook_path())
        .env("DCSITE_DRAWS", draws.to_string())
        .env("DCSITE_REPO", repo())
        .env("DCSITE_FIGURES", figures)
        .env("MPLBACKEND", "Agg")
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the notebook's code cells failed with {draws} draws\n--- stdout\n{}--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A PNG of at least 300×200 pixels.
#[track_caller]
fn assert_png(path: &Path) {
    let file = std::fs::File::open(path)
        .unwrap_or_else(|e| panic!("the notebook did not save {}: {e}", path.display()));
    let reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap_or_else(|e| panic!("{}: not a PNG: {e}", path.display()));
    let info = reader.info();
    assert!(
        info.width >= 300 && info.height >= 200,
        "{} is {}×{}",
        path.display(),
        info.width,
        info.height
    );
}

#[test]
fn notebook_is_nbformat_4_with_code_and_markdown() {
    let nb = notebook();
    assert_eq!(nb["nbformat"], 4);
    let cells = nb["cells"].as_array().expect("cells");
    let kinds: Vec<&str> = cells
        .iter()
        .map(|c| c["cell_type"].as_str().expect("cell_type"))
        .collect();
    assert!(kinds.contains(&"markdown") && kinds.contains(&"code"));
    for c in cells {
        assert!(c["source"].is_array() || c["source"].is_string());
        assert!(c["metadata"].is_object());
        if c["cell_type"] == "code" {
            // Checked in without outputs, so the file stays small and diffs stay readable.
            assert_eq!(
                c["outputs"],
                serde_json::json!([]),
                "a code cell has outputs"
            );
            assert!(c["execution_count"].is_null());
        }
    }
}

/// The notebook uses the package, not a run directory made by the CLI.
#[test]
fn notebook_uses_the_python_package() {
    let nb = notebook();
    let code: String = nb["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .filter(|c| c["cell_type"] == "code")
        .flat_map(|c| c["source"].as_array().cloned().unwrap_or_default())
        .filter_map(|l| l.as_str().map(str::to_owned))
        .collect();
    for needle in [
        "import dcsite",
        "dcsite.run(",
        ".write(",
        "dcsite.load_run(",
    ] {
        assert!(
            code.contains(needle),
            "the notebook's code lacks {needle:?}"
        );
    }
}

#[test]
#[ignore = "needs Python with the dcsite package, pandas and matplotlib: .ci/run installs them and runs this with --include-ignored"]
fn notebook_runs_a_monte_carlo_scenario() {
    let python = python();
    let dir = Dir::new();
    let figures = dir.join("figures");
    execute(&python, &dir, 500, &figures);
    assert_png(&figures.join("acceptability.png"));
    assert_png(&figures.join("map.png"));
    assert_png(&figures.join("acceptability_latency_x2.png"));
    assert_png(&figures.join("run/plots/map.png"));
}

#[test]
#[ignore = "needs Python with the dcsite package, pandas and matplotlib: .ci/run installs them and runs this with --include-ignored"]
fn notebook_runs_the_base_case() {
    let python = python();
    let dir = Dir::new();
    let figures = dir.join("figures");
    execute(&python, &dir, 0, &figures);
    assert_png(&figures.join("map.png"));
    assert!(
        !figures.join("acceptability.png").exists(),
        "rank acceptabilities drawn without draws"
    );
}
