//! YAML and TOML text read as one JSON-like mapping with lower-cased keys: a post's front
//! matter ([`crate::post`]) and a site's settings ([`crate::site`]) alike, so both read `title`
//! or `permalink` the same way whatever the generator.

use serde_json::{Map, Value};

/// Why a text is not a mapping.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MappingError {
    #[error("not valid YAML: {0}")]
    Yaml(String),
    #[error("not valid TOML: {0}")]
    Toml(String),
    #[error("not a mapping of keys to values, found {0}")]
    NotAMapping(&'static str),
}

/// YAML that must be a mapping (or nothing), keys lower-cased.
pub fn yaml(front: &str) -> Result<Map<String, Value>, MappingError> {
    if front.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: Value = serde_saphyr::from_str(front).map_err(|e| MappingError::Yaml(first_line(&e.to_string())))?;
    match value {
        Value::Object(map) => Ok(lower_keys(map)),
        Value::Null => Ok(Map::new()),
        other => Err(MappingError::NotAMapping(json_kind(&other))),
    }
}

/// TOML as [`yaml`] reads YAML.
pub fn toml(front: &str) -> Result<Map<String, Value>, MappingError> {
    let table: toml::Table = toml::from_str(front).map_err(|e| MappingError::Toml(first_line(e.message())))?;
    match toml_to_json(toml::Value::Table(table)) {
        Value::Object(map) => Ok(lower_keys(map)),
        _ => Ok(Map::new()),
    }
}

/// TOML values as the JSON-like values the YAML reader gives; dates become their text.
fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

fn lower_keys(map: Map<String, Value>) -> Map<String, Value> {
    map.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect()
}

/// What a value is, in words, for a message.
pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// YAML errors can run over several lines with a rendered snippet; one line is enough for a log
/// and for `/status`.
fn first_line(s: &str) -> String {
    s.lines().find(|l| !l.trim().is_empty()).unwrap_or(s).trim().to_string()
}
