//! The `relais` binary itself: bad configuration ends with one clear line.

use std::process::Command;

fn relais(args: &[&str], envs: &[(&str, &str)]) -> (bool, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_relais"));
    command.args(args).env_remove("RUST_BACKTRACE");
    for (key, value) in envs {
        command.env(key, value);
    }
    let output = command.output().expect("relais runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_one_clear_line(stderr: &str, expected: &str) {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("relais: error:"))
        .collect();
    assert_eq!(lines.len(), 1, "one error line in:\n{stderr}");
    assert!(
        lines[0].contains(expected),
        "{:?} should mention {expected:?}",
        lines[0]
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

#[test]
fn unknown_flag() {
    let (ok, _, stderr) = relais(&["--no-such-flag"], &[]);
    assert!(!ok);
    assert_one_clear_line(&stderr, "--no-such-flag");
}

#[test]
fn unreadable_database_url() {
    let (ok, _, stderr) = relais(&["migrate"], &[("RELAIS_DATABASE_URL", "mysql://nope")]);
    assert!(!ok);
    assert_one_clear_line(&stderr, "unsupported database URL");
}

#[test]
fn database_in_a_missing_folder() {
    let (ok, _, stderr) = relais(
        &["migrate"],
        &[("RELAIS_DATABASE_URL", "sqlite:///no/such/folder/relais.db")],
    );
    assert!(!ok);
    assert_one_clear_line(&stderr, "cannot open the SQLite database");
}

#[test]
fn port_in_use() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/relais.db", dir.path().display());
    let (ok, _, stderr) = relais(
        &["serve"],
        &[("RELAIS_DATABASE_URL", &url), ("RELAIS_ADDR", &addr)],
    );
    assert!(!ok);
    assert_one_clear_line(&stderr, "cannot listen on");
}

#[test]
fn help_and_version_succeed() {
    let (ok, stdout, _) = relais(&["--help"], &[]);
    assert!(ok);
    for word in ["serve", "migrate", "seed-demo", "RELAIS_DATABASE_URL"] {
        assert!(stdout.contains(word), "--help mentions {word}");
    }
    let (ok, stdout, _) = relais(&["--version"], &[]);
    assert!(ok && stdout.starts_with("relais "));
}
