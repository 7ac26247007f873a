//! Tokens from a source the caller implements, for the schemes that send a bearer token
//! (OAuth 2, OpenID Connect, HTTP bearer): a token that expires is fetched again, and one
//! the server refuses is replaced once.

use crate::http::{BoxError, TokenResult, Tokens};
use std::future::Future;
use std::pin::Pin;

/// Hands out the tokens a client sends as `Authorization: Bearer <token>`.
///
/// The client asks before each request that needs a token, with `refresh` false: a source
/// answers from its cache while the token is good. When the server answers 401, the client
/// asks once more with `refresh` true and sends the request again; a second 401 is the
/// call's answer. A source that has no token fails the call with [`crate::Error::Hook`].
///
/// An implementation writes `async fn token(&self, refresh: bool) -> Result<String,
/// BoxError>`; its future must be `Send`, as a client's calls run on any thread.
pub trait TokenSource: Send + Sync + 'static {
    /// A token to send; when `refresh`, one other than the token the server just refused.
    fn token(&self, refresh: bool) -> impl Future<Output = Result<String, BoxError>> + Send;
}

impl<T: TokenSource> Tokens for T {
    fn token(&self, refresh: bool) -> Pin<Box<dyn Future<Output = TokenResult> + Send + '_>> {
        Box::pin(TokenSource::token(self, refresh))
    }
}
