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

/// A key a YAML mapping gives twice, which site generators accept (PyYAML, Ruby's Psych and
/// js-yaml keep the later value) and the YAML specification does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedKey {
    pub key: String,
    /// The line of the text (counted from 1) where it is given again.
    pub line: u64,
}

/// How many repeated keys are named one by one; past that, the later values are still kept.
const MAX_REPEATS_NAMED: usize = 16;

/// YAML read as the site generators read it: a repeated key keeps its later value, scalars
/// keep the spelling the author wrote unless they are plainly numbers, `true` or `false`
/// (`title: No`, `y`, `0755` stay text; [`truth`] reads YAML 1.1's `yes`/`on` where a flag is
/// wanted).
fn yaml_options(policy: serde_saphyr::options::DuplicateKeyPolicy) -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: policy,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
    }
}

/// The error under serde-saphyr's snippet wrapper.
fn bare(e: serde_saphyr::Error) -> serde_saphyr::Error {
    match e {
        serde_saphyr::Error::WithSnippet { error, .. } => bare(*error),
        other => other,
    }
}

/// YAML that must be a mapping (or nothing), keys lower-cased, with the keys it repeats (the
/// later value kept, as every site generator keeps it).
pub fn yaml(front: &str) -> Result<(Map<String, Value>, Vec<RepeatedKey>), MappingError> {
    use serde_saphyr::options::DuplicateKeyPolicy;
    if front.trim().is_empty() {
        return Ok((Map::new(), Vec::new()));
    }
    let strict =
        |text: &str| serde_saphyr::from_str_with_options::<Value>(text, yaml_options(DuplicateKeyPolicy::Error));
    let mut repeated = Vec::new();
    let value = match strict(front) {
        Ok(v) => v,
        Err(e) => {
            let e = bare(e);
            if !matches!(e, serde_saphyr::Error::DuplicateMappingKey { .. }) {
                return Err(MappingError::Yaml(first_line(&e.to_string())));
            }
            // Name each repeat: rename the key where it repeats and read again, so the next
            // one shows; then read the text as written with the later value winning.
            let mut probe = front.to_string();
            let mut next = Err(e);
            while let Err(serde_saphyr::Error::DuplicateMappingKey { key, location }) = next {
                let key = key.unwrap_or_default();
                repeated.push(RepeatedKey {
                    key: key.clone(),
                    line: location.line(),
                });
                let renamed = rename_at(&probe, location.line(), location.column(), &key, repeated.len());
                match renamed {
                    Some(p) if repeated.len() < MAX_REPEATS_NAMED => {
                        probe = p;
                        next = strict(&probe).map_err(bare);
                    }
                    _ => break,
                }
            }
            serde_saphyr::from_str_with_options::<Value>(front, yaml_options(DuplicateKeyPolicy::LastWins))
                .map_err(|e| MappingError::Yaml(first_line(&bare(e).to_string())))?
        }
    };
    match value {
        Value::Object(map) => Ok((lower_keys(map), repeated)),
        Value::Null => Ok((Map::new(), repeated)),
        other => Err(MappingError::NotAMapping(json_kind(&other))),
    }
}

/// `text` with the key `key` that starts at `line` and `column` (from 1, in characters) given
/// a name no author writes, or `None` when the key is not written there as such.
fn rename_at(text: &str, line: u64, column: u64, key: &str, n: usize) -> Option<String> {
    let start_of_line = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(usize::try_from(line).ok()? - 2)?.0 + 1
    };
    let in_line = text[start_of_line..]
        .char_indices()
        .nth(usize::try_from(column).ok()?.checked_sub(1)?)?
        .0;
    let at = start_of_line + in_line;
    if key.is_empty() || !text[at..].starts_with(key) {
        return None;
    }
    Some(format!("{}{key}~repeated~{n}{}", &text[..at], &text[at + key.len()..]))
}

/// A flag as YAML 1.1 (PyYAML, Ruby's Psych) reads it: `true`/`yes`/`on` and
/// `false`/`no`/`off` in any case; anything else is no flag.
pub fn truth(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        },
        _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_repeated_key_is_named_and_the_later_value_kept() {
        let (map, repeated) = yaml("a: 1\nb: x\na: 2\nc:\n  d: 1\n  d: 3\nb: y\n").unwrap();
        assert_eq!((map["a"].clone(), map["b"].clone()), (Value::from(2), Value::from("y")));
        assert_eq!(map["c"]["d"], Value::from(3));
        let named: Vec<(&str, u64)> = repeated.iter().map(|r| (r.key.as_str(), r.line)).collect();
        assert_eq!(named, [("a", 3), ("d", 6), ("b", 7)]);
    }

    #[test]
    fn broken_yaml_is_an_error_that_says_where() {
        let e = yaml("a: 1\ntitle: [unclosed\n").unwrap_err();
        assert!(
            matches!(&e, MappingError::Yaml(m) if m.contains("line 2") && m.contains('[')),
            "{e}"
        );
        // A repeat is no excuse for the rest: a text that repeats a key and is broken is broken.
        let e = yaml("a: 1\na: 2\nb: [\n").unwrap_err();
        assert!(matches!(&e, MappingError::Yaml(m) if m.contains("line 3")), "{e}");
        assert_eq!(yaml("- a\n- b\n").unwrap_err(), MappingError::NotAMapping("a list"));
    }

    #[test]
    fn a_key_repeated_beyond_naming_still_reads() {
        let text: String = (0..40).map(|i| format!("k: {i}\n")).collect();
        let (map, repeated) = yaml(&text).unwrap();
        assert_eq!(map["k"], Value::from(39));
        assert_eq!(repeated.len(), MAX_REPEATS_NAMED);
        // A quoted key is renamed by nothing; the repeat is still named once.
        let (map, repeated) = yaml("\"q\": 1\n\"q\": 2\n").unwrap();
        assert_eq!((map["q"].clone(), repeated.len()), (Value::from(2), 1));
    }

    #[test]
    fn flags_as_yaml_1_1_writes_them() {
        for (text, want) in [
            ("yes", Some(true)),
            ("On", Some(true)),
            ("off", Some(false)),
            ("y", None),
        ] {
            assert_eq!(truth(&Value::from(text)), want, "{text}");
        }
        let (map, _) = yaml("a: yes\nb: true\nc: 007\n").unwrap();
        assert_eq!((truth(&map["a"]), truth(&map["b"])), (Some(true), Some(true)));
        assert_eq!(map["c"], Value::from("007"));
    }
}
