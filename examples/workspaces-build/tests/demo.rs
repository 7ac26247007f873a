//! The client a build script generated, against the demo server over real HTTP.

use std::sync::Arc;
use workspaces_build::{BuildParameter, Client, Error, ListWorkspacesParams, types};
use workspaces_demo::{DOCKER_TEMPLATE, Demo, ORGANIZATION};

const TOKEN: &str = "build-token";

/// A fresh demo on a loopback port; the base URL of its API, and the demo.
async fn serve() -> (String, Arc<Demo>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let demo = Arc::new(Demo::new(TOKEN));
    let app = workspaces_demo::app(Arc::clone(&demo));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let base = format!("http://{address}{}", workspaces_server::BASE_PATH);
    (base, demo)
}

#[tokio::test]
async fn the_generated_client_calls_the_demo_server() {
    let (base, demo) = serve().await;
    let client = Client::new(&base).unwrap().with_coder_session_token(TOKEN);
    let request = types::CreateWorkspaceRequest {
        name: "built".to_owned(),
        template_id: DOCKER_TEMPLATE,
        // The generated request holds this crate's own type.
        rich_parameter_values: Some(vec![BuildParameter {
            name: "region".to_owned(),
            value: "eu".to_owned(),
        }]),
        ..Default::default()
    };
    let created: types::Workspace = client
        .create_user_workspace_by_organization(ORGANIZATION, "me", &request)
        .await
        .unwrap();
    assert_eq!(created.owner_id, Some(demo.caller_id()));
    let params = ListWorkspacesParams::default().owner("me");
    let listed: types::WorkspacesResponse = client.list_workspaces(&params).await.unwrap();
    let names: Vec<String> = listed
        .workspaces
        .unwrap_or_default()
        .into_iter()
        .filter_map(|w| w.name)
        .collect();
    assert!(names.contains(&"built".to_owned()), "{names:?}");
    // Without the token: the documented error body, decoded into the generated type.
    let anonymous = Client::new(&base).unwrap();
    match anonymous.list_workspaces(&params).await {
        Err(Error::Api(response)) => assert_eq!(response.status.as_u16(), 401),
        other => panic!("expected a 401, got {other:?}"),
    }
}
