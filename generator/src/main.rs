//! `openapi-gen`: the command line of [`openapi_gen::cli`].

use std::process::ExitCode;

/// Generation allocates many small strings and token trees; mimalloc makes a large document
/// (Stripe's) generate about a quarter faster than the system allocator does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let code = openapi_gen::cli::run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
