//! `watch_workspace_by_id` against a real server: server-sent events split across writes,
//! multi-line data, comments, `retry` and `id`, an `error` event, and the ways a stream can
//! go wrong.

#[path = "client_server.rs"]
mod server;

use futures::StreamExt;
use server::{TOKEN, TestServer, event_stream, raw, truncating_server};
use std::time::Duration;
use uuid::Uuid;
use workspaces_client::types::Response;
use workspaces_client::{Client, Error, Event, EventStream, EventStreamError};

const WORKSPACE: Uuid = Uuid::from_u128(7);

async fn watch(chunks: Vec<&[u8]>) -> EventStream<Response> {
    let chunks: Vec<Vec<u8>> = chunks.into_iter().map(<[u8]>::to_vec).collect();
    let server = TestServer::start(move |_| event_stream(chunks.clone())).await;
    server
        .client()
        .watch_workspace_by_id(WORKSPACE)
        .await
        .unwrap()
}

fn event(event: &str, data: &str, id: Option<&str>) -> Event<Response> {
    Event::new(event.to_owned(), data.to_owned(), id.map(str::to_owned))
}

#[tokio::test]
async fn events_split_across_writes() {
    let mut stream = watch(vec![
        b": connected, keep-alive comment\n\n",
        b"retry: 1500\n\n",
        b"event: update\nid: 1\ndata: {\"message\":",
        b"\"hello\"}\n\n",
        // CRLF line ends, the CR and the LF in different writes.
        b"data: line one\r",
        b"\ndata: line two\r\n\r\n",
        b"event: error\ndata: {\"message\": \"workspace deleted\", \"detail\": \"gone\"}\n\n",
        // A two-byte UTF-8 character split between writes.
        b"data: caf\xC3",
        b"\xA9\n\n",
        b"id\ndata: the id was reset\n\n",
    ])
    .await;

    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first, event("update", "{\"message\":\"hello\"}", Some("1")));
    assert_eq!(stream.retry(), Some(Duration::from_millis(1500)));
    // The stream is typed by the document: its items are `Response`s.
    let decoded = first.item().unwrap();
    assert_eq!(decoded.message.as_deref(), Some("hello"));

    let second = stream.next().await.unwrap().unwrap();
    assert_eq!(second, event("message", "line one\nline two", Some("1")));
    // Data that is not a `Response` is an error to handle, not a panic; the text stays.
    assert!(second.item().is_err());

    let error = stream.next().await.unwrap().unwrap();
    assert_eq!(error.event, "error");
    let body = error.item().unwrap();
    assert_eq!(body.message.as_deref(), Some("workspace deleted"));
    assert_eq!(body.detail.as_deref(), Some("gone"));

    let utf8 = stream.next().await.unwrap().unwrap();
    assert_eq!(utf8, event("message", "café", Some("1")));
    assert_eq!(stream.last_event_id(), Some("1"));

    let reset = stream.next().await.unwrap().unwrap();
    assert_eq!(reset, event("message", "the id was reset", None));
    assert_eq!(stream.last_event_id(), None);

    assert!(
        stream.next().await.is_none(),
        "the stream ends with the response"
    );
}

#[tokio::test]
async fn multi_line_data_and_empty_data() {
    let mut stream = watch(vec![
        b"data: first\ndata:\ndata:  third, with a leading space\n\n",
        b"data\n\n",
        b"event: only-a-type\n\n",
        b"data: last\n\n",
    ])
    .await;
    let events: Vec<Event<Response>> = (&mut stream).map(Result::unwrap).collect().await;
    assert_eq!(
        events,
        [
            event("message", "first\n\n third, with a leading space", None),
            event("message", "", None),
            event("message", "last", None),
        ]
    );
}

#[tokio::test]
async fn a_byte_order_mark_is_skipped() {
    let mut stream = watch(vec![b"\xEF\xBB", b"\xBFdata: after the BOM\n\n"]).await;
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first, event("message", "after the BOM", None));
}

#[tokio::test]
async fn an_unfinished_event_is_not_dispatched() {
    let mut stream = watch(vec![b"data: complete\n\n", b"data: cut off"]).await;
    assert_eq!(stream.next().await.unwrap().unwrap().data, "complete");
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn invalid_utf8_ends_the_stream_with_an_error() {
    let mut stream = watch(vec![b"data: ok\n\n", b"data: \xFF\xFE\n\n"]).await;
    assert_eq!(stream.next().await.unwrap().unwrap().data, "ok");
    let error = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(error, EventStreamError::Format(_)), "{error:?}");
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error() {
    let base_url = truncating_server("text/event-stream", "data: one\n\ndata: tw").await;
    let client = Client::new(&base_url)
        .unwrap()
        .with_coder_session_token(TOKEN);
    let mut stream = client.watch_workspace_by_id(WORKSPACE).await.unwrap();
    assert_eq!(stream.next().await.unwrap().unwrap().data, "one");
    let error = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(error, EventStreamError::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn an_error_status_is_an_error_before_any_event() {
    let server = TestServer::start(|_| {
        server::json(
            401,
            serde_json::json!({ "message": "You must be signed in." }),
        )
    })
    .await;
    let error = server
        .client()
        .watch_workspace_by_id(WORKSPACE)
        .await
        .unwrap_err();
    let Error::Api(response) = error else {
        panic!("expected the error body, got {error:?}");
    };
    assert_eq!(response.status, 401);
    assert_eq!(
        response.body.message.as_deref(),
        Some("You must be signed in.")
    );
}

#[tokio::test]
async fn a_success_that_is_not_an_event_stream() {
    let server = TestServer::start(|_| raw(200, "application/json", "{}")).await;
    let error = server
        .client()
        .watch_workspace_by_id(WORKSPACE)
        .await
        .unwrap_err();
    let Error::UnexpectedResponse(response) = error else {
        panic!("expected an unexpected response, got {error:?}");
    };
    assert_eq!(response.status, 200);
    assert_eq!(response.body, "{}".as_bytes());
}
