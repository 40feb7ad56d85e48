//! One query word's matches, scored in one pass over its posting lists.
//!
//! A word is matched several ways (its stem in the title and the description, as written in the
//! speakers and anywhere, by prefix or within typos) and each way plays a part in the score: the
//! constant worth of having the word at all (the best way that matched), BM25 where the word is
//! (the best field, plus a tenth of the others), and a bonus for an inexact match in the title.
//! Built from Tantivy's boolean and disjunction queries, that is three levels of nested unions,
//! each allocating its buffers per segment and opening the title's and description's postings
//! twice (once to score, once to match). Here the parts are the children of a single k-way
//! merge, each posting list opened once and each playing all of its roles.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

/// What a part contributes when it matches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    /// The word is there, worth this much (the best such part counts).
    Cover(Score),
    /// The part's own score (BM25, boosted) ranks where the word is.
    Rank,
    /// Both of the above from one posting list.
    Both(Score),
    /// A bonus for where an inexact match is (the best such part counts).
    Bonus(Score),
}

impl Role {
    fn needs_score(self) -> bool {
        matches!(self, Role::Rank | Role::Both(_))
    }
}

/// How much of the other fields' BM25 adds to the best field's.
const TIE_BREAKER: Score = 0.1;

/// The parts of one word, matched as a union.
#[derive(Debug)]
pub struct WordQuery {
    parts: Vec<(Role, Box<dyn Query>)>,
}

impl Clone for WordQuery {
    fn clone(&self) -> WordQuery {
        WordQuery {
            parts: self.parts.iter().map(|(r, q)| (*r, q.box_clone())).collect(),
        }
    }
}

/// The same context without scoring: parts that only match need no BM25 statistics.
fn without_scoring(enable_scoring: EnableScoring<'_>) -> EnableScoring<'_> {
    match enable_scoring {
        EnableScoring::Enabled { searcher, .. } => EnableScoring::disabled_from_searcher(searcher),
        disabled => disabled,
    }
}

impl WordQuery {
    pub fn new(parts: Vec<(Role, Box<dyn Query>)>) -> WordQuery {
        WordQuery { parts }
    }
}

impl Query for WordQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let scoring = enable_scoring.is_scoring_enabled();
        let parts = self
            .parts
            .iter()
            .map(|(role, q)| {
                let weight = if scoring && role.needs_score() {
                    q.weight(enable_scoring)?
                } else {
                    q.weight(without_scoring(enable_scoring))?
                };
                Ok((*role, weight))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(WordWeight { parts }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        for (_, q) in &self.parts {
            q.query_terms(visitor);
        }
    }
}

struct WordWeight {
    parts: Vec<(Role, Box<dyn Weight>)>,
}

impl Weight for WordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut parts = Vec::with_capacity(self.parts.len());
        for (role, weight) in &self.parts {
            let scorer = weight.scorer(reader, 1.0)?;
            if scorer.doc() != TERMINATED {
                parts.push((*role, scorer));
            }
        }
        Ok(Box::new(WordScorer::new(parts, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        Ok(Explanation::new("word", scorer.score()))
    }
}

/// A k-way merge of a few parts (typically two to eight): a linear scan for the smallest
/// document beats a heap or a bitset at that size, and allocates nothing per document. Each
/// part's current document is kept beside it, so the scan makes no calls into the parts.
struct WordScorer {
    parts: Vec<(Role, Box<dyn Scorer>)>,
    /// The current document of each part.
    docs: Vec<DocId>,
    doc: DocId,
    boost: Score,
}

impl WordScorer {
    fn new(parts: Vec<(Role, Box<dyn Scorer>)>, boost: Score) -> WordScorer {
        let docs: Vec<DocId> = parts.iter().map(|(_, s)| s.doc()).collect();
        let doc = docs.iter().copied().min().unwrap_or(TERMINATED);
        WordScorer {
            parts,
            docs,
            doc,
            boost,
        }
    }

    /// Drops the parts that are done, now and then, so that scans stay short.
    fn drop_finished(&mut self) {
        let mut k = 0;
        while k < self.docs.len() {
            if self.docs[k] == TERMINATED {
                self.docs.swap_remove(k);
                self.parts.swap_remove(k);
            } else {
                k += 1;
            }
        }
    }
}

impl WordScorer {
    /// Moves each part whose document `behind` picks with `step`, then settles on the smallest
    /// document of all.
    fn move_parts(&mut self, behind: impl Fn(DocId) -> bool, step: impl Fn(&mut dyn Scorer) -> DocId) -> DocId {
        let mut next = TERMINATED;
        let mut finished = false;
        for (d, (_, scorer)) in self.docs.iter_mut().zip(&mut self.parts) {
            if behind(*d) {
                *d = step(scorer.as_mut());
                finished |= *d == TERMINATED;
            }
            next = next.min(*d);
        }
        if finished {
            self.drop_finished();
        }
        self.doc = next;
        next
    }
}

impl DocSet for WordScorer {
    fn advance(&mut self) -> DocId {
        let at = self.doc;
        self.move_parts(|d| d == at, |s| s.advance())
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.move_parts(|d| d < target, |s| s.seek(target))
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(|(_, s)| s.size_hint()).max().unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.parts.iter().map(|(_, s)| s.cost()).sum()
    }
}

impl Scorer for WordScorer {
    fn score(&mut self) -> Score {
        let (mut cover, mut bonus): (Score, Score) = (0.0, 0.0);
        let (mut best, mut sum): (Score, Score) = (0.0, 0.0);
        let at = self.doc;
        for (d, (role, scorer)) in self.docs.iter().zip(&mut self.parts) {
            if *d != at {
                continue;
            }
            match *role {
                Role::Cover(v) => cover = cover.max(v),
                Role::Bonus(v) => bonus = bonus.max(v),
                Role::Rank | Role::Both(_) => {
                    if let Role::Both(v) = *role {
                        cover = cover.max(v);
                    }
                    let s = scorer.score();
                    best = best.max(s);
                    sum += s;
                }
            }
        }
        self.boost * (cover + best + TIE_BREAKER * (sum - best) + bonus)
    }
}

impl fmt::Debug for WordWeight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WordWeight({} parts)", self.parts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BoostQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema, TEXT};
    use tantivy::{Index, Term, doc};

    fn index() -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let tag = schema.add_text_field("tag", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (t, g) in [
            ("garbage collector", "a"),
            ("garbage garbage", "b"),
            ("parser", "a"),
            ("other", "c"),
        ] {
            writer.add_document(doc!(title => t, tag => g)).unwrap();
        }
        writer.commit().unwrap();
        (index, title, tag)
    }

    fn term(field: tantivy::schema::Field, s: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, s),
            IndexRecordOption::WithFreqs,
        ))
    }

    #[test]
    fn scores_are_the_best_cover_plus_ranked_fields_plus_the_best_bonus() {
        let (index, title, tag) = index();
        let searcher = index.reader().unwrap().searcher();
        let q = WordQuery::new(vec![
            (Role::Both(10.0), term(title, "garbage")),
            (Role::Cover(5.0), term(tag, "a")),
            (Role::Bonus(1.0), term(title, "parser")),
        ]);
        let top = searcher.search(&q, &TopDocs::with_limit(10).order_by_score()).unwrap();
        let scores: Vec<(u32, f32)> = top.iter().map(|(s, a)| (a.doc_id, *s)).collect();
        // Every document with any part matches; none other does.
        let mut docs: Vec<u32> = scores.iter().map(|(d, _)| *d).collect();
        docs.sort();
        assert_eq!(docs, vec![0, 1, 2]);
        let score = |d: u32| scores.iter().find(|(x, _)| *x == d).unwrap().1;
        // Doc 0 and 1 have "garbage" (10 plus its BM25); doc 0's tag adds nothing over 10.
        assert!(score(0) > 10.0 && score(1) > 10.0);
        assert!(score(1) > score(0), "more occurrences rank higher: {scores:?}");
        // Doc 2: the tag (5) and the bonus (1).
        assert!((score(2) - 6.0).abs() < 1e-4, "{scores:?}");
    }

    #[test]
    fn boosts_and_seeks_within_an_intersection() {
        let (index, title, tag) = index();
        let searcher = index.reader().unwrap().searcher();
        let word = WordQuery::new(vec![
            (Role::Rank, Box::new(BoostQuery::new(term(title, "garbage"), 2.0))),
            (Role::Cover(3.0), term(title, "parser")),
        ]);
        let both = tantivy::query::BooleanQuery::new(vec![
            (tantivy::query::Occur::Must, Box::new(word) as Box<dyn Query>),
            (tantivy::query::Occur::Must, term(tag, "a")),
        ]);
        let top = searcher
            .search(&both, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let docs: Vec<u32> = top.iter().map(|(_, a)| a.doc_id).collect();
        assert_eq!(docs.len(), 2);
        assert!(docs.contains(&0) && docs.contains(&2));
    }
}
