//! Every operation of the generated client against Prism, an independent implementation of
//! spec/workspaces.yaml that rejects any request violating it (`prism mock --errors`).
//!
//! Not a test target: `cargo test` builds it (so it cannot rot) but never runs it, and on a
//! machine without Prism nothing skips. `.ci/run` starts Prism and runs
//!
//! ```text
//! PRISM_URL=http://127.0.0.1:4010 cargo run -p tests --example client_prism
//! ```
//!
//! which exits non-zero when `PRISM_URL` is unset or when any operation fails.

use chrono::{TimeZone, Utc};
use futures::StreamExt;
use std::process::ExitCode;
use uuid::Uuid;
use workspaces_client::types::{
    CreateWorkspaceRequest, ListWorkspacesHasAgent, ListWorkspacesStatus,
    PutExtendWorkspaceRequest, UpdateWorkspaceAutostartRequest, UpdateWorkspaceRequest,
    UpdateWorkspaceTtlRequest, WorkspaceBuildParameter,
};
use workspaces_client::{
    Client, Error, GetWorkspaceMetadataByIdParams,
    GetWorkspaceMetadataByUserAndWorkspaceNameParams, ListWorkspacesParams,
};

/// The operations of spec/workspaces.yaml, each called once by [`run`].
const OPERATIONS: usize = 9;
const WORKSPACE: Uuid = Uuid::from_u128(0x0f0e0d0c_0b0a_0908_0706_050403020100);
const ORGANIZATION: Uuid = Uuid::from_u128(0x11111111_2222_3333_4444_555555555555);

#[tokio::main]
async fn main() -> ExitCode {
    let Ok(base_url) = std::env::var("PRISM_URL") else {
        eprintln!(
            "PRISM_URL is not set: start `prism mock spec/workspaces.yaml --errors` and set it to Prism's URL"
        );
        return ExitCode::FAILURE;
    };
    let client = match Client::new(&base_url) {
        Ok(client) => client.with_coder_session_token("prism-session-token"),
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let mut results = run(&client).await;
    results.push(("(no token)", refused_without_token(&base_url).await));
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    for (operation, result) in &results {
        match result {
            Ok(what) => println!("ok    {operation}: {what}"),
            Err(error) => println!("FAIL  {operation}: {error}"),
        }
    }
    println!("{} passed, {failed} failed", results.len() - failed);
    if failed == 0 && results.len() == OPERATIONS + 1 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

type Outcome = Result<String, String>;

/// Calls every operation once, with arguments that exercise the encoding: path segments
/// with `/`, spaces and non-ASCII, optional query parameters, enums, dates and bodies.
async fn run(client: &Client) -> Vec<(&'static str, Outcome)> {
    let create = CreateWorkspaceRequest {
        name: "prism-dev".to_owned(),
        template_id: Uuid::from_u128(42),
        ttl_ms: Some(3_600_000),
        autostart_schedule: Some("CRON_TZ=UTC 30 9 * * 1-5".to_owned()),
        rich_parameter_values: Some(vec![WorkspaceBuildParameter {
            name: Some("region".to_owned()),
            value: Some("eu".to_owned()),
        }]),
        ..Default::default()
    };
    let list = ListWorkspacesParams::default()
        .owner("me & you")
        .name("dev")
        .status(ListWorkspacesStatus::Running)
        .has_agent(ListWorkspacesHasAgent::Connected);
    let by_name = GetWorkspaceMetadataByUserAndWorkspaceNameParams::default().include_deleted(true);
    let by_id = GetWorkspaceMetadataByIdParams::default().include_deleted(false);
    let deadline = PutExtendWorkspaceRequest {
        deadline: Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap(),
    };

    vec![
        (
            "create_user_workspace_by_organization",
            shown(
                client
                    .create_user_workspace_by_organization(ORGANIZATION, "a/b é", &create)
                    .await,
            ),
        ),
        (
            "get_workspace_metadata_by_user_and_workspace_name",
            shown(
                client
                    .get_workspace_metadata_by_user_and_workspace_name("me", "my dev", &by_name)
                    .await,
            ),
        ),
        (
            "list_workspaces",
            shown(client.list_workspaces(&list).await),
        ),
        (
            "get_workspace_metadata_by_id",
            shown(client.get_workspace_metadata_by_id(WORKSPACE, &by_id).await),
        ),
        (
            "update_workspace_metadata_by_id",
            shown(
                client
                    .update_workspace_metadata_by_id(
                        WORKSPACE,
                        &UpdateWorkspaceRequest {
                            name: Some("renamed".to_owned()),
                        },
                    )
                    .await,
            ),
        ),
        (
            "update_workspace_autostart_schedule_by_id",
            shown(
                client
                    .update_workspace_autostart_schedule_by_id(
                        WORKSPACE,
                        &UpdateWorkspaceAutostartRequest {
                            schedule: Some("CRON_TZ=UTC 0 8 * * *".to_owned()),
                        },
                    )
                    .await,
            ),
        ),
        (
            "extend_workspace_deadline_by_id",
            shown(
                client
                    .extend_workspace_deadline_by_id(WORKSPACE, &deadline)
                    .await,
            ),
        ),
        (
            "update_workspace_ttl_by_id",
            shown(
                client
                    .update_workspace_ttl_by_id(
                        WORKSPACE,
                        &UpdateWorkspaceTtlRequest {
                            ttl_ms: Some(7_200_000),
                        },
                    )
                    .await,
            ),
        ),
        ("watch_workspace_by_id", watch(client).await),
    ]
}

fn shown<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<T, workspaces_client::Error<E>>,
) -> Outcome {
    match result {
        Ok(value) => {
            let text = format!("{value:?}");
            Ok(text.chars().take(100).collect())
        }
        Err(error) => Err(error.to_string()),
    }
}

/// What Prism answers when it has validated a request but cannot mock its response: the
/// spec gives the event stream an object schema, and Prism cannot write an object as text
/// (its error `NO_COMPLEX_OBJECT_TEXT`). Any request Prism refuses gets a 4xx instead.
const PRISM_CANNOT_MOCK: &str = "Cannot serialise complex objects as text";

/// Opens the stream and reads it to its end. When Prism accepted the request but cannot
/// mock an event stream for the spec's schema, the request still passed its validation.
async fn watch(client: &Client) -> Outcome {
    let mut stream = match client.watch_workspace_by_id(WORKSPACE).await {
        Ok(stream) => stream,
        Err(Error::Api(response))
            if response.status == 500
                && response.body.detail.as_deref() == Some(PRISM_CANNOT_MOCK) =>
        {
            return Ok(
                "request valid; Prism cannot mock an object schema as text/event-stream".to_owned(),
            );
        }
        Err(error) => return Err(error.to_string()),
    };
    let mut events = 0;
    while let Some(event) = stream.next().await {
        event.map_err(|error| error.to_string())?;
        events += 1;
    }
    Ok(format!("{} stream, {events} events", stream.status()))
}

/// The negative control: Prism does validate. Without the session token the spec requires,
/// it must refuse the call with 401.
async fn refused_without_token(base_url: &str) -> Outcome {
    let client = Client::new(base_url).map_err(|error| error.to_string())?;
    match client
        .list_workspaces(&ListWorkspacesParams::default())
        .await
    {
        Err(error) if error.status().map(|s| s.as_u16()) == Some(401) => {
            Ok("refused with 401 as the spec requires".to_owned())
        }
        Err(error) => Err(format!("expected 401, got {error}")),
        Ok(_) => {
            Err("Prism accepted a call without the session token: is `--errors` on?".to_owned())
        }
    }
}
