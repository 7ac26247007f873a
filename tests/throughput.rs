//! Throughput over loopback, for `cargo xtask bench --only throughput` (a benchmark: built by
//! `cargo test` so that it cannot rot, never run by it).
//!
//! - Server: the generated router serving the demo, against a hand-written axum handler that
//!   does the same work for `GET /workspaces/{workspace}` (reads the token, asks the demo's
//!   `authenticate`, parses the id and the query, calls the same method, writes the same
//!   JSON). One plain reqwest load loop drives both.
//! - Server checks: the generated router for `PUT /workspaces/{workspace}/ttl` (a JSON body read
//!   as JSON first and checked: its optional `ttl_ms` may not be null) with `Config::checks` on,
//!   against the same router with it off, which decodes the body straight into its type.
//! - Client: the generated client's `get_workspace_metadata_by_id`, against plain reqwest
//!   sending the same request and decoding the same type, both to the hand-written server.
//!
//! Each pair runs alternately `--runs` times; each run is bounded by `--requests` and by
//! `--seconds`. Prints requests per second as medians, and their ratio.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use uuid::Uuid;
use workspaces_client::{Client, GetWorkspaceMetadataByIdParams, ListWorkspacesParams};
use workspaces_demo::Demo;
use workspaces_server::{
    ApiKey, BASE_PATH, Config, Credential, GetWorkspaceMetadataByIdQuery,
    GetWorkspaceMetadataByIdResponse, KeyLocation, Workspaces,
};
use xtask::bench::median;

const TOKEN: &str = "throughput-token";
/// Requests in flight at once, each on a kept-alive connection.
const CONCURRENCY: usize = 16;

/// How long each measurement runs.
#[derive(clap::Parser)]
struct Limits {
    /// Alternate runs of each pair.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Requests per run, at most.
    #[arg(long, default_value_t = 20_000)]
    requests: usize,
    /// Seconds per run, at most.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let limits = <Limits as clap::Parser>::parse();
    let demo = Arc::new(Demo::new(TOKEN));
    let generated = serve(workspaces_demo::app(demo.clone())).await?;
    let unchecked = Config {
        checks: false,
        ..Config::default()
    };
    let unchecked = serve(axum::Router::new().nest(
        BASE_PATH,
        workspaces_server::router_with(demo.clone(), unchecked),
    ))
    .await?;
    let handwritten = serve(
        axum::Router::new()
            .route(
                &format!("{BASE_PATH}/workspaces/{{workspace}}"),
                axum::routing::get(handwritten),
            )
            .with_state(demo),
    )
    .await?;
    let client = Client::new(&handwritten)
        .map_err(|e| e.to_string())?
        .with_coder_session_token(TOKEN);
    // The hand-written server has only the one route: the generated one lists.
    let id = Client::new(&generated)
        .map_err(|e| e.to_string())?
        .with_coder_session_token(TOKEN)
        .list_workspaces(&ListWorkspacesParams::default())
        .await
        .map_err(|e| e.to_string())?
        .workspaces
        .and_then(|w| w.into_iter().next())
        .and_then(|w| w.id)
        .ok_or("the demo lists no workspace")?;
    let http = reqwest::Client::new();
    let plain = |base: String| {
        let http = http.clone();
        move || {
            let request = http
                .get(format!("{base}/workspaces/{id}"))
                .header("Coder-Session-Token", TOKEN);
            async move {
                let response = request.send().await.map_err(|e| e.to_string())?;
                if response.status() != StatusCode::OK {
                    return Err(format!("status {}", response.status()));
                }
                let body = response.bytes().await.map_err(|e| e.to_string())?;
                serde_json::from_slice::<workspaces_client::types::Workspace>(&body)
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
        }
    };
    // The same TTL each time: the request changes nothing after the first.
    let ttl = |base: String| {
        let http = http.clone();
        move || {
            let request = http
                .put(format!("{base}/workspaces/{id}/ttl"))
                .header("Coder-Session-Token", TOKEN)
                .header("content-type", "application/json")
                .body(r#"{"ttl_ms":3600000}"#);
            async move {
                let response = request.send().await.map_err(|e| e.to_string())?;
                match response.status() {
                    StatusCode::NO_CONTENT => Ok(()),
                    status => Err(format!("status {status}")),
                }
            }
        }
    };
    let typed = {
        let client = client.clone();
        move || {
            let client = client.clone();
            async move {
                client
                    .get_workspace_metadata_by_id(id, &GetWorkspaceMetadataByIdParams::default())
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
        }
    };
    println!(
        "throughput over loopback, requests per second, medians of {} alternate runs of at most {} requests, {CONCURRENCY} in flight",
        limits.runs, limits.requests
    );
    println!("| figure | generated | hand-written (checks off) | ratio |");
    println!("| --- | --- | --- | --- |");
    let server = pair(
        &limits,
        plain(generated.clone()),
        plain(handwritten.clone()),
    )
    .await?;
    row("server: GET /workspaces/{workspace}", server);
    let checked = pair(&limits, ttl(generated), ttl(unchecked)).await?;
    row(
        "server: PUT /workspaces/{workspace}/ttl, checks on / off",
        checked,
    );
    let client = pair(&limits, typed, plain(handwritten)).await?;
    row("client: get_workspace_metadata_by_id", client);
    Ok(())
}

/// What the generated router does for this operation, written by hand.
async fn handwritten(
    State(demo): State<Arc<Demo>>,
    Path(workspace): Path<Uuid>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = headers
        .get("Coder-Session-Token")
        .and_then(|v| v.to_str().ok())
    else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let credential = Credential::CoderSessionToken(ApiKey {
        name: "Coder-Session-Token",
        location: KeyLocation::Header,
        key: token.to_owned(),
    });
    if let Err(error) = demo
        .authenticate(&credential, "get-workspace-metadata-by-id")
        .await
    {
        return error.into_response();
    }
    let include_deleted = match query.get("include_deleted").map(|v| v.parse()) {
        None => None,
        Some(Ok(value)) => Some(value),
        Some(Err(_)) => return StatusCode::BAD_REQUEST.into_response(),
    };
    let query = GetWorkspaceMetadataByIdQuery { include_deleted };
    match demo
        .get_workspace_metadata_by_id(credential, workspace, query)
        .await
    {
        Ok(GetWorkspaceMetadataByIdResponse::Ok(body)) => axum::Json(body).into_response(),
        Err(error) => error.into_response(),
    }
}

/// Serves an app on an ephemeral loopback port; its base URL.
async fn serve(app: axum::Router) -> Result<String, String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(format!("http://{addr}{BASE_PATH}"))
}

/// Medians of the two sides' throughput, run alternately.
async fn pair<A, B, FA, FB>(limits: &Limits, a: A, b: B) -> Result<(f64, f64), String>
where
    A: Fn() -> FA + Clone + Send + 'static,
    B: Fn() -> FB + Clone + Send + 'static,
    FA: Future<Output = Result<(), String>> + Send,
    FB: Future<Output = Result<(), String>> + Send,
{
    let (mut first, mut second) = (Vec::new(), Vec::new());
    // One run each to warm the connections up, not counted.
    load(limits, a.clone()).await?;
    load(limits, b.clone()).await?;
    for _ in 0..limits.runs {
        first.push(load(limits, a.clone()).await?);
        second.push(load(limits, b.clone()).await?);
    }
    Ok((median(first), median(second)))
}

/// Requests per second of `CONCURRENCY` loops calling `call` until `limits.requests` are done
/// or `limits.seconds` are up.
async fn load<C, F>(limits: &Limits, call: C) -> Result<f64, String>
where
    C: Fn() -> F + Clone + Send + 'static,
    F: Future<Output = Result<(), String>> + Send,
{
    let started = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(limits.seconds);
    let loops: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (started, done, call) = (started.clone(), done.clone(), call.clone());
            let requests = limits.requests;
            tokio::spawn(async move {
                while started.fetch_add(1, Ordering::Relaxed) < requests
                    && Instant::now() < deadline
                {
                    call().await?;
                    done.fetch_add(1, Ordering::Relaxed);
                }
                Ok::<(), String>(())
            })
        })
        .collect();
    for running in loops {
        running.await.map_err(|e| e.to_string())??;
    }
    Ok(done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64())
}

fn row(figure: &str, (generated, handwritten): (f64, f64)) {
    println!(
        "| {figure} | {generated:.0} | {handwritten:.0} | {:.2}x |",
        generated / handwritten
    );
}
