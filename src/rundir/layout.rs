//! The names a run writes in its directory, and the clean-up around a write: an earlier
//! run's `summary.json` removed before the first new file lands, the temporary files an
//! interrupted write left, and the outputs of an earlier run that this one does not write.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::report;

/// Every file name a run may write at the top of its directory.
pub(super) const OUTPUTS: [&str; 13] = [
    "ranking.csv",
    "ranking.geojson",
    "acceptability.csv",
    "central_weights.csv",
    "pairwise.csv",
    "criteria.csv",
    "factors.csv",
    "latency.csv",
    "draws.csv",
    "state.json",
    "inputs.json",
    "summary.json",
    "report.html",
];

/// The file written last: until it is there, `report` and `merge` refuse the directory.
pub(super) const SUMMARY: &str = "summary.json";

fn remove(path: PathBuf) -> Result<()> {
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write { path, source: e }),
        _ => Ok(()),
    }
}

/// Before a run's first file is renamed into `dir`: the earlier run's `summary.json` goes
/// (a write interrupted from here on leaves a directory that `report` and `merge` refuse,
/// never one run's tables beside another's summary), and so do the temporary files of an
/// interrupted earlier write.
pub(super) fn prepare(dir: &Path) -> Result<()> {
    remove(dir.join(SUMMARY))?;
    remove_temporaries(dir, &OUTPUTS)?;
    let plots = dir.join("plots");
    if plots.is_dir() {
        let names: Vec<String> = figure_files().collect();
        remove_temporaries(&plots, &names)?;
    }
    Ok(())
}

/// Whether a run may write into `dir`, checked before any work: `plots` must not be a file
/// (the run would fail after removing the earlier run's summary), and a directory that is
/// not a run directory (no `summary.json` or `inputs.json`, as every run writes) must hold
/// none of the files a run replaces or removes: they are someone else's.
pub(crate) fn check_writable(command: &str, dir: &Path) -> Result<()> {
    use crate::error::Problem;
    let refuse = |message: String| -> Result<()> {
        Err(Problem::new(command, "--out", message)
            .value(dir.display())
            .into())
    };
    let plots = dir.join("plots");
    if plots.exists() && !plots.is_dir() {
        return refuse(format!(
            "{} is a file: the run writes its figures into a directory of that name; move the file or choose another --out",
            plots.display()
        ));
    }
    if !dir.is_dir() || dir.join(SUMMARY).exists() || dir.join("inputs.json").exists() {
        return Ok(());
    }
    let mut theirs: Vec<String> = OUTPUTS
        .iter()
        .filter(|n| dir.join(n).exists())
        .map(|n| n.to_string())
        .collect();
    theirs.extend(
        figure_files()
            .filter(|n| plots.join(n).exists())
            .map(|n| format!("plots/{n}")),
    );
    if theirs.is_empty() {
        return Ok(());
    }
    refuse(format!(
        "is not a dcsite run directory (no summary.json or inputs.json) but holds files a run would replace or remove: {}; choose another --out, or move them",
        theirs.join(", ")
    ))
}

/// `plots/` file names a run writes: each figure as PNG and SVG.
fn figure_files() -> impl Iterator<Item = String> {
    report::plots::RUN_FIGURES
        .into_iter()
        .flat_map(|f| ["png", "svg"].map(|ext| format!("{f}.{ext}")))
}

/// Removes the files of `dir` named as [`report::write_atomic`] names its temporary files
/// for one of `names` (`.<name>.<random>.tmp`); any other file is left alone.
pub(super) fn remove_temporaries<S: AsRef<str>>(dir: &Path, names: &[S]) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        if names
            .iter()
            .any(|n| report::is_temporary_of(file, n.as_ref()))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            remove(entry.path())?;
        }
    }
    Ok(())
}

/// Removes outputs of an earlier run into the same directory that this run did not write
/// (a base-case run after a Monte Carlo run must not leave the old acceptabilities, nor a
/// run without plots the old plots), so a run directory always describes one run.
pub(super) fn remove_stale(dir: &Path, written: &[PathBuf]) -> Result<()> {
    for name in OUTPUTS {
        let path = dir.join(name);
        if !written.contains(&path) {
            remove(path)?;
        }
    }
    let plots = dir.join("plots");
    if plots.is_dir() {
        // Only the figures a run draws: any other file there is the user's.
        for name in figure_files() {
            let path = plots.join(name);
            if !written.contains(&path) {
                remove(path)?;
            }
        }
        // Gone if now empty; kept if it holds anything else.
        let _ = std::fs::remove_dir(&plots);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dcsites_own_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("plots")).unwrap();
        // A real temporary name, as write_atomic makes them, left behind.
        let kept = tempfile::Builder::new()
            .prefix(".state.json.")
            .suffix(".tmp")
            .tempfile_in(d)
            .unwrap()
            .keep()
            .unwrap()
            .1;
        let ours = [
            ".ranking.csv.qDfEQe.tmp",
            ".summary.json.AbC123.tmp",
            "plots/.map.png.x1Y2z3.tmp",
        ];
        let theirs = [
            ".ranking.csv.tmp",
            ".ranking.csv.notes.tmp",
            ".mine.csv.qDfEQe.tmp",
            ".ranking.csv.qDfEQe.bak",
            "ranking.csv.qDfEQe.tmp",
            ".portfolio.csv.qDfEQe.tmp",
            "plots/.mine.png.x1Y2z3.tmp",
            "plots/notes.txt",
        ];
        for f in ours.iter().chain(&theirs) {
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::write(d.join("summary.json"), "{}").unwrap();
        prepare(d).unwrap();
        assert!(!kept.exists());
        assert!(!d.join("summary.json").exists());
        for f in ours {
            assert!(!d.join(f).exists(), "{f} should be removed");
        }
        for f in theirs {
            assert!(d.join(f).exists(), "{f} should be kept");
        }
    }
}
