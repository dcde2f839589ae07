//! Sign-in, the person's own profile, roles, assisted people and API keys.

use serde::{Deserialize, Serialize};

use crate::ids::{ApiKeyId, PersonId, SiteId};

/// The languages Relais speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl Language {
    pub const fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Language> {
        match code {
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// Self-declared situations that quota policies may grant more to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    JobSeeker,
    Student,
    Teleworker,
    Entrepreneur,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Teleworker,
        Category::JobSeeker,
        Category::Student,
        Category::Entrepreneur,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Category::JobSeeker => "job_seeker",
            Category::Student => "student",
            Category::Teleworker => "teleworker",
            Category::Entrepreneur => "entrepreneur",
        }
    }

    pub fn parse(text: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// `POST /api/v1/auth/request`: ask for a sign-in mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: String,
    /// Language of the mail for a new account; known people get theirs.
    #[serde(default)]
    pub language: Option<Language>,
}

/// The answer to a sign-in request: the same whether the address is known or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequested {
    pub message: String,
    /// How long the code and link stay valid, in seconds.
    pub expires_in: u32,
}

/// `POST /api/v1/auth/verify`: the 6-digit code from the mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyCode {
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{6}$"))]
    pub code: String,
}

/// `POST /api/v1/auth/verify-link`: the token of the link in the mail,
/// sent by the confirmation page (opening the link alone signs nobody in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyLink {
    pub token: String,
}

/// A new session. Browsers also get it as an HttpOnly cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// A JWT for `Authorization: Bearer`.
    pub token: String,
    /// RFC 3339 instant after which the person signs in again.
    pub expires_at: String,
    pub me: Me,
}

/// `GET /api/v1/auth/current`: the signed-in person, or `null` for a visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentSession {
    pub me: Option<Me>,
}

/// A role held by a person, with its scope. Read through `RoleFields`:
/// serde's own reading of a tagged enum buffers every value first, which
/// cost the browser app 9 KB of WebAssembly; the JSON is the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "role", rename_all = "snake_case", try_from = "RoleFields")]
pub enum Role {
    /// Hosts one site: sees its bookings and people, books for walk-ins.
    Host { site_id: SiteId, site_name: String },
    /// Administers a commune (`code` is an INSEE code) or an EPCI (a SIREN).
    TerritoryAdmin {
        territory: Territory,
        code: String,
        name: String,
    },
    /// Administers the whole network.
    NetworkAdmin,
}

/// Every field a role may have, flat: how `Role` is read.
#[derive(Deserialize)]
struct RoleFields {
    role: String,
    site_id: Option<SiteId>,
    site_name: Option<String>,
    territory: Option<Territory>,
    code: Option<String>,
    name: Option<String>,
}

impl TryFrom<RoleFields> for Role {
    type Error = String;

    fn try_from(f: RoleFields) -> Result<Role, String> {
        let missing = |field: &str| format!("missing field `{field}` for role `{}`", f.role);
        Ok(match f.role.as_str() {
            "host" => Role::Host {
                site_id: f.site_id.ok_or_else(|| missing("site_id"))?,
                site_name: f.site_name.clone().ok_or_else(|| missing("site_name"))?,
            },
            "territory_admin" => Role::TerritoryAdmin {
                territory: f.territory.ok_or_else(|| missing("territory"))?,
                code: f.code.clone().ok_or_else(|| missing("code"))?,
                name: f.name.clone().ok_or_else(|| missing("name"))?,
            },
            "network_admin" => Role::NetworkAdmin,
            other => {
                return Err(format!(
                    "unknown role `{other}`, expected host, territory_admin or network_admin"
                ));
            }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Territory {
    Commune,
    Epci,
}

/// `GET /api/v1/me`: who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: PersonId,
    pub email: Option<String>,
    pub display_name: String,
    pub commune_insee: Option<String>,
    pub commune_name: Option<String>,
    pub categories: Vec<Category>,
    pub language: Language,
    pub roles: Vec<Role>,
    /// Whether a host or an administrator has seen a proof of the commune.
    #[serde(default)]
    pub commune_confirmed: bool,
    /// The declared categories a host or an administrator has confirmed.
    #[serde(default)]
    pub confirmed_categories: Vec<Category>,
    /// The day (YYYY-MM-DD) the commune last changed, when it was not the
    /// first one declared: quotas count it from the next period on.
    #[serde(default)]
    pub commune_changed_on: Option<String>,
}

impl Me {
    pub fn is_network_admin(&self) -> bool {
        self.roles.iter().any(|r| matches!(r, Role::NetworkAdmin))
    }

    /// Sites this person hosts.
    pub fn hosted_sites(&self) -> impl Iterator<Item = (SiteId, &str)> {
        self.roles.iter().filter_map(|r| match r {
            Role::Host { site_id, site_name } => Some((*site_id, site_name.as_str())),
            _ => None,
        })
    }

    pub fn is_territory_admin(&self) -> bool {
        self.roles
            .iter()
            .any(|r| matches!(r, Role::TerritoryAdmin { .. }))
    }
}

/// `PUT /api/v1/me`: the whole editable profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileUpdate {
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub display_name: String,
    /// INSEE code of the commune of residence, from `GET /api/v1/communes`.
    pub commune_insee: Option<String>,
    pub categories: Vec<Category>,
    pub language: Language,
}

/// A commune, for the commune picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Commune {
    pub insee: String,
    pub name: String,
    pub postcodes: Vec<String>,
    pub epci_code: Option<String>,
    pub epci_name: Option<String>,
}

/// `POST /api/v1/sites/{site_id}/assisted-people`: a host creates a person
/// who has no e-mail address, at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAssistedPerson {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub display_name: String,
    pub commune_insee: Option<String>,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub language: Language,
}

/// A person a host acts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssistedPerson {
    pub id: PersonId,
    pub display_name: String,
    pub commune_insee: Option<String>,
    pub categories: Vec<Category>,
    /// The person's own address: they sign in alone, and only they change it.
    pub email: Option<String>,
    /// An address a host gave, waiting for its owner to confirm it from the
    /// mail sent to it.
    #[serde(default)]
    pub pending_email: Option<String>,
}

/// What a person declared that quota policies look at, and what of it a
/// host or an administrator has confirmed on seeing a proof
/// (`GET /api/v1/sites/{site_id}/eligibility`, `GET /api/v1/eligibility`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonEligibility {
    pub person_id: PersonId,
    pub display_name: String,
    pub commune_insee: Option<String>,
    pub commune_name: Option<String>,
    pub commune_confirmed: bool,
    /// The day (YYYY-MM-DD) the commune last changed, when it was not the first one declared.
    pub commune_changed_on: Option<String>,
    pub categories: Vec<Category>,
    pub confirmed_categories: Vec<Category>,
}

impl PersonEligibility {
    /// Whether something declared still waits for a proof.
    pub fn waiting(&self) -> bool {
        (self.commune_insee.is_some() && !self.commune_confirmed)
            || self
                .categories
                .iter()
                .any(|c| !self.confirmed_categories.contains(c))
    }
}

/// `PUT …/eligibility/{person_id}`: what the caller has seen proof of. The
/// commune is repeated so that a confirmation never lands on a commune the
/// person changed in the meantime (409 `eligibility_changed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmEligibility {
    pub commune_insee: Option<String>,
    pub commune_confirmed: bool,
    /// Every confirmed category, each one declared by the person.
    pub confirmed_categories: Vec<Category>,
}

/// `PUT /api/v1/sites/{site_id}/assisted-people/{person_id}/email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetEmail {
    pub email: String,
}

/// What a machine's API key may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum ApiKeyScope {
    /// A door controller or kiosk of one site.
    Site { site_id: SiteId },
    /// A data pipeline reading anonymous statistics.
    StatsRead,
}

/// `POST /api/v1/admin/api-keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewApiKey {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(flatten)]
    pub scope: ApiKeyScope,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyInfo {
    pub id: ApiKeyId,
    pub name: String,
    #[serde(flatten)]
    pub scope: ApiKeyScope,
    /// First characters of the key, to tell keys apart.
    pub prefix: String,
    pub created_at: String,
    pub revoked: bool,
}

/// The answer to a key's creation: the only time the key itself is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    pub key: String,
    pub info: ApiKeyInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_what_they_write() {
        let roles = vec![
            Role::Host {
                site_id: SiteId(3),
                site_name: "La Fabrique".to_owned(),
            },
            Role::TerritoryAdmin {
                territory: Territory::Epci,
                code: "200005926".to_owned(),
                name: "Cœur de Lozère".to_owned(),
            },
            Role::NetworkAdmin,
        ];
        let json = serde_json::to_string(&roles).unwrap();
        assert!(
            json.contains(r#"{"role":"host","site_id":3,"site_name":"La Fabrique"}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Vec<Role>>(&json).unwrap(), roles);
        let wrong = serde_json::from_str::<Role>(r#"{"role":"host","site_id":3}"#);
        assert!(wrong.unwrap_err().to_string().contains("site_name"));
        let unknown = serde_json::from_str::<Role>(r#"{"role":"mayor"}"#);
        assert!(unknown.unwrap_err().to_string().contains("unknown role"));
    }
}
