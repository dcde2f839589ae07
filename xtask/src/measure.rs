//! `cargo xtask measure`: the figures of docs/PERFORMANCE.md that are not
//! benchmarks: first-load transfer, binary size, cold start, idle memory.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::util::{cargo, project_root, step};

pub fn run() -> Result<()> {
    crate::frontend::build()?;
    step("building the server (release)");
    cargo(&["build", "--release", "-p", "server"])?;
    let root = project_root();
    let relais = root.join("target/release/relais");
    let size = std::fs::metadata(&relais)?.len();
    println!(
        "binary target/release/relais: {size} bytes ({:.1} MiB), frontend embedded",
        size as f64 / 1048576.0
    );

    let dir = std::env::temp_dir().join(format!("relais-measure-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let database = format!("sqlite://{}/relais.db", dir.display());
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let envs = [
        ("RELAIS_DATABASE_URL", database.as_str()),
        ("RELAIS_ADDR", addr.as_str()),
        ("RELAIS_MAIL_DIR", dir.to_str().unwrap_or("/tmp")),
    ];
    let seeded = Command::new(&relais)
        .arg("seed-demo")
        .envs(envs)
        .stderr(Stdio::null())
        .status()?;
    if !seeded.success() {
        bail!("seed-demo failed");
    }
    let mut starts = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..5 {
        let began = Instant::now();
        let mut child = Command::new(&relais)
            .arg("serve")
            .envs(envs)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        while !healthy(&addr) {
            if began.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                bail!("relais did not answer /healthz");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        starts.push(began.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_secs(2));
        rss.push(resident_kib(child.id()).unwrap_or(0));
        let _ = child.kill();
        let _ = child.wait();
    }
    starts.sort_by(f64::total_cmp);
    rss.sort_unstable();
    println!(
        "cold start to first /healthz 200 (5 runs, SQLite, migrated): median {:.1} ms, max {:.1} ms",
        starts[2], starts[4]
    );
    println!("idle resident memory after 2 s: median {} KiB", rss[2]);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn healthy(addr: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(addr) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    if stream.write_all(b"GET /healthz HTTP/1.0\r\n\r\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200")
}

fn resident_kib(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .context("no VmRSS")
}
