//! The communes, their EPCI and the sites, by which policies are named,
//! and which of them a person may set policies for.

use shared::api::{Commune, Me, QuotaPolicyInput, Role, Site, Territory};
use shared::ids::SiteId;

use crate::words::fold;

/// The communes, their EPCI and the sites, to name what policies hold.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub communes: Vec<Commune>,
    /// (SIREN, name), sorted by name.
    pub epcis: Vec<(String, String)>,
    pub sites: Vec<Site>,
}

impl Places {
    pub fn new(communes: Vec<Commune>, sites: Vec<Site>) -> Places {
        let mut epcis: Vec<(String, String)> = Vec::new();
        for c in &communes {
            if let (Some(code), Some(name)) = (&c.epci_code, &c.epci_name)
                && !epcis.iter().any(|(known, _)| known == code)
            {
                epcis.push((code.clone(), name.clone()));
            }
        }
        epcis.sort_by_cached_key(|(_, name)| fold(name));
        Places {
            communes,
            epcis,
            sites,
        }
    }

    pub fn commune_name(&self, insee: &str) -> String {
        self.communes
            .iter()
            .find(|c| c.insee == insee)
            .map_or_else(|| insee.to_owned(), |c| c.name.clone())
    }

    pub fn epci_name(&self, code: &str) -> String {
        self.epcis
            .iter()
            .find(|(known, _)| known == code)
            .map_or_else(|| code.to_owned(), |(_, name)| name.clone())
    }

    pub fn site_name(&self, id: SiteId) -> String {
        self.sites
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| format!("n° {id}"), |s| s.name.clone())
    }

    /// The sites this person may set policies for: all of them for a network
    /// administrator, those of their commune or EPCI for the others.
    pub fn own_sites(&self, me: &Me) -> Vec<SiteId> {
        let network = me.is_network_admin();
        let epci_of = |insee: &str| {
            self.communes
                .iter()
                .find(|c| c.insee == insee)
                .and_then(|c| c.epci_code.clone())
        };
        self.sites
            .iter()
            .filter(|s| {
                network
                    || me.roles.iter().any(|r| match r {
                        Role::TerritoryAdmin {
                            territory: Territory::Commune,
                            code,
                            ..
                        } => *code == s.commune_insee,
                        Role::TerritoryAdmin {
                            territory: Territory::Epci,
                            code,
                            ..
                        } => epci_of(&s.commune_insee).as_deref() == Some(code.as_str()),
                        _ => false,
                    })
            })
            .map(|s| s.id)
            .collect()
    }
}

/// Whether the person may change or retire the policy (the server's rule).
pub fn may_manage(network: bool, own: &[SiteId], policy: &QuotaPolicyInput) -> bool {
    network || (!policy.sites.is_empty() && policy.sites.iter().all(|s| own.contains(s)))
}
