//! The generated client against a real HTTP server on 127.0.0.1: for each operation, what
//! the server received (method, encoded path, query, headers, body) and what the call
//! returned; then the ways a server can fail a client.

#[path = "client_server.rs"]
mod server;

use chrono::{TimeZone, Utc};
use serde_json::json;
use server::{TOKEN, TestServer, dropping_server, empty, raw, silent_server, truncating_server};
use std::time::Duration;
use uuid::Uuid;
use workspaces_client::types::{
    CreateWorkspaceRequest, ListWorkspacesHasAgent, ListWorkspacesStatus,
    PutExtendWorkspaceRequest, UpdateWorkspaceAutostartRequest, UpdateWorkspaceRequest,
    UpdateWorkspaceTtlRequest, WorkspaceStatus,
};
use workspaces_client::{
    Client, Error, GetWorkspaceMetadataByIdParams,
    GetWorkspaceMetadataByUserAndWorkspaceNameParams, ListWorkspacesParams,
};

const WORKSPACE: Uuid = Uuid::from_u128(0x0f0e0d0c_0b0a_0908_0706_050403020100);
const ORGANIZATION: Uuid = Uuid::from_u128(0x11111111_2222_3333_4444_555555555555);

fn workspace_json() -> serde_json::Value {
    json!({
        "id": WORKSPACE.to_string(),
        "name": "dev",
        "owner_name": "alice",
        "ttl_ms": 3_600_000,
        "created_at": "2024-05-01T12:00:00Z",
        "latest_build": { "status": "running", "build_number": 3 }
    })
}

/// What every operation sends: the token, and nothing of what it was not given.
fn assert_authenticated(request: &server::Recorded) {
    assert_eq!(request.header("coder-session-token"), Some(TOKEN));
}

#[tokio::test]
async fn create_user_workspace_by_organization() {
    let server = TestServer::start(|_| server::json(200, workspace_json())).await;
    let body = CreateWorkspaceRequest {
        name: "dev".to_owned(),
        template_id: ORGANIZATION,
        ttl_ms: Some(60_000),
        ..Default::default()
    };
    let workspace = server
        .client()
        .create_user_workspace_by_organization(ORGANIZATION, "a/b", &body)
        .await
        .unwrap();

    let request = server.only_request();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.path,
        format!("/api/v2/organizations/{ORGANIZATION}/members/a%2Fb/workspaces")
    );
    assert_eq!(request.query, None);
    assert_authenticated(&request);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(
        request.json(),
        json!({ "name": "dev", "template_id": ORGANIZATION.to_string(), "ttl_ms": 60000 }),
        "optional properties that are None are not sent"
    );
    assert_eq!(workspace.id, Some(WORKSPACE));
    assert_eq!(workspace.name.as_deref(), Some("dev"));
    assert_eq!(
        workspace.created_at,
        Some(Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap())
    );
    let build = workspace.latest_build.unwrap();
    assert_eq!(build.status, Some(WorkspaceStatus::Running));
}

#[tokio::test]
async fn get_workspace_metadata_by_user_and_workspace_name_encodes_path_segments() {
    let server = TestServer::start(|_| server::json(200, workspace_json())).await;
    let client = server.client();
    let params = GetWorkspaceMetadataByUserAndWorkspaceNameParams::default().include_deleted(true);
    let workspace = client
        .get_workspace_metadata_by_user_and_workspace_name("../x", "my dev é?#%", &params)
        .await
        .unwrap();
    assert_eq!(workspace.owner_name.as_deref(), Some("alice"));

    let request = server.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.path,
        "/api/v2/users/..%2Fx/workspace/my%20dev%20%C3%A9%3F%23%25"
    );
    assert_eq!(request.query.as_deref(), Some("include_deleted=true"));
    assert_authenticated(&request);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn list_workspaces_sends_only_the_parameters_set() {
    let server = TestServer::start(|_| {
        server::json(200, json!({ "count": 1, "workspaces": [workspace_json()] }))
    })
    .await;
    let client = server.client();

    let none = client
        .list_workspaces(&ListWorkspacesParams::default())
        .await
        .unwrap();
    let params = ListWorkspacesParams::default()
        .owner("me & you")
        .status(ListWorkspacesStatus::Running)
        .has_agent("connected");
    let some = client.list_workspaces(&params).await.unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.method, "GET");
        assert_eq!(request.path, "/api/v2/workspaces");
        assert_authenticated(request);
    }
    assert_eq!(requests[0].query, None);
    assert_eq!(
        requests[1].query.as_deref(),
        Some("owner=me%20%26%20you&status=running&has_agent=connected")
    );
    assert_eq!(params.has_agent, Some(ListWorkspacesHasAgent::Connected));
    assert_eq!(none, some);
    assert_eq!(some.count, Some(1));
    assert_eq!(some.workspaces.unwrap()[0].id, Some(WORKSPACE));
}

#[tokio::test]
async fn get_workspace_metadata_by_id() {
    let server = TestServer::start(|_| server::json(200, workspace_json())).await;
    let workspace = server
        .client()
        .get_workspace_metadata_by_id(WORKSPACE, &GetWorkspaceMetadataByIdParams::default())
        .await
        .unwrap();
    assert_eq!(workspace.ttl_ms, Some(3_600_000));

    let request = server.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, format!("/api/v2/workspaces/{WORKSPACE}"));
    assert_eq!(request.query, None);
    assert_authenticated(&request);
}

#[tokio::test]
async fn update_workspace_metadata_by_id() {
    let server = TestServer::start(|_| empty(204)).await;
    let body = UpdateWorkspaceRequest {
        name: Some("renamed".to_owned()),
    };
    let () = server
        .client()
        .update_workspace_metadata_by_id(WORKSPACE, &body)
        .await
        .unwrap();

    let request = server.only_request();
    assert_eq!(request.method, "PATCH");
    assert_eq!(request.path, format!("/api/v2/workspaces/{WORKSPACE}"));
    assert_authenticated(&request);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("accept"),
        Some("*/*"),
        "reqwest's default: a 204 operation asks for no content type"
    );
    assert_eq!(request.json(), json!({ "name": "renamed" }));
}

#[tokio::test]
async fn update_workspace_autostart_schedule_by_id() {
    let server = TestServer::start(|_| empty(204)).await;
    let body = UpdateWorkspaceAutostartRequest {
        schedule: Some("CRON_TZ=UTC 30 9 * * 1-5".to_owned()),
    };
    server
        .client()
        .update_workspace_autostart_schedule_by_id(WORKSPACE, &body)
        .await
        .unwrap();

    let request = server.only_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.path,
        format!("/api/v2/workspaces/{WORKSPACE}/autostart")
    );
    assert_authenticated(&request);
    assert_eq!(
        request.json(),
        json!({ "schedule": "CRON_TZ=UTC 30 9 * * 1-5" })
    );
}

#[tokio::test]
async fn extend_workspace_deadline_by_id() {
    let server =
        TestServer::start(|_| server::json(200, json!({ "message": "Deadline updated." }))).await;
    let body = PutExtendWorkspaceRequest {
        deadline: Utc.with_ymd_and_hms(2024, 5, 1, 18, 30, 0).unwrap(),
    };
    let answer = server
        .client()
        .extend_workspace_deadline_by_id(WORKSPACE, &body)
        .await
        .unwrap();
    assert_eq!(answer.message.as_deref(), Some("Deadline updated."));

    let request = server.only_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.path,
        format!("/api/v2/workspaces/{WORKSPACE}/extend")
    );
    assert_authenticated(&request);
    assert_eq!(
        request.json(),
        json!({ "deadline": "2024-05-01T18:30:00Z" })
    );
}

#[tokio::test]
async fn update_workspace_ttl_by_id() {
    let server = TestServer::start(|_| empty(204)).await;
    let body = UpdateWorkspaceTtlRequest { ttl_ms: None };
    server
        .client()
        .update_workspace_ttl_by_id(WORKSPACE, &body)
        .await
        .unwrap();

    let request = server.only_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(request.path, format!("/api/v2/workspaces/{WORKSPACE}/ttl"));
    assert_authenticated(&request);
    assert_eq!(request.json(), json!({}));
}

#[tokio::test]
async fn watch_workspace_by_id_request() {
    let server = TestServer::start(|_| server::event_stream(vec![b"data: {}\n\n".to_vec()])).await;
    let stream = server
        .client()
        .watch_workspace_by_id(WORKSPACE)
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);

    let request = server.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.path,
        format!("/api/v2/workspaces/{WORKSPACE}/watch")
    );
    assert_eq!(request.query, None);
    assert_authenticated(&request);
    assert_eq!(request.header("accept"), Some("text/event-stream"));
}

// Credentials and construction.

#[tokio::test]
async fn no_token_no_header() {
    let server = TestServer::start(|_| server::json(200, workspace_json())).await;
    let client = Client::new(&server.base_url).unwrap();
    client
        .get_workspace_metadata_by_id(WORKSPACE, &Default::default())
        .await
        .unwrap();
    assert_eq!(server.only_request().header("coder-session-token"), None);
}

#[tokio::test]
async fn token_is_not_shown_by_debug() {
    let client = Client::new("http://127.0.0.1:1/api/v2")
        .unwrap()
        .with_coder_session_token("very-secret");
    let shown = format!("{client:?}");
    assert!(!shown.contains("very-secret"), "{shown}");
    assert!(shown.contains("Coder-Session-Token"), "{shown}");
}

#[tokio::test]
async fn an_existing_reqwest_client_is_used() {
    let server = TestServer::start(|_| server::json(200, workspace_json())).await;
    let http = reqwest::Client::builder()
        .user_agent("workspaces-tests/1.0")
        .build()
        .unwrap();
    let client = Client::with_http_client(&format!("{}/", server.base_url), http)
        .unwrap()
        .with_coder_session_token(TOKEN);
    client
        .get_workspace_metadata_by_id(WORKSPACE, &Default::default())
        .await
        .unwrap();
    let request = server.only_request();
    assert_eq!(request.header("user-agent"), Some("workspaces-tests/1.0"));
    assert_eq!(
        request.path,
        format!("/api/v2/workspaces/{WORKSPACE}"),
        "a trailing slash on the base URL does not double"
    );
}

#[tokio::test]
async fn the_reqwest_client_timeout_applies() {
    let base_url = silent_server().await;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let client = Client::with_http_client(&base_url, http).unwrap();
    let error = client
        .update_workspace_ttl_by_id(WORKSPACE, &UpdateWorkspaceTtlRequest::default())
        .await
        .unwrap_err();
    match error {
        Error::Transport(error) => assert!(error.is_timeout(), "{error}"),
        other => panic!("expected a transport timeout, got {other:?}"),
    }
}

#[test]
fn invalid_base_urls() {
    for url in [
        "",
        "not a url",
        "mailto:someone@example.com",
        "ftp://example.com/api",
    ] {
        let error = Client::new(url).unwrap_err();
        assert!(error.to_string().contains("invalid base URL"), "{error}");
    }
}

// Error paths: every one is a value, none a panic.

#[tokio::test]
async fn error_status_with_the_error_body() {
    let server = TestServer::start(|_| {
        server::json(
            400,
            json!({
                "message": "Validation failed.",
                "validations": [{ "field": "name", "detail": "is required" }]
            }),
        )
    })
    .await;
    let error = server
        .client()
        .create_user_workspace_by_organization(ORGANIZATION, "me", &Default::default())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    let Error::Api(response) = error else {
        panic!("expected the error body, got {error:?}");
    };
    assert_eq!(response.status, 400);
    assert_eq!(response.body.message.as_deref(), Some("Validation failed."));
    let validations = response.body.validations.unwrap();
    assert_eq!(validations[0].field, "name");
    assert_eq!(response.headers["content-type"], "application/json");
}

#[tokio::test]
async fn error_status_with_an_html_body() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = TestServer::start(move |_| raw(500, "text/html", html)).await;
    let error = server
        .client()
        .get_workspace_metadata_by_id(WORKSPACE, &Default::default())
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("<h1>502 Bad Gateway</h1>"),
        "{error}"
    );
    let Error::UnexpectedResponse(response) = error else {
        panic!("expected an unexpected response, got {error:?}");
    };
    assert_eq!(response.status, 500);
    assert_eq!(response.body, html.as_bytes());
}

#[tokio::test]
async fn error_status_without_a_body() {
    let server = TestServer::start(|_| empty(404)).await;
    let error = server
        .client()
        .update_workspace_ttl_by_id(WORKSPACE, &Default::default())
        .await
        .unwrap_err();
    let Error::UnexpectedResponse(response) = error else {
        panic!("expected an unexpected response, got {error:?}");
    };
    assert_eq!(response.status, 404);
    assert!(response.body.is_empty());
}

#[tokio::test]
async fn success_with_truncated_json() {
    let truncated = r#"{"id": "0f0e0d0c-0b0a-0908-0706-050403020100", "name": "de"#;
    let server = TestServer::start(move |_| raw(200, "application/json", truncated)).await;
    let error = server
        .client()
        .get_workspace_metadata_by_id(WORKSPACE, &Default::default())
        .await
        .unwrap_err();
    let Error::Decode { response, source } = error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(response.status, 200);
    assert_eq!(response.body, truncated.as_bytes());
    assert!(source.is_eof(), "{source}");
}

#[tokio::test]
async fn success_with_the_wrong_shape() {
    let server = TestServer::start(|_| server::json(200, json!({ "id": "not a uuid" }))).await;
    let error = server
        .client()
        .get_workspace_metadata_by_id(WORKSPACE, &Default::default())
        .await
        .unwrap_err();
    let Error::Decode { source, .. } = error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(source.is_data(), "{source}");
}

#[tokio::test]
async fn unknown_enum_values_are_kept() {
    let server = TestServer::start(|_| {
        let mut workspace = workspace_json();
        workspace["latest_build"]["status"] = json!("hibernating");
        workspace["latest_build"]["reason"] = json!("autostart");
        server::json(200, json!({ "workspaces": [workspace] }))
    })
    .await;
    let page = server
        .client()
        .list_workspaces(&Default::default())
        .await
        .unwrap();
    let build = page.workspaces.unwrap().remove(0).latest_build.unwrap();
    let status = build.status.unwrap();
    assert_eq!(status, WorkspaceStatus::Unknown("hibernating".to_owned()));
    assert!(!status.is_known());
    assert_eq!(status.to_string(), "hibernating");
}

#[tokio::test]
async fn dropped_connection() {
    let base_url = dropping_server().await;
    let client = Client::new(&base_url)
        .unwrap()
        .with_coder_session_token(TOKEN);
    let error = client
        .get_workspace_metadata_by_id(WORKSPACE, &Default::default())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn connection_dropped_in_the_body() {
    let base_url = truncating_server("application/json", r#"{"id": "#).await;
    let client = Client::new(&base_url).unwrap();
    let error = client
        .get_workspace_metadata_by_id(WORKSPACE, &Default::default())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn nothing_listens() {
    // Bind and release a port, so that nothing listens on it.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::new(&format!("http://127.0.0.1:{port}/api/v2")).unwrap();
    let error = client
        .list_workspaces(&Default::default())
        .await
        .unwrap_err();
    let Error::Transport(error) = error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert!(error.is_connect(), "{error}");
}

#[tokio::test]
async fn path_segments_a_url_cannot_carry_are_refused() {
    let server = TestServer::start(|_| server::json(200, workspace_json())).await;
    let client = server.client();
    let params = GetWorkspaceMetadataByUserAndWorkspaceNameParams::default();
    for (user, name) in [("..", "dev"), ("me", "."), ("", "dev")] {
        let error = client
            .get_workspace_metadata_by_user_and_workspace_name(user, name, &params)
            .await
            .unwrap_err();
        let Error::InvalidRequest(invalid) = error else {
            panic!("expected an invalid request for {user:?}/{name:?}, got {error:?}");
        };
        assert!(invalid.to_string().contains("path parameter"), "{invalid}");
    }
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_is_refused() {
    let server = TestServer::start(|_| server::json(200, workspace_json())).await;
    let client = Client::new(&server.base_url)
        .unwrap()
        .with_coder_session_token("line\nbreak");
    let error = client
        .list_workspaces(&Default::default())
        .await
        .unwrap_err();
    let Error::InvalidRequest(invalid) = error else {
        panic!("expected an invalid request, got {error:?}");
    };
    assert!(
        !invalid.to_string().contains("line"),
        "the token is not shown: {invalid}"
    );
    assert!(server.requests().is_empty());
}

// The README's example, against the test server.

#[tokio::test]
async fn readme_example() -> Result<(), Box<dyn std::error::Error>> {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/api/v2/workspaces" => {
            server::json(200, json!({ "count": 1, "workspaces": [workspace_json()] }))
        }
        _ => server::event_stream(vec![
            b"event: update\ndata: {\"name\": \"dev\"}\n\n".to_vec(),
        ]),
    })
    .await;
    let base_url = server.base_url.clone();
    let token = TOKEN;

    // The example, as README.md shows it:
    use futures::StreamExt;
    use workspaces_client::{Client, ListWorkspacesParams, types};

    let client = Client::new(&base_url)?.with_coder_session_token(token);
    let params = ListWorkspacesParams::default()
        .owner("me")
        .status(types::ListWorkspacesStatus::Running);
    let page = client.list_workspaces(&params).await?;
    for workspace in page.workspaces.unwrap_or_default() {
        let mut events = client
            .watch_workspace_by_id(workspace.id.unwrap_or_default())
            .await?;
        while let Some(event) = events.next().await {
            let update: types::Workspace = event?.json()?;
            println!(
                "{:?} is {:?}",
                update.name,
                update.latest_build.and_then(|b| b.status)
            );
        }
    }

    assert_eq!(server.requests().len(), 2);
    Ok(())
}
