//! Secrets that must not outlive their use:
//! - mails that carry one (a sign-in code and link) are marked, so that their
//!   text is wiped as soon as they are sent: the outbox keeps who, when and
//!   whether, not the code;
//! - a session ended by "Se déconnecter" is listed until it would have
//!   expired, so that its token stops working at once, not only its cookie.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMail {
    Table,
    Secret,
}

#[derive(DeriveIden)]
enum RevokedSession {
    Table,
    Id,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMail::Table)
                    .add_column(
                        ColumnDef::new(OutboxMail::Secret)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RevokedSession::Table)
                    .col(
                        ColumnDef::new(RevokedSession::Id)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RevokedSession::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RevokedSession::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMail::Table)
                    .drop_column(OutboxMail::Secret)
                    .to_owned(),
            )
            .await
    }
}
