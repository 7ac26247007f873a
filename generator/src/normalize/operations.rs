//! Paths to operations: parameters, request bodies, responses and security requirements.

use super::schema::SchemaRef;
use super::styles::Declared;
use super::{Normalizer, prose};
use crate::diag::{Diagnostic, Pointer, unescape_token};
use crate::load::Webhooks;
use crate::model::{
    Body, Checks, Content, JsonType, MediaKind, Method, Needed, Operation, Param, ParamLocation,
    ParamStyle, Presence, Response, Scalar, SecurityKind, SecurityScheme, Status, TypeRef,
    template_names,
};
use crate::naming::{self, Scope};
use indexmap::IndexMap;
use openapiv3::{
    APIKeyLocation, MediaType, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr,
    RequestBody, StatusCode,
};
use std::collections::HashMap;

/// What an operation's security is read against: the schemes, and the requirements it
/// inherits when it states none.
#[derive(Clone, Copy)]
struct Auth<'s, 'a> {
    schemes: &'s [SecurityScheme],
    inherited: Option<&'a [openapiv3::SecurityRequirement]>,
}

impl<'a> Normalizer<'a> {
    /// The security schemes of `components/securitySchemes`, in document order.
    pub(super) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = &self.doc.components else {
            return Vec::new();
        };
        let base = Pointer::root().push("components").push("securitySchemes");
        let mut schemes = Vec::new();
        let mut idents = Scope::default();
        // The variant of the server's `Credential` for several schemes at once.
        let together = "the server's own `Credential::Together`";
        idents.require("Together", together, &Pointer::root());
        for (name, scheme) in &components.security_schemes {
            let ReferenceOr::Item(scheme) = scheme else {
                self.report(
                    Diagnostic::new(
                        &base.push(name),
                        "a `$ref` security scheme is not supported",
                        "define the scheme inline",
                    )
                    .instead("left the scheme out"),
                );
                continue;
            };
            let (kind, description) = match scheme {
                openapiv3::SecurityScheme::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    let location = match location {
                        APIKeyLocation::Query => ParamLocation::Query,
                        APIKeyLocation::Header => ParamLocation::Header,
                        APIKeyLocation::Cookie => ParamLocation::Cookie,
                    };
                    (
                        SecurityKind::ApiKey {
                            location,
                            param: name.clone(),
                        },
                        description,
                    )
                }
                openapiv3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } => {
                    let kind = match scheme.to_ascii_lowercase().as_str() {
                        "bearer" => SecurityKind::Bearer,
                        "basic" => SecurityKind::Basic,
                        other => SecurityKind::Other(format!("http {other}")),
                    };
                    (kind, description)
                }
                openapiv3::SecurityScheme::OAuth2 { description, .. } => {
                    (SecurityKind::OAuth2, description)
                }
                // An OpenID Connect access token is sent as a bearer token, as OAuth 2's is.
                openapiv3::SecurityScheme::OpenIDConnect { description, .. } => {
                    (SecurityKind::OAuth2, description)
                }
            };
            let (ident, collision) =
                idents.require(&naming::type_ident(name), name, &base.push(name));
            self.diags.extend(collision);
            schemes.push(SecurityScheme {
                name: name.clone(),
                ident,
                setter: None,
                tokens: None,
                kind,
                description: prose(description),
            });
        }
        schemes
    }

    /// Pass 3: every operation of every path, then of every webhook, in document order.
    pub(super) fn operations(
        &mut self,
        webhooks: &'a Webhooks,
        schemes: &[SecurityScheme],
    ) -> (Vec<Operation>, Vec<Operation>) {
        let mut ids: HashMap<String, Pointer> = HashMap::new();
        let paths = Pointer::root().push("paths");
        let doc = self.doc;
        let auth = Auth {
            schemes,
            inherited: doc.security.as_deref(),
        };
        let mut operations = self.path_items(&doc.paths.paths, &paths, &mut ids, auth);
        for op in &mut operations {
            self.match_template(op);
        }
        let hooks = Pointer::root().push(crate::load::WEBHOOKS);
        // The document's security is the API's own; a webhook's is the webhook's alone.
        let auth = Auth {
            inherited: None,
            ..auth
        };
        let webhooks = self.path_items(webhooks, &hooks, &mut ids, auth);
        (operations, webhooks)
    }

    /// The operations of path items keyed by their paths (or webhook names), under `base`.
    fn path_items(
        &mut self,
        items: &'a Webhooks,
        base: &Pointer,
        ids: &mut HashMap<String, Pointer>,
        auth: Auth<'_, 'a>,
    ) -> Vec<Operation> {
        let mut operations = Vec::new();
        for (path, item) in items {
            let path_at = base.push(path);
            let ReferenceOr::Item(item) = item else {
                self.report(
                    Diagnostic::new(
                        &path_at,
                        "a `$ref` path item is not supported",
                        "write the path item inline",
                    )
                    .instead("left the operations of this path out"),
                );
                continue;
            };
            let others = self.methods.get(&path_at.to_string());
            let others = others.into_iter().flatten().map(|(method, op)| {
                let at = path_at.push(crate::load::OTHER_METHODS).push(method);
                (method.as_str(), op, at)
            });
            let fixed = item
                .iter()
                .map(|(method, op)| (method, op, path_at.push(method)));
            for (method, op, at) in fixed.chain(others) {
                let id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{method} {path}"));
                if let Some(first) = ids.get(&id) {
                    self.report(
                        Diagnostic::new(
                            &at,
                            format!("duplicate operationId `{id}` (first at {first})"),
                            "give every operation a unique operationId",
                        )
                        .instead("left this operation out"),
                    );
                    continue;
                }
                ids.insert(id.clone(), at.clone());
                let ident = naming::value_ident(&id);
                operations.push(self.operation(
                    path,
                    item,
                    (method, op, at),
                    id,
                    ident,
                    &path_at,
                    auth,
                ));
            }
        }
        operations
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        item: &'a PathItem,
        (method, op, at): (&str, &'a openapiv3::Operation, Pointer),
        id: String,
        ident: String,
        path_at: &Pointer,
        auth: Auth<'_, 'a>,
    ) -> Operation {
        let type_prefix = naming::type_ident(&id);
        let tag = match op.tags.first() {
            Some(name) => self.tag_index(name),
            None => self.tag_index("default"),
        };
        let params = self.params(item, op, path_at, &at, &type_prefix);
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| self.body(b, &at.push("requestBody"), &type_prefix));
        let responses = self.responses(op, &at.push("responses"), &type_prefix);
        let requirements = op.security.as_deref().or(auth.inherited);
        let security = self.security(requirements.unwrap_or_default(), auth.schemes, &at);
        Operation {
            id,
            ident,
            type_prefix,
            // Claimed once every operation exists (`claim_items`).
            items: Default::default(),
            method: method_of(method),
            path: path.to_owned(),
            summary: prose(&op.summary),
            description: prose(&op.description),
            tag,
            params,
            body,
            responses,
            security,
            documented: !skipped_in_docs(op),
            pointer: at,
        }
    }

    /// Makes an operation's path parameters those of its path template, with a warning for
    /// each mismatch: a `{name}` no parameter declares is read as a required string (the
    /// client would otherwise send the braces), and a declared path parameter the template
    /// does not name is left out (no URL can carry it).
    fn match_template(&mut self, op: &mut Operation) {
        let path = op.path.clone();
        let in_template: Vec<&str> = template_names(&path).collect();
        let mut diags = Vec::new();
        op.params.retain(|p| {
            let kept = p.location != ParamLocation::Path || in_template.contains(&p.name.as_str());
            if !kept {
                diags.push(
                    Diagnostic::new(
                        &p.pointer,
                        format!(
                            "the path parameter `{}` is not in the path `{path}`",
                            p.name
                        ),
                        format!(
                            "write `{{{}}}` in the path, or remove the parameter",
                            p.name
                        ),
                    )
                    .instead("left the parameter out"),
                );
            }
            kept
        });
        // The declared parameters' Rust names stay; a read one yields to them.
        let mut idents = Scope::default();
        for p in &op.params {
            idents.suggest(&p.ident, &p.pointer);
        }
        for name in in_template {
            let declared = op
                .params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.name == name);
            if declared {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &op.pointer,
                    format!("the path `{path}` names `{{{name}}}`, which no parameter declares"),
                    format!("declare `{name}` as a parameter `in: path`"),
                )
                .instead(format!("read `{name}` as a required string path parameter")),
            );
            let ident = idents.suggest(&naming::value_ident(name), &op.pointer);
            op.params.push(Param {
                name: name.to_owned(),
                ident,
                location: ParamLocation::Path,
                ty: TypeRef::Scalar(Scalar::new(JsonType::String, None)),
                presence: Presence::Required,
                style: ParamStyle::PLAIN_PATH,
                description: None,
                example: None,
                pointer: op.pointer.clone(),
                checks: Checks::default(),
            });
        }
        for d in diags {
            self.report(d);
        }
    }

    /// Path-level parameters first, overridden by operation parameters of the same name and
    /// location, as OpenAPI says.
    fn params(
        &mut self,
        item: &'a PathItem,
        op: &'a openapiv3::Operation,
        path_at: &Pointer,
        at: &Pointer,
        prefix: &str,
    ) -> Vec<Param> {
        let path_level = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, path_at.push("parameters").push(i.to_string())));
        let own = op
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, at.push("parameters").push(i.to_string())));
        let mut resolved: IndexMap<(String, ParamLocation), (&'a Parameter, Pointer)> =
            IndexMap::new();
        for (param, pointer) in path_level.chain(own) {
            if let Some((param, pointer)) = self.resolve_param(param, pointer) {
                let data = param.parameter_data_ref();
                resolved.insert((data.name.clone(), location_of(param)), (param, pointer));
            }
        }
        let mut scope = Scope::default();
        let mut params = Vec::with_capacity(resolved.len());
        for ((name, location), (param, pointer)) in resolved {
            let (ident, collision) = scope.require_value(&name, &pointer);
            self.diags.extend(collision);
            let data = param.parameter_data_ref();
            let hint = format!("{prefix}{}", naming::type_ident(&name));
            let (ty, json, checks, sample) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    let at = pointer.push("schema");
                    let used = self.use_schema(SchemaRef::from(schema), &at, &hint);
                    let checks = self.checks_of(SchemaRef::from(schema), &at);
                    (used.ty, false, checks, used.example.or(used.default))
                }
                ParameterSchemaOrContent::Content(content) => {
                    let (content_type, ty) =
                        self.content_type(content, &pointer.push("content"), &hint);
                    let json = content_type.is_some_and(|ct| MediaKind::of(&ct) == MediaKind::Json);
                    (ty, json, Checks::default(), None)
                }
            };
            let style = self.param_style(Declared::of_param(param), location, &ty, json, &pointer);
            let presence = match data.required || location == ParamLocation::Path {
                true => Presence::Required,
                false => Presence::Optional,
            };
            params.push(Param {
                name,
                ident,
                location,
                ty,
                presence,
                style,
                description: prose(&data.description),
                example: data.example.clone().or(sample),
                pointer,
                checks,
            });
        }
        params
    }

    fn resolve_param(
        &mut self,
        param: &'a ReferenceOr<Parameter>,
        at: Pointer,
    ) -> Option<(&'a Parameter, Pointer)> {
        match param {
            ReferenceOr::Item(param) => Some((param, at)),
            ReferenceOr::Reference { reference } => {
                let components = self.doc.components.as_ref();
                let found = lookup(reference, "parameters", components.map(|c| &c.parameters));
                match found {
                    Some((param, pointer, _)) => Some((param, pointer)),
                    None => {
                        self.dangling(reference, "parameters", &at);
                        None
                    }
                }
            }
        }
    }

    fn body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        at: &Pointer,
        prefix: &str,
    ) -> Option<Body> {
        let (body, at, hint) = match body {
            ReferenceOr::Item(body) => (body, at.clone(), format!("{prefix}Body")),
            ReferenceOr::Reference { reference } => {
                let components = self.doc.components.as_ref();
                match lookup(
                    reference,
                    "requestBodies",
                    components.map(|c| &c.request_bodies),
                ) {
                    Some((body, pointer, key)) => (body, pointer, format!("{key}Body")),
                    None => {
                        self.dangling(reference, "requestBodies", at);
                        return None;
                    }
                }
            }
        };
        let (content_type, ty) = self.content_type(&body.content, &at.push("content"), &hint);
        let content_type = content_type?;
        let media = MediaKind::of(&content_type);
        let declared = body.content.get(&content_type);
        let at = at.push("content").push(&content_type);
        let (parts, fields) = match (media, declared) {
            (MediaKind::Multipart, Some(declared)) => (self.parts(&ty, declared, &at), None),
            (MediaKind::Form, Some(declared)) => (None, self.form_fields(&ty, declared, &at)),
            _ => (None, None),
        };
        // A form that can hold nothing is no body: there is nothing to send or to read.
        let empty = |fields: Option<usize>| fields == Some(0);
        if empty(parts.as_ref().map(Vec::len)) || empty(fields.as_ref().map(Vec::len)) {
            return None;
        }
        let schema = declared.and_then(|d| d.schema.as_ref());
        let checks = match (media, schema) {
            (MediaKind::Json | MediaKind::Text, Some(schema)) => {
                self.checks_of(SchemaRef::from(schema), &at.push("schema"))
            }
            _ => Checks::default(),
        };
        Some(Body {
            media,
            content_type,
            ty,
            required: body.required,
            description: prose(&body.description),
            parts,
            fields,
            checks,
        })
    }

    fn responses(
        &mut self,
        op: &'a openapiv3::Operation,
        at: &Pointer,
        prefix: &str,
    ) -> Vec<Response> {
        let coded = op.responses.responses.iter().map(|(code, r)| {
            let status = match code {
                StatusCode::Code(code) => Status::Code(*code),
                StatusCode::Range(digit) => Status::Range(u8::try_from(*digit).unwrap_or(0)),
            };
            (status, code.to_string(), r)
        });
        let default = op
            .responses
            .default
            .iter()
            .map(|r| (Status::Default, "default".to_owned(), r));
        let mut out = Vec::new();
        for (status, key, response) in coded.chain(default).collect::<Vec<_>>() {
            let at = at.push(&key);
            let (response, at, hint) = match response {
                ReferenceOr::Item(response) => {
                    let status = match status.is_success() {
                        true => String::new(),
                        false => naming::type_ident(&key),
                    };
                    (response, at, format!("{prefix}{status}Response"))
                }
                ReferenceOr::Reference { reference } => {
                    let components = self.doc.components.as_ref();
                    match lookup(reference, "responses", components.map(|c| &c.responses)) {
                        Some((response, pointer, key)) => {
                            (response, pointer, format!("{key}Response"))
                        }
                        None => {
                            self.dangling(reference, "responses", &at);
                            continue;
                        }
                    }
                }
            };
            let (content_type, ty) =
                self.content_type(&response.content, &at.push("content"), &hint);
            let content = content_type.map(|content_type| {
                let has_schema = response.content[&content_type].schema.is_some();
                Content {
                    media: MediaKind::of(&content_type),
                    content_type,
                    ty: has_schema.then_some(ty),
                }
            });
            let headers = self.response_headers(response, &at, &hint);
            out.push(Response {
                status,
                ident: status_ident(status),
                description: response.description.clone(),
                content,
                headers,
                headers_item: String::new(),
            });
        }
        out
    }

    /// The preferred content type of a content map (JSON first) and the type of its schema.
    pub(super) fn content_type(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        at: &Pointer,
        hint: &str,
    ) -> (Option<String>, TypeRef) {
        let Some((content_type, media)) = content
            .iter()
            .find(|(ct, _)| MediaKind::of(ct) == MediaKind::Json)
            .or_else(|| content.iter().next())
        else {
            return (None, TypeRef::Any);
        };
        let ty = match &media.schema {
            Some(schema) => {
                self.use_schema(schema.into(), &at.push(content_type).push("schema"), hint)
                    .ty
            }
            None => TypeRef::Any,
        };
        (Some(content_type.clone()), ty)
    }

    fn security(
        &mut self,
        requirements: &[openapiv3::SecurityRequirement],
        schemes: &[SecurityScheme],
        at: &Pointer,
    ) -> Vec<Vec<Needed>> {
        let mut out = Vec::new();
        for requirement in requirements {
            let mut needed = Vec::new();
            for (name, scopes) in requirement {
                match schemes.iter().position(|s| &s.name == name) {
                    Some(scheme) => needed.push(Needed {
                        scheme,
                        scopes: scopes.clone(),
                    }),
                    None => self.report(Diagnostic::new(
                        &at.push("security"),
                        format!(
                            "security requirement names `{name}`, which is not a security scheme"
                        ),
                        "define it under #/components/securitySchemes",
                    ).instead("ignored it"
                    )),
                }
            }
            out.push(needed);
        }
        out
    }

    pub(super) fn dangling(&mut self, reference: &str, section: &str, at: &Pointer) {
        self.report(
            Diagnostic::new(
                at,
                format!("`$ref: {reference}` points to nothing"),
                format!("define it under #/components/{section} or fix the reference"),
            )
            .instead(format!("left the {} out", what_is_left_out(section))),
        );
    }
}

/// Looks up `#/components/{section}/{name}` in that section's map. Returns the item, its
/// pointer, and its key (a better base for type names than the first operation using it).
pub(super) fn lookup<'a, T>(
    reference: &str,
    section: &str,
    map: Option<&'a IndexMap<String, ReferenceOr<T>>>,
) -> Option<(&'a T, Pointer, String)> {
    let prefix = format!("#/components/{section}/");
    let key = unescape_token(reference.strip_prefix(&prefix)?);
    match map?.get(&key)? {
        ReferenceOr::Item(item) => {
            let pointer = Pointer::root().push("components").push(section).push(&key);
            Some((item, pointer, naming::type_ident(&key)))
        }
        ReferenceOr::Reference { .. } => None,
    }
}

/// The variant name of a response status: the reason phrase of a registered code (`Ok`,
/// `NoContent`), `Status{code}` for other codes, `Status{digit}xx` for ranges.
fn status_ident(status: Status) -> String {
    match (status, status.reason()) {
        (_, Some(reason)) => naming::type_ident(reason),
        (Status::Code(code), None) => format!("Status{code}"),
        (Status::Range(digit), None) => format!("Status{digit}xx"),
        (Status::Default, None) => "Default".to_owned(),
    }
}

fn location_of(param: &Parameter) -> ParamLocation {
    match param {
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// The method of a path item's key (`get`), or of a method the model reads by name (`QUERY`).
fn method_of(method: &str) -> Method {
    match method {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        "trace" => Method::Trace,
        other => Method::Other(other.to_owned()),
    }
}

/// What a dangling reference into a components section costs the operation.
fn what_is_left_out(section: &str) -> &'static str {
    match section {
        "parameters" => "parameter",
        "requestBodies" => "request body",
        "headers" => "header",
        _ => "response",
    }
}

/// Whether an operation carries `x-apidocgen: {skip: true}`.
fn skipped_in_docs(op: &openapiv3::Operation) -> bool {
    op.extensions
        .get("x-apidocgen")
        .and_then(|mark| mark.get("skip"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}
