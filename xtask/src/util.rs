//! Running commands with clear progress lines.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The workspace root (xtask lives one level below it).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// Announces a long step.
pub fn step(what: &str) {
    eprintln!("\n==> {what}");
}

/// The cargo that runs xtask, so that the same toolchain builds the host crates.
pub fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Clippy's compiler driver, beside the cargo that runs xtask (rustup
/// installs it with the toolchain's clippy component).
pub fn clippy_driver() -> Result<PathBuf> {
    let beside_cargo = Path::new(&cargo_bin()).with_file_name("clippy-driver");
    if beside_cargo.is_file() {
        return Ok(beside_cargo);
    }
    let on_path = output_of("rustup", &["which", "clippy-driver"])
        .map(PathBuf::from)
        .filter(|path| path.is_file());
    on_path.context("clippy-driver not found: `rustup component add clippy` installs it")
}

/// Lint options as clippy-driver reads them from `CLIPPY_ARGS` (the way
/// `cargo clippy` hands them over).
pub fn clippy_args(args: &[&str]) -> String {
    args.iter()
        .map(|arg| format!("{arg}__CLIPPY_HACKERY__"))
        .collect()
}

pub fn cargo(args: &[&str]) -> Result<()> {
    cargo_with_env(args, &[])
}

pub fn cargo_with_env(args: &[&str], envs: &[(&str, &str)]) -> Result<()> {
    let mut command = Command::new(cargo_bin());
    command.args(args).current_dir(project_root());
    for (key, value) in envs {
        command.env(key, value);
    }
    status(command, &format!("cargo {}", args.join(" ")))
}

pub fn run_with_env(program: &Path, args: &[&str], envs: &[(&str, &str)]) -> Result<()> {
    let mut command = Command::new(program);
    command.args(args).current_dir(project_root());
    for (key, value) in envs {
        command.env(key, value);
    }
    status(
        command,
        &format!("{} {}", program.display(), args.join(" ")),
    )
}

/// Runs a command, inheriting stdout/stderr, and fails if it fails.
pub fn status(mut command: Command, label: &str) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot start `{label}`"))?;
    if !status.success() {
        bail!("`{label}` failed ({status})");
    }
    Ok(())
}

/// Runs a command and returns its stdout, or `None` if it cannot run or fails.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

pub fn is_root() -> bool {
    output_of("id", &["-u"]).as_deref() == Some("0")
}
