//! talksearch: search the talks of a meetup blog, and every word of its posts.
//!
//! The data flows left to right, one module per step:
//! [`folder`] reads the posts folder → [`post`] splits front matter (of any generator) from
//! Markdown, with [`site`] giving each post its URL →
//! [`extract`] finds the sessions → [`index`] stores them in Tantivy → [`search`] answers queries →
//! [`http`] serves them as JSON (and [`web`] the search page), over the connections [`server`]
//! accepts. [`sync`] keeps the index in step with the folder, and [`watch`] drives it as posts
//! are saved; [`status`] is what both report.

pub mod config;
pub mod date;
pub mod error;
pub mod export;
pub mod extract;
pub mod folder;
pub mod guard;
pub mod http;
pub mod index;
pub mod learn;
pub mod mapping;
pub mod metrics;
pub mod paths;
pub mod people;
pub mod permalink;
pub mod pool;
pub mod post;
pub mod search;
pub mod server;
pub mod site;
pub mod status;
pub mod stemming;
pub mod sync;
pub mod talk;
pub mod watch;
pub mod web;

pub use error::Error;
