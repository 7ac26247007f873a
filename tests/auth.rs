//! The fixture of every kind of security scheme (tests/fixtures/auth/auth.yaml), generated
//! into tests/generated/auth/: its client against its server over real HTTP. Each scheme's
//! credential reaches the server's `authenticate` typed by its kind: a bearer token, a basic
//! user name and password (decoded), an API key with its name and location, an OAuth 2 token
//! with the scopes the operation requires. A client with a token source asks it again once
//! after a 401.

#[path = "client_credentials.rs"]
mod client_credentials;

use auth_client::{BoxError, Client, TokenSource};
use auth_server::{
    AddNoteResponse, ApiKey, Basic, Bearer, Credential, Error, KeyLocation, ListNotesResponse,
    OAuth2, SlowResponse, WhoamiResponse, async_trait, types as wire,
};
use client_credentials::ClientCredentials;
use std::sync::{Arc, Mutex};

/// An implementation that keeps every credential `authenticate` was handed, and answers
/// `whoami` with the last one. When `accepted` is set, it accepts that token alone.
#[derive(Default)]
struct Notes {
    handed: Mutex<Vec<Credential>>,
    accepted: Mutex<Option<String>>,
}

impl Notes {
    /// The tokens (bearer and OAuth 2) `authenticate` was handed, in order.
    fn tokens(&self) -> Vec<String> {
        let handed = self.handed.lock().unwrap();
        handed.iter().map(|c| c.secret().to_owned()).collect()
    }
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
        match &*self.accepted.lock().unwrap() {
            Some(accepted) if accepted != credential.secret() => {
                Err(Error::unauthorized("The token is not valid."))
            }
            _ => Ok(()),
        }
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
    serve_with(notes, axum::Router::new()).await
}

/// [`serve`] with more routes beside the API's.
async fn serve_with(notes: Arc<Notes>, more: axum::Router) -> String {
    let api = auth_server::router(notes);
    let router = more.nest(auth_server::BASE_PATH, api);
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

/// A token source that hands out the tokens it was given, in order, and notes each ask; its
/// clones share both.
#[derive(Clone)]
struct Scripted {
    tokens: Arc<Mutex<Vec<&'static str>>>,
    asked: Arc<Mutex<Vec<bool>>>,
}

impl Scripted {
    fn new(tokens: &[&'static str]) -> Scripted {
        Scripted {
            tokens: Arc::new(Mutex::new(tokens.to_vec())),
            asked: Arc::default(),
        }
    }
}

impl TokenSource for Scripted {
    async fn token(&self, refresh: bool) -> Result<String, BoxError> {
        self.asked.lock().unwrap().push(refresh);
        let mut tokens = self.tokens.lock().unwrap();
        match tokens.is_empty() {
            true => Err("no token left".into()),
            false => Ok(tokens.remove(0).to_owned()),
        }
    }
}

/// A server that accepts the token `fresh` alone.
async fn accepting_fresh() -> (Arc<Notes>, String) {
    let notes = Arc::new(Notes::default());
    *notes.accepted.lock().unwrap() = Some("fresh".to_owned());
    let base = serve(notes.clone()).await;
    (notes, base)
}

#[tokio::test]
async fn a_refused_token_is_replaced_once_and_the_request_sent_again() {
    let (notes, base) = accepting_fresh().await;
    let source = Scripted::new(&["stale", "fresh"]);
    let client = Client::new(&base)
        .unwrap()
        .with_oauth_tokens(source.clone());
    let note = auth_client::types::Note {
        id: None,
        text: "sent twice".to_owned(),
    };
    // A JSON body is sent again whole.
    let stored = client.add_note(&note).await.unwrap();
    assert_eq!(stored.text, "sent twice");
    assert_eq!(*source.asked.lock().unwrap(), [false, true]);
    assert_eq!(notes.tokens(), ["stale", "fresh"]);
}

#[tokio::test]
async fn a_second_401_is_the_answer() {
    let (notes, base) = accepting_fresh().await;
    let source = Scripted::new(&["stale", "stale again", "fresh"]);
    let client = Client::new(&base)
        .unwrap()
        .with_oauth_tokens(source.clone());
    let error = client.list_notes().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401), "{error}");
    assert_eq!(*source.asked.lock().unwrap(), [false, true]);
    assert_eq!(notes.tokens(), ["stale", "stale again"]);
}

#[tokio::test]
async fn a_source_without_a_token_fails_the_call_before_sending() {
    let (notes, base) = accepting_fresh().await;
    let client = Client::new(&base)
        .unwrap()
        .with_oauth_tokens(Scripted::new(&[]));
    let error = client.list_notes().await.unwrap_err();
    let auth_client::Error::Hook(hook) = &error else {
        panic!("not a hook's error: {error:?}");
    };
    assert_eq!(hook.to_string(), "no token left");
    assert!(notes.tokens().is_empty());
}

#[tokio::test]
async fn a_fixed_token_is_sent_as_before() {
    let (notes, base) = accepting_fresh().await;
    let client = Client::new(&base).unwrap().with_oauth("stale");
    let error = client.list_notes().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401), "{error}");
    assert_eq!(notes.tokens(), ["stale"]);
}

/// A token endpoint of the client-credentials grant for client `client`, secret `secret`:
/// each token it issues is the one the API accepts from then on.
fn token_endpoint(notes: Arc<Notes>, issued: Arc<Mutex<u32>>) -> axum::Router {
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::IntoResponse;
    let issue = move |headers: HeaderMap, form: axum::Form<Vec<(String, String)>>| async move {
        let basic = headers.get("authorization").and_then(|v| v.to_str().ok());
        let grant = form
            .iter()
            .any(|(k, v)| k == "grant_type" && v == "client_credentials");
        let scope = form
            .iter()
            .any(|(k, v)| k == "scope" && v == "notes:read notes:write");
        // base64 of `client:secret`.
        if basic != Some("Basic Y2xpZW50OnNlY3JldA==") || !grant || !scope {
            return StatusCode::BAD_REQUEST.into_response();
        }
        let count = {
            let mut issued = issued.lock().unwrap();
            *issued += 1;
            *issued
        };
        let token = format!("cc-{count}");
        *notes.accepted.lock().unwrap() = Some(token.clone());
        let body = serde_json::json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": 600,
        });
        axum::Json(body).into_response()
    };
    axum::Router::new().route("/oauth/token", axum::routing::post(issue))
}

#[tokio::test]
async fn the_client_credentials_example_gets_and_renews_its_token() {
    let notes = Arc::new(Notes::default());
    *notes.accepted.lock().unwrap() = Some("none yet".to_owned());
    let issued = Arc::new(Mutex::new(0));
    let endpoint = token_endpoint(notes.clone(), issued.clone());
    let base = serve_with(notes.clone(), endpoint).await;
    let origin = base.trim_end_matches(auth_server::BASE_PATH);
    let source = ClientCredentials {
        http: reqwest::Client::new(),
        token_url: format!("{origin}/oauth/token"),
        client_id: "client".to_owned(),
        client_secret: "secret".to_owned(),
        scope: "notes:read notes:write".to_owned(),
        cached: Mutex::new(None),
    };
    let client = Client::new(&base).unwrap().with_oauth_tokens(source);
    client.list_notes().await.unwrap();
    client.list_notes().await.unwrap();
    assert_eq!(
        *issued.lock().unwrap(),
        1,
        "the second call uses the cached token"
    );
    // The server stops accepting it: the next call is refused once, then renewed.
    *notes.accepted.lock().unwrap() = Some("revoked".to_owned());
    client.list_notes().await.unwrap();
    assert_eq!(*issued.lock().unwrap(), 2);
    assert_eq!(notes.tokens(), ["cc-1", "cc-1", "cc-1", "cc-2"]);
}
