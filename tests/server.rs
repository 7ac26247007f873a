//! The generated server: snapshots of its files, and the router's behaviour against a
//! recording implementation: security before anything runs, bad input rejected with an error
//! body that names the field, and path parameters passed through as data.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use futures::StreamExt;
use openapi_gen::render::Options;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;
use uuid::Uuid;
use workspaces_server::types::{
    CreateWorkspaceRequest, PutExtendWorkspaceRequest, Response as ErrorBody,
    UpdateWorkspaceAutostartRequest, UpdateWorkspaceRequest, UpdateWorkspaceTtlRequest, Workspace,
    WorkspacesResponse,
};
use workspaces_server::*;

// Snapshots.

/// Every file of the server crate, as rendered from the spec. The runtime is a template copied
/// as is; the rest is generated from the model.
#[test]
fn generated_server_files() {
    let options = Options::new("workspaces", "cargo xtask codegen");
    let files = openapi_gen::generate(&tests::read("spec/workspaces.yaml"), &options)
        .expect("the spec renders");
    let server: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("server/"))
        .collect();
    assert_eq!(
        server.len(),
        10,
        "{:?}",
        server.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    for file in server {
        let name = file.path.trim_start_matches("server/").replace('/', "-");
        insta::assert_snapshot!(name, file.contents);
    }
}

// A recording implementation.

const TOKEN: &str = "good-token";
const FORBIDDEN_TOKEN: &str = "forbidden-token";

/// Records every call that reaches it, with its arguments.
#[derive(Default)]
struct Recorder {
    calls: Mutex<Vec<String>>,
}

impl Recorder {
    fn record(&self, call: String) {
        self.calls.lock().unwrap().push(call);
    }

    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }
}

#[async_trait]
impl Workspaces for Recorder {
    async fn authenticate(&self, credential: &Credential, operation: &str) -> Result<(), Error> {
        match credential.secret() {
            TOKEN => Ok(()),
            FORBIDDEN_TOKEN => Err(Error::forbidden(format!("{operation} is not for you."))),
            _ => Err(Error::unauthorized("Invalid session token.")),
        }
    }

    async fn create_user_workspace_by_organization(
        &self,
        credential: Credential,
        organization: Uuid,
        user: String,
        body: CreateWorkspaceRequest,
    ) -> Result<CreateUserWorkspaceByOrganizationResponse, Error> {
        self.record(format!(
            "create {} {organization} {user} {}",
            credential.secret(),
            body.name
        ));
        Ok(CreateUserWorkspaceByOrganizationResponse::Ok(Workspace {
            name: Some(body.name),
            ..Default::default()
        }))
    }

    async fn get_workspace_metadata_by_user_and_workspace_name(
        &self,
        _credential: Credential,
        user: String,
        workspacename: String,
        query: GetWorkspaceMetadataByUserAndWorkspaceNameQuery,
    ) -> Result<GetWorkspaceMetadataByUserAndWorkspaceNameResponse, Error> {
        self.record(format!(
            "by-name {user:?} {workspacename:?} {:?}",
            query.include_deleted
        ));
        Ok(GetWorkspaceMetadataByUserAndWorkspaceNameResponse::Ok(
            Workspace::default(),
        ))
    }

    async fn list_workspaces(
        &self,
        _credential: Credential,
        query: ListWorkspacesQuery,
    ) -> Result<ListWorkspacesResponse, Error> {
        self.record(format!("list {query:?}"));
        Ok(ListWorkspacesResponse::Ok(WorkspacesResponse::default()))
    }

    async fn get_workspace_metadata_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        query: GetWorkspaceMetadataByIdQuery,
    ) -> Result<GetWorkspaceMetadataByIdResponse, Error> {
        self.record(format!("get {workspace} {:?}", query.include_deleted));
        Ok(GetWorkspaceMetadataByIdResponse::Ok(Workspace::default()))
    }

    async fn update_workspace_metadata_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        body: UpdateWorkspaceRequest,
    ) -> Result<UpdateWorkspaceMetadataByIdResponse, Error> {
        self.record(format!("rename {workspace} {:?}", body.name));
        Ok(UpdateWorkspaceMetadataByIdResponse::NoContent)
    }

    async fn update_workspace_autostart_schedule_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        body: UpdateWorkspaceAutostartRequest,
    ) -> Result<UpdateWorkspaceAutostartScheduleByIdResponse, Error> {
        self.record(format!("autostart {workspace} {:?}", body.schedule));
        Ok(UpdateWorkspaceAutostartScheduleByIdResponse::NoContent)
    }

    async fn extend_workspace_deadline_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        body: PutExtendWorkspaceRequest,
    ) -> Result<ExtendWorkspaceDeadlineByIdResponse, Error> {
        self.record(format!("extend {workspace} {}", body.deadline.to_rfc3339()));
        Ok(ExtendWorkspaceDeadlineByIdResponse::Ok(ErrorBody::default()))
    }

    async fn update_workspace_ttl_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        body: UpdateWorkspaceTtlRequest,
    ) -> Result<UpdateWorkspaceTtlByIdResponse, Error> {
        self.record(format!("ttl {workspace} {:?}", body.ttl_ms));
        Ok(UpdateWorkspaceTtlByIdResponse::NoContent)
    }

    async fn watch_workspace_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
    ) -> Result<WatchWorkspaceByIdResponse, Error> {
        self.record(format!("watch {workspace}"));
        let events = (1..=2).map(|i| ErrorBody {
            message: Some(format!("event {i}")),
            ..Default::default()
        });
        Ok(WatchWorkspaceByIdResponse::Ok(EventStream::new(
            futures::stream::iter(events),
        )))
    }
}

// Requests.

const WS: &str = "7b3a5c1e-3f0a-4a8e-9d8e-1c2b3a4d5e6f";
const ORG: &str = "00000000-0000-4000-8000-0000000000a1";

/// One valid request per operation: method, path, body.
fn operations() -> Vec<(Method, String, Option<Value>)> {
    let template = "0d0c4e50-0000-4000-8000-000000000001";
    vec![
        (
            Method::POST,
            format!("/organizations/{ORG}/members/me/workspaces"),
            Some(json!({ "name": "dev", "template_id": template })),
        ),
        (
            Method::GET,
            "/users/me/workspace/dev?include_deleted=true".to_owned(),
            None,
        ),
        (
            Method::GET,
            "/workspaces?owner=me&status=running&has_agent=connected".to_owned(),
            None,
        ),
        (Method::GET, format!("/workspaces/{WS}"), None),
        (
            Method::PATCH,
            format!("/workspaces/{WS}"),
            Some(json!({ "name": "renamed" })),
        ),
        (
            Method::PUT,
            format!("/workspaces/{WS}/autostart"),
            Some(json!({ "schedule": "CRON_TZ=UTC 30 9 * * 1-5" })),
        ),
        (
            Method::PUT,
            format!("/workspaces/{WS}/extend"),
            Some(json!({ "deadline": "2030-01-01T00:00:00Z" })),
        ),
        (
            Method::PUT,
            format!("/workspaces/{WS}/ttl"),
            Some(json!({ "ttl_ms": 3600000 })),
        ),
        (Method::GET, format!("/workspaces/{WS}/watch"), None),
    ]
}

fn request(method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        builder = builder.header("Coder-Session-Token", token);
    }
    match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    }
}

struct Answer {
    status: StatusCode,
    content_type: Option<String>,
    allow: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    /// The body as the API's error body; fails unless it is one.
    fn error(&self) -> ErrorBody {
        assert_eq!(self.content_type.as_deref(), Some("application/json"));
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not an error body ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The fields the error body's validations name.
    fn fields(&self) -> Vec<String> {
        self.error()
            .validations
            .unwrap_or_default()
            .into_iter()
            .map(|v| v.field)
            .collect()
    }
}

async fn send_to(router: axum::Router, request: Request<Body>) -> Answer {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let text = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_owned())
    };
    let content_type = text(header::CONTENT_TYPE);
    let allow = text(header::ALLOW);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Answer {
        status,
        content_type,
        allow,
        body,
    }
}

async fn send(recorder: &Arc<Recorder>, request: Request<Body>) -> Answer {
    send_to(router(Arc::clone(recorder)), request).await
}

// Security.

#[tokio::test]
async fn every_operation_needs_a_valid_token_before_it_runs() {
    let recorder = Arc::new(Recorder::default());
    for (method, path, body) in operations() {
        for token in [None, Some(""), Some("   "), Some("wrong-token")] {
            let answer = send(
                &recorder,
                request(method.clone(), &path, token, body.clone()),
            )
            .await;
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} {token:?}"
            );
            assert!(answer.error().message.is_some(), "{method} {path}");
        }
        let answer = send(
            &recorder,
            request(method.clone(), &path, Some(FORBIDDEN_TOKEN), body),
        )
        .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{method} {path}");
    }
    assert_eq!(
        recorder.calls(),
        Vec::<String>::new(),
        "no call reached the implementation"
    );
}

#[tokio::test]
async fn a_missing_token_is_refused_before_the_input_is_read() {
    let recorder = Arc::new(Recorder::default());
    let bad = Request::builder()
        .method(Method::PATCH)
        .uri("/workspaces/not-a-uuid")
        .body(Body::from("{not json"))
        .unwrap();
    let answer = send(&recorder, bad).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(
        answer
            .error()
            .message
            .unwrap()
            .contains("Coder-Session-Token")
    );
}

#[tokio::test]
async fn every_operation_runs_with_a_valid_token() {
    let recorder = Arc::new(Recorder::default());
    for (method, path, body) in operations() {
        let answer = send(&recorder, request(method.clone(), &path, Some(TOKEN), body)).await;
        assert!(
            answer.status.is_success(),
            "{method} {path}: {}",
            answer.status
        );
    }
    let calls = recorder.calls();
    let org: Uuid = ORG.parse().unwrap();
    assert_eq!(
        calls,
        [
            format!("create {TOKEN} {org} me dev"),
            "by-name \"me\" \"dev\" Some(true)".to_owned(),
            "list ListWorkspacesQuery { owner: Some(\"me\"), template: None, name: None, \
             status: Some(Running), has_agent: Some(Connected) }"
                .to_owned(),
            format!("get {WS} None"),
            format!("rename {WS} Some(\"renamed\")"),
            format!("autostart {WS} Some(\"CRON_TZ=UTC 30 9 * * 1-5\")"),
            format!("extend {WS} 2030-01-01T00:00:00+00:00"),
            format!("ttl {WS} Some(3600000)"),
            format!("watch {WS}"),
        ]
    );
}

// Bad input.

async fn bad(request: Request<Body>) -> Answer {
    let recorder = Arc::new(Recorder::default());
    let answer = send(&recorder, request).await;
    assert_eq!(
        recorder.calls(),
        Vec::<String>::new(),
        "bad input reached the implementation"
    );
    answer
}

fn create(body: Body, content_type: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(format!("/organizations/{ORG}/members/me/workspaces"))
        .header("Coder-Session-Token", TOKEN);
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    builder.body(body).unwrap()
}

#[tokio::test]
async fn malformed_json_is_a_400_naming_the_body() {
    let answer = bad(create(Body::from("{\"name\": "), Some("application/json"))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.fields(), ["body"]);
}

#[tokio::test]
async fn a_missing_required_field_is_a_400_naming_it() {
    let answer = bad(create(
        Body::from(r#"{"name":"dev"}"#),
        Some("application/json"),
    ))
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.fields(), ["template_id"]);
}

#[tokio::test]
async fn a_wrong_type_deep_in_the_body_is_a_400_naming_its_path() {
    let body = json!({
        "name": "dev",
        "template_id": Uuid::nil(),
        "parameter_values": [{ "name": 1 }],
    });
    let answer = bad(create(
        Body::from(body.to_string()),
        Some("application/json"),
    ))
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.fields(), ["parameter_values[0].name"]);
}

#[tokio::test]
async fn an_unknown_enum_value_in_the_body_is_a_400_naming_its_path() {
    let body = json!({
        "name": "dev",
        "template_id": Uuid::nil(),
        "parameter_values": [{
            "name": "region",
            "source_value": "eu",
            "source_scheme": "data",
            "destination_scheme": "somewhere",
        }],
    });
    let answer = bad(create(
        Body::from(body.to_string()),
        Some("application/json"),
    ))
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.fields(), ["parameter_values[0].destination_scheme"]);
}

#[tokio::test]
async fn a_wrong_or_missing_content_type_is_a_400_naming_it() {
    let body = r#"{"name":"dev","template_id":"0d0c4e50-0000-4000-8000-000000000001"}"#;
    for content_type in [Some("text/plain"), Some("application/xml"), None] {
        let answer = bad(create(Body::from(body), content_type)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{content_type:?}");
        assert_eq!(answer.fields(), ["Content-Type"]);
    }
    // Parameters of the media type are fine.
    let recorder = Arc::new(Recorder::default());
    let ok = create(Body::from(body), Some("application/json; charset=utf-8"));
    assert_eq!(send(&recorder, ok).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_missing_required_body_is_a_400() {
    let answer = bad(create(Body::empty(), Some("application/json"))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.fields(), ["body"]);
}

#[tokio::test]
async fn a_bad_uuid_in_the_path_is_a_400_naming_the_parameter() {
    for path in ["/workspaces/not-a-uuid", "/workspaces/1234/watch"] {
        let answer = bad(request(Method::GET, path, Some(TOKEN), None)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(answer.fields(), ["workspace"]);
    }
}

#[tokio::test]
async fn unknown_enum_values_and_bad_scalars_in_the_query_are_a_400_naming_each() {
    let path = "/workspaces?status=sleeping&has_agent=maybe";
    let answer = bad(request(Method::GET, path, Some(TOKEN), None)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.fields(), ["status", "has_agent"]);
    let path = format!("/workspaces/{WS}?include_deleted=yes");
    let answer = bad(request(Method::GET, &path, Some(TOKEN), None)).await;
    assert_eq!(answer.fields(), ["include_deleted"]);
}

#[tokio::test]
async fn every_problem_of_a_request_is_named_at_once() {
    let req = Request::builder()
        .method(Method::PUT)
        .uri("/workspaces/nope/ttl")
        .header("Coder-Session-Token", TOKEN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"ttl_ms": "soon"}"#))
        .unwrap();
    let answer = bad(req).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.fields(), ["workspace", "ttl_ms"]);
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413() {
    let recorder = Arc::new(Recorder::default());
    let small = router_with(
        Arc::clone(&recorder),
        Config {
            body_limit: 64,
            ..Default::default()
        },
    );
    let name = "x".repeat(100);
    let body = json!({ "name": name, "template_id": Uuid::nil() }).to_string();
    // Declared by Content-Length, and streamed without one.
    let declared = create(Body::from(body.clone()), Some("application/json"));
    let chunks = futures::stream::iter(
        body.into_bytes()
            .chunks(16)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let streamed = create(Body::from_stream(chunks), Some("application/json"));
    for req in [declared, streamed] {
        let answer = send_to(small.clone(), req).await;
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(answer.error().message.unwrap().contains("64 bytes"));
    }
    assert_eq!(recorder.calls(), Vec::<String>::new());
}

#[tokio::test]
async fn unknown_methods_are_405_and_unknown_paths_404_with_error_bodies() {
    let answer = bad(request(
        Method::DELETE,
        &format!("/workspaces/{WS}"),
        Some(TOKEN),
        None,
    ))
    .await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.allow.as_deref(), Some("GET,HEAD,PATCH"));
    assert!(answer.error().message.is_some());
    for path in [
        "/nowhere",
        "/workspaces/",
        &format!("/workspaces/{WS}/stop"),
    ] {
        let answer = bad(request(Method::GET, path, Some(TOKEN), None)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(answer.error().message.is_some());
    }
}

// Path parameters are data.

#[tokio::test]
async fn encoded_slashes_and_dot_segments_reach_the_implementation_as_data() {
    let recorder = Arc::new(Recorder::default());
    for path in [
        "/users/a%2Fb/workspace/..",
        "/users/%2E%2E/workspace/x%2F..%2Fy",
        "/users/..%2F..%2Fetc/workspace/%2e",
    ] {
        let answer = send(&recorder, request(Method::GET, path, Some(TOKEN), None)).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
    }
    assert_eq!(
        recorder.calls(),
        [
            r#"by-name "a/b" ".." None"#,
            r#"by-name ".." "x/../y" None"#,
            r#"by-name "../../etc" "." None"#,
        ]
    );
}

// Outputs.

#[tokio::test]
async fn watch_is_served_as_an_event_stream() {
    let recorder = Arc::new(Recorder::default());
    let path = format!("/workspaces/{WS}/watch");
    let response = router(recorder)
        .oneshot(request(Method::GET, &path, Some(TOKEN), None))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let text = String::from_utf8(
        response
            .into_body()
            .into_data_stream()
            .map(|chunk| chunk.unwrap().to_vec())
            .concat()
            .await,
    )
    .unwrap();
    assert_eq!(
        text,
        "data: {\"message\":\"event 1\"}\n\ndata: {\"message\":\"event 2\"}\n\n"
    );
}

#[tokio::test]
async fn a_trait_object_serves_too() {
    let service: Arc<dyn Workspaces> = Arc::new(Recorder::default());
    let answer = send_to(
        router(service),
        request(Method::GET, "/workspaces", Some(TOKEN), None),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type.as_deref(), Some("application/json"));
}

#[test]
fn error_statuses_are_4xx_or_5xx_only() {
    assert!(ErrorStatus::new(StatusCode::OK).is_none());
    assert!(ErrorStatus::new(StatusCode::FOUND).is_none());
    assert_eq!(
        ErrorStatus::new(StatusCode::IM_A_TEAPOT).map(ErrorStatus::get),
        Some(StatusCode::IM_A_TEAPOT)
    );
    let error = Error::invalid("Bad.", [Validation::new("name", "is wrong")]);
    assert_eq!(error.status(), ErrorStatus::BAD_REQUEST);
    assert_eq!(error.body().validations.as_ref().unwrap()[0].field, "name");
    let key = ApiKey {
        name: "Coder-Session-Token",
        location: KeyLocation::Header,
        key: "secret".into(),
    };
    assert_eq!(
        format!("{:?}", Credential::CoderSessionToken(key.clone())),
        "Credential::CoderSessionToken(..)"
    );
    assert_eq!(
        format!("{key:?}"),
        "ApiKey { name: \"Coder-Session-Token\", location: Header, .. }"
    );
}

/// What the server cannot parse it passes on as text, and a parameter named like one of the
/// handler's own arguments gets a suffix: a document with either still gets a server.
#[test]
fn odd_parameters_are_passed_on_not_refused() {
    let options = Options::new("odd", "cargo xtask codegen");
    let files = openapi_gen::generate(
        &tests::read("tests/fixtures/server/odd-params.yaml"),
        &options,
    )
    .expect("the fixture renders");
    let file = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.clone())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    let operations = file("server/src/operations.rs");
    assert!(
        operations.contains("pub query_param: Option<String>,"),
        "{operations}"
    );
    assert!(
        operations.contains("pub filter: Option<String>,"),
        "{operations}"
    );
    assert!(
        operations.contains("pub tags: Vec<String>,"),
        "{operations}"
    );
    assert!(operations.contains("id: String,"), "{operations}");
    let routes = file("server/src/routes.rs");
    assert!(
        routes.contains(r#"input.optional::<String>(crate::runtime::Param::query("query"))"#),
        "{routes}"
    );
    assert!(
        routes.contains(r#"input.list::<String>(crate::runtime::Param::query("tags"), false)"#),
        "{routes}"
    );
}
