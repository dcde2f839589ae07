//! Quota eligibility is declared by the person and confirmed by someone who
//! saw a proof. Categories keep their confirmed subset on the person; the
//! commune of residence keeps its history (`residence`), because a change
//! counts for quotas only from the next period, and each period may need
//! the commune declared before it began.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    ConfirmedCategories,
}

#[derive(DeriveIden)]
enum Residence {
    Table,
    Id,
    PersonId,
    CommuneInsee,
    DeclaredAt,
    ConfirmedAt,
    ConfirmedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(text(Person::ConfirmedCategories).default("[]"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Residence::Table)
                    .col(big_pk_auto(Residence::Id))
                    .col(big_integer(Residence::PersonId))
                    .col(string_null(Residence::CommuneInsee))
                    .col(timestamp_with_time_zone(Residence::DeclaredAt))
                    .col(timestamp_with_time_zone_null(Residence::ConfirmedAt))
                    // Not a foreign key: the confirming host may delete their account.
                    .col(big_integer_null(Residence::ConfirmedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Residence::Table, Residence::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("residence_by_person")
                    .table(Residence::Table)
                    .col(Residence::PersonId)
                    .col(Residence::DeclaredAt)
                    .to_owned(),
            )
            .await?;
        // Communes declared before this version count as first declarations.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO residence (person_id, commune_insee, declared_at) \
                 SELECT id, commune_insee, created_at FROM person WHERE commune_insee IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Residence::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .drop_column(Person::ConfirmedCategories)
                    .to_owned(),
            )
            .await
    }
}
