use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(documents_every_route, |app: TestApp| async move {
    let (status, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = doc["paths"].as_object().expect("paths");
    for path in ["/api/v1/sites", "/healthz"] {
        assert!(paths.contains_key(path), "{path} is documented");
    }
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            assert!(
                operation["responses"]
                    .as_object()
                    .is_some_and(|r| !r.is_empty()),
                "{method} {path} documents its responses"
            );
        }
    }
    assert!(doc["components"]["schemas"]["Site"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
});
