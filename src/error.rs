//! The library's error type.
//!
//! Bad input is reported as a list of [`Problem`]s, all of them at once, each naming the file,
//! the key path or row/column, the bad value and what is allowed. Everything else (an output
//! directory that cannot be written) is a runtime failure. The binary maps the first kind to
//! exit code 2 and the second to exit code 1.

use std::fmt;
use std::path::PathBuf;

/// The allowed values of a keyword, as error messages list them (`min, max`): the names
/// strum derives, so the list cannot drift from the parser.
pub fn allowed<T: strum::VariantNames>() -> String {
    T::VARIANTS.join(", ")
}

/// One thing wrong with an input file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Problem {
    /// The file, as the user named it (or `<embedded>/sites.csv` for shipped data).
    pub file: String,
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// Key path (`facility.it_load_mw`, `criteria[2].weight`) or CSV column (`row 7, column lat`).
    pub key: String,
    /// The offending value as written, if there is one.
    pub value: Option<String>,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        key: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            line: None,
            key: key.into(),
            value: None,
            message: message.into(),
        }
    }

    pub fn value(mut self, value: impl fmt::Display) -> Self {
        self.value = Some(value.to_string());
        self
    }

    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        if let Some(value) = &self.value {
            write!(f, " = {value}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A collection of problems, gathered while validating so that all are reported at once;
/// the set holds those pushed, so that a repeat is found in constant time (a sites file of
/// 100,000 rows can raise one problem per row).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Problems(pub Vec<Problem>, std::collections::HashSet<Problem>);

impl Problems {
    /// Adds a problem, unless the same one is already listed: a bad cell that several
    /// loaders read is one problem.
    pub fn push(&mut self, problem: Problem) {
        if self.1.insert(problem.clone()) {
            self.0.push(problem);
        }
    }

    /// [`Problems::push`] of each.
    pub fn push_all(&mut self, problems: impl IntoIterator<Item = Problem>) {
        problems.into_iter().for_each(|p| self.push(p));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn extend(&mut self, other: Problems) {
        self.push_all(other.0);
    }

    /// `Ok(value)` when nothing was found wrong, else all the problems.
    pub fn into_result<T>(self, value: T) -> Result<T, Error> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Error::Invalid(self))
        }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        if n == 1 {
            return write!(f, "{}", self.0[0]);
        }
        write!(f, "{n} problems in the input:")?;
        for p in &self.0 {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl From<Problem> for Problems {
    fn from(p: Problem) -> Self {
        let mut problems = Problems::default();
        problems.push(p);
        problems
    }
}

/// Errors from the dcsite library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is wrong: every problem found, each with file, key, value and what is allowed.
    #[error("{0}")]
    Invalid(Problems),
    /// An input file could not be read.
    #[error("{}: cannot read", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The engine computed a NaN or an infinity; no results are written. Validation bounds
    /// every input, so this is a defect or an input range too wide for the models.
    #[error(
        "{draw}: site {site}, {what} = {value}: not a finite number; no results written (please report it with the scenario)"
    )]
    NonFinite {
        site: String,
        /// `criterion <id>` or `score`.
        what: String,
        /// `base case` or `draw <k>` (0-based, in the order of the run's draws).
        draw: String,
        value: f64,
    },
    /// A site's criterion value or score went beyond what its mean and sd summary holds
    /// (2⁵⁵ × the series' magnitude, see [`crate::simulate::Moments`]); no results are
    /// written rather than a wrong mean or sd.
    #[error(
        "site {site}, {what}: a draw's value is beyond ±{limit:e}, more than its mean and sd summary can hold; no results written (please report it with the scenario)"
    )]
    Unrepresentable {
        site: String,
        /// `criterion <id>` or `score`.
        what: String,
        limit: f64,
    },
    /// An output file could not be written.
    #[error("{}: cannot write", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The run was stopped by its observer ([`crate::simulate::Observer::cancelled`]) before
    /// it finished; nothing is written.
    #[error("run cancelled")]
    Cancelled,
    /// The worker threads could not be started.
    #[error("cannot start {threads} worker threads")]
    Threads {
        threads: usize,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// The problems of an input error (none for other errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(p) => &p.0,
            _ => &[],
        }
    }

    /// The error as one problem, for a list of problems: an unreadable file is named with
    /// the system's reason (`data/climate.csv: cannot read: No such file or directory`).
    pub fn to_problem(&self) -> Problem {
        match self {
            Error::Read { path, source } => Problem::new(
                path.display().to_string(),
                "",
                format!("cannot read: {source}"),
            ),
            e => Problem::new("", "", e.to_string()),
        }
    }

    /// True when the error is the user's input (exit code 2), false for a runtime failure.
    pub fn is_input(&self) -> bool {
        matches!(self, Error::Invalid(_) | Error::Read { .. })
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error::Invalid(p.into())
    }
}

impl From<Problems> for Error {
    fn from(p: Problems) -> Self {
        Error::Invalid(p)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
