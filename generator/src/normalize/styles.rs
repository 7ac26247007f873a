//! How each parameter's value is written: `style` and `explode` checked against OpenAPI's
//! style table for the parameter's location and the shape of its type, defaults filled in.

use super::Normalizer;
use crate::diag::{Diagnostic, Pointer};
use crate::model::{
    ParamLocation, ParamStyle, ScalarKind, Shape, Style, TypeKind, TypeRef, resolve,
};
use openapiv3::{Encoding, Parameter, PathStyle, QueryStyle};

/// What a parameter, or a form body's `encoding` of a property, says about its style.
pub(super) struct Declared {
    style: Style,
    /// `None` when not written: true for style `form`, false for the others.
    explode: Option<bool>,
    allow_reserved: bool,
    allow_empty: bool,
}

impl Declared {
    /// A parameter's style (or its location's default, which the parser fills in).
    pub(super) fn of_param(param: &Parameter) -> Self {
        let (style, allow_reserved, allow_empty) = declared_style(param);
        Declared {
            style,
            explode: param.parameter_data_ref().explode,
            allow_reserved,
            allow_empty,
        }
    }

    /// A form body property's style: its `encoding`'s, as a query parameter's, defaults
    /// included.
    pub(super) fn of_encoding(encoding: Option<&Encoding>) -> Self {
        let style = match encoding.and_then(|e| e.style.as_ref()) {
            Some(style) => query_style(style),
            None => Style::Form,
        };
        // The reader defaults `explode` to false whatever the style, so an `explode: false`
        // cannot be told from none: style `form` is read exploded, as its default is.
        let explode = encoding.is_some_and(|e| e.explode) || style == Style::Form;
        Declared {
            style,
            explode: Some(explode),
            allow_reserved: encoding.is_some_and(|e| e.allow_reserved),
            allow_empty: false,
        }
    }
}

impl Normalizer<'_> {
    /// The style of a parameter whose type is `ty`; `json` when it declares JSON `content`.
    pub(super) fn param_style(
        &mut self,
        declared: Declared,
        location: ParamLocation,
        ty: &TypeRef,
        json: bool,
        at: &Pointer,
    ) -> ParamStyle {
        let Declared {
            style: declared,
            explode,
            allow_reserved,
            allow_empty,
        } = declared;
        let default = Style::default_of(location);
        let explode = explode.unwrap_or(declared == Style::Form);
        let shape = match json {
            true => Shape::Json,
            false => self.shape_of(ty),
        };
        if allow_empty
            && !matches!(resolve(&self.types, ty), TypeRef::Scalar(s) if s.kind == ScalarKind::String)
        {
            self.diags.push(
                Diagnostic::new(
                    &at.push("allowEmptyValue"),
                    "`allowEmptyValue` is honoured only for string parameters",
                    "send a value, or make the parameter a string",
                )
                .instead("an empty value does not parse: the server answers 400"),
            );
        }
        let style = |style, explode| ParamStyle {
            style,
            explode,
            shape,
            allow_reserved,
        };
        match (declared, shape) {
            (Style::DeepObject, Shape::Json) if !json => ParamStyle {
                shape: Shape::Nested,
                ..style(Style::DeepObject, true)
            },
            (_, Shape::Json) => {
                if declared != default && !json {
                    self.diags.push(
                        Diagnostic::new(
                            &at.push("style"),
                            format!(
                                "style `{}` cannot write a value of this type (nested objects, \
                                 arrays of objects or a union)",
                                declared.as_str()
                            ),
                            "give the parameter a primitive, an array of primitives or an \
                             object of primitives, or `content` with a JSON media type",
                        )
                        .instead("sent the value as JSON text"),
                    );
                }
                style(default, false)
            }
            // A primitive is `name=value` in every query style.
            (
                Style::SpaceDelimited | Style::PipeDelimited | Style::DeepObject,
                Shape::Primitive,
            ) => style(Style::Form, true),
            (Style::SpaceDelimited | Style::PipeDelimited, _) if explode => {
                self.diags.push(
                    Diagnostic::new(
                        &at.push("explode"),
                        format!(
                            "style `{}` is not defined with `explode: true`",
                            declared.as_str()
                        ),
                        "remove `explode`, or use style `form` to repeat the parameter",
                    )
                    .instead("wrote it as style `form` with `explode: true`"),
                );
                style(Style::Form, true)
            }
            // deepObject has one form whatever `explode` says; an array is `name[]=item`.
            (Style::DeepObject, _) => style(Style::DeepObject, true),
            _ => style(declared, explode),
        }
    }

    /// The shape a style writes for a value of `ty`.
    pub(super) fn shape_of(&self, ty: &TypeRef) -> Shape {
        let primitive = |ty: &TypeRef| match resolve(&self.types, ty) {
            TypeRef::Scalar(_) => true,
            TypeRef::Named(id) => matches!(self.types[id.0].kind, TypeKind::Enum(_)),
            _ => false,
        };
        match resolve(&self.types, ty) {
            ty if primitive(ty) => Shape::Primitive,
            TypeRef::Array(item) if primitive(item) => Shape::Array,
            TypeRef::Map(value) if primitive(value) => Shape::Object,
            TypeRef::Named(id) => match &self.types[id.0].kind {
                TypeKind::Struct(s)
                    if s.additional.is_none() && s.fields.iter().all(|f| primitive(&f.ty)) =>
                {
                    Shape::Object
                }
                _ => Shape::Json,
            },
            _ => Shape::Json,
        }
    }
}

/// The style a parameter declares (or its location's default, which the parser fills in),
/// with `allowReserved` and `allowEmptyValue`.
fn declared_style(param: &Parameter) -> (Style, bool, bool) {
    match param {
        Parameter::Query {
            style,
            allow_reserved,
            allow_empty_value,
            ..
        } => {
            let style = query_style(style);
            (style, *allow_reserved, allow_empty_value.unwrap_or(false))
        }
        Parameter::Path { style, .. } => {
            let style = match style {
                PathStyle::Simple => Style::Simple,
                PathStyle::Label => Style::Label,
                PathStyle::Matrix => Style::Matrix,
            };
            (style, false, false)
        }
        Parameter::Header { .. } => (Style::Simple, false, false),
        Parameter::Cookie { .. } => (Style::Form, false, false),
    }
}

fn query_style(style: &QueryStyle) -> Style {
    match style {
        QueryStyle::Form => Style::Form,
        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
        QueryStyle::PipeDelimited => Style::PipeDelimited,
        QueryStyle::DeepObject => Style::DeepObject,
    }
}
