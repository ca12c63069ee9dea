use clap::Parser;

/// mimalloc: glosa allocates many small strings and vectors while compiling its glossaries at
/// start-up and for each finding; the system allocator was a fifth of start-up time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = glosa::cli::Cli::parse();
    std::process::exit(glosa::cli::run(cli));
}
