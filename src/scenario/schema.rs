//! JSON Schemas (draft-07) of scenario and model files, derived from the raw serde structs
//! in [`raw`](super::raw), so they cannot drift from what the parser accepts. Shipped as
//! `docs/scenario.schema.json` and `docs/model.schema.json` (a test keeps them equal to
//! these) and printed by `dcsite schema scenario|model`. TOML editors that read JSON Schema
//! (Taplo, "Even Better TOML") use them through the `#:schema` line at the top of a file.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use super::raw::{RawModel, RawScenario};

/// Which file a schema describes.
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
pub enum SchemaKind {
    Scenario,
    Model,
}

impl SchemaKind {
    pub fn parse(s: &str) -> Option<SchemaKind> {
        s.parse().ok()
    }

    /// The shipped file, relative to the repository root.
    pub fn shipped_path(self) -> &'static str {
        match self {
            SchemaKind::Scenario => "docs/scenario.schema.json",
            SchemaKind::Model => "docs/model.schema.json",
        }
    }
}

/// The schema as a JSON value.
pub fn json_schema(kind: SchemaKind) -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let (schema, title, what) = match kind {
        SchemaKind::Scenario => (
            generator.into_root_schema_for::<RawScenario>(),
            "dcsite scenario file",
            "A dcsite scenario file (examples/*.toml): what is being decided. See docs/scenario.md.",
        ),
        SchemaKind::Model => (
            generator.into_root_schema_for::<RawModel>(),
            "dcsite model file",
            "A dcsite model file (models/*.toml): how to judge. See docs/scenario.md#model-files.",
        ),
    };
    let mut v = schema.to_value();
    strip_null(&mut v);
    // `$schema`, title and description first, for people reading the file.
    let mut out = serde_json::Map::new();
    if let Value::Object(mut o) = v {
        out.insert("$schema".into(), o.remove("$schema").unwrap_or(Value::Null));
        out.insert("title".into(), title.into());
        o.remove("title");
        o.remove("description");
        out.insert("description".into(), what.into());
        out.extend(o);
    }
    Value::Object(out)
}

/// The schema as shipped: pretty-printed, with a final newline.
pub fn json_schema_text(kind: SchemaKind) -> String {
    let mut s = serde_json::to_string_pretty(&json_schema(kind)).expect("a schema serialises");
    s.push('\n');
    s
}

/// TOML has no null: an optional key is absent, never null. Removes the `null` that serde's
/// `Option` adds to a type (`["number", "null"]` → `"number"`, `anyOf [X, null]` → X), the
/// `"default": null` of optional keys and the numeric `format`s (`double`, `int64`), which
/// draft-07 does not define.
fn strip_null(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.get("default") == Some(&Value::Null) {
                o.remove("default");
            }
            if o.get("format").and_then(Value::as_str).is_some_and(|f| {
                ["double", "float", "int64", "uint64", "int32", "uint32"].contains(&f)
            }) {
                o.remove("format");
            }
            if let Some(Value::Array(types)) = o.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let t = types.remove(0);
                    o.insert("type".into(), t);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(alts)) = o.get_mut(key) {
                    alts.retain(|a| a.get("type").is_none_or(|t| t != "null"));
                    if alts.len() == 1 {
                        let only = alts.remove(0);
                        o.remove(key);
                        if let Value::Object(inner) = only {
                            for (k, x) in inner {
                                o.entry(k).or_insert(x);
                            }
                        }
                    }
                }
            }
            o.values_mut().for_each(strip_null);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_null),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nulls_are_stripped() {
        let mut v = json!({
            "type": ["number", "null"],
            "format": "double",
            "default": null,
            "properties": { "a": { "anyOf": [{ "$ref": "#/definitions/X" }, { "type": "null" }] } }
        });
        strip_null(&mut v);
        assert_eq!(
            v,
            json!({ "type": "number", "properties": { "a": { "$ref": "#/definitions/X" } } })
        );
    }

    #[test]
    fn schemas_are_draft_07_with_the_allowed_values() {
        let s = json_schema(SchemaKind::Scenario);
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(s["additionalProperties"], false);
        let m = json_schema(SchemaKind::Model);
        assert_eq!(
            m["properties"]["method"]["enum"],
            json!(["wsm", "wpm", "topsis", "vikor", "promethee2"])
        );
        assert_eq!(m["properties"]["method"]["type"], "string");
        assert!(
            m["definitions"]["RawCriterion"]["properties"]["factor"]["enum"]
                .as_array()
                .unwrap()
                .contains(&json!("energy.npv_usd"))
        );
    }
}
