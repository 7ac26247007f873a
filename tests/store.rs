//! The fixture of parts a server cannot all serve (tests/fixtures/store/store.yaml), generated
//! into tests/generated/store/: its client against its server over real HTTP. Requirements
//! that combine security schemes are met only by every credential of one of them, and the
//! implementation is handed all of those; of two operations that match the same requests
//! the server serves the first, and the client still has both.

use std::sync::Arc;
use store_client::Client;
use store_server::{Credential, Error, async_trait, types as wire};

/// An implementation that answers with the credentials it was handed.
struct Store;

/// `scheme=secret` for each part of a credential.
fn described(credential: Option<&Credential>) -> Vec<String> {
    let parts = credential.map(Credential::parts).unwrap_or_default();
    parts
        .iter()
        .map(|part| format!("{}={}", part.scheme(), part.secret()))
        .collect()
}

#[async_trait]
impl store_server::Items for Store {
    async fn get_item(
        &self,
        credential: Credential,
        id: String,
    ) -> Result<store_server::GetItemResponse, Error> {
        let credentials = described(Some(&credential));
        Ok(store_server::GetItemResponse::Ok(wire::Item {
            id,
            credentials,
        }))
    }

    async fn delete_item(
        &self,
        _credential: Credential,
        _name: String,
    ) -> Result<store_server::DeleteItemResponse, Error> {
        Ok(store_server::DeleteItemResponse::NoContent)
    }

    async fn get_session(
        &self,
        credential: Option<Credential>,
    ) -> Result<store_server::GetSessionResponse, Error> {
        let credentials = described(credential.as_ref());
        let id = credential
            .as_ref()
            .and_then(|c| c.get("session"))
            .unwrap_or("none")
            .to_owned();
        Ok(store_server::GetSessionResponse::Ok(wire::Item {
            id,
            credentials,
        }))
    }
}

/// The server on a loopback port, under its base path; the base URL its clients use.
async fn serve() -> String {
    let router = axum::Router::new().nest(
        store_server::BASE_PATH,
        store_server::router(Arc::new(Store)),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}{}", store_server::BASE_PATH)
}

#[tokio::test]
async fn schemes_required_together_are_sent_and_handed_over_together() {
    let base = serve().await;
    let client = Client::new(&base)
        .unwrap()
        .with_email("ann@example.com")
        .with_key("k1");
    let item = client.get_item("7").await.unwrap();
    assert_eq!(item.id, "7");
    assert_eq!(item.credentials, ["email=ann@example.com", "key=k1"]);
}

#[tokio::test]
async fn alternatives_are_tried_in_document_order() {
    let base = serve().await;
    let bearer = Client::new(&base).unwrap().with_bearer("t0k3n");
    assert_eq!(
        bearer.get_item("7").await.unwrap().credentials,
        ["bearer=t0k3n"]
    );
    // Both alternatives met: the client sends the first, and the server reads the first.
    let both = Client::new(&base)
        .unwrap()
        .with_bearer("t0k3n")
        .with_email("ann@example.com")
        .with_key("k1");
    let item = both.get_item("7").await.unwrap();
    assert_eq!(item.credentials, ["email=ann@example.com", "key=k1"]);
}

#[tokio::test]
async fn a_requirement_met_in_part_is_not_met() {
    let base = serve().await;
    // The client has only one of the two: it sends neither, and the server answers 401.
    let client = Client::new(&base).unwrap().with_email("ann@example.com");
    let error = client.get_item("7").await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    // Sent by hand, one header of the two is refused too, naming what to send.
    let answer = reqwest::Client::new()
        .get(format!("{base}/items/7"))
        .header("X-Email", "ann@example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 401);
    let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    assert_eq!(
        body["message"],
        "Authentication required: send the `X-Email` header and the `X-Key` header, \
         or an `Authorization: Bearer` header."
    );
}

#[tokio::test]
async fn an_optional_requirement_of_a_cookie_and_a_header() {
    let base = serve().await;
    let anonymous = Client::new(&base).unwrap();
    let item = anonymous.get_session().await.unwrap();
    assert_eq!((item.id.as_str(), item.credentials.len()), ("none", 0));
    let client = Client::new(&base)
        .unwrap()
        .with_session("s1")
        .with_key("k1");
    let item = client.get_session().await.unwrap();
    assert_eq!(item.id, "s1");
    assert_eq!(item.credentials, ["session=s1", "key=k1"]);
}

/// `GET /items/{name}` matches the requests of `GET /items/{id}`: the server serves the
/// first at that route; the client's method for the second reaches it, and the other method
/// of the second path (`DELETE`) shares the route.
#[tokio::test]
async fn of_two_operations_matching_the_same_requests_the_first_is_served() {
    let base = serve().await;
    let client = Client::new(&base).unwrap().with_bearer("t");
    let item = client.get_item_by_name("lamp").await.unwrap();
    assert_eq!(item.id, "lamp");
    client.delete_item("lamp").await.unwrap();
    let (api, diagnostics) =
        openapi_gen::model_of_file(&tests::root().join("tests/fixtures/store/store.yaml"))
            .unwrap_or_else(|d| panic!("{d}"));
    assert!(diagnostics.is_empty(), "{diagnostics}");
    let options = openapi_gen::render::Options {
        name: "store".into(),
        command: "test".into(),
    };
    let rendered = openapi_gen::render::render_all(&api, &options);
    let found: Vec<&str> = rendered
        .diagnostics
        .iter()
        .map(|d| d.pointer.as_str())
        .collect();
    assert_eq!(found, ["#/paths/~1items~1{name}/get"]);
}
