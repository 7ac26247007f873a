//! The fixture of every kind of security scheme (tests/fixtures/auth/auth.yaml), generated
//! into tests/generated/auth/: its client against its server over real HTTP. Each scheme's
//! credential reaches the server's `authenticate` typed by its kind: a bearer token, a basic
//! user name and password (decoded), an API key with its name and location, an OAuth 2 token
//! with the scopes the operation requires.

use auth_client::Client;
use auth_server::{
    AddNoteResponse, ApiKey, Basic, Bearer, Credential, Error, KeyLocation, ListNotesResponse,
    OAuth2, SlowResponse, WhoamiResponse, async_trait, types as wire,
};
use std::sync::{Arc, Mutex};

/// An implementation that keeps every credential `authenticate` was handed, and answers
/// `whoami` with the last one.
#[derive(Default)]
struct Notes {
    handed: Mutex<Vec<Credential>>,
}

/// What a credential held, written by matching on its kind.
fn detail(credential: &Credential) -> String {
    match credential {
        Credential::Bearer(Bearer { token }) => format!("token {token}"),
        Credential::Basic(Basic { username, password }) => format!("user {username} ({password})"),
        Credential::KeyHeader(key) | Credential::KeyQuery(key) | Credential::KeyCookie(key) => {
            let ApiKey {
                name,
                location,
                key,
            } = key;
            format!("key {key} in {location:?} {name}")
        }
        Credential::Oauth(OAuth2 { token, scopes }) => {
            format!("token {token} for {}", scopes.join(" "))
        }
    }
}

#[async_trait]
impl auth_server::Notes for Notes {
    async fn authenticate(&self, credential: &Credential, _operation: &str) -> Result<(), Error> {
        self.handed.lock().unwrap().push(credential.clone());
        Ok(())
    }

    async fn whoami(&self, credential: Credential) -> Result<WhoamiResponse, Error> {
        Ok(WhoamiResponse::Ok(wire::Seen {
            scheme: credential.scheme().to_owned(),
            detail: detail(&credential),
        }))
    }

    async fn list_notes(&self, _credential: Credential) -> Result<ListNotesResponse, Error> {
        Ok(ListNotesResponse::Ok(Vec::new()))
    }

    async fn add_note(
        &self,
        _credential: Credential,
        body: wire::Note,
    ) -> Result<AddNoteResponse, Error> {
        Ok(AddNoteResponse::Created(body))
    }

    async fn slow(&self) -> Result<SlowResponse, Error> {
        Ok(SlowResponse::NoContent)
    }
}

/// The server on a loopback port, under its base path; the base URL its clients use.
async fn serve(notes: Arc<Notes>) -> String {
    let router = axum::Router::new().nest(auth_server::BASE_PATH, auth_server::router(notes));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}{}", auth_server::BASE_PATH)
}

#[tokio::test]
async fn each_scheme_reaches_authenticate_typed_by_its_kind() {
    let notes = Arc::new(Notes::default());
    let base = serve(notes.clone()).await;
    let client = || Client::new(&base).unwrap();
    let cases = [
        (client().with_bearer("b-1"), "bearer", "token b-1"),
        (
            client().with_basic("ann", "pa:ss wörd"),
            "basic",
            "user ann (pa:ss wörd)",
        ),
        (
            client().with_key_header("h-1"),
            "keyHeader",
            "key h-1 in Header X-Api-Key",
        ),
        (
            client().with_key_query("q 1&2"),
            "keyQuery",
            "key q 1&2 in Query api_key",
        ),
        (
            client().with_key_cookie("c;1"),
            "keyCookie",
            "key c;1 in Cookie sid",
        ),
    ];
    for (client, scheme, detail) in cases {
        let seen = client.whoami().await.unwrap();
        assert_eq!(
            (seen.scheme.as_str(), seen.detail.as_str()),
            (scheme, detail)
        );
    }
    let handed = notes.handed.lock().unwrap();
    assert_eq!(handed.len(), 5);
    assert_eq!(
        handed[2],
        Credential::KeyHeader(ApiKey {
            name: "X-Api-Key",
            location: KeyLocation::Header,
            key: "h-1".to_owned(),
        })
    );
}

#[tokio::test]
async fn an_oauth_token_carries_the_scopes_its_operation_requires() {
    let notes = Arc::new(Notes::default());
    let base = serve(notes.clone()).await;
    let client = Client::new(&base).unwrap().with_oauth("o-2");
    client.list_notes().await.unwrap();
    let note = auth_client::types::Note {
        id: None,
        text: "hello".to_owned(),
    };
    client.add_note(&note).await.unwrap();
    let handed = notes.handed.lock().unwrap();
    let scopes: Vec<&[&str]> = handed
        .iter()
        .map(|credential| match credential {
            Credential::Oauth(token) => token.scopes,
            other => panic!("not an OAuth 2 token: {other:?}"),
        })
        .collect();
    assert_eq!(
        scopes,
        [&["notes:read"][..], &["notes:read", "notes:write"][..]]
    );
}

#[tokio::test]
async fn basic_credentials_that_do_not_decode_are_no_credential() {
    let base = serve(Arc::new(Notes::default())).await;
    let http = reqwest::Client::new();
    for value in ["Basic !!!", "Basic bm8tY29sb24="] {
        let response = http
            .get(format!("{base}/whoami"))
            .header("authorization", value)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{value}");
    }
}
