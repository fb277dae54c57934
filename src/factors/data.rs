//! The datasets the factor families are built from, loaded lazily (only those a run's
//! criteria need) and each read once per world; the shipped hourly bins once per process.

use std::sync::{Arc, OnceLock};

use crate::data::{
    Cities, Climate, ClimateBins, InputFile, Jurisdictions, Kind, Sites, Table,
    check_bins_against_climate, check_measured, load_text, uses_bins,
};
use crate::error::{Error, Problems, Result};
use crate::scenario::Scenario;

/// Lazily loaded datasets for building factor families.
pub(super) struct Data<'a> {
    pub(super) scenario: &'a Scenario,
    pub(super) files: &'a mut Vec<InputFile>,
    pub(super) climate: Option<Result<Climate>>,
    pub(super) jurisdictions: Option<Result<Jurisdictions>>,
    pub(super) urban_areas: Option<Result<Cities>>,
}

fn cloned<T: Clone>(r: &Result<T>) -> Result<T> {
    match r {
        Ok(v) => Ok(v.clone()),
        Err(Error::Invalid(p)) => Err(Error::Invalid(p.clone())),
        Err(e) => Err(Error::Invalid(e.to_problem().into())),
    }
}

impl Data<'_> {
    fn load<T>(&mut self, kind: Kind, parse: impl FnOnce(Table) -> Result<T>) -> Result<T> {
        let (v, f) = self
            .scenario
            .data
            .parse_for(&self.scenario.file.name, kind, parse)?;
        self.files.push(f);
        Ok(v)
    }

    pub(super) fn climate(&mut self) -> Result<Climate> {
        if self.climate.is_none() {
            let r = self.load(Kind::Climate, |t| Climate::new(&t));
            self.climate = Some(r);
        }
        cloned(self.climate.as_ref().expect("set above"))
    }

    /// The hourly bins, when the scenario's data uses them (see [`uses_bins`]). The shipped
    /// bins (100,000 rows) are parsed once per process, and only when `parse`: otherwise
    /// (no cooling model can be built) they are recorded as an input all the same.
    pub(super) fn climate_bins(&mut self, parse: bool) -> Result<Option<Arc<ClimateBins>>> {
        static SHIPPED_FILE: OnceLock<InputFile> = OnceLock::new();
        static SHIPPED: OnceLock<Arc<ClimateBins>> = OnceLock::new();
        if !uses_bins(&self.scenario.data) {
            return Ok(None);
        }
        if self.scenario.data.overrides(Kind::ClimateBins) {
            // The scenario's own bins must agree with the monthly rows in use, as in
            // `data check`: explain shows those rows as the inputs behind the PUE.
            let bins = self.load(Kind::ClimateBins, |t| ClimateBins::new(&t))?;
            let mut problems = Problems::default();
            check_bins_against_climate(&bins, &self.climate()?, &mut problems);
            return problems.into_result(Some(Arc::new(bins)));
        }
        let file = SHIPPED_FILE.get_or_init(|| {
            load_text(&self.scenario.data, Kind::ClimateBins)
                .expect("the shipped climate_bins.csv is embedded")
        });
        self.files.push(file.clone());
        if !parse {
            return Ok(None);
        }
        let bins = SHIPPED.get_or_init(|| {
            let t = Table::parse_as(&file.name, &file.text, Some(Kind::ClimateBins))
                .expect("the shipped climate_bins.csv parses (tested)");
            Arc::new(ClimateBins::new(&t).expect("the shipped climate_bins.csv is valid (tested)"))
        });
        Ok(Some(bins.clone()))
    }

    pub(super) fn jurisdictions(&mut self) -> Result<Jurisdictions> {
        if self.jurisdictions.is_none() {
            let r = self.load(Kind::Jurisdictions, Jurisdictions::new);
            self.jurisdictions = Some(r);
        }
        cloned(self.jurisdictions.as_ref().expect("set above"))
    }

    /// The measured RTTs of `[data] latency`, checked ([`check_measured`]) against the sites
    /// file `all` and the urban agglomerations (the user points), with the check's warnings.
    pub(super) fn measured_latency(&mut self, all: &Sites) -> Result<Option<(Table, Vec<String>)>> {
        let Some((table, file)) = self.scenario.data.latency_for(&self.scenario.file.name)? else {
            return Ok(None);
        };
        let warnings = check_measured(&table, all, &self.urban_areas()?)?;
        self.files.push(file);
        Ok(Some((table, warnings)))
    }

    /// The urban agglomerations: the user points and the places of remoteness (read once).
    pub(super) fn urban_areas(&mut self) -> Result<Cities> {
        if self.urban_areas.is_none() {
            let r = self.load(Kind::UrbanAreas, |t| Cities::new(&t));
            self.urban_areas = Some(r);
        }
        cloned(self.urban_areas.as_ref().expect("set above"))
    }
}
