//! `multipart/form-data` request bodies: read part by part as they arrive, up to the body
//! limit as every body is, then each part into its field of the operation's form struct. A part
//! larger than [`IN_MEMORY`] is written to an unnamed temporary file as it arrives, so an upload
//! of any size is never held whole in memory; the handler reads it back as a stream. A required
//! part that is missing, or a part that does not parse as its field's type, is a problem naming
//! the part, and the handler does not run.

// What a crate does not use (a list of JSON parts, say) is still here.
#![allow(dead_code)]

use crate::Validation;
use crate::runtime::Input;
use axum::body::Bytes;
use futures_core::Stream;
use serde::de::DeserializeOwned;
use std::io::{Read, Seek};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How much of a part is kept in memory; a larger one goes to a temporary file.
const IN_MEMORY: usize = 256 * 1024;

/// How much of a spooled part the handler's stream reads at a time.
const CHUNK: usize = 64 * 1024;

/// A part as received: a file of a form struct, or any part of a body whose parts the API
/// description does not name.
#[derive(Debug)]
pub struct Upload {
    /// The part's name.
    pub name: String,
    /// The file name the part carries, if any.
    pub file_name: Option<String>,
    /// The part's content type, if it says one.
    pub content_type: Option<String>,
    /// The content's length in bytes.
    pub length: u64,
    content: Content,
}

/// Where a part's content is: in memory, or in a temporary file that is gone when closed.
#[derive(Debug)]
enum Content {
    Memory(Bytes),
    Spooled(std::fs::File),
}

impl Upload {
    /// The content as a stream of chunks, read as the stream is polled.
    pub fn into_stream(self) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
        let file = match self.content {
            Content::Memory(bytes) => {
                let chunk = (!bytes.is_empty()).then_some(Ok(bytes));
                return futures_util::future::Either::Left(futures_util::stream::iter(chunk));
            }
            Content::Spooled(file) => tokio::fs::File::from_std(file),
        };
        let chunks = futures_util::stream::unfold(Some(file), |file| async move {
            let mut file = file?;
            let mut buffer = vec![0; CHUNK];
            match file.read(&mut buffer).await {
                Ok(0) => None,
                Ok(read) => {
                    buffer.truncate(read);
                    Some((Ok(Bytes::from(buffer)), Some(file)))
                }
                Err(error) => Some((Err(error), None)),
            }
        });
        futures_util::future::Either::Right(chunks)
    }

    /// The content whole, in memory.
    pub async fn bytes(self) -> std::io::Result<Bytes> {
        match self.content {
            Content::Memory(bytes) => Ok(bytes),
            Content::Spooled(file) => {
                let mut content = Vec::new();
                tokio::fs::File::from_std(file).read_to_end(&mut content).await?;
                Ok(Bytes::from(content))
            }
        }
    }

    /// The content of a part a field parses (text or JSON), read whole.
    fn read(&self) -> std::io::Result<Vec<u8>> {
        match &self.content {
            Content::Memory(bytes) => Ok(bytes.to_vec()),
            Content::Spooled(file) => {
                let mut file = file.try_clone()?;
                file.rewind()?;
                let mut content = Vec::new();
                file.read_to_end(&mut content)?;
                Ok(content)
            }
        }
    }
}

/// A part's content as it arrives: in memory until it passes [`IN_MEMORY`], then in a file.
#[derive(Default)]
struct Spool {
    memory: Vec<u8>,
    file: Option<tokio::fs::File>,
    length: u64,
}

impl Spool {
    async fn push(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        self.length += chunk.len() as u64;
        if self.file.is_none() && self.memory.len() + chunk.len() <= IN_MEMORY {
            self.memory.extend_from_slice(chunk);
            return Ok(());
        }
        if self.file.is_none() {
            let mut file = tokio::fs::File::from_std(tempfile::tempfile()?);
            file.write_all(&std::mem::take(&mut self.memory)).await?;
            self.file = Some(file);
        }
        if let Some(file) = &mut self.file {
            file.write_all(chunk).await?;
        }
        Ok(())
    }

    async fn finish(self) -> std::io::Result<(u64, Content)> {
        let content = match self.file {
            None => Content::Memory(Bytes::from(self.memory)),
            Some(mut file) => {
                file.flush().await?;
                let mut file = file.into_std().await;
                file.rewind()?;
                Content::Spooled(file)
            }
        };
        Ok((self.length, content))
    }
}

/// The parts of a body, taken field by field by a form's [`FromParts`].
pub(crate) struct Parts {
    received: Vec<Upload>,
    problems: Vec<Validation>,
    /// `Config::checks`.
    checks: bool,
}

/// How a part's bytes become a value (or a problem recorded in the parts).
type Parse<T> = fn(&mut Parts, &str, &[u8]) -> Option<T>;

/// A form struct (or a list of every part), made from the parts of a body.
pub(crate) trait FromParts: Sized {
    /// The form, or `None` when a problem was recorded in `parts`.
    fn from_parts(parts: &mut Parts) -> Option<Self>;
}

impl FromParts for Vec<Upload> {
    fn from_parts(parts: &mut Parts) -> Option<Self> {
        Some(std::mem::take(&mut parts.received))
    }
}

impl Parts {
    /// Every part named `name`, in the order received.
    fn take(&mut self, name: &str) -> Vec<Upload> {
        let (taken, rest) = std::mem::take(&mut self.received)
            .into_iter()
            .partition(|part| part.name == name);
        self.received = rest;
        taken
    }

    /// The one part named `name`: `Some(None)` when an optional one is absent, `None` with
    /// a problem when a required one is, or when there are several.
    fn one(&mut self, name: &str, required: bool) -> Option<Option<Upload>> {
        let mut taken = self.take(name);
        match (taken.len(), required) {
            (0, false) => Some(None),
            (0, true) => self.problem(name, "is required"),
            (1, _) => Some(taken.pop()),
            (_, _) => self.problem(name, "is sent more than once"),
        }
    }

    fn problem<T>(&mut self, name: &str, detail: impl Into<String>) -> Option<T> {
        self.problems.push(Validation::new(name, detail));
        None
    }

    /// Whether the router checks constraints (`Config::checks`).
    pub(crate) fn checks(&self) -> bool {
        self.checks
    }

    /// Records a problem for each part no field took: the body's schema allows no other
    /// (`additionalProperties: false`).
    pub(crate) fn no_others(&mut self) {
        let others: Vec<String> = self.received.drain(..).map(|part| part.name).collect();
        for name in others {
            self.problems.push(Validation::new(name, "is not a part the schema allows"));
        }
    }

    /// The problems recorded so far, for the checks of the values read.
    pub(crate) fn problems(&mut self) -> &mut Vec<Validation> {
        &mut self.problems
    }

    /// A text part, as its field's type: a string as sent, else its JSON form (`5`, `true`).
    pub(crate) fn text<T: DeserializeOwned>(&mut self, name: &str, required: bool) -> Option<Option<T>> {
        self.parsed(name, required, Parts::parse_text)
    }

    /// Every text part named `name`.
    pub(crate) fn texts<T: DeserializeOwned>(&mut self, name: &str) -> Option<Vec<T>> {
        self.all_parsed(name, Parts::parse_text)
    }

    /// A JSON part.
    pub(crate) fn json<T: DeserializeOwned>(&mut self, name: &str, required: bool) -> Option<Option<T>> {
        self.parsed(name, required, Parts::parse_json)
    }

    /// Every JSON part named `name`.
    pub(crate) fn jsons<T: DeserializeOwned>(&mut self, name: &str) -> Option<Vec<T>> {
        self.all_parsed(name, Parts::parse_json)
    }

    /// The one part named `name`, read by `parse`.
    fn parsed<T>(&mut self, name: &str, required: bool, parse: Parse<T>) -> Option<Option<T>> {
        match self.one(name, required)? {
            None => Some(None),
            Some(part) => self.read_with(name, &part, parse).map(Some),
        }
    }

    /// Every part named `name`, each read by `parse`; every problem is recorded.
    fn all_parsed<T>(&mut self, name: &str, parse: Parse<T>) -> Option<Vec<T>> {
        let taken = self.take(name);
        let parsed: Vec<Option<T>> = taken.iter().map(|part| self.read_with(name, part, parse)).collect();
        parsed.into_iter().collect()
    }

    /// A part's content read by `parse` (a spooled one read back from its file first).
    fn read_with<T>(&mut self, name: &str, part: &Upload, parse: Parse<T>) -> Option<T> {
        match part.read() {
            Ok(bytes) => parse(self, name, &bytes),
            Err(error) => self.problem(name, format!("could not be read back: {error}")),
        }
    }

    /// A file part.
    pub(crate) fn file(&mut self, name: &str, required: bool) -> Option<Option<Upload>> {
        self.one(name, required)
    }

    /// Every file part named `name`.
    pub(crate) fn files(&mut self, name: &str) -> Option<Vec<Upload>> {
        Some(self.take(name))
    }

    fn parse_text<T: DeserializeOwned>(&mut self, name: &str, bytes: &[u8]) -> Option<T> {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return self.problem(name, "is not UTF-8 text");
        };
        let as_string = serde_json::from_value(serde_json::Value::String(text.to_owned()));
        match as_string.or_else(|_| serde_json::from_str(text)) {
            Ok(value) => Some(value),
            Err(error) => self.problem(name, format!("`{text}` does not parse: {error}")),
        }
    }

    fn parse_json<T: DeserializeOwned>(&mut self, name: &str, bytes: &[u8]) -> Option<T> {
        match serde_json::from_slice(bytes) {
            Ok(value) => Some(value),
            Err(error) => self.problem(name, format!("is not the documented JSON: {error}")),
        }
    }
}

impl Input {
    /// A required multipart body, read into `T`.
    pub(crate) async fn multipart_required<T: FromParts>(&mut self, content_type: &str) -> Option<T> {
        self.multipart(content_type, true).await?
    }

    /// An optional multipart body, read into `T`.
    pub(crate) async fn multipart_optional<T: FromParts>(
        &mut self,
        content_type: &str,
    ) -> Option<Option<T>> {
        self.multipart(content_type, false).await
    }

    async fn multipart<T: FromParts>(&mut self, content_type: &str, required: bool) -> Option<Option<T>> {
        let Some(body) = self.stream(content_type, required)? else {
            return Some(None);
        };
        let boundary = self.content_type().and_then(|given| multer::parse_boundary(given).ok());
        let Some(boundary) = boundary else {
            self.problem("Content-Type", "names no multipart boundary");
            return None;
        };
        let mut reader = multer::Multipart::new(body.into_data_stream(), boundary);
        let mut received = Vec::new();
        loop {
            let mut field = match reader.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(error) => {
                    self.unreadable("body", "is not a multipart body", &error);
                    return None;
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(|mime| mime.to_string());
            let mut spool = Spool::default();
            let read: Result<_, Box<dyn std::error::Error + Send + Sync>> = loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        if let Err(error) = spool.push(&chunk).await {
                            break Err(error.into());
                        }
                    }
                    Ok(None) => break spool.finish().await.map_err(Into::into),
                    Err(error) => break Err(error.into()),
                }
            };
            match read {
                Ok((length, content)) => received.push(Upload {
                    name,
                    file_name,
                    content_type,
                    length,
                    content,
                }),
                Err(error) => {
                    self.unreadable(&name, "could not be read", error.as_ref());
                    return None;
                }
            }
        }
        let mut parts = Parts {
            received,
            problems: Vec::new(),
            checks: self.checks(),
        };
        let form = T::from_parts(&mut parts);
        // A part read but outside its constraints leaves a problem, not a `None`.
        let clean = parts.problems.is_empty();
        self.problems().append(&mut parts.problems);
        form.filter(|_| clean).map(Some)
    }
}
