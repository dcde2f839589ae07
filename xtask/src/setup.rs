//! Installs what the build and the tests need, saying what it does: Debian
//! packages (as root), the wasm-bindgen CLI matching Cargo.lock, axe-core from npm.

use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::util::{cargo_bin, is_root, output_of, project_root, status, step};

/// How the WASM frontend gets compiled on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasmToolchain {
    /// rustup has the `wasm32-unknown-unknown` target (a developer laptop).
    Rustup,
    /// Debian's `rustc-web` builds `std` for wasm32 itself (`-Zbuild-std`).
    Debian,
}

pub const DEBIAN_RUSTC: &str = "/usr/bin/rustc";
pub const DEBIAN_CARGO: &str = "/usr/bin/cargo";
pub const DEBIAN_STD_SRC: &str = "/usr/lib/rustlib/src/rust/library";
pub const WASM_LD: &str = "/usr/lib/llvm-22/bin/wasm-ld";

pub fn wasm_toolchain() -> Result<WasmToolchain> {
    let toolchain = if rustup_has_wasm_target() {
        WasmToolchain::Rustup
    } else {
        let ready = [DEBIAN_RUSTC, DEBIAN_CARGO, DEBIAN_STD_SRC, WASM_LD]
            .iter()
            .all(|p| Path::new(p).exists());
        if !ready {
            step("rustup has no wasm32 target here: installing Debian's rustc-web toolchain");
            apt_install(&["rustc-web", "cargo-web", "rust-web-src", "lld-22"])?;
        }
        WasmToolchain::Debian
    };
    if output_of("wasm-opt", &["--version"]).is_none() {
        step("installing wasm-opt (Debian's binaryen)");
        apt_install(&["binaryen"])?;
    }
    wasm_bindgen_cli()?;
    Ok(toolchain)
}

fn rustup_has_wasm_target() -> bool {
    output_of("rustc", &["--print", "sysroot"])
        .map(|sysroot| Path::new(&sysroot).join("lib/rustlib/wasm32-unknown-unknown/lib"))
        .is_some_and(|dir| dir.is_dir())
}

/// The wasm-bindgen CLI must be exactly the library's version in Cargo.lock.
fn wasm_bindgen_cli() -> Result<()> {
    let wanted = locked_version("wasm-bindgen")?;
    let installed = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) == Some(wanted.as_str()) {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {wanted} to match Cargo.lock (about 2 to 3 minutes)"
    ));
    // Not --locked: one of its locked dependencies is missing from some registry mirrors.
    let mut command = std::process::Command::new(cargo_bin());
    command.args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={wanted}"),
    ]);
    status(command, "cargo install wasm-bindgen-cli")
}

fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock"))
        .context("cannot read Cargo.lock")?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .with_context(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    let version = &lock[start..];
    Ok(version[..version.find('"').unwrap_or(0)].to_owned())
}

/// Debian's Chromium and its WebDriver, for the browser tests.
pub fn browser() -> Result<()> {
    let have = |p: &str| Path::new(p).exists() || output_of("which", &[p]).is_some();
    if !(have("/usr/bin/chromium") && have("/usr/bin/chromedriver")) {
        step("installing Chromium and ChromeDriver (Debian packages)");
        apt_install(&["chromium", "chromium-driver"])?;
    }
    Ok(())
}

/// axe-core, the accessibility checker the browser tests inject into pages.
pub fn axe_core() -> Result<PathBuf> {
    let prefix = project_root().join("target/npm");
    let script = prefix.join("node_modules/axe-core/axe.min.js");
    if script.is_file() {
        return Ok(script);
    }
    if output_of("npm", &["--version"]).is_none() {
        step("installing npm (Debian package)");
        apt_install(&["npm"])?;
    }
    step("installing axe-core from npm");
    std::fs::create_dir_all(&prefix)?;
    let mut command = std::process::Command::new("npm");
    command
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg("axe-core@4");
    status(command, "npm install axe-core")?;
    Ok(script)
}

/// The schemathesis version the API fuzzing runs (PyPI), pinned so that a
/// new release cannot change what CI checks overnight.
const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// schemathesis in a virtual environment of its own under `target/`; returns
/// the path of its `st` command.
pub fn schemathesis() -> Result<PathBuf> {
    let venv = project_root().join("target/fuzz-venv");
    let st = venv.join("bin/st");
    if st.is_file() {
        return Ok(st);
    }
    step(&format!(
        "installing {SCHEMATHESIS} from PyPI (API fuzzing)"
    ));
    let created = std::process::Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success());
    if !created {
        // Debian's python3 keeps venv in a package of its own.
        apt_install(&["python3-venv"])?;
        let mut command = std::process::Command::new("/usr/bin/python3");
        command.args(["-m", "venv"]).arg(&venv);
        status(command, "python3 -m venv")?;
    }
    let mut command = std::process::Command::new(venv.join("bin/pip"));
    command.args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        SCHEMATHESIS,
    ]);
    status(command, "pip install schemathesis")?;
    Ok(st)
}

/// A Python that reads XLSX and ODS files (openpyxl, odfpy) and verifies
/// JWTs (PyJWT with cryptography), in the same virtual environment as
/// schemathesis: the statistics' spreadsheets and the door passes are
/// checked by software that is not Relais's.
pub fn spreadsheet_readers() -> Result<PathBuf> {
    schemathesis()?;
    let python = project_root().join("target/fuzz-venv/bin/python");
    let present = std::process::Command::new(&python)
        .args(["-c", "import openpyxl, odf, jwt, cryptography"])
        .status()
        .is_ok_and(|s| s.success());
    if !present {
        step("installing openpyxl, odfpy and PyJWT from PyPI (independent readers)");
        let mut command = std::process::Command::new(&python);
        command.args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "openpyxl==3.1.5",
            "odfpy==1.4.1",
            "PyJWT==2.10.1",
            "cryptography==44.0.3",
        ]);
        status(command, "pip install openpyxl odfpy PyJWT cryptography")?;
    }
    Ok(python)
}

pub const DEFAULT_TEST_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The PostgreSQL server for the integration tests: `Some(url)` when it answers.
/// Under CI a missing server is an error, never a silent skip.
pub fn postgres(ci: bool) -> Result<Option<String>> {
    let url = std::env::var("RELAIS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| DEFAULT_TEST_POSTGRES.to_owned());
    let host_port = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.rsplit('@').next())
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("127.0.0.1:5432");
    let reachable = host_port
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .is_some_and(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(3)).is_ok());
    match (reachable, ci) {
        (true, _) => Ok(Some(url)),
        (false, true) => bail!(
            "PostgreSQL does not answer at {host_port}; CI=true requires the PostgreSQL suite \
             (set RELAIS_TEST_POSTGRES_URL to point elsewhere)"
        ),
        (false, false) => {
            eprintln!(
                "warning: PostgreSQL does not answer at {host_port}: the PostgreSQL suite will be skipped"
            );
            Ok(None)
        }
    }
}

static APT_UPDATE: Once = Once::new();

fn apt_install(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            output_of("dpkg-query", &["-W", "-f=${Status}", p])
                .is_none_or(|s| !s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "missing Debian packages: {}. Install them with `sudo apt-get install {}` and run again",
            missing.join(" "),
            missing.join(" ")
        );
    }
    let mut updated = Ok(());
    APT_UPDATE.call_once(|| {
        let mut command = std::process::Command::new("apt-get");
        command.args(["update", "-q"]);
        updated = status(command, "apt-get update");
    });
    updated?;
    let mut command = std::process::Command::new("apt-get");
    command
        .env("DEBIAN_FRONTEND", "noninteractive")
        .args(["install", "-y", "-q"])
        .args(&missing);
    status(command, &format!("apt-get install {}", missing.join(" ")))
}
