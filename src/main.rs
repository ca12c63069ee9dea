use clap::Parser;

fn main() {
    let cli = glosa::cli::Cli::parse();
    std::process::exit(glosa::cli::run(cli));
}
