//! The fixture of every kind of body (tests/fixtures/bodies/bodies.yaml), generated into
//! tests/generated/bodies/: its client against its server over real HTTP. So far `text/*`
//! bodies, which are strings both ways, read and written as UTF-8; and multipart uploads from
//! the client's typed form, read by the generated server into its typed form, and by a
//! handler written with axum's own multipart reader (a server this project did not generate)
//! and by a Python endpoint (tests/support/multipart_echo.py);
//! and `application/x-www-form-urlencoded` forms, each field written in its style.

use axum::extract::Multipart;
use bodies_client::{
    Client, CreateAccountSuccess, Error, File, LogInForm, PutNoteError, SetPreferencesForm,
    UploadPhotoForm, WithHeaders, types,
};
use bodies_server::{
    AppendNotesResponse, AttachResponse, CreateAccountAcceptedHeaders, CreateAccountCreatedHeaders,
    CreateAccountResponse, DownloadResponse, Error as ServerError, GetAccountOkHeaders,
    GetAccountResponse, GetReportResponse, LogInResponse, PutNoteResponse, SetPreferencesResponse,
    Upload, UploadFileResponse, UploadPhotoResponse, async_trait,
};
use bytes::Bytes;
use std::sync::{Arc, Mutex};

/// Notes kept in memory, in the order they came; the forms uploaded; how many form bodies
/// reached a handler.
#[derive(Default)]
struct Notes(
    Mutex<Vec<(String, String)>>,
    Mutex<Vec<ReadPhoto>>,
    Mutex<usize>,
);

/// When every account was made.
fn created_at() -> chrono::DateTime<chrono::Utc> {
    "2026-12-06T10:20:30Z".parse().unwrap()
}

/// The requests an account's creation caused.
fn request_ids() -> Vec<uuid::Uuid> {
    let ids = [
        "0b5a3f4e-8f5e-4c1a-9d1b-000000000001",
        "0b5a3f4e-8f5e-4c1a-9d1b-000000000002",
    ];
    ids.iter().map(|id| id.parse().unwrap()).collect()
}

#[async_trait]
impl bodies_server::Accounts for Notes {
    /// `later` is made later; any other name now, at a `Location` made of it. It keeps what
    /// arrived of the read-only `id` and the write-only `password`, and answers both set.
    async fn create_account(
        &self,
        mut body: types::Account,
    ) -> Result<CreateAccountResponse, ServerError> {
        let arrived = format!("id {:?}, password {:?}", body.id, body.password);
        self.0.lock().unwrap().push(("account".to_owned(), arrived));
        if body.name == "later" {
            let headers = CreateAccountAcceptedHeaders { retry_after: 30 };
            return Ok(CreateAccountResponse::Accepted(headers));
        }
        let headers = CreateAccountCreatedHeaders {
            location: format!("/accounts/{}", body.name),
            x_rate_limit_remaining: Some(99),
            x_request_ids: Some(request_ids()),
        };
        body.id = Some(format!("acc-{}", body.name));
        Ok(CreateAccountResponse::Created(body, headers))
    }

    async fn get_account(&self, id: String) -> Result<GetAccountResponse, ServerError> {
        let account = types::Account {
            id: Some(id),
            name: "ada".to_owned(),
            password: Some("never sent".to_owned()),
        };
        let headers = GetAccountOkHeaders {
            x_created_at: created_at(),
            x_rate_limit_remaining: None,
        };
        Ok(GetAccountResponse::Ok(account, headers))
    }
}

/// A photo form as the handler read it: its fields, and its file as a stream.
#[derive(Debug)]
struct ReadPhoto {
    caption: String,
    tags: Vec<String>,
    rating: Option<i32>,
    camera: Option<String>,
    file: Streamed,
    thumbnails: Vec<Bytes>,
}

/// A file part read chunk by chunk: what it says of itself, its length, its byte sum, its
/// largest chunk, and whether each byte is its 64 KiB block's number (as `five_mebibytes`).
#[derive(Debug)]
struct Streamed {
    file_name: Option<String>,
    content_type: Option<String>,
    length: u64,
    sum: u64,
    largest: usize,
    in_order: bool,
}

impl Streamed {
    async fn read(upload: Upload) -> Self {
        use futures::StreamExt;
        let (file_name, content_type) = (upload.file_name.clone(), upload.content_type.clone());
        let (mut length, mut sum, mut largest, mut in_order) = (0u64, 0u64, 0usize, true);
        let mut chunks = Box::pin(upload.into_stream());
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.unwrap();
            for (i, &byte) in chunk.iter().enumerate() {
                in_order &= u64::from(byte) == (length + i as u64) / (64 * 1024);
            }
            length += chunk.len() as u64;
            sum += chunk.iter().map(|&b| u64::from(b)).sum::<u64>();
            largest = largest.max(chunk.len());
        }
        Streamed {
            file_name,
            content_type,
            length,
            sum,
            largest,
            in_order,
        }
    }
}

/// The password `log_in` takes: every character a form must encode.
const PASSWORD: &str = "pa ss&=✓+%";

#[async_trait]
impl bodies_server::Forms for Notes {
    async fn log_in(&self, body: bodies_server::LogInForm) -> Result<LogInResponse, ServerError> {
        *self.2.lock().unwrap() += 1;
        if body.password != PASSWORD {
            return Err(ServerError::unauthorized("wrong password"));
        }
        Ok(LogInResponse::Ok(types::Session {
            username: body.username,
            remember_days: body.remember_days,
            scopes: body.scopes,
        }))
    }

    /// Answers the fields it read, as JSON.
    async fn set_preferences(
        &self,
        body: Option<bodies_server::SetPreferencesForm>,
    ) -> Result<SetPreferencesResponse, ServerError> {
        *self.2.lock().unwrap() += 1;
        let Some(form) = body else {
            return Ok(SetPreferencesResponse::Ok(serde_json::Map::new()));
        };
        let read = serde_json::json!({
            "theme": form.theme.map(|theme| theme.to_string()),
            "colors": form.colors,
            "limits": form.limits,
            "filter": form.filter,
        });
        let serde_json::Value::Object(read) = read else {
            unreachable!("an object")
        };
        Ok(SetPreferencesResponse::Ok(read))
    }
}

#[async_trait]
impl bodies_server::Text for Notes {
    async fn put_note(&self, id: String, body: String) -> Result<PutNoteResponse, ServerError> {
        self.0.lock().unwrap().push((id, body.clone()));
        Ok(PutNoteResponse::Ok(body.to_uppercase()))
    }

    async fn append_notes(&self, body: Option<String>) -> Result<AppendNotesResponse, ServerError> {
        let count = body.as_deref().map_or(0, |text| text.chars().count());
        if let Some(text) = body {
            self.0.lock().unwrap().push(("appended".to_owned(), text));
        }
        Ok(AppendNotesResponse::Ok(count.to_string()))
    }

    async fn get_report(&self) -> Result<GetReportResponse, ServerError> {
        let notes = self.0.lock().unwrap();
        let lines: Vec<String> = notes
            .iter()
            .map(|(id, text)| format!("{id},{text}\n"))
            .collect();
        Ok(GetReportResponse::Ok(lines.concat()))
    }
}

#[async_trait]
impl bodies_server::Files for Notes {
    async fn upload_photo(
        &self,
        body: bodies_server::UploadPhotoForm,
    ) -> Result<UploadPhotoResponse, ServerError> {
        let mut thumbnails = Vec::new();
        for thumbnail in body.thumbnails {
            let bytes = thumbnail.bytes().await;
            thumbnails.push(bytes.map_err(|error| ServerError::internal(error.to_string()))?);
        }
        let photo = ReadPhoto {
            caption: body.caption,
            tags: body.tags,
            rating: body.rating,
            camera: body.meta.and_then(|meta| meta.camera),
            file: Streamed::read(body.file).await,
            thumbnails,
        };
        self.1.lock().unwrap().push(photo);
        Ok(UploadPhotoResponse::NoContent)
    }

    /// `size` bytes counting up from 0 (mod 251), made 256 KiB at a time as the response is
    /// sent: the server never holds the file whole.
    async fn download(&self, size: i64) -> Result<DownloadResponse, ServerError> {
        if size == 0 {
            return Ok(DownloadResponse::NoContent);
        }
        let size = usize::try_from(size).map_err(|_| ServerError::bad_request("size < 0"))?;
        let chunk = 256 * 1024;
        let chunks = (0..size.div_ceil(chunk)).map(move |i| {
            let bytes: Vec<u8> = (i * chunk..size.min((i + 1) * chunk))
                .map(|at| (at % 251) as u8)
                .collect();
            Ok::<_, std::io::Error>(Bytes::from(bytes))
        });
        let body = axum::body::Body::from_stream(futures::stream::iter(chunks));
        Ok(DownloadResponse::Ok(body))
    }

    /// Reads the body as it arrives: no buffer holds it whole.
    async fn upload_file(&self, body: axum::body::Body) -> Result<UploadFileResponse, ServerError> {
        use futures::StreamExt;
        let (mut length, mut sum, mut largest) = (0usize, 0u64, 0usize);
        let mut chunks = body.into_data_stream();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|error| ServerError::bad_request(error.to_string()))?;
            length += chunk.len();
            sum += chunk.iter().map(|&b| u64::from(b)).sum::<u64>();
            largest = largest.max(chunk.len());
        }
        Ok(UploadFileResponse::Ok(format!("{length},{sum},{largest}")))
    }

    async fn attach(&self, body: Option<Vec<Upload>>) -> Result<AttachResponse, ServerError> {
        let names = body.unwrap_or_default().into_iter().map(|part| part.name);
        let notes = names.map(|name| ("attached".to_owned(), name));
        self.0.lock().unwrap().extend(notes);
        Ok(AttachResponse::NoContent)
    }
}

/// The fields a 400 names, in order: the `errors` of RFC 9457 problem details, since the
/// fixture declares no error schema.
async fn rejected_fields(answer: reqwest::Response) -> Vec<String> {
    assert_eq!(answer.status().as_u16(), 400);
    assert_eq!(answer.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    let entries = body["errors"].as_array().unwrap().iter();
    entries
        .map(|entry| entry["field"].as_str().unwrap().to_owned())
        .collect()
}

/// `router` on a loopback port; its base URL.
async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

#[tokio::test]
async fn text_bodies_are_strings_both_ways() {
    let notes = Arc::new(Notes::default());
    let base = serve(bodies_server::router(Arc::clone(&notes))).await;
    let client = Client::new(&base).unwrap();
    let stored = client.put_note("a", "héllo wörld ✓").await.unwrap();
    assert_eq!(stored, "HÉLLO WÖRLD ✓");
    assert_eq!(
        notes.0.lock().unwrap()[0],
        ("a".to_owned(), "héllo wörld ✓".to_owned())
    );
    // An optional text body, sent and not sent.
    assert_eq!(
        client.append_notes(Some("ünï".to_owned())).await.unwrap(),
        "3"
    );
    assert_eq!(client.append_notes(None).await.unwrap(), "0");
    // A `text/csv` response.
    let report = client.get_report().await.unwrap();
    assert_eq!(report, "a,héllo wörld ✓\nappended,ünï\n");
}

#[tokio::test]
async fn the_server_sends_and_checks_the_content_types() {
    let notes = Arc::new(Notes::default());
    let base = serve(bodies_server::router(Arc::clone(&notes))).await;
    let http = reqwest::Client::new();
    let report = http.get(format!("{base}/report")).send().await.unwrap();
    assert_eq!(report.headers()["content-type"], "text/csv");
    // A body that is not UTF-8 is a 400 naming the body; the handler is not called.
    let answer = http
        .put(format!("{base}/notes/b"))
        .header("content-type", "text/plain")
        .body(vec![b'o', b'k', 0xff, 0xfe])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    assert_eq!(body["errors"][0]["field"], "body");
    let detail = body["errors"][0]["detail"].as_str().unwrap();
    assert!(detail.contains("not UTF-8"), "{detail}");
    assert!(notes.0.lock().unwrap().is_empty());
}

/// A documented text error body, and a success body that is not UTF-8, from a server written
/// by hand: the generated server answers errors with its JSON error body.
#[tokio::test]
async fn the_client_reads_text_errors_and_refuses_text_that_is_not_utf8() {
    use axum::http::{StatusCode, header};
    let router = axum::Router::new()
        .route(
            "/notes/{id}",
            axum::routing::put(|| async {
                (
                    StatusCode::NOT_FOUND,
                    [(header::CONTENT_TYPE, "text/plain")],
                    "no such note",
                )
            }),
        )
        .route(
            "/report",
            axum::routing::get(|| async {
                ([(header::CONTENT_TYPE, "text/csv")], vec![b'a', 0xff])
            }),
        );
    let client = Client::new(&serve(router).await).unwrap();
    match client.put_note("x", "text").await {
        Err(Error::Api(response)) => {
            assert_eq!(response.status.as_u16(), 404);
            assert!(
                matches!(&response.body, PutNoteError::NotFound(text) if text == "no such note")
            );
        }
        other => panic!("expected the documented 404, got {other:?}"),
    }
    match client.get_report().await {
        Err(Error::Decode { source, .. }) => {
            assert!(source.to_string().contains("not UTF-8"), "{source}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// One part as a hand-written server read it: its name, file name and content type; its
/// length, the sum of its bytes and the largest chunk it arrived in; and its text, if short.
#[derive(Debug, Clone, PartialEq)]
struct Received {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    length: usize,
    sum: u64,
    largest_chunk: usize,
    text: Option<String>,
}

impl Received {
    fn text(name: &str, content_type: &str, text: &str) -> Self {
        Received {
            name: name.to_owned(),
            file_name: None,
            content_type: Some(content_type.to_owned()),
            length: text.len(),
            sum: text.bytes().map(u64::from).sum(),
            largest_chunk: text.len(),
            text: Some(text.to_owned()),
        }
    }
}

/// A server written with axum's multipart reader, which keeps what it received; its base URL.
async fn multipart_server() -> (String, Arc<Mutex<Vec<Received>>>) {
    let received: Arc<Mutex<Vec<Received>>> = Arc::default();
    let kept = Arc::clone(&received);
    let handler = move |mut multipart: Multipart| {
        let kept = Arc::clone(&kept);
        async move {
            while let Some(mut field) = multipart.next_field().await.unwrap() {
                let name = field.name().unwrap_or_default().to_owned();
                let file_name = field.file_name().map(str::to_owned);
                let content_type = field.content_type().map(str::to_owned);
                let (mut length, mut sum, mut largest_chunk, mut start) = (0, 0, 0, Vec::new());
                while let Some(chunk) = field.chunk().await.unwrap() {
                    length += chunk.len();
                    sum += chunk.iter().map(|&b| u64::from(b)).sum::<u64>();
                    largest_chunk = largest_chunk.max(chunk.len());
                    if start.len() < 256 {
                        start.extend_from_slice(&chunk[..chunk.len().min(256)]);
                    }
                }
                let text = (length <= 256).then(|| String::from_utf8_lossy(&start).into_owned());
                let part = Received {
                    name,
                    file_name,
                    content_type,
                    length,
                    sum,
                    largest_chunk,
                    text,
                };
                kept.lock().unwrap().push(part);
            }
            axum::http::StatusCode::NO_CONTENT
        }
    };
    let router = axum::Router::new()
        .route("/photos", axum::routing::post(handler.clone()))
        .route("/attachments", axum::routing::post(handler))
        .layer(axum::extract::DefaultBodyLimit::disable());
    (serve(router).await, received)
}

/// 5 MiB, made 64 KiB at a time while the request is sent: no buffer holds it whole.
fn five_mebibytes() -> File {
    let chunks = (0..80u8).map(|i| Ok::<_, std::io::Error>(Bytes::from(vec![i; 64 * 1024])));
    File::from_stream(futures::stream::iter(chunks)).name("cat.png")
}

/// A caption, two tags, a rating, JSON metadata, a 5 MiB file and a thumbnail.
fn photo_form() -> UploadPhotoForm {
    UploadPhotoForm {
        caption: "a cat".to_owned(),
        tags: vec!["cute".to_owned(), "orange".to_owned()],
        rating: Some(5),
        meta: Some(types::PhotoMeta {
            camera: Some("X100".to_owned()),
            iso: Some(200),
        }),
        file: five_mebibytes(),
        thumbnails: vec![File::from_bytes(&b"small"[..])],
    }
}

#[tokio::test]
async fn a_typed_form_arrives_with_every_part_intact() {
    let (base, received) = multipart_server().await;
    let client = Client::new(&base).unwrap();
    let mut form = photo_form();
    form.thumbnails
        .push(File::from_bytes(&b"tiny"[..]).content_type("image/webp"));
    client.upload_photo(form).await.unwrap();
    let parts = received.lock().unwrap().clone();
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "caption",
            "tags",
            "tags",
            "rating",
            "meta",
            "file",
            "thumbnails",
            "thumbnails"
        ]
    );
    assert_eq!(parts[0], Received::text("caption", "text/plain", "a cat"));
    assert_eq!(parts[2], Received::text("tags", "text/plain", "orange"));
    assert_eq!(parts[3], Received::text("rating", "text/plain", "5"));
    assert_eq!(
        parts[4],
        Received::text("meta", "application/json", r#"{"camera":"X100","iso":200}"#)
    );
    let file = &parts[5];
    assert_eq!(file.file_name.as_deref(), Some("cat.png"));
    assert_eq!(file.content_type.as_deref(), Some("image/png"));
    assert_eq!(file.length, 80 * 64 * 1024);
    let expected: u64 = (0..80u64).map(|i| i * 64 * 1024).sum();
    assert_eq!(file.sum, expected);
    assert!(
        file.largest_chunk < file.length / 4,
        "{}",
        file.largest_chunk
    );
    assert_eq!(
        parts[6].content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(parts[6].text.as_deref(), Some("small"));
    assert_eq!(parts[7].content_type.as_deref(), Some("image/webp"));
}

#[tokio::test]
async fn a_form_the_caller_builds_and_a_part_that_cannot_be_written() {
    let (base, received) = multipart_server().await;
    let client = Client::new(&base).unwrap();
    let form = reqwest::multipart::Form::new().text("note", "by hand");
    client.attach(Some(form)).await.unwrap();
    assert_eq!(received.lock().unwrap()[0].text.as_deref(), Some("by hand"));
    // A content type that is not one: the request fails and nothing is sent.
    let form = UploadPhotoForm {
        caption: "x".to_owned(),
        tags: Vec::new(),
        rating: None,
        meta: None,
        file: File::from_bytes(&b"x"[..]).content_type("not a content type"),
        thumbnails: Vec::new(),
    };
    match client.upload_photo(form).await {
        Err(Error::InvalidRequest(invalid)) => {
            assert!(invalid.to_string().contains("part `file`"), "{invalid}");
        }
        other => panic!("expected an invalid request, got {other:?}"),
    }
    assert_eq!(received.lock().unwrap().len(), 1);
}

/// The generated server over a loopback port, with a body limit of 16 MiB; the base URL and
/// what the implementation keeps.
async fn generated_server() -> (String, Arc<Notes>) {
    let notes = Arc::new(Notes::default());
    let config = bodies_server::Config {
        body_limit: 16 * 1024 * 1024,
        ..Default::default()
    };
    let base = serve(bodies_server::router_with(Arc::clone(&notes), config)).await;
    (base, notes)
}

#[tokio::test]
async fn the_generated_server_reads_the_typed_form() {
    let (base, notes) = generated_server().await;
    let client = Client::new(&base).unwrap();
    client.upload_photo(photo_form()).await.unwrap();
    let forms = std::mem::take(&mut *notes.1.lock().unwrap());
    let [form] = forms.as_slice() else {
        panic!("one form, not {}", forms.len());
    };
    assert_eq!(form.caption, "a cat");
    assert_eq!(form.tags, ["cute", "orange"]);
    assert_eq!(form.rating, Some(5));
    assert_eq!(form.camera.as_deref(), Some("X100"));
    // The 5 MiB file, read by the handler as a stream: byte for byte, never whole.
    let file = &form.file;
    assert_eq!(file.file_name.as_deref(), Some("cat.png"));
    assert_eq!(file.content_type.as_deref(), Some("image/png"));
    assert_eq!(file.length, 80 * 64 * 1024);
    assert_eq!(file.sum, (0..80u64).map(|i| i * 64 * 1024).sum::<u64>());
    assert!(file.in_order);
    assert!(
        file.largest <= 64 * 1024,
        "a chunk of {} bytes",
        file.largest
    );
    assert_eq!(form.thumbnails, [Bytes::from_static(b"small")]);
    // A body whose parts the document does not name: every part, as received.
    let form = reqwest::multipart::Form::new()
        .text("first", "1")
        .text("second", "2");
    client.attach(Some(form)).await.unwrap();
    let attached: Vec<String> = notes
        .0
        .lock()
        .unwrap()
        .iter()
        .map(|(_, n)| n.clone())
        .collect();
    assert_eq!(attached, ["first", "second"]);
}

#[tokio::test]
async fn bad_parts_are_a_400_naming_each_and_the_handler_does_not_run() {
    let (base, notes) = generated_server().await;
    // Sent by hand: no `file` part, and a `rating` that is not an integer.
    let form = reqwest::multipart::Form::new()
        .text("caption", "a cat")
        .text("rating", "five");
    let answer = reqwest::Client::new()
        .post(format!("{base}/photos"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    assert_eq!(rejected_fields(answer).await, ["rating", "file"]);
    assert!(notes.1.lock().unwrap().is_empty());
    // Past the body limit (16 MiB), streamed without a length: 413 while the parts are read.
    let mut form = photo_form();
    let chunks = (0..17u8).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![0; 1024 * 1024])));
    form.file = File::from_stream(futures::stream::iter(chunks));
    let client = Client::new(&base).unwrap();
    let refused = client.upload_photo(form).await.unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(413));
    assert!(notes.1.lock().unwrap().is_empty());
    // A multipart content type without its boundary.
    let answer = reqwest::Client::new()
        .post(format!("{base}/photos"))
        .header("content-type", "multipart/form-data")
        .body("--x\r\n")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    assert_eq!(body["errors"][0]["field"], "Content-Type");
}

/// A 50 MB download, streamed by the generated server and read by the client chunk by chunk:
/// neither side holds it whole.
#[tokio::test]
async fn a_binary_download_streams_both_ways() {
    use futures::StreamExt;
    let (base, _) = generated_server().await;
    let client = Client::new(&base).unwrap();
    let size = 50_000_000;
    let mut stream = client.download(size).await.unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    assert_eq!(stream.headers()["content-type"], "application/octet-stream");
    let (mut read, mut largest) = (0usize, 0usize);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        assert!(
            chunk
                .iter()
                .enumerate()
                .all(|(i, &b)| usize::from(b) == (read + i) % 251)
        );
        read += chunk.len();
        largest = largest.max(chunk.len());
    }
    assert_eq!(read, 50_000_000);
    assert!(largest <= 1024 * 1024, "a chunk of {largest} bytes");
    // A small one, collected; and a 204, an empty stream.
    let small = client
        .download(1000)
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(small.len(), 1000);
    assert_eq!(small[252], 1);
    let empty = client.download(0).await.unwrap();
    assert_eq!(empty.status().as_u16(), 204);
    assert!(empty.collect().await.unwrap().is_empty());
}

/// The docs list a multipart body's parts under it, a file as `binary`.
#[test]
fn the_docs_list_each_part() {
    let page = tests::read("tests/generated/bodies/docs/files.md");
    let rows: Vec<&str> = page.lines().filter(|l| l.starts_with("| `» ")).collect();
    let cells =
        |row: &str| -> Vec<String> { row.split('|').map(|c| c.trim().to_owned()).collect() };
    let parts: Vec<Vec<String>> = rows.iter().map(|row| cells(row)).collect();
    let names: Vec<&str> = parts.iter().map(|c| c[1].as_str()).collect();
    assert_eq!(
        names,
        [
            "`» caption`",
            "`» tags`",
            "`» rating`",
            "`» meta`",
            "`» file`",
            "`» thumbnails`"
        ]
    );
    assert_eq!(parts[4][3], "binary");
    assert_eq!(parts[4][4], "true");
    assert_eq!(parts[5][3], "[binary]");
    assert_eq!(parts[1][3], "[string]");
}

/// A binary request body made from a stream as it is sent (the client takes any
/// `Into<reqwest::Body>`), and from bytes.
#[tokio::test]
async fn a_binary_request_body_is_sent_from_a_stream_or_bytes() {
    let (base, _) = generated_server().await;
    let client = Client::new(&base).unwrap();
    // 5 MiB made 64 KiB at a time as it is sent, read by the handler as it arrives.
    let chunks = (0..80u8).map(|i| Ok::<_, std::io::Error>(Bytes::from(vec![i; 64 * 1024])));
    let body = reqwest::Body::wrap_stream(futures::stream::iter(chunks));
    let answer = client.upload_file(body).await.unwrap();
    let fields: Vec<u64> = answer.split(',').map(|n| n.parse().unwrap()).collect();
    let sum: u64 = (0..80u64).map(|i| i * 64 * 1024).sum();
    assert_eq!(fields[..2], [5 * 1024 * 1024, sum]);
    assert!(fields[2] <= 1024 * 1024, "a chunk of {} bytes", fields[2]);
    let answer = client
        .upload_file(Bytes::from_static(b"abc"))
        .await
        .unwrap();
    assert_eq!(answer, "3,294,3");
    // Past the body limit (16 MiB), sent without a length: reading it fails in the handler.
    let chunks = (0..17u8).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![0; 1024 * 1024])));
    let body = reqwest::Body::wrap_stream(futures::stream::iter(chunks));
    let refused = client.upload_file(body).await.unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(400));
}

fn login_form() -> LogInForm {
    LogInForm {
        username: "ada lovelace".to_owned(),
        password: PASSWORD.to_owned(),
        remember_days: Some(30),
        scopes: Some(vec!["read".to_owned(), "write:all".to_owned()]),
    }
}

#[tokio::test]
async fn a_form_is_written_as_the_spec_says() {
    // A server that keeps the body as it came.
    let received: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let kept = Arc::clone(&received);
    let handler = move |headers: axum::http::HeaderMap, body: String| {
        let kept = Arc::clone(&kept);
        async move {
            let content_type = headers
                .get("content-type")
                .map(|value| value.to_str().unwrap());
            let content_type = content_type.unwrap_or_default().to_owned();
            kept.lock().unwrap().push((content_type, body));
            axum::Json(serde_json::json!({"username": "x", "scopes": []}))
        }
    };
    let router = axum::Router::new()
        .route("/login", axum::routing::post(handler.clone()))
        .route("/preferences", axum::routing::post(handler));
    let client = Client::new(&serve(router).await).unwrap();
    client.log_in(&login_form()).await.unwrap();
    let preferences = SetPreferencesForm {
        theme: Some(types::SetPreferencesBodyTheme::Dark),
        colors: Some(vec!["red".to_owned(), "dark blue".to_owned()]),
        limits: Some([("a".to_owned(), 1), ("b".to_owned(), 2)].into()),
        filter: Some(types::PhotoMeta {
            camera: Some("X-T5".to_owned()),
            iso: Some(400),
        }),
    };
    client.set_preferences(Some(&preferences)).await.unwrap();
    client.set_preferences(None).await.unwrap();
    let received = received.lock().unwrap();
    let form = "application/x-www-form-urlencoded".to_owned();
    assert_eq!(
        received[0],
        (
            form.clone(),
            // A space-delimited array is one pair, its delimiter encoded.
            "username=ada%20lovelace&password=pa%20ss%26%3D%E2%9C%93%2B%25&remember_days=30\
             &scopes=read%20write%3Aall"
                .to_owned()
        )
    );
    assert_eq!(
        received[1],
        (
            form,
            // An exploded array repeats its name, an exploded map is its own pairs, a
            // deepObject is `name[key]` (brackets as the spec's examples write them).
            "theme=dark&colors=red&colors=dark%20blue&a=1&b=2&filter[camera]=X-T5&filter[iso]=400"
                .to_owned()
        )
    );
    // No body, and so no content type, when the optional form is not sent.
    assert_eq!(received[2], (String::new(), String::new()));
}

#[tokio::test]
async fn the_generated_server_reads_a_form_field_by_field() {
    let (base, notes) = generated_server().await;
    let client = Client::new(&base).unwrap();
    let session = client.log_in(&login_form()).await.unwrap();
    assert_eq!(
        session,
        types::Session {
            username: "ada lovelace".to_owned(),
            remember_days: Some(30),
            scopes: vec!["read".to_owned(), "write:all".to_owned()],
        }
    );
    let preferences = SetPreferencesForm {
        theme: Some(types::SetPreferencesBodyTheme::Light),
        colors: Some(vec!["red".to_owned(), "dark blue".to_owned()]),
        limits: Some([("a".to_owned(), 1)].into()),
        filter: Some(types::PhotoMeta {
            camera: None,
            iso: Some(100),
        }),
    };
    let read = client.set_preferences(Some(&preferences)).await.unwrap();
    assert_eq!(
        serde_json::Value::Object(read),
        serde_json::json!({
            "theme": "light",
            "colors": ["red", "dark blue"],
            "limits": {"a": 1},
            "filter": {"iso": 100},
        })
    );
    let nothing = client.set_preferences(None).await.unwrap();
    assert!(nothing.is_empty());
    // A browser's form: `+` for a space.
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{base}/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=ada+lovelace&password=pa+ss%26%3D%E2%9C%93%2B%25")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(*notes.2.lock().unwrap(), 4);
}

#[tokio::test]
async fn bad_fields_are_a_400_naming_each_and_the_handler_does_not_run() {
    let (base, notes) = generated_server().await;
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{base}/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=ada&remember_days=soon")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    assert_eq!(rejected_fields(answer).await, ["password", "remember_days"]);
    // A form of another content type is refused too.
    let answer = http
        .post(format!("{base}/login"))
        .header("content-type", "application/json")
        .body(r#"{"username": "ada", "password": "x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    assert_eq!(*notes.2.lock().unwrap(), 0);
}

/// A new account: no `id`, which is read-only.
fn account(name: &str) -> types::Account {
    types::Account {
        id: None,
        name: name.to_owned(),
        password: Some("secret".to_owned()),
    }
}

#[tokio::test]
async fn documented_headers_are_typed_on_both_sides() {
    let (base, _) = generated_server().await;
    let client = Client::new(&base).unwrap();
    let created = client.create_account(&account("ada")).await.unwrap();
    let CreateAccountSuccess::Created(WithHeaders { body, headers }) = created else {
        panic!("expected 201, got {created:?}")
    };
    assert_eq!(body.name, "ada");
    assert_eq!(
        headers,
        bodies_client::CreateAccountCreatedHeaders {
            location: "/accounts/ada".to_owned(),
            x_rate_limit_remaining: Some(99),
            x_request_ids: Some(request_ids()),
        }
    );
    // A response without a body is its headers.
    let later = client.create_account(&account("later")).await.unwrap();
    let accepted = bodies_client::CreateAccountAcceptedHeaders { retry_after: 30 };
    assert_eq!(later, CreateAccountSuccess::Accepted(accepted));
    // The only success: its body and headers, an optional header absent.
    let found = client.get_account("a1").await.unwrap();
    assert_eq!(found.body.id.as_deref(), Some("a1"));
    assert_eq!(found.headers.x_created_at, created_at());
    assert_eq!(found.headers.x_rate_limit_remaining, None);
    // The wire: each header as its name says, a list joined by commas.
    let answer = reqwest::Client::new()
        .post(format!("{base}/accounts"))
        .header("content-type", "application/json")
        .body(r#"{"name": "bo", "password": "x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 201);
    assert_eq!(answer.headers()["location"], "/accounts/bo");
    assert_eq!(answer.headers()["x-rate-limit-remaining"], "99");
    let ids = request_ids();
    assert_eq!(
        answer.headers()["x-request-ids"],
        format!("{},{}", ids[0], ids[1]).as_str()
    );
    // A value HTTP cannot carry is the implementation's mistake: a 500 naming the header.
    let broken = client.create_account(&account("a\nb")).await.unwrap_err();
    assert_eq!(broken.status().map(|s| s.as_u16()), Some(500));
}

#[tokio::test]
async fn a_header_missing_or_unparsable_is_an_error_naming_it() {
    let account = serde_json::json!({"id": "1", "name": "ada"});
    let body = account.to_string();
    let router = axum::Router::new()
        // No `X-Created-At`, which is required.
        .route(
            "/accounts/{id}",
            axum::routing::get({
                let body = body.clone();
                move || async move { ([("content-type", "application/json")], body) }
            }),
        )
        // An integer header that is not one.
        .route(
            "/accounts",
            axum::routing::post(move || async move {
                let headers = [
                    ("content-type", "application/json"),
                    ("location", "/accounts/1"),
                    ("x-rate-limit-remaining", "many"),
                ];
                (axum::http::StatusCode::CREATED, headers, body)
            }),
        );
    let client = Client::new(&serve(router).await).unwrap();
    match client.get_account("1").await {
        Err(Error::Header {
            name,
            problem,
            response,
        }) => {
            assert_eq!((name, problem.as_str()), ("X-Created-At", "is missing"));
            assert_eq!(response.status.as_u16(), 200);
        }
        other => panic!("expected a header error, got {other:?}"),
    }
    match client.create_account(&self::account("ada")).await {
        Err(Error::Header { name, problem, .. }) => {
            assert_eq!(name, "X-Rate-Limit-Remaining");
            assert!(problem.starts_with("does not parse"), "{problem}");
        }
        other => panic!("expected a header error, got {other:?}"),
    }
}

#[tokio::test]
async fn read_only_and_write_only_properties_travel_one_way() {
    let (base, notes) = generated_server().await;
    let client = Client::new(&base).unwrap();
    // A create request without the read-only `id`: it compiles, is sent, and is accepted.
    let created = client.create_account(&account("ada")).await.unwrap();
    let CreateAccountSuccess::Created(WithHeaders { body, .. }) = created else {
        panic!("expected 201, got {created:?}")
    };
    assert_eq!(body.id.as_deref(), Some("acc-ada"));
    // The implementation answered the password it was sent; the router cleared it.
    assert_eq!(body.password, None);
    let found = client.get_account("a1").await.unwrap();
    assert_eq!(found.body.password, None);
    // A client that sends the read-only `id` anyway: the handler never sees it.
    let forged = serde_json::json!({"id": "forged", "name": "eve", "password": "p"});
    let answer = reqwest::Client::new()
        .post(format!("{base}/accounts"))
        .header("content-type", "application/json")
        .body(forged.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 201);
    let text = String::from_utf8(answer.bytes().await.unwrap().to_vec()).unwrap();
    let answered: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        answered,
        serde_json::json!({"id": "acc-eve", "name": "eve"})
    );
    let arrived: Vec<String> = notes
        .0
        .lock()
        .unwrap()
        .iter()
        .map(|(_, a)| a.clone())
        .collect();
    assert_eq!(
        arrived,
        [
            r#"id None, password Some("secret")"#,
            r#"id None, password Some("p")"#,
        ]
    );
}

/// The Python endpoint of tests/support/multipart_echo.py, killed when dropped.
struct PythonEcho {
    child: std::process::Child,
    base: String,
}

impl PythonEcho {
    fn start() -> Self {
        use std::io::BufRead;
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/support/multipart_echo.py");
        let mut child = std::process::Command::new("python3")
            .arg(script)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs");
        let stdout = child.stdout.take().unwrap();
        let mut port = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut port)
            .unwrap();
        let base = format!("http://127.0.0.1:{}", port.trim());
        PythonEcho { child, base }
    }
}

impl Drop for PythonEcho {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn a_python_endpoint_reads_every_part_intact() {
    let echo = PythonEcho::start();
    let client = Client::new(&echo.base).unwrap();
    tokio::time::timeout(
        std::time::Duration::from_secs(60),
        client.upload_photo(photo_form()),
    )
    .await
    .expect("the upload ends")
    .unwrap();
    let answer = reqwest::get(format!("{}/last", echo.base)).await.unwrap();
    let parts: serde_json::Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    let part = |i: usize, key: &str| parts[i][key].clone();
    let names: Vec<&str> = (0..7).map(|i| parts[i]["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "caption",
            "tags",
            "tags",
            "rating",
            "meta",
            "file",
            "thumbnails"
        ]
    );
    assert_eq!(part(0, "text"), "a cat");
    assert_eq!(part(0, "content_type"), "text/plain");
    assert_eq!(part(4, "text"), r#"{"camera":"X100","iso":200}"#);
    assert_eq!(part(4, "content_type"), "application/json");
    // The 5 MiB file, byte for byte: its length and byte sum, under its name and type.
    assert_eq!(part(5, "file_name"), "cat.png");
    assert_eq!(part(5, "content_type"), "image/png");
    assert_eq!(part(5, "length"), 80 * 64 * 1024);
    let sum: u64 = (0..80u64).map(|i| i * 64 * 1024).sum();
    assert_eq!(part(5, "sum"), sum);
    assert_eq!(part(6, "text"), "small");
    assert_eq!(part(6, "content_type"), "application/octet-stream");
}
