//! What every Rust renderer shares: formatting, headers, doc attributes, and the spelling of
//! model types as Rust types.

use crate::diag::{Diagnostic, Pointer};
use crate::model::{
    Api, Field, Part, PartKind, ResponseHeader, ScalarKind, Style, TypeKind, TypeRef,
};
use crate::naming;
use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::quote;

/// Parses rendered Rust with syn (so broken output fails here, not in the user's build) and
/// formats it with prettyplease, under the one-line generated-file header.
pub fn format_file(path: &str, source: &str, command: &str) -> Result<String, Diagnostic> {
    let tokens = source
        .parse::<TokenStream>()
        .map_err(|e| not_rust(path, &e.to_string()))?;
    format_tokens(path, tokens, command)
}

/// [`format_file`] for code built as tokens: syn reads the tokens as they are, which spares
/// printing them to a string and lexing it again (a third of the types crate's time on a
/// large API).
///
/// The file is parsed and printed one top-level item at a time: prettyplease prints a file's
/// items one after the other, so the text is the same, and only one item's syntax tree is in
/// memory instead of the whole file's (which made up most of the peak on a large API).
pub fn format_tokens(path: &str, tokens: TokenStream, command: &str) -> Result<String, Diagnostic> {
    let mut code = String::new();
    for item in top_level_items(tokens) {
        let file: syn::File = syn::parse2(item).map_err(|e| not_rust(path, &e.to_string()))?;
        code.push_str(&prettyplease::unparse(&file));
    }
    Ok(format!(
        "{}\n{RUSTFMT_SKIP}\n{}",
        header("//", command),
        space_items(&code)
    ))
}

/// A module with nothing to fill in (a runtime kept under `templates/`), as it is written
/// there: it is the same Rust on every run, so its parse is a test
/// (`fixed_modules_are_rust`), not a cost paid on every generation.
pub fn fixed_file(source: &str, command: &str) -> String {
    format!("{}\n{RUSTFMT_SKIP}\n{source}", header("//", command))
}

fn not_rust(path: &str, error: &str) -> Diagnostic {
    Diagnostic::new(
        &Pointer::root(),
        format!("generated `{path}` is not valid Rust: {error}"),
        "this is a bug in the generator; please report it with the document",
    )
}

/// The tokens of a file cut after each top-level item: after a `;`, or after a `{}` group
/// that no `;` follows (a `const` of a block or a struct literal ends with `};`). Attributes,
/// inner ones included, stay with what follows them.
fn top_level_items(tokens: TokenStream) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut current = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let ends = match &token {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        current.push(token);
        if ends {
            items.push(current.drain(..).collect());
        }
    }
    if !current.is_empty() {
        items.push(current.into_iter().collect());
    }
    items
}

/// Generated crates are workspace members, so `cargo fmt --all` would reformat them away from
/// what the generator writes (prettyplease's layout) and the drift check would fail; this
/// attribute keeps rustfmt out of generated files.
const RUSTFMT_SKIP: &str = "#![cfg_attr(rustfmt, rustfmt::skip)]";

/// prettyplease puts items back to back; a blank line between consecutive items (and between
/// members of an impl or trait) reads better. Only item boundaries count: a line that ends an
/// item (`}`, or an item declaration ending in `;`; never a comment, whatever it ends with)
/// followed, at the same indentation, by a
/// line that starts one. Statements inside bodies and runs of `mod`/`use` lines stay as they
/// are, apart from the blank line that closes such a run.
fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    for line in code.lines() {
        if let Some(prev) = previous
            && !prev.trim_start().starts_with("//")
        {
            let ends_item = prev.trim() == "}"
                || (prev.ends_with(';') && starts_item(prev) && !is_import(prev))
                || (prev.ends_with(';') && is_import(prev) && !is_import(line));
            if ends_item && starts_item(line) && indent(prev) == indent(line) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Whether a line begins an item or impl member (or its doc comment or attributes).
fn starts_item(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "pub(",
        "fn ",
        "async fn ",
        "impl",
        "const ",
        "static ",
        "type ",
        "struct ",
        "enum ",
        "trait ",
        "unsafe ",
        "mod ",
        "use ",
        "macro_rules!",
    ];
    let line = line.trim_start();
    STARTS.iter().any(|start| line.starts_with(start))
}

/// `mod x;` and `use ...;` lines, which read best as one block.
fn is_import(line: &str) -> bool {
    let line = line.trim_start().trim_start_matches("pub ");
    line.starts_with("mod ") || line.starts_with("use ")
}

/// The first line of every generated file: what made it, and how to make it again.
pub fn header(comment: &str, command: &str) -> String {
    format!("{comment} Generated by `{command}`. Do not edit by hand.")
}

/// The associated function of a struct that gives a field's default (see `Presence::Defaulted`).
pub fn default_fn(f: &Field) -> Ident {
    ident(&format!("default_{}", f.ident.trim_start_matches("r#")))
}

/// The field of a multipart form struct that holds `part`: `file` (the crate's file type)
/// for a file part, else the part's type; in a `Vec` when repeated, an `Option` when
/// optional; documented with the part's name and content type. The client's and the
/// server's form structs are the same but for `file`.
pub fn part_field(api: &Api, part: &Part, file: TokenStream, types: &TokenStream) -> TokenStream {
    let name = ident(&part.ident);
    let each = if part.repeated {
        ", one part per item"
    } else {
        ""
    };
    let place = format!(
        "Part `{}`, `{}`{each}.",
        part.name.replace('`', "'"),
        part.content_type.replace('`', "'")
    );
    let docs = match &part.description {
        Some(what) => doc(&format!("{what}\n\n{place}")),
        None => doc(&place),
    };
    let one = match part.kind {
        PartKind::File => file,
        PartKind::Text | PartKind::Json => rust_type(api, &part.ty, types),
    };
    let ty = match (part.repeated, part.required) {
        (true, _) => quote! { Vec<#one> },
        (false, true) => one,
        (false, false) => quote! { Option<#one> },
    };
    quote! { #docs pub #name: #ty, }
}

/// The field of a documented response header in a headers struct: its type, an `Option` when
/// the header is optional, documented with its description and name. The client's and the
/// server's headers structs are the same.
pub fn header_field(api: &Api, header: &ResponseHeader, types: &TokenStream) -> TokenStream {
    let field = ident(&header.ident);
    let ty = rust_type(api, &header.ty, types);
    let ty = match header.required {
        true => ty,
        false => quote! { Option<#ty> },
    };
    let name = header.name.replace('`', "'");
    let docs = match &header.description {
        Some(what) => doc(&format!("{what}\n\nHeader `{name}`.")),
        None => doc(&format!("Header `{name}`.")),
    };
    quote! { #docs pub #field: #ty, }
}

/// An identifier from a name the model already made valid (`r#type` included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The variant of a style in the generated runtimes' `Style` enums (`SpaceDelimited`).
pub fn style_variant(style: Style) -> Ident {
    ident(&naming::type_ident(style.as_str()))
}

/// `#[doc]` attributes for a text, one per line. The one place doc comments are made, so
/// that escaping rules live in one function.
pub fn doc(text: &str) -> TokenStream {
    if text.trim().is_empty() {
        return TokenStream::new();
    }
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// [`doc`] for the enclosing item: `#![doc]` attributes, for a crate or module.
pub fn inner_doc(text: &str) -> TokenStream {
    if text.trim().is_empty() {
        return TokenStream::new();
    }
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// Lines of a doc comment. Descriptions are CommonMark, and rustdoc compiles fenced or
/// indented code in them as doctests: opening fences without a language are marked `text`,
/// and indentation is dropped.
fn doc_lines(text: &str) -> Vec<String> {
    let mut in_fence = false;
    text.trim()
        .lines()
        .map(|line| {
            let line = line.trim();
            if let Some(info) = line.strip_prefix("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                if opening && info.trim().is_empty() {
                    return " ```text".to_owned();
                }
            }
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// A description on one line, for an item of a list in a doc comment.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Rust spelling of a model type. Named types are prefixed with the path `types` (the
/// client and server import the types crate as `types`); an empty path names them bare, as
/// the types crate itself does.
pub fn rust_type(api: &Api, ty: &TypeRef, types: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Named(id) => {
            let name = ident(&api.ty(*id).ident);
            if types.is_empty() {
                quote! { #name }
            } else {
                quote! { #types::#name }
            }
        }
        TypeRef::Scalar(scalar) => scalar_type(scalar.kind),
        TypeRef::Array(item) => {
            let item = rust_type(api, item, types);
            quote! { Vec<#item> }
        }
        TypeRef::Tuple(items) => {
            let items = items.iter().map(|item| rust_type(api, item, types));
            quote! { ( #( #items, )* ) }
        }
        TypeRef::Map(value) => {
            let value = rust_type(api, value, types);
            quote! { std::collections::BTreeMap<String, #value> }
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(api, inner, types);
            quote! { Option<#inner> }
        }
        TypeRef::Object => quote! { serde_json::Map<String, serde_json::Value> },
        TypeRef::Any => quote! { serde_json::Value },
    }
}

fn scalar_type(kind: ScalarKind) -> TokenStream {
    match kind {
        ScalarKind::String => quote! { String },
        ScalarKind::Uuid => quote! { uuid::Uuid },
        ScalarKind::DateTime => quote! { chrono::DateTime<chrono::Utc> },
        ScalarKind::Date => quote! { chrono::NaiveDate },
        ScalarKind::I32 => quote! { i32 },
        ScalarKind::U32 => quote! { u32 },
        ScalarKind::I64 => quote! { i64 },
        ScalarKind::U64 => quote! { u64 },
        ScalarKind::F32 => quote! { f32 },
        ScalarKind::F64 => quote! { f64 },
        ScalarKind::Bool => quote! { bool },
    }
}

/// How a value of a type is passed and written as text (a parameter, a form field, a header);
/// the spelling of the type itself comes from [`rust_type`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextForm {
    /// A string: taken as `&str`.
    Str,
    /// A number, boolean, UUID or date: taken by value, written with `Display`.
    Scalar,
    /// A date-time: taken by value, written as RFC 3339.
    DateTime,
    /// A string enum of the types crate: borrowed, written with `Display` (its wire value).
    Enum,
    /// An array: borrowed as a slice.
    Array(Box<TextForm>),
    /// Anything else (objects, maps, unions, any JSON): borrowed, written as JSON text.
    Json,
}

pub fn text_form(api: &Api, ty: &TypeRef) -> TextForm {
    match api.resolve(ty) {
        TypeRef::Scalar(scalar) => match scalar.kind {
            ScalarKind::DateTime => TextForm::DateTime,
            ScalarKind::String => TextForm::Str,
            _ => TextForm::Scalar,
        },
        TypeRef::Named(id) => match &api.ty(*id).kind {
            TypeKind::Enum(_) => TextForm::Enum,
            _ => TextForm::Json,
        },
        TypeRef::Array(item) => TextForm::Array(Box::new(text_form(api, item))),
        TypeRef::Tuple(_)
        | TypeRef::Map(_)
        | TypeRef::Nullable(_)
        | TypeRef::Object
        | TypeRef::Any => TextForm::Json,
    }
}

/// An expression of type `String` for `value` (a value of the shape, or a reference to
/// one); `None` for a shape that is not one primitive.
pub fn text(shape: &TextForm, value: &TokenStream) -> Option<TokenStream> {
    match shape {
        TextForm::Str | TextForm::Scalar | TextForm::Enum => Some(quote! { #value.to_string() }),
        TextForm::DateTime => {
            Some(quote! { #value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true) })
        }
        TextForm::Array(_) | TextForm::Json => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{space_items, top_level_items};
    use crate::render::{client, server};

    #[test]
    fn fixed_modules_are_rust() {
        for (name, source) in [
            ("client/src/error.rs", client::ERROR_MODULE),
            ("client/src/http.rs", client::HTTP_MODULE),
            ("client/src/events.rs", client::EVENTS_MODULE),
            ("client/src/json_stream.rs", client::JSON_STREAM_MODULE),
            ("client/src/multipart.rs", client::MULTIPART_MODULE),
            ("client/src/byte_stream.rs", client::BYTE_STREAM_MODULE),
            ("server/runtime.rs", server::RUNTIME),
            ("server/answers.rs", server::ANSWERS),
            ("shared/validate.rs", crate::render::checks::RUNTIME),
            ("server/multipart.rs", server::MULTIPART),
        ] {
            if let Err(error) = syn::parse_file(source) {
                panic!("templates/{name} is not Rust: {error}");
            }
        }
    }

    #[test]
    fn a_file_is_cut_after_each_top_level_item() {
        let code = "#![allow(x)] /// A.\n#[derive(Debug)] pub struct A; \
                    const B: S = S { b: 1 }; use c::{d, e}; impl A { fn f() {} } fn g() {}";
        let items: Vec<String> = top_level_items(code.parse().expect("tokens"))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            items,
            [
                "#! [allow (x)] # [doc = \" A.\"] # [derive (Debug)] pub struct A ;",
                "const B : S = S { b : 1 } ;",
                "use c :: { d , e } ;",
                "impl A { fn f () { } }",
                "fn g () { }",
            ]
        );
    }

    #[test]
    fn blank_lines_go_between_items_not_inside_comments() {
        let code = "/// A text that ends a line with a semicolon;\n/// and goes on.\npub struct A;\nfn b() {}\n";
        assert_eq!(
            space_items(code),
            "/// A text that ends a line with a semicolon;\n/// and goes on.\npub struct A;\n\nfn b() {}\n"
        );
    }
}
