//! The fixed query mix of the benchmarks: what people type into a site's search box, one of
//! each shape. The words come from the synthetic corpus's vocabulary.

#![allow(dead_code)]

use talksearch::search::{Facet, SearchRequest, Sort};

/// A named request of the mix.
pub struct MixQuery {
    pub name: &'static str,
    pub request: SearchRequest,
    /// The same request as a URL path for HTTP load tests.
    pub path: &'static str,
}

pub fn mix() -> Vec<MixQuery> {
    let text = |q: &str| SearchRequest::text(q, 10);
    let mut filtered = text("pandas ");
    filtered.filters.kind = Some(talksearch::talk::Kind::Talk);
    filtered.filters.year = Some(2017);
    let mut faceted = text("testing pandas ");
    faceted.facets = vec![Facet::Kind, Facet::Year, Facet::Speaker, Facet::Tag];
    let mut by_date = text("kubernetes ");
    by_date.sort = Sort::Date;
    vec![
        MixQuery {
            name: "one word",
            request: text("asyncio "),
            path: "/search?q=asyncio+",
        },
        MixQuery {
            name: "two words",
            request: text("garbage collection "),
            path: "/search?q=garbage+collection+",
        },
        MixQuery {
            name: "phrase",
            request: text("\"data pipelines\""),
            path: "/search?q=%22data+pipelines%22",
        },
        MixQuery {
            name: "typo",
            request: text("kubernets deploymnt "),
            path: "/search?q=kubernets+deploymnt+",
        },
        MixQuery {
            name: "prefix",
            request: text("observ"),
            path: "/search?q=observ",
        },
        MixQuery {
            name: "filtered",
            request: filtered,
            path: "/search?q=pandas+&kind=talk&year=2017",
        },
        MixQuery {
            name: "faceted",
            request: faceted,
            path: "/search?q=testing+pandas+&facets=kind,year,speaker,tag",
        },
        MixQuery {
            name: "by date",
            request: by_date,
            path: "/search?q=kubernetes+&sort=date",
        },
    ]
}
