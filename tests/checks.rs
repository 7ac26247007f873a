//! The constraints fixture (tests/fixtures/checks/checks.yaml), generated into
//! tests/generated/checks/: its server over real HTTP. For each constraint, a request that
//! breaks it is a 400 with exactly one entry naming the field, and the handler is not called;
//! a request at the boundary passes. A request that breaks three is three entries, unknown
//! properties of closed objects among them.

use checks_server::types;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::Ordering;
#[path = "members.rs"]
mod members;

use members::Members;

/// The entry a 400 is expected to have, as (field, detail); `None` when the request passes.
type Expected = Option<(&'static str, &'static str)>;

/// A server of the fixture on a loopback port: its base URL and the handler's count.
async fn serve() -> (String, Arc<Members>) {
    let members = Arc::new(Members::default());
    let router = checks_server::router(Arc::clone(&members));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (format!("http://{address}"), members)
}

/// A member that meets every constraint, with `changes` written over it.
fn member(changes: Value) -> Value {
    let mut member = json!({
        "name": "Ada",
        "age": 36,
        "score": 0.5,
        "tags": ["math"],
        "nickname": "A",
        "ratings": [5, null, 0],
        "quantity": 10,
        "price": 19.99,
        "labels": {"a": "x"},
    });
    for (key, value) in changes.as_object().unwrap() {
        member[key] = value.clone();
    }
    member
}

/// The status and the (field, detail) entries of the answer to posting `body`.
async fn post(base: &str, body: &Value) -> (u16, Vec<(String, String)>) {
    let answer = reqwest::Client::new()
        .post(format!("{base}/members"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    entries(answer).await
}

/// The status of an answer and the (field, detail) entries of its `errors`: the fixture
/// declares no error schema, so a 400 is RFC 9457 problem details.
async fn entries(answer: reqwest::Response) -> (u16, Vec<(String, String)>) {
    let status = answer.status().as_u16();
    let problem = answer
        .headers()
        .get("content-type")
        .is_some_and(|value| value == "application/problem+json");
    let body: Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap_or_default();
    if status == 400 {
        assert!(problem, "{body}");
        assert_eq!(
            (&body["title"], &body["status"]),
            (&json!("Bad Request"), &json!(400))
        );
        assert_eq!(body["type"], "about:blank");
    }
    let entries = body["errors"].as_array().cloned().unwrap_or_default();
    let entries = entries
        .iter()
        .map(|e| {
            let text = |key: &str| e[key].as_str().unwrap().to_owned();
            (text("field"), text("detail"))
        })
        .collect();
    (status, entries)
}

/// Asserts that an answer is the 400 with exactly the `expected` entry, or a success
/// (`ok`) without entries; counts the successes in `passed`.
fn assert_answer(
    (status, entries): (u16, Vec<(String, String)>),
    expected: Expected,
    ok: u16,
    passed: &mut usize,
    case: &str,
) {
    match expected {
        Some((field, detail)) => {
            assert_eq!(status, 400, "{case}");
            assert_eq!(entries, [(field.to_owned(), detail.to_owned())], "{case}");
        }
        None => {
            assert_eq!((status, &entries), (ok, &Vec::new()), "{case}");
            *passed += 1;
        }
    }
}

#[tokio::test]
async fn each_constraint_is_checked_at_its_boundary() {
    let (base, members) = serve().await;
    // (what is changed, the field the 400 names or None at the boundary, its detail)
    let cases: &[(Value, Expected)] = &[
        (
            json!({"name": "A"}),
            Some(("name", "must be at least 2 characters long")),
        ),
        (json!({"name": "Al"}), None),
        // Counted in characters: five, in eleven bytes.
        (json!({"name": "Ünïcø"}), None),
        (
            json!({"name": "Adelai"}),
            Some(("name", "must be at most 5 characters long")),
        ),
        (json!({"age": -1}), Some(("age", "must be at least 0"))),
        (json!({"age": 0}), None),
        (json!({"age": 150}), None),
        (json!({"age": 151}), Some(("age", "must be at most 150"))),
        (
            json!({"score": 0}),
            Some(("score", "must be greater than 0")),
        ),
        (json!({"score": 0.001}), None),
        (json!({"score": 1}), Some(("score", "must be less than 1"))),
        (json!({"score": 0.999}), None),
        // The largest number below 1, read exactly.
        (json!({"score": 0.9999999999999999}), None),
        (
            json!({"tags": []}),
            Some(("tags", "must have at least 1 items")),
        ),
        (json!({"tags": ["a", "b", "c"]}), None),
        (
            json!({"tags": ["a", "b", "c", "d"]}),
            Some(("tags", "must have at most 3 items")),
        ),
        (
            json!({"tags": ["a", "abcde"]}),
            Some(("tags[1]", "must be at most 4 characters long")),
        ),
        (json!({"tags": ["abcd"]}), None),
        // Through a reference to a constrained component.
        (
            json!({"nickname": "Addy"}),
            Some(("nickname", "must be at most 3 characters long")),
        ),
        (json!({"nickname": "Ady"}), None),
        // An item that may be null: null passes, a value is checked.
        (
            json!({"ratings": [null, 6]}),
            Some(("ratings[1]", "must be at most 5")),
        ),
        (json!({"ratings": [null, 5]}), None),
        (
            json!({"tags": ["a", "b", "a"]}),
            Some(("tags[2]", "must not repeat item 0")),
        ),
        (
            json!({"tags": ["ab1"]}),
            Some(("tags[0]", "must match the pattern `^[a-z]+$`")),
        ),
        // A leading negative look-ahead, which Rust's regex crate lacks, checked exactly.
        (
            json!({"handle": "administrator"}),
            Some(("handle", "must match the pattern `^(?!admin)[a-z]+$`")),
        ),
        (json!({"handle": "adm"}), None),
        (
            json!({"handle": "bob1"}),
            Some(("handle", "must match the pattern `^(?!admin)[a-z]+$`")),
        ),
        // The formats that stay text.
        (json!({"email": "ada@example.com"}), None),
        (json!({"email": "ada.l+x@[192.0.2.1]"}), None),
        (
            json!({"email": "ada@"}),
            Some(("email", "must be an email address")),
        ),
        (
            json!({"email": "a b@example.com"}),
            Some(("email", "must be an email address")),
        ),
        (json!({"site": "https://example.com/a?b=c"}), None),
        (json!({"site": "urn:isbn:0451450523"}), None),
        (
            json!({"site": "/relative/path"}),
            Some(("site", "must be an absolute URI")),
        ),
        (
            json!({"site": "https://exa mple.com"}),
            Some(("site", "must be an absolute URI")),
        ),
        (json!({"host": "api.example.com"}), None),
        (
            json!({"host": "-bad.example.com"}),
            Some(("host", "must be a host name")),
        ),
        (
            json!({"host": "under_score.com"}),
            Some(("host", "must be a host name")),
        ),
        (json!({"ip": "192.0.2.255"}), None),
        (
            json!({"ip": "192.0.2.256"}),
            Some(("ip", "must be an IPv4 address")),
        ),
        (json!({"ip6": "2001:db8::1"}), None),
        (
            json!({"ip6": "2001:db8::g"}),
            Some(("ip6", "must be an IPv6 address")),
        ),
        // Not anchored, as JSON Schema's patterns are not: a match anywhere passes.
        (json!({"code": "id AB12 ok"}), None),
        (
            json!({"code": "ab12"}),
            Some(("code", "must match the pattern `[A-Z]{2}[0-9]+`")),
        ),
        (
            json!({"quantity": 12}),
            Some(("quantity", "must be a multiple of 5")),
        ),
        (json!({"quantity": -15}), None),
        (
            json!({"price": 0.015}),
            Some(("price", "must be a multiple of 0.01")),
        ),
        (json!({"price": 0.3}), None),
        (
            json!({"price": 2.5e-42}),
            Some(("price", "must be a multiple of 0.01")),
        ),
        (
            json!({"labels": {}}),
            Some(("labels", "must have at least 1 properties")),
        ),
        (json!({"labels": {"a": "x", "b": "y"}}), None),
        (
            json!({"labels": {"a": "x", "b": "y", "c": "z"}}),
            Some(("labels", "must have at most 2 properties")),
        ),
        (
            json!({"labels": {"a": "long"}}),
            Some(("labels.a", "must be at most 3 characters long")),
        ),
        // `additionalProperties: false`, through an array, a map, a nested object and a union;
        // the member itself is open.
        (json!({"unlisted": 1}), None),
        (
            json!({"contacts": [{"kind": "mail", "value": "a@b.c"}]}),
            None,
        ),
        (
            json!({"contacts": [{"kind": "mail"}, {"kind": "fax", "fax": "1"}]}),
            Some(("contacts[1].fax", "is not a property the schema allows")),
        ),
        (
            json!({"contactsByKind": {"home": {"kind": "x", "note": {"text": "t", "color": 1}}}}),
            Some((
                "contactsByKind.home.note.color",
                "is not a property the schema allows",
            )),
        ),
        (json!({"reach": "12 Main Street"}), None),
        // An optional property that may not be null: absent passes, null does not, at any
        // depth; an item that may be null passes (above).
        (
            json!({"nickname": null}),
            Some(("nickname", "must not be null")),
        ),
        (
            json!({"contacts": [{"kind": "a", "note": {"text": null}}]}),
            Some(("contacts[0].note.text", "must not be null")),
        ),
        (
            json!({"reach": {"kind": "x", "extra": true}}),
            Some(("reach.extra", "is not a property the schema allows")),
        ),
    ];
    let mut passed = 0;
    for (changes, expected) in cases {
        let answer = post(&base, &member(changes.clone())).await;
        assert_answer(answer, *expected, 201, &mut passed, &changes.to_string());
        // Only the requests that pass reach the handler.
        assert_eq!(members.0.load(Ordering::SeqCst), passed, "{changes}");
    }
}

#[tokio::test]
async fn every_failure_of_a_request_is_an_entry() {
    let (base, members) = serve().await;
    let body = member(json!({"name": "A", "age": 200, "tags": ["a", "toolong"]}));
    let (status, entries) = post(&base, &body).await;
    assert_eq!(status, 400);
    let fields: Vec<&str> = entries.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(fields, ["name", "age", "tags[1]"]);
    // Unknown properties are reported beside the other failures, each at its place.
    let contacts = json!([{"kind": "a", "b": 1, "c": 2}, {"kind": "d", "value": "x".repeat(21)}]);
    let (status, entries) = post(&base, &member(json!({"contacts": contacts}))).await;
    assert_eq!(status, 400);
    let fields: Vec<&str> = entries.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(
        fields,
        ["contacts[0].b", "contacts[0].c", "contacts[1].value"]
    );
    assert_eq!(members.0.load(Ordering::SeqCst), 0);
}

/// The status and entries of the answer to `GET path` with an `X-Trace` header.
async fn get(base: &str, path: &str, trace: &str) -> (u16, Vec<(String, String)>) {
    let answer = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("X-Trace", trace)
        .send()
        .await
        .unwrap();
    entries(answer).await
}

#[tokio::test]
async fn parameters_are_checked_as_bodies_are() {
    let (base, members) = serve().await;
    // (path and query, X-Trace, the entry of the 400 or None when it passes)
    let cases: &[(&str, &str, Expected)] = &[
        ("/members/0", "abc", Some(("id", "must be at least 1"))),
        ("/members/1", "abc", None),
        ("/members", "abc", None),
        (
            "/members?limit=0",
            "abc",
            Some(("limit", "must be at least 1")),
        ),
        ("/members?limit=50", "abc", None),
        (
            "/members?limit=51",
            "abc",
            Some(("limit", "must be at most 50")),
        ),
        (
            "/members?prefix=AB",
            "abc",
            Some(("prefix", "must match the pattern `^[a-z]+$`")),
        ),
        (
            "/members?prefix=abcde",
            "abc",
            Some(("prefix", "must be at most 4 characters long")),
        ),
        ("/members?prefix=abcd", "abc", None),
        (
            "/members?ids=1&ids=2&ids=3",
            "abc",
            Some(("ids", "must have at most 2 items")),
        ),
        (
            "/members?ids=1&ids=0",
            "abc",
            Some(("ids[1]", "must be at least 1")),
        ),
        ("/members?ids=1&ids=2", "abc", None),
        (
            "/members",
            "ab",
            Some(("X-Trace", "must be at least 3 characters long")),
        ),
    ];
    let mut passed = 0;
    for (path, trace, expected) in cases {
        let answer = get(&base, path, trace).await;
        assert_answer(answer, *expected, 200, &mut passed, path);
        assert_eq!(members.0.load(Ordering::SeqCst), passed, "{path}");
    }
    // Three parameters outside their constraints: three entries.
    let (status, entries) = get(&base, "/members?limit=0&prefix=A1", "ab").await;
    assert_eq!(status, 400);
    let fields: Vec<&str> = entries.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(fields, ["X-Trace", "limit", "prefix"]);
}

#[tokio::test]
async fn cookies_form_fields_and_parts_are_checked_as_parameters_are() {
    let (base, members) = serve().await;
    let http = reqwest::Client::new();
    // (form body, session cookie, the entry of the 400 or None when it passes)
    let notes: &[(&str, &str, Expected)] = &[
        ("text=hello", "session=abcdefgh", None),
        (
            "text=hello",
            "session=short",
            Some(("session", "must be at least 8 characters long")),
        ),
        ("text=0123456789", "session=abcdefgh", None),
        (
            "text=0123456789a",
            "session=abcdefgh",
            Some(("text", "must be at most 10 characters long")),
        ),
        (
            "text=a&stars=0",
            "session=abcdefgh",
            Some(("stars", "must be at least 1")),
        ),
        ("text=a&stars=5", "session=abcdefgh", None),
        ("text=a&topics=ab&topics=cd", "session=abcdefgh", None),
        (
            "text=a&topics=ab&topics=cd&topics=ef",
            "session=abcdefgh",
            Some(("topics", "must have at most 2 items")),
        ),
        (
            "text=a&topics=ab&topics=C",
            "session=abcdefgh",
            Some(("topics[1]", "must match the pattern `^[a-z]+$`")),
        ),
    ];
    let mut passed = 0;
    for (form, cookie, expected) in notes {
        let answer = http
            .post(format!("{base}/members/1/notes"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", *cookie)
            .body(*form)
            .send()
            .await
            .unwrap();
        assert_answer(entries(answer).await, *expected, 204, &mut passed, form);
        assert_eq!(members.0.load(Ordering::SeqCst), passed, "{form}");
    }
    // (caption, tags, the entry of the 400 or None when it passes); the photo is 9 bytes,
    // beyond its schema's `maxLength: 4`, which a file's bytes are not measured by.
    let photos: &[(&str, &[&str], Expected)] = &[
        ("abc", &["ab", "abcd"], None),
        (
            "ab",
            &[],
            Some(("caption", "must be at least 3 characters long")),
        ),
        (
            "abc",
            &["a", "b", "c"],
            Some(("tags", "must have at most 2 items")),
        ),
        (
            "abc",
            &["abcde"],
            Some(("tags[0]", "must be at most 4 characters long")),
        ),
    ];
    for (caption, tags, expected) in photos {
        let mut form = reqwest::multipart::Form::new().text("caption", *caption);
        for tag in *tags {
            form = form.text("tags", *tag);
        }
        let photo = reqwest::multipart::Part::bytes(b"123456789".to_vec()).file_name("p.png");
        let answer = http
            .post(format!("{base}/members/1/photos"))
            .multipart(form.part("photo", photo))
            .send()
            .await
            .unwrap();
        assert_answer(entries(answer).await, *expected, 204, &mut passed, caption);
        assert_eq!(members.0.load(Ordering::SeqCst), passed, "{caption}");
    }
    // The body allows no other property (`additionalProperties: false`): no other part.
    let photo = reqwest::multipart::Part::bytes(b"1".to_vec()).file_name("p.png");
    let form = reqwest::multipart::Form::new()
        .text("caption", "abc")
        .text("extra", "x")
        .part("photo", photo);
    let answer = http
        .post(format!("{base}/members/1/photos"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let expected = Some(("extra", "is not a part the schema allows"));
    assert_answer(entries(answer).await, expected, 204, &mut passed, "extra");
    assert_eq!(members.0.load(Ordering::SeqCst), passed);
}

#[tokio::test]
async fn a_body_that_is_itself_constrained_is_checked_at_the_root() {
    let (base, members) = serve().await;
    let http = reqwest::Client::new();
    let ok = member(json!({}));
    let short = member(json!({"name": "A"}));
    // (JSON body of `Batch`, an array of 1 to 2 members, the entry of the 400 or None)
    let batches: &[(Value, Expected)] = &[
        (json!([]), Some(("body", "must have at least 1 items"))),
        (json!([ok]), None),
        (json!([ok, ok]), None),
        (
            json!([ok, ok, ok]),
            Some(("body", "must have at most 2 items")),
        ),
        // An item's own failure, as before, at its path.
        (
            json!([ok, short]),
            Some(("[1].name", "must be at least 2 characters long")),
        ),
    ];
    let mut passed = 0;
    for (batch, expected) in batches {
        let answer = http
            .post(format!("{base}/members/batch"))
            .header("content-type", "application/json")
            .body(batch.to_string())
            .send()
            .await
            .unwrap();
        let case = batch.to_string();
        assert_answer(entries(answer).await, *expected, 204, &mut passed, &case);
        assert_eq!(members.0.load(Ordering::SeqCst), passed, "{case}");
    }
    // A text body of at most 12 characters.
    for (bio, expected) in [
        ("twelve chars", None),
        (
            "thirteen char",
            Some(("body", "must be at most 12 characters long")),
        ),
    ] {
        let answer = http
            .put(format!("{base}/members/1/bio"))
            .header("content-type", "text/plain")
            .body(bio)
            .send()
            .await
            .unwrap();
        assert_answer(entries(answer).await, expected, 204, &mut passed, bio);
        assert_eq!(members.0.load(Ordering::SeqCst), passed, "{bio}");
    }
}

/// The client, asked to, checks a request with the server's checks and does not send one that
/// fails; by default it sends what it is given, and the server answers.
#[tokio::test]
async fn the_client_checks_a_request_before_sending_it_when_asked() {
    use checks_client::{Client, Error as ClientError, ListMembersParams};
    let (base, members) = serve().await;
    let short: types::Member =
        serde_json::from_value(member(json!({"name": "A", "age": 200}))).unwrap();
    // Nothing listens here: a request that were sent would fail to connect.
    let nowhere = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let checking = Client::new(&nowhere).unwrap().check_requests();
    assert!(checking.checks_requests());
    let found = failures(checking.add_member(&short).await.unwrap_err());
    assert_eq!(
        found,
        [
            (
                "name".to_owned(),
                "must be at least 2 characters long".to_owned()
            ),
            ("age".to_owned(), "must be at most 150".to_owned()),
        ]
    );
    // Parameters: a required header, and the optional ones of the parameters struct.
    let params = ListMembersParams {
        limit: Some(0),
        prefix: Some("AB".to_owned()),
        ids: Some(vec![1, 0]),
    };
    let found = failures(checking.list_members("ab", &params).await.unwrap_err());
    let fields: Vec<&str> = found.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(fields, ["X-Trace", "limit", "prefix", "ids[1]"]);
    // A body that is itself constrained, at the root.
    let found = failures(checking.add_members(&Vec::new()).await.unwrap_err());
    assert_eq!(
        found,
        [("body".to_owned(), "must have at least 1 items".to_owned())]
    );
    // A request that meets every constraint is sent, and the server takes it.
    let ok: types::Member = serde_json::from_value(member(json!({}))).unwrap();
    let client = Client::new(&base).unwrap().check_requests();
    assert_eq!(client.add_member(&ok).await.unwrap().name, "Ada");
    assert_eq!(members.0.load(Ordering::SeqCst), 1);
    // By default the client sends what it is given: the server answers its 400.
    let unchecked = Client::new(&base).unwrap();
    assert!(!unchecked.checks_requests());
    match unchecked.add_member(&short).await.unwrap_err() {
        ClientError::Api(response) => assert_eq!(response.status, 400),
        other => panic!("{other}"),
    }
    assert_eq!(members.0.load(Ordering::SeqCst), 1);
}

/// The (field, detail) failures of a request the client refused to send.
fn failures<E: std::fmt::Debug>(error: checks_client::Error<E>) -> Vec<(String, String)> {
    match error {
        checks_client::Error::InvalidRequest(invalid) => invalid
            .validations()
            .iter()
            .map(|v| (v.field.clone(), v.detail.clone()))
            .collect(),
        other => panic!("sent: {other}"),
    }
}

/// `Config::checks` off: the router reads a request by its types alone, so a value outside its
/// constraints reaches the method (what the throughput figures compare against).
#[tokio::test]
async fn checks_can_be_turned_off() {
    let members = Arc::new(Members::default());
    let config = checks_server::Config {
        checks: false,
        ..Default::default()
    };
    let router = checks_server::router_with(Arc::clone(&members), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let base = format!("http://{address}");
    let broken =
        member(json!({"name": "A", "nickname": null, "contacts": [{"kind": "a", "b": 1}]}));
    assert_eq!(post(&base, &broken).await, (201, Vec::new()));
    let (status, _) = get(&base, "/members?limit=0", "ab").await;
    assert_eq!(status, 200);
    // Types still are: a name that is not a string is refused.
    let (status, entries) = post(&base, &member(json!({"name": 5}))).await;
    assert_eq!((status, entries.len()), (400, 1));
    assert_eq!(members.0.load(Ordering::SeqCst), 2);
}
