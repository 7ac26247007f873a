//! `cargo run -p workspaces-demo -- --addr 127.0.0.1:3000 --token TOKEN`: serves the demo
//! until interrupted. Only requests carrying `Coder-Session-Token: TOKEN` get through.

use clap::Parser;
use std::net::SocketAddr;
use std::sync::Arc;
use workspaces_demo::{Demo, app};

#[derive(Parser)]
#[command(about = "An in-memory workspaces API server")]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// The one session token the server accepts.
    #[arg(long)]
    token: String,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    let demo = Arc::new(Demo::new(args.token));
    println!(
        "serving http://{}{}",
        listener.local_addr()?,
        workspaces_server::BASE_PATH
    );
    axum::serve(listener, app(demo))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
