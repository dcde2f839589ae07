use sea_orm::{EntityTrait, PaginatorTrait};
use server::db::entities::{commune, epci, person, resource, role_grant, site};

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(seeding_twice_changes_nothing, |app: TestApp| async move {
    let count = |db| async move {
        (
            site::Entity::find().count(db).await.unwrap(),
            resource::Entity::find().count(db).await.unwrap(),
            person::Entity::find().count(db).await.unwrap(),
            role_grant::Entity::find().count(db).await.unwrap(),
        )
    };
    let before = count(&app.db).await;
    let summary = server::app::seed_demo::seed(&app.db, app.clock.now())
        .await
        .unwrap();
    assert_eq!(summary, Default::default());
    assert_eq!(count(&app.db).await, before);
    assert_eq!(before.2, 4, "the four demo accounts");
});

on_both_databases!(communes_of_lozere_are_loaded, |app: TestApp| async move {
    assert_eq!(commune::Entity::find().count(&app.db).await.unwrap(), 152);
    assert_eq!(epci::Entity::find().count(&app.db).await.unwrap(), 11);
    let florac = commune::Entity::find_by_id("48061")
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(florac.name, "Florac Trois Rivières");
});
