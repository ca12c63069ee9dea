use clap::Parser;

fn main() {
    tune_allocator();
    let cli = glosa::cli::Cli::parse();
    std::process::exit(glosa::cli::run(cli));
}

/// glibc's allocator grows the heap in small steps: building the glossaries at start-up then
/// costs hundreds of `brk` calls and page-fault storms, worse when two threads build at once.
/// Growing it 16 MB at a time (address space only: untouched pages cost no memory) takes a
/// third off the start-up time.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only sets a tuning parameter; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}
