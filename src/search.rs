//! Ranked search over the talk index: a request in, typed hits out.
//!
//! The user's text is never handed to a query parser. It is cut into words, each word is run
//! through the analyzer of every searched field, and the terms are combined: for each word, the
//! best-matching field counts (with a little of the others), so that a word found in a title
//! outranks the same word in a speaker name, which outranks it in a description. No input can
//! make this fail or run long: the number of words is bounded.

use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::index::{Fields, TalkIndex};

/// Most words of a query that are searched; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 32;
/// Largest `limit` a request may ask for.
pub const MAX_LIMIT: usize = 100;

/// Field weights: title above speakers above description, the post's title a little.
const BOOSTS: &[(FieldName, f32)] = &[
    (FieldName::Title, 4.0),
    (FieldName::Speakers, 2.5),
    (FieldName::Description, 1.0),
    (FieldName::PostTitle, 0.5),
];

#[derive(Clone, Copy)]
enum FieldName {
    Title,
    Speakers,
    Description,
    PostTitle,
}

impl FieldName {
    fn field(self, f: &Fields) -> Field {
        match self {
            FieldName::Title => f.title,
            FieldName::Speakers => f.speakers,
            FieldName::Description => f.description,
            FieldName::PostTitle => f.post_title,
        }
    }
}

/// A search as asked: text, page size and offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub q: String,
    pub limit: usize,
    pub offset: usize,
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
    pub speakers: Vec<String>,
    pub kind: String,
    pub description: String,
    /// A short window of the description around the matched words, HTML-escaped, with the
    /// matches in `<mark>`.
    pub snippet: String,
    pub video: Vec<String>,
    pub slides: Vec<String>,
    pub post: PostRef,
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
}

/// The words of a query, in order, at most [`MAX_QUERY_WORDS`].
pub fn query_words(q: &str) -> Vec<&str> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_QUERY_WORDS)
        .collect()
}

/// Builds the query for `q`, or `None` when it has no searchable words.
pub fn build_query(index: &TalkIndex, q: &str) -> Result<Option<Box<dyn Query>>> {
    let fields = index.fields();
    let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in query_words(q) {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        for (name, boost) in BOOSTS {
            let field = name.field(fields);
            let mut analyzer = index.tantivy().tokenizer_for_field(field)?;
            let mut stream = analyzer.token_stream(word);
            let mut terms = Vec::new();
            while let Some(token) = stream.next() {
                terms.push(Term::from_field_text(field, &token.text));
            }
            for term in terms {
                let tq: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                alternatives.push(Box::new(BoostQuery::new(tq, *boost)));
            }
        }
        if !alternatives.is_empty() {
            per_word.push((
                Occur::Should,
                Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, 0.2)),
            ));
        }
    }
    Ok((!per_word.is_empty()).then(|| Box::new(BooleanQuery::new(per_word)) as Box<dyn Query>))
}

/// Runs a search.
pub fn search(index: &TalkIndex, req: &SearchRequest) -> Result<SearchResponse> {
    let start = Instant::now();
    let searcher = index.searcher();
    let mut response = SearchResponse {
        query: req.q.clone(),
        total: 0,
        offset: req.offset,
        limit: req.limit,
        took_ms: 0.0,
        hits: Vec::new(),
    };
    if let Some(query) = build_query(index, &req.q)? {
        let limit = req.limit.clamp(1, MAX_LIMIT);
        let top = TopDocs::with_limit(limit).and_offset(req.offset).order_by_score();
        let (top, total) = searcher.search(&*query, &(top, Count))?;
        response.total = total;
        let mut snippets = SnippetGenerator::create(&searcher, &*query, index.fields().description)?;
        snippets.set_max_num_chars(220);
        for (score, address) in top {
            response
                .hits
                .push(load_hit(index, &searcher, address, score, Some(&snippets))?);
        }
    }
    response.took_ms = (start.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    Ok(response)
}

/// One talk by id, or `None` if no talk has it.
pub fn get_talk(index: &TalkIndex, id: &str) -> Result<Option<Hit>> {
    let searcher = index.searcher();
    let query = TermQuery::new(Term::from_field_text(index.fields().id, id), IndexRecordOption::Basic);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    match top.first() {
        Some(&(_, address)) => Ok(Some(load_hit(index, &searcher, address, 0.0, None)?)),
        None => Ok(None),
    }
}

fn load_hit(
    index: &TalkIndex,
    searcher: &Searcher,
    address: DocAddress,
    score: f32,
    snippets: Option<&SnippetGenerator>,
) -> Result<Hit> {
    let f = index.fields();
    let doc: TantivyDocument = searcher.doc(address)?;
    let description = TalkIndex::text(&doc, f.description);
    let snippet = match snippets {
        Some(generator) => {
            let mut s = generator.snippet_from_doc(&doc);
            s.set_snippet_prefix_postfix("<mark>", "</mark>");
            let html = s.to_html();
            if html.is_empty() {
                escape_html(&leading_chars(&description, 220))
            } else {
                html
            }
        }
        None => escape_html(&leading_chars(&description, 220)),
    };
    let date = TalkIndex::text(&doc, f.post_date);
    Ok(Hit {
        id: TalkIndex::text(&doc, f.id),
        title: TalkIndex::text(&doc, f.title),
        speakers: TalkIndex::texts(&doc, f.speakers),
        kind: TalkIndex::text(&doc, f.kind),
        description,
        snippet,
        video: TalkIndex::texts(&doc, f.video),
        slides: TalkIndex::texts(&doc, f.slides),
        post: PostRef {
            path: TalkIndex::text(&doc, f.post_path),
            title: TalkIndex::text(&doc, f.post_title),
            date: (!date.is_empty()).then_some(date),
            url: TalkIndex::text(&doc, f.post_url),
        },
        score,
    })
}

/// The first `n` characters of `s`, cut at a word boundary.
fn leading_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n).collect();
    match cut.rfind(' ') {
        Some(at) => format!("{}…", &cut[..at]),
        None => format!("{cut}…"),
    }
}

/// Escapes text for HTML, so that a snippet can be put into a page as it is.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::PostUpdate;
    use crate::permalink::Permalink;
    use crate::post::parse_post;
    use crate::talk::{Kind, Talk};

    fn talk(title: &str, speaker: &str, description: &str, position: u32) -> Talk {
        Talk {
            title: title.into(),
            speakers: vec![speaker.into()],
            kind: Kind::Talk,
            description: description.into(),
            position,
            ..Talk::default()
        }
    }

    fn index() -> TalkIndex {
        let index = TalkIndex::in_memory().unwrap();
        let post = parse_post(
            "2017-05-20-may.md",
            "---\ntitle: May talks\n---\n",
            &Permalink::default(),
        )
        .unwrap();
        let talks = vec![
            talk(
                "Garbage Collector in Python",
                "Rivas Hameed",
                "Reference counting and <tracing> collectors.",
                1,
            ),
            talk(
                "Concurrency and Parallelism",
                "Piyus Gupta",
                "Threads, processes and the garbage they leave.",
                2,
            ),
            talk("Dictionaries in Python", "Collector Jones", "How dicts hash keys.", 3),
        ];
        index
            .apply(
                &[PostUpdate {
                    post,
                    hash: 1,
                    talks,
                    plain_text: String::new(),
                }],
                &[],
            )
            .unwrap();
        index
    }

    fn titles(r: &SearchResponse) -> Vec<&str> {
        r.hits.iter().map(|h| h.title.as_str()).collect()
    }

    #[test]
    fn title_beats_speaker_beats_description() {
        let index = index();
        let r = search(
            &index,
            &SearchRequest {
                q: "collector".into(),
                limit: 10,
                offset: 0,
            },
        )
        .unwrap();
        assert_eq!(
            titles(&r),
            vec!["Garbage Collector in Python", "Dictionaries in Python"]
        );
        let r = search(
            &index,
            &SearchRequest {
                q: "garbage".into(),
                limit: 10,
                offset: 0,
            },
        )
        .unwrap();
        assert_eq!(
            titles(&r),
            vec!["Garbage Collector in Python", "Concurrency and Parallelism"]
        );
        assert_eq!(r.total, 2);
    }

    #[test]
    fn stemming_snippets_and_post_fields() {
        let index = index();
        let r = search(
            &index,
            &SearchRequest {
                q: "collectors counted".into(),
                limit: 10,
                offset: 0,
            },
        )
        .unwrap();
        let hit = &r.hits[0];
        assert_eq!(hit.title, "Garbage Collector in Python");
        assert!(hit.snippet.contains("<mark>counting</mark>"), "{}", hit.snippet);
        assert!(hit.snippet.contains("&lt;tracing&gt;"), "{}", hit.snippet);
        assert_eq!(hit.post.url, "/2017/05/20/may/");
        assert_eq!(hit.post.date.as_deref(), Some("2017-05-20"));
        assert_eq!(hit.id, "2017-05-20-may.md:1");
    }

    #[test]
    fn paging_and_empty_queries() {
        let index = index();
        let r = search(
            &index,
            &SearchRequest {
                q: "python".into(),
                limit: 1,
                offset: 1,
            },
        )
        .unwrap();
        assert_eq!(r.total, 2);
        assert_eq!(r.hits.len(), 1);
        for q in ["", "   ", "!!! ???", "\"", "-", "*"] {
            let r = search(
                &index,
                &SearchRequest {
                    q: q.into(),
                    limit: 10,
                    offset: 0,
                },
            )
            .unwrap();
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
}
