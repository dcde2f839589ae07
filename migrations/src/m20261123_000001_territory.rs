//! Communes and EPCI (communautés de communes), with the real reference of
//! Lozère loaded from `data/lozere-communes.json` (from the MIT-licensed npm
//! package `@etalab/decoupage-administratif`, INSEE Code officiel géographique).

use sea_orm_migration::{prelude::*, schema::*};
use serde::Deserialize;

const LOZERE: &str = include_str!("../data/lozere-communes.json");

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Epci {
    Table,
    Code,
    Name,
    Kind,
}

#[derive(DeriveIden)]
pub enum Commune {
    Table,
    Insee,
    Name,
    Postcodes,
    Population,
    EpciCode,
}

#[derive(Deserialize)]
struct Reference {
    communes: Vec<CommuneRow>,
    epcis: Vec<EpciRow>,
}

#[derive(Deserialize)]
struct CommuneRow {
    insee: String,
    name: String,
    postcodes: Vec<String>,
    population: Option<i64>,
    epci: Option<String>,
}

#[derive(Deserialize)]
struct EpciRow {
    code: String,
    name: String,
    #[serde(rename = "type")]
    kind: String,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Epci::Table)
                    .col(string(Epci::Code).primary_key())
                    .col(string(Epci::Name))
                    .col(string(Epci::Kind))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Commune::Table)
                    .col(string(Commune::Insee).primary_key())
                    .col(string(Commune::Name))
                    // Several postcodes are joined with commas: they are only shown, never queried.
                    .col(string(Commune::Postcodes))
                    .col(big_integer(Commune::Population))
                    .col(string_null(Commune::EpciCode))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Commune::Table, Commune::EpciCode)
                            .to(Epci::Table, Epci::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_commune_epci")
                    .table(Commune::Table)
                    .col(Commune::EpciCode)
                    .to_owned(),
            )
            .await?;

        let reference: Reference = serde_json::from_str(LOZERE)
            .map_err(|e| DbErr::Migration(format!("communes reference: {e}")))?;
        let mut epcis = Query::insert()
            .into_table(Epci::Table)
            .columns([Epci::Code, Epci::Name, Epci::Kind])
            .to_owned();
        for epci in &reference.epcis {
            epcis.values_panic([
                epci.code.clone().into(),
                epci.name.clone().into(),
                epci.kind.clone().into(),
            ]);
        }
        manager.exec_stmt(epcis).await?;
        let mut communes = Query::insert()
            .into_table(Commune::Table)
            .columns([
                Commune::Insee,
                Commune::Name,
                Commune::Postcodes,
                Commune::Population,
                Commune::EpciCode,
            ])
            .to_owned();
        for commune in &reference.communes {
            communes.values_panic([
                commune.insee.clone().into(),
                commune.name.clone().into(),
                commune.postcodes.join(",").into(),
                commune.population.unwrap_or(0).into(),
                commune.epci.clone().into(),
            ]);
        }
        manager.exec_stmt(communes).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Commune::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Epci::Table).to_owned())
            .await
    }
}
