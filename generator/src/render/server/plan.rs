//! What the server makes of the model: per operation, how each input is read, how the caller
//! authenticates and how each documented status is answered; per API, which types need
//! parameter parsing or body checks and how the router fills the error body. Every "the
//! server cannot do this" is found here, as a diagnostic with the pointer of what caused it;
//! the operation at fault is left out of the server, and the rest is served.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::model::{
    Access, Additional, Api, Checks, Field, MediaKind, Needed, Operation, Param, ParamLocation,
    Part, Presence, Response, ScalarKind, Shape, Struct, Tag, TypeId, TypeKind, TypeRef,
    template_names,
};
use crate::render::checks::{self, checked, containing, mentions, reachable};
use std::collections::{BTreeMap, BTreeSet};

/// The handler's own arguments: a parameter named like one takes a suffix.
const ARGUMENTS: &[&str] = &["app", "body", "credential", "input", "query", "request"];

/// The tag traits' method that checks credentials (the model keeps operations off its name).
pub(super) const AUTHENTICATE: &str = "authenticate";

/// What the server does with an operation it cannot serve.
const LEFT_OUT: &str = "the server leaves the operation out; the client and docs keep it";

/// Everything the server renderer decided.
pub(super) struct Plan<'a> {
    pub operations: Vec<OperationPlan<'a>>,
    /// The webhooks, served by the receiving traits' router.
    pub webhooks: Vec<OperationPlan<'a>>,
    /// The tag traits, each with the operations it serves (indexes into `operations`); a tag
    /// with none has no trait.
    pub traits: Vec<Service<'a>>,
    /// The receiving traits, each with its webhooks (indexes into `webhooks`).
    pub receivers: Vec<Service<'a>>,
    /// Enum types a parameter is parsed into: each gets a parser that rejects unknown values.
    pub param_enums: BTreeSet<TypeId>,
    /// Named types reachable from a JSON request body: each gets a check of its enum values.
    pub body_types: BTreeSet<TypeId>,
    /// Of `body_types` (and beyond), the types with something to check: an enum, or a
    /// property with constraints, in them or in a type they contain.
    pub checked: BTreeSet<TypeId>,
    /// The types that are, or hold, a struct with a check only its JSON shows: closed to
    /// properties it has no field for (`additionalProperties: false`), or with an optional
    /// property that may not be null. A body of one is read as JSON first, so the router can
    /// name each such property and null.
    pub reads_json: BTreeSet<TypeId>,
    /// The distinct regexes the body checks' `pattern`s are checked with, in the order first
    /// met: one compiled regex each (and the crate depends on `regex` only when there is one).
    pub patterns: Vec<String>,
    /// The types with a read-only or write-only property somewhere: each gets a `Redact`
    /// that clears those where they must not travel.
    pub directed: BTreeSet<TypeId>,
    /// Route paths in first-use order, each with its operations (indexes into `operations`).
    pub routes: Vec<(String, Vec<usize>)>,
    /// The same for `webhooks`.
    pub webhook_routes: Vec<(String, Vec<usize>)>,
    /// The path prefix of the first server URL (`/api/v2`), or empty.
    pub base_path: String,
    /// Whether a served operation takes several schemes' credentials together.
    pub combines_schemes: bool,
    /// The security schemes a served operation reads (indexes into `Api::security_schemes`):
    /// the ones the crate has a reader for.
    pub schemes: BTreeSet<usize>,
    /// Whether a served operation takes a multipart body (the crate then reads them).
    pub multipart: bool,
    pub error_body: ErrorBody<'a>,
}

/// A trait of the server crate and what it serves.
pub(super) struct Service<'a> {
    pub name: &'a str,
    pub tag: &'a Tag,
    pub plans: Vec<usize>,
}

pub(super) struct OperationPlan<'a> {
    pub op: &'a Operation,
    /// The trait whose method serves it: its tag's, or for a webhook its tag's receiving trait.
    pub service: &'a str,
    /// The path the router serves it at: the operation's, or `/` and the webhook's name
    /// (where its receiver points the API).
    pub path: String,
    pub security: Security<'a>,
    /// Path, header and cookie parameters: one method argument each, in document order.
    pub args: Vec<ParamPlan<'a>>,
    /// Query parameters: fields of the operation's query struct.
    pub query: Vec<ParamPlan<'a>>,
    pub body: Option<BodyPlan<'a>>,
    /// The documented answers ([`crate::model::StatusClass::is_answer`]): the variants of the
    /// response enum.
    pub responses: Vec<ResponsePlan<'a>>,
}

/// How an operation's caller proves who it is: by one of its alternatives, each the schemes
/// that must all give a credential, in document order.
pub(super) enum Security<'a> {
    /// The operation is public.
    None,
    /// One alternative must be met.
    Required(Vec<&'a [Needed]>),
    /// The caller may meet an alternative, or send nothing.
    Optional(Vec<&'a [Needed]>),
}

impl<'a> Security<'a> {
    /// The alternatives: none for a public operation.
    pub fn alternatives(&self) -> &[&'a [Needed]] {
        match self {
            Security::None => &[],
            Security::Required(alternatives) | Security::Optional(alternatives) => alternatives,
        }
    }

    /// Whether an alternative combines several schemes (the credential is then `Together`).
    pub fn combines(&self) -> bool {
        self.alternatives().iter().any(|schemes| schemes.len() > 1)
    }
}

pub(super) struct ParamPlan<'a> {
    pub param: &'a Param,
    /// The Rust argument (or query field) name: the model's, unless the handler uses it.
    pub ident: String,
    /// For a path parameter that is a whole segment, how many segments follow it: such a
    /// one is read as sent, so that a style's delimiters are told from encoded ones.
    pub segment: Option<usize>,
    /// For a path parameter, the name the route knows it by where that differs from its
    /// own: paths that differ only in parameter names share one route, named as the first.
    pub route_name: Option<String>,
}

impl ParamPlan<'_> {
    /// An array, read into a `Vec`.
    pub fn list(&self) -> bool {
        self.param.style.shape == Shape::Array
    }

    /// A parameter no style writes (a union, nested objects) or JSON text: passed on as the
    /// text that was sent.
    pub fn raw(&self) -> bool {
        matches!(self.param.style.shape, Shape::Json | Shape::Nested)
    }
}

pub(super) struct BodyPlan<'a> {
    pub ty: &'a TypeRef,
    pub content_type: &'a str,
    pub required: bool,
    /// JSON is decoded and checked, text read as UTF-8, multipart and form bodies with typed
    /// parts or fields read into their form struct; anything else is the bytes as sent.
    pub media: MediaKind,
    /// For a multipart body, its parts as the model has them (`None`: every part, untyped).
    pub parts: Option<&'a [Part]>,
    /// For a form body with typed fields, each read as a query parameter is (from the body).
    pub fields: Option<Vec<ParamPlan<'a>>>,
    /// The name of the operation's form struct, for a form body with typed parts or fields.
    pub form: &'a str,
    /// Whether the JSON body holds read-only properties, which the router clears.
    pub redact: bool,
}

pub(super) struct ResponsePlan<'a> {
    pub response: &'a Response,
    pub content: ResponseContent<'a>,
    /// Whether the JSON body holds write-only properties, which the router clears.
    pub redact: bool,
}

pub(super) enum ResponseContent<'a> {
    Empty,
    /// A JSON body; `None` when the document gives no schema.
    Json(Option<&'a TypeRef>),
    /// `text/event-stream`: a stream of JSON events.
    Events(Option<&'a TypeRef>),
    /// A stream of JSON values of this content type, split at this delimiter.
    JsonStream(Option<&'a TypeRef>, &'a str, u8),
    /// A `text/*` body of this content type: a string.
    Text(&'a str),
    /// Any other content type: bytes.
    Raw(&'a str),
}

/// How the router fills the API's error body in the answers it makes itself (401, 400 with
/// the fields at fault, 404, 405, 413). It recognizes a string `message`, a string `detail`
/// and a `validations` array of `{field, detail}` objects by their wire names; every other
/// property must be optional.
pub(super) enum ErrorBody<'a> {
    /// No `x-error-schema`: an RFC 9457 problem details object (`application/problem+json`),
    /// the message its `detail`, the fields at fault its `errors`.
    Problem,
    /// The `x-error-schema` struct.
    Declared {
        /// How the docs name the body (`codersdk.Response`).
        name: String,
        body: Filled<'a, BodyValue<'a>>,
    },
}

/// A struct of the API's that the router builds: what goes into each field.
pub(super) struct Filled<'a, V> {
    /// The type as the document refers to it.
    pub ty: &'a TypeRef,
    pub fields: Vec<(&'a Field, Fill<V>)>,
    /// The catch-all map, left empty.
    pub additional: Option<&'a Additional>,
}

pub(super) enum Fill<V> {
    /// A value the router has (in `Some` when the field is an `Option`).
    Value(V),
    /// `None`: an optional property the router knows nothing of.
    None,
    /// The property's default, which the types crate gives.
    Default,
}

/// What the router has for an error body.
pub(super) enum BodyValue<'a> {
    Message,
    Detail,
    /// The fields at fault, one item each.
    Validations(Filled<'a, ItemValue>),
}

/// What the router has for one item of `validations`: the parts of a `Validation`.
pub(super) enum ItemValue {
    Field,
    Detail,
}

/// An operation whose own generated code does not parse (a generator bug), with syn's error.
pub(super) type Unparsable<'a> = (&'a Operation, String);

impl<'a> Plan<'a> {
    /// The plan, and a diagnostic for each part the server leaves out: what it cannot serve,
    /// and the operations of `unparsable`.
    pub fn new(api: &'a Api, unparsable: &[Unparsable]) -> (Self, Diagnostics) {
        let mut diags = Diagnostics::default();
        let mut operations = Vec::new();
        for op in &api.operations {
            let service = &api.tags[op.tag].ident;
            if parses(op, unparsable, &mut diags)
                && let Some(plan) = operation(op, service, op.path.clone(), &mut diags)
            {
                operations.push(plan);
            }
        }
        let mut webhooks = Vec::new();
        for hook in &api.webhooks {
            let service = &api.tags[hook.tag].receiver;
            let path = format!("/{}", hook.path);
            if parses(hook, unparsable, &mut diags)
                && let Some(plan) = operation(hook, service, path, &mut diags)
            {
                webhooks.push(plan);
            }
        }
        let (mut webhooks, webhook_routes) = routes(webhooks, &mut diags);
        let (mut operations, routes) = routes(operations, &mut diags);
        let error_body = error_body(api).unwrap_or_else(|unusable| {
            diags.push(unusable.instead(
                "the router's own answers (401, 400, 404, 405, 413) carry an RFC 9457 problem \
                 details object (`application/problem+json`)",
            ));
            ErrorBody::Problem
        });
        let mut param_enums = BTreeSet::new();
        let mut body_types = BTreeSet::new();
        for plan in operations.iter().chain(&webhooks) {
            let fields = plan.body.iter().flat_map(|b| b.fields.iter().flatten());
            let primitives = plan
                .args
                .iter()
                .chain(&plan.query)
                .chain(fields)
                .filter(|p| matches!(p.param.style.shape, Shape::Primitive | Shape::Array));
            for p in primitives {
                let ty = match api.resolve(&p.param.ty) {
                    TypeRef::Array(item) => api.resolve(item),
                    ty => ty,
                };
                if let TypeRef::Named(id) = ty
                    && api.ty(*id).replacement.is_none()
                {
                    param_enums.insert(*id);
                }
            }
            if let Some(body) = plan.body.as_ref().filter(|b| b.media == MediaKind::Json) {
                reachable(api, body.ty, &mut body_types);
            }
        }
        let multipart = operations.iter().chain(&webhooks).any(|p| {
            p.body
                .as_ref()
                .is_some_and(|b| b.media == MediaKind::Multipart)
        });
        let combines_schemes = operations
            .iter()
            .chain(&webhooks)
            .any(|p| p.security.combines());
        let schemes = operations
            .iter()
            .chain(&webhooks)
            .flat_map(|p| p.security.alternatives())
            .flat_map(|needed| needed.iter().map(|n| n.scheme))
            .collect();
        let directed = directed(api);
        for plan in operations.iter_mut().chain(&mut webhooks) {
            if let Some(body) = &mut plan.body {
                body.redact = body.media == MediaKind::Json && mentions(body.ty, &directed);
            }
            for r in &mut plan.responses {
                r.redact =
                    matches!(r.content, ResponseContent::Json(Some(ty)) if mentions(ty, &directed));
            }
        }
        let patterns = patterns(api, &body_types, &operations, &webhooks);
        let plan = Plan {
            patterns,
            multipart,
            combines_schemes,
            schemes,
            traits: services(api, &operations, |tag| &tag.ident),
            receivers: services(api, &webhooks, |tag| &tag.receiver),
            operations,
            webhooks,
            webhook_routes,
            param_enums,
            body_types,
            checked: checked(api),
            reads_json: containing(api, |def| match &def.kind {
                TypeKind::Struct(s) => s.closed || s.fields.iter().any(|f| refuses_null(api, f)),
                _ => false,
            }),
            directed,
            routes,
            base_path: base_path(api.servers.first().map(String::as_str).unwrap_or("")),
            error_body,
        };
        (plan, diags)
    }
}

/// Whether `op` is not one of `unparsable`; if it is, the diagnostic that leaves it out.
fn parses(op: &Operation, unparsable: &[Unparsable], diags: &mut Diagnostics) -> bool {
    let Some((_, error)) = unparsable.iter().find(|(o, _)| std::ptr::eq(*o, op)) else {
        return true;
    };
    diags.push(
        Diagnostic::new(
            &op.pointer,
            format!("the server's code for this operation is not valid Rust: {error}"),
            "this is a bug in the generator; please report it with the document",
        )
        .instead(LEFT_OUT),
    );
    false
}

/// The traits that serve `plans`, in tag order, named by `name`.
fn services<'a>(
    api: &'a Api,
    plans: &[OperationPlan],
    name: impl Fn(&'a Tag) -> &'a str,
) -> Vec<Service<'a>> {
    let mut services: Vec<Service> = api
        .tags
        .iter()
        .map(|tag| Service {
            name: name(tag),
            tag,
            plans: Vec::new(),
        })
        .collect();
    for (i, plan) in plans.iter().enumerate() {
        services[plan.op.tag].plans.push(i);
    }
    services.retain(|s| !s.plans.is_empty());
    services
}

fn operation<'a>(
    op: &'a Operation,
    service: &'a str,
    path: String,
    diags: &mut Diagnostics,
) -> Option<OperationPlan<'a>> {
    let before = diags.0.len();
    let security = security(op);
    let mut args = Vec::new();
    let mut query = Vec::new();
    for param in &op.params {
        // A parameter named like one of the handler's own arguments takes a suffix.
        let mut ident = param.ident.clone();
        while ARGUMENTS.contains(&ident.as_str())
            || (ident != param.ident && op.params.iter().any(|p| p.ident == ident))
        {
            ident.push_str("_param");
        }
        let plan = ParamPlan {
            param,
            ident,
            segment: match param.location {
                ParamLocation::Path => whole_segment(&op.path, &param.name),
                _ => None,
            },
            route_name: None,
        };
        match param.location {
            ParamLocation::Query => query.push(plan),
            _ => args.push(plan),
        }
    }
    let body = op.body.as_ref().map(|body| BodyPlan {
        ty: &body.ty,
        content_type: &body.content_type,
        required: body.required,
        media: body.media,
        parts: body.parts.as_deref(),
        fields: body.fields.as_ref().map(|fields| {
            let plan = |param: &'a Param| ParamPlan {
                param,
                ident: param.ident.clone(),
                segment: None,
                route_name: None,
            };
            fields.iter().map(plan).collect()
        }),
        form: &op.items.form,
        redact: false,
    });
    let responses = op
        .responses
        .iter()
        .filter(|r| r.status.class().is_answer())
        .map(|response| ResponsePlan {
            response,
            redact: false,
            content: match &response.content {
                None => ResponseContent::Empty,
                Some(c) => match c.media {
                    MediaKind::Json => ResponseContent::Json(c.ty.as_ref()),
                    MediaKind::EventStream => ResponseContent::Events(c.ty.as_ref()),
                    MediaKind::JsonStream(framing) => ResponseContent::JsonStream(
                        c.ty.as_ref(),
                        &c.content_type,
                        framing.delimiter(),
                    ),
                    MediaKind::Text => ResponseContent::Text(&c.content_type),
                    MediaKind::Multipart | MediaKind::Form | MediaKind::Bytes => {
                        ResponseContent::Raw(&c.content_type)
                    }
                },
            },
        })
        .collect();
    if diags.0.len() > before {
        for d in &mut diags.0[before..] {
            d.instead = Some(LEFT_OUT.to_owned());
        }
        return None;
    }
    Some(OperationPlan {
        op,
        service,
        path,
        security,
        args,
        query,
        body,
        responses,
    })
}

fn error_body(api: &Api) -> Result<ErrorBody<'_>, Diagnostic> {
    let Some(declared) = &api.error_body else {
        return Ok(ErrorBody::Problem);
    };
    let at = Pointer::root().push("x-error-schema");
    let unusable = |why: String| {
        Diagnostic::new(
            &at,
            format!("the server cannot fill the error body: {why}"),
            "give the error schema optional `message`, `detail` and `validations` properties \
             and make the others optional",
        )
    };
    let TypeRef::Named(id) = api.resolve(declared) else {
        return Err(unusable("it is not an object schema".to_owned()));
    };
    let def = api.ty(*id);
    let TypeKind::Struct(s) = &def.kind else {
        return Err(unusable(format!("`{}` is not an object schema", def.ident)));
    };
    let mut fields = Vec::new();
    for f in &s.fields {
        let value = match f.name.as_str() {
            "message" if is_string(api, &f.ty) => Some(BodyValue::Message),
            "detail" if is_string(api, &f.ty) => Some(BodyValue::Detail),
            "validations" => validations(api, &f.ty).map(BodyValue::Validations),
            _ => None,
        };
        let Some(fill) = fill(value, f) else {
            let why = format!("the required property `{}` is not one it knows", f.name);
            return Err(unusable(why));
        };
        fields.push((f, fill));
    }
    Ok(ErrorBody::Declared {
        name: format!("`{}`", def.schema_name.as_deref().unwrap_or(&def.ident)),
        body: Filled {
            ty: declared,
            fields,
            additional: s.additional.as_ref(),
        },
    })
}

/// How the router fills an array of `{field, detail}` objects, if it can.
fn validations<'a>(api: &'a Api, ty: &'a TypeRef) -> Option<Filled<'a, ItemValue>> {
    let TypeRef::Array(item) = api.resolve(ty) else {
        return None;
    };
    let TypeRef::Named(id) = api.resolve(item) else {
        return None;
    };
    let TypeKind::Struct(Struct {
        fields, additional, ..
    }) = &api.ty(*id).kind
    else {
        return None;
    };
    if !fields.iter().any(|f| f.name == "field") {
        return None;
    }
    let fields = fields
        .iter()
        .map(|f| {
            let value = match f.name.as_str() {
                "field" if is_string(api, &f.ty) => Some(ItemValue::Field),
                "detail" if is_string(api, &f.ty) => Some(ItemValue::Detail),
                _ => None,
            };
            Some((f, fill(value, f)?))
        })
        .collect::<Option<_>>()?;
    Some(Filled {
        ty: item,
        fields,
        additional: additional.as_ref(),
    })
}

/// A field gets the value the router has for it, else `None` or its default; a required
/// property the router has nothing for cannot be filled.
fn fill<V>(value: Option<V>, f: &Field) -> Option<Fill<V>> {
    match value {
        Some(value) => Some(Fill::Value(value)),
        None if f.presence.is_option() => Some(Fill::None),
        None if f.presence == Presence::Defaulted => Some(Fill::Default),
        None => None,
    }
}

/// How many segments of `path` follow the one that is exactly `{name}`, if one is.
fn whole_segment(path: &str, name: &str) -> Option<usize> {
    let whole = format!("{{{name}}}");
    path.rsplit('/').position(|segment| segment == whole)
}

/// An empty requirement (`{}`) makes the others optional.
fn security(op: &Operation) -> Security<'_> {
    let optional = op.security.iter().any(Vec::is_empty);
    let alternatives: Vec<&[Needed]> = op
        .security
        .iter()
        .filter(|schemes| !schemes.is_empty())
        .map(Vec::as_slice)
        .collect();
    match (alternatives.is_empty(), optional) {
        (true, _) => Security::None,
        (false, true) => Security::Optional(alternatives),
        (false, false) => Security::Required(alternatives),
    }
}

/// The routes, grouped by path shape in first-use order. axum panics on two routes that differ
/// only in their parameter names, so such paths (Argo CD's `/applications/{name}` and
/// `/applications/{application.metadata.name}`) share the route of the first, and the others'
/// path parameters are read by the route's names. The later of two operations with one
/// method on one shape, and an operation whose path does not start with `/`, are left out.
/// Returns the plans kept, and the routes as indexes into them.
fn routes<'a>(
    plans: Vec<OperationPlan<'a>>,
    diags: &mut Diagnostics,
) -> (Vec<OperationPlan<'a>>, Vec<(String, Vec<usize>)>) {
    let mut kept: Vec<OperationPlan> = Vec::with_capacity(plans.len());
    let mut routes: Vec<(String, Vec<usize>)> = Vec::new();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    for mut plan in plans {
        let (op, i) = (plan.op, kept.len());
        let path = plan.path.clone();
        if !path.starts_with('/') {
            diags.push(
                Diagnostic::new(
                    &op.pointer,
                    format!("the path `{path}` does not start with `/`"),
                    "start every path with `/`",
                )
                .instead(LEFT_OUT),
            );
            continue;
        }
        let Some(&route) = shapes.get(&path_shape(&path)) else {
            shapes.insert(path_shape(&path), routes.len());
            routes.push((path, vec![i]));
            kept.push(plan);
            continue;
        };
        let (route_path, ops) = &mut routes[route];
        if let Some(&same) = ops.iter().find(|&&j| kept[j].op.method == op.method) {
            let other = kept[same].op;
            diags.push(
                Diagnostic::new(
                    &op.pointer,
                    format!(
                        "`{} {path}` and `{} {}` (at {}) match the same requests",
                        op.method.as_str(),
                        other.method.as_str(),
                        other.path,
                        other.pointer
                    ),
                    "make the paths differ in a literal segment, or merge the operations",
                )
                .instead(LEFT_OUT),
            );
            continue;
        }
        ops.push(i);
        let renames: Vec<(&str, &str)> = template_names(&path)
            .zip(template_names(route_path))
            .collect();
        for arg in &mut plan.args {
            if arg.param.location == ParamLocation::Path {
                let found = renames.iter().find(|(own, _)| *own == arg.param.name);
                arg.route_name = found
                    .filter(|(own, route)| own != route)
                    .map(|(_, route)| (*route).to_owned());
            }
        }
        kept.push(plan);
    }
    (kept, routes)
}

/// A path with its parameter names erased: `/a/{}/b`.
fn path_shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

/// The distinct regexes the checks of `types`, of the parameters, form fields and parts the
/// router reads, and of the bodies need.
fn patterns(
    api: &Api,
    types: &BTreeSet<TypeId>,
    operations: &[OperationPlan],
    webhooks: &[OperationPlan],
) -> Vec<String> {
    let mut others: Vec<&Checks> = Vec::new();
    for plan in operations.iter().chain(webhooks) {
        let body = plan.body.as_ref();
        let fields = body.iter().flat_map(|b| b.fields.iter().flatten());
        for p in plan.args.iter().chain(&plan.query).chain(fields) {
            others.push(&p.param.checks);
        }
        for part in body.iter().flat_map(|b| b.parts.iter().copied().flatten()) {
            others.push(&part.checks);
        }
        others.extend(plan.op.body.as_ref().map(|b| &b.checks));
    }
    checks::patterns(api, types, others)
}

/// The types with a property that travels one way (`readOnly`, `writeOnly`), or containing
/// one: the router clears such properties where they must not be.
fn directed(api: &Api) -> BTreeSet<TypeId> {
    containing(api, |def| match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.access != Access::ReadWrite),
        _ => false,
    })
}

/// Whether a property's `Option` reads a null the document does not allow: an optional
/// property that may not be null, of a type that leaves null out (any value holds it).
pub(super) fn refuses_null(api: &Api, f: &Field) -> bool {
    f.presence == Presence::Optional && !f.nullable && !matches!(api.resolve(&f.ty), TypeRef::Any)
}

/// Whether a type resolves to a string scalar.
fn is_string(api: &Api, ty: &TypeRef) -> bool {
    matches!(api.resolve(ty), TypeRef::Scalar(s) if s.kind == ScalarKind::String)
}

/// The path part of a server URL: `/api/v2` from `/api/v2/` or `https://host/api/v2`.
fn base_path(url: &str) -> String {
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or(""),
        None if url.starts_with('/') => url,
        None => "",
    };
    path.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::{base_path, path_shape};

    #[test]
    fn base_paths() {
        assert_eq!(base_path("/api/v2"), "/api/v2");
        assert_eq!(base_path("https://example.com/api/v2/"), "/api/v2");
        assert_eq!(base_path("https://example.com"), "");
        assert_eq!(base_path("/"), "");
    }

    #[test]
    fn shapes_erase_parameter_names() {
        assert_eq!(path_shape("/a/{id}/b/{name}"), path_shape("/a/{x}/b/{y}"));
        assert_ne!(path_shape("/a/{id}"), path_shape("/b/{id}"));
    }
}
