//! Counting what the talks matching a query have in common: their kinds, years, speakers and
//! tags. Counting runs on Tantivy's columnar fast fields, per segment by term ordinal, and only
//! the ordinals that were seen are turned into strings at the end.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::names_of;
use crate::people::roster::Directory;

/// A facet a request can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Kind,
    Year,
    Speaker,
    Tag,
}

impl Facet {
    pub fn parse(s: &str) -> Option<Facet> {
        Some(match s.trim() {
            "kind" => Facet::Kind,
            "year" => Facet::Year,
            "speaker" => Facet::Speaker,
            "tag" => Facet::Tag,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Year => "year",
            Facet::Speaker => "speaker",
            Facet::Tag => "tag",
        }
    }

    fn column(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Year => "year",
            Facet::Speaker => "speaker_facet",
            Facet::Tag => "tag_key",
        }
    }
}

/// One value of a facet and how many matching talks have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    /// For `speaker`, the person's id ([`crate::people`]).
    pub value: String,
    pub count: u64,
    /// For `speaker`, the person's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Joins a post and a speaker name as one key while counting names several people share.
const POST_NAME_SEP: char = '\u{1f}';

/// Counts, per facet, most frequent first (then by value), at most `limit` values each.
pub type FacetCounts = BTreeMap<&'static str, Vec<FacetValue>>;

/// Collects the counts of the requested facets over every matching document.
pub struct FacetCollector {
    pub facets: Vec<Facet>,
    pub limit: usize,
    /// Who is who: speakers are counted by person.
    pub people: Arc<Directory>,
}

enum SegmentColumn {
    Str(StrColumn),
    U64(Column<u64>),
    /// Speaker names, counted by name; for the few names several people share, by post too,
    /// since only the post says who such a name is.
    Speakers {
        names: StrColumn,
        posts: Option<StrColumn>,
        /// By name ordinal: whether several people go by it.
        shared: Vec<bool>,
        /// (post ordinal, name ordinal) of each shared name seen.
        pairs: Vec<(u64, u64)>,
    },
    Missing,
}

pub struct FacetSegmentCollector {
    columns: Vec<(Facet, SegmentColumn, Vec<u64>)>,
}

impl Collector for FacetCollector {
    type Fruit = FacetCounts;
    type Child = FacetSegmentCollector;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<FacetSegmentCollector> {
        let fast = segment.fast_fields();
        let mut columns = Vec::new();
        for &facet in &self.facets {
            let column = if facet == Facet::Year {
                fast.u64("year")
                    .map(SegmentColumn::U64)
                    .unwrap_or(SegmentColumn::Missing)
            } else if facet == Facet::Speaker {
                match fast.str(facet.column())? {
                    Some(names) => {
                        let mut shared = vec![false; names.num_terms()];
                        for name in self.people.shared_names() {
                            if let Ok(Some(ord)) = names.dictionary().term_ord(name.as_bytes())
                                && let Some(slot) = shared.get_mut(ord as usize)
                            {
                                *slot = true;
                            }
                        }
                        SegmentColumn::Speakers {
                            names,
                            posts: fast.str("post_path")?,
                            shared,
                            pairs: Vec::new(),
                        }
                    }
                    None => SegmentColumn::Missing,
                }
            } else {
                match fast.str(facet.column())? {
                    Some(c) => SegmentColumn::Str(c),
                    None => SegmentColumn::Missing,
                }
            };
            let slots = match &column {
                SegmentColumn::Str(c) | SegmentColumn::Speakers { names: c, .. } => c.num_terms(),
                _ => 0,
            };
            columns.push((facet, column, vec![0u64; slots]));
        }
        Ok(FacetSegmentCollector { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(Facet, HashMap<String, u64>)>>) -> tantivy::Result<FacetCounts> {
        let mut totals: HashMap<Facet, HashMap<String, u64>> = HashMap::new();
        for fruit in fruits {
            for (facet, counts) in fruit {
                let t = totals.entry(facet).or_default();
                for (value, n) in counts {
                    *t.entry(value).or_default() += n;
                }
            }
        }
        let mut out = FacetCounts::new();
        for facet in &self.facets {
            let counts = totals.remove(facet).unwrap_or_default();
            let mut values: Vec<FacetValue> = if *facet == Facet::Speaker {
                self.by_person(counts)
            } else {
                counts
                    .into_iter()
                    .map(|(value, count)| FacetValue {
                        value,
                        count,
                        name: None,
                    })
                    .collect()
            };
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            values.truncate(self.limit);
            out.insert(facet.name(), values);
        }
        Ok(out)
    }
}

impl FacetCollector {
    /// Counts by name (or, for a name several people share, by "post␟name") as counts of the
    /// people those names are.
    fn by_person(&self, counts: HashMap<String, u64>) -> Vec<FacetValue> {
        let mut people: HashMap<String, FacetValue> = HashMap::new();
        for (key, n) in counts {
            let (person, name) = match key.split_once(POST_NAME_SEP) {
                Some((post, name)) => (self.people.person_of(post, name), name),
                None => (self.people.person_named(&key), key.as_str()),
            };
            let (id, shown) = match person {
                Some(p) => (p.id.clone(), p.name.clone()),
                None => (crate::people::slug(name), name.to_string()),
            };
            people
                .entry(id.clone())
                .or_insert(FacetValue {
                    value: id,
                    count: 0,
                    name: Some(shown),
                })
                .count += n;
        }
        people.into_values().collect()
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Vec<(Facet, HashMap<String, u64>)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (_, column, counts) in &mut self.columns {
            match column {
                SegmentColumn::Str(c) => {
                    for ord in c.term_ords(doc) {
                        if let Some(n) = counts.get_mut(ord as usize) {
                            *n += 1;
                        }
                    }
                }
                SegmentColumn::Speakers {
                    names,
                    posts,
                    shared,
                    pairs,
                } => {
                    for ord in names.term_ords(doc) {
                        if shared.get(ord as usize) == Some(&true) {
                            if let Some(post) = posts.as_ref().and_then(|p| p.term_ords(doc).next()) {
                                pairs.push((post, ord));
                            }
                        } else if let Some(n) = counts.get_mut(ord as usize) {
                            *n += 1;
                        }
                    }
                }
                SegmentColumn::U64(c) => {
                    for v in c.values_for_doc(doc) {
                        // Years are few: count them in a short vector indexed from the value.
                        let at = v as usize;
                        if at < 10_000 {
                            if counts.len() <= at {
                                counts.resize(at + 1, 0);
                            }
                            counts[at] += 1;
                        }
                    }
                }
                SegmentColumn::Missing => {}
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.columns
            .into_iter()
            .map(|(facet, column, counts)| {
                let seen = counts.iter().enumerate().filter(|(_, n)| **n > 0);
                let named = match &column {
                    SegmentColumn::Str(c) => {
                        let (ords, ns): (Vec<u64>, Vec<u64>) = seen.map(|(ord, n)| (ord as u64, *n)).unzip();
                        names_of(c, &ords).into_iter().zip(ns).collect()
                    }
                    SegmentColumn::U64(_) => seen.map(|(year, n)| (year.to_string(), *n)).collect(),
                    SegmentColumn::Speakers {
                        names, posts, pairs, ..
                    } => {
                        // By name: the name alone; shared names: "post␟name".
                        let (ords, ns): (Vec<u64>, Vec<u64>) = seen.map(|(ord, n)| (ord as u64, *n)).unzip();
                        let mut out: HashMap<String, u64> = names_of(names, &ords).into_iter().zip(ns).collect();
                        if let Some(posts) = posts {
                            let mut post_ords: Vec<u64> = pairs.iter().map(|k| k.0).collect();
                            let mut name_ords: Vec<u64> = pairs.iter().map(|k| k.1).collect();
                            for ords in [&mut post_ords, &mut name_ords] {
                                ords.sort_unstable();
                                ords.dedup();
                            }
                            let post_of: HashMap<u64, String> =
                                post_ords.iter().copied().zip(names_of(posts, &post_ords)).collect();
                            let name_of: HashMap<u64, String> =
                                name_ords.iter().copied().zip(names_of(names, &name_ords)).collect();
                            for (p, n) in pairs {
                                *out.entry(format!("{}{POST_NAME_SEP}{}", post_of[p], name_of[n]))
                                    .or_default() += 1;
                            }
                        }
                        out
                    }
                    SegmentColumn::Missing => HashMap::new(),
                };
                (facet, named)
            })
            .collect()
    }
}
