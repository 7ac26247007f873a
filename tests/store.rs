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

    async fn get_vault(
        &self,
        credential: Credential,
    ) -> Result<store_server::GetVaultResponse, Error> {
        let credentials = described(Some(&credential));
        let id = "vault".to_owned();
        Ok(store_server::GetVaultResponse::Ok(wire::Item {
            id,
            credentials,
        }))
    }

    async fn get_ledger(
        &self,
        credential: Credential,
    ) -> Result<store_server::GetLedgerResponse, Error> {
        let credentials = described(Some(&credential));
        let id = "ledger".to_owned();
        Ok(store_server::GetLedgerResponse::Ok(wire::Item {
            id,
            credentials,
        }))
    }

    async fn get_health(&self) -> Result<store_server::GetHealthResponse, Error> {
        Ok(store_server::GetHealthResponse::NoContent)
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
    // RFC 9457 problem details: the fixture declares no error schema.
    assert_eq!(body["title"], "Unauthorized");
    assert_eq!(body["status"], 401);
    assert_eq!(
        body["detail"],
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

/// A client with the credentials of the schemes named.
fn client_with(base: &str, schemes: &[&str]) -> Client {
    let client = Client::new(base).unwrap();
    schemes.iter().fold(client, |client, scheme| match *scheme {
        "email" => client.with_email("ann@example.com"),
        "key" => client.with_key("k1"),
        "session" => client.with_session("s1"),
        "bearer" => client.with_bearer("t0k3n"),
        other => panic!("the fixture has no scheme `{other}`"),
    })
}

/// The status of a GET of `path` sent by hand with the credentials of the schemes named:
/// the generated client never sends part of a requirement, a caller by hand may.
async fn status_by_hand(base: &str, path: &str, schemes: &[&str]) -> u16 {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    for scheme in schemes {
        request = match *scheme {
            "email" => request.header("X-Email", "ann@example.com"),
            "key" => request.header("X-Key", "k1"),
            "session" => request.header("Cookie", "session=s1"),
            "bearer" => request.header("Authorization", "Bearer t0k3n"),
            other => panic!("the fixture has no scheme `{other}`"),
        };
    }
    request.send().await.unwrap().status().as_u16()
}

/// Requirements whose only alternative combines schemes (three together; a key header with
/// a bearer token), beside an operation that needs none: every credential present is
/// accepted and handed over, and any one missing is a 401.
#[tokio::test]
async fn a_requirement_whose_only_alternative_combines_schemes() {
    let base = serve().await;
    let vault = ["email", "key", "session"];
    let item = client_with(&base, &vault).get_vault().await.unwrap();
    let expected = ["email=ann@example.com", "key=k1", "session=s1"];
    assert_eq!(item.credentials, expected);
    let ledger = ["key", "bearer"];
    let item = client_with(&base, &ledger).get_ledger().await.unwrap();
    assert_eq!(item.credentials, ["key=k1", "bearer=t0k3n"]);
    for (path, schemes) in [("/vault", &vault[..]), ("/ledger", &ledger[..])] {
        assert_eq!(status_by_hand(&base, path, schemes).await, 200, "{path}");
        for missing in schemes {
            let rest: Vec<&str> = schemes.iter().copied().filter(|s| s != missing).collect();
            let status = status_by_hand(&base, path, &rest).await;
            assert_eq!(status, 401, "{path} without {missing}");
        }
    }
    // The client has only two of the vault's three: it sends none, and gets the 401.
    let error = client_with(&base, &["email", "key"]).get_vault().await;
    assert_eq!(error.unwrap_err().status().map(|s| s.as_u16()), Some(401));
    // The operation beside them needs nothing.
    Client::new(&base).unwrap().get_health().await.unwrap();
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
    let options = openapi_gen::render::Options::new("store", "test");
    let rendered = openapi_gen::render::render_all(&api, &options);
    let found: Vec<&str> = rendered
        .diagnostics
        .iter()
        .map(|d| d.pointer.as_str())
        .collect();
    assert_eq!(found, ["#/paths/~1items~1{name}/get"]);
}

/// Each value back in the field of its shape.
fn string(value: String) -> wire::Echo {
    wire::Echo {
        string: Some(value),
        ..wire::Echo::default()
    }
}

fn array(value: Vec<String>) -> wire::Echo {
    wire::Echo {
        array: Some(value),
        ..wire::Echo::default()
    }
}

fn object(value: wire::Color) -> wire::Echo {
    wire::Echo {
        object: Some(value),
        ..wire::Echo::default()
    }
}

/// The `Styles` operations, each echoing the parameter it was handed: those that take it
/// as an argument, then those that take it in their query struct.
macro_rules! echo_styles {
    (
        arguments { $( $method:ident($ty:ty) -> $response:ident by $echo:ident; )* }
        query { $( $q_method:ident($q_ty:ident) -> $q_response:ident by $q_echo:ident; )* }
    ) => {
        #[async_trait]
        impl store_server::Styles for Store {
            $(
                async fn $method(&self, color: $ty) -> Result<store_server::$response, Error> {
                    Ok(store_server::$response::Ok($echo(color)))
                }
            )*
            $(
                async fn $q_method(
                    &self,
                    query: store_server::$q_ty,
                ) -> Result<store_server::$q_response, Error> {
                    Ok(store_server::$q_response::Ok($q_echo(query.color)))
                }
            )*
        }
    };
}

echo_styles! {
    arguments {
        path_matrix_string(String) -> PathMatrixStringResponse by string;
        path_matrix_array(Vec<String>) -> PathMatrixArrayResponse by array;
        path_matrix_object(wire::Color) -> PathMatrixObjectResponse by object;
        path_matrix_string_exploded(String) -> PathMatrixStringExplodedResponse by string;
        path_matrix_array_exploded(Vec<String>) -> PathMatrixArrayExplodedResponse by array;
        path_matrix_object_exploded(wire::Color) -> PathMatrixObjectExplodedResponse by object;
        path_label_string(String) -> PathLabelStringResponse by string;
        path_label_array(Vec<String>) -> PathLabelArrayResponse by array;
        path_label_object(wire::Color) -> PathLabelObjectResponse by object;
        path_label_string_exploded(String) -> PathLabelStringExplodedResponse by string;
        path_label_array_exploded(Vec<String>) -> PathLabelArrayExplodedResponse by array;
        path_label_object_exploded(wire::Color) -> PathLabelObjectExplodedResponse by object;
        path_simple_string(String) -> PathSimpleStringResponse by string;
        path_simple_array(Vec<String>) -> PathSimpleArrayResponse by array;
        path_simple_object(wire::Color) -> PathSimpleObjectResponse by object;
        path_simple_string_exploded(String) -> PathSimpleStringExplodedResponse by string;
        path_simple_array_exploded(Vec<String>) -> PathSimpleArrayExplodedResponse by array;
        path_simple_object_exploded(wire::Color) -> PathSimpleObjectExplodedResponse by object;
        header_string(String) -> HeaderStringResponse by string;
        header_array(Vec<String>) -> HeaderArrayResponse by array;
        header_object(wire::Color) -> HeaderObjectResponse by object;
        header_string_exploded(String) -> HeaderStringExplodedResponse by string;
        header_array_exploded(Vec<String>) -> HeaderArrayExplodedResponse by array;
        header_object_exploded(wire::Color) -> HeaderObjectExplodedResponse by object;
        cookie_string(String) -> CookieStringResponse by string;
        cookie_array(Vec<String>) -> CookieArrayResponse by array;
    }
    query {
        query_string(QueryStringQuery) -> QueryStringResponse by string;
        query_array(QueryArrayQuery) -> QueryArrayResponse by array;
        query_object(QueryObjectQuery) -> QueryObjectResponse by object;
        query_string_exploded(QueryStringExplodedQuery) -> QueryStringExplodedResponse by string;
        query_array_exploded(QueryArrayExplodedQuery) -> QueryArrayExplodedResponse by array;
        query_object_exploded(QueryObjectExplodedQuery) -> QueryObjectExplodedResponse by object;
        query_space_delimited_array(QuerySpaceDelimitedArrayQuery)
            -> QuerySpaceDelimitedArrayResponse by array;
        query_space_delimited_object(QuerySpaceDelimitedObjectQuery)
            -> QuerySpaceDelimitedObjectResponse by object;
        query_pipe_delimited_array(QueryPipeDelimitedArrayQuery)
            -> QueryPipeDelimitedArrayResponse by array;
        query_pipe_delimited_object(QueryPipeDelimitedObjectQuery)
            -> QueryPipeDelimitedObjectResponse by object;
        query_deep_object(QueryDeepObjectQuery) -> QueryDeepObjectResponse by object;
        query_deep_array(QueryDeepArrayQuery) -> QueryDeepArrayResponse by array;
        query_deep_nested(QueryDeepNestedQuery) -> QueryDeepNestedResponse by string;
        query_reserved(QueryReservedQuery) -> QueryReservedResponse by string;
        query_json(QueryJsonQuery) -> QueryJsonResponse by string;
    }
}

/// Where a parameter travels, and so which part of a request the wire text is read from.
#[derive(Debug, Clone, Copy)]
enum At {
    /// The last path segment.
    Path,
    Query,
    /// The `color` header.
    Header,
    /// The `Cookie` header.
    Cookie,
}

/// The requests the server was sent, as the parts a parameter can travel in.
#[derive(Clone, Default)]
struct Seen(Arc<std::sync::Mutex<Vec<[String; 4]>>>);

impl Seen {
    fn last(&self, at: At) -> String {
        let seen = self.0.lock().unwrap();
        seen.last().expect("a request was sent")[at as usize].clone()
    }
}

/// The parts of a request a parameter can travel in, in the order of [`At`].
fn parts_of(request: &axum::extract::Request) -> [String; 4] {
    let header = |name: &str| {
        let value = request.headers().get(name);
        value
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let uri = request.uri();
    let segment = uri.path().rsplit('/').next().unwrap_or_default().to_owned();
    let query = uri.query().unwrap_or_default().to_owned();
    [segment, query, header("color"), header("cookie")]
}

/// [`serve`], recording each request's parts before the router reads them.
async fn serve_seen() -> (String, Seen) {
    let seen = Seen::default();
    let record = seen.clone();
    let router = axum::Router::new()
        .nest(
            store_server::BASE_PATH,
            store_server::router(Arc::new(Store)),
        )
        .layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                let record = record.clone();
                let parts = parts_of(&request);
                async move {
                    record.0.lock().unwrap().push(parts);
                    next.run(request).await
                }
            },
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (format!("http://{address}{}", store_server::BASE_PATH), seen)
}

type Echoed = Result<wire::Echo, store_client::Error<std::convert::Infallible>>;

/// Asserts the wire text of the last request and that the server read the value sent.
fn check(seen: &Seen, at: At, wire_text: &str, echoed: Echoed, expected: wire::Echo) {
    let echoed = echoed.unwrap_or_else(|e| panic!("{at:?} `{wire_text}`: {e}"));
    assert_eq!(seen.last(at), wire_text, "the wire text in the {at:?}");
    assert_eq!(echoed, expected, "the value read from `{wire_text}`");
}

/// The Style Examples table of the OpenAPI 3.0.3 specification (section "Style Examples"),
/// cell by cell: the client writes each value as the table shows, and the server reads it
/// back. Where 3.0.3's table misprints RFC 6570, this follows the correction of 3.0.4: a
/// non-exploded `label` array or object is joined by `,` (`.blue,black,brown`), and the
/// `spaceDelimited` and `pipeDelimited` cells carry their `color=` name.
#[tokio::test]
async fn every_style_writes_the_specification_examples_and_reads_them_back() {
    let (base, seen) = serve_seen().await;
    let client = Client::new(&base).unwrap();
    let blue = || "blue".to_owned();
    let list = || ["blue", "black", "brown"].map(str::to_owned).to_vec();
    let color = || wire::Color {
        r: 100,
        g: 200,
        b: 150,
    };
    let c = &client;
    let s = &seen;
    use At::*;

    // matrix, explode false and true.
    check(
        s,
        Path,
        ";color",
        c.path_matrix_string("").await,
        string(String::new()),
    );
    check(
        s,
        Path,
        ";color=blue",
        c.path_matrix_string("blue").await,
        string(blue()),
    );
    let text = ";color=blue,black,brown";
    check(
        s,
        Path,
        text,
        c.path_matrix_array(&list()).await,
        array(list()),
    );
    let text = ";color=R,100,G,200,B,150";
    check(
        s,
        Path,
        text,
        c.path_matrix_object(&color()).await,
        object(color()),
    );
    let echoed = c.path_matrix_string_exploded("").await;
    check(s, Path, ";color", echoed, string(String::new()));
    let echoed = c.path_matrix_string_exploded("blue").await;
    check(s, Path, ";color=blue", echoed, string(blue()));
    let text = ";color=blue;color=black;color=brown";
    check(
        s,
        Path,
        text,
        c.path_matrix_array_exploded(&list()).await,
        array(list()),
    );
    let text = ";R=100;G=200;B=150";
    check(
        s,
        Path,
        text,
        c.path_matrix_object_exploded(&color()).await,
        object(color()),
    );

    // label: its empty cell (`.`) is a dot segment, which no URL keeps: the client refuses it.
    let refused = c.path_label_string("").await.unwrap_err();
    assert!(refused.to_string().contains("`.`"), "{refused}");
    check(
        s,
        Path,
        ".blue",
        c.path_label_string("blue").await,
        string(blue()),
    );
    let text = ".blue,black,brown";
    check(
        s,
        Path,
        text,
        c.path_label_array(&list()).await,
        array(list()),
    );
    let text = ".R,100,G,200,B,150";
    check(
        s,
        Path,
        text,
        c.path_label_object(&color()).await,
        object(color()),
    );
    let echoed = c.path_label_string_exploded("blue").await;
    check(s, Path, ".blue", echoed, string(blue()));
    let text = ".blue.black.brown";
    check(
        s,
        Path,
        text,
        c.path_label_array_exploded(&list()).await,
        array(list()),
    );
    let text = ".R=100.G=200.B=150";
    check(
        s,
        Path,
        text,
        c.path_label_object_exploded(&color()).await,
        object(color()),
    );

    // simple, in a path and in a header.
    check(
        s,
        Path,
        "blue",
        c.path_simple_string("blue").await,
        string(blue()),
    );
    let text = "blue,black,brown";
    check(
        s,
        Path,
        text,
        c.path_simple_array(&list()).await,
        array(list()),
    );
    let text = "R,100,G,200,B,150";
    check(
        s,
        Path,
        text,
        c.path_simple_object(&color()).await,
        object(color()),
    );
    let echoed = c.path_simple_string_exploded("blue").await;
    check(s, Path, "blue", echoed, string(blue()));
    let text = "blue,black,brown";
    check(
        s,
        Path,
        text,
        c.path_simple_array_exploded(&list()).await,
        array(list()),
    );
    let text = "R=100,G=200,B=150";
    check(
        s,
        Path,
        text,
        c.path_simple_object_exploded(&color()).await,
        object(color()),
    );
    check(
        s,
        Header,
        "blue",
        c.header_string("blue").await,
        string(blue()),
    );
    let text = "blue,black,brown";
    check(
        s,
        Header,
        text,
        c.header_array(&list()).await,
        array(list()),
    );
    let text = "R,100,G,200,B,150";
    check(
        s,
        Header,
        text,
        c.header_object(&color()).await,
        object(color()),
    );
    check(
        s,
        Header,
        "blue",
        c.header_string_exploded("blue").await,
        string(blue()),
    );
    let text = "blue,black,brown";
    check(
        s,
        Header,
        text,
        c.header_array_exploded(&list()).await,
        array(list()),
    );
    let text = "R=100,G=200,B=150";
    check(
        s,
        Header,
        text,
        c.header_object_exploded(&color()).await,
        object(color()),
    );

    // form, explode false and true.
    check(
        s,
        Query,
        "color=",
        c.query_string("").await,
        string(String::new()),
    );
    check(
        s,
        Query,
        "color=blue",
        c.query_string("blue").await,
        string(blue()),
    );
    let text = "color=blue,black,brown";
    check(s, Query, text, c.query_array(&list()).await, array(list()));
    let text = "color=R,100,G,200,B,150";
    check(
        s,
        Query,
        text,
        c.query_object(&color()).await,
        object(color()),
    );
    let echoed = c.query_string_exploded("").await;
    check(s, Query, "color=", echoed, string(String::new()));
    let echoed = c.query_string_exploded("blue").await;
    check(s, Query, "color=blue", echoed, string(blue()));
    let text = "color=blue&color=black&color=brown";
    check(
        s,
        Query,
        text,
        c.query_array_exploded(&list()).await,
        array(list()),
    );
    let text = "R=100&G=200&B=150";
    check(
        s,
        Query,
        text,
        c.query_object_exploded(&color()).await,
        object(color()),
    );

    // spaceDelimited, pipeDelimited and deepObject.
    let text = "color=blue%20black%20brown";
    check(
        s,
        Query,
        text,
        c.query_space_delimited_array(&list()).await,
        array(list()),
    );
    let text = "color=R%20100%20G%20200%20B%20150";
    let echoed = c.query_space_delimited_object(&color()).await;
    check(s, Query, text, echoed, object(color()));
    let text = "color=blue%7Cblack%7Cbrown";
    check(
        s,
        Query,
        text,
        c.query_pipe_delimited_array(&list()).await,
        array(list()),
    );
    let text = "color=R%7C100%7CG%7C200%7CB%7C150";
    let echoed = c.query_pipe_delimited_object(&color()).await;
    check(s, Query, text, echoed, object(color()));
    let text = "color[R]=100&color[G]=200&color[B]=150";
    check(
        s,
        Query,
        text,
        c.query_deep_object(&color()).await,
        object(color()),
    );
}

/// Beyond the table, `deepObject` as Stripe reads it: an array is `name[]=item`, and a value
/// of any other type is keyed by its JSON form's paths (in key order), which the server
/// hands on as a query string.
#[tokio::test]
async fn deep_objects_beyond_the_table() {
    let (base, seen) = serve_seen().await;
    let c = &Client::new(&base).unwrap();
    let s = &seen;
    let list = || ["blue", "black"].map(str::to_owned).to_vec();
    let text = "color[]=blue&color[]=black";
    check(
        s,
        At::Query,
        text,
        c.query_deep_array(&list()).await,
        array(list()),
    );
    let color = wire::Color { r: 1, g: 2, b: 3 };
    let union = wire::QueryDeepNestedColor::Color(color);
    let read = "color%5BB%5D=3&color%5BG%5D=2&color%5BR%5D=1";
    let text = "color[B]=3&color[G]=2&color[R]=1";
    check(
        s,
        At::Query,
        text,
        c.query_deep_nested(&union).await,
        string(read.into()),
    );
    let union = wire::QueryDeepNestedColor::Integer(7);
    let echoed = c.query_deep_nested(&union).await;
    check(s, At::Query, "color=7", echoed, string("color=7".into()));
}

/// Beyond the table: an item holding its style's delimiter stays one item, a cookie is
/// written in style `form`, `allowReserved` keeps reserved characters, and a parameter with
/// JSON `content` is its JSON text.
#[tokio::test]
async fn delimiters_cookies_reserved_characters_and_json_content() {
    let (base, seen) = serve_seen().await;
    let c = &Client::new(&base).unwrap();
    let s = &seen;
    use At::*;
    let items = || ["a,b", "c d", "e|f"].map(str::to_owned).to_vec();
    let text = "color=a%2Cb,c%20d,e%7Cf";
    check(
        s,
        Query,
        text,
        c.query_array(&items()).await,
        array(items()),
    );
    let text = "a%2Cb,c%20d,e%7Cf";
    check(
        s,
        Path,
        text,
        c.path_simple_array(&items()).await,
        array(items()),
    );
    check(
        s,
        Header,
        "a,b",
        c.header_string("a,b").await,
        string("a,b".into()),
    );
    let one = || "a b;c".to_owned();
    check(
        s,
        Cookie,
        "color=a%20b%3Bc",
        c.cookie_string(&one()).await,
        string(one()),
    );
    let list = || ["blue", "black"].map(str::to_owned).to_vec();
    let text = "color=blue,black";
    check(
        s,
        Cookie,
        text,
        c.cookie_array(&list()).await,
        array(list()),
    );
    let reserved = || "a/b?c:d,e&f=g".to_owned();
    let text = "color=a/b?c:d,e%26f%3Dg";
    check(
        s,
        Query,
        text,
        c.query_reserved(&reserved()).await,
        string(reserved()),
    );
    let color = wire::Color { r: 1, g: 2, b: 3 };
    let json = r#"{"R":1,"G":2,"B":3}"#;
    let text = "color=%7B%22R%22%3A1%2C%22G%22%3A2%2C%22B%22%3A3%7D";
    check(
        s,
        Query,
        text,
        c.query_json(&color).await,
        string(json.into()),
    );
}

/// A value that does not parse in its style is a 400 naming the parameter.
#[tokio::test]
async fn a_value_that_does_not_parse_in_its_style_is_a_bad_request() {
    let base = serve().await;
    let http = reqwest::Client::new();
    let bad = [
        "/path/simple/object/R,x,G,200,B,150",
        "/path/simple/object/R,100,G",
        "/path/label/array/blue",
        "/path/matrix/string/;colour=blue",
        "/path/matrix-exploded/array/;color=blue;hue=red",
        "/query/deepObject/object?color[R]=1&color[G]=2",
    ];
    for path in bad {
        let answer = http.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(answer.status().as_u16(), 400, "{path}");
        let body: serde_json::Value =
            serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
        assert_eq!(body["errors"][0]["field"], "color", "{path}: {body}");
    }
}
