//! The constraints fixture's server (tests/fixtures/checks/checks.yaml) on an address, for
//! schemathesis: `cargo run -p tests --example checks_demo -- 127.0.0.1:3000`
//! (scripts/schemathesis-checks.sh runs it).

use std::sync::Arc;
#[path = "members.rs"]
mod members;

use members::Members;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("serving http://{}", listener.local_addr()?);
    axum::serve(
        listener,
        checks_server::router(Arc::new(Members::default())),
    )
    .await
}
