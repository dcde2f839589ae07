//! The embedded browser app: client-side routes load the page, hashed files are
//! cached for long, precompressed copies are used.

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(client_routes_load_the_app, |app: TestApp| async move {
    for path in ["/", "/sites/3", "/some/deep/link"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(response.headers()["cache-control"], "no-cache");
        assert!(response.headers().contains_key("content-security-policy"));
    }
    let missing = app.get("/pkg/nothing-here.js").await;
    assert_eq!(missing.status(), 404);
});

on_both_databases!(
    hashed_assets_are_immutable_and_compressed,
    |app: TestApp| async move {
        let index = app.get("/").await.text().await.unwrap();
        // The stub page (frontend not built) has no assets: nothing more to check then.
        let Some(start) = index.find("/pkg/") else {
            return;
        };
        let end = index[start..].find('"').map(|e| start + e).unwrap();
        let asset = &index[start..end];
        let response = app
            .client
            .get(app.url(asset))
            .header("accept-encoding", "br")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{asset}");
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(response.headers()["content-encoding"], "br");
    }
);

on_both_databases!(
    pages_of_hosts_and_administrators_load_the_office_build,
    |app: TestApp| async move {
        let index = app.get("/").await.text().await.unwrap();
        // The stub page (frontend not built) has one build only.
        if !index.contains("/pkg/") {
            return;
        }
        assert!(index.contains(r#"data-app="frontend""#), "{index}");
        assert!(!index.contains("office"), "{index}");
        for path in [
            shared::routes::pages::STATISTICS,
            shared::routes::pages::MY_SITE,
            shared::routes::pages::ADMIN,
            shared::routes::pages::QUOTAS,
        ] {
            let response = app.get(path).await;
            assert_eq!(response.status(), 200, "{path}");
            assert!(response.headers().contains_key("content-security-policy"));
            let page = response.text().await.unwrap();
            assert!(page.contains(r#"data-app="office""#), "{path}: {page}");
            assert!(page.contains("office_bg.wasm"), "{path}");
        }
        for path in [
            shared::routes::pages::BOOK,
            shared::routes::pages::MY_BOOKINGS,
            shared::routes::pages::SIGN_IN,
        ] {
            let page = app.get(path).await.text().await.unwrap();
            assert!(page.contains(r#"data-app="frontend""#), "{path}");
        }
        // The pages opened after a first visit: their own build.
        for path in [
            shared::routes::pages::PROFILE,
            shared::routes::pages::CALENDAR,
            "/acces/12",
            "/pointage?site=1&code=abc",
        ] {
            let response = app.get(path).await;
            assert_eq!(response.status(), 200, "{path}");
            assert!(response.headers().contains_key("content-security-policy"));
            let page = response.text().await.unwrap();
            assert!(page.contains(r#"data-app="account""#), "{path}: {page}");
            assert!(page.contains("account_bg.wasm"), "{path}");
        }
    }
);
