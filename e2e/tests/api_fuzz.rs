//! The API as outside tools see it: schemathesis reads the OpenAPI document a
//! real `relais` serves and sends it thousands of generated requests,
//! anonymously and as each demo role, with every check it has: no answer may
//! be a 5xx, and no answer may contradict the document (status, content type,
//! body schema, `Allow`, authentication, access to others' objects).

use std::path::PathBuf;
use std::process::Stdio;

use e2e::{Relais, in_ci, project_root, sign_in_mail};
use serde_json::json;

/// Generated requests per operation and phase: the whole run stays near a
/// minute on two cores.
const EXAMPLES: &str = "30";
/// A fixed seed: a red run can be replayed exactly.
const SEED: &str = "1";

fn schemathesis() -> Option<PathBuf> {
    std::env::var_os("SCHEMATHESIS")
        .map(PathBuf::from)
        .or_else(|| Some(project_root().join("target/fuzz-venv/bin/st")))
        .filter(|st| st.is_file())
}

/// A session for a demo account, through the mail flow.
async fn token_for(relais: &Relais, email: &str) -> String {
    let (status, _) = e2e::http::post_json(
        &relais.url("/api/v1/auth/request"),
        &json!({ "email": email }),
    )
    .await
    .expect("the sign-in request is answered");
    assert_eq!(status, 202, "sign-in request for {email}");
    let mail = sign_in_mail(relais, email).await.expect("a sign-in mail");
    let (status, session) = e2e::http::post_json(
        &relais.url("/api/v1/auth/verify"),
        &json!({ "email": email, "code": mail.code }),
    )
    .await
    .expect("the code is checked");
    assert_eq!(status, 200, "{session}");
    session["token"].as_str().expect("a token").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_keeps_its_word_under_fuzzing() {
    let Some(st) = schemathesis() else {
        assert!(
            !in_ci(),
            "CI=true but schemathesis is missing: cargo xtask test installs it"
        );
        eprintln!("schemathesis missing: API fuzzing skipped (cargo xtask test installs it)");
        return;
    };
    let relais = Relais::start().await.expect("relais starts");
    // Every session first: the anonymous run spends the sign-in limits.
    let mut callers = Vec::new();
    for email in [
        "admin@demo.relais",
        "host.mende@demo.relais",
        "mairie.mende@demo.relais",
        "alice@demo.relais",
    ] {
        callers.push((email, token_for(&relais, email).await));
    }

    let reports = project_root().join("target/fuzz-reports");
    std::fs::create_dir_all(&reports).expect("a folder for the reports");
    let run = |who: &str, token: Option<String>| {
        tokio::spawn(fuzz(
            st.clone(),
            reports.join(who),
            relais.url("/api/v1/openapi.json"),
            token,
        ))
    };
    // The signed-in callers run side by side (each schemathesis waits on the
    // server most of the time, so two cores do four runs in about the time
    // of two); then the anonymous one, alone, as it spends the sign-in limits.
    let signed_in: Vec<_> = callers
        .into_iter()
        .map(|(who, token)| (who, run(who, Some(token))))
        .collect();
    let mut failed = Vec::new();
    for (who, task) in signed_in {
        let output = task.await.expect("the run's task ends");
        check(who, &output.expect("schemathesis runs"), &mut failed);
    }
    let output = run("anonymous", None).await.expect("the run's task ends");
    check(
        "anonymous",
        &output.expect("schemathesis runs"),
        &mut failed,
    );
    assert!(
        failed.is_empty(),
        "schemathesis found failures as {failed:?} (reports in {})",
        reports.display()
    );
}

/// Prints a run's summary, and its whole output when it failed.
fn check<'a>(who: &'a str, output: &std::process::Output, failed: &mut Vec<&'a str>) {
    let text = String::from_utf8_lossy(&output.stdout);
    let summary = text
        .lines()
        .filter(|l| l.contains("generated") || l.contains("Tested:") || l.contains("❌"))
        .collect::<Vec<_>>()
        .join(" | ");
    eprintln!("schemathesis as {who}: {summary}");
    if !output.status.success() {
        eprintln!("{text}\n{}", String::from_utf8_lossy(&output.stderr));
        failed.push(who);
    }
}

/// One schemathesis run against the document, as a caller with `token`
/// (or none), its report in `report_dir`.
async fn fuzz(
    st: PathBuf,
    report_dir: PathBuf,
    document: String,
    token: Option<String>,
) -> std::io::Result<std::process::Output> {
    let config = project_root().join("e2e/fuzz/schemathesis.toml");
    let mut command = tokio::process::Command::new(&st);
    // Its cache goes beside the reports, not into the source tree.
    command
        .current_dir(report_dir.parent().unwrap_or(&report_dir))
        .arg("--config-file")
        .arg(&config)
        .arg("run")
        .arg(document)
        .args([
            "--checks",
            "all",
            "--max-examples",
            EXAMPLES,
            "--seed",
            SEED,
        ])
        .args(["--phases", "examples,coverage,fuzzing", "--workers", "1"])
        .args(["--no-color", "--request-timeout", "10"])
        .args(["--report", "junit", "--report-dir"])
        .arg(&report_dir);
    // The hosts' live view is a stream that never ends by design. (One
    // regex: schemathesis keeps only the last `--exclude-path-regex`.)
    let mut excluded = "/live$".to_owned();
    if let Some(token) = token {
        // A signed-in run must not end its own session or account.
        excluded.push_str("|^/api/v1/auth/sign-out");
        command
            .args(["--header", &format!("Authorization: Bearer {token}")])
            .args(["--exclude-operation-id", "delete_me"]);
    }
    command.args(["--exclude-path-regex", &excluded]);
    // A failed test does not leave schemathesis running.
    command
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
}
