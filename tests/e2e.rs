//! End to end: the generated client against the demo server (the generated server crate with
//! an in-memory implementation) over real HTTP on 127.0.0.1. Every operation, its success and
//! its documented errors, and a watch that sees a change another request makes.

use chrono::{Duration, Utc};
use futures::StreamExt;
use std::sync::Arc;
use uuid::Uuid;
use workspaces_client::types::{
    CreateWorkspaceRequest, ListWorkspacesHasAgent, ListWorkspacesStatus,
    PutExtendWorkspaceRequest, Response, UpdateWorkspaceAutostartRequest, UpdateWorkspaceRequest,
    UpdateWorkspaceTtlRequest, Workspace,
};
use workspaces_client::{
    Client, Error, GetWorkspaceMetadataByIdParams as ByIdParams,
    GetWorkspaceMetadataByUserAndWorkspaceNameParams as ByNameParams, ListWorkspacesParams,
};
use workspaces_demo::{ALICE, CALLER, DELETED, DOCKER_TEMPLATE, Demo, ORGANIZATION};

const TOKEN: &str = "e2e-token";

/// Serves a fresh demo on an ephemeral port; returns a client with the token, and the demo.
async fn serve() -> (Client, Arc<Demo>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let demo = Arc::new(Demo::new(TOKEN));
    let app = workspaces_demo::app(Arc::clone(&demo));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let base = format!("http://{addr}{}", workspaces_server::BASE_PATH);
    let client = Client::new(&base).unwrap().with_coder_session_token(TOKEN);
    (client, demo)
}

/// The status and the error body of a documented error.
fn api_error<T: std::fmt::Debug>(result: Result<T, Error<Response>>) -> (u16, Response) {
    match result {
        Err(Error::Api(response)) => (response.status.as_u16(), response.body),
        other => panic!("expected an error body, got {other:?}"),
    }
}

/// The fields an error body's validations name.
fn fields(body: &Response) -> Vec<&str> {
    body.validations
        .iter()
        .flatten()
        .map(|v| v.field.as_str())
        .collect()
}

fn create(name: &str) -> CreateWorkspaceRequest {
    CreateWorkspaceRequest {
        name: name.to_owned(),
        template_id: DOCKER_TEMPLATE,
        ..Default::default()
    }
}

fn names(workspaces: Option<Vec<Workspace>>) -> Vec<String> {
    workspaces
        .unwrap_or_default()
        .into_iter()
        .filter_map(|w| w.name)
        .collect()
}

#[tokio::test]
async fn create_and_get() {
    let (client, demo) = serve().await;
    let made = client
        .create_user_workspace_by_organization(ORGANIZATION, "me", &create("dev"))
        .await
        .unwrap();
    assert_eq!(made.name.as_deref(), Some("dev"));
    assert_eq!(made.owner_name.as_deref(), Some(CALLER));
    assert_eq!(made.owner_id, Some(demo.caller_id()));
    assert_eq!(made.template_name.as_deref(), Some("docker"));
    let id = made.id.unwrap();

    // By id, and by owner and name: `me`, the name and the id all mean the caller.
    let by_id = client
        .get_workspace_metadata_by_id(id, &ByIdParams::default())
        .await
        .unwrap();
    assert_eq!(by_id, made);
    for owner in [
        "me".to_owned(),
        CALLER.to_owned(),
        demo.caller_id().to_string(),
    ] {
        let by_name = client
            .get_workspace_metadata_by_user_and_workspace_name(
                &owner,
                "dev",
                &ByNameParams::default(),
            )
            .await
            .unwrap();
        assert_eq!(by_name.id, Some(id), "{owner}");
    }

    // For another user.
    let hers = client
        .create_user_workspace_by_organization(ORGANIZATION, "alice", &create("dev"))
        .await
        .unwrap();
    assert_eq!(hers.owner_id, Some(ALICE));

    // Unknown ids and names are 404.
    let missing = client
        .get_workspace_metadata_by_id(Uuid::new_v4(), &ByIdParams::default())
        .await;
    assert_eq!(api_error(missing).0, 404);
    let missing = client
        .get_workspace_metadata_by_user_and_workspace_name("me", "nope", &ByNameParams::default())
        .await;
    assert_eq!(api_error(missing).0, 404);
    let missing = client
        .get_workspace_metadata_by_user_and_workspace_name("bob", "dev", &ByNameParams::default())
        .await;
    assert_eq!(api_error(missing).0, 404);
}

#[tokio::test]
async fn create_rejects_conflicts_and_bad_requests() {
    let (client, _) = serve().await;
    client
        .create_user_workspace_by_organization(ORGANIZATION, "me", &create("dev"))
        .await
        .unwrap();

    let (status, body) = api_error(
        client
            .create_user_workspace_by_organization(ORGANIZATION, "me", &create("dev"))
            .await,
    );
    assert_eq!(status, 409);
    assert_eq!(fields(&body), ["name"]);

    let no_template = CreateWorkspaceRequest {
        template_id: Uuid::nil(),
        ..create("other")
    };
    let (status, body) = api_error(
        client
            .create_user_workspace_by_organization(ORGANIZATION, "me", &no_template)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(fields(&body), ["template_id"]);

    let everything_wrong = CreateWorkspaceRequest {
        name: "-bad name-".to_owned(),
        template_id: Uuid::new_v4(),
        ttl_ms: Some(5),
        autostart_schedule: Some("whenever".to_owned()),
        ..Default::default()
    };
    let (status, body) = api_error(
        client
            .create_user_workspace_by_organization(ORGANIZATION, "me", &everything_wrong)
            .await,
    );
    assert_eq!(status, 400);
    assert_eq!(
        fields(&body),
        ["name", "template_id", "ttl_ms", "autostart_schedule"]
    );

    let (status, _) = api_error(
        client
            .create_user_workspace_by_organization(ORGANIZATION, "bob", &create("x"))
            .await,
    );
    assert_eq!(status, 404);
}

#[tokio::test]
async fn deleted_workspaces_only_when_asked_for() {
    let (client, _) = serve().await;
    let hidden = client
        .get_workspace_metadata_by_user_and_workspace_name("me", DELETED, &ByNameParams::default())
        .await;
    assert_eq!(api_error(hidden).0, 404);
    let deleted = client
        .get_workspace_metadata_by_user_and_workspace_name(
            "me",
            DELETED,
            &ByNameParams::default().include_deleted(true),
        )
        .await
        .unwrap();
    let id = deleted.id.unwrap();
    let hidden = client
        .get_workspace_metadata_by_id(id, &ByIdParams::default())
        .await;
    assert_eq!(api_error(hidden).0, 404);
    let shown = client
        .get_workspace_metadata_by_id(id, &ByIdParams::default().include_deleted(true))
        .await
        .unwrap();
    assert_eq!(shown.name.as_deref(), Some(DELETED));
    // Its name is free again.
    client
        .create_user_workspace_by_organization(ORGANIZATION, "me", &create(DELETED))
        .await
        .unwrap();
}

#[tokio::test]
async fn list_filters() {
    let (client, _) = serve().await;
    for name in ["dev", "devbox", "build"] {
        client
            .create_user_workspace_by_organization(ORGANIZATION, "me", &create(name))
            .await
            .unwrap();
    }
    let list = |params: ListWorkspacesParams| {
        let client = client.clone();
        async move { client.list_workspaces(&params).await.unwrap() }
    };
    let all = list(ListWorkspacesParams::default()).await;
    assert_eq!(all.count, Some(4));
    assert_eq!(
        names(all.workspaces),
        ["build", "dev", "devbox", "alice-dev"]
    );
    let cases = [
        (
            ListWorkspacesParams::default().owner("me"),
            vec!["build", "dev", "devbox"],
        ),
        (
            ListWorkspacesParams::default().owner("alice"),
            vec!["alice-dev"],
        ),
        (ListWorkspacesParams::default().owner("nobody"), vec![]),
        (
            ListWorkspacesParams::default().template("kubernetes"),
            vec!["alice-dev"],
        ),
        (
            ListWorkspacesParams::default().name("DEV"),
            vec!["dev", "devbox", "alice-dev"],
        ),
        (ListWorkspacesParams::default().name("box"), vec!["devbox"]),
        (
            ListWorkspacesParams::default()
                .status(ListWorkspacesStatus::Running)
                .owner("me"),
            vec!["build", "dev", "devbox"],
        ),
        (
            ListWorkspacesParams::default().status(ListWorkspacesStatus::Stopped),
            vec![],
        ),
        (
            ListWorkspacesParams::default()
                .has_agent(ListWorkspacesHasAgent::Connected)
                .owner("alice"),
            vec!["alice-dev"],
        ),
        (
            ListWorkspacesParams::default().has_agent(ListWorkspacesHasAgent::Timeout),
            vec![],
        ),
    ];
    for (params, expected) in cases {
        let found = list(params.clone()).await;
        assert_eq!(found.count, Some(expected.len() as i64), "{params:?}");
        assert_eq!(names(found.workspaces), expected, "{params:?}");
    }
    // An unknown enum value never leaves the client as a valid request: the server says 400.
    let unknown = client
        .list_workspaces(
            &ListWorkspacesParams::default().status(ListWorkspacesStatus::from("asleep")),
        )
        .await;
    let (status, body) = api_error(unknown);
    assert_eq!(status, 400);
    assert_eq!(fields(&body), ["status"]);
}

#[tokio::test]
async fn rename_schedule_deadline_and_ttl() {
    let (client, _) = serve().await;
    let id = client
        .create_user_workspace_by_organization(ORGANIZATION, "me", &create("dev"))
        .await
        .unwrap()
        .id
        .unwrap();
    client
        .create_user_workspace_by_organization(ORGANIZATION, "me", &create("taken"))
        .await
        .unwrap();
    let get = || async {
        client
            .get_workspace_metadata_by_id(id, &ByIdParams::default())
            .await
            .unwrap()
    };

    // Rename.
    let rename = |name: &str| UpdateWorkspaceRequest {
        name: Some(name.to_owned()),
    };
    client
        .update_workspace_metadata_by_id(id, &rename("renamed"))
        .await
        .unwrap();
    assert_eq!(get().await.name.as_deref(), Some("renamed"));
    let (status, _) = api_error(
        client
            .update_workspace_metadata_by_id(id, &rename("taken"))
            .await,
    );
    assert_eq!(status, 409);
    let (status, body) = api_error(
        client
            .update_workspace_metadata_by_id(id, &rename("a b"))
            .await,
    );
    assert_eq!((status, fields(&body)), (400, vec!["name"]));
    let (status, _) = api_error(
        client
            .update_workspace_metadata_by_id(Uuid::new_v4(), &rename("x"))
            .await,
    );
    assert_eq!(status, 404);

    // Autostart schedule: set, refuse a bad one, clear.
    let schedule = |s: Option<&str>| UpdateWorkspaceAutostartRequest {
        schedule: s.map(str::to_owned),
    };
    let weekdays = "CRON_TZ=Europe/Dublin 30 9 * * 1-5";
    client
        .update_workspace_autostart_schedule_by_id(id, &schedule(Some(weekdays)))
        .await
        .unwrap();
    assert_eq!(get().await.autostart_schedule.as_deref(), Some(weekdays));
    let (status, body) = api_error(
        client
            .update_workspace_autostart_schedule_by_id(id, &schedule(Some("soon")))
            .await,
    );
    assert_eq!((status, fields(&body)), (400, vec!["schedule"]));
    client
        .update_workspace_autostart_schedule_by_id(id, &schedule(None))
        .await
        .unwrap();
    assert_eq!(get().await.autostart_schedule, None);

    // Deadline: extend into the future, refuse the past.
    let deadline = Utc::now() + Duration::hours(12);
    let answer = client
        .extend_workspace_deadline_by_id(id, &PutExtendWorkspaceRequest { deadline })
        .await
        .unwrap();
    assert!(answer.message.unwrap().contains("updated"));
    assert_eq!(get().await.latest_build.unwrap().deadline, Some(deadline));
    let past = PutExtendWorkspaceRequest {
        deadline: Utc::now() - Duration::minutes(1),
    };
    let (status, body) = api_error(client.extend_workspace_deadline_by_id(id, &past).await);
    assert_eq!((status, fields(&body)), (400, vec!["deadline"]));
    assert_eq!(get().await.latest_build.unwrap().deadline, Some(deadline));

    // TTL: set, refuse one under a minute, clear.
    let ttl = |ms: Option<i64>| UpdateWorkspaceTtlRequest { ttl_ms: ms };
    client
        .update_workspace_ttl_by_id(id, &ttl(Some(3_600_000)))
        .await
        .unwrap();
    assert_eq!(get().await.ttl_ms, Some(3_600_000));
    let (status, body) = api_error(
        client
            .update_workspace_ttl_by_id(id, &ttl(Some(1_000)))
            .await,
    );
    assert_eq!((status, fields(&body)), (400, vec!["ttl_ms"]));
    client
        .update_workspace_ttl_by_id(id, &ttl(None))
        .await
        .unwrap();
    assert_eq!(get().await.ttl_ms, None);
}

/// The next event of a watch: its message, and the workspace it carries.
async fn next(events: &mut workspaces_client::EventStream<Response>) -> (String, Workspace) {
    let event = tokio::time::timeout(std::time::Duration::from_secs(10), events.next())
        .await
        .expect("an event within 10 s")
        .expect("the stream goes on")
        .expect("a well-formed event");
    let body = event.item().unwrap();
    let workspace: Workspace = serde_json::from_str(body.detail.as_deref().unwrap()).unwrap();
    (body.message.unwrap(), workspace)
}

#[tokio::test]
async fn watch_sees_a_change_made_by_another_request() {
    let (client, _) = serve().await;
    let id = client
        .create_user_workspace_by_organization(ORGANIZATION, "me", &create("watched"))
        .await
        .unwrap()
        .id
        .unwrap();
    let mut events = client.watch_workspace_by_id(id).await.unwrap();
    let (message, state) = next(&mut events).await;
    assert_eq!(
        (message.as_str(), state.name.as_deref()),
        ("Workspace state.", Some("watched"))
    );

    // Another client, another request.
    let other = client.clone();
    let rename = UpdateWorkspaceRequest {
        name: Some("seen".to_owned()),
    };
    other
        .update_workspace_metadata_by_id(id, &rename)
        .await
        .unwrap();
    let (message, changed) = next(&mut events).await;
    assert_eq!(
        (message.as_str(), changed.name.as_deref()),
        ("Workspace updated.", Some("seen"))
    );

    // Changes to other workspaces are not sent; the next change to this one is.
    other
        .create_user_workspace_by_organization(ORGANIZATION, "me", &create("unrelated"))
        .await
        .unwrap();
    let ttl = UpdateWorkspaceTtlRequest {
        ttl_ms: Some(600_000),
    };
    other.update_workspace_ttl_by_id(id, &ttl).await.unwrap();
    let (_, changed) = next(&mut events).await;
    assert_eq!(
        (changed.name.as_deref(), changed.ttl_ms),
        (Some("seen"), Some(600_000))
    );

    let (status, _) = api_error(client.watch_workspace_by_id(Uuid::new_v4()).await);
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_wrong_or_missing_token_is_401_for_every_operation() {
    let (client, _) = serve().await;
    let base = client.base_url().as_str().to_owned();
    for bad in [
        Client::new(&base)
            .unwrap()
            .with_coder_session_token("wrong"),
        Client::new(&base).unwrap(),
    ] {
        let id = Uuid::new_v4();
        let statuses = [
            api_error(
                bad.create_user_workspace_by_organization(ORGANIZATION, "me", &create("x"))
                    .await,
            )
            .0,
            api_error(
                bad.get_workspace_metadata_by_user_and_workspace_name(
                    "me",
                    "x",
                    &ByNameParams::default(),
                )
                .await,
            )
            .0,
            api_error(bad.list_workspaces(&ListWorkspacesParams::default()).await).0,
            api_error(
                bad.get_workspace_metadata_by_id(id, &ByIdParams::default())
                    .await,
            )
            .0,
            api_error(
                bad.update_workspace_metadata_by_id(id, &UpdateWorkspaceRequest::default())
                    .await,
            )
            .0,
            api_error(
                bad.update_workspace_autostart_schedule_by_id(
                    id,
                    &UpdateWorkspaceAutostartRequest::default(),
                )
                .await,
            )
            .0,
            api_error(
                bad.extend_workspace_deadline_by_id(
                    id,
                    &PutExtendWorkspaceRequest {
                        deadline: Utc::now(),
                    },
                )
                .await,
            )
            .0,
            api_error(
                bad.update_workspace_ttl_by_id(id, &UpdateWorkspaceTtlRequest::default())
                    .await,
            )
            .0,
            api_error(bad.watch_workspace_by_id(id).await).0,
        ];
        assert_eq!(statuses, [401; 9]);
    }
}
