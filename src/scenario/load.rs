//! The built-in models and loading a model by name or path.

use std::path::{Path, PathBuf};

use crate::data::InputFile;
use crate::error::{Problem, Result};

use super::*;

/// The models shipped in `models/`, usable by name.
pub const BUILTIN_MODELS: [(&str, &str); 3] = [
    ("balanced", include_str!("../../models/balanced.toml")),
    (
        "latency-first",
        include_str!("../../models/latency-first.toml"),
    ),
    ("sovereignty", include_str!("../../models/sovereignty.toml")),
];

/// Loads a model by built-in name, or by path (relative to `base` when given); problems
/// name the scenario file as `scenario`, the name its own problems carry.
pub fn load_model(
    name_or_path: &str,
    base: Option<&Path>,
    scenario: &str,
) -> Result<(Model, InputFile)> {
    let file = match BUILTIN_MODELS.iter().find(|(n, _)| *n == name_or_path) {
        Some((n, text)) => {
            InputFile::new(format!("<built-in>/models/{n}.toml"), (*text).to_owned())
        }
        None => {
            let looks_like_path = name_or_path.ends_with(".toml") || name_or_path.contains('/');
            if !looks_like_path {
                let names: Vec<&str> = BUILTIN_MODELS.iter().map(|(n, _)| *n).collect();
                return Err(Problem::new(
                    scenario,
                    "model",
                    format!(
                        "no built-in model of that name; built-in models: {}; or give a path to a .toml file",
                        names.join(", ")
                    ),
                )
                .value(format!("{name_or_path:?}"))
                .into());
            }
            let path = resolve(base, name_or_path);
            InputFile::read(&path).map_err(|e| match e {
                crate::Error::Read { path, source } => crate::Error::from(
                    Problem::new(
                        scenario,
                        "model",
                        format!("cannot read the model file {}: {source}", path.display()),
                    )
                    .value(format!("{name_or_path:?}")),
                ),
                e => e,
            })?
        }
    };
    let raw = parse_toml(&file.name, &file.text)?;
    let model = Model::from_raw(&file.name, raw)?;
    Ok((model, file))
}

/// A path in a scenario, relative to the scenario's directory.
pub(super) fn resolve(scenario: Option<&Path>, p: &str) -> PathBuf {
    let dir = scenario.and_then(Path::parent).unwrap_or(Path::new(""));
    dir.join(p)
}

#[cfg(test)]
mod tests {
    use crate::Scenario;

    /// A model problem names the scenario as its other problems do: TOML text as
    /// `<memory>/scenario.toml` (it was `<base_dir>/<memory>.toml`), a file by its path.
    #[test]
    fn model_problems_name_the_scenario_like_its_other_problems() {
        let dir = tempfile::tempdir().unwrap();
        for model in ["nonexistent", "missing.toml"] {
            let text = format!("name = \"t\"\nmodel = \"{model}\"\nmethod = \"nope\"\n");
            let err = Scenario::from_toml(&text, dir.path())
                .unwrap_err()
                .to_string();
            assert!(err.contains("<memory>/scenario.toml: model = "), "{err}");
            assert!(err.contains("<memory>/scenario.toml: method = "), "{err}");
            assert!(!err.contains("<memory>.toml"), "{err}");
            let path = dir.path().join("s.toml");
            std::fs::write(&path, &text).unwrap();
            let err = Scenario::load(&path).unwrap_err().to_string();
            let name = path.display().to_string();
            assert!(err.contains(&format!("{name}: model = ")), "{err}");
            assert!(err.contains(&format!("{name}: method = ")), "{err}");
        }
    }
}
