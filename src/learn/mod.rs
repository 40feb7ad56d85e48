//! Learning extraction from the labelled blogs, and measuring it on blogs it did not learn
//! from.
//!
//! The data flow: a post's parsed body and what the hand-written readers propose become
//! [`candidate`]s, every place the post can hold a session; [`features`] turns each into the
//! evidence a [`model`] weighs, which says which candidates are sessions and which of their
//! words are title and speakers. [`train`] aligns the labelled sessions of `gold.json` to
//! candidates and learns the weights; [`score`] counts the results as the project's scorer
//! does, for training and leave-one-blog-out runs to report without leaving Rust.

pub mod candidate;
pub mod features;
pub mod model;
pub mod nearby;
pub mod read;
pub mod score;
pub mod train;
