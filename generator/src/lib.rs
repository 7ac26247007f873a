//! An OpenAPI 3.0 code generator: one document in, one normalized model, and from that model a
//! Rust types crate, a client crate, a server crate and markdown reference docs.
//!
//! The pipeline: [`load::parse`] reads the document, [`normalize::normalize`] turns it into the
//! [`model::Api`], and the renderers in [`render`] turn the model into files.

pub mod diag;
pub mod load;
pub mod model;
pub mod naming;
pub mod normalize;

use diag::Diagnostics;

/// Reads and normalizes a document: text in, model out.
pub fn model_of(text: &str) -> Result<model::Api, Diagnostics> {
    let document = load::parse(text)?;
    normalize::normalize(&document)
}
pub mod render;

/// The whole pipeline: document text in, generated files out.
pub fn generate(text: &str, options: &render::Options) -> Result<Vec<render::File>, Diagnostics> {
    render::render_all(&model_of(text)?, options)
}
