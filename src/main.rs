use cargo_model_audit::error::Exit;
use cargo_model_audit::report::escape::{plain, plain_lines};
use clap::Parser;
use std::process::ExitCode;

// Parsing every dependency's Rust source is allocation-bound: mimalloc
// makes a cold run markedly faster than the system allocator. It is built
// without transparent huge pages (feature `no_thp`): a huge page is zeroed
// and counted whole when first touched, which cost a cold run on candle some
// 30 MB of peak RSS and no time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic is a bug; say so without echoing anything secret.
    std::panic::set_hook(Box::new(|info| {
        let mut payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(token) = std::env::var("HF_TOKEN")
            && !token.trim().is_empty()
        {
            payload = payload.replace(token.trim(), "<redacted>");
        }
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        // The message may quote text from outside (a file name, say).
        cargo_model_audit::to_stderr(&cargo_model_audit::safe!(
            "error: internal error{}: {}\n  help: please report it with the command you ran",
            plain(&place),
            plain_lines(&payload)
        ));
    }));
    let args = cargo_model_audit::cli::normalize_args(std::env::args_os());
    let cli = cargo_model_audit::cli::Cli::parse_from(args);
    match std::panic::catch_unwind(|| cargo_model_audit::run(cli)) {
        Ok(Ok(exit)) => ExitCode::from(exit.code()),
        Ok(Err(err)) => {
            cargo_model_audit::print_error(&err);
            ExitCode::from(err.exit_code())
        }
        Err(_) => ExitCode::from(Exit::CannotRun.code()),
    }
}
