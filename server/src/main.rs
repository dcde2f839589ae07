//! `relais`: the binary. Everything lives in the library; this only turns
//! errors into one clear line and an exit code.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match server::cli::run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // `{:#}` prints the whole chain of causes on one line, without a backtrace.
            eprintln!("relais: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
