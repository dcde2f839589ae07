use serde_json::Value;

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(lists_the_demo_network, |app: TestApp| async move {
    let (status, body) = app.get_json("/api/v1/sites").await;
    assert_eq!(status, 200);
    let sites = body.as_array().expect("an array of sites");
    assert!(sites.len() >= 8, "{} sites", sites.len());
    let resources: usize = sites
        .iter()
        .map(|s| s["resources"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(resources >= 40, "{resources} resources");
    for site in sites {
        assert!(site["id"].is_number());
        assert!(site["name"].as_str().is_some_and(|n| !n.is_empty()));
        let insee = site["commune_insee"].as_str().expect("commune_insee");
        assert!(insee.starts_with("48") && insee.len() == 5, "{insee}");
        assert!(!site["commune_name"].as_str().unwrap_or("").is_empty());
        assert_eq!(site["time_zone"], "Europe/Paris");
    }
    let mende = sites
        .iter()
        .find(|s| s["commune_insee"] == "48095")
        .expect("a site in Mende");
    assert_eq!(mende["commune_name"], "Mende");
    let monday: Vec<&Value> = mende["opening_hours"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["weekday"] == 1)
        .collect();
    assert_eq!(
        monday.len(),
        2,
        "a morning and an afternoon with a lunch break"
    );
    assert_eq!(monday[0]["opens"], "08:30");
    assert_eq!(monday[0]["closes"], "12:30");
    let kinds: Vec<&str> = mende["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["kind"].as_str())
        .collect();
    for kind in ["desk", "meeting_room", "phone_booth"] {
        assert!(kinds.contains(&kind), "Mende has a {kind}");
    }
});

on_both_databases!(answers_gzip_when_asked, |app: TestApp| async move {
    let response = app
        .client
        .get(app.url("/api/v1/sites"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "gzip");
});

on_both_databases!(
    the_sites_are_a_plain_page_for_browsers_without_javascript,
    |app: TestApp| async move {
        // A host typed markup in the site's name: the page shows it as text.
        use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
        use server::db::entities::site;
        let mende = site::Entity::find()
            .filter(site::Column::CommuneInsee.eq("48095"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut renamed: site::ActiveModel = mende.into();
        renamed.name = Set("La Fabrique <de> Mende & Co".into());
        renamed.update(&app.db).await.unwrap();

        let answer = app.get(shared::routes::SITE_DIRECTORY).await;
        assert_eq!(answer.status(), 200);
        let kind = answer.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(kind.starts_with("text/html"), "{kind}");
        let page = answer.text().await.unwrap();
        assert!(page.contains("<html lang=\"fr\">"));
        assert!(
            page.contains("La Fabrique &lt;de&gt; Mende &amp; Co"),
            "{page}"
        );
        assert!(!page.contains("<de>"));
        assert!(page.contains("Lundi : "), "opening hours by weekday");
        assert!(page.contains("href=\"tel:0465711001\""), "the site's phone");
        assert!(
            page.contains("href=\"https://www.openstreetmap.org/?mlat=44.5181&amp;mlon=3.5006#"),
            "a map of the site: {page}"
        );
        assert!(page.contains("l'hôte du lieu vous réserve une place"));
        assert!(!page.contains("<script"), "nothing to run");
    }
);
