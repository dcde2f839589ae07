use sea_orm::entity::prelude::*;

/// A key passes are signed with. The newest unretired one signs; retired
/// ones stay published until the last pass they signed has expired.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_key")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub kid: String,
    /// The Ed25519 private key, PKCS#8 DER in base64.
    pub private_pkcs8: String,
    /// The public key, base64url (a JWK's `x`).
    pub public_x: String,
    pub created_at: DateTimeUtc,
    pub retired_at: Option<DateTimeUtc>,
    pub publish_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
