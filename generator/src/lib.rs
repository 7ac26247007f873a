//! An OpenAPI 3.0 code generator: one document in, one normalized model, and from that model a
//! Rust types crate, a client crate, a server crate and markdown reference docs.
//!
//! The pipeline: [`load::parse`] reads the document, [`normalize::normalize`] turns it into the
//! [`model::Api`], and the renderers in [`render`] turn the model into files.

pub mod build;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
pub mod diag;
pub mod generation;
pub mod load;
pub mod locate;
pub mod model;
pub mod naming;
pub mod normalize;
pub mod output;

use diag::Diagnostics;
use std::path::Path;

/// Reads and normalizes a document, strictly: any problem is an error.
pub fn model_of(text: &str) -> Result<model::Api, Diagnostics> {
    match model_with_diagnostics(text)? {
        (api, diagnostics) if diagnostics.is_empty() => Ok(api),
        (_, diagnostics) => Err(diagnostics),
    }
}

/// Reads and normalizes a document, working around what it can: the model, with a
/// diagnostic for every part refused. Only a document that cannot be read is an error.
pub fn model_with_diagnostics(text: &str) -> Result<(model::Api, Diagnostics), Diagnostics> {
    normalized(load::parse(text)?, &normalize::Settings::default())
}

/// [`model_with_diagnostics`] of the document in the file at `path`, written in one file or
/// several: `$ref`s to other files are followed, relative to the file they are written in.
pub fn model_of_file(path: &Path) -> Result<(model::Api, Diagnostics), Diagnostics> {
    model_of_file_with(path, &normalize::Settings::default())
}

/// [`model_of_file`] as a config's `settings` ask (the part of the API kept, replaced
/// schemas, the error body).
pub fn model_of_file_with(
    path: &Path,
    settings: &normalize::Settings,
) -> Result<(model::Api, Diagnostics), Diagnostics> {
    normalized(load::read(path)?, settings)
}

fn normalized(
    loaded: load::Loaded,
    settings: &normalize::Settings,
) -> Result<(model::Api, Diagnostics), Diagnostics> {
    let (api, found) = normalize::normalize_with(&loaded, settings);
    let mut diagnostics = loaded.warnings;
    diagnostics.extend(found.0);
    Ok((api, diagnostics))
}
pub mod render;

/// The whole pipeline, strictly: document text in, generated files out, and any diagnostic
/// (of normalization or of a renderer) an error.
pub fn generate(text: &str, options: &render::Options) -> Result<Vec<render::File>, Diagnostics> {
    let rendered = render::render_all(&model_of(text)?, options);
    match rendered.diagnostics.is_empty() {
        true => Ok(rendered.files),
        false => Err(rendered.diagnostics),
    }
}
