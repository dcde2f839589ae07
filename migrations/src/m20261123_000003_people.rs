//! People (teleworkers, hosts, administrators, assisted persons without e-mail)
//! and the roles they hold, each role scoped to sites, communes or EPCI.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_territory::{Commune, Epci};
use crate::m20261123_000002_sites::Site;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    /// Lower-cased; absent for an assisted person created at the desk.
    Email,
    DisplayName,
    CommuneInsee,
    /// "fr" or "en".
    Language,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoleGrant {
    Table,
    Id,
    PersonId,
    /// `host`, `territory_admin` or `network_admin`.
    Role,
    SiteId,
    CommuneInsee,
    EpciCode,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .col(big_pk_auto(Person::Id))
                    .col(string_null(Person::Email).unique_key())
                    .col(string(Person::DisplayName))
                    .col(string_null(Person::CommuneInsee))
                    .col(string_len(Person::Language, 2))
                    .col(timestamp_with_time_zone(Person::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Person::Table, Person::CommuneInsee)
                            .to(Commune::Table, Commune::Insee),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleGrant::Table)
                    .col(big_pk_auto(RoleGrant::Id))
                    .col(big_integer(RoleGrant::PersonId))
                    .col(string(RoleGrant::Role))
                    .col(big_integer_null(RoleGrant::SiteId))
                    .col(string_null(RoleGrant::CommuneInsee))
                    .col(string_null(RoleGrant::EpciCode))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleGrant::Table, RoleGrant::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleGrant::Table, RoleGrant::SiteId)
                            .to(Site::Table, Site::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleGrant::Table, RoleGrant::CommuneInsee)
                            .to(Commune::Table, Commune::Insee),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleGrant::Table, RoleGrant::EpciCode)
                            .to(Epci::Table, Epci::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_role_grant_person")
                    .table(RoleGrant::Table)
                    .col(RoleGrant::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RoleGrant::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Person::Table).to_owned())
            .await
    }
}
