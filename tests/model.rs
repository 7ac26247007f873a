//! The normalized model: snapshots of its text form, and the diagnostics bad input gets.

use openapi_gen::model_of;

/// The model of the workspaces spec, as every renderer sees it.
#[test]
fn workspaces_model() {
    let api = model_of(&tests::read("spec/workspaces.yaml")).expect("the spec normalizes");
    insta::assert_snapshot!(api.to_string());
}

/// One snapshot per fixture under tests/fixtures/model/.
#[test]
fn fixture_models() {
    insta::glob!("fixtures/model/*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let api = model_of(&text).unwrap_or_else(|d| panic!("{}: {d}", path.display()));
        insta::assert_snapshot!(api.to_string());
    });
}

/// The diagnostics of a fixture under tests/fixtures/errors/, as (pointer, message) pairs.
fn diagnostics(name: &str) -> Vec<(String, String)> {
    let text = tests::read(&format!("tests/fixtures/errors/{name}"));
    let diagnostics = model_of(&text).expect_err("the fixture is invalid");
    diagnostics
        .iter()
        .map(|d| (d.pointer.to_string(), d.message.clone()))
        .collect()
}

#[test]
fn dangling_refs_name_where_they_are() {
    let found = diagnostics("dangling-ref.yaml");
    assert_eq!(
        found,
        [
            (
                "#/components/schemas/Workspace/properties/latest_build".to_owned(),
                "`$ref: #/components/schemas/codersdk.WorkspaceBuild` points to no schema"
                    .to_owned()
            ),
            (
                "#/paths/~1workspaces/get/responses/200/content/application~1json/schema"
                    .to_owned(),
                "`$ref: #/components/schemas/Missing` points to no schema".to_owned()
            ),
        ]
    );
}

#[test]
fn duplicate_operation_ids_name_both() {
    let found = diagnostics("duplicate-operation-id.yaml");
    assert_eq!(
        found,
        [(
            "#/paths/~1b/get".to_owned(),
            "duplicate operationId `fetch` (first at #/paths/~1a/get)".to_owned()
        )]
    );
}

#[test]
fn schemas_with_one_rust_name_are_an_error() {
    let found = diagnostics("name-collision.yaml");
    assert_eq!(
        found,
        [(
            "#/components/schemas/WorkspaceBuild".to_owned(),
            "`WorkspaceBuild` and `workspace_build` (at #/components/schemas/workspace_build) both become the Rust name `WorkspaceBuild`".to_owned()
        )]
    );
}

#[test]
fn invalid_yaml_gives_line_and_column() {
    let found = diagnostics("invalid-yaml.yaml");
    assert_eq!(found.len(), 1);
    let (pointer, message) = &found[0];
    assert_eq!(pointer, "#/info");
    assert!(
        message.starts_with("invalid YAML at line 3, column 1: "),
        "{message}"
    );
}

#[test]
fn wrong_shape_names_the_place() {
    let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n";
    let diagnostics = model_of(text).expect_err("responses must be a map");
    let first = diagnostics.iter().next().unwrap();
    // openapiv3 reads path items through a flattened map, which loses the path below it; the
    // failing entry is read again alone to point at the exact node.
    assert_eq!(first.pointer.as_str(), "#/paths/~1a/get/responses");
    assert!(
        first
            .message
            .starts_with("OpenAPI 3.0 cannot read this: invalid type: integer `7`"),
        "{}",
        first.message
    );
}

/// A version this tool does not read is named, not a symptom of reading it as another one
/// (Swagger 1.2 has no `paths` at all).
#[test]
fn unsupported_versions_are_named() {
    for (text, pointer, message) in [
        (
            "openapi: 4.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n",
            "#/openapi",
            "unsupported version `openapi: 4.0.0`",
        ),
        (
            "{\"swaggerVersion\": \"1.2\", \"swagger\": \"1.2\", \"apis\": []}",
            "#/swagger",
            "unsupported version `swagger: 1.2`",
        ),
    ] {
        let diagnostics = model_of(text).expect_err("not a version read");
        let found: Vec<(&str, &str)> = diagnostics
            .iter()
            .map(|d| (d.pointer.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(found, [(pointer, message)]);
    }
}

#[test]
fn a_document_without_a_version_says_so() {
    let text = "info: {title: T, version: '1'}
paths: {}
";
    let diagnostics = model_of(text).expect_err("no version");
    let first = diagnostics.iter().next().unwrap();
    assert_eq!(first.pointer.as_str(), "#");
    assert!(
        first.message.contains("declares no OpenAPI version"),
        "{}",
        first.message
    );
}

/// A value an enum lists twice becomes one variant, with a warning where the list is.
#[test]
fn duplicate_enum_values_are_one_variant() {
    let found = diagnostics("duplicate-enum-values.yaml");
    let warning = |at: &str, value: &str| {
        (
            at.to_owned(),
            format!("the enum lists the value \"{value}\" more than once"),
        )
    };
    assert_eq!(
        found,
        [
            warning("#/components/schemas/Status/enum", "active"),
            // Listed three times, said once: the same warning at the same place is one.
            warning("#/components/schemas/Job/properties/priority/enum", "low"),
        ]
    );
    let text = tests::read("tests/fixtures/errors/duplicate-enum-values.yaml");
    let (api, _) = openapi_gen::model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{d}"));
    insta::assert_snapshot!(api.to_string());
}

/// A path template and its path parameters that disagree are warnings, each saying what is
/// done instead: the client never sends the braces of an unfilled `{name}`.
#[test]
fn path_templates_and_path_parameters_must_agree() {
    let found = diagnostics("path-templates.yaml");
    assert_eq!(
        found,
        [
            (
                "#/paths/~1a~1{id}/get".to_owned(),
                "the path `/a/{id}` names `{id}`, which no parameter declares".to_owned()
            ),
            (
                "#/paths/~1pets~1{petId}/get/parameters/0".to_owned(),
                "the path parameter `id` is not in the path `/pets/{petId}`".to_owned()
            ),
            (
                "#/paths/~1pets~1{petId}/get".to_owned(),
                "the path `/pets/{petId}` names `{petId}`, which no parameter declares".to_owned()
            ),
        ]
    );
    let text = tests::read("tests/fixtures/errors/path-templates.yaml");
    let (api, _) = openapi_gen::model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{d}"));
    insta::assert_snapshot!(api.to_string());
    let options = openapi_gen::render::Options::new("templates", "test");
    let rendered = openapi_gen::render::render_all(&api, &options);
    assert!(rendered.diagnostics.is_empty(), "{}", rendered.diagnostics);
    let client = rendered
        .files
        .iter()
        .find(|f| f.path == "client/src/operations.rs")
        .expect("the client's operations");
    assert!(
        client.contents.contains("pet_id: &str"),
        "{}",
        client.contents
    );
}

/// The warnings of a fixture under tests/fixtures/errors/ that still normalizes, with the
/// model's text.
fn warnings(name: &str) -> (Vec<(String, String)>, String) {
    let text = tests::read(&format!("tests/fixtures/errors/{name}"));
    let (api, diagnostics) =
        openapi_gen::model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        diagnostics.iter().all(|d| d.instead.is_some()),
        "{diagnostics}"
    );
    let found = diagnostics
        .iter()
        .map(|d| (d.pointer.to_string(), d.message.clone()))
        .collect();
    (found, api.to_string())
}

/// Required fields a generator can do without are read with a stand-in and a warning, and
/// Swagger 2.0's `type: file` in a 3.0 document is binary data, with a warning.
#[test]
fn a_schema_library_without_paths_or_version_is_read() {
    let (found, model) = warnings("schema-library.yaml");
    let warning = |at: &str, message: &str| (at.to_owned(), message.to_owned());
    assert_eq!(
        found,
        [
            warning("#/info", "the required field `version` is missing"),
            warning("#", "the required field `paths` is missing"),
            warning(
                "#/components/schemas/Upload/properties/content/type",
                "`type: file` is not an OpenAPI 3.0 type"
            ),
        ]
    );
    insta::assert_snapshot!(model);
}

/// An operation without `responses` is read with none; a callback by `$ref` is read.
#[test]
fn an_operation_without_responses_is_read() {
    let (found, model) = warnings("unfinished-operations.yaml");
    assert_eq!(
        found,
        [(
            "#/paths/~1hooks/post".to_owned(),
            "the operation has no `responses`".to_owned()
        )]
    );
    insta::assert_snapshot!(model);
}

/// A style a parameter's location or shape cannot take is a warning saying how the value is
/// written instead; the model says the style of every parameter that is not its location's
/// default.
#[test]
fn parameter_styles_their_shapes_cannot_take_are_replaced() {
    let found = diagnostics("param-styles.yaml");
    let at = |i: usize, key: &str| format!("#/paths/~1search/get/parameters/{i}/{key}");
    assert_eq!(
        found,
        [
            (
                at(7, "explode"),
                "style `spaceDelimited` is not defined with `explode: true`".to_owned()
            ),
            (
                at(8, "style"),
                "style `pipeDelimited` cannot write a value of this type (nested objects, arrays \
                 of objects or a union)"
                    .to_owned()
            ),
            (
                at(9, "allowEmptyValue"),
                "`allowEmptyValue` is honoured only for string parameters".to_owned()
            ),
        ]
    );
    let text = tests::read("tests/fixtures/errors/param-styles.yaml");
    let (api, _) = openapi_gen::model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{d}"));
    insta::assert_snapshot!(api.to_string());
}

/// Names that case alike are told apart readably: signs become words, and a name whose
/// Rust name is taken keeps its own spelling; only names spelled alike too are numbered,
/// with a warning.
#[test]
fn names_cased_alike_stay_readable_and_apart() {
    let found = diagnostics("cased-names.yaml");
    assert_eq!(
        found,
        [(
            "#/components/schemas/Event/properties/is-global".to_owned(),
            "`is-global` and `is_global` (at #/components/schemas/Event/properties/is_global) \
             both become the Rust name `is_global`"
                .to_owned()
        )]
    );
    let text = tests::read("tests/fixtures/errors/cased-names.yaml");
    let (api, _) = openapi_gen::model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{d}"));
    insta::assert_snapshot!(api.to_string());
}

/// `allOf` members whose definitions of a property neither holds the other are reported; the
/// first definition stays (the merges that narrow are in tests/fixtures/model/allof-merges.yaml).
#[test]
fn allof_members_that_truly_conflict_are_reported() {
    let found = diagnostics("allof-conflicts.yaml");
    let conflict = |name: &str| {
        (
            format!("#/components/schemas/Base/properties/{name}"),
            format!(
                "allOf members define property `{name}` differently (first at \
                 #/components/schemas/Item/allOf/0/properties/{name})"
            ),
        )
    };
    assert_eq!(found, [conflict("count"), conflict("status")]);
}

/// A form body's fields are written as query parameters in their `encoding`'s style; a form
/// that allows no property is no body; a form whose schema lists no properties is a warning.
#[test]
fn form_bodies_become_fields_in_their_styles() {
    let text = r#"
openapi: 3.0.3
info: {title: Forms, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {}, additionalProperties: false}
      responses: {'204': {description: None.}}
    post:
      operationId: makeThing
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                tags: {type: array, items: {type: string}}
                ids: {type: array, items: {type: integer}}
                meta: {type: object, properties: {a: {type: string}}}
            encoding:
              tags: {style: pipeDelimited}
              meta: {contentType: application/json}
      responses: {'204': {description: Made.}}
    put:
      operationId: replaceThing
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {oneOf: [{type: string}, {type: integer}]}
      responses: {'204': {description: Replaced.}}
"#;
    let (api, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
    let op = |id: &str| api.operations.iter().find(|op| op.id == id).unwrap();
    assert!(op("listThings").body.is_none());
    let fields = op("makeThing")
        .body
        .as_ref()
        .unwrap()
        .fields
        .as_ref()
        .unwrap();
    let styles: Vec<(&str, &str, bool, bool)> = fields
        .iter()
        .map(|f| {
            let style = f.style.style.as_str();
            (
                f.name.as_str(),
                style,
                f.style.explode,
                f.presence.is_required(),
            )
        })
        .collect();
    assert_eq!(
        styles,
        [
            ("name", "form", true, true),
            ("tags", "pipeDelimited", false, false),
            ("ids", "form", true, false),
            ("meta", "form", false, false),
        ]
    );
    assert_eq!(fields[3].style.shape, openapi_gen::model::Shape::Json);
    let replace = op("replaceThing").body.as_ref().unwrap();
    assert!(replace.fields.is_none());
    let found: Vec<(String, &str)> = diagnostics
        .iter()
        .map(|d| (d.pointer.to_string(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "#/paths/~1things/put/requestBody/content/application~1x-www-form-urlencoded/schema"
                .to_owned(),
            "a form body without an object schema has no fields to type"
        )]
    );
}

/// A `$ref` to a schema written under a parameter, a response or an operation resolves to
/// that schema, one type wherever it is used, with no warning (PagerDuty writes
/// `$ref: '#/components/parameters/audit_method_type/schema'` two thousand times).
#[test]
fn a_ref_to_a_schema_anywhere_is_that_schema() {
    let text = r##"
openapi: 3.0.3
info: {title: Refs, version: "1"}
paths:
  /audits:
    get:
      operationId: listAudits
      parameters:
        - $ref: '#/components/parameters/audit_method_type'
      responses:
        '200':
          description: The audits.
          content:
            application/json:
              schema:
                type: object
                properties:
                  method: {$ref: '#/components/parameters/audit_method_type/schema'}
                  page: {$ref: '#/components/responses/Paged/content/application~1json/schema/properties/page'}
                  next: {$ref: '#/paths/~1audits/get/responses/200/content/application~1json/schema/properties/page'}
  /nothing:
    get:
      operationId: nothing
      responses:
        '200':
          description: A dangling reference.
          content:
            application/json:
              schema: {$ref: '#/components/parameters/missing/schema'}
components:
  parameters:
    audit_method_type:
      name: method
      in: query
      schema: {type: string, enum: [browser, api_token]}
  responses:
    Paged:
      description: A page.
      content:
        application/json:
          schema:
            type: object
            properties:
              page: {type: object, properties: {offset: {type: integer}}}
"##;
    let (api, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
    let found: Vec<String> = diagnostics.iter().map(|d| d.pointer.to_string()).collect();
    assert_eq!(
        found,
        ["#/paths/~1nothing/get/responses/200/content/application~1json/schema"]
    );
    let op = &api.operations[0];
    let param = &op.params[0].ty;
    let ty = op.responses[0]
        .content
        .as_ref()
        .unwrap()
        .ty
        .as_ref()
        .unwrap();
    let openapi_gen::model::TypeRef::Named(id) = ty else {
        panic!("a struct, not {ty:?}")
    };
    let openapi_gen::model::TypeKind::Struct(s) = &api.ty(*id).kind else {
        panic!("a struct")
    };
    let field = |name: &str| &s.fields.iter().find(|f| f.name == name).unwrap().ty;
    // The parameter's enum and the property are one type.
    assert_eq!(field("method"), param);
    // A pointer into a response's schema, and one to that same place through the path.
    assert!(matches!(
        field("page"),
        openapi_gen::model::TypeRef::Named(_)
    ));
    assert_ne!(field("page"), field("method"));
}

/// Cloudflare's responses: `allOf` of a base whose `result` is any object or a string, and a
/// member that says what `result` is. A value must satisfy both, so `result` is the narrower
/// type, with no warning; definitions that truly disagree still warn.
#[test]
fn allof_keeps_the_narrower_definition_whichever_member_has_it() {
    let text = r##"
openapi: 3.0.3
info: {title: Narrowing, version: "1"}
paths: {}
components:
  schemas:
    Zone:
      type: object
      properties:
        id: {type: string}
    api-response-single:
      type: object
      properties:
        success: {type: boolean}
        result:
          anyOf:
            - type: object
            - type: string
          nullable: true
        extra: {}
        meta: {type: object}
    zone_response:
      allOf:
        - $ref: '#/components/schemas/api-response-single'
        - properties:
            result: {$ref: '#/components/schemas/Zone'}
            extra: {type: integer}
            meta:
              type: object
              properties:
                page: {type: integer}
    clash:
      allOf:
        - properties:
            value: {type: string}
        - properties:
            value: {type: integer}
"##;
    let (api, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
    let found: Vec<String> = diagnostics.iter().map(|d| d.pointer.to_string()).collect();
    assert_eq!(
        found,
        ["#/components/schemas/clash/allOf/1/properties/value"]
    );
    let zone_response = (api.types.iter())
        .find(|t| t.schema_name.as_deref() == Some("zone_response"))
        .unwrap();
    let openapi_gen::model::TypeKind::Struct(s) = &zone_response.kind else {
        panic!("a struct")
    };
    let field = |name: &str| &s.fields.iter().find(|f| f.name == name).unwrap().ty;
    assert_eq!(api.type_text(field("result")), "Zone");
    assert_eq!(api.type_text(field("extra")), "integer");
    // The member's object with properties, not the base's bare object.
    assert!(matches!(
        field("meta"),
        openapi_gen::model::TypeRef::Named(_)
    ));
}

/// What is wrong with a shared component is said once, at the component, however many
/// operations use it (Asana had one warning 239 times).
#[test]
fn a_shared_component_is_reported_once() {
    let text = r##"
openapi: 3.0.3
info: {title: Shared, version: "1"}
paths:
  /a:
    get:
      parameters: [{$ref: '#/components/parameters/pretty'}]
      responses: {'204': {description: None.}}
  /b:
    get:
      parameters: [{$ref: '#/components/parameters/pretty'}]
      responses: {'204': {description: None.}}
  /c:
    get:
      parameters: [{$ref: '#/components/parameters/pretty'}]
      responses: {'204': {description: None.}}
components:
  parameters:
    pretty:
      name: opt_pretty
      in: query
      allowEmptyValue: true
      schema: {type: boolean}
"##;
    let (_, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
    let found: Vec<String> = diagnostics.iter().map(|d| d.pointer.to_string()).collect();
    assert_eq!(found, ["#/components/parameters/pretty/allowEmptyValue"]);
}

/// A node the typed reader rejects is set aside alone, with a warning at that exact node: a
/// malformed schema is any value, a malformed parameter is left out; the rest is read.
#[test]
fn a_malformed_node_is_set_aside_alone() {
    let text = r##"
openapi: 3.0.3
info: {title: Malformed, version: "1"}
paths:
  /channels:
    get:
      operationId: listChannels
      parameters:
        - {name: limit, in: somewhere, schema: {type: integer}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: The channels.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Channel'}
components:
  schemas:
    Channel:
      type: object
      properties:
        id: {type: string}
        latest:
          type: array
          items: string
        topic:
          type: {name: string}
"##;
    let (api, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
    let found: Vec<(String, String)> = diagnostics
        .iter()
        .map(|d| (d.pointer.to_string(), d.instead.clone().unwrap_or_default()))
        .collect();
    let schema = "#/components/schemas/Channel/properties";
    assert_eq!(
        found,
        [
            (
                "#/paths/~1channels/get/parameters/0".to_owned(),
                "left the parameter out".to_owned()
            ),
            (
                format!("{schema}/latest/items"),
                "read that schema as any value".to_owned()
            ),
            (
                format!("{schema}/topic"),
                "read that schema as any value".to_owned()
            ),
        ],
        "{diagnostics:?}"
    );
    let op = &api.operations[0];
    let names: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["cursor"]);
}

/// A part that is neither a schema nor a parameter, and that the reader rejects, is left out
/// alone (a required one stands in): the rest of the document is read.
#[test]
fn a_document_with_a_version_is_never_refused_whole() {
    let text = r##"
openapi: 3.0.3
info: 5
servers: [7, {url: "https://example.com"}]
tags: [{description: no name}, {name: kept}]
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200': {description: fine}
        '404': [not, a, response]
  /b: 5
  /c:
    get:
      operationId: getC
      responses: 3
components:
  securitySchemes:
    broken: {type: nonsense}
    items: "https://example.com"
"##;
    let (api, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
    let found: Vec<(String, String)> = diagnostics
        .iter()
        .map(|d| (d.pointer.to_string(), d.instead.clone().unwrap_or_default()))
        .collect();
    let at = |p: &str| found.iter().find(|(f, _)| f == p).map(|(_, i)| i.as_str());
    assert_eq!(at("#/info"), Some("left it out"), "{found:?}");
    assert_eq!(at("#/servers/0"), Some("left it out"), "{found:?}");
    assert_eq!(at("#/tags/0"), Some("left it out"), "{found:?}");
    assert_eq!(
        at("#/paths/~1a/get/responses/404"),
        Some("left it out"),
        "{found:?}"
    );
    assert_eq!(at("#/paths/~1b"), Some("left it out"), "{found:?}");
    assert_eq!(
        at("#/paths/~1c/get/responses"),
        Some("left it out"),
        "{found:?}"
    );
    let ids: Vec<&str> = api.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["getA", "getC"]);
    let statuses: Vec<String> = api.operations[0]
        .responses
        .iter()
        .map(|r| format!("{:?}", r.status))
        .collect();
    assert_eq!(statuses.len(), 1, "{statuses:?}");
}

/// An array's item, a map's value or a tuple's member that may be null is typed so: a null
/// there is a value, not a failure to decode the whole response.
#[test]
fn elements_that_may_be_null_hold_null() {
    let text = r##"
openapi: 3.1.0
info: {title: Nullable elements, version: "1"}
paths: {}
components:
  schemas:
    Readings:
      type: object
      properties:
        samples:
          type: array
          items: {type: [number, "null"]}
        labels:
          type: object
          additionalProperties: {type: string, nullable: true}
        pair:
          type: array
          prefixItems: [{type: string}, {anyOf: [{$ref: '#/components/schemas/Unit'}, {type: "null"}]}]
          items: false
        anything:
          type: array
          items: {nullable: true}
    Unit:
      type: string
      enum: [celsius, kelvin]
"##;
    let (api, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics}");
    let readings = api.types.iter().find(|t| t.ident == "Readings").unwrap();
    let openapi_gen::model::TypeKind::Struct(s) = &readings.kind else {
        panic!("{readings:?}");
    };
    let fields: Vec<(&str, String)> = s
        .fields
        .iter()
        .map(|f| (f.name.as_str(), api.type_text(&f.ty)))
        .collect();
    assert_eq!(
        fields,
        [
            ("samples", "[number?]".to_owned()),
            ("labels", "{string: string?}".to_owned()),
            ("pair", "(string, Unit?)".to_owned()),
            // Any value holds null already.
            ("anything", "[any]".to_owned()),
        ]
    );
}

/// Constraints are decided once: each kept where the Rust type can be measured by it, one
/// that no value can meet reported and left out.
#[test]
fn constraints_that_cannot_hold_are_reported_and_left_out() {
    let text = r##"
openapi: 3.0.3
info: {title: Constraints, version: "1"}
paths: {}
components:
  schemas:
    Limits:
      type: object
      properties:
        code: {type: string, minLength: 5, maxLength: 2}
        size: {type: integer, minimum: 3, maximum: 3, exclusiveMaximum: true}
        when: {type: string, format: date-time, maxLength: 30}
        name: {type: string, minLength: 1}
        items: {type: array, maxItems: 2, items: {type: number, maximum: 9.5}}
        handle: {type: string, pattern: "^(\\w)\\1$", maxLength: 9}
"##;
    let (api, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
    let found: Vec<(String, String)> = diagnostics
        .iter()
        .map(|d| (d.pointer.to_string(), d.instead.clone().unwrap_or_default()))
        .collect();
    let at = "#/components/schemas/Limits/properties";
    assert_eq!(
        found,
        [
            (format!("{at}/code/minLength"), "checked neither".to_owned()),
            (format!("{at}/size/minimum"), "checked neither".to_owned()),
            // A back-reference: an ECMA-262 construct Rust's regex crate lacks.
            (
                format!("{at}/handle/pattern"),
                "did not check it".to_owned()
            ),
        ]
    );
    let openapi_gen::model::TypeKind::Struct(s) = &api.types[0].kind else {
        panic!("{:?}", api.types[0]);
    };
    let checks: Vec<(&str, String)> = s
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.checks.to_string()))
        .collect();
    assert_eq!(
        checks,
        [
            ("code", String::new()),
            ("size", String::new()),
            // A timestamp is checked by parsing it.
            ("when", String::new()),
            ("name", "length 1..".to_owned()),
            ("items", "items ..2, each (<= 9.5)".to_owned()),
            ("handle", "length ..9".to_owned()),
        ]
    );
}

/// `additionalProperties: false` closes an object's own properties; an `allOf` member's does
/// not close the merge, which would refuse the other members' properties.
#[test]
fn an_object_closed_to_other_properties_is_marked() {
    let text = r##"
openapi: 3.0.3
info: {title: Closed, version: "1"}
paths: {}
components:
  schemas:
    Closed:
      type: object
      additionalProperties: false
      properties:
        a: {type: string}
    Open:
      type: object
      properties:
        a: {type: string}
    Merged:
      allOf:
        - $ref: '#/components/schemas/Closed'
        - type: object
          properties:
            b: {type: string}
"##;
    let api = openapi_gen::model_with_diagnostics(text).unwrap().0;
    let closed: Vec<(&str, bool)> = api
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            openapi_gen::model::TypeKind::Struct(s) => Some((def.ident.as_str(), s.closed)),
            _ => None,
        })
        .collect();
    assert_eq!(
        closed,
        [("Closed", true), ("Open", false), ("Merged", false)]
    );
    let text = api.to_string();
    let closed = "struct Closed (Closed) at #/components/schemas/Closed\n  a as a: string [optional]\n  .. none other\n";
    assert!(text.contains(closed), "{text}");
}

/// A key a mapping repeats (the checks fixture once had two `maximum`s) reads as its last
/// value with a warning at it, in YAML and in JSON; openapiv3 panicked on it.
#[test]
fn a_repeated_key_is_read_as_its_last_value() {
    let yaml = r##"
openapi: 3.0.3
info: {title: Repeated, version: "1"}
paths:
  /items:
    get:
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            maximum: 1000
            maximum: 50
      responses:
        '204': {description: Nothing.}
"##;
    let json = r##"{"openapi": "3.0.3", "info": {"title": "Repeated", "version": "1"},
      "paths": {"/items": {"get": {"parameters": [{"name": "limit", "in": "query",
        "schema": {"type": "integer", "maximum": 1000, "maximum": 50}}],
        "responses": {"204": {"description": "Nothing."}}}}}}"##;
    for text in [yaml, json] {
        let (api, diagnostics) = openapi_gen::model_with_diagnostics(text).unwrap();
        let found: Vec<(String, &str)> = diagnostics
            .iter()
            .map(|d| (d.pointer.to_string(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(
                "#/paths/~1items/get/parameters/0/schema/maximum".to_owned(),
                "the mapping repeats the key `maximum`"
            )]
        );
        let limit = &api.operations[0].params[0];
        assert_eq!(limit.checks.to_string(), "<= 50");
    }
}
