//! Helpers for the command-line tests: a temporary directory to write fixtures into and
//! run `dcsite` in, and the finished run's exit code and output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository root (examples/, data/, models/).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Apple example run once per test process (2,000 draws, its seed 42, `--threads 2`,
/// plots): the tests that only read its outputs share this run directory instead of each
/// running the example again. It lives in Cargo's scratch directory for integration tests
/// and is replaced by the next test process.
pub fn apple_run() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("apple-2000");
        let _ = std::fs::remove_dir_all(&dir);
        let scenario = repo().join("examples/apple-icloud-china.toml");
        dcsite()
            .arg("run")
            .arg(&scenario)
            .args(["--draws", "2000", "--threads", "2", "--quiet", "--out"])
            .arg(&dir)
            .assert()
            .success();
        dir
    })
}

/// A fresh `dcsite` command.
pub fn dcsite() -> Command {
    Command::cargo_bin("dcsite").expect("the dcsite binary is built for integration tests")
}

/// A temporary working directory holding fixture files; `dcsite` runs inside it, so the
/// tests can name files by relative paths and assert on exactly those names in messages.
pub struct Dir {
    tmp: TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// A directory holding `files` (name, contents); names may contain `/`.
    pub fn with(files: &[(&str, &str)]) -> Dir {
        let d = Dir::new();
        for (name, text) in files {
            d.write(name, text);
        }
        d
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> &Dir {
        let path = self.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create fixture directory");
        }
        std::fs::write(&path, text).expect("write fixture");
        self
    }

    pub fn read(&self, name: &str) -> String {
        let path = self.join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.join(name).exists()
    }

    /// Runs `dcsite args…` in this directory.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs `dcsite args…` in this directory with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = dcsite();
        cmd.current_dir(self.path()).args(args);
        // Threads come from --threads or the variable under test only.
        cmd.env_remove("RAYON_NUM_THREADS");
        // And the array job's index from the variables under test only (`--shard auto`).
        for k in [
            "SLURM_ARRAY_TASK_ID",
            "SLURM_ARRAY_TASK_MIN",
            "SLURM_ARRAY_TASK_STEP",
            "SLURM_ARRAY_TASK_COUNT",
            "JOB_COMPLETION_INDEX",
            "AWS_BATCH_JOB_ARRAY_INDEX",
            // And the instruction sets from the variable under test only.
            "DCSITE_SIMD",
        ] {
            cmd.env_remove(k);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("dcsite runs"), args)
    }
}

/// A finished `dcsite` process.
#[derive(Debug)]
pub struct Run {
    pub args: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: std::process::Output, args: &[&str]) -> Run {
        Run {
            args: args.join(" "),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(expected),
            "dcsite {}: exit code\n--- stdout\n{}--- stderr\n{}",
            self.args,
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn ok(&self) -> &Run {
        self.code(0)
    }

    /// Exit code 2 (bad input).
    #[track_caller]
    pub fn bad_input(&self) -> &Run {
        self.code(2)
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "dcsite {}: stderr lacks {needle:?}\n--- stderr\n{}",
            self.args,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "dcsite {}: stdout lacks {needle:?}\n--- stdout\n{}",
            self.args,
            self.stdout
        );
        self
    }

    /// The `error: ` lines of stderr and the indented problem lines under them.
    pub fn problems(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("  "))
            .map(str::trim)
            .collect()
    }
}

/// A CSV file as a header and rows of cells.
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    pub fn parse(text: &str) -> Csv {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header = r
            .headers()
            .expect("CSV header")
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = r
            .records()
            .map(|rec| rec.expect("CSV row").iter().map(str::to_owned).collect())
            .collect();
        Csv { header, rows }
    }

    pub fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.header))
    }

    /// The cells of one column, top to bottom.
    pub fn column(&self, name: &str) -> Vec<&str> {
        let c = self.col(name);
        self.rows.iter().map(|r| r[c].as_str()).collect()
    }

    pub fn numbers(&self, name: &str) -> Vec<f64> {
        self.column(name)
            .into_iter()
            .map(|s| {
                s.parse()
                    .unwrap_or_else(|_| panic!("column {name}: {s:?} is not a number"))
            })
            .collect()
    }
}

/// Every `*.csv` file directly in `dir`, by name, as bytes.
pub fn csv_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read output"))
        })
        .collect()
}

/// Asserts that two sets of files (as [`csv_files`] gives them) have the same names and the
/// same bytes; `what` names the comparison in the message.
#[track_caller]
pub fn assert_same_files(
    expected: &BTreeMap<String, Vec<u8>>,
    actual: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "{what}: the files differ"
    );
    for (name, bytes) in expected {
        assert!(actual[name] == *bytes, "{what}: {name} differs");
    }
}

/// Every file under `dir`, recursively, as paths relative to `dir`.
pub fn all_files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("list directory") {
            let p = e.expect("directory entry").path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
