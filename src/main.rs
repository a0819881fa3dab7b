use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cargo_model_audit::cli::normalize_args(std::env::args_os());
    let cli = cargo_model_audit::cli::Cli::parse_from(args);
    match std::panic::catch_unwind(|| cargo_model_audit::run(cli)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(err)) => {
            cargo_model_audit::print_error(&err);
            ExitCode::from(err.exit_code)
        }
        Err(_) => {
            eprintln!("error: internal error; please report it with the command you ran");
            ExitCode::from(2)
        }
    }
}
