//! The deviations real documents make from the version they declare (tests/fixtures/deviations),
//! each read as its author meant it, with a warning placed at the exact node by line and column;
//! the crates generated from them are committed, so the workspace build checks they compile,
//! and the types here are used to read the values the documents describe.

use serde_json::json;

/// Each warning of `openapi-gen lint` on the fixture `name`, as (pointer, the text at its line
/// and column up to the end of that line, what was read instead).
fn warnings(name: &str) -> Vec<(String, String, String)> {
    let spec = tests::root().join("tests/fixtures/deviations").join(name);
    let spec = spec.to_str().unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = ["openapi-gen", "lint", spec, "--format", "json"];
    openapi_gen::cli::run(argv, &mut out, &mut err);
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&err)));
    let text = tests::read_path(std::path::Path::new(spec));
    let lines: Vec<&str> = text.lines().collect();
    let mut warnings: Vec<(String, String, String)> = found
        .iter()
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            let line = d["line"].as_u64().unwrap_or_else(|| panic!("{d}")) as usize;
            let column = d["column"].as_u64().unwrap() as usize;
            let place: String = lines[line - 1].chars().skip(column - 1).collect();
            let instead = d["instead"].as_str().unwrap().to_owned();
            (d["pointer"].as_str().unwrap().to_owned(), place, instead)
        })
        .collect();
    warnings.sort();
    warnings
}

/// Asserts that `found` is exactly `expected`: (pointer, the start of the text where the
/// warning is placed, a part of what was read instead), in pointer order.
fn assert_warnings(found: &[(String, String, String)], expected: &[(&str, &str, &str)]) {
    let shown = format!("{found:#?}");
    assert_eq!(found.len(), expected.len(), "{shown}");
    for ((pointer, place, instead), (want_pointer, want_place, want_instead)) in
        found.iter().zip(expected)
    {
        assert_eq!(pointer, want_pointer, "{shown}");
        assert!(
            place.starts_with(want_place),
            "{pointer} is placed at {place:?}"
        );
        assert!(instead.contains(want_instead), "{pointer}: {instead}");
    }
}

#[test]
fn swagger_deviations_are_read_as_meant_and_placed_exactly() {
    let channel = "#/definitions/Channel/properties";
    let op = "#/paths/~1channels~1{channel}/get";
    assert_warnings(
        &warnings("swagger.yaml"),
        &[
            (
                &format!("{channel}/created/format"),
                "format: dateTime",
                "`date-time`",
            ),
            (
                &format!("{channel}/id/required"),
                "required: true",
                "`id` as listed",
            ),
            (
                &format!("{channel}/latest/items"),
                "items:",
                "items of any of them",
            ),
            (
                &format!("{channel}/members/exclusiveMinimum"),
                "exclusiveMinimum: 0",
                "`minimum: 0`, exclusive",
            ),
            (
                &format!("{channel}/name/maxLength"),
                "maxLength: \"80\"",
                "80",
            ),
            (&format!("{channel}/position/items"), "items:", "a tuple"),
            (
                &format!("{channel}/topic/type"),
                "type: [string",
                "`type: string` with `nullable: true`",
            ),
            (
                "#/definitions/Message/properties",
                "properties:",
                "the property it names",
            ),
            ("#/parameters/cursor", "cursor:", "a query parameter"),
            (
                &format!("{op}/parameters/0"),
                "name: channel",
                "a path parameter",
            ),
            (
                &format!("{op}/parameters/1"),
                "name: limit",
                "a query parameter",
            ),
            (
                &format!("{op}/parameters/1/maximum"),
                "maximum: \"100\"",
                "100",
            ),
            (
                &format!("{op}/responses/404"),
                "'404':",
                "an empty description",
            ),
        ],
    );
}

#[test]
fn openapi_30_deviations_are_read_as_meant_and_placed_exactly() {
    let user = "#/components/schemas/User/properties";
    let op = "#/paths/~1users~1{id}/get";
    assert_warnings(
        &warnings("openapi-3.0.yaml"),
        &[
            (
                "#/components/schemas/Problem/properties",
                "properties:",
                "the property it names",
            ),
            (
                &format!("{user}/address/required"),
                "required: true",
                "`address` as listed",
            ),
            (
                &format!("{user}/age/exclusiveMaximum"),
                "exclusiveMaximum: 200",
                "`maximum: 200`",
            ),
            (
                &format!("{user}/age/exclusiveMinimum"),
                "exclusiveMinimum: 0",
                "`minimum: 0`",
            ),
            (
                &format!("{user}/born/format"),
                "format: datetime",
                "`date-time`",
            ),
            (
                &format!("{user}/email/required"),
                "required: true",
                "`email` as listed",
            ),
            // Anything else the reader rejects is any value, with the reader's message.
            (&format!("{user}/legacy/items"), "items: 5", "any value"),
            (
                &format!("{user}/nickname/maxLength"),
                "maxLength: \"32\"",
                "32",
            ),
            (
                &format!("{user}/nickname/nullable"),
                "nullable: \"true\"",
                "true",
            ),
            (
                &format!("{user}/score/type"),
                "type: [number, string]",
                "a `oneOf`",
            ),
            (&format!("{user}/tags/items"), "items:", "its one schema"),
            (
                &format!("{user}/tags/uniqueItems"),
                "uniqueItems: \"true\"",
                "true",
            ),
            (
                &format!("{op}/parameters/0"),
                "name: id",
                "a path parameter",
            ),
            (&format!("{op}/parameters/1"), "name: fields", "as a string"),
            (
                &format!("{op}/parameters/2/required"),
                "required: \"false\"",
                "false",
            ),
            (
                &format!("{op}/parameters/2/schema/minimum"),
                "minimum: \"1\"",
                "1",
            ),
            (
                &format!("{op}/responses/default"),
                "default:",
                "an empty description",
            ),
        ],
    );
}

/// The types read from the 2.0 fixture hold what its author meant: `required: true` makes a
/// field required, a `type` list with `null` a field that may be null, positional `items` a
/// tuple, `properties` as a list the same properties.
#[test]
fn swagger_deviations_type_the_values_as_meant() {
    use deviations20_types::{Channel, Message};
    let channel: Channel = serde_json::from_value(json!({
        "id": "C1",
        "topic": null,
        "latest": [{"text": "hello", "ts": "1.0"}, null],
        "members": 3,
        "created": "2026-01-02T03:04:05Z",
        "position": [1.5, 2],
        "region": {"slug": "ams3"},
    }))
    .unwrap();
    // A schema of another file joins `definitions`, as a type of its own.
    assert_eq!(channel.region.unwrap().slug, "ams3");
    assert_eq!(channel.id, "C1");
    assert_eq!(channel.topic, None);
    assert_eq!(channel.position, Some((1.5, 2)));
    assert_eq!(channel.members, Some(3_i64));
    assert!(channel.created.is_some());
    // `items: [Message, {type: "null"}]`: each item a message or null.
    let latest = channel.latest.as_ref().unwrap();
    let message: &Message = latest[0].as_ref().unwrap();
    assert_eq!(
        (message.text.as_str(), message.ts.as_deref()),
        ("hello", Some("1.0"))
    );
    assert_eq!(latest[1], None);
    // `id` is required (`required: true` on the property); `text` by the object's list.
    assert!(serde_json::from_value::<Channel>(json!({"topic": "x"})).is_err());
    assert!(serde_json::from_value::<Message>(json!({"ts": "1.0"})).is_err());
    // A tuple of a number and an integer: three items, or a string, are not one.
    assert!(serde_json::from_value::<Channel>(json!({"id": "C1", "position": [1, 2, 3]})).is_err());
}

#[test]
fn openapi_30_deviations_type_the_values_as_meant() {
    use deviations30_types::{Problem, User, UserScore};
    let user: User = serde_json::from_value(json!({
        "id": "u1",
        "email": "a@example.com",
        "nickname": null,
        "age": 40,
        "score": "high",
        "address": {"street": "Main"},
        "born": "1986-01-02T03:04:05Z",
        "visits": 9_000_000_000_i64,
    }))
    .unwrap();
    assert_eq!(user.email, "a@example.com");
    assert_eq!(user.age, Some(40_i64));
    assert!(matches!(user.score, Some(UserScore::String(ref s)) if s == "high"));
    assert_eq!(user.visits, Some(9_000_000_000));
    // `email` and `address` are required by `required: true` on each.
    let without = |key: &str| {
        let mut value = serde_json::to_value(&user).unwrap();
        value.as_object_mut().unwrap().remove(key);
        serde_json::from_value::<User>(value)
    };
    assert!(without("email").is_err());
    assert!(without("address").is_err());
    assert!(without("nickname").is_ok());
    let problem: Problem = serde_json::from_value(json!({"title": "Gone", "status": 410})).unwrap();
    assert_eq!(
        (problem.title.as_deref(), problem.status),
        (Some("Gone"), Some(410))
    );
}

/// References to parts of other files that are not schemas are written where they stand, as
/// JSON Reference says: a map of properties under a schema's `properties`, a list of
/// parameters as one item of a list or as the whole list. A reference to a whole schema is
/// still a component of its own (`Region`).
#[test]
fn references_to_parts_that_are_not_schemas_are_written_where_they_stand() {
    use deviations30_types::{Droplet, Region};
    let path = tests::root().join("tests/fixtures/deviations/openapi-3.0.yaml");
    let (api, _) = openapi_gen::model_of_file(&path).unwrap_or_else(|d| panic!("{d}"));
    let op = api
        .operations
        .iter()
        .find(|o| o.id == "listDroplets")
        .unwrap();
    let params: Vec<(&str, String)> = op
        .params
        .iter()
        .map(|p| (p.name.as_str(), format!("{:?}", p.location)))
        .collect();
    assert_eq!(
        params,
        [
            ("X-Request-Id", "Header".to_owned()),
            ("per_page", "Query".to_owned()),
            ("page", "Query".to_owned()),
            ("tag", "Query".to_owned()),
        ]
    );
    let droplet: Droplet = serde_json::from_value(json!({
        "id": 7,
        "name": "web",
        "volume_ids": ["v1"],
        "region": {"slug": "ams3"},
    }))
    .unwrap();
    assert_eq!(droplet.id, 7);
    assert_eq!(
        droplet.region,
        Some(Region {
            slug: "ams3".into()
        })
    );
    // The document's own `required` still holds for the properties written elsewhere.
    assert!(serde_json::from_value::<Droplet>(json!({"name": "web"})).is_err());
}
