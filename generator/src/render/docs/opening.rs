//! The pages before the reference: `index.md`, which opens it, and `authentication.md`, how
//! each security scheme's credential is sent. What the document does not say (where the
//! pages are published, how a user makes a token, which request to show) comes from the
//! docs options.

use super::markdown;
use crate::model::{Api, Method, ParamLocation, SecurityKind, SecurityScheme};
use crate::render::DocsOptions;
use askama::Template;

/// What an elided credential looks like in the samples.
const ELIDED: &str = "*****";

#[derive(Template)]
#[template(path = "docs/index.md")]
pub(super) struct IndexPage {
    /// `Get started with {title}:` as prettier prints it.
    opening: String,
    site: Option<String>,
}

impl IndexPage {
    pub(super) fn new(api: &Api, docs: &DocsOptions) -> Self {
        IndexPage {
            opening: markdown::tidy(&format!("Get started with {}:", api.info.title)),
            site: docs.site.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "docs/authentication.md")]
pub(super) struct AuthenticationPage {
    token_command: Option<String>,
    /// The API's name: the title without a trailing ` API`.
    product: String,
    ways: Vec<Way>,
}

/// How one scheme's credential travels, and a request that sends it.
#[derive(PartialEq)]
struct Way {
    /// What the sentence ends with: `` `Coder-Session-Token` HTTP header ``.
    carrier: String,
    url: String,
    header: Option<String>,
}

impl AuthenticationPage {
    /// The page, or `None` for an API without a scheme the samples can show.
    pub(super) fn new(api: &Api, docs: &DocsOptions, base: &str) -> Option<Self> {
        let path = docs
            .token_example
            .clone()
            .unwrap_or_else(|| example_path(api));
        let url = format!("{base}{path}");
        let mut ways: Vec<Way> = Vec::new();
        // Schemes sent alike (a bearer token and an OAuth 2 one) are shown once.
        for way in api.security_schemes.iter().filter_map(|s| way(s, &url)) {
            if !ways.contains(&way) {
                ways.push(way);
            }
        }
        if ways.is_empty() {
            return None;
        }
        let title = api.info.title.trim();
        Some(AuthenticationPage {
            token_command: docs.token_command.clone(),
            product: markdown::tidy(title.strip_suffix(" API").unwrap_or(title)),
            ways,
        })
    }
}

fn way(scheme: &SecurityScheme, url: &str) -> Option<Way> {
    let header = |carrier: &str, value: String| Way {
        carrier: format!("`{carrier}` HTTP header"),
        url: url.to_owned(),
        header: Some(value),
    };
    match &scheme.kind {
        SecurityKind::ApiKey { location, param } => match location {
            ParamLocation::Header => Some(header(param, format!("{param}: {ELIDED}"))),
            ParamLocation::Query => Some(Way {
                carrier: format!("`{param}` query parameter"),
                url: format!("{url}?{param}={ELIDED}"),
                header: None,
            }),
            ParamLocation::Cookie => Some(Way {
                carrier: format!("`{param}` cookie"),
                url: url.to_owned(),
                header: Some(format!("Cookie: {param}={ELIDED}")),
            }),
            ParamLocation::Path => None,
        },
        SecurityKind::Bearer | SecurityKind::OAuth2 => Some(header(
            "Authorization",
            format!("Authorization: Bearer {ELIDED}"),
        )),
        SecurityKind::Basic => Some(header(
            "Authorization",
            format!("Authorization: Basic {ELIDED}"),
        )),
        SecurityKind::Other(_) => None,
    }
}

/// The first documented `GET` that needs a credential and no parameter; else the first
/// documented operation that needs one, its path as written; else none.
fn example_path(api: &Api) -> String {
    let secured = || {
        api.operations
            .iter()
            .filter(|op| op.documented && !op.security.is_empty())
    };
    let plain = secured()
        .find(|op| op.method == Method::Get && !op.params.iter().any(|p| p.presence.is_required()));
    plain
        .or_else(|| secured().next())
        .map(|op| op.path.clone())
        .unwrap_or_default()
}
