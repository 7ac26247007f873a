use openapi_gen::model_of;

#[test]
fn workspaces() {
    let api = model_of(&tests::read("spec/workspaces.yaml")).unwrap();
    println!("{api}");
}
