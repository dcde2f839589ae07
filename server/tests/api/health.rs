use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(healthz_answers_ok, |app: TestApp| async move {
    let (status, body) = app.get_json("/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
});

on_both_databases!(unknown_api_route_is_a_json_404, |app: TestApp| async move {
    let (status, body) = app.get_json("/api/v1/no-such-thing").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
});
