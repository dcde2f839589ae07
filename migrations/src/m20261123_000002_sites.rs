//! Sites (tiers-lieux), their weekly opening hours and their bookable resources.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_territory::Commune;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Site {
    Table,
    Id,
    Name,
    Address,
    Postcode,
    CommuneInsee,
    Latitude,
    Longitude,
    TimeZone,
    /// JSON array of amenity keys.
    Amenities,
    Accessibility,
    CreatedAt,
    /// Retired sites keep their history but take no new bookings.
    RetiredAt,
}

#[derive(DeriveIden)]
enum OpeningHour {
    Table,
    Id,
    SiteId,
    /// ISO weekday, 1 = Monday.
    Weekday,
    /// Minutes since local midnight.
    OpensMinute,
    ClosesMinute,
}

#[derive(DeriveIden)]
pub enum Resource {
    Table,
    Id,
    SiteId,
    Name,
    Kind,
    Capacity,
    CreatedAt,
    RetiredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Site::Table)
                    .col(big_pk_auto(Site::Id))
                    .col(string(Site::Name))
                    .col(string(Site::Address))
                    .col(string(Site::Postcode))
                    .col(string(Site::CommuneInsee))
                    .col(double(Site::Latitude))
                    .col(double(Site::Longitude))
                    .col(string(Site::TimeZone))
                    .col(text(Site::Amenities))
                    .col(text(Site::Accessibility))
                    .col(timestamp_with_time_zone(Site::CreatedAt))
                    .col(timestamp_with_time_zone_null(Site::RetiredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Site::Table, Site::CommuneInsee)
                            .to(Commune::Table, Commune::Insee),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OpeningHour::Table)
                    .col(big_pk_auto(OpeningHour::Id))
                    .col(big_integer(OpeningHour::SiteId))
                    .col(small_integer(OpeningHour::Weekday))
                    .col(integer(OpeningHour::OpensMinute))
                    .col(integer(OpeningHour::ClosesMinute))
                    .check(Expr::col(OpeningHour::Weekday).between(1, 7))
                    .check(
                        Expr::col(OpeningHour::OpensMinute)
                            .lt(Expr::col(OpeningHour::ClosesMinute)),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OpeningHour::Table, OpeningHour::SiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_opening_hour_site")
                    .table(OpeningHour::Table)
                    .col(OpeningHour::SiteId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Resource::Table)
                    .col(big_pk_auto(Resource::Id))
                    .col(big_integer(Resource::SiteId))
                    .col(string(Resource::Name))
                    .col(string(Resource::Kind))
                    .col(integer(Resource::Capacity))
                    .col(timestamp_with_time_zone(Resource::CreatedAt))
                    .col(timestamp_with_time_zone_null(Resource::RetiredAt))
                    .check(Expr::col(Resource::Capacity).gt(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Resource::Table, Resource::SiteId)
                            .to(Site::Table, Site::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_resource_site")
                    .table(Resource::Table)
                    .col(Resource::SiteId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Resource::Table.into_iden(),
            OpeningHour::Table.into_iden(),
            Site::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
