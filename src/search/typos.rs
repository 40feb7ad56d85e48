//! Words of the index within a few typos of a query word. One Levenshtein automaton per word is
//! run over one field's term dictionary, and the words found are searched as exact terms in
//! every field. Tantivy's `FuzzyTermQuery` would build and run an automaton per field instead,
//! which is most of the cost of a typo search. The words found are cached per index
//! generation: people retype the same words, and every commit starts a new generation.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use tantivy::Searcher;
use tantivy::schema::Field;

/// Most words one typo search expands to; beyond, the word is too short or too common for
/// typos to mean anything.
const MAX_EXPANSIONS: usize = 64;
/// Cached expansions kept before the cache is cleared.
const CACHE_ENTRIES: usize = 4096;

struct Lev(DFA);

impl tantivy_fst::Automaton for Lev {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: OnceLock<[LevenshteinAutomatonBuilder; 2]> = OnceLock::new();
    let builders = BUILDERS.get_or_init(|| {
        [
            LevenshteinAutomatonBuilder::new(1, true),
            LevenshteinAutomatonBuilder::new(2, true),
        ]
    });
    &builders[usize::from(distance.clamp(1, 2)) - 1]
}

type Key = (u64, Field, String, u8);

fn cache() -> &'static Mutex<HashMap<Key, Arc<Vec<String>>>> {
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<Vec<String>>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The terms of `field` within `distance` edits of `word` (a swap of neighbours is one edit),
/// the word itself included if present.
pub fn expand(searcher: &Searcher, field: Field, word: &str, distance: u8) -> tantivy::Result<Arc<Vec<String>>> {
    let key = (searcher.generation().generation_id(), field, word.to_string(), distance);
    if let Some(found) = cache().lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(found.clone());
    }
    let dfa = builder(distance).build_dfa(word);
    let automaton = Lev(dfa);
    let mut words: Vec<String> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().search(&automaton).into_stream()?;
        while stream.advance() && words.len() < MAX_EXPANSIONS {
            if let Ok(w) = std::str::from_utf8(stream.key()) {
                words.push(w.to_string());
            }
        }
    }
    words.sort();
    words.dedup();
    let words = Arc::new(words);
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    if cache.len() >= CACHE_ENTRIES {
        cache.clear();
    }
    cache.insert(key, words.clone());
    Ok(words)
}
