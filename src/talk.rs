//! A session found in a post: the unit that talksearch indexes and returns.

use serde::{Deserialize, Serialize};

/// What sort of session it was. `Post` stands for the post itself: its title and the text no
/// session holds, so that every word of a post can be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Talk,
    Lightning,
    Workshop,
    Panel,
    Post,
}

impl Kind {
    /// The name used in JSON, the index and query filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Talk => "talk",
            Kind::Lightning => "lightning",
            Kind::Workshop => "workshop",
            Kind::Panel => "panel",
            Kind::Post => "post",
        }
    }

    /// Reads a kind an author wrote, accepting the usual synonyms ("flash talk", "tutorial").
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_lowercase();
        let s = s.trim_end_matches('s');
        Some(match s {
            "talk" | "session" | "keynote" | "presentation" => Kind::Talk,
            "lightning" | "lightning talk" | "flash" | "flash talk" | "short talk" => Kind::Lightning,
            "workshop" | "tutorial" | "hands-on" | "hands on" => Kind::Workshop,
            "panel" | "panel discussion" | "discussion" => Kind::Panel,
            "post" => Kind::Post,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One session. Field names are the JSON shape of `talksearch extract --jsonl`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Talk {
    pub title: String,
    pub speakers: Vec<String>,
    pub kind: Kind,
    /// The sentences of the post that describe this session, as plain text.
    pub description: String,
    /// Video links (YouTube watch URLs where the video id is known).
    pub video: Vec<String>,
    /// Slide, code and write-up links attributed to this session.
    pub slides: Vec<String>,
    /// 1-based position of the session in its post (0 for a whole-post document).
    pub position: u32,
    /// The links the post gives a speaker's name (the name as link text, a handle linked beside
    /// it), by the name as `speakers` lists it: evidence of who the speaker is across the blog
    /// ([`crate::people`]).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub speaker_links: std::collections::BTreeMap<String, Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_from_what_authors_write() {
        assert_eq!(Kind::parse("Flash Talk"), Some(Kind::Lightning));
        assert_eq!(Kind::parse("workshops"), Some(Kind::Workshop));
        assert_eq!(Kind::parse("panel"), Some(Kind::Panel));
        assert_eq!(Kind::parse("keynote"), Some(Kind::Talk));
        assert_eq!(Kind::parse("dinner"), None);
        for k in [Kind::Talk, Kind::Lightning, Kind::Workshop, Kind::Panel, Kind::Post] {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
    }
}
