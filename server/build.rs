//! Points the embedded-frontend macro at `frontend/dist` when xtask has built it,
//! and at a one-page placeholder otherwise, so that `cargo build` always works.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dist = manifest.join("../frontend/dist");
    println!("cargo:rerun-if-changed={}", dist.display());
    let folder = if dist.join("index.html").is_file() {
        dist
    } else {
        let stub = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("stub-dist");
        std::fs::create_dir_all(&stub).expect("OUT_DIR is writable");
        std::fs::write(
            stub.join("index.html"),
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Relais</title>\
             <main><h1>Relais</h1><p>The browser app was not built into this binary. \
             Run <code>cargo xtask run</code>, which builds it.</p></main></html>",
        )
        .expect("OUT_DIR is writable");
        stub
    };
    println!("cargo:rustc-env=RELAIS_FRONTEND_DIST={}", folder.display());
}
