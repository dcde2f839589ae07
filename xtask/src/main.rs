//! `cargo xtask`: the project's build tool.
//!
//! - `cargo xtask run`: install what is missing, build the browser app and the
//!   server, create the demo network on SQLite, serve it at http://127.0.0.1:8080.
//! - `cargo xtask test`: every check and test (format, lints, unit, SQLite and
//!   PostgreSQL integration, browser tests in headless Chromium).
//! - `cargo xtask frontend`: only build the browser app into `frontend/dist`.
//! - `cargo xtask layers`: check the layers of ARCHITECTURE.md.
//! - `cargo xtask screenshots`: refresh the README's screenshots.

mod frontend;
mod layers;
mod measure;
mod setup;
mod util;

use anyhow::{Result, bail};

use util::{cargo, project_root, step};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("frontend") => frontend::build(),
        Some("layers") => layers::check(),
        Some("screenshots") => screenshots(),
        Some("measure") => measure::run(),
        Some("bench") => bench(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <run | test | frontend | layers | screenshots | measure | bench>\n\
                 \n  run          build everything and serve the demo at http://127.0.0.1:8080\
                 \n  test         run every check and test (what CI runs)\
                 \n  frontend     build the browser app into frontend/dist\
                 \n  layers       check the layers of ARCHITECTURE.md (import loops, arrows)\
                 \n  screenshots  refresh docs/screenshots from a real browser\
                 \n  measure      bundle size, binary size, cold start, idle memory\
                 \n  bench        benchmarks: cargo xtask bench [sqlite|postgres] [stats|availability|busy|bookings|bookings-one|feeds],\
                 \n               or cargo xtask bench slow-link (the browser on a throttled link)"
            );
            std::process::exit(2);
        }
    };
    if let Err(error) = result {
        eprintln!("xtask: error: {error:#}");
        std::process::exit(1);
    }
}

/// The README's first command.
fn run() -> Result<()> {
    frontend::build()?;
    step("building the server (release)");
    cargo(&["build", "--release", "-p", "server"])?;
    let root = project_root();
    let demo = root.join("target/demo");
    std::fs::create_dir_all(demo.join("mail"))?;
    let relais = root.join("target/release/relais");
    let database = format!("sqlite://{}", demo.join("relais.db").display());
    let mail_dir = demo.join("mail");
    let envs = [
        ("RELAIS_DATABASE_URL", database.as_str()),
        ("RELAIS_MAIL_DIR", path_str(&mail_dir)?),
    ];
    step("creating the demo network (changes nothing if it exists)");
    util::run_with_env(&relais, &["seed-demo"], &envs)?;
    step(&format!(
        "serving Relais at http://127.0.0.1:8080 (database {}, mails in {}); Ctrl-C stops",
        demo.join("relais.db").display(),
        demo.join("mail").display()
    ));
    let addr = std::env::var("RELAIS_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_owned());
    util::run_with_env(
        &relais,
        &["serve"],
        &[envs[0], envs[1], ("RELAIS_ADDR", &addr)],
    )
}

/// The README's second command, and what CI runs.
fn test() -> Result<()> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    setup::browser()?;
    let axe = setup::axe_core()?;
    let schemathesis = setup::schemathesis()?;
    let spreadsheets = setup::spreadsheet_readers()?;
    frontend::build()?;

    step("checking formatting (cargo fmt --check)");
    cargo(&["fmt", "--all", "--check"])?;
    layers::check()?;
    // The app for everyone and the account build leave pages out: their
    // own lints (check mode: only the frontend crate is linted again).
    for features in [
        &["--no-default-features"][..],
        &["--no-default-features", "--features", "account"],
    ] {
        step(&format!(
            "lints of the browser app's build: cargo clippy -p frontend {}",
            features.join(" ")
        ));
        let mut args = vec!["clippy", "-p", "frontend"];
        args.extend_from_slice(features);
        args.extend_from_slice(&["--", "-D", "warnings"]);
        cargo(&args)?;
    }

    let postgres = setup::postgres(ci)?;
    // `cargo test --workspace` builds the relais binary itself (the server
    // has integration tests) before any test runs, with the workspace's
    // features: a separate `cargo build -p server` would build two dozen
    // crates a second time with another feature set.
    let relais = project_root().join("target/debug/relais");

    step(
        "building every test with clippy's lints (-D warnings), then running them: unit, SQLite, PostgreSQL, browser",
    );
    let mut envs: Vec<(&str, String)> = vec![
        ("RELAIS_BIN", path_str(&relais)?.to_owned()),
        ("AXE_CORE_JS", path_str(&axe)?.to_owned()),
        ("SCHEMATHESIS", path_str(&schemathesis)?.to_owned()),
        ("SPREADSHEET_PYTHON", path_str(&spreadsheets)?.to_owned()),
        // The same Python verifies door passes with PyJWT.
        ("JWT_PYTHON", path_str(&spreadsheets)?.to_owned()),
    ];
    if let Some(url) = postgres {
        envs.push(("RELAIS_TEST_POSTGRES_URL", url));
    }
    // Clippy compiles the workspace's own crates while the tests are built
    // (`RUSTC_WORKSPACE_WRAPPER`, as `cargo clippy` itself does, but with
    // code generation): one compile for lints and tests, where `cargo
    // clippy` then `cargo test` checked every dependency a second time
    // (about ten minutes of a cold run on two cores).
    let clippy = util::clippy_driver()?;
    envs.push(("RUSTC_WORKSPACE_WRAPPER", path_str(&clippy)?.to_owned()));
    envs.push(("CLIPPY_ARGS", util::clippy_args(&["-D", "warnings"])));
    let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    util::cargo_with_env(
        &["test", "--workspace", "--all-targets", "--no-fail-fast"],
        &envs,
    )?;
    // `--all-targets` leaves out the documentation's examples.
    util::cargo_with_env(&["test", "--workspace", "--doc"], &envs)?;
    step("all checks passed");
    Ok(())
}

/// The slow-link benchmark: the release server and the browser-test
/// harness, Chromium throttled to a rural link (e2e's `slow_link.rs`).
fn slow_link() -> Result<()> {
    setup::browser()?;
    let axe = setup::axe_core()?;
    frontend::build()?;
    cargo(&["build", "--release", "-p", "server", "--bin", "relais"])?;
    let relais = project_root().join("target/release/relais");
    util::cargo_with_env(
        &[
            "test",
            "-p",
            "e2e",
            "--test",
            "browser",
            "--",
            "--ignored",
            "--nocapture",
            "slow_link_first_and_second_visits",
        ],
        &[
            ("RELAIS_BIN", path_str(&relais)?),
            ("AXE_CORE_JS", path_str(&axe)?),
        ],
    )
}

/// Takes the README's screenshots with the browser-test harness.
fn screenshots() -> Result<()> {
    setup::browser()?;
    let axe = setup::axe_core()?;
    frontend::build()?;
    cargo(&["build", "-p", "server"])?;
    let relais = project_root().join("target/debug/relais");
    let out = project_root().join("docs/screenshots");
    std::fs::create_dir_all(&out)?;
    util::cargo_with_env(
        &["test", "-p", "e2e", "--", "--ignored", "take_screenshots"],
        &[
            ("RELAIS_BIN", path_str(&relais)?),
            ("AXE_CORE_JS", path_str(&axe)?),
            ("RELAIS_SCREENSHOT_DIR", path_str(&out)?),
        ],
    )
}

/// The booking benchmark, in release mode (see docs/PERFORMANCE.md).
fn bench(args: &[String]) -> Result<()> {
    if args.first().map(String::as_str) == Some("slow-link") {
        return slow_link();
    }
    let mut cargo_args = vec![
        "run",
        "--release",
        "-p",
        "server",
        "--example",
        "bench",
        "--",
    ];
    cargo_args.extend(args.iter().map(String::as_str));
    cargo(&cargo_args)
}

fn path_str(path: &std::path::Path) -> Result<&str> {
    match path.to_str() {
        Some(s) => Ok(s),
        None => bail!("path is not UTF-8: {}", path.display()),
    }
}
