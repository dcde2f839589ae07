//! An address a host gives to a person they created at the desk waits for its
//! owner's confirmation (a sign-in from the mail sent to it) before it is the
//! person's: a host cannot take over an account by typing someone's address.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Person {
    Table,
    PendingEmail,
    PendingEmailAt,
}

/// The sign-in challenge mailed to confirm an address names the person it
/// confirms: only that mail's code or link attaches the address, not any
/// later sign-in with it.
#[derive(DeriveIden)]
enum SignInChallenge {
    Table,
    ConfirmsPersonId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(string_null(Person::PendingEmail))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Person::Table)
                    .add_column(timestamp_with_time_zone_null(Person::PendingEmailAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SignInChallenge::Table)
                    .add_column(big_integer_null(SignInChallenge::ConfirmsPersonId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SignInChallenge::Table)
                    .drop_column(SignInChallenge::ConfirmsPersonId)
                    .to_owned(),
            )
            .await?;
        for column in [Person::PendingEmail, Person::PendingEmailAt] {
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
