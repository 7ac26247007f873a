//! The client and the server read one decision of the model for every status, what a call
//! answers and what fails, so they cannot disagree on it. This renders both crates for a
//! document with successes, redirects (codes and a `3XX` range), a client error and
//! `default`, and checks, status by status, that the client's method answers `Ok` exactly
//! where the server's response enum has a variant.

use openapi_gen::model::Status;
use openapi_gen::render::{File, Options, Rendered, client, server};

const FIXTURE: &str = "tests/fixtures/agreement/statuses.yaml";

fn parsed(files: &[File], path: &str) -> syn::File {
    let file = files.iter().find(|f| f.path == path).expect(path);
    syn::parse_file(&file.contents).expect("generated code parses")
}

/// The arms of the status match in the client method `name`, as (pattern, answers `Ok`).
fn client_arms(file: &syn::File, name: &str) -> Vec<(syn::Pat, bool)> {
    let method = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) => Some(&block.items),
            _ => None,
        })
        .flatten()
        .find_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == name => Some(f),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the client has a method `{name}`"));
    let arms = method
        .block
        .stmts
        .iter()
        .find_map(|stmt| match stmt {
            syn::Stmt::Expr(syn::Expr::Match(m), _) => Some(&m.arms),
            _ => None,
        })
        .expect("the method matches on the status");
    arms.iter()
        .map(|arm| {
            let body = quote::ToTokens::to_token_stream(&arm.body).to_string();
            (arm.pat.clone(), !body.starts_with("Err"))
        })
        .collect()
}

/// Whether a pattern of integer literals, ranges, `|` and `_` matches `code`.
fn matches(pat: &syn::Pat, code: u16) -> bool {
    let int = |expr: &syn::Expr| match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(n),
            ..
        }) => n.base10_parse::<u16>().expect("a status code"),
        other => panic!(
            "unexpected bound {}",
            quote::ToTokens::to_token_stream(other)
        ),
    };
    match pat {
        syn::Pat::Wild(_) => true,
        syn::Pat::Or(or) => or.cases.iter().any(|case| matches(case, code)),
        syn::Pat::Lit(lit) => int(&syn::Expr::Lit(lit.clone())) == code,
        syn::Pat::Range(range) => {
            let low = range.start.as_deref().map(int).unwrap_or(0);
            let high = range.end.as_deref().map(int).unwrap_or(u16::MAX);
            (low..=high).contains(&code)
        }
        other => panic!(
            "unexpected pattern {}",
            quote::ToTokens::to_token_stream(other)
        ),
    }
}

/// The variant names of the enum `name` in the server crate.
fn server_variants(file: &syn::File, name: &str) -> Vec<String> {
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == name => {
                Some(e.variants.iter().map(|v| v.ident.to_string()).collect())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("the server has an enum `{name}`"))
}

#[test]
fn client_and_server_agree_on_every_status() {
    let api = openapi_gen::model_of(&tests::read(FIXTURE)).expect("the fixture normalizes");
    let options = Options::new("statuses".to_owned(), "cargo xtask codegen".to_owned());
    let client_files = client::render(&api, &options).expect("the client renders");
    let server_files = server::render(&api, &options)
        .expect("the server renders")
        .files;
    let client_ops = parsed(&client_files, "client/src/operations.rs");
    let server_ops = parsed(&server_files, "server/src/operations.rs");
    let mut checked = 0;
    for op in &api.operations {
        let arms = client_arms(&client_ops, &op.ident);
        let variants = server_variants(&server_ops, &format!("{}Response", op.type_prefix));
        let answers = |code: u16| {
            let (_, ok) = arms
                .iter()
                .find(|(pat, _)| matches(pat, code))
                .unwrap_or_else(|| panic!("`{}`: no arm matches {code}", op.id));
            *ok
        };
        for response in &op.responses {
            let codes: Vec<u16> = match response.status {
                Status::Code(code) => vec![code],
                Status::Range(digit) => {
                    let low = u16::from(digit) * 100;
                    let listed =
                        |c: &u16| op.responses.iter().any(|r| r.status == Status::Code(*c));
                    (low..low + 100).filter(|c| !listed(c)).collect()
                }
                // Any status the operation does not list.
                Status::Default => vec![418, 503],
            };
            let served = variants.contains(&response.ident);
            for code in codes {
                assert_eq!(
                    answers(code),
                    served,
                    "`{}` {code} ({}): the client {} it, the server {}",
                    op.id,
                    response.status,
                    if answers(code) {
                        "answers"
                    } else {
                        "fails with"
                    },
                    if served {
                        "answers it"
                    } else {
                        "has no variant for it"
                    },
                );
                checked += 1;
            }
        }
        // Only the documented answers are variants of the server's enum.
        let documented = op.responses.iter().filter(|r| r.status.class().is_answer());
        let idents: Vec<&str> = documented.map(|r| r.ident.as_str()).collect();
        assert_eq!(variants, idents, "`{}`", op.id);
    }
    assert!(checked > 100, "only {checked} statuses were checked");
}

#[test]
fn redirects_answer_and_errors_fail() {
    let api = openapi_gen::model_of(&tests::read(FIXTURE)).expect("the fixture normalizes");
    let get = &api.operations[0];
    let answers: Vec<String> = get
        .responses
        .iter()
        .filter(|r| r.status.class().is_answer())
        .map(|r| r.status.to_string())
        .collect();
    assert_eq!(answers, ["200", "204", "304", "307"]);
}

/// A document whose paths differ only in a parameter's name (Argo CD's `{name}` and
/// `{application.metadata.name}`), rendered as a server.
fn server_of(paths: &str) -> Rendered {
    let text = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n{paths}");
    let api = openapi_gen::model_of(&text).unwrap_or_else(|d| panic!("{d}"));
    let options = Options::new("paths", "test");
    server::render(&api, &options).unwrap_or_else(|d| panic!("{d}"))
}

/// The fields of a required string path parameter beside its name.
const PARAM: &str = "in: path, required: true, schema: {type: string}";

/// The client sends both operations to the same URLs; the server serves them on one route,
/// named as the first path, and reads the second's parameter by that name.
#[test]
fn paths_differing_in_parameter_names_share_a_route() {
    let paths = format!(
        "  /items/{{id}}:\n    get:\n      operationId: getItem\n      parameters: [{{name: id, {p}}}]\n      responses: {{'204': {{description: OK}}}}\n\
         \x20 /items/{{item.name}}:\n    put:\n      operationId: putItem\n      parameters: [{{name: item.name, {p}}}]\n      responses: {{'204': {{description: OK}}}}\n",
        p = PARAM
    );
    let rendered = server_of(&paths);
    assert!(rendered.diagnostics.is_empty(), "{}", rendered.diagnostics);
    let routes = &rendered
        .files
        .iter()
        .find(|f| f.path == "server/src/routes.rs")
        .expect("routes.rs")
        .contents;
    assert_eq!(routes.matches(".route(").count(), 1, "{routes}");
    assert!(
        routes.contains(".route(\n            \"/items/{id}\""),
        "{routes}"
    );
    assert!(!routes.contains("\"item.name\""), "{routes}");
    assert_eq!(routes.matches("(\"id\")").count(), 2, "{routes}");
}

/// Two operations of one method on paths that match the same requests cannot both be served:
/// the server leaves out the later one, says so, and serves the rest.
#[test]
fn one_method_on_one_path_shape_twice_is_refused_alone() {
    let paths = format!(
        "  /items/{{id}}:\n    get:\n      operationId: getItem\n      parameters: [{{name: id, {p}}}]\n      responses: {{'204': {{description: OK}}}}\n\
         \x20 /items/{{name}}:\n    get:\n      operationId: getNamed\n      parameters: [{{name: name, {p}}}]\n      responses: {{'204': {{description: OK}}}}\n",
        p = PARAM
    );
    let rendered = server_of(&paths);
    let found: Vec<(&str, &str)> = rendered
        .diagnostics
        .iter()
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "#/paths/~1items~1{name}/get",
            "`GET /items/{name}` and `GET /items/{id}` (at #/paths/~1items~1{id}/get) match the same requests"
        )]
    );
    let instead = rendered.diagnostics.0[0].instead.as_deref();
    assert_eq!(
        instead,
        Some("the server leaves the operation out; the client and docs keep it")
    );
    let file = |path: &str| {
        let file = rendered.files.iter().find(|f| f.path == path);
        file.unwrap_or_else(|| panic!("{path}")).contents.as_str()
    };
    let (traits, routes) = (
        file("server/src/operations.rs"),
        file("server/src/routes.rs"),
    );
    assert!(traits.contains("async fn get_item("), "{traits}");
    assert!(!traits.contains("get_named"), "{traits}");
    assert!(routes.contains(".get(get_item::<S>)"), "{routes}");
    syn::parse_file(routes).expect("routes.rs parses");
}

/// An error schema the router cannot fill (a required property it knows nothing of) is one
/// warning: every output is still written, and the router answers with its own object.
#[test]
fn an_unusable_error_schema_is_worked_around() {
    let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n\
        x-error-schema: {$ref: '#/components/schemas/Problem'}\n\
        paths:\n  /items:\n    get:\n      operationId: listItems\n      responses: {'204': {description: OK}}\n\
        components:\n  schemas:\n    Problem:\n      type: object\n      required: [code]\n      properties: {code: {type: integer}}\n";
    let api = openapi_gen::model_of(text).unwrap_or_else(|d| panic!("{d}"));
    let options = Options::new("problems", "test");
    let rendered = openapi_gen::render::render_all(&api, &options);
    let found: Vec<(&str, &str)> = rendered
        .diagnostics
        .iter()
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "#/x-error-schema",
            "the server cannot fill the error body: the required property `code` is not one it knows"
        )]
    );
    assert!(rendered.diagnostics.0[0].instead.is_some());
    for crate_dir in ["types", "client", "server"] {
        let manifest = format!("{crate_dir}/Cargo.toml");
        assert!(
            rendered.files.iter().any(|f| f.path == manifest),
            "{manifest}"
        );
    }
    let error = rendered
        .files
        .iter()
        .find(|f| f.path == "server/src/error.rs");
    let error = &error.expect("error.rs").contents;
    assert!(error.contains("serde_json::Map"), "{error}");
    assert!(openapi_gen::generate(text, &options).is_err(), "strict");
}
