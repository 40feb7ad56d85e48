//! `/openapi.json` agrees with the handlers: every operation it lists is called with its
//! examples (and with requests that must fail), and each answer has a status, content type and
//! body the document allows.

mod util;

use std::sync::Arc;

use serde_json::Value;
use talksearch::http::{AppState, router};
use talksearch::index::TalkIndex;
use talksearch::site::Site;
use talksearch::status::SharedStatus;
use talksearch::sync::FolderSync;
use util::{Fixture, MAY_POST, oneshot};

/// Follows a `$ref` within the document.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v["$ref"].as_str() {
        Some(r) => {
            let target = r.trim_start_matches("#/").split('/').fold(doc, |node, key| &node[key]);
            resolve(doc, target)
        }
        None => v,
    }
}

/// Checks `value` against the parts of JSON Schema the document uses.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let schema = resolve(doc, schema);
    if value.is_null() {
        return if schema["nullable"] == true || schema.get("type").is_none() {
            Ok(())
        } else {
            Err(format!("{at}: null where {} is expected", schema["type"]))
        };
    }
    let ok = match schema["type"].as_str() {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_u64() || value.is_i64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        _ => true,
    };
    if !ok {
        return Err(format!("{at}: {value} is not of type {}", schema["type"]));
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {allowed:?}"));
    }
    if let Some(obj) = value.as_object() {
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap();
            if !obj.contains_key(name) {
                return Err(format!("{at}: required {name:?} missing"));
            }
        }
        for (k, v) in obj {
            if let Some(s) = schema["properties"].get(k) {
                check(doc, s, v, &format!("{at}.{k}"))?;
            } else if let Some(extra) = schema.get("additionalProperties").filter(|e| e.is_object()) {
                check(doc, extra, v, &format!("{at}.{k}"))?;
            } else if schema.get("properties").is_some() {
                return Err(format!("{at}: {k:?} is not in the document"));
            }
        }
    }
    if let (Some(items), Some(schema)) = (value.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(doc, schema, item, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

struct Answer {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

async fn call(app: &axum::Router, uri: &str) -> Answer {
    let (status, content_type, body) = oneshot(app, uri).await;
    Answer {
        status: status.as_u16(),
        content_type,
        body,
    }
}

/// The answer is one the operation documents.
fn conforms(doc: &Value, op: &Value, uri: &str, answer: &Answer) -> Result<(), String> {
    let response = op["responses"]
        .get(answer.status.to_string())
        .map(|r| resolve(doc, r))
        .ok_or_else(|| format!("{uri}: status {} is not documented", answer.status))?;
    let content = response["content"].as_object().expect("content");
    let (media, spec) = content
        .iter()
        .find(|(media, _)| answer.content_type.starts_with(media.as_str()))
        .ok_or_else(|| format!("{uri}: content type {:?} is not documented", answer.content_type))?;
    if media == "application/json" {
        let body: Value = serde_json::from_slice(&answer.body).map_err(|e| format!("{uri}: {e}"))?;
        check(doc, &spec["schema"], &body, uri)?;
    }
    Ok(())
}

fn app(f: &Fixture) -> axum::Router {
    let (index, _) = TalkIndex::open(&f.index()).unwrap();
    let mut sync = FolderSync::new(&index, &f.posts(), Site::default()).unwrap();
    let report = sync.sync_all(&index, false).unwrap();
    let status = SharedStatus::default();
    status.record(&sync, &report);
    router(AppState::new(Arc::new(index), status))
}

#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let f = Fixture::new();
    f.write("2017-05-20-journey-to-the-kernel.md", MAY_POST);
    f.write("2019-01-01-news.md", "---\ntitle: News\n---\nNo talks this time.\n");
    let app = app(&f);
    let answer = call(&app, "/openapi.json").await;
    assert_eq!(answer.status, 200);
    let doc: Value = serde_json::from_slice(&answer.body).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 12);

    let mut called = 0;
    for (path, item) in paths {
        let op = &item["get"];
        assert!(op.is_object(), "{path}: only GET is served");
        // The examples, with the facets of /search asked for too.
        let mut uri = path.clone();
        let mut query = Vec::new();
        for p in op["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap();
            let example = match &p["example"] {
                Value::String(s) => s.clone(),
                Value::Null => continue,
                other => other.to_string(),
            };
            match p["in"].as_str() {
                Some("path") => uri = uri.replace(&format!("{{{name}}}"), &example.replace(' ', "%20")),
                _ => query.push(format!("{name}={}", example.replace(' ', "+"))),
            }
        }
        if !query.is_empty() {
            uri = format!("{uri}?{}", query.join("&"));
        }
        let answer = call(&app, &uri).await;
        assert!(
            (200..300).contains(&answer.status),
            "{uri}: {} {}",
            answer.status,
            String::from_utf8_lossy(&answer.body)
        );
        conforms(&doc, op, &uri, &answer).unwrap();
        called += 1;
    }
    assert_eq!(called, paths.len());

    // Requests that must fail, and the failures the document promises for them.
    for (path, uri) in [
        ("/search", "/search"),
        ("/search", "/search?q=x&limit=0"),
        ("/search", "/search?q=x&kind=juggling&facets=kind,year,speaker,tag"),
        ("/suggest", "/suggest"),
        ("/talks/{id}", "/talks/no-such.md:1"),
        ("/speakers/{id}", "/speakers/nobody-at-all"),
    ] {
        let answer = call(&app, uri).await;
        assert!(answer.status >= 400, "{uri}: {}", answer.status);
        conforms(&doc, &paths[path]["get"], uri, &answer).unwrap();
    }
    // Facets, filters and a post without talks conform too.
    for uri in [
        "/search?q=talks&facets=kind,year,speaker,tag",
        "/search?q=news&kind=post",
        "/search?speaker=rivas&sort=date",
    ] {
        let answer = call(&app, uri).await;
        assert_eq!(answer.status, 200, "{uri}");
        conforms(&doc, &paths["/search"]["get"], uri, &answer).unwrap();
    }
}

#[test]
fn the_checker_rejects_what_the_document_does_not_allow() {
    let doc: Value = serde_json::from_str(talksearch::http::OPENAPI).unwrap();
    let hit = serde_json::json!({"$ref": "#/components/schemas/Hit"});
    assert!(check(&doc, &hit, &serde_json::json!({"id": "x"}), "hit").is_err());
    let error = serde_json::json!({"$ref": "#/components/schemas/Error"});
    assert!(
        check(
            &doc,
            &error,
            &serde_json::json!({"error": {"code": "x", "message": "y"}}),
            "e"
        )
        .is_ok()
    );
    assert!(
        check(
            &doc,
            &error,
            &serde_json::json!({"error": {"code": 1, "message": "y"}}),
            "e"
        )
        .is_err()
    );
    assert!(
        check(
            &doc,
            &error,
            &serde_json::json!({"error": {"code": "x", "message": "y"}, "extra": 1}),
            "e"
        )
        .is_err()
    );
}
