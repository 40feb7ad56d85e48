//! Ranked search over the talk index: a request in, typed hits out.
//!
//! The user's text is never handed to a query parser. [`query::parse`] reads words, phrases,
//! exclusions and filters leniently, and the Tantivy query is built here, term by term, so no
//! input can make a search fail or run long.
//!
//! Ranking, in order of importance:
//! 1. **How many of the query's words a talk matches** (anywhere: title, speakers, description,
//!    tags; a post's title is the title of the post's own document). Each matched word adds a
//!    large constant, so a talk matching three words outranks one matching two. Exact matches
//!    (same stem) add the full constant; the word being typed matched as a prefix adds 90% of
//!    it; a word matched with typos 80% (one typo) or 70% (two). A word found in more than a
//!    quarter of all talks adds only a fifth: it tells talks apart less.
//! 2. **Where the words are**, by BM25 with field boosts: title 3, speakers 2, description 1
//!    (for each word the best field counts, plus a tenth of the others).
//! 3. A post's own document (the text no talk holds) counts [`POST_DOCUMENT_WEIGHT`] of its
//!    score, so that a talk matching about as well comes first.
//!
//! Synonyms ("gc" ⇄ "garbage collector") let either form match the words of the other.

pub mod facets;
pub mod highlight;
pub mod query;
pub mod suggest;
mod typos;
mod word;

use std::collections::HashMap;
use std::ops::Bound;
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, PhraseQuery,
    Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, DocAddress, DocId, Order, Score, Searcher, SegmentReader, TantivyDocument, Term};

use crate::error::Result;
use crate::index::{Fields, NAME_ANALYZER, TEXT_ANALYZER, TalkIndex};
pub use facets::Facet;
use facets::{FacetCollector, FacetCounts};
pub use highlight::escape_html;
use highlight::{Matcher, typo_budget};
pub use query::{Filters, MAX_QUERY_WORDS, ParsedQuery};
use word::{Role, WordQuery};

/// Largest `limit` a request may ask for.
pub const MAX_LIMIT: usize = 100;
/// Values returned per facet.
pub const FACET_VALUES: usize = 20;
/// Characters of description around the matches in a snippet.
const SNIPPET_CHARS: usize = 200;
/// Characters of a post hit's `description`: the start of the post's own text.
const POST_DESCRIPTION_CHARS: usize = 400;

/// What one matched query word adds, before it is scaled for how the word matched.
const WORD_MATCH: f32 = 25.0;
/// A word in more than this share of talks is common: it ranks the talks that have the rarer
/// words of the query but does not select talks on its own (a talk that matches only "python"
/// of "python testing" is noise, and scoring every talk of the index for it is slow).
const COMMON_SHARE: f64 = 0.2;
/// ... and more than this many talks: in a small index scoring every talk costs nothing, and a
/// talk matching only common words may still be the one.
const COMMON_MIN_DOCS: f64 = 5000.0;
/// Words in more than this share of talks (and more than [`TYPO_MIN_DOCS`]) are taken as
/// spelled right and not matched with typos: looking for their misspellings would walk long
/// posting lists for nothing.
const TYPO_MAX_SHARE: f64 = 0.01;
const TYPO_MIN_DOCS: u64 = 200;

/// What a post's own document counts of its score, beside its talks (see [`ties_to_newest`]):
/// enough below 1 that a talk matching about as well ranks first, close enough that a post
/// which says more of the query than any talk still comes before them. Measured on the shared
/// corpora (post-level MRR@10): 0.5 loses to lunr.js on four of six, 0.9 beats it on all six
/// and keeps nearly all of what 1.0 finds.
const POST_DOCUMENT_WEIGHT: f32 = 0.9;

/// The least a matched word is worth, as a share of [`WORD_MATCH`], however common it is.
const MIN_WORD_WEIGHT: f32 = 0.15;

/// Field weights for where a word is found.
const BOOSTS: &[(FieldName, f32)] = &[
    (FieldName::Title, 3.0),
    (FieldName::Speakers, 2.0),
    (FieldName::Description, 1.0),
];

#[derive(Clone, Copy)]
enum FieldName {
    Title,
    Speakers,
    Description,
}

impl FieldName {
    fn field(self, f: &Fields) -> Field {
        match self {
            FieldName::Title => f.title,
            FieldName::Speakers => f.speakers,
            FieldName::Description => f.description,
        }
    }
}

/// Words or phrases that mean the same, searched for each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synonyms {
    groups: Vec<Vec<Vec<String>>>,
}

/// The synonyms used unless the configuration gives others.
pub const DEFAULT_SYNONYMS: &[&[&str]] = &[
    &["gc", "garbage collector", "garbage collection"],
    &["k8s", "kubernetes"],
    &["ml", "machine learning"],
    &["dl", "deep learning"],
    &["nlp", "natural language processing"],
    &["py", "python"],
];

impl Default for Synonyms {
    fn default() -> Synonyms {
        Synonyms::new(DEFAULT_SYNONYMS)
    }
}

impl Synonyms {
    /// Groups of equivalent words or phrases.
    pub fn new(groups: &[&[&str]]) -> Synonyms {
        Synonyms {
            groups: groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|p| query::words_of(&p.to_lowercase()).map(str::to_string).collect())
                        .collect()
                })
                .collect(),
        }
    }

    /// The alternatives of the phrase starting at `words[at]`: the longest phrase of a group
    /// found there, its length, and the other phrases of the group.
    fn at(&self, words: &[String], at: usize) -> Option<(usize, Vec<Vec<String>>)> {
        let lower: Vec<String> = words[at..].iter().map(|w| w.to_lowercase()).collect();
        let mut best: Option<(usize, Vec<Vec<String>>)> = None;
        for group in &self.groups {
            for phrase in group {
                let n = phrase.len();
                if n <= lower.len() && lower[..n] == phrase[..] && best.as_ref().is_none_or(|(len, _)| n > *len) {
                    let others = group.iter().filter(|p| *p != phrase).cloned().collect();
                    best = Some((n, others));
                }
            }
        }
        best
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest post first.
    Date,
}

/// A search as asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    pub q: String,
    pub limit: usize,
    pub offset: usize,
    /// Filters from request parameters; `field:value` in `q` takes precedence.
    pub filters: Filters,
    pub sort: Sort,
    pub facets: Vec<Facet>,
}

impl SearchRequest {
    /// A plain text search for the first `limit` hits.
    pub fn text(q: &str, limit: usize) -> SearchRequest {
        SearchRequest {
            q: q.to_string(),
            limit,
            ..SearchRequest::default()
        }
    }
}

/// The post a talk belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostRef {
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub url: String,
}

/// One talk, as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    /// The title as HTML, with the matched words in `<mark>`.
    pub title_html: String,
    pub speakers: Vec<String>,
    /// The person each of `speakers` is, by id ([`crate::people`], `/speakers/{id}`).
    pub speaker_ids: Vec<String>,
    pub kind: String,
    pub description: String,
    /// A short window of the description around the matched words, HTML-escaped, with the
    /// matches in `<mark>`.
    pub snippet: String,
    pub video: Vec<String>,
    pub slides: Vec<String>,
    pub post: PostRef,
    /// The post's URL with a text fragment that scrolls to the talk's title in the page.
    pub link: String,
    pub score: f32,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResponse {
    pub query: String,
    /// How many talks match in all (not just on this page).
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// Counts for the requested facets over every matching talk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetCounts>,
}

/// Words too common in English to tell talks apart; dropped from queries that have others.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "for", "with", "and", "or", "by", "from", "at", "into", "about", "is",
    "are", "was", "be", "it", "its", "this", "that", "how", "what", "why", "your", "you", "our", "we", "as", "vs",
];

/// One unit of matching: a word, or a phrase with its synonyms.
enum Unit {
    Word(String),
    /// Words that must all match, or one of the alternatives (synonyms) instead; counts as
    /// `len` words.
    Group {
        words: Vec<String>,
        alternatives: Vec<Vec<String>>,
    },
}

/// Builds Tantivy queries for one index.
struct Builder<'a> {
    index: &'a TalkIndex,
    searcher: &'a Searcher,
    text: TextAnalyzer,
    name: TextAnalyzer,
    /// Document frequencies in the `words` field already looked up for this query: rarity,
    /// commonness, typo and compound checks all ask about the same few words.
    frequencies: HashMap<String, u64>,
    /// What the query matched that it did not spell out, for highlighting.
    marks: Marks,
}

/// Words a query matched besides its own, so that highlighting marks exactly what matched.
#[derive(Default)]
struct Marks {
    /// Synonyms of the query's words, matched like them (by stem).
    words: Vec<String>,
    /// Words as written found within typos of a query word, and halves of split compounds.
    raw: Vec<String>,
    /// Description stems found within typos of a query word's stem.
    stems: Vec<String>,
}

impl Builder<'_> {
    fn terms(&mut self, field: Field, word: &str) -> Vec<Term> {
        let fields = self.index.fields();
        let analyzer = if field == fields.speakers || field == fields.words {
            &mut self.name
        } else {
            &mut self.text
        };
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(word);
        while let Some(t) = stream.next() {
            out.push(Term::from_field_text(field, &t.text));
        }
        out
    }

    /// Whether the talk has `word` as written, anywhere: one posting list per token.
    fn as_written(&mut self, word: &str) -> Vec<Box<dyn Query>> {
        let words = self.index.fields().words;
        self.terms(words, word)
            .into_iter()
            .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
            .collect()
    }

    /// How many talks have `word` among their words (as written).
    fn word_df(&mut self, word: &str) -> u64 {
        let words = self.index.fields().words;
        self.terms(words, word)
            .iter()
            .map(|t| self.frequency(t.value().as_str().unwrap_or_default()))
            .max()
            .unwrap_or(0)
    }

    /// How much matching `word` is worth, from 0.15 for a word every talk has to 1 for a word
    /// only one talk has (its inverse document frequency, scaled to the index's size).
    fn weight(&mut self, word: &str) -> f32 {
        let total = self.searcher.num_docs().max(1) as f64;
        let df = self.word_df(word) as f64;
        let idf = ((total + 1.0) / (df + 1.0)).ln() / (total + 1.0).ln().max(1.0);
        (idf as f32).clamp(MIN_WORD_WEIGHT, 1.0)
    }

    /// Share of talks that have `word` (as written) among their words.
    fn share(&mut self, word: &str) -> f64 {
        self.word_df(word) as f64 / self.searcher.num_docs().max(1) as f64
    }

    /// The exact matches of `word`, as parts of a [`WordQuery`] worth `cover`: the stem in the
    /// title and the description counts for "has the word" and, with `rank`, for BM25;
    /// speakers only rank (their words are in the `words` field, which holds
    /// every field's words as written and finds the word wherever else it is).
    fn exact_parts(&mut self, word: &str, cover: f32, rank: bool) -> Vec<(Role, Box<dyn Query>)> {
        let fields = *self.index.fields();
        let mut parts: Vec<(Role, Box<dyn Query>)> = Vec::new();
        for (name, boost) in BOOSTS {
            let field = name.field(&fields);
            let matches = field == fields.title || field == fields.description;
            let role = match (matches, rank) {
                (true, true) => Role::Both(cover),
                (true, false) => Role::Cover(cover),
                (false, true) => Role::Rank,
                (false, false) => continue,
            };
            for term in self.terms(field, word) {
                let q: Box<dyn Query> = if rank {
                    let q = TermQuery::new(term, IndexRecordOption::WithFreqs);
                    Box::new(BoostQuery::new(Box::new(q), *boost))
                } else {
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
                };
                parts.push((role, q));
            }
        }
        for q in self.as_written(word) {
            parts.push((Role::Cover(cover), q));
        }
        parts
    }

    /// Matches `word` anywhere, exactly, by prefix or within typos: the constant part of the
    /// score (the best way it matched), BM25 by field, and a bonus for an inexact match in the
    /// title or the speakers. See [`word::WordQuery`].
    fn word(&mut self, word: &str, prefix: bool) -> Result<Option<Box<dyn Query>>> {
        let fields = *self.index.fields();
        let weight = WORD_MATCH * self.weight(word);
        let mut parts = self.exact_parts(word, weight, true);
        if parts.is_empty() {
            return Ok(None);
        }
        for term in self.terms(fields.words, word) {
            let raw = term.value().as_str().unwrap_or_default().to_string();
            if prefix && raw.chars().count() >= 3 {
                let q = FuzzyTermQuery::new_prefix(term.clone(), 0, true);
                parts.push((Role::Cover(0.9 * weight), Box::new(q)));
                // Where an inexact match is: a small bonus for the title and the speakers,
                // standing in for BM25, which only scores exact terms.
                for (field, bonus) in [(fields.title, 4.0), (fields.speakers, 3.0)] {
                    for t in self.terms(field, word) {
                        parts.push((Role::Bonus(bonus), Box::new(FuzzyTermQuery::new_prefix(t, 0, true))));
                    }
                }
            }
            let df = self.frequency(&raw);
            let spelled_right = df > TYPO_MIN_DOCS && df as f64 > TYPO_MAX_SHARE * self.searcher.num_docs() as f64;
            let typos = if spelled_right { 0 } else { typo_budget(&raw) };
            if typos > 0 {
                // Typos against words as written, and against the stems of descriptions
                // ("diassemble" is one typo from the stem of "disassembling"); the words found
                // are then looked up exactly, the title's for a bonus.
                let mut fuzzy: Vec<Box<dyn Query>> = Vec::new();
                let mut in_title: Vec<Box<dyn Query>> = Vec::new();
                for found in typos::expand(self.searcher, fields.words, &raw, typos)?.iter() {
                    self.marks.raw.push(found.clone());
                    fuzzy.push(Box::new(TermQuery::new(
                        Term::from_field_text(fields.words, found),
                        IndexRecordOption::Basic,
                    )));
                    for t in self.terms(fields.title, found) {
                        in_title.push(Box::new(TermQuery::new(t, IndexRecordOption::Basic)));
                    }
                }
                for stem in self.terms(fields.description, word) {
                    let stem = stem.value().as_str().unwrap_or_default().to_string();
                    // A stem is shorter than its word: as many typos as the stem's length
                    // allows ("host" of "hosting" is not one typo from "post").
                    let stem_typos = typos.min(typo_budget(&stem));
                    if stem_typos == 0 {
                        continue;
                    }
                    for found in typos::expand(self.searcher, fields.description, &stem, stem_typos)?.iter() {
                        self.marks.stems.push(found.clone());
                        fuzzy.push(Box::new(TermQuery::new(
                            Term::from_field_text(fields.description, found),
                            IndexRecordOption::Basic,
                        )));
                    }
                }
                let share = if typos == 1 { 0.8 } else { 0.7 };
                if !fuzzy.is_empty() {
                    parts.push((Role::Cover(share * weight), Box::new(any_of(fuzzy))));
                }
                if !in_title.is_empty() {
                    parts.push((Role::Bonus(0.8 * 4.0), Box::new(any_of(in_title))));
                }
            }
            // A word written as one that the talk writes as two ("mapreduce", "headphone").
            if let Some((left, right)) = self.split(&raw) {
                parts.extend(
                    self.all_words(&[left.clone(), right.clone()], weight, false)
                        .map(|q| (Role::Cover(weight), q)),
                );
                self.marks.raw.extend([left, right]);
            }
        }
        Ok(Some(Box::new(WordQuery::new(parts))))
    }

    /// How many talks have `raw` (a token of the `words` field) among their words.
    fn frequency(&mut self, raw: &str) -> u64 {
        if let Some(&df) = self.frequencies.get(raw) {
            return df;
        }
        let term = Term::from_field_text(self.index.fields().words, raw);
        let df = self.searcher.doc_freq(&term).unwrap_or(0);
        self.frequencies.insert(raw.to_string(), df);
        df
    }

    /// Two words that `raw`, a word no talk has, is made of: the split whose rarer half is most
    /// common, so "mapreduce" is "map" + "reduce".
    fn split(&mut self, raw: &str) -> Option<(String, String)> {
        if raw.chars().count() < 6 || !raw.chars().all(char::is_alphanumeric) || self.frequency(raw) > 0 {
            return None;
        }
        let cuts: Vec<usize> = raw
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i >= 2 && raw.len() - i >= 2)
            .collect();
        cuts.into_iter()
            .filter_map(|i| {
                let (l, r) = raw.split_at(i);
                let df = self.frequency(l).min(self.frequency(r));
                (df > 0).then(|| (df, l.to_string(), r.to_string()))
            })
            .max_by_key(|(df, _, _)| *df)
            .map(|(_, l, r)| (l, r))
    }

    /// Two neighbouring words of the query that the talk writes as one ("web app" and
    /// "webapp"): worth both words, and ranked by where the talk has it, as a word typed
    /// that way would be ("node js" finds the talk titled "NodeJS" before a post that says
    /// "node" and "js" in passing).
    fn joined(&mut self, a: &str, b: &str) -> Option<Box<dyn Query>> {
        let joined = format!("{}{}", a.to_lowercase(), b.to_lowercase());
        if self.frequency(&joined) == 0 {
            return None;
        }
        let weight = self.words_weight(&[a.to_string(), b.to_string()]);
        let parts = self.exact_parts(&joined, weight, true);
        (!parts.is_empty()).then(|| Box::new(WordQuery::new(parts)) as Box<dyn Query>)
    }

    /// The initials of `words` ("amazon web services" → "aws") as a word talks have, worth
    /// what matching all of `words` is worth.
    fn initialism(&mut self, words: &[String]) -> Option<Box<dyn Query>> {
        let initials: String = words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        if !initials.chars().all(|c| c.is_alphabetic()) || self.frequency(&initials) == 0 {
            return None;
        }
        let weight = self.words_weight(words);
        // Only initials the talk writes itself: the index also holds the initials of each
        // title ("Robot Framework Workshop" → "rfw"), which would count those words twice.
        let fields = *self.index.fields();
        let mut parts: Vec<(Role, Box<dyn Query>)> = Vec::new();
        for field in [fields.title, fields.description] {
            for term in self.terms(field, &initials) {
                parts.push((
                    Role::Cover(weight),
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ));
            }
        }
        if parts.is_empty() {
            return None;
        }
        self.marks.raw.push(initials);
        Some(Box::new(WordQuery::new(parts)))
    }

    /// A common word's share of the score: the talks that have it as written.
    fn common_word(&mut self, word: &str) -> Option<Box<dyn Query>> {
        let weight = WORD_MATCH * self.weight(word);
        let terms = self.as_written(word);
        (!terms.is_empty()).then(|| Box::new(ConstScoreQuery::new(Box::new(any_of(terms)), weight)) as Box<dyn Query>)
    }

    /// What matching all of `words` is worth.
    fn words_weight(&mut self, words: &[String]) -> f32 {
        words.iter().map(|w| WORD_MATCH * self.weight(w)).sum()
    }

    /// All of `words` (exactly), worth `weight`; with `bm25`, also ranked by where they are.
    fn all_words(&mut self, words: &[String], weight: f32, with_bm25: bool) -> Option<Box<dyn Query>> {
        let share = weight / words.len().max(1) as f32;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in words {
            let parts = self.exact_parts(w, share, with_bm25);
            if !parts.is_empty() {
                must.push((Occur::Must, Box::new(WordQuery::new(parts))));
            }
        }
        match must.len() {
            0 => None,
            1 => must.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(must))),
        }
    }

    /// The words of a quoted phrase, next to each other in one field.
    fn phrase(&mut self, words: &[String]) -> Option<Box<dyn Query>> {
        let fields = *self.index.fields();
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        for field in [fields.title, fields.description, fields.speakers] {
            let terms: Vec<Term> = words.iter().flat_map(|w| self.terms(field, w)).collect();
            match terms.len() {
                0 => {}
                1 => alternatives.push(Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::WithFreqs))),
                _ => alternatives.push(Box::new(PhraseQuery::new(terms))),
            }
        }
        if alternatives.is_empty() {
            return None;
        }
        let weight = self.words_weight(words);
        Some(Box::new(ConstScoreQuery::new(Box::new(any_of(alternatives)), weight)))
    }

    fn filters(&mut self, f: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
        let fields = *self.index.fields();
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(kind) = f.kind {
            let term = Term::from_field_text(fields.kind, kind.as_str());
            out.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        // A person (an id from /speakers, or a name or alias only they go by): their talks.
        let person_talks: Option<Vec<Term>> = f.speaker.as_deref().and_then(|key| {
            let people = self.index.directory().ok()?;
            let (_, ids) = people.find(key)?;
            Some(ids.iter().map(|id| Term::from_field_text(fields.id, id)).collect())
        });
        if let Some(terms) = person_talks {
            out.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        } else if let Some(name) = &f.speaker {
            // Otherwise a name or part of one: every word in the talk's speakers.
            let terms = self.terms(fields.speakers, name);
            let must: Vec<(Occur, Box<dyn Query>)> = terms
                .into_iter()
                .map(|t| {
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>,
                    )
                })
                .collect();
            // A name with no letters matches nobody rather than everybody.
            let q: Box<dyn Query> = if must.is_empty() {
                Box::new(BooleanQuery::new(vec![(
                    Occur::MustNot,
                    Box::new(AllQuery) as Box<dyn Query>,
                )]))
            } else {
                Box::new(BooleanQuery::new(must))
            };
            out.push((Occur::Must, q));
        }
        if let Some(year) = f.year {
            let term = Term::from_field_u64(fields.year, year.max(0) as u64);
            out.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if let Some(tag) = &f.tag {
            let term = Term::from_field_text(fields.tag_key, &tag.to_lowercase());
            out.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if f.from.is_some() || f.to.is_some() {
            let day = |d: crate::post::PostDate| {
                Term::from_field_date_for_search(
                    fields.post_day,
                    DateTime::from_timestamp_secs(d.days_since_epoch() * 86_400),
                )
            };
            let lower = f.from.map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
            let upper = f.to.map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
            out.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        out
    }
}

fn any_of(queries: Vec<Box<dyn Query>>) -> BooleanQuery {
    BooleanQuery::new(queries.into_iter().map(|q| (Occur::Should, q)).collect())
}

/// The query as read, with the filters of the request folded in.
pub fn parse_request(req: &SearchRequest) -> ParsedQuery {
    let mut parsed = query::parse(&req.q);
    parsed.filters = parsed.filters.clone().or(&req.filters);
    parsed
}

/// Builds the Tantivy query, or `None` when nothing can match (no words and no filters), and
/// what it matches besides the query's own words.
fn build(
    index: &TalkIndex,
    searcher: &Searcher,
    parsed: &ParsedQuery,
    synonyms: &Synonyms,
) -> Result<(Option<Box<dyn Query>>, Marks)> {
    let tokenizers = index.tantivy().tokenizers();
    let (Some(text), Some(name)) = (tokenizers.get(TEXT_ANALYZER), tokenizers.get(NAME_ANALYZER)) else {
        return Ok((None, Marks::default()));
    };
    let mut b = Builder {
        index,
        searcher,
        text,
        name,
        frequencies: HashMap::new(),
        marks: Marks::default(),
    };
    // Stop words count only when the query has nothing else.
    let meaningful: Vec<String> = parsed
        .words
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.to_lowercase().as_str()))
        .cloned()
        .collect();
    let words = if meaningful.is_empty() {
        parsed.words.clone()
    } else {
        meaningful
    };
    let mut units = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match synonyms.at(&words, i) {
            Some((n, alternatives)) => {
                units.push(Unit::Group {
                    words: words[i..i + n].to_vec(),
                    alternatives,
                });
                i += n;
            }
            None => {
                units.push(Unit::Word(words[i].clone()));
                i += 1;
            }
        }
    }
    let last = units.len().saturating_sub(1);
    // The words: a talk must match at least one of them, and one of the rarer ones if the
    // query has any (see COMMON_SHARE).
    let common: Vec<bool> = units
        .iter()
        .map(|u| match u {
            Unit::Word(w) => {
                let share = b.share(w);
                share > COMMON_SHARE && share * searcher.num_docs() as f64 > COMMON_MIN_DOCS
            }
            Unit::Group { .. } => false,
        })
        .collect();
    let has_rare = common.iter().any(|c| !c);
    let mut any_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut optional: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (k, unit) in units.iter().enumerate() {
        let q = match unit {
            // A common word next to rarer ones only ranks: one posting list, no typos, no BM25.
            Unit::Word(w) if has_rare && common[k] => b.common_word(w),
            Unit::Word(w) => b.word(w, k == last && parsed.last_is_prefix)?,
            Unit::Group { words, alternatives } => {
                let weight = b.words_weight(words);
                let mut ways: Vec<Box<dyn Query>> = Vec::new();
                let own = if words.len() == 1 {
                    b.word(&words[0], k == last && parsed.last_is_prefix)?
                } else {
                    b.all_words(words, weight, true)
                };
                ways.extend(own);
                // A synonym is worth what the words typed are worth, and no more: what the
                // user wrote ranks first.
                for alt in alternatives {
                    ways.extend(b.all_words(alt, weight, false));
                    b.marks.words.extend(alt.iter().cloned());
                }
                (!ways.is_empty()).then(|| Box::new(DisjunctionMaxQuery::new(ways)) as Box<dyn Query>)
            }
        };
        if let Some(q) = q {
            if has_rare && common[k] {
                optional.push((Occur::Should, q));
            } else {
                any_word.push((Occur::Should, q));
            }
        }
    }
    for pair in words.windows(2) {
        if let Some(q) = b.joined(&pair[0], &pair[1]) {
            any_word.push((Occur::Should, q));
        }
    }
    // "test driven development" finds the talk that only says "TDD". Two letters are too
    // often some other word ("go", "ui") to stand for two words typed.
    for n in 3..=4 {
        for run in words.windows(n) {
            if let Some(q) = b.initialism(run) {
                any_word.push((Occur::Should, q));
            }
        }
    }
    let mut positive = !any_word.is_empty();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if positive {
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_word))));
        clauses.extend(optional);
    }
    for phrase in &parsed.phrases {
        if let Some(q) = b.phrase(phrase) {
            clauses.push((Occur::Must, q));
            positive = true;
        }
    }
    let filters = b.filters(&parsed.filters);
    if !positive {
        if filters.is_empty() {
            return Ok((None, b.marks));
        }
        clauses.push((Occur::Must, Box::new(AllQuery)));
        // A listing by filters alone lists talks (and posts without any); the rest of a post
        // with talks is there to be found by its words.
        if parsed.filters.kind.is_none() {
            let rest = Term::from_field_text(index.fields().post_rest, "1");
            clauses.push((Occur::MustNot, Box::new(TermQuery::new(rest, IndexRecordOption::Basic))));
        }
    }
    clauses.extend(filters);
    for w in &parsed.excluded {
        let parts = b.exact_parts(w, 0.0, false);
        if !parts.is_empty() {
            clauses.push((Occur::MustNot, Box::new(WordQuery::new(parts))));
        }
    }
    Ok((Some(Box::new(BooleanQuery::new(clauses))), b.marks))
}

/// Runs a search with the default synonyms.
pub fn search(index: &TalkIndex, req: &SearchRequest) -> Result<SearchResponse> {
    search_with(index, req, &Synonyms::default())
}

/// Runs a search.
pub fn search_with(index: &TalkIndex, req: &SearchRequest, synonyms: &Synonyms) -> Result<SearchResponse> {
    let start = Instant::now();
    let searcher = index.searcher();
    let limit = req.limit.clamp(1, MAX_LIMIT);
    let mut response = SearchResponse {
        query: req.q.clone(),
        total: 0,
        offset: req.offset,
        limit,
        took_ms: 0.0,
        hits: Vec::new(),
        facets: None,
    };
    let parsed = parse_request(req);
    let (query, marks) = build(index, &searcher, &parsed, synonyms)?;
    // Facets are counted in the same pass over the matches as the page and the total.
    let people = if req.facets.contains(&Facet::Speaker) {
        index.directory()?
    } else {
        Default::default()
    };
    let facets = (!req.facets.is_empty()).then(|| FacetCollector {
        facets: req.facets.clone(),
        limit: FACET_VALUES,
        people,
    });
    if let Some(query) = &query {
        let top = TopDocs::with_limit(limit).and_offset(req.offset);
        let (found, counts): (Vec<(f32, DocAddress)>, _) = match req.sort {
            Sort::Relevance => {
                let ranked = top.tweak_score(ties_to_newest);
                let (top, total, counts) = index.search(&searcher, &**query, &(ranked, Count, facets))?;
                response.total = total;
                (
                    top.into_iter().map(|((score, ..), address)| (score, address)).collect(),
                    counts,
                )
            }
            Sort::Date => {
                let by_date = top.order_by_fast_field::<DateTime>("post_day", Order::Desc);
                let (top, total, counts) = index.search(&searcher, &**query, &(by_date, Count, facets))?;
                response.total = total;
                (top.into_iter().map(|(_, address)| (0.0, address)).collect(), counts)
            }
        };
        response.facets = counts;
        let mut matcher = matcher(index, &parsed, marks);
        for (score, address) in found {
            response
                .hits
                .push(load_hit(index, &searcher, address, score, &mut matcher)?);
        }
    } else if !req.facets.is_empty() {
        response.facets = Some(req.facets.iter().map(|f| (f.name(), Vec::new())).collect());
    }
    response.took_ms = (start.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    Ok(response)
}

/// The rank of a match: its score, then, among equal scores, the newest post first and the
/// earlier talk of a post first ([`crate::index::recency`]). Without it, equal scores would
/// fall back on the order of documents in segments, which parallel indexing makes differ from
/// one build to the next.
///
/// A post's own document (the text no talk took) counts [`POST_DOCUMENT_WEIGHT`] of its score,
/// so that a talk matching as well ranks above it.
fn ties_to_newest(segment: &SegmentReader) -> impl Fn(DocId, Score) -> (Score, u64) + use<> {
    let recency = segment
        .fast_fields()
        .u64("recency")
        .ok()
        .map(|c| c.first_or_default_col(0));
    move |doc, score| {
        let r = recency.as_ref().map_or(0, |c| c.get_val(doc));
        let weight = if crate::index::is_post_document(r) {
            POST_DOCUMENT_WEIGHT
        } else {
            1.0
        };
        (score * weight, r)
    }
}

fn matcher(index: &TalkIndex, parsed: &ParsedQuery, marks: Marks) -> Matcher {
    let tokenizers = index.tantivy().tokenizers();
    let mut words = parsed.words.clone();
    words.extend(parsed.phrases.iter().flatten().cloned());
    words.extend(marks.words);
    let prefix = if parsed.last_is_prefix {
        parsed.words.last().map(String::as_str)
    } else {
        None
    };
    let mut matcher = Matcher::new(
        tokenizers.get(TEXT_ANALYZER).unwrap_or_default(),
        tokenizers.get(NAME_ANALYZER).unwrap_or_default(),
        &words,
        prefix,
    );
    matcher.also_words(marks.raw);
    matcher.also_stems(marks.stems);
    matcher
}

/// Every person who gave a talk, with their other names, links and talk count, most talks
/// first ([`crate::people`]).
pub fn people(index: &TalkIndex) -> Result<Vec<crate::people::roster::Speaker>> {
    Ok(index.directory()?.speakers())
}

/// A person (by id, or a name or alias only they go by) and their talks, newest first, at most
/// [`MAX_LIMIT`]; `None` when no one is.
pub fn person_talks(index: &TalkIndex, id_or_name: &str) -> Result<Option<(crate::people::Person, Vec<Hit>)>> {
    let directory = index.directory()?;
    let Some((person, ids)) = directory.find(id_or_name) else {
        return Ok(None);
    };
    // One search for all of them, then the directory's order.
    let ids: Vec<&str> = ids.into_iter().take(MAX_LIMIT).collect();
    let searcher = index.searcher();
    let query = TermSetQuery::new(ids.iter().map(|id| Term::from_field_text(index.fields().id, id)));
    let found = searcher.search(&query, &TopDocs::with_limit(ids.len().max(1)).order_by_score())?;
    let mut no_match = matcher(index, &ParsedQuery::default(), Marks::default());
    let mut talks = found
        .into_iter()
        .map(|(_, address)| load_hit(index, &searcher, address, 0.0, &mut no_match))
        .collect::<Result<Vec<Hit>>>()?;
    talks.sort_by_key(|hit| ids.iter().position(|id| *id == hit.id));
    Ok(Some((person.clone(), talks)))
}

/// One talk by id, or `None` if no talk has it.
pub fn get_talk(index: &TalkIndex, id: &str) -> Result<Option<Hit>> {
    let searcher = index.searcher();
    let query = TermQuery::new(Term::from_field_text(index.fields().id, id), IndexRecordOption::Basic);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    match top.first() {
        Some(&(_, address)) => {
            let mut no_match = matcher(index, &ParsedQuery::default(), Marks::default());
            Ok(Some(load_hit(index, &searcher, address, 0.0, &mut no_match)?))
        }
        None => Ok(None),
    }
}

/// Every document of the index (talks, and each post's own), as hits without marks or
/// score, in index order: for exports, which must not hold the whole index in memory.
pub fn for_each_hit(index: &TalkIndex, mut each: impl FnMut(Hit) -> Result<()>) -> Result<()> {
    let searcher = index.searcher();
    let mut no_match = matcher(index, &ParsedQuery::default(), Marks::default());
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let address = DocAddress::new(ord as u32, doc);
            each(load_hit(index, &searcher, address, 0.0, &mut no_match)?)?;
        }
    }
    Ok(())
}

fn load_hit(
    index: &TalkIndex,
    searcher: &Searcher,
    address: DocAddress,
    score: f32,
    matcher: &mut Matcher,
) -> Result<Hit> {
    let f = index.fields();
    let doc: TantivyDocument = searcher.doc(address)?;
    let description = TalkIndex::text(&doc, f.description);
    let title = TalkIndex::text(&doc, f.title);
    let date = TalkIndex::text(&doc, f.post_date);
    let url = TalkIndex::text(&doc, f.post_url);
    let kind = TalkIndex::text(&doc, f.kind);
    let ranges = matcher.ranges(&description);
    let (snippet, passage) = highlight::snippet_of(&description, &ranges, SNIPPET_CHARS);
    let (link, description) = if kind == "post" {
        // The passage the snippet shows, else the post's top; and of the post's own text, which
        // may run to pages, only its start (the snippet has the part that matched).
        let link = match passage {
            Some(at) => text_fragment_link(&url, passage_around(&description, at)),
            None => url.clone(),
        };
        (link, cut_at_word(description, POST_DESCRIPTION_CHARS))
    } else {
        (text_fragment_link(&url, &title), description)
    };
    let speakers = TalkIndex::texts(&doc, f.speakers);
    let path = TalkIndex::text(&doc, f.post_path);
    let speaker_ids = if speakers.is_empty() {
        Vec::new()
    } else {
        let people = index.directory()?;
        speakers.iter().map(|s| people.id(&path, s)).collect()
    };
    Ok(Hit {
        id: TalkIndex::text(&doc, f.id),
        title_html: matcher.mark(&title),
        snippet,
        title,
        speakers,
        speaker_ids,
        kind,
        description,
        video: TalkIndex::texts(&doc, f.video),
        slides: TalkIndex::texts(&doc, f.slides),
        post: PostRef {
            path,
            title: TalkIndex::text(&doc, f.post_title),
            date: (!date.is_empty()).then_some(date),
            url,
        },
        link,
        score,
    })
}

/// `url#:~:text=TEXT`: browsers scroll to (and highlight) the first occurrence of the text in
/// the page, so a hit lands on its talk in the post without any change to the site.
///
/// Site generators dress up punctuation as they render (`'` → `’`, `"` → `“”`, `--` → `–`,
/// `...` → `…`), and a fragment naming the plain character would match nothing. So the
/// fragment names only words without such characters: the longest run of them, or, when the
/// text is broken up by them, the first and last runs as `textStart,textEnd`.
pub fn text_fragment_link(url: &str, text: &str) -> String {
    let runs = safe_runs(text);
    let (Some(first), Some(last)) = (runs.first(), runs.last()) else {
        return url.to_string();
    };
    let fragment = if runs.len() == 1 {
        encode_fragment(first)
    } else {
        format!("{},{}", encode_fragment(first), encode_fragment(last))
    };
    format!("{url}#:~:text={fragment}")
}

/// The runs of whole words of `text` that no generator's typography changes.
fn safe_runs(text: &str) -> Vec<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        // Punctuation alone (a table's `|`, a dash) may not be in the page as written either.
        let changed = word.contains(['\'', '"', '`', '<', '>']) || word.contains("--") || word.contains("...");
        if changed || !word.chars().any(char::is_alphanumeric) {
            if !run.is_empty() {
                runs.push(run.join(" "));
                run.clear();
            }
        } else {
            run.push(word);
        }
    }
    if !run.is_empty() {
        runs.push(run.join(" "));
    }
    runs
}

fn encode_fragment(text: &str) -> String {
    let mut encoded = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"._~!$()*+;=/:@".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    encoded
}

/// `text` cut to at most `max` characters at a word boundary, with `…` if anything was cut.
fn cut_at_word(mut text: String, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let cut = text[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    text.truncate(cut);
    text.push('…');
    text
}

/// A few words of `text` from the word at byte `at`, within its line: enough for a text
/// fragment to find the passage, short enough to stay inside one paragraph of the page.
fn passage_around(text: &str, at: usize) -> &str {
    const WORDS: usize = 6;
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at.min(text.len())..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let from = at - line_start;
    let mut end = line.len();
    for (n, (i, _)) in line[from..].match_indices(char::is_whitespace).enumerate() {
        if n + 1 == WORDS {
            end = from + i;
            break;
        }
    }
    &line[from..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::PostUpdate;
    use crate::post::parse_post;
    use crate::site::Site;
    use crate::talk::{Kind, Talk};

    fn talk(title: &str, speaker: &str, kind: Kind, description: &str, position: u32) -> Talk {
        Talk {
            title: title.into(),
            speakers: vec![speaker.into()],
            kind,
            description: description.into(),
            position,
            ..Talk::default()
        }
    }

    fn post(path: &str, front: &str, talks: Vec<Talk>) -> PostUpdate {
        PostUpdate {
            post: parse_post(path, &format!("---\n{front}\n---\n"), &Site::default()).unwrap(),
            hash: 1,
            talks,
            text: String::new(),
            degraded: false,
            link_words: String::new(),
            stats: Default::default(),
        }
    }

    fn index() -> TalkIndex {
        let index = TalkIndex::in_memory().unwrap();
        let may = post(
            "2017-05-20-may.md",
            "title: May talks\ntags: [Internals]",
            vec![
                talk(
                    "Garbage Collector in Python",
                    "Rivas Hameed",
                    Kind::Talk,
                    "Reference counting and <tracing> collectors.",
                    1,
                ),
                talk(
                    "Concurrency and Parallelism",
                    "Piyus Gupta",
                    Kind::Talk,
                    "Threads, processes and the garbage they leave.",
                    2,
                ),
                talk(
                    "Dictionaries in Python",
                    "Collector Jones",
                    Kind::Lightning,
                    "How dicts hash keys.",
                    3,
                ),
                talk(
                    "Abstract Syntax Trees",
                    "Prashant Raghu",
                    Kind::Talk,
                    "Walking the tree of a module.",
                    4,
                ),
            ],
        );
        let later = post(
            "2019-02-16-feb.md",
            "title: February workshop\ntags: [web]",
            vec![
                talk(
                    "Building a webapp with Flask",
                    "Rivas Hameed",
                    Kind::Workshop,
                    "Routes, templates and a head phone shop built from scratch with map/reduce jokes.",
                    1,
                ),
                talk(
                    "Kubernetes for Python people",
                    "Asha Rao",
                    Kind::Talk,
                    "Pods and deployments.",
                    2,
                ),
            ],
        );
        index.apply(&[may, later], &[]).unwrap();
        index
    }

    fn run(index: &TalkIndex, req: SearchRequest) -> SearchResponse {
        search(index, &req).unwrap()
    }

    fn titles(q: &str) -> Vec<String> {
        let index = index();
        titles_of(&run(&index, SearchRequest::text(q, 10)))
    }

    fn titles_of(r: &SearchResponse) -> Vec<String> {
        r.hits.iter().map(|h| h.title.clone()).collect()
    }

    #[test]
    fn title_beats_speaker_beats_description() {
        assert_eq!(
            titles("collector "),
            vec!["Garbage Collector in Python", "Dictionaries in Python"]
        );
        assert_eq!(
            titles("garbage "),
            vec!["Garbage Collector in Python", "Concurrency and Parallelism"]
        );
    }

    #[test]
    fn equal_scores_rank_the_newest_post_first_then_the_earlier_talk() {
        let index = TalkIndex::in_memory().unwrap();
        let same = |path: &str, date: &str| {
            post(
                path,
                &format!("title: Talks\ndate: {date}"),
                vec![
                    talk("Packaging", "A", Kind::Talk, "", 1),
                    talk("Packaging", "B", Kind::Talk, "", 2),
                ],
            )
        };
        // Added oldest first, so document order alone would put the old post first.
        for (path, date) in [
            ("old.md", "2015-01-10"),
            ("new.md", "2021-06-05"),
            ("mid.md", "2018-03-03"),
        ] {
            index.apply(&[same(path, date)], &[]).unwrap();
        }
        let r = run(&index, SearchRequest::text("packaging", 10));
        let order: Vec<(String, Vec<String>)> = r
            .hits
            .iter()
            .map(|h| (h.post.path.clone(), h.speakers.clone()))
            .collect();
        let expect = |p: &str, s: &str| (p.to_string(), vec![s.to_string()]);
        assert_eq!(
            order,
            vec![
                expect("new.md", "A"),
                expect("new.md", "B"),
                expect("mid.md", "A"),
                expect("mid.md", "B"),
                expect("old.md", "A"),
                expect("old.md", "B"),
            ]
        );
    }

    #[test]
    fn more_matched_words_rank_first() {
        // "garbage" and "threads" are both only in the concurrency talk's text.
        assert_eq!(titles("garbage threads")[0], "Concurrency and Parallelism");
    }

    #[test]
    fn a_speakers_name_finds_their_talks_first() {
        let t = titles("rivas hameed");
        assert_eq!(t.len(), 2);
        assert!(t.contains(&"Garbage Collector in Python".to_string()));
        assert!(t.contains(&"Building a webapp with Flask".to_string()));
    }

    #[test]
    fn typos_prefixes_and_exact_first() {
        assert_eq!(titles("garbge collecter ")[0], "Garbage Collector in Python");
        assert_eq!(titles("concurency")[0], "Concurrency and Parallelism");
        // Short words get no typos: "flsk" is not "flask".
        assert!(titles("flsk ").is_empty());
        // The word being typed is a prefix.
        assert_eq!(titles("garb")[0], "Garbage Collector in Python");
        assert!(titles("garb ").is_empty(), "a finished word is not a prefix");
        // An exact match outranks a typo match: "process" is exact in one talk.
        let index = index();
        let r = run(&index, SearchRequest::text("processes", 10));
        assert_eq!(r.hits[0].title, "Concurrency and Parallelism");
    }

    #[test]
    fn compounds_acronyms_and_synonyms() {
        assert_eq!(titles("headphone")[0], "Building a webapp with Flask");
        assert_eq!(titles("web app ")[0], "Building a webapp with Flask");
        assert_eq!(titles("mapreduce")[0], "Building a webapp with Flask");
        assert_eq!(titles("ast ")[0], "Abstract Syntax Trees");
        assert_eq!(titles("gc ")[0], "Garbage Collector in Python");
        assert_eq!(titles("k8s ")[0], "Kubernetes for Python people");
    }

    #[test]
    fn a_title_written_as_one_word_ranks_above_the_two_words_in_passing() {
        let index = index();
        let june = post(
            "2021-06-12-jun.md",
            "title: June talks",
            vec![
                talk("Nodejs", "Omar Said", Kind::Talk, "Event loops.", 1),
                talk(
                    "Shipping firmware",
                    "Ida Lund",
                    Kind::Talk,
                    "Each node of the mesh runs a small js engine for its scripts.",
                    2,
                ),
            ],
        );
        index.apply(&[june], &[]).unwrap();
        let r = run(&index, SearchRequest::text("node js", 10));
        assert_eq!(titles_of(&r)[..2], ["Nodejs", "Shipping firmware"]);
    }

    #[test]
    fn spelled_out_initials_find_the_talk_that_only_has_the_initials() {
        let index = TalkIndex::in_memory().unwrap();
        let p = post(
            "2020-01-01-jan.md",
            "title: January",
            vec![
                talk(
                    "WSGI under the hood",
                    "Ida Lund",
                    Kind::Talk,
                    "Callables all the way down.",
                    1,
                ),
                talk(
                    "Web servers in Go",
                    "Tom Berg",
                    Kind::Talk,
                    "A gateway for every server.",
                    2,
                ),
            ],
        );
        index.apply(&[p], &[]).unwrap();
        let r = run(&index, SearchRequest::text("web server gateway interface", 10));
        assert_eq!(titles_of(&r)[0], "WSGI under the hood");
    }

    #[test]
    fn phrases_exclusions_and_field_syntax() {
        assert_eq!(titles("\"reference counting\""), vec!["Garbage Collector in Python"]);
        assert!(titles("\"counting reference\"").is_empty());
        assert_eq!(titles("garbage -threads"), vec!["Garbage Collector in Python"]);
        assert_eq!(titles("python kind:lightning"), vec!["Dictionaries in Python"]);
        assert_eq!(titles("speaker:rivas year:2019"), vec!["Building a webapp with Flask"]);
        assert_eq!(titles("tag:internals trees"), vec!["Abstract Syntax Trees"]);
        // Malformed syntax is searched as words.
        assert_eq!(titles("kind:banana garbage")[0], "Garbage Collector in Python");
    }

    #[test]
    fn filters_sorting_facets_and_paging() {
        let index = index();
        let mut req = SearchRequest::text("", 10);
        req.filters.speaker = Some("Rivas".into());
        req.sort = Sort::Date;
        req.facets = vec![Facet::Kind, Facet::Year, Facet::Speaker, Facet::Tag];
        let r = run(&index, req.clone());
        assert_eq!(
            titles_of(&r),
            vec!["Building a webapp with Flask", "Garbage Collector in Python"]
        );
        let facets = r.facets.unwrap();
        let values =
            |name: &str| -> Vec<(String, u64)> { facets[name].iter().map(|v| (v.value.clone(), v.count)).collect() };
        assert_eq!(values("year"), vec![("2017".into(), 1), ("2019".into(), 1)]);
        // Speakers are counted by person: the id, with the name beside it.
        assert_eq!(values("speaker"), vec![("rivas-hameed".into(), 2)]);
        assert_eq!(facets["speaker"][0].name.as_deref(), Some("Rivas Hameed"));
        assert_eq!(values("tag"), vec![("internals".into(), 1), ("web".into(), 1)]);
        req.filters = Filters {
            from: crate::post::PostDate::parse_prefix("2018-01-01"),
            ..Filters::default()
        };
        req.facets = vec![Facet::Kind];
        let r = run(&index, req);
        assert_eq!(r.total, 2);
        assert_eq!(
            r.facets.unwrap()["kind"],
            vec![
                facets::FacetValue {
                    value: "talk".into(),
                    count: 1,
                    name: None
                },
                facets::FacetValue {
                    value: "workshop".into(),
                    count: 1,
                    name: None
                }
            ]
        );
        let mut page = SearchRequest::text("python", 1);
        page.offset = 1;
        let r = run(&index, page);
        assert_eq!((r.total, r.hits.len()), (3, 1));
    }

    #[test]
    fn highlights_snippets_links_and_post_fields() {
        let index = index();
        let r = run(&index, SearchRequest::text("collectors counted", 10));
        let hit = &r.hits[0];
        assert_eq!(hit.title, "Garbage Collector in Python");
        assert_eq!(hit.title_html, "Garbage <mark>Collector</mark> in Python");
        assert!(hit.snippet.contains("<mark>counting</mark>"), "{}", hit.snippet);
        assert!(hit.snippet.contains("&lt;tracing&gt;"), "{}", hit.snippet);
        assert_eq!(hit.post.url, "/2017/05/20/may/");
        assert_eq!(hit.link, "/2017/05/20/may/#:~:text=Garbage%20Collector%20in%20Python");
        assert_eq!(hit.post.date.as_deref(), Some("2017-05-20"));
        assert_eq!(hit.id, "2017-05-20-may.md:1");
    }

    #[test]
    fn fragments_name_only_words_that_typography_leaves_alone() {
        assert_eq!(text_fragment_link("/p/", "Plain title"), "/p/#:~:text=Plain%20title");
        // Smart quotes and dashes would not match the plain characters: the words around them do.
        assert_eq!(
            text_fragment_link("/p/", "Python's GIL explained"),
            "/p/#:~:text=GIL%20explained"
        );
        assert_eq!(
            text_fragment_link("/p/", "Don't repeat yourself -- the \"DRY\" rule"),
            "/p/#:~:text=repeat%20yourself,rule"
        );
        assert_eq!(text_fragment_link("/p/", "Waiting..."), "/p/");
        assert_eq!(text_fragment_link("/p/", "a, b | c"), "/p/#:~:text=a%2C%20b,c");
    }

    #[test]
    fn a_post_hit_describes_itself_by_the_start_of_its_text() {
        assert_eq!(cut_at_word("one two three".into(), 9), "one two…");
        assert_eq!(cut_at_word("short".into(), 10), "short");
        assert_eq!(cut_at_word("ééé ééé".into(), 5), "ééé…");
    }

    #[test]
    fn a_passage_is_a_few_words_of_one_line() {
        let text = "First line here.\nThe sponsor gave us pizza and a room with chairs.\nLast.";
        let at = text.find("sponsor").unwrap();
        assert_eq!(passage_around(text, at), "sponsor gave us pizza and a");
        let at = text.find("Last").unwrap();
        assert_eq!(passage_around(text, at), "Last.");
    }

    #[test]
    fn queries_with_nothing_to_search_match_nothing() {
        let index = index();
        for q in ["", "   ", "!!! ???", "\"", "-", "*", "-garbage", "\u{0}", "🙂"] {
            let r = run(&index, SearchRequest::text(q, 10));
            assert_eq!(r.total, 0, "{q:?}");
        }
    }

    #[test]
    fn get_by_id() {
        let index = index();
        assert_eq!(
            get_talk(&index, "2017-05-20-may.md:2").unwrap().unwrap().speakers,
            vec!["Piyus Gupta"]
        );
        assert!(get_talk(&index, "nope:1").unwrap().is_none());
    }

    #[test]
    fn suggestions_complete_titles_and_names() {
        let index = index();
        let s = suggest::suggest(&index, "gar").unwrap();
        assert_eq!(s[0].text, "Garbage Collector in Python");
        let s = suggest::suggest(&index, "riv").unwrap();
        assert_eq!(
            (s[0].text.as_str(), s[0].kind.as_str(), s[0].talks),
            ("Rivas Hameed", "speaker", 2)
        );
        // A later word of a title matches too, after entries that start with it.
        let s = suggest::suggest(&index, "coll").unwrap();
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, vec!["Collector Jones", "Garbage Collector in Python"]);
        assert!(suggest::suggest(&index, "").unwrap().is_empty());
        let all = people(&index).unwrap();
        assert_eq!(
            (all[0].id.as_str(), all[0].name.as_str()),
            ("rivas-hameed", "Rivas Hameed")
        );
        assert_eq!((all[0].talks, all[0].latest.as_deref()), (2, Some("2019-02-16")));
        let (person, talks) = person_talks(&index, "rivas-hameed").unwrap().unwrap();
        assert_eq!(person.name, "Rivas Hameed");
        assert_eq!(talks[0].title, "Building a webapp with Flask");
        assert_eq!(talks.len(), 2);
        assert!(
            person_talks(&index, "rivas").unwrap().is_none(),
            "a word of a name is no one"
        );
        assert!(suggest::suggest(&index, "zzz").unwrap().is_empty());
    }
}
