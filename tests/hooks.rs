//! The production hooks of the generated crates, over real HTTP with the auth fixture
//! (tests/fixtures/auth/auth.yaml): the `tracing` feature's spans on both sides, client
//! middleware (a retry of idempotent requests only), and the router behind tower layers.

#[path = "retry_idempotent.rs"]
mod retry_idempotent;

use auth_client::Client;
use auth_server::{
    AddNoteResponse, Credential, Error, ErrorStatus, ListNotesResponse, SlowResponse,
    WhoamiResponse, async_trait, types as wire,
};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// An implementation whose `listNotes` is busy (503) for its first `busy` calls, whose
/// `addNote` is always busy, and whose `slow` takes `delay`; it counts the calls.
#[derive(Default)]
struct Notes {
    busy: AtomicU32,
    calls: AtomicU32,
    delay: Duration,
}

#[async_trait]
impl auth_server::Notes for Notes {
    async fn authenticate(&self, credential: &Credential, _operation: &str) -> Result<(), Error> {
        match credential.secret() {
            "good" => Ok(()),
            _ => Err(Error::unauthorized("The token is not valid.")),
        }
    }

    async fn whoami(&self, credential: Credential) -> Result<WhoamiResponse, Error> {
        Ok(WhoamiResponse::Ok(wire::Seen {
            scheme: credential.scheme().to_owned(),
            detail: String::new(),
        }))
    }

    async fn list_notes(&self, _credential: Credential) -> Result<ListNotesResponse, Error> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let busy = self
            .busy
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                left.checked_sub(1)
            });
        match busy {
            Ok(_) => Err(busy_error()),
            Err(_) => Ok(ListNotesResponse::Ok(Vec::new())),
        }
    }

    async fn add_note(
        &self,
        _credential: Credential,
        _body: wire::Note,
    ) -> Result<AddNoteResponse, Error> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Err(busy_error())
    }

    async fn slow(&self) -> Result<SlowResponse, Error> {
        tokio::time::sleep(self.delay).await;
        Ok(SlowResponse::NoContent)
    }
}

/// The 503 a busy store answers.
fn busy_error() -> Error {
    Error::message(ErrorStatus::SERVICE_UNAVAILABLE, "Busy.")
}

/// `router` on a loopback port; the origin it answers at.
async fn serve_router(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

/// The API under its base path; its base URL.
async fn serve(notes: Arc<Notes>) -> String {
    let router = axum::Router::new().nest(auth_server::BASE_PATH, auth_server::router(notes));
    let origin = serve_router(router).await;
    format!("{origin}{}", auth_server::BASE_PATH)
}

// Tracing.

/// A span as the test's subscriber saw it: its fields when it closed.
type Fields = BTreeMap<String, String>;

/// A subscriber layer that keeps the fields of every `operation` span, open and closed.
#[derive(Clone, Default)]
struct Spans {
    open: Arc<Mutex<BTreeMap<u64, Fields>>>,
    closed: Arc<Mutex<Vec<Fields>>>,
}

struct Writer<'a>(&'a mut Fields);

impl Visit for Writer<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: tracing::Subscriber> Layer<S> for Spans {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        if attributes.metadata().name() != "operation" {
            return;
        }
        let mut fields = Fields::new();
        attributes.record(&mut Writer(&mut fields));
        self.open.lock().unwrap().insert(id.into_u64(), fields);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        if let Some(fields) = self.open.lock().unwrap().get_mut(&id.into_u64()) {
            values.record(&mut Writer(fields));
        }
    }

    fn on_close(&self, id: Id, _: Context<'_, S>) {
        if let Some(fields) = self.open.lock().unwrap().remove(&id.into_u64()) {
            self.closed.lock().unwrap().push(fields);
        }
    }
}

/// The spans of this test binary: its subscriber is process-wide, so that it sees the
/// server's tasks as well as the test's.
fn spans() -> &'static Spans {
    static SPANS: OnceLock<Spans> = OnceLock::new();
    SPANS.get_or_init(|| {
        let spans = Spans::default();
        let subscriber = tracing_subscriber::registry().with(spans.clone());
        tracing::subscriber::set_global_default(subscriber).unwrap();
        spans
    })
}

#[tokio::test]
async fn each_call_is_one_span_on_each_side() {
    let spans = spans();
    let base = serve(Arc::new(Notes::default())).await;
    let good = Client::new(&base).unwrap().with_bearer("good");
    let bad = Client::new(&base).unwrap().with_bearer("bad");
    good.whoami().await.unwrap();
    let error = bad.whoami().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));

    // The client's span closes when the call returns; the server's once it has answered.
    let whoami = || -> Vec<Fields> {
        let closed = spans.closed.lock().unwrap();
        let whoami = closed.iter().filter(|f| f["operation"] == "whoami");
        whoami.cloned().collect()
    };
    for _ in 0..100 {
        if whoami().len() >= 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let seen = whoami();
    let sides: Vec<(&str, &str)> = seen
        .iter()
        .map(|f| {
            (
                f["otel.kind"].as_str(),
                f["http.response.status_code"].as_str(),
            )
        })
        .collect();
    let mut sorted = sides.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            ("client", "200"),
            ("client", "401"),
            ("server", "200"),
            ("server", "401"),
        ],
        "{seen:#?}"
    );
    for fields in &seen {
        assert_eq!(fields["http.request.method"], "GET");
        let template = fields.get("url.template").or(fields.get("http.route"));
        assert_eq!(template.map(String::as_str), Some("/whoami"));
        let failed = fields["http.response.status_code"] == "401";
        assert_eq!(fields.contains_key("error"), failed, "{fields:#?}");
    }
    let server_error = seen
        .iter()
        .find(|f| f["otel.kind"] == "server" && f.contains_key("error"))
        .unwrap();
    assert!(server_error["error"].contains("The token is not valid."));
}

// Client middleware.

#[tokio::test]
async fn the_retry_middleware_retries_a_get_and_not_a_post() {
    let notes = Arc::new(Notes {
        busy: AtomicU32::new(2),
        ..Notes::default()
    });
    let base = serve(notes.clone()).await;
    let middleware = retry_idempotent::retrying(reqwest::Client::new(), 3);
    let client = Client::new(&base)
        .unwrap()
        .with_oauth("good")
        .with_middleware(middleware);
    client.list_notes().await.unwrap();
    assert_eq!(notes.calls.load(Ordering::SeqCst), 3, "two 503s, then 200");

    let note = auth_client::types::Note {
        id: None,
        text: "once".to_owned(),
    };
    let error = client.add_note(&note).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error}");
    assert_eq!(
        notes.calls.load(Ordering::SeqCst),
        4,
        "the POST is sent once"
    );
}

// Server layers.

#[tokio::test]
async fn a_slow_handler_behind_a_timeout_layer_gets_its_status() {
    let notes = Arc::new(Notes {
        delay: Duration::from_secs(5),
        ..Notes::default()
    });
    let timeout = tower_http::timeout::TimeoutLayer::with_status_code(
        axum::http::StatusCode::GATEWAY_TIMEOUT,
        Duration::from_millis(100),
    );
    let api = auth_server::router(notes).layer(timeout);
    let router = axum::Router::new().nest(auth_server::BASE_PATH, api);
    let base = format!("{}{}", serve_router(router).await, auth_server::BASE_PATH);
    let client = Client::new(&base).unwrap();
    let started = std::time::Instant::now();
    let error = client.slow().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(504), "{error}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn the_demo_serves_behind_cors_compression_tracing_and_a_timeout() {
    use tower_http::{
        compression::CompressionLayer, cors::CorsLayer, timeout::TimeoutLayer, trace::TraceLayer,
    };
    let demo = Arc::new(workspaces_demo::Demo::new("token"));
    let router = workspaces_demo::app(demo)
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::GATEWAY_TIMEOUT,
            Duration::from_secs(10),
        ))
        .layer(CompressionLayer::new())
        .layer(CorsLayer::permissive())
        .layer(TraceLayer::new_for_http());
    let base = format!(
        "{}{}",
        serve_router(router).await,
        workspaces_server::BASE_PATH
    );
    let client = workspaces_client::Client::new(&base)
        .unwrap()
        .with_coder_session_token("token");
    let params = workspaces_client::ListWorkspacesParams::default();
    let page = client.list_workspaces(&params).await.unwrap();
    assert_eq!(page.count, Some(1), "the demo starts with one workspace");

    // A browser's request: from another origin, taking gzip.
    let response = reqwest::Client::new()
        .get(format!("{base}/workspaces"))
        .header("origin", "https://example.com")
        .header("accept-encoding", "gzip")
        .header("coder-session-token", "token")
        .send()
        .await
        .unwrap();
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert_eq!(headers["content-encoding"], "gzip");
}
