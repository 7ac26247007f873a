//! An example client middleware: reqwest-retry's retries of transient failures (a 5XX, a
//! 408 or 429, a dropped connection), for the methods RFC 9110 (section 9.2.2) calls
//! idempotent only. A `POST` that failed may still have taken effect, so sending it again
//! could do it twice. tests/hooks.rs runs it against the generated server.

use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};
use reqwest_retry::RetryTransientMiddleware;
use reqwest_retry::policies::ExponentialBackoff;
use std::time::Duration;

/// Runs `M` for requests of idempotent methods, and sends the others once.
pub struct IdempotentOnly<M>(pub M);

#[async_trait::async_trait]
impl<M: Middleware> Middleware for IdempotentOnly<M> {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut axum::http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        match request.method().is_idempotent() {
            true => self.0.handle(request, extensions, next).await,
            false => next.run(request, extensions).await,
        }
    }
}

/// `http` with up to `retries` retries of idempotent requests, after short backoffs.
pub fn retrying(http: reqwest::Client, retries: u32) -> ClientWithMiddleware {
    let policy = ExponentialBackoff::builder()
        .retry_bounds(Duration::from_millis(1), Duration::from_millis(20))
        .build_with_max_retries(retries);
    let retry = RetryTransientMiddleware::new_with_policy(policy);
    ClientBuilder::new(http).with(IdempotentOnly(retry)).build()
}
