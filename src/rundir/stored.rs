//! A run directory on disk: `inputs.json` (the scenario and model as read, and datasets
//! given in memory) written with a run, and a run directory read back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Scenario;
use crate::data::InputFile;
use crate::error::{Error, Problem, Result};
use crate::report::Summary;
use crate::simulate::State;
use crate::world::World;

/// `inputs.json` of a run directory: the scenario and model as read (text and SHA-256) and
/// the scenario's absolute path, so that `merge` and `report` rebuild the world from any
/// working directory. The datasets are read again (from the shipped copies, or from their
/// paths relative to the scenario's absolute path) and must have the SHA-256 recorded in
/// `summary.json`.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Inputs {
    scenario: StoredFile,
    /// The scenario file's absolute path at run time (anchors its data paths).
    scenario_path: Option<PathBuf>,
    model: StoredFile,
    /// Datasets given in memory (`Scenario::set_dataset`), by file name (`sites.csv`, …):
    /// no file holds them, so the run directory does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    datasets: Vec<(String, StoredFile)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredFile {
    name: String,
    sha256: String,
    text: String,
}

impl StoredFile {
    fn of(f: &InputFile) -> StoredFile {
        StoredFile {
            name: f.name.clone(),
            sha256: f.sha256.clone(),
            text: f.text.clone(),
        }
    }

    fn file(&self, at: &str) -> Result<InputFile> {
        let f = InputFile::new(self.name.clone(), self.text.clone());
        if f.sha256 != self.sha256 {
            return Err(
                Problem::new(at, "sha256", "the stored text does not match its SHA-256")
                    .value(&self.name)
                    .into(),
            );
        }
        Ok(f)
    }
}

impl Inputs {
    pub(super) fn of(world: &World) -> Inputs {
        let sc = &world.scenario;
        // The directory made absolute: a scenario given as text has no file of its own.
        let absolute = |p: &Path| {
            let dir = std::fs::canonicalize(
                p.parent()?
                    .to_str()
                    .filter(|d| !d.is_empty())
                    .unwrap_or("."),
            )
            .ok()?;
            Some(dir.join(p.file_name()?))
        };
        Inputs {
            scenario: StoredFile::of(&sc.file),
            scenario_path: sc.path.as_deref().and_then(absolute),
            model: StoredFile::of(&sc.model_file),
            datasets: sc
                .data
                .given
                .iter()
                .map(|(k, f)| (k.file_name().to_owned(), StoredFile::of(f)))
                .collect(),
        }
    }
}

/// A run directory as read: its `summary.json` and, for a Monte Carlo run, its
/// accumulators (`state.json`).
pub(super) struct RunDir {
    pub(super) dir: PathBuf,
    pub(super) summary: Summary,
    pub(super) summary_name: String,
    pub(super) state_name: String,
    pub(super) state: Option<State>,
}

impl RunDir {
    pub(super) fn read(dir: &Path) -> Result<RunDir> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| Error::Read { path, source })
        };
        let summary_name = dir.join("summary.json").display().to_string();
        // A mistyped path: name it, rather than a summary.json inside it.
        if !dir.is_dir() {
            let what = if dir.exists() {
                "a file, not a directory"
            } else {
                "no such directory"
            };
            return Err(Problem::new(
                dir.display().to_string(),
                "",
                format!("{what}: give a directory written by `dcsite run` or `dcsite merge`"),
            )
            .into());
        }
        // Not a run directory at all (a portfolio's or sensitivity's, or another folder):
        // say so, rather than only that summary.json is missing.
        if !dir.join("summary.json").exists() {
            let what = if dir.join("portfolio.csv").exists() {
                "a `dcsite portfolio` directory"
            } else if dir.join("sweeps.csv").exists() {
                "a `dcsite sensitivity` directory"
            } else if dir.join("ranking.csv").exists() {
                // summary.json is written last: the write stopped before its end.
                "an incomplete run directory: the run writing it stopped before its end; run it again"
            } else {
                "not a run directory"
            };
            return Err(Problem::new(
                dir.display().to_string(),
                "",
                format!("{what} (no summary.json): give a directory written by `dcsite run` or `dcsite merge`"),
            )
            .into());
        }
        let summary: Summary = serde_json::from_slice(&read("summary.json")?).map_err(|e| {
            Problem::new(&summary_name, "", format!("not a dcsite summary file: {e}"))
        })?;
        let state_name = dir.join("state.json").display().to_string();
        let state = if summary.base_case_only {
            None
        } else {
            Some(
                State::from_json(&read("state.json")?)
                    .map_err(|e| Problem::new(&state_name, "", e))?,
            )
        };
        Ok(RunDir {
            dir: dir.to_path_buf(),
            summary,
            summary_name,
            state_name,
            state,
        })
    }

    /// The world the run used: from the scenario and model kept in `inputs.json` (or, for a
    /// directory written before it existed, the scenario re-read from its recorded path),
    /// with every dataset unchanged (same SHA-256 as recorded in `summary.json`).
    pub(super) fn world(&self) -> Result<World> {
        let inputs_name = self.dir.join("inputs.json");
        let recorded = &self.summary.scenario;
        let scenario = match std::fs::read(&inputs_name) {
            Ok(bytes) => {
                let at = inputs_name.display().to_string();
                let inputs: Inputs = serde_json::from_slice(&bytes)
                    .map_err(|e| Problem::new(&at, "", format!("not a dcsite inputs file: {e}")))?;
                let file = inputs.scenario.file(&at)?;
                if file.sha256 != recorded.sha256 {
                    return Err(Problem::new(
                        &at,
                        "scenario.sha256",
                        format!("differs from {}", self.summary_name),
                    )
                    .into());
                }
                let model = inputs.model.file(&at)?;
                let mut scenario =
                    Scenario::from_files(file, inputs.scenario_path.as_deref(), Some(model))?;
                for (name, f) in &inputs.datasets {
                    let Some(kind) = crate::data::Kind::from_file_name(name) else {
                        return Err(Problem::new(&at, "datasets", "not a dataset name")
                            .value(name)
                            .into());
                    };
                    scenario.data.given.push((kind, f.file(&at)?));
                }
                scenario
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let scenario = Scenario::load(Path::new(&recorded.name))?;
                if scenario.file.sha256 != recorded.sha256 {
                    return Err(Problem::new(
                        &recorded.name,
                        "",
                        "the scenario file changed since the run (SHA-256 differs); run it again",
                    )
                    .into());
                }
                scenario
            }
            Err(source) => {
                return Err(Error::Read {
                    path: inputs_name,
                    source,
                });
            }
        };
        let mut world = World::build(scenario)?;
        // The datasets, after the scenario and model: same content, and the names as
        // the run recorded them (paths as typed then), in the warnings too, so that the
        // summary of a merge or a report is the run's.
        let World {
            files, warnings, ..
        } = &mut world;
        for (k, f) in files.iter_mut().enumerate().skip(2) {
            let entry = self.summary.input_files.get(k);
            if entry.map(|e| e.sha256.as_str()) != Some(f.sha256.as_str()) {
                return Err(Problem::new(
                    &f.name,
                    "",
                    format!(
                        "this data file changed since the run (its SHA-256 differs from {}); run the scenario again",
                        self.summary_name
                    ),
                )
                .into());
            }
            if let Some(e) = entry
                && e.name != f.name
            {
                for w in warnings.iter_mut() {
                    *w = w.replace(&f.name, &e.name);
                }
                f.name = e.name.clone();
            }
        }
        Ok(world)
    }
}
