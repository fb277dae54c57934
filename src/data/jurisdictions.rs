//! Jurisdictions: one country a row, keyed by ISO 3166-1 alpha-2 code. Numeric columns are
//! read when a factor model needs them, so a file with only `country` and the columns in use
//! is enough.

use std::collections::HashMap;

use super::Table;
use crate::error::{Problem, Problems, Result};

/// A country's data-localisation regime for personal data in general.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Localization {
    /// No localisation mandate.
    None,
    /// Only certain sectors or data (payments, health, public sector) must stay in-country:
    /// those of the row's `localized_sectors`.
    Sectoral,
    /// Personal data in general must be stored in-country.
    Strict,
}

impl Localization {
    pub fn parse(s: &str) -> Option<Localization> {
        s.parse().ok()
    }
}

/// A regulated sector with an in-country storage rule in some country (`localized_sectors`
/// of `jurisdictions.csv`, coded from the laws of data/SOURCES.md, "Localisation laws").
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Sector {
    /// Payment-system data (e.g. India's RBI 2018 directive).
    Payments,
    /// Core data of banks and other financial institutions.
    Banking,
    /// Insurance policy and claim records.
    Insurance,
    /// Health records and health-care data.
    Health,
    /// Data of government and public-sector bodies.
    Public,
    /// Telecommunications and Internet-service subscriber data.
    Telecom,
    /// Data of e-commerce services.
    Ecommerce,
}

/// The one form of a country code in every file: how messages state it.
pub const COUNTRY_CODE: &str = "an ISO 3166-1 alpha-2 code (two upper-case letters, e.g. CN)";

/// True for an ISO 3166-1 alpha-2 code as the datasets write it: two upper-case ASCII letters.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[derive(Debug, Clone)]
pub struct Jurisdictions {
    pub table: Table,
    index: HashMap<String, usize>,
}

impl Jurisdictions {
    pub fn new(table: Table) -> Result<Jurisdictions> {
        let col = table.require("country").map_err(Problems::from)?;
        let mut problems = Problems::default();
        let mut index = HashMap::new();
        for row in 0..table.len() {
            let code = table.text(row, col);
            let at = |m: &str| {
                Problem::new(&table.name, format!("row {}, column country", row + 1), m)
                    .line(table.line(row))
                    .value(format!("{code:?}"))
            };
            if !is_country_code(code) {
                problems.push(at(&format!("must be {COUNTRY_CODE}")));
            } else if index.insert(code.to_owned(), row).is_some() {
                problems.push(at("duplicate country"));
            }
        }
        problems.into_result(Jurisdictions { table, index })
    }

    pub fn row(&self, country: &str) -> Option<usize> {
        self.index.get(country).copied()
    }

    pub fn contains(&self, country: &str) -> bool {
        self.index.contains_key(country)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    fn unknown(&self, country: &str, who: &str) -> Problem {
        Problem::new(
            &self.table.name,
            format!("country {country:?}"),
            format!("not in the jurisdictions file (needed by {who})"),
        )
    }

    /// A numeric column for a country.
    pub fn number(&self, country: &str, column: &str, who: &str) -> Result<f64, Problem> {
        let row = self
            .row(country)
            .ok_or_else(|| self.unknown(country, who))?;
        let col = self.table.require(column)?;
        self.table.number(row, col)
    }

    /// A numeric column's value and its `_sd` companion (0 when the sd column or cell is absent).
    pub fn number_sd(&self, country: &str, column: &str, who: &str) -> Result<(f64, f64), Problem> {
        let v = self.number(country, column, who)?;
        let row = self.row(country).expect("checked by number()");
        let sd = match self.table.require(&format!("{column}_sd")) {
            Ok(c) => self.table.optional_number(row, c)?.unwrap_or(0.0),
            Err(_) => 0.0,
        };
        Ok((v, sd))
    }

    pub fn localization(&self, country: &str, who: &str) -> Result<Localization, Problem> {
        let row = self
            .row(country)
            .ok_or_else(|| self.unknown(country, who))?;
        regime(&self.table, row, self.table.require("localization")?)
    }

    /// The sectors whose data the country's law keeps in-country (empty when the file has no
    /// `localized_sectors` column or the cell is empty).
    pub fn localized_sectors(&self, country: &str, who: &str) -> Result<Vec<Sector>, Problem> {
        let row = self
            .row(country)
            .ok_or_else(|| self.unknown(country, who))?;
        sectors(&self.table, row).collect()
    }

    /// Countries to which personal data may flow freely (empty: no adequacy-style list).
    pub fn allowed_destinations(&self, country: &str) -> Vec<&str> {
        match self.row(country) {
            Some(row) => destinations(&self.table, row).collect(),
            None => Vec::new(),
        }
    }
}

/// The localisation regime in row `row` (column `col`) of a jurisdictions table.
pub(super) fn regime(table: &Table, row: usize, col: usize) -> Result<Localization, Problem> {
    let text = table.text(row, col);
    Localization::parse(text).ok_or_else(|| {
        Problem::new(
            &table.name,
            format!("row {}, column localization", row + 1),
            format!("allowed: {}", crate::error::allowed::<Localization>()),
        )
        .line(table.line(row))
        .value(format!("{text:?}"))
    })
}

/// The destination codes in row `row` of a jurisdictions table (space-separated).
pub(super) fn destinations(table: &Table, row: usize) -> impl Iterator<Item = &str> {
    table
        .text_or_empty(row, "allowed_destinations")
        .split_whitespace()
}

/// The sector codes in row `row` of a jurisdictions table (space-separated); an unknown code
/// is a problem naming the row, the column and the allowed codes.
pub(super) fn sectors(table: &Table, row: usize) -> impl Iterator<Item = Result<Sector, Problem>> {
    table
        .text_or_empty(row, "localized_sectors")
        .split_whitespace()
        .map(move |code| {
            code.parse().map_err(|_| {
                Problem::new(
                    &table.name,
                    format!("row {}, column localized_sectors", row + 1),
                    format!(
                        "allowed: {}; codes are separated by spaces",
                        crate::error::allowed::<Sector>()
                    ),
                )
                .line(table.line(row))
                .value(format!("{code:?}"))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataPaths, Kind, load_table};

    /// The adequacy lists of the shipped file as of December 2026 (data/SOURCES.md, "Adequacy
    /// lists, checked December 2026"): the EU's decision on Brazil (EU) 2026/179 puts BR on
    /// every EEA list, Brazil's ANPD Resolution 32/2026 gives BR a list of the 30 EEA states,
    /// and neither the UK nor Switzerland lists Brazil.
    #[test]
    fn adequacy_lists_of_2026() {
        let (table, _) = load_table(&DataPaths::default(), Kind::Jurisdictions).unwrap();
        let j = Jurisdictions::new(table).unwrap();
        let br = j.allowed_destinations("BR");
        assert_eq!(br.len(), 30, "{br:?}");
        for eea in ["DE", "FR", "IE", "IS", "LI", "NO"] {
            assert!(br.contains(&eea), "{eea}");
        }
        for other in ["US", "GB", "CH", "SG", "IN", "JP"] {
            assert!(!br.contains(&other), "{other}");
        }
        assert!(j.allowed_destinations("DE").contains(&"BR"));
        assert!(j.allowed_destinations("NO").contains(&"BR"));
        assert!(!j.allowed_destinations("GB").contains(&"BR"));
        assert!(!j.allowed_destinations("CH").contains(&"BR"));
    }

    /// Sector lists of the shipped file (data/SOURCES.md, "Localisation laws"): India keeps
    /// payment, insurance and government data in-country (RBI 2018, IRDAI 2015, MeitY's cloud
    /// guidelines of 2017), Turkey bank, payment and public-institution data (Law 5411, Law
    /// 6493, Presidential Circular 2019/12).
    #[test]
    fn sector_lists_of_2026() {
        use Sector::*;
        let (table, _) = load_table(&DataPaths::default(), Kind::Jurisdictions).unwrap();
        let j = Jurisdictions::new(table).unwrap();
        assert_eq!(
            j.localized_sectors("IN", "test").unwrap(),
            [Payments, Insurance, Public]
        );
        assert_eq!(
            j.localized_sectors("TR", "test").unwrap(),
            [Banking, Payments, Public]
        );
    }
}
