//! Typed datasets: candidate sites, monthly climate normals and hourly climate bins,
//! jurisdictions, and urban agglomerations (user populations and remoteness).
//!
//! The shipped CSVs in `data/` are embedded in the binary and used unless a scenario's
//! `[data]` table names other files. Each dataset is loaded lazily: a run that uses only
//! column criteria never reads the climate or urban-agglomeration files, and a loader requires only the
//! columns the chosen criteria and factor models use.

mod check;
mod cities;
mod climate;
mod climate_bins;
mod jurisdictions;
mod measured;
pub mod ranges;
mod sites;
mod table;

pub use check::{check_bins_against_climate, check_datasets, check_table};
pub use cities::{Cities, City, check_points};
pub use climate::{Climate, MonthNormals, SiteInfo};
pub use climate_bins::{Bin, ClimateBins};
pub use jurisdictions::{COUNTRY_CODE, Jurisdictions, Localization, Sector, is_country_code};
pub use measured::check_measured;
pub use sites::{Site, Sites, is_kebab_or_snake};
pub use table::Table;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Problem, Problems, Result};

/// The five datasets by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sites,
    Climate,
    ClimateBins,
    Jurisdictions,
    /// Urban agglomerations: the places of user populations and of remoteness.
    UrbanAreas,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Sites,
        Kind::Climate,
        Kind::ClimateBins,
        Kind::Jurisdictions,
        Kind::UrbanAreas,
    ];

    /// The dataset with this file name (`sites.csv`, …).
    pub fn from_file_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.file_name() == name)
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Sites => "sites.csv",
            Kind::Climate => "climate.csv",
            Kind::ClimateBins => "climate_bins.csv",
            Kind::Jurisdictions => "jurisdictions.csv",
            Kind::UrbanAreas => "urban_areas.csv",
        }
    }

    fn embedded(self) -> &'static str {
        match self {
            Kind::Sites => include_str!("../../data/sites.csv"),
            Kind::Climate => include_str!("../../data/climate.csv"),
            Kind::ClimateBins => include_str!("../../data/climate_bins.csv"),
            Kind::Jurisdictions => include_str!("../../data/jurisdictions.csv"),
            Kind::UrbanAreas => include_str!("../../data/urban_areas.csv"),
        }
    }
}

/// Where each dataset comes from: a file named by the scenario, or the embedded copy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataPaths {
    pub sites: Option<PathBuf>,
    pub climate: Option<PathBuf>,
    /// Hourly bins. When absent, the shipped bins are used only with the shipped climate.csv:
    /// a scenario's own monthly normals are never overridden by shipped bins.
    pub climate_bins: Option<PathBuf>,
    pub jurisdictions: Option<PathBuf>,
    /// Urban agglomerations (`id, name, country, lat, lon, population`): the user points of
    /// `[[users]]` and the places of remoteness.
    pub urban_areas: Option<PathBuf>,
    /// Measured RTTs replacing the latency model (`site_id, city_id, rtt_ms`); none shipped.
    pub latency: Option<PathBuf>,
    /// Datasets given in memory (the library API, `Scenario::set_dataset`): each replaces
    /// the file named above, or the shipped copy.
    pub given: Vec<(Kind, InputFile)>,
}

impl DataPaths {
    /// All from one directory holding files with the standard names (`climate_bins.csv` only
    /// when the directory has it).
    pub fn from_dir(dir: &Path) -> DataPaths {
        let bins = dir.join(Kind::ClimateBins.file_name());
        DataPaths {
            sites: Some(dir.join(Kind::Sites.file_name())),
            climate: Some(dir.join(Kind::Climate.file_name())),
            climate_bins: bins.exists().then_some(bins),
            jurisdictions: Some(dir.join(Kind::Jurisdictions.file_name())),
            urban_areas: Some(dir.join(Kind::UrbanAreas.file_name())),
            latency: None,
            given: Vec::new(),
        }
    }

    /// Whether the dataset is the scenario's own (a file it names, or text given in
    /// memory) rather than the shipped copy.
    pub fn overrides(&self, kind: Kind) -> bool {
        self.get(kind).is_some() || self.given.iter().any(|(k, _)| *k == kind)
    }

    /// [`load_table`] of a scenario's dataset: a file named under the scenario's `[data]`
    /// that cannot be read is a problem at that key (`data.climate`), in `scenario_file`.
    pub fn load_for(&self, scenario_file: &str, kind: Kind) -> Result<(Table, InputFile)> {
        load_table(self, kind).map_err(|e| match e {
            Error::Read { path, source } if self.get(kind).is_some() => {
                let key = kind.file_name().trim_end_matches(".csv");
                unreadable(scenario_file, key, &path, &source)
            }
            e => e,
        })
    }

    /// [`load_for`](Self::load_for), parsed by `parse` (the dataset's loader). A dataset the
    /// scenario supplies (a file or text in memory) also gets the checks `data check` makes
    /// of a file on its own ([`check_table`]); the shipped copies pass them (a test runs
    /// `data check`), so they are not checked again at every run. The loader's problems and
    /// the check's are reported together.
    pub fn parse_for<T>(
        &self,
        scenario_file: &str,
        kind: Kind,
        parse: impl FnOnce(Table) -> Result<T>,
    ) -> Result<(T, InputFile)> {
        let (table, file) = self.load_for(scenario_file, kind)?;
        let mut checked = Problems::default();
        if self.overrides(kind) {
            check_table(&table, kind, &mut checked);
        }
        let mut problems = match parse(table) {
            Ok(v) if checked.is_empty() => return Ok((v, file)),
            Ok(_) => Problems::default(),
            Err(Error::Invalid(p)) => p,
            Err(e) => return Err(e),
        };
        problems.extend(checked);
        Err(Error::Invalid(problems))
    }

    /// The measured RTTs of `[data] latency` as a table, when the scenario names a file; one
    /// that cannot be read is a problem at `data.latency`, as in [`load_for`](Self::load_for).
    pub fn latency_for(&self, scenario_file: &str) -> Result<Option<(Table, InputFile)>> {
        let Some(path) = &self.latency else {
            return Ok(None);
        };
        let file = InputFile::read(path).map_err(|e| match e {
            Error::Read { path, source } => unreadable(scenario_file, "latency", &path, &source),
            e => e,
        })?;
        let table = Table::parse(&file.name, &file.text)?;
        Ok(Some((table, file)))
    }

    pub fn get(&self, kind: Kind) -> Option<&Path> {
        match kind {
            Kind::Sites => self.sites.as_deref(),
            Kind::Climate => self.climate.as_deref(),
            Kind::ClimateBins => self.climate_bins.as_deref(),
            Kind::Jurisdictions => self.jurisdictions.as_deref(),
            Kind::UrbanAreas => self.urban_areas.as_deref(),
        }
    }
}

/// A `[data]` file that cannot be read, as a problem at its key in the scenario.
fn unreadable(scenario_file: &str, key: &str, path: &Path, source: &std::io::Error) -> Error {
    Problem::new(
        scenario_file,
        format!("data.{key}"),
        format!("cannot read: {source}"),
    )
    .value(path.display())
    .into()
}

/// One input file as read: its display name, its text and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct InputFile {
    pub name: String,
    pub sha256: String,
    pub text: String,
}

impl InputFile {
    pub fn read(path: &Path) -> Result<InputFile> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(InputFile::new(path.display().to_string(), text))
    }

    pub fn new(name: String, text: String) -> InputFile {
        InputFile {
            sha256: sha256_hex(text.as_bytes()),
            name,
            text,
        }
    }
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads one dataset's text: given in memory, from its file, or the embedded copy.
pub fn load_text(paths: &DataPaths, kind: Kind) -> Result<InputFile> {
    if let Some((_, f)) = paths.given.iter().rev().find(|(k, _)| *k == kind) {
        return Ok(f.clone());
    }
    match paths.get(kind) {
        Some(path) => InputFile::read(path),
        None => Ok(InputFile::new(
            format!("<embedded>/{}", kind.file_name()),
            kind.embedded().to_owned(),
        )),
    }
}

/// Whether hourly bins are read: from the file a scenario names, or the shipped ones when
/// the monthly normals are the shipped ones too.
pub fn uses_bins(paths: &DataPaths) -> bool {
    paths.overrides(Kind::ClimateBins) || !paths.overrides(Kind::Climate)
}

/// Loads and parses one dataset as a table.
pub fn load_table(paths: &DataPaths, kind: Kind) -> Result<(Table, InputFile)> {
    let file = load_text(paths, kind)?;
    let table = Table::parse_as(&file.name, &file.text, Some(kind))?;
    Ok((table, file))
}
