//! The ids of the page's elements: short names for `shared::dom_ids`'s.

use shared::dom_ids;

pub const RULES_TITLE: &str = "qp-rules-title";
pub const LIST_TITLE: &str = "qp-list-title";
pub const LIST: &str = dom_ids::QP_LIST;
pub const STATUS: &str = dom_ids::QP_STATUS;
pub const LIST_ERROR: &str = dom_ids::QP_LIST_ERROR;
pub const NEW: &str = dom_ids::QP_NEW;
pub const EDITOR: &str = dom_ids::QP_EDITOR;
pub const EDITOR_TITLE: &str = dom_ids::QP_EDITOR_TITLE;
pub const FORM_ERROR: &str = dom_ids::QP_FORM_ERROR;
pub const NAME: &str = dom_ids::QP_NAME;
pub const COMMUNE: &str = dom_ids::QP_COMMUNE;
pub const COMMUNE_ADD: &str = dom_ids::QP_COMMUNE_ADD;
pub const EPCI: &str = dom_ids::QP_EPCI;
pub const CATEGORY: &str = dom_ids::QP_CATEGORY;
pub const WHOLE_NETWORK: &str = dom_ids::QP_WHOLE_NETWORK;
pub const CHOSEN_SITES: &str = dom_ids::QP_CHOSEN_SITES;
pub const SITE: &str = dom_ids::QP_SITE;
pub const MEASURE: &str = dom_ids::QP_MEASURE;
pub const ALLOWANCE: &str = dom_ids::QP_ALLOWANCE;
pub const UNLIMITED: &str = dom_ids::QP_UNLIMITED;
pub const PERIOD: &str = dom_ids::QP_PERIOD;
pub const REFUND: &str = dom_ids::QP_REFUND;
pub const NO_SHOW: &str = dom_ids::QP_NO_SHOW;
pub const BEYOND: &str = dom_ids::QP_BEYOND;
pub const PROOF: &str = dom_ids::QP_PROOF;
pub const PROOF_HINT: &str = dom_ids::QP_PROOF_HINT;
pub const SAVE: &str = dom_ids::QP_SAVE;
pub const CANCEL: &str = dom_ids::QP_CANCEL;
pub const EDIT: &str = dom_ids::QP_EDIT;
pub const RETIRE: &str = dom_ids::QP_RETIRE;
pub const RETIRE_YES: &str = dom_ids::QP_RETIRE_YES;
