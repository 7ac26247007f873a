//! A readable, sorted text form of the model, for snapshots and `--dump-model` debugging.
//! Sorted by name rather than by position, so an unrelated insertion does not move every line.

use super::{
    Access, Api, Operation, Param, Presence, SecurityKind, Shape, Status, Tagging, TypeDef,
    TypeKind, TypeRef,
};
use std::fmt::{self, Write};

impl Api {
    /// The text form of a type expression (`[Workspace]`, `{string: DERPRegion}`, `string(uuid)`).
    pub fn type_text(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(id) => self.ty(*id).ident.clone(),
            TypeRef::Scalar(s) => match &s.format {
                Some(format) => format!("{}({format})", s.json.as_str()),
                None => s.json.as_str().to_owned(),
            },
            TypeRef::Array(item) => format!("[{}]", self.type_text(item)),
            TypeRef::Tuple(items) => {
                let items: Vec<String> = items.iter().map(|t| self.type_text(t)).collect();
                format!("({})", items.join(", "))
            }
            TypeRef::Map(value) => format!("{{string: {}}}", self.type_text(value)),
            TypeRef::Nullable(inner) => format!("{}?", self.type_text(inner)),
            TypeRef::Object => "object".to_owned(),
            TypeRef::Any => "any".to_owned(),
        }
    }

    fn write_type(&self, out: &mut String, def: &TypeDef) -> fmt::Result {
        let origin = def
            .schema_name
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        match &def.kind {
            TypeKind::Struct(s) => {
                writeln!(out, "struct {}{origin} at {}", def.ident, def.pointer)?;
                for f in &s.fields {
                    let mut flags = Vec::new();
                    flags.push(presence_text(f.presence));
                    match f.access {
                        Access::ReadWrite => {}
                        Access::ReadOnly => flags.push("read-only"),
                        Access::WriteOnly => flags.push("write-only"),
                    }
                    if f.boxed {
                        flags.push("boxed");
                    }
                    write!(
                        out,
                        "  {} as {}: {} [{}]",
                        f.name,
                        f.ident,
                        self.type_text(&f.ty),
                        flags.join(", ")
                    )?;
                    if !f.enum_values.is_empty() {
                        write!(out, " enum {}", f.enum_values.join("|"))?;
                    }
                    if !f.checks.is_empty() {
                        write!(out, " checks {}", f.checks)?;
                    }
                    if let Some(default) = &f.default {
                        let filled = match f.presence {
                            Presence::Defaulted => " (filled)",
                            _ => "",
                        };
                        write!(out, " default {default}{filled}")?;
                    }
                    writeln!(out)?;
                }
                if s.closed {
                    writeln!(out, "  .. none other")?;
                }
                if let Some(extra) = &s.additional {
                    writeln!(
                        out,
                        "  .. as {}: {}",
                        extra.ident,
                        self.type_text(&extra.ty)
                    )?;
                }
            }
            TypeKind::Enum(e) => {
                writeln!(out, "enum {}{origin} at {}", def.ident, def.pointer)?;
                for v in &e.variants {
                    writeln!(out, "  {:?} as {}", v.value, v.ident)?;
                }
                writeln!(out, "  other as {}(String)", e.fallback)?;
            }
            TypeKind::Union(u) => {
                let tagging = match &u.tagging {
                    Tagging::Untagged => String::new(),
                    Tagging::Internal(p) => format!(" tagged by {p:?} (added)"),
                    Tagging::Property(p) => format!(" tagged by {p:?}"),
                    Tagging::Key => " told apart by keys".to_owned(),
                };
                writeln!(
                    out,
                    "union {}{origin}{tagging} at {}",
                    def.ident, def.pointer
                )?;
                for v in &u.variants {
                    let value = v
                        .selector
                        .as_deref()
                        .map(|t| format!(" = {t:?}"))
                        .unwrap_or_default();
                    let boxed = if v.boxed { " [boxed]" } else { "" };
                    writeln!(
                        out,
                        "  {}{value}: {}{boxed}",
                        v.ident,
                        self.type_text(&v.ty)
                    )?;
                }
            }
            TypeKind::Alias(ty) => {
                writeln!(
                    out,
                    "alias {}{origin} = {} at {}",
                    def.ident,
                    self.type_text(ty),
                    def.pointer
                )?;
            }
        }
        Ok(())
    }

    fn write_operation(&self, out: &mut String, kind: &str, op: &Operation) -> fmt::Result {
        writeln!(
            out,
            "{kind} {} as {} ({}): {} {}",
            op.id,
            op.ident,
            op.type_prefix,
            op.method.as_str(),
            op.path
        )?;
        writeln!(out, "  tag {}", self.tags[op.tag].name)?;
        if let Some(summary) = &op.summary {
            writeln!(out, "  summary {summary:?}")?;
        }
        for p in &op.params {
            let required = presence_text(p.presence);
            write!(
                out,
                "  param {} {} as {}: {} [{required}]",
                p.location.as_str(),
                p.name,
                p.ident,
                self.type_text(&p.ty)
            )?;
            writeln!(out, "{}", style_text(p))?;
        }
        if let Some(body) = &op.body {
            let required = if body.required {
                "required"
            } else {
                "optional"
            };
            writeln!(
                out,
                "  body {}: {} [{required}]",
                body.content_type,
                self.type_text(&body.ty)
            )?;
        }
        for r in &op.responses {
            let status = match r.status {
                Status::Code(code) => code.to_string(),
                Status::Range(digit) => format!("{digit}XX"),
                Status::Default => "default".to_owned(),
            };
            write!(out, "  response {status} {:?}", r.description)?;
            if let Some(content) = &r.content {
                let ty = content
                    .ty
                    .as_ref()
                    .map(|t| self.type_text(t))
                    .unwrap_or_else(|| "-".to_owned());
                write!(out, " {}: {ty}", content.content_type)?;
            }
            writeln!(out)?;
            for h in &r.headers {
                let required = if h.required { "required" } else { "optional" };
                let ty = self.type_text(&h.ty);
                writeln!(
                    out,
                    "    header {} ({}): {ty} [{required}]",
                    h.name, h.ident
                )?;
            }
        }
        for alternative in &op.security {
            let names: Vec<String> = alternative
                .iter()
                .map(|needed| {
                    let name = &self.security_schemes[needed.scheme].name;
                    match needed.scopes.is_empty() {
                        true => name.clone(),
                        false => format!("{name} [{}]", needed.scopes.join(", ")),
                    }
                })
                .collect();
            writeln!(out, "  security {}", names.join(" + "))?;
        }
        Ok(())
    }
}

impl fmt::Display for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        writeln!(
            out,
            "api {:?} version {:?}",
            self.info.title, self.info.version
        )?;
        if let Some(summary) = &self.info.summary {
            writeln!(out, "summary {summary:?}")?;
        }
        if let Some(license) = &self.info.license {
            writeln!(out, "license {license:?}")?;
        }
        for server in &self.servers {
            writeln!(out, "server {server}")?;
        }
        for tag in &self.tags {
            writeln!(
                out,
                "tag {:?} as {} page {:?}",
                tag.name, tag.ident, tag.page
            )?;
            if !tag.webhooks.is_empty() {
                writeln!(out, "  webhooks received by {}", tag.receiver)?;
            }
        }
        for scheme in &self.security_schemes {
            let kind = match &scheme.kind {
                SecurityKind::ApiKey { location, param } => {
                    format!("api key in {} {param:?}", location.as_str())
                }
                SecurityKind::Bearer => "bearer".to_owned(),
                SecurityKind::Basic => "basic".to_owned(),
                SecurityKind::OAuth2 => "oauth2".to_owned(),
                SecurityKind::Other(other) => other.clone(),
            };
            writeln!(out, "security {}: {kind}", scheme.name)?;
        }
        if let Some(error) = &self.error_body {
            writeln!(out, "error body {}", self.type_text(error))?;
        }
        let mut types: Vec<&TypeDef> = self.types.iter().collect();
        types.sort_by(|a, b| a.ident.cmp(&b.ident));
        for def in types {
            writeln!(out)?;
            self.write_type(&mut out, def)?;
        }
        let mut operations: Vec<&Operation> = self.operations.iter().collect();
        operations.sort_by(|a, b| a.id.cmp(&b.id));
        for op in operations {
            writeln!(out)?;
            self.write_operation(&mut out, "operation", op)?;
        }
        for op in &self.webhooks {
            writeln!(out)?;
            self.write_operation(&mut out, "webhook", op)?;
        }
        f.write_str(&out)
    }
}

fn presence_text(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => "required",
        Presence::Nullable => "required, nullable",
        Presence::Optional | Presence::Defaulted => "optional",
    }
}

/// A parameter's style where it is not its location's default, and what it is written as.
fn style_text(p: &Param) -> String {
    let style = &p.style;
    let mut text = String::new();
    if !style.is_default(p.location) {
        let explode = if style.explode { " exploded" } else { "" };
        text.push_str(&format!(" style {}{explode}", style.style.as_str()));
    }
    match style.shape {
        Shape::Json => text.push_str(" as JSON"),
        Shape::Nested => text.push_str(" as nested keys"),
        _ => {}
    }
    if style.allow_reserved {
        text.push_str(" reserved");
    }
    text
}
