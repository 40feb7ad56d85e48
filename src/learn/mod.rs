//! Learning extraction from the labelled blogs, and measuring it on blogs it did not learn
//! from. What is here so far: [`score`], the figures of merit counted as the project's scorer
//! counts them, for training and leave-one-blog-out runs to report without leaving Rust.

pub mod score;
