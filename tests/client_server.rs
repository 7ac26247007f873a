//! A server on 127.0.0.1 for the client's behaviour tests: it records every request exactly
//! as it arrived (method, raw path, raw query, headers, body) and answers with what the test
//! says. Included with `#[path]` by `client_http.rs` and `client_events.rs`.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use workspaces_client::Client;

/// The token the tests' clients send.
pub const TOKEN: &str = "test-session-token";

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path as sent, percent-encoding kept.
    pub path: String,
    /// The query string as sent; `None` when the URL had none.
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
}

type Answer = dyn Fn(&Recorded) -> Response + Send + Sync;

#[derive(Clone)]
struct Shared {
    requests: Arc<Mutex<Vec<Recorded>>>,
    answer: Arc<Answer>,
}

/// A running test server; it stops when the test's runtime does.
pub struct TestServer {
    /// The API's base URL on this server (`http://127.0.0.1:PORT/api/v2`).
    pub base_url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl TestServer {
    /// Starts a server that answers every request with `answer(request)`.
    pub async fn start(answer: impl Fn(&Recorded) -> Response + Send + Sync + 'static) -> Self {
        let shared = Shared {
            requests: Arc::default(),
            answer: Arc::new(answer),
        };
        let requests = shared.requests.clone();
        let app = Router::new().fallback(record).with_state(shared);
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestServer {
            base_url: format!("http://{address}/api/v2"),
            requests,
        }
    }

    /// A client of this server with the test token set.
    pub fn client(&self) -> Client {
        Client::new(&self.base_url)
            .unwrap()
            .with_coder_session_token(TOKEN)
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// The one request received; fails when there were none or several.
    pub fn only_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected one request, got {requests:#?}");
        requests.into_iter().next().unwrap()
    }
}

async fn record(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body,
    };
    let response = (shared.answer)(&recorded);
    shared.requests.lock().unwrap().push(recorded);
    response
}

/// A response with a JSON body.
pub fn json(status: u16, body: serde_json::Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A response with a body of the given content type, sent as is.
pub fn raw(status: u16, content_type: &str, body: impl Into<Body>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

/// A response without a body.
pub fn empty(status: u16) -> Response {
    StatusCode::from_u16(status).unwrap().into_response()
}

/// A `text/event-stream` response written in the given chunks, with a pause after each,
/// so that each chunk leaves the server as its own write.
pub fn event_stream(chunks: Vec<Vec<u8>>) -> Response {
    let stream = futures::stream::unfold(chunks.into_iter(), |mut chunks| async move {
        let chunk = chunks.next()?;
        tokio::time::sleep(Duration::from_millis(20)).await;
        Some((Ok::<_, Infallible>(Bytes::from(chunk)), chunks))
    });
    raw(200, "text/event-stream", Body::from_stream(stream))
}

/// A base URL on 127.0.0.1 whose server accepts each connection, reads the request, and
/// closes the connection without answering.
pub async fn dropping_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            drop(socket);
        }
    });
    format!("http://{address}/api/v2")
}

/// A base URL on 127.0.0.1 whose server answers 200 with the start of a body, promising
/// more than it sends, then closes the connection.
pub async fn truncating_server(content_type: &'static str, body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n",
                body.len() + 1000
            );
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(body.as_bytes()).await;
            let _ = socket.flush().await;
            drop(socket);
        }
    });
    format!("http://{address}/api/v2")
}

/// A base URL on 127.0.0.1 whose server accepts each connection and reads the request, but
/// answers nothing for ten seconds.
pub async fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                tokio::time::sleep(Duration::from_secs(10)).await;
            });
        }
    });
    format!("http://{address}/api/v2")
}
