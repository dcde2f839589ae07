//! For network, commune and EPCI administrators: the free-access quota
//! policies in force, how several of them combine, and a form to create,
//! change (a new version, for bookings to come) or retire one. The form is
//! checked with the server's own rule (`shared::quota::check_policy`) before
//! anything is sent. Commune and EPCI administrators set policies for the
//! sites of their territory only; the others are shown for information.
//!
//! The list's signals and what its buttons do are in `state.rs`; the list,
//! the editing panel, the editor and its sections are components of their
//! own, and the form's values and checks are in `form.rs`.

mod choices;
mod editor;
mod fields;
mod form;
mod ids;
mod list;
mod panel;
mod places;
mod sections;
mod state;
mod words;

use leptos::prelude::*;
use shared::api::{Me, Role};
use shared::dom_ids;

use crate::auth::guarded;
use crate::i18n::{tr, use_lang};
use ids::{LIST_TITLE, NEW, RULES_TITLE, STATUS};
use list::PolicyItems;
use panel::EditorPanel;
use state::{Board, Editing};

/// Network administrators, and commune and EPCI administrators.
fn administers(me: &Me) -> bool {
    me.is_network_admin() || me.is_territory_admin()
}

#[component]
pub fn QuotaPoliciesPage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.office.qp_title)}</h1>
        {guarded(administers, |t| t.office.qp_admins_only, |me| view! {
            <Rules/>
            <Policies me/>
            <crate::components::eligibility_desk::EligibilityDesk
                desk="territory".to_owned()
                path=shared::routes::ELIGIBILITY.to_owned()
                intro=|t| t.office.el_intro_territory
                top_level=true
            />
        })}
    }
}

/// How several policies combine, in plain words.
#[component]
fn Rules() -> impl IntoView {
    let lang = use_lang();
    move || {
        let t = lang.get().texts();
        view! {
            <section class="panel" aria-labelledby=RULES_TITLE>
                <h2 id=RULES_TITLE>{t.office.qp_rules_title}</h2>
                <p>{t.office.qp_rules_intro}</p>
                <ol class="plain-list">
                    {t.office.qp_rules_order.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
                </ol>
                <p>{t.office.qp_rules_pay}</p>
                <p class="hint">{t.office.qp_rules_cost}</p>
            </section>
        }
    }
}

/// The policies in force, most specific first, with "Modifier" and "Retirer"
/// for those the person may manage, and the editor.
#[component]
fn Policies(me: Me) -> impl IntoView {
    let board = Board::new(&me);
    let lang = board.lang;
    board.load();
    board.load_places();
    // The person's territory, for the sentence under the title.
    let territory = me.roles.iter().find_map(|r| match r {
        Role::TerritoryAdmin { .. } => Some(r.clone()),
        _ => None,
    });
    let intro = move || {
        let t = lang.get().texts();
        match &territory {
            Some(role) => t.office.qp_territory_note.replace("{role}", &t.role(role)),
            None => t.office.qp_list_intro.to_owned(),
        }
    };
    view! {
        <section class="panel" aria-labelledby=LIST_TITLE>
            <h2 id=LIST_TITLE>{tr(|t| t.office.qp_list_title)}</h2>
            <p class="hint">{intro}</p>
            <p id=STATUS role="status" tabindex="-1" class="status status-ok">{move || board.status.get()}</p>
            {board.problem().alert()}
            <PolicyItems board/>
            <p>
                <button id=NEW type="button" on:click=move |_| board.open(Editing::New)>
                    {tr(|t| t.office.qp_new)}
                </button>
            </p>
        </section>
        <EditorPanel board/>
    }
}

/// A policy the unit tests of the form and of its words share.
#[cfg(test)]
mod fixtures {
    use shared::api::{
        BeyondQuota, Category, Eligibility, QuotaMeasure, QuotaPeriod, QuotaPolicyInput,
    };
    use shared::ids::SiteId;

    pub fn job_seekers() -> QuotaPolicyInput {
        QuotaPolicyInput {
            name: "Demandeurs d'emploi".into(),
            communes: vec!["48095".into()],
            epcis: vec![],
            categories: vec![Category::JobSeeker],
            sites: vec![SiteId(1)],
            measure: QuotaMeasure::HalfDays,
            allowance: None,
            period: QuotaPeriod::Week,
            refund_deadline_minutes: 90,
            no_show_cost: 1,
            beyond: BeyondQuota::Paid,
            eligibility: Some(Eligibility::Confirmed),
        }
    }
}
