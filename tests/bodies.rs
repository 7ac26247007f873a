//! The fixture of every kind of body (tests/fixtures/bodies/bodies.yaml), generated into
//! tests/generated/bodies/: its client against its server over real HTTP. So far `text/*`
//! bodies, which are strings both ways, read and written as UTF-8.

use bodies_client::{Client, Error, PutNoteError};
use bodies_server::{
    AppendNotesResponse, Error as ServerError, GetReportResponse, PutNoteResponse, async_trait,
};
use std::sync::{Arc, Mutex};

/// Notes kept in memory, in the order they came.
#[derive(Default)]
struct Notes(Mutex<Vec<(String, String)>>);

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
    assert_eq!(body["validations"][0]["field"], "body");
    let detail = body["validations"][0]["detail"].as_str().unwrap();
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
