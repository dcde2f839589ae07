//! Quotas: policies with immutable versions, and the ledger of charges and
//! refunds from which what a person has left is computed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QuotaPolicy {
    Table,
    Id,
    /// The version that applies to new bookings.
    CurrentVersion,
    CreatedAt,
    /// A retired policy applies to no new booking; its charges stay.
    RetiredAt,
}

#[derive(DeriveIden)]
enum QuotaPolicyVersion {
    Table,
    Id,
    PolicyId,
    Version,
    /// The settings as JSON (`QuotaPolicyInput`); never changed once written.
    Settings,
    CreatedAt,
}

#[derive(DeriveIden)]
enum QuotaCharge {
    Table,
    Id,
    /// Set to NULL when the person deletes their account.
    PersonId,
    PolicyId,
    PolicyVersionId,
    /// First local day of the policy's period the amount counts in.
    PeriodStart,
    /// Units (half-days, or minutes for hours): positive charges, negative refunds.
    Amount,
    /// `booking`, `refund` or `no_show`.
    Kind,
    BookingId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Booking {
    Table,
    /// Accepted beyond every quota, as paid ("hors quota"): flagged to the host.
    BeyondQuota,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(QuotaPolicy::Table)
                    .col(big_pk_auto(QuotaPolicy::Id))
                    .col(integer(QuotaPolicy::CurrentVersion))
                    .col(timestamp_with_time_zone(QuotaPolicy::CreatedAt))
                    .col(timestamp_with_time_zone_null(QuotaPolicy::RetiredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuotaPolicyVersion::Table)
                    .col(big_pk_auto(QuotaPolicyVersion::Id))
                    .col(big_integer(QuotaPolicyVersion::PolicyId))
                    .col(integer(QuotaPolicyVersion::Version))
                    .col(text(QuotaPolicyVersion::Settings))
                    .col(timestamp_with_time_zone(QuotaPolicyVersion::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_quota_policy_version_unique")
                    .table(QuotaPolicyVersion::Table)
                    .col(QuotaPolicyVersion::PolicyId)
                    .col(QuotaPolicyVersion::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuotaCharge::Table)
                    .col(big_pk_auto(QuotaCharge::Id))
                    .col(big_integer_null(QuotaCharge::PersonId))
                    .col(big_integer(QuotaCharge::PolicyId))
                    .col(big_integer(QuotaCharge::PolicyVersionId))
                    .col(date(QuotaCharge::PeriodStart))
                    .col(integer(QuotaCharge::Amount))
                    .col(string(QuotaCharge::Kind))
                    .col(big_integer_null(QuotaCharge::BookingId))
                    .col(timestamp_with_time_zone(QuotaCharge::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_quota_charge_person_period")
                    .table(QuotaCharge::Table)
                    .col(QuotaCharge::PersonId)
                    .col(QuotaCharge::PolicyId)
                    .col(QuotaCharge::PeriodStart)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_quota_charge_booking")
                    .table(QuotaCharge::Table)
                    .col(QuotaCharge::BookingId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Booking::Table)
                    .add_column(boolean(Booking::BeyondQuota).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Booking::Table)
                    .drop_column(Booking::BeyondQuota)
                    .to_owned(),
            )
            .await?;
        for table in [
            QuotaCharge::Table.into_iden(),
            QuotaPolicyVersion::Table.into_iden(),
            QuotaPolicy::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
