//! An example token source: OAuth 2's client-credentials grant (RFC 6749, section 4.4). It
//! asks the token endpoint for a token with the client's id and secret, keeps it until it
//! expires, and asks again when the client says the server refused it. tests/auth.rs runs
//! it against a token endpoint the test serves.

use auth_client::{BoxError, TokenSource};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The client-credentials grant against `token_url`.
pub struct ClientCredentials {
    pub http: reqwest::Client,
    pub token_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// The scopes asked for, separated by spaces.
    pub scope: String,
    /// The last token, and when it expires.
    pub cached: Mutex<Option<(String, Instant)>>,
}

impl ClientCredentials {
    /// A token from the endpoint, and when it expires (an hour when it does not say).
    async fn fetch(&self) -> Result<(String, Instant), BoxError> {
        let form = [
            ("grant_type", "client_credentials"),
            ("scope", self.scope.as_str()),
        ];
        let response = self
            .http
            .post(&self.token_url)
            .basic_auth(&self.client_id, Some(&self.client_secret))
            .form(&form)
            .send()
            .await?
            .error_for_status()?;
        let bytes = response.bytes().await?;
        let body: serde_json::Value = serde_json::from_slice(&bytes)?;
        let token = body["access_token"]
            .as_str()
            .ok_or("the token response has no `access_token`")?;
        let lifetime = body["expires_in"].as_u64().unwrap_or(3600);
        Ok((
            token.to_owned(),
            Instant::now() + Duration::from_secs(lifetime),
        ))
    }
}

impl TokenSource for ClientCredentials {
    async fn token(&self, refresh: bool) -> Result<String, BoxError> {
        let cached = self.cached.lock().unwrap().clone();
        let good = |(_, expires): &(String, Instant)| !refresh && Instant::now() < *expires;
        if let Some((token, _)) = cached.filter(good) {
            return Ok(token);
        }
        let (token, expires) = self.fetch().await?;
        *self.cached.lock().unwrap() = Some((token.clone(), expires));
        Ok(token)
    }
}
