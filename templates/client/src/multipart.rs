//! `multipart/form-data` bodies: the parts of an operation's form struct, written by reqwest
//! with a boundary in the `Content-Type`. A file part streams: it is never read whole.

// What a crate does not use (JSON parts, say) is still here.
#![allow(dead_code)]

use bytes::Bytes;
use serde::Serialize;
use std::error::Error as StdError;

/// A file sent as a part of a `multipart/form-data` body: bytes in memory, or any stream of
/// bytes (a file opened with tokio, a download), sent as it is read.
pub struct File {
    body: reqwest::Body,
    length: Option<u64>,
    name: Option<String>,
    content_type: Option<String>,
}

impl File {
    /// A file of these bytes.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        File {
            length: Some(bytes.len() as u64),
            body: reqwest::Body::from(bytes),
            name: None,
            content_type: None,
        }
    }

    /// A file read from `stream` while the request is sent (a `tokio::fs::File` through
    /// `tokio_util::io::ReaderStream`, say).
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn StdError + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        File {
            body: reqwest::Body::wrap_stream(stream),
            length: None,
            name: None,
            content_type: None,
        }
    }

    /// The file name the part carries (`Content-Disposition: form-data; filename=...`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The part's content type, instead of the one the API description gives it.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The stream's length in bytes, when it is known: the part then says it.
    pub fn length(mut self, length: u64) -> Self {
        self.length = Some(length);
        self
    }
}

impl std::fmt::Debug for File {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("File")
            .field("length", &self.length)
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .finish_non_exhaustive()
    }
}

/// The parts of a body as they are added; the first that cannot be written makes the
/// request invalid, and nothing is sent.
pub(crate) struct Parts {
    form: reqwest::multipart::Form,
    invalid: Option<String>,
}

impl Parts {
    pub(crate) fn new() -> Self {
        Parts {
            form: reqwest::multipart::Form::new(),
            invalid: None,
        }
    }

    /// A part of a primitive value, as text: a string as it is, anything else as its JSON
    /// form (so a date-time is RFC 3339 and an enum its value).
    pub(crate) fn text<T: Serialize + ?Sized>(&mut self, name: &str, content_type: &str, value: &T) {
        let text = match serde_json::to_value(value) {
            Ok(serde_json::Value::String(text)) => text,
            Ok(other) => other.to_string(),
            Err(error) => return self.fail(format!("part `{name}` does not serialize: {error}")),
        };
        self.add(name, content_type, reqwest::multipart::Part::text(text));
    }

    /// A part of a JSON value.
    pub(crate) fn json<T: Serialize + ?Sized>(&mut self, name: &str, content_type: &str, value: &T) {
        match serde_json::to_vec(value) {
            Ok(bytes) => self.add(name, content_type, reqwest::multipart::Part::bytes(bytes)),
            Err(error) => self.fail(format!("part `{name}` does not serialize: {error}")),
        }
    }

    /// A file part, under its own content type, else the documented one where that names
    /// one type, else `application/octet-stream`.
    pub(crate) fn file(&mut self, name: &str, content_type: &str, file: File) {
        let single = !content_type.contains('*') && !content_type.contains(',');
        let content_type = match &file.content_type {
            Some(own) => own.as_str(),
            None if single => content_type,
            None => "application/octet-stream",
        };
        let mut part = match file.length {
            Some(length) => reqwest::multipart::Part::stream_with_length(file.body, length),
            None => reqwest::multipart::Part::stream(file.body),
        };
        if let Some(file_name) = file.name {
            part = part.file_name(file_name);
        }
        self.add(name, content_type, part);
    }

    fn add(&mut self, name: &str, content_type: &str, part: reqwest::multipart::Part) {
        match part.mime_str(content_type) {
            Ok(part) => {
                let form = std::mem::replace(&mut self.form, reqwest::multipart::Form::new());
                self.form = form.part(name.to_owned(), part);
            }
            Err(_) => self.fail(format!("part `{name}`: `{content_type}` is not a content type")),
        }
    }

    fn fail(&mut self, message: String) {
        self.invalid.get_or_insert(message);
    }

}

impl crate::http::Request {
    /// A `multipart/form-data` body of these parts, if there is one; when a part could not
    /// be written, a request that fails before anything is sent.
    pub(crate) fn multipart(self, parts: Option<Parts>) -> Self {
        match parts {
            None => self,
            Some(Parts {
                invalid: Some(invalid),
                ..
            }) => self.invalid(invalid),
            Some(Parts { form, .. }) => self.multipart_form(Some(form)),
        }
    }

    /// A `multipart/form-data` body of a form the caller built, if there is one.
    pub(crate) fn multipart_form(self, form: Option<reqwest::multipart::Form>) -> Self {
        match form {
            None => self,
            Some(form) => self.written_by_reqwest(move |builder| builder.multipart(form)),
        }
    }
}
