//! Wrong sign-in codes counted per address and per day, in the database, so
//! that the bound on guessing holds across every `relais` process.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignInGuess {
    Table,
    Email,
    Day,
    Wrong,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInGuess::Table)
                    .col(string(SignInGuess::Email))
                    .col(date(SignInGuess::Day))
                    .col(integer(SignInGuess::Wrong).default(0))
                    .primary_key(
                        Index::create()
                            .col(SignInGuess::Email)
                            .col(SignInGuess::Day),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInGuess::Table).to_owned())
            .await
    }
}
