//! `kubetoken`: the I/O around [`kubetoken::cli::run`] (arguments, stdin, the clock, the
//! OS random source in; stdout, stderr, exit status out). Every rule is in the core.

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdin = Vec::new();
    if kubetoken::cli::reads_stdin(&args)
        && let Err(e) = std::io::stdin().read_to_end(&mut stdin)
    {
        eprintln!("kubetoken: cannot read stdin: {}", e.kind());
        return ExitCode::from(1);
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let now = kubetoken::Timestamp::from_unix_nanos(i128::try_from(now).unwrap_or(0));
    let out = kubetoken::cli::run(&args, &stdin, now, &mut kubetoken::token::os_random);
    let wrote = std::io::stdout()
        .write_all(&out.stdout)
        .and_then(|()| std::io::stdout().flush());
    let _ = std::io::stderr().write_all(&out.stderr);
    if wrote.is_err() {
        return ExitCode::from(1);
    }
    ExitCode::from(u8::try_from(out.code).unwrap_or(1))
}
