use openapi_gen::model_of;

#[test]
fn workspaces() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/workspaces.yaml")).unwrap();
    let api = model_of(&text).unwrap();
    println!("{api}");
}
