//! Sign-in by mail, sessions, the mail outbox, machine API keys and the
//! server's own secrets; profile fields on people.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000002_sites::Site;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Person {
    Table,
    /// JSON array of self-declared categories (`job_seeker`, `student`…).
    Categories,
    /// Raised by "sign out everywhere": sessions carrying an older value are refused.
    SessionEpoch,
    /// Set for a person created at the desk by a host of this site.
    AssistedBySiteId,
}

#[derive(DeriveIden)]
enum SignInChallenge {
    Table,
    Id,
    Email,
    /// HMAC of the 6-digit code; the code itself is never stored.
    CodeHash,
    /// HMAC of the link's token.
    LinkHash,
    Language,
    CreatedAt,
    ExpiresAt,
    FailedAttempts,
    ConsumedAt,
}

#[derive(DeriveIden)]
enum OutboxMail {
    Table,
    Id,
    ToAddress,
    Subject,
    BodyText,
    BodyHtml,
    /// JSON array of attachments (file name, content type, text).
    Attachments,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    /// A worker owns the mail until then; another process may take it after.
    LockedUntil,
    SentAt,
    LastError,
}

#[derive(DeriveIden)]
enum ApiKey {
    Table,
    Id,
    Name,
    /// First characters of the key, shown to tell keys apart.
    Prefix,
    /// SHA-256 of the whole key.
    KeyHash,
    /// `site` or `stats_read`.
    Scope,
    SiteId,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ServerSecret {
    Table,
    Name,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(text(Person::Categories).default("[]"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(big_integer(Person::SessionEpoch).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(big_integer_null(Person::AssistedBySiteId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInChallenge::Table)
                    .col(big_pk_auto(SignInChallenge::Id))
                    .col(string(SignInChallenge::Email))
                    .col(string(SignInChallenge::CodeHash))
                    .col(string(SignInChallenge::LinkHash).unique_key())
                    .col(string_len(SignInChallenge::Language, 2))
                    .col(timestamp_with_time_zone(SignInChallenge::CreatedAt))
                    .col(timestamp_with_time_zone(SignInChallenge::ExpiresAt))
                    .col(integer(SignInChallenge::FailedAttempts).default(0))
                    .col(timestamp_with_time_zone_null(SignInChallenge::ConsumedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_challenge_email")
                    .table(SignInChallenge::Table)
                    .col(SignInChallenge::Email)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OutboxMail::Table)
                    .col(big_pk_auto(OutboxMail::Id))
                    .col(string(OutboxMail::ToAddress))
                    .col(string(OutboxMail::Subject))
                    .col(text(OutboxMail::BodyText))
                    .col(text(OutboxMail::BodyHtml))
                    .col(text(OutboxMail::Attachments).default("[]"))
                    .col(timestamp_with_time_zone(OutboxMail::CreatedAt))
                    .col(integer(OutboxMail::Attempts).default(0))
                    .col(timestamp_with_time_zone(OutboxMail::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(OutboxMail::LockedUntil))
                    .col(timestamp_with_time_zone_null(OutboxMail::SentAt))
                    .col(text_null(OutboxMail::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_mail_due")
                    .table(OutboxMail::Table)
                    .col(OutboxMail::SentAt)
                    .col(OutboxMail::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiKey::Table)
                    .col(big_pk_auto(ApiKey::Id))
                    .col(string(ApiKey::Name))
                    .col(string(ApiKey::Prefix))
                    .col(string(ApiKey::KeyHash).unique_key())
                    .col(string(ApiKey::Scope))
                    .col(big_integer_null(ApiKey::SiteId))
                    .col(timestamp_with_time_zone(ApiKey::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiKey::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiKey::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiKey::Table, ApiKey::SiteId)
                            .to(Site::Table, Site::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ServerSecret::Table)
                    .col(string(ServerSecret::Name).primary_key())
                    .col(string(ServerSecret::Value))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ServerSecret::Table.into_iden(),
            ApiKey::Table.into_iden(),
            OutboxMail::Table.into_iden(),
            SignInChallenge::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            Person::AssistedBySiteId.into_iden(),
            Person::SessionEpoch.into_iden(),
            Person::Categories.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Person::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
