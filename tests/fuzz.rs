//! A bounded run of the mutation fuzzer (`cargo xtask fuzz` runs it for as long as asked).

use std::time::Duration;

#[test]
fn mutated_corpus_documents_never_panic_the_pipeline_nor_are_refused_whole() {
    let corpus = xtask::corpus::default_dirs();
    let (cases, failure) = xtask::fuzz::run(&corpus, 0x5eed, Duration::MAX, 120);
    assert_eq!(cases, 120, "the corpus has documents to mutate");
    if let Some(f) = failure {
        panic!(
            "{} (from {}; replay: cargo xtask fuzz --seed {} --cases 1)",
            f.message,
            f.document.display(),
            f.seed
        );
    }
}
