//! The OpenAPI 3.2 fixture (tests/fixtures/versions/openapi-3.2.yaml), generated into
//! tests/generated/watch/: its client reads, over real HTTP, the typed items its server
//! streams (server-sent events, JSON Lines, JSON text sequences), and reads JSON streams as
//! they arrive on the wire, whatever the writes; it calls the `QUERY` operation and a method
//! of `additionalOperations` (`PURGE`), which the server routes beside the path's `GET`; and
//! the server's webhook router receives the webhook as the API would send it.

use axum::body::{Body, Bytes};
use futures::StreamExt;
use std::convert::Infallible;
use std::sync::Arc;
use watch_client::types::{Change, Event, LogLine, LogLineLevel, Tick};
use watch_client::{Client, JsonStream, JsonStreamError};
use watch_server::{async_trait, types as wire};

/// The fixture's server, streaming fixed items.
struct Watch;

fn line(level: wire::LogLineLevel, message: &str) -> wire::LogLine {
    wire::LogLine {
        level,
        message: message.to_owned(),
    }
}

fn lines() -> [wire::LogLine; 3] {
    [
        line(wire::LogLineLevel::Info, "started"),
        line(wire::LogLineLevel::Warn, "a line\nwith a break"),
        line(wire::LogLineLevel::Error, "stopped"),
    ]
}

#[async_trait]
impl watch_server::Default for Watch {
    async fn watch_events(&self) -> Result<watch_server::WatchEventsResponse, watch_server::Error> {
        let events = ["created", "deleted"].map(|kind| wire::Event {
            kind: kind.to_owned(),
        });
        let stream = watch_server::EventStream::new(futures::stream::iter(events));
        Ok(watch_server::WatchEventsResponse::Ok(stream))
    }

    async fn watch_ticks(&self) -> Result<watch_server::WatchTicksResponse, watch_server::Error> {
        let stream = watch_server::EventStream::new(futures::stream::iter([wire::Tick::default()]));
        Ok(watch_server::WatchTicksResponse::Ok(stream))
    }

    async fn follow_logs(&self) -> Result<watch_server::FollowLogsResponse, watch_server::Error> {
        let stream = watch_server::JsonStream::new(futures::stream::iter(lines()));
        Ok(watch_server::FollowLogsResponse::Ok(stream))
    }

    async fn search_logs(
        &self,
        body: wire::LogSearch,
    ) -> Result<watch_server::SearchLogsResponse, watch_server::Error> {
        let found = lines().into_iter().filter(move |l| l.level == body.level);
        let stream = watch_server::JsonStream::new(futures::stream::iter(found));
        Ok(watch_server::SearchLogsResponse::Ok(stream))
    }

    async fn purge_changes(
        &self,
        query: watch_server::PurgeChangesQuery,
    ) -> Result<watch_server::PurgeChangesResponse, watch_server::Error> {
        match query.before.as_str() {
            "2026-01-01" => Ok(watch_server::PurgeChangesResponse::NoContent),
            other => Err(watch_server::Error::bad_request(format!(
                "not a date: {other}"
            ))),
        }
    }

    async fn watch_changes(
        &self,
    ) -> Result<watch_server::WatchChangesResponse, watch_server::Error> {
        let changes = [
            wire::Change {
                path: "/a".to_owned(),
                size: Some(3),
            },
            wire::Change {
                path: "/b".to_owned(),
                size: None,
            },
        ];
        let stream = watch_server::JsonStream::new(futures::stream::iter(changes));
        Ok(watch_server::WatchChangesResponse::Ok(stream))
    }
}

/// Serves `router` on a free loopback port; its base URL.
async fn serve_at(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

/// The client of `router`, served.
async fn serve(router: axum::Router) -> Client {
    Client::new(&serve_at(router).await).unwrap()
}

fn generated_router() -> axum::Router {
    watch_server::router(Arc::new(Watch))
}

async fn generated() -> Client {
    serve(generated_router()).await
}

/// Every item of a stream, as it ends.
async fn collect<T>(stream: JsonStream<T>) -> Vec<Result<T, JsonStreamError>>
where
    JsonStream<T>: futures::Stream<Item = Result<T, JsonStreamError>>,
{
    stream.collect().await
}

#[tokio::test]
async fn json_lines_arrive_typed() {
    let client = generated().await;
    let stream = client.follow_logs().await.unwrap();
    assert_eq!(
        stream.headers()["content-type"],
        "application/jsonl",
        "the server writes the documented media type"
    );
    let lines: Vec<LogLine> = collect(stream)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let levels: Vec<&LogLineLevel> = lines.iter().map(|l| &l.level).collect();
    assert_eq!(
        levels,
        [
            &LogLineLevel::Info,
            &LogLineLevel::Warn,
            &LogLineLevel::Error
        ]
    );
    assert_eq!(lines[1].message, "a line\nwith a break");
}

#[tokio::test]
async fn json_text_sequences_arrive_typed() {
    let client = generated().await;
    let stream = client.watch_changes().await.unwrap();
    assert_eq!(stream.headers()["content-type"], "application/json-seq");
    let changes: Vec<Change> = collect(stream)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        changes,
        [
            Change {
                path: "/a".to_owned(),
                size: Some(3)
            },
            Change {
                path: "/b".to_owned(),
                size: None
            },
        ]
    );
}

#[tokio::test]
async fn events_arrive_typed_by_their_data() {
    let client = generated().await;
    let events = client.watch_events().await.unwrap();
    let kinds: Vec<String> = events
        .map(|event| event.unwrap().item().unwrap())
        .map(|event: Event| event.kind)
        .collect()
        .await;
    assert_eq!(kinds, ["created", "deleted"]);
    let ticks: Vec<_> = client.watch_ticks().await.unwrap().collect().await;
    let tick: Tick = ticks[0].as_ref().unwrap().item().unwrap();
    assert_eq!(tick, Tick::default());
}

#[tokio::test]
async fn the_query_method_carries_a_body_and_answers_a_stream() {
    let client = generated().await;
    let search = watch_client::types::LogSearch {
        level: LogLineLevel::Warn,
    };
    let found = collect(client.search_logs(&search).await.unwrap()).await;
    let messages: Vec<String> = found.into_iter().map(|l| l.unwrap().message).collect();
    assert_eq!(messages, ["a line\nwith a break"]);
    // The path's `GET` is routed beside it.
    assert_eq!(collect(client.follow_logs().await.unwrap()).await.len(), 3);
}

#[tokio::test]
async fn additional_methods_are_routed_by_name() {
    let client = generated().await;
    client.purge_changes("2026-01-01").await.unwrap();
    let refused = client.purge_changes("soon").await.unwrap_err();
    assert_eq!(
        refused.status().map(|s| s.as_u16()),
        Some(400),
        "{refused:?}"
    );
}

/// Methods a path does not have are 405 with the error body, the extension methods too.
#[tokio::test]
async fn other_methods_of_a_path_are_not_allowed() {
    let base = serve_at(generated_router()).await;
    let http = reqwest::Client::new();
    for (method, path) in [
        ("QUERY", "/changes"),
        ("PURGE", "/logs"),
        ("DELETE", "/logs"),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let url = format!("{base}{path}");
        let response = http.request(method.clone(), url).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 405, "{method} {path}");
        let body: serde_json::Value =
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        // RFC 9457 problem details: the fixture declares no error schema.
        assert_eq!(body["status"], 405, "{body}");
        let detail = body["detail"].as_str().unwrap_or_default();
        assert!(detail.contains(method.as_str()), "{method} {path}: {body}");
    }
}

/// Receives the fixture's webhook, keeping what came.
#[derive(Default)]
struct Receiver {
    received: std::sync::Mutex<Vec<(String, wire::LogLine)>>,
}

#[async_trait]
impl watch_server::LogsWebhooks for Receiver {
    async fn log_rotated(
        &self,
        x_delivery: String,
        body: wire::LogLine,
    ) -> Result<watch_server::LogRotatedResponse, watch_server::Error> {
        self.received.lock().unwrap().push((x_delivery, body));
        Ok(watch_server::LogRotatedResponse::NoContent)
    }
}

/// A webhook is received at `/` and its name, its header and body read and checked like an
/// operation's; the operations' router does not have it.
#[tokio::test]
async fn webhooks_are_received_by_their_trait() {
    let receiver = Arc::new(Receiver::default());
    let base = serve_at(watch_server::webhook_router(receiver.clone())).await;
    let http = reqwest::Client::new();
    let send = |body: &'static str, delivery: Option<&'static str>| {
        let mut request = http
            .post(format!("{base}/logRotated"))
            .header("content-type", "application/json")
            .body(body);
        if let Some(delivery) = delivery {
            request = request.header("x-delivery", delivery);
        }
        request.send()
    };
    let sent = send(r#"{"level":"warn","message":"rotated"}"#, Some("d-1"));
    assert_eq!(sent.await.unwrap().status().as_u16(), 204);
    let no_header = send(r#"{"level":"warn","message":"rotated"}"#, None);
    assert_eq!(no_header.await.unwrap().status().as_u16(), 400);
    let bad_level = send(r#"{"level":"loud","message":"rotated"}"#, Some("d-2"));
    assert_eq!(bad_level.await.unwrap().status().as_u16(), 400);
    let received = receiver.received.lock().unwrap().clone();
    assert_eq!(
        received,
        [("d-1".to_owned(), line(wire::LogLineLevel::Warn, "rotated"))]
    );
    let get = http.get(format!("{base}/logRotated")).send().await.unwrap();
    assert_eq!(get.status().as_u16(), 405);
    let api = serve_at(generated_router()).await;
    let elsewhere = http.post(format!("{api}/logRotated")).send().await.unwrap();
    assert_eq!(
        elsewhere.status().as_u16(),
        404,
        "not an operation of the API"
    );
}

/// A server that answers every request with `content_type` and these writes, one by one.
async fn raw(content_type: &'static str, writes: &[&'static [u8]]) -> Client {
    let writes: Vec<Bytes> = writes.iter().map(|w| Bytes::from_static(w)).collect();
    let handler = move || {
        let writes = writes.clone();
        async move {
            let body = futures::stream::iter(writes.into_iter().map(Ok::<_, Infallible>));
            ([("content-type", content_type)], Body::from_stream(body))
        }
    };
    serve(axum::Router::new().fallback(handler)).await
}

#[tokio::test]
async fn json_lines_split_across_writes() {
    let client = raw(
        "application/x-ndjson",
        &[
            b"{\"level\":\"info\",",
            b"\"message\":\"one\"}\r\n\n",
            b"  \n{\"level\":\"warn\",\"message\":\"two\"}\n{\"level\": 7}\n",
            // The last value needs no line end.
            b"{\"level\":\"debug\",\"message\":\"three\"}",
        ],
    )
    .await;
    let found = collect(client.follow_logs().await.unwrap()).await;
    assert_eq!(found.len(), 4, "blank lines are skipped: {found:?}");
    assert_eq!(found[0].as_ref().unwrap().message, "one");
    assert_eq!(found[1].as_ref().unwrap().level, LogLineLevel::Warn);
    // A value that does not decode is an error item, and the stream goes on.
    assert!(
        matches!(found[2], Err(JsonStreamError::Decode(_))),
        "{found:?}"
    );
    // An unknown enum value still decodes.
    let last = found[3].as_ref().unwrap();
    assert_eq!(last.level, LogLineLevel::Unknown("debug".to_owned()));
}

#[tokio::test]
async fn json_text_sequences_may_span_lines() {
    let client = raw(
        "application/json-seq",
        &[
            b"\x1e{\n  \"path\": \"/a\",\n",
            b"  \"size\": 1\n}\n\x1e",
            b"{\"path\":\"/b\"}\n",
        ],
    )
    .await;
    let found = collect(client.watch_changes().await.unwrap()).await;
    let paths: Vec<String> = found.into_iter().map(|c| c.unwrap().path).collect();
    assert_eq!(paths, ["/a", "/b"]);
}
