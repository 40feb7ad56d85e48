//! Settings: built-in defaults, then `talksearch.toml`, then `TALKSEARCH_*` environment
//! variables, then command-line flags, each overriding the one before.
//!
//! Loading is a pure function of the file's text, the environment (passed in as a lookup) and
//! the flags, so the precedence is tested without touching the process's environment.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file read when `--config` is not given, if it exists.
pub const DEFAULT_FILE: &str = "talksearch.toml";

/// Every setting, as in effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    /// Folder of posts (read recursively).
    pub posts: PathBuf,
    /// Folder of the search index.
    pub index: PathBuf,
    /// Address to listen on.
    pub addr: SocketAddr,
    /// The site's permalink pattern, as in Jekyll's `_config.yml`; empty for the site's own
    /// settings (see [`crate::site::Site::detect`]).
    pub permalink: String,
    /// The site's address; links in answers point there (empty: the site settings' address, if
    /// any, else site-relative links).
    pub site_url: String,
    /// Sites whose pages may call the API from the browser.
    pub cors_origins: Vec<String>,
    /// Re-index posts as they are saved.
    pub watch: bool,
    /// Quiet time after a change before it is indexed, in milliseconds.
    pub debounce_ms: u64,
    /// Connections served at once.
    pub max_connections: usize,
    /// Log filter when `RUST_LOG` is not set (`info`, `debug`, or a tracing filter).
    pub log_level: String,
    /// `human` or `json`.
    pub log_format: String,
    /// Groups of words or phrases searched for each other.
    pub synonyms: Vec<Vec<String>>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            posts: "posts".into(),
            index: "index".into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 7700)),
            permalink: String::new(),
            site_url: String::new(),
            cors_origins: Vec::new(),
            watch: true,
            debounce_ms: crate::watch::DEFAULT_DEBOUNCE.as_millis() as u64,
            max_connections: crate::server::Limits::default().max_connections,
            log_level: "info".into(),
            log_format: "human".into(),
            synonyms: crate::search::DEFAULT_SYNONYMS
                .iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }
}

/// Settings given in one place (the file, the environment or the flags); unset ones leave the
/// value before them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    pub posts: Option<PathBuf>,
    pub index: Option<PathBuf>,
    pub addr: Option<SocketAddr>,
    pub permalink: Option<String>,
    pub site_url: Option<String>,
    pub cors_origins: Option<Vec<String>>,
    pub watch: Option<bool>,
    pub debounce_ms: Option<u64>,
    pub max_connections: Option<usize>,
    pub log_level: Option<String>,
    pub log_format: Option<String>,
    pub synonyms: Option<Vec<Vec<String>>>,
}

/// What is wrong with a setting, naming where it came from.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("{path}: cannot read it: {message}")]
    Unreadable { path: String, message: String },
    #[error("environment variable {name}={value:?}: {message}")]
    Env {
        name: String,
        value: String,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
}

impl Overrides {
    /// Settings from the text of a `talksearch.toml`. Unknown keys are errors that name them,
    /// so a misspelt setting is not silently ignored.
    pub fn from_toml(path: &str, text: &str) -> Result<Overrides, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::File {
            path: path.to_string(),
            message: e.to_string().trim().replace('\n', " "),
        })
    }

    /// Settings from `TALKSEARCH_<KEY>` variables (`TALKSEARCH_ADDR`, `TALKSEARCH_CORS_ORIGINS`
    /// as a comma-separated list, `TALKSEARCH_SYNONYMS` as groups separated by `;` of
    /// phrases separated by `,`).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Overrides, ConfigError> {
        fn parse<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            value.trim().parse().map_err(|e: T::Err| ConfigError::Env {
                name: name.to_string(),
                value: value.to_string(),
                message: e.to_string(),
            })
        }
        let get = |key: &str| {
            let name = format!("TALKSEARCH_{}", key.to_ascii_uppercase());
            var(&name).map(|v| (name, v))
        };
        let list = |v: &str| -> Vec<String> {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let mut o = Overrides::default();
        // Text as written; numbers, switches and addresses parsed (and named when they fail).
        macro_rules! set {
            (text: $($field:ident),*) => {
                $( if let Some((_, v)) = get(stringify!($field)) { o.$field = Some(v.into()); } )*
            };
            (parsed: $($field:ident),*) => {
                $( if let Some((n, v)) = get(stringify!($field)) { o.$field = Some(parse(&n, &v)?); } )*
            };
        }
        set!(text: posts, index, permalink, site_url, log_level, log_format);
        set!(parsed: addr, watch, debounce_ms, max_connections);
        if let Some((_, v)) = get("cors_origins") {
            o.cors_origins = Some(list(&v));
        }
        if let Some((_, v)) = get("synonyms") {
            o.synonyms = Some(v.split(';').map(list).filter(|g| !g.is_empty()).collect());
        }
        Ok(o)
    }

    /// `self` over `base`: each setting given here wins.
    fn apply(self, base: &mut Config) {
        macro_rules! set {
            ($($field:ident),*) => { $( if let Some(v) = self.$field { base.$field = v; } )* };
        }
        set!(
            posts, index, addr, permalink, site_url, cors_origins, watch, debounce_ms, max_connections, log_level,
            log_format, synonyms
        );
    }
}

impl Config {
    /// Defaults, then `file` (its path and text, if there is one), then `env`, then `flags`.
    pub fn load(
        file: Option<(&str, &str)>,
        env: impl Fn(&str) -> Option<String>,
        flags: Overrides,
    ) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        if let Some((path, text)) = file {
            Overrides::from_toml(path, text)?.apply(&mut config);
        }
        Overrides::from_env(env)?.apply(&mut config);
        flags.apply(&mut config);
        config.validate()?;
        Ok(config)
    }

    /// Reads the file named by `--config` (which must exist) or `talksearch.toml` in the
    /// working directory (if it exists), then the process's environment.
    pub fn from_process(explicit: Option<&Path>, flags: Overrides) -> Result<Config, ConfigError> {
        let path = explicit.map_or_else(|| PathBuf::from(DEFAULT_FILE), Path::to_path_buf);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if explicit.is_none() && e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(ConfigError::Unreadable {
                    path: path.display().to_string(),
                    message: e.to_string(),
                });
            }
        };
        let shown = path.display().to_string();
        Config::load(
            text.as_deref().map(|t| (shown.as_str(), t)),
            |name| std::env::var(name).ok(),
            flags,
        )
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |m: String| Err(ConfigError::Invalid(m));
        if !matches!(self.log_format.as_str(), "human" | "json") {
            return invalid(format!("log_format must be human or json, not {:?}", self.log_format));
        }
        let url = &self.site_url;
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            return invalid(format!(
                "site_url {:?} must start with https:// or http://",
                self.site_url
            ));
        }
        if self.max_connections == 0 {
            return invalid("max_connections must be at least 1".into());
        }
        if let Err(e) = crate::http::cors(&self.cors_origins) {
            return invalid(format!("cors_origins: {e}"));
        }
        Ok(())
    }

    /// The configuration as a `talksearch.toml` would write it.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_else(|e| format!("# cannot show the configuration: {e}\n"))
    }

    /// The synonyms as the search uses them.
    pub fn synonyms(&self) -> crate::search::Synonyms {
        let groups: Vec<Vec<&str>> = self
            .synonyms
            .iter()
            .map(|g| g.iter().map(String::as_str).collect())
            .collect();
        let refs: Vec<&[&str]> = groups.iter().map(Vec::as_slice).collect();
        crate::search::Synonyms::new(&refs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn defaults_then_file_then_environment_then_flags() {
        let file = "addr = \"127.0.0.1:8000\"\nposts = \"site/_posts\"\ndebounce_ms = 50\n";
        let flags = Overrides {
            debounce_ms: Some(5),
            ..Overrides::default()
        };
        let c = Config::load(
            Some(("talksearch.toml", file)),
            env(&[("TALKSEARCH_ADDR", "127.0.0.1:9000"), ("TALKSEARCH_DEBOUNCE_MS", "30")]),
            flags,
        )
        .unwrap();
        assert_eq!(c.posts, PathBuf::from("site/_posts"), "file over default");
        assert_eq!(c.addr.port(), 9000, "environment over file");
        assert_eq!(c.debounce_ms, 5, "flag over environment");
        assert_eq!(c.index, PathBuf::from("index"), "default where nobody says");
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors_that_name_them() {
        let e = Config::load(Some(("t.toml", "adress = \"x\"\n")), env(&[]), Overrides::default()).unwrap_err();
        assert!(
            e.to_string().contains("adress") && e.to_string().contains("t.toml"),
            "{e}"
        );
        let e = Config::load(None, env(&[("TALKSEARCH_WATCH", "sometimes")]), Overrides::default()).unwrap_err();
        assert!(e.to_string().contains("TALKSEARCH_WATCH"), "{e}");
        let e = Config::load(
            Some(("t.toml", "log_format = \"xml\"\n")),
            env(&[]),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("log_format"), "{e}");
        let e = Config::load(
            Some(("t.toml", "cors_origins = [\"example.org\"]\n")),
            env(&[]),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("cors_origins"), "{e}");
        let flags = Overrides {
            site_url: Some("meetup.example.org".into()),
            ..Overrides::default()
        };
        let e = Config::load(None, env(&[]), flags).unwrap_err();
        assert!(
            e.to_string().contains("site_url") && e.to_string().contains("https://"),
            "{e}"
        );
        let e = Config::load(None, env(&[("TALKSEARCH_MAX_CONNECTIONS", "0")]), Overrides::default()).unwrap_err();
        assert!(e.to_string().contains("max_connections"), "{e}");
    }

    #[test]
    fn lists_from_the_environment_and_the_file_round_trip() {
        let c = Config::load(
            None,
            env(&[
                ("TALKSEARCH_CORS_ORIGINS", "https://a.org, https://b.org"),
                ("TALKSEARCH_SYNONYMS", "js,javascript;pg,postgres,postgresql"),
            ]),
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(c.cors_origins, ["https://a.org", "https://b.org"]);
        assert_eq!(c.synonyms[1], ["pg", "postgres", "postgresql"]);
        let again = Config::load(Some(("shown", &c.to_toml())), env(&[]), Overrides::default()).unwrap();
        assert_eq!(again, c, "what `talksearch config` prints reads back the same");
    }
}
