//! Who asks, as the rules see them: a person and the roles they hold. Pure
//! data, resolved once per request by `auth::policy::authorize`; the rules of
//! every layer below read it.

use shared::ids::{PersonId, SiteId};

#[derive(Debug, Clone)]
pub struct PersonContext {
    pub id: PersonId,
    pub roles: Vec<Grant>,
}

/// One role grant, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    NetworkAdmin,
    Host(SiteId),
    CommuneAdmin(String),
    EpciAdmin(String),
}

impl PersonContext {
    pub fn is_network_admin(&self) -> bool {
        self.roles.contains(&Grant::NetworkAdmin)
    }

    /// Hosts of a site and network administrators may act for the site.
    pub fn may_host(&self, site: SiteId) -> bool {
        self.is_network_admin() || self.roles.contains(&Grant::Host(site))
    }

    pub fn is_territory_admin(&self) -> bool {
        self.is_network_admin()
            || self
                .roles
                .iter()
                .any(|g| matches!(g, Grant::CommuneAdmin(_) | Grant::EpciAdmin(_)))
    }
}
