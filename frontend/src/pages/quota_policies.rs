//! For network, commune and EPCI administrators: the free-access quota
//! policies in force, how several of them combine, and a form to create,
//! change (a new version, for bookings to come) or retire one. The form is
//! checked with the server's own rule (`shared::quota::check_policy`) before
//! anything is sent. Commune and EPCI administrators set policies for the
//! sites of their territory only; the others are shown for information.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{
    BeyondQuota, Category, Commune, Eligibility, Me, QuotaMeasure, QuotaPeriod, QuotaPolicy,
    QuotaPolicyInput, Role, Site, Territory,
};
use shared::error::codes;
use shared::ids::{PolicyId, SiteId};
use shared::quota::{check_policy, rank_key};
use shared::{ErrorDetail, dom_ids, routes};

use crate::api;
use crate::auth::guarded;
use crate::components::confirm::{Ask, confirm_then_act};
use crate::components::forms::{
    CategoryChecks, Field, FormError, check_box, commune_label, field, focus_soon, sorted,
};
use crate::i18n::{MISSING_NAME, Texts, tr, use_lang};
use crate::words::fold;

const RULES_TITLE: &str = "qp-rules-title";
const LIST_TITLE: &str = "qp-list-title";
const LIST: &str = dom_ids::QP_LIST;
const STATUS: &str = dom_ids::QP_STATUS;
const LIST_ERROR: &str = dom_ids::QP_LIST_ERROR;
const NEW: &str = dom_ids::QP_NEW;
const EDITOR: &str = dom_ids::QP_EDITOR;
const EDITOR_TITLE: &str = dom_ids::QP_EDITOR_TITLE;
const FORM_ERROR: &str = dom_ids::QP_FORM_ERROR;
const NAME: &str = dom_ids::QP_NAME;
const COMMUNE: &str = dom_ids::QP_COMMUNE;
const COMMUNE_ADD: &str = dom_ids::QP_COMMUNE_ADD;
const EPCI: &str = dom_ids::QP_EPCI;
const CATEGORY: &str = dom_ids::QP_CATEGORY;
const WHOLE_NETWORK: &str = dom_ids::QP_WHOLE_NETWORK;
const CHOSEN_SITES: &str = dom_ids::QP_CHOSEN_SITES;
const SITE: &str = dom_ids::QP_SITE;
const MEASURE: &str = dom_ids::QP_MEASURE;
const ALLOWANCE: &str = dom_ids::QP_ALLOWANCE;
const UNLIMITED: &str = dom_ids::QP_UNLIMITED;
const PERIOD: &str = dom_ids::QP_PERIOD;
const REFUND: &str = dom_ids::QP_REFUND;
const NO_SHOW: &str = dom_ids::QP_NO_SHOW;
const BEYOND: &str = dom_ids::QP_BEYOND;
const PROOF: &str = dom_ids::QP_PROOF;
const PROOF_HINT: &str = dom_ids::QP_PROOF_HINT;
const SAVE: &str = dom_ids::QP_SAVE;
const CANCEL: &str = dom_ids::QP_CANCEL;
const EDIT: &str = dom_ids::QP_EDIT;
const RETIRE: &str = dom_ids::QP_RETIRE;
const RETIRE_YES: &str = dom_ids::QP_RETIRE_YES;

// The form's own codes, more precise than `invalid_amount` and `invalid_name`:
// which field to correct.
const BAD_ALLOWANCE: &str = "policy_allowance";
const BAD_NO_SHOW: &str = "policy_no_show";
const BAD_REFUND: &str = "policy_refund";
const NO_SITE: &str = "policy_no_site";
const LONG_NAME: &str = "policy_name";

const NAME_CODES: &[&str] = &[
    MISSING_NAME,
    LONG_NAME,
    codes::INVALID_NAME,
    codes::INVALID_TEXT,
];
const ALLOWANCE_CODES: &[&str] = &[BAD_ALLOWANCE];
const REFUND_CODES: &[&str] = &[BAD_REFUND];
const NO_SHOW_CODES: &[&str] = &[BAD_NO_SHOW];

/// The choices of the selects, in the order of their texts.
const MEASURES: [QuotaMeasure; 3] = [
    QuotaMeasure::Days,
    QuotaMeasure::HalfDays,
    QuotaMeasure::Hours,
];
const PERIODS: [QuotaPeriod; 3] = [QuotaPeriod::Week, QuotaPeriod::Month, QuotaPeriod::Year];
const BEYOND_CHOICES: [BeyondQuota; 2] = [BeyondQuota::Refuse, BeyondQuota::Paid];

fn index_of<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

/// Network administrators, and commune and EPCI administrators.
fn administers(me: &Me) -> bool {
    me.is_network_admin() || me.is_territory_admin()
}

#[component]
pub fn QuotaPoliciesPage() -> impl IntoView {
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.qp_title)}</h1>
        {guarded(administers, |t| t.qp_admins_only, |me| view! {
            <Rules/>
            <Policies me/>
            <crate::components::eligibility_desk::EligibilityDesk
                desk="territory".to_owned()
                path=shared::routes::ELIGIBILITY.to_owned()
                intro=|t| t.el_intro_territory
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
                <h2 id=RULES_TITLE>{t.qp_rules_title}</h2>
                <p>{t.qp_rules_intro}</p>
                <ol class="plain-list">
                    {t.qp_rules_order.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
                </ol>
                <p>{t.qp_rules_pay}</p>
                <p class="hint">{t.qp_rules_cost}</p>
            </section>
        }
    }
}

/// The communes, their EPCI and the sites, to name what policies hold.
#[derive(Debug, Clone, Default)]
struct Places {
    communes: Vec<Commune>,
    /// (SIREN, name), sorted by name.
    epcis: Vec<(String, String)>,
    sites: Vec<Site>,
}

impl Places {
    fn new(communes: Vec<Commune>, sites: Vec<Site>) -> Places {
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

    fn commune_name(&self, insee: &str) -> String {
        self.communes
            .iter()
            .find(|c| c.insee == insee)
            .map_or_else(|| insee.to_owned(), |c| c.name.clone())
    }

    fn epci_name(&self, code: &str) -> String {
        self.epcis
            .iter()
            .find(|(known, _)| known == code)
            .map_or_else(|| code.to_owned(), |(_, name)| name.clone())
    }

    fn site_name(&self, id: SiteId) -> String {
        self.sites
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| format!("n° {id}"), |s| s.name.clone())
    }

    /// The sites this person may set policies for: all of them for a network
    /// administrator, those of their commune or EPCI for the others.
    fn own_sites(&self, me: &Me) -> Vec<SiteId> {
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
fn may_manage(network: bool, own: &[SiteId], policy: &QuotaPolicyInput) -> bool {
    network || (!policy.sites.is_empty() && policy.sites.iter().all(|s| own.contains(s)))
}

/// "4 jours", "1 demi-journée".
fn amount_text(t: &Texts, measure: QuotaMeasure, amount: i64) -> String {
    let (one, many) = t.qp_units[index_of(&MEASURES, &measure)];
    format!("{amount} {}", if amount.abs() < 2 { one } else { many })
}

/// "4 jours par mois", "Illimité".
fn how_much(t: &Texts, p: &QuotaPolicyInput) -> String {
    match p.allowance {
        None => t.qp_unlimited.to_owned(),
        Some(a) => format!(
            "{} {}",
            amount_text(t, p.measure, a),
            t.qp_per[index_of(&PERIODS, &p.period)]
        ),
    }
}

/// "24 h", "1 h 30", "45 min".
fn duration(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

fn refund_text(t: &Texts, minutes: i64) -> String {
    if minutes <= 0 {
        t.qp_refund_until_start.to_owned()
    } else {
        t.qp_refund_before.replace("{time}", &duration(minutes))
    }
}

fn no_show_text(t: &Texts, p: &QuotaPolicyInput) -> String {
    if p.no_show_cost <= 0 {
        t.qp_no_show_free.to_owned()
    } else {
        t.qp_no_show_extra
            .replace("{amount}", &amount_text(t, p.measure, p.no_show_cost))
    }
}

/// "Tout le monde", "Habitants de Mende, Florac ; catégories : Étudiant".
fn who_text(t: &Texts, p: &QuotaPolicyInput, places: &Places) -> String {
    let mut parts = Vec::new();
    let mut homes: Vec<String> = p.communes.iter().map(|c| places.commune_name(c)).collect();
    homes.extend(p.epcis.iter().map(|e| places.epci_name(e)));
    if !homes.is_empty() {
        parts.push(t.qp_residents_of.replace("{places}", &homes.join(", ")));
    }
    if !p.categories.is_empty() {
        let names: Vec<&str> = p.categories.iter().map(|c| t.category(*c)).collect();
        parts.push(t.qp_in_categories.replace("{list}", &names.join(", ")));
    }
    if parts.is_empty() {
        t.qp_everyone.to_owned()
    } else {
        if p.eligibility() == Eligibility::Confirmed {
            parts.push(t.qp_proof_text.to_owned());
        }
        parts.join(" ; ")
    }
}

fn where_text(t: &Texts, p: &QuotaPolicyInput, places: &Places) -> String {
    if p.sites.is_empty() {
        t.qp_whole_network.to_owned()
    } else {
        let names: Vec<String> = p.sites.iter().map(|s| places.site_name(*s)).collect();
        names.join(", ")
    }
}

/// What the editing panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Editing {
    New,
    Policy(PolicyId),
}

/// The policies in force, most specific first, with "Modifier" and "Retirer"
/// for those the person may manage, and the editor.
#[component]
fn Policies(me: Me) -> impl IntoView {
    let lang = use_lang();
    let network = me.is_network_admin();
    let policies = RwSignal::new(None::<Result<Vec<QuotaPolicy>, ErrorDetail>>);
    let places = RwSignal::new(None::<Places>);
    let editing = RwSignal::new(None::<Editing>);
    let confirming = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let problem = FormError::new(LIST_ERROR.to_owned());

    let load = move || {
        spawn_local(async move {
            let answer = api::get_json::<Vec<QuotaPolicy>>(routes::QUOTA_POLICIES).await;
            policies.set(Some(answer.map(|mut all| {
                all.sort_by_key(rank_key);
                all
            })));
        });
    };
    load();
    spawn_local(async move {
        // Without them the page still works, naming places by their codes.
        let communes = api::get_json::<Vec<Commune>>(routes::COMMUNES).await;
        let sites = api::get_json::<Vec<Site>>(routes::SITES).await;
        places.set(Some(Places::new(
            communes.map(sorted).unwrap_or_default(),
            sites.unwrap_or_default(),
        )));
    });
    let own = {
        let me = me.clone();
        Memo::new(move |_| places.with(|p| p.as_ref().map(|p| p.own_sites(&me))))
    };
    // The person's territory, for the sentence under the title.
    let territory = me.roles.iter().find_map(|r| match r {
        Role::TerritoryAdmin { .. } => Some(r.clone()),
        _ => None,
    });

    let retire = {
        let problem = problem.clone();
        Callback::new(move |(id, name): (PolicyId, String)| {
            let problem = problem.clone();
            spawn_local(async move {
                let path = routes::fill(routes::QUOTA_POLICY, &[("policy_id", &id.to_string())]);
                let answer = api::delete(&path).await;
                confirming.set(None);
                match answer {
                    Ok(()) => {
                        problem.clear();
                        let t = lang.get_untracked().texts();
                        status.set(Some(t.qp_retired.replace("{name}", &name)));
                        if editing.get_untracked() == Some(Editing::Policy(id)) {
                            editing.set(None);
                        }
                        load();
                        focus_soon(STATUS);
                    }
                    Err(e) => problem.show(e),
                }
            });
        })
    };
    let open = move |what: Editing| {
        status.set(None);
        editing.set(Some(what));
    };

    let list = move || {
        let t = lang.get().texts();
        let own = own.get().unwrap_or_default();
        places.with(|known| {
            let empty = Places::default();
            let known = known.as_ref().unwrap_or(&empty);
            policies.with(|answer| match answer {
                None => view! { <p class="notice" role="status">{t.qp_loading}</p> }.into_any(),
                Some(Err(e)) => view! {
                    <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
                }
                .into_any(),
                Some(Ok(all)) if all.is_empty() => {
                    view! { <p id=LIST class="notice">{t.qp_none}</p> }.into_any()
                }
                Some(Ok(all)) => view! {
                    <ul id=LIST class="item-list">
                        {all.iter().map(|p| policy_item(t, p, known, may_manage(network, &own, &p.settings), confirming, open, retire)).collect_view()}
                    </ul>
                }
                .into_any(),
            })
        })
    };

    let ready = Memo::new(move |_| {
        places.with(Option::is_some) && policies.with(|p| matches!(p, Some(Ok(_))))
    });
    let panel = move || {
        let what = editing.get()?;
        if !ready.get() {
            return Some(
                view! { <p class="notice" role="status">{tr(|t| t.checking_session)}</p> }
                    .into_any(),
            );
        }
        let known = places.get_untracked().unwrap_or_default();
        let policy = match what {
            Editing::New => None,
            Editing::Policy(id) => policies.with_untracked(|p| {
                p.as_ref()
                    .and_then(|p| p.as_ref().ok())
                    .and_then(|all| all.iter().find(|p| p.id == id).cloned())
            }),
        };
        let back = match what {
            Editing::New => NEW.to_owned(),
            Editing::Policy(id) => dom_ids::item(EDIT, id),
        };
        let on_cancel = Callback::new(move |()| {
            editing.set(None);
            focus_soon(back.clone());
        });
        let on_saved = Callback::new(move |(saved, created): (QuotaPolicy, bool)| {
            let t = lang.get_untracked().texts();
            let text = if created { t.qp_created } else { t.qp_saved };
            status.set(Some(
                text.replace("{name}", &saved.settings.name)
                    .replace("{version}", &saved.version.to_string()),
            ));
            editing.set(None);
            load();
            focus_soon(STATUS);
        });
        let own = own.get_untracked().unwrap_or_default();
        // Once drawn (the places may come after the click).
        focus_soon(EDITOR);
        Some(
            view! { <PolicyEditor policy network places=known own on_saved on_cancel/> }.into_any(),
        )
    };

    let intro = move || {
        let t = lang.get().texts();
        match &territory {
            Some(role) => t.qp_territory_note.replace("{role}", &t.role(role)),
            None => t.qp_list_intro.to_owned(),
        }
    };
    view! {
        <section class="panel" aria-labelledby=LIST_TITLE>
            <h2 id=LIST_TITLE>{tr(|t| t.qp_list_title)}</h2>
            <p class="hint">{intro}</p>
            <p id=STATUS role="status" tabindex="-1" class="status status-ok">{move || status.get()}</p>
            {problem.alert()}
            {list}
            <p>
                <button id=NEW type="button" on:click=move |_| open(Editing::New)>
                    {tr(|t| t.qp_new)}
                </button>
            </p>
        </section>
        {panel}
    }
}

/// One policy of the list: what it says, and its buttons.
fn policy_item(
    t: &'static Texts,
    policy: &QuotaPolicy,
    places: &Places,
    manageable: bool,
    confirming: RwSignal<Option<String>>,
    open: impl Fn(Editing) + Copy + Send + Sync + 'static,
    retire: Callback<(PolicyId, String)>,
) -> AnyView {
    let id = policy.id;
    let s = &policy.settings;
    let name = s.name.clone();
    let facts = [
        (t.qp_who, who_text(t, s, places)),
        (t.qp_where, where_text(t, s, places)),
        (t.qp_how_much, how_much(t, s)),
        (t.qp_refund, refund_text(t, s.refund_deadline_minutes)),
        (t.qp_no_show, no_show_text(t, s)),
        (
            t.qp_beyond,
            t.qp_beyond_names[index_of(&BEYOND_CHOICES, &s.beyond)].to_owned(),
        ),
        (t.qp_version, policy.version.to_string()),
    ];
    let facts = facts
        .into_iter()
        .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
        .collect_view();
    let actions = if manageable {
        let (retire_button, question) = confirm_then_act(
            confirming,
            Ask {
                key: id.to_string(),
                button_id: dom_ids::item(RETIRE, id),
                yes_id: dom_ids::item(RETIRE_YES, id),
                label: t.qp_retire,
                aria_label: Some(t.qp_retire_named.replace("{name}", &name)),
                question: t.qp_retire_question.replace("{name}", &name),
                yes: t.qp_retire_yes,
                no: t.qp_leave_it,
            },
            {
                let name = name.clone();
                Callback::new(move |()| retire.run((id, name.clone())))
            },
        );
        view! {
            <div class="secondary-actions">
                <button
                    id=dom_ids::item(EDIT, id)
                    type="button"
                    aria-label=t.qp_edit_named.replace("{name}", &name)
                    on:click=move |_| open(Editing::Policy(id))
                >
                    {t.qp_edit}
                </button>
                {retire_button}
            </div>
            {question}
        }
        .into_any()
    } else {
        view! { <p class="item-details">{t.qp_not_yours}</p> }.into_any()
    };
    view! {
        <li class="item policy-item">
            <h3 class="item-title">{name.clone()}</h3>
            <dl class="policy-facts">{facts}</dl>
            {actions}
        </li>
    }
    .into_any()
}

/// Every value of the form, as typed. Selects hold the index of their choice.
#[derive(Debug, Clone, Copy)]
struct Form {
    name: RwSignal<String>,
    communes: RwSignal<Vec<String>>,
    epcis: RwSignal<Vec<String>>,
    categories: RwSignal<Vec<Category>>,
    whole_network: RwSignal<bool>,
    /// Site ids as text, as the checkboxes give them.
    sites: RwSignal<Vec<String>>,
    measure: RwSignal<usize>,
    allowance: RwSignal<String>,
    unlimited: RwSignal<bool>,
    period: RwSignal<usize>,
    refund_hours: RwSignal<String>,
    no_show: RwSignal<String>,
    beyond: RwSignal<usize>,
    /// Whether only checked communes and situations count; `None` until the
    /// administrator ticks or unticks it: then it follows the categories.
    proof: RwSignal<Option<bool>>,
}

/// "1.5" hours for 90 minutes.
fn hours_text(minutes: i64) -> String {
    format!("{}", minutes as f64 / 60.0)
}

/// Minutes from a number of hours as typed ("1,5" or "1.5"), empty meaning 0.
fn minutes_of(hours: &str) -> Option<i64> {
    let hours = hours.trim().replace(',', ".");
    if hours.is_empty() {
        return Some(0);
    }
    let hours: f64 = hours.parse().ok()?;
    (hours.is_finite() && hours >= 0.0).then(|| (hours * 60.0).round().min(1e9) as i64)
}

/// The code of the field to correct, for errors about amounts and names.
fn precise(code: &str, input: &QuotaPolicyInput) -> Option<&'static str> {
    match code {
        // The name is the policy's only free text.
        codes::INVALID_NAME | codes::INVALID_TEXT => Some(LONG_NAME),
        codes::INVALID_AMOUNT => Some(
            if input.allowance.is_some_and(|a| !(1..=10_000).contains(&a)) {
                BAD_ALLOWANCE
            } else if !(0..=100).contains(&input.no_show_cost) {
                BAD_NO_SHOW
            } else {
                BAD_REFUND
            },
        ),
        _ => None,
    }
}

impl Form {
    fn new(policy: Option<&QuotaPolicyInput>, network: bool) -> Form {
        let text = |s: String| RwSignal::new(s);
        match policy {
            Some(p) => Form {
                name: text(p.name.clone()),
                communes: RwSignal::new(p.communes.clone()),
                epcis: RwSignal::new(p.epcis.clone()),
                categories: RwSignal::new(p.categories.clone()),
                whole_network: RwSignal::new(network && p.sites.is_empty()),
                sites: RwSignal::new(p.sites.iter().map(ToString::to_string).collect()),
                measure: RwSignal::new(index_of(&MEASURES, &p.measure)),
                allowance: text(p.allowance.map(|a| a.to_string()).unwrap_or_default()),
                unlimited: RwSignal::new(p.allowance.is_none()),
                period: RwSignal::new(index_of(&PERIODS, &p.period)),
                refund_hours: text(hours_text(p.refund_deadline_minutes)),
                no_show: text(p.no_show_cost.to_string()),
                beyond: RwSignal::new(index_of(&BEYOND_CHOICES, &p.beyond)),
                proof: RwSignal::new(p.eligibility.map(|e| e == Eligibility::Confirmed)),
            },
            // A new policy: 4 days a month, refunded until the day before.
            None => Form {
                name: text(String::new()),
                communes: RwSignal::new(Vec::new()),
                epcis: RwSignal::new(Vec::new()),
                categories: RwSignal::new(Vec::new()),
                whole_network: RwSignal::new(network),
                sites: RwSignal::new(Vec::new()),
                measure: RwSignal::new(0),
                allowance: text("4".to_owned()),
                unlimited: RwSignal::new(false),
                period: RwSignal::new(1),
                refund_hours: text("24".to_owned()),
                no_show: text("0".to_owned()),
                beyond: RwSignal::new(0),
                proof: RwSignal::new(None),
            },
        }
    }

    /// The proof box as shown: ticked by default once a category is chosen.
    fn proof_checked(&self) -> bool {
        self.proof
            .get()
            .unwrap_or_else(|| self.categories.with(|c| !c.is_empty()))
    }

    fn proof_checked_untracked(&self) -> bool {
        self.proof
            .get_untracked()
            .unwrap_or_else(|| self.categories.with_untracked(|c| !c.is_empty()))
    }

    /// What to send, or the code of the first thing to correct.
    fn input(&self) -> Result<QuotaPolicyInput, &'static str> {
        let name = self.name.get_untracked().trim().to_owned();
        if name.is_empty() {
            return Err(MISSING_NAME);
        }
        let allowance = if self.unlimited.get_untracked() {
            None
        } else {
            let typed = self.allowance.with_untracked(|a| a.trim().parse::<i64>());
            Some(typed.map_err(|_| BAD_ALLOWANCE)?)
        };
        let refund_deadline_minutes = self
            .refund_hours
            .with_untracked(|h| minutes_of(h))
            .ok_or(BAD_REFUND)?;
        let no_show_cost = self.no_show.with_untracked(|n| match n.trim() {
            "" => Ok(0),
            n => n.parse::<i64>().map_err(|_| BAD_NO_SHOW),
        })?;
        let whole_network = self.whole_network.get_untracked();
        let sites: Vec<SiteId> = if whole_network {
            Vec::new()
        } else {
            self.sites.with_untracked(|s| {
                s.iter()
                    .filter_map(|s| s.parse().ok())
                    .map(SiteId)
                    .collect()
            })
        };
        if !whole_network && sites.is_empty() {
            return Err(NO_SITE);
        }
        let input = QuotaPolicyInput {
            name,
            communes: self.communes.get_untracked(),
            epcis: self.epcis.get_untracked(),
            categories: self.categories.get_untracked(),
            sites,
            measure: MEASURES[self.measure.get_untracked().min(MEASURES.len() - 1)],
            allowance,
            period: PERIODS[self.period.get_untracked().min(PERIODS.len() - 1)],
            refund_deadline_minutes,
            no_show_cost,
            beyond: BEYOND_CHOICES[self.beyond.get_untracked().min(BEYOND_CHOICES.len() - 1)],
            eligibility: Some(if self.proof_checked_untracked() {
                Eligibility::Confirmed
            } else {
                Eligibility::Declared
            }),
        };
        check_policy(&input)
            .map_err(|problem| precise(problem.code, &input).unwrap_or(problem.code))?;
        Ok(input)
    }
}

/// The sentence for an error of this page: the form's own codes, a kind word
/// for a territory administrator refused, else the app's sentence.
fn message(t: &'static Texts, code: &str) -> &'static str {
    match code {
        BAD_ALLOWANCE => t.qp_err_allowance,
        BAD_NO_SHOW => t.qp_err_no_show,
        BAD_REFUND => t.qp_err_refund,
        NO_SITE => t.qp_err_sites,
        LONG_NAME => t.qp_err_name,
        codes::FORBIDDEN => t.qp_err_forbidden,
        _ => t.error_message(code),
    }
}

/// A `<select>` whose value is the index of the chosen text.
fn select(
    id: &'static str,
    label: &'static str,
    options: &'static [&'static str],
    value: RwSignal<usize>,
) -> AnyView {
    let chosen = value.get_untracked();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev).parse().unwrap_or(0))>
                {options
                    .iter()
                    .enumerate()
                    .map(|(i, text)| view! { <option value=i.to_string() selected={chosen == i}>{*text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// One checkbox per item, `(key, label)`, ticking adds the key to `value`.
fn checks(
    prefix: &'static str,
    items: Vec<(String, String)>,
    value: RwSignal<Vec<String>>,
) -> AnyView {
    items
        .into_iter()
        .map(|(key, label)| {
            let id = dom_ids::item(prefix, &key);
            let ticked = key.clone();
            view! {
                <div class="choice">
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=move || value.with(|v| v.contains(&ticked))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            value.update(|v| {
                                v.retain(|k| *k != key);
                                if on {
                                    v.push(key.clone());
                                }
                            });
                        }
                    />
                    <label for=id>{label}</label>
                </div>
            }
        })
        .collect_view()
        .into_any()
}

/// A select of the communes and an "add" button; the chosen ones as chips
/// with a button each to take them off.
fn commune_picker(
    t: &'static Texts,
    communes: &[Commune],
    chosen: RwSignal<Vec<String>>,
    picked: RwSignal<String>,
    problem: &FormError,
) -> AnyView {
    let names: Vec<(String, String)> = communes
        .iter()
        .map(|c| (c.insee.clone(), c.name.clone()))
        .collect();
    let options = communes
        .iter()
        .map(|c| view! { <option value=c.insee.clone()>{commune_label(c)}</option> })
        .collect_view();
    let failure = problem.failure;
    let box_id = problem.box_id.clone();
    let bad = move || {
        failure.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.code == codes::UNKNOWN_COMMUNE || e.code == codes::UNKNOWN_EPCI)
        })
    };
    let hint_id = format!("{COMMUNE}-hint");
    let described = {
        let hint_id = hint_id.clone();
        move || {
            crate::components::forms::described_by(
                Some(hint_id.as_str()),
                bad().then_some(box_id.as_str()),
            )
        }
    };
    let add = move |_| {
        let insee = picked.get_untracked();
        if insee.is_empty() {
            focus_soon(COMMUNE);
            return;
        }
        chosen.update(|v| {
            if !v.contains(&insee) {
                v.push(insee.clone());
            }
        });
        picked.set(String::new());
    };
    let chips = move || {
        let list = chosen.get();
        (!list.is_empty()).then(|| {
            let chips = list
                .into_iter()
                .map(|insee| {
                    let name = names
                        .iter()
                        .find(|(code, _)| *code == insee)
                        .map_or_else(|| insee.clone(), |(_, name)| name.clone());
                    let label = t.qp_remove_named.replace("{name}", &name);
                    view! {
                        <li class="chip">
                            <span>{name}</span>
                            <button
                                type="button"
                                class="chip-remove"
                                aria-label=label
                                on:click=move |_| {
                                    chosen.update(|v| v.retain(|c| *c != insee));
                                    focus_soon(COMMUNE);
                                }
                            >
                                "×"
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="chips" aria-label=t.qp_chosen_communes>{chips}</ul> }
        })
    };
    view! {
        <div class="field">
            <label for=COMMUNE>{t.qp_communes_label}</label>
            <p id=hint_id class="hint">{t.qp_communes_hint}</p>
            <div class="add-row">
                <select
                    id=COMMUNE
                    aria-describedby=described
                    aria-invalid=move || bad().then_some("true")
                    prop:value=move || picked.get()
                    on:change=move |ev| picked.set(event_target_value(&ev))
                >
                    <option value="">{t.qp_choose_commune}</option>
                    {options}
                </select>
                <button id=COMMUNE_ADD type="button" class="button-secondary" on:click=add>
                    {t.qp_add_commune}
                </button>
            </div>
        </div>
        {chips}
    }
    .into_any()
}

/// The form of a policy (`policy`), or of a new one (`None`).
#[component]
fn PolicyEditor(
    policy: Option<QuotaPolicy>,
    network: bool,
    places: Places,
    /// The sites the person may choose.
    own: Vec<SiteId>,
    on_saved: Callback<(QuotaPolicy, bool)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let policy_id = policy.as_ref().map(|p| p.id);
    let form = Form::new(policy.as_ref().map(|p| &p.settings), network);
    let problem = FormError::new(FORM_ERROR.to_owned());
    let busy = RwSignal::new(false);
    let picked = RwSignal::new(String::new());
    let own_sites: Vec<(String, String)> = own
        .iter()
        .map(|id| (id.to_string(), places.site_name(*id)))
        .collect();

    let submit = {
        let problem = problem.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let input = match form.input() {
                Ok(input) => input,
                Err(code) => return problem.refuse(code),
            };
            busy.set(true);
            let problem = problem.clone();
            spawn_local(async move {
                let answer = match policy_id {
                    Some(id) => {
                        let path =
                            routes::fill(routes::QUOTA_POLICY, &[("policy_id", &id.to_string())]);
                        api::put_json::<_, QuotaPolicy>(&path, &input).await
                    }
                    None => api::post_json::<_, QuotaPolicy>(routes::QUOTA_POLICIES, &input).await,
                };
                busy.set(false);
                match answer {
                    Ok(saved) => {
                        problem.clear();
                        on_saved.run((saved, policy_id.is_none()));
                    }
                    Err(mut e) => {
                        if let Some(code) = precise(&e.code, &input) {
                            e.code = code.to_owned();
                        }
                        problem.show(e);
                    }
                }
            });
        }
    };

    // Drawn again when the language changes; the values live in `form`.
    let body = {
        let problem = problem.clone();
        move || {
            let t = lang.get().texts();
            // Text fields with a numeric keyboard: a number field bound to its
            // signal would wipe a "-" being typed, and reads badly aloud.
            let number = |id: &str, label, value, codes, mode| {
                Field::new(id.to_owned(), label, "text", value)
                    .codes(codes)
                    .inputmode(mode)
            };
            let epcis = places.epcis.clone();
            let where_choice = move |id: &'static str, whole: bool, label: &'static str| {
                view! {
                    <div class="choice">
                        <input
                            type="radio"
                            id=id
                            name="qp-where"
                            prop:checked=move || form.whole_network.get() == whole
                            on:change=move |_| form.whole_network.set(whole)
                        />
                        <label for=id>{label}</label>
                    </div>
                }
            };
            let sites = {
                let own_sites = own_sites.clone();
                move || {
                    (!form.whole_network.get()).then(|| {
                        let boxes = if own_sites.is_empty() {
                            view! { <p class="hint">{t.qp_no_own_sites}</p> }.into_any()
                        } else {
                            checks(SITE, own_sites.clone(), form.sites)
                        };
                        view! {
                            <fieldset class="choices nested-choices">
                                <legend>{t.qp_sites_legend}</legend>
                                {boxes}
                            </fieldset>
                        }
                    })
                }
            };
            let allowance = {
                let problem = problem.clone();
                move || {
                    (!form.unlimited.get()).then(|| {
                        field(
                            number(
                                ALLOWANCE,
                                t.qp_allowance_label,
                                form.allowance,
                                ALLOWANCE_CODES,
                                "numeric",
                            )
                            .hint(t.qp_allowance_hint),
                            &problem,
                        )
                    })
                }
            };
            view! {
                {field(
                    Field::new(NAME.to_owned(), t.qp_name_label, "text", form.name)
                        .limit(shared::text::POLICY_NAME)
                        .codes(NAME_CODES)
                        .hint(t.qp_name_hint),
                    &problem,
                )}
                <fieldset class="choices policy-group">
                    <legend>{t.qp_who_legend}</legend>
                    <p class="hint">{t.qp_who_hint}</p>
                    {commune_picker(t, &places.communes, form.communes, picked, &problem)}
                    <fieldset class="choices nested-choices">
                        <legend>{t.qp_epcis_legend}</legend>
                        {checks(EPCI, epcis, form.epcis)}
                    </fieldset>
                    <CategoryChecks id_prefix=CATEGORY.to_owned() legend=|t| t.qp_categories_legend value=form.categories/>
                    <div class="choice">
                        <input
                            type="checkbox"
                            id=PROOF
                            aria-describedby=PROOF_HINT
                            prop:checked=move || form.proof_checked()
                            on:change=move |ev| form.proof.set(Some(event_target_checked(&ev)))
                        />
                        <label for=PROOF>{t.qp_proof_label}</label>
                    </div>
                    <p id=PROOF_HINT class="hint">{t.qp_proof_hint}</p>
                </fieldset>
                <fieldset class="choices policy-group">
                    <legend>{t.qp_where_legend}</legend>
                    {if network {
                        view! {
                            {where_choice(WHOLE_NETWORK, true, t.qp_whole_network)}
                            {where_choice(CHOSEN_SITES, false, t.qp_chosen_sites)}
                        }
                        .into_any()
                    } else {
                        view! { <p class="hint">{t.qp_territory_sites_hint}</p> }.into_any()
                    }}
                    {sites}
                </fieldset>
                <fieldset class="choices policy-group">
                    <legend>{t.qp_amount_legend}</legend>
                    {select(MEASURE, t.qp_measure_label, &t.qp_measures, form.measure)}
                    {check_box(UNLIMITED.to_owned(), t.qp_unlimited_label, form.unlimited)}
                    {allowance}
                    {select(PERIOD, t.qp_period_label, &t.qp_periods, form.period)}
                </fieldset>
                <fieldset class="choices policy-group">
                    <legend>{t.qp_terms_legend}</legend>
                    {field(
                        number(REFUND, t.qp_refund_label, form.refund_hours, REFUND_CODES, "decimal")
                            .hint(t.qp_refund_hint),
                        &problem,
                    )}
                    {field(
                        number(NO_SHOW, t.qp_no_show_label, form.no_show, NO_SHOW_CODES, "numeric")
                            .hint(t.qp_no_show_hint),
                        &problem,
                    )}
                    {select(BEYOND, t.qp_beyond_label, &t.qp_beyond_choices, form.beyond)}
                </fieldset>
            }
        }
    };

    let alert = {
        let (failure, id) = (problem.failure, problem.box_id.clone());
        move || {
            failure.get().map(|e| {
                view! {
                    <p id=id.clone() class="notice notice-error" role="alert" tabindex="-1">
                        {move || message(lang.get().texts(), &e.code)}
                    </p>
                }
            })
        }
    };
    let editing = policy_id.is_some();
    let title = {
        let name = policy.as_ref().map(|p| p.settings.name.clone());
        move || {
            let t = lang.get().texts();
            match &name {
                Some(name) => t.qp_edit_title.replace("{name}", name),
                None => t.qp_new_title.to_owned(),
            }
        }
    };
    let button = move || {
        let t = lang.get().texts();
        match (busy.get(), editing) {
            (true, _) => t.saving,
            (false, true) => t.qp_save,
            (false, false) => t.qp_create,
        }
    };
    view! {
        <section id=EDITOR class="panel" tabindex="-1" aria-labelledby=EDITOR_TITLE>
            <h2 id=EDITOR_TITLE>{title}</h2>
            {editing.then(|| view! { <p class="notice notice-info">{tr(|t| t.qp_future_only)}</p> })}
            <form class="form" novalidate on:submit=submit>
                {body}
                {alert}
                <div class="form-actions">
                    <button id=SAVE type="submit" aria-disabled=move || busy.get().then_some("true")>
                        {button}
                    </button>
                    <button id=CANCEL type="button" class="button-secondary" on:click=move |_| on_cancel.run(())>
                        {tr(|t| t.qp_cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, FR};

    fn job_seekers() -> QuotaPolicyInput {
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

    #[test]
    fn a_policy_goes_through_the_form_unchanged() {
        let policy = job_seekers();
        let form = Form::new(Some(&policy), true);
        assert!(!form.whole_network.get_untracked());
        assert_eq!(form.refund_hours.get_untracked(), "1.5");
        assert_eq!(form.input(), Ok(policy));
    }

    #[test]
    fn the_proof_box_follows_the_categories_until_touched() {
        let form = Form::new(None, true);
        form.name.set("Étudiants".into());
        assert_eq!(
            form.input().unwrap().eligibility,
            Some(Eligibility::Declared)
        );
        form.categories.set(vec![Category::Student]);
        assert_eq!(
            form.input().unwrap().eligibility,
            Some(Eligibility::Confirmed)
        );
        form.proof.set(Some(false));
        assert_eq!(
            form.input().unwrap().eligibility,
            Some(Eligibility::Declared)
        );
    }

    #[test]
    fn wrong_numbers_name_their_field() {
        let form = Form::new(None, true);
        assert_eq!(form.input(), Err(MISSING_NAME));
        form.name.set("Trop peu".into());
        assert_eq!(form.input().map(|p| p.allowance), Ok(Some(4)));
        form.allowance.set("0".into());
        assert_eq!(form.input(), Err(BAD_ALLOWANCE));
        form.allowance.set("-3".into());
        assert_eq!(form.input(), Err(BAD_ALLOWANCE));
        form.allowance.set("beaucoup".into());
        assert_eq!(form.input(), Err(BAD_ALLOWANCE));
        form.unlimited.set(true);
        assert_eq!(form.input().map(|p| p.allowance), Ok(None));
        form.no_show.set("101".into());
        assert_eq!(form.input(), Err(BAD_NO_SHOW));
        form.no_show.set(String::new());
        form.refund_hours.set("721".into());
        assert_eq!(form.input(), Err(BAD_REFUND));
        form.refund_hours.set("1,5".into());
        assert_eq!(form.input().map(|p| p.refund_deadline_minutes), Ok(90));
        form.whole_network.set(false);
        assert_eq!(form.input(), Err(NO_SITE));
        form.name.set("x".repeat(121));
        form.whole_network.set(true);
        assert_eq!(form.input(), Err(LONG_NAME));
    }

    #[test]
    fn policies_in_words() {
        let mut policy = job_seekers();
        let places = Places::default();
        assert_eq!(how_much(&FR, &policy), "Illimité");
        policy.allowance = Some(4);
        policy.measure = QuotaMeasure::Days;
        policy.period = QuotaPeriod::Month;
        assert_eq!(how_much(&FR, &policy), "4 jours par mois");
        assert_eq!(how_much(&EN, &policy), "4 days per month");
        policy.allowance = Some(1);
        policy.measure = QuotaMeasure::HalfDays;
        assert_eq!(how_much(&FR, &policy), "1 demi-journée par mois");
        assert_eq!(refund_text(&FR, 0), FR.qp_refund_until_start);
        assert_eq!(duration(24 * 60), "24 h");
        assert_eq!(duration(90), "1 h 30");
        assert_eq!(duration(45), "45 min");
        assert_eq!(
            who_text(&FR, &policy, &places),
            "Habitants de 48095 ; catégories : Demandeur d'emploi ; justificatif vérifié"
        );
        policy.eligibility = Some(Eligibility::Declared);
        assert_eq!(
            who_text(&FR, &policy, &places),
            "Habitants de 48095 ; catégories : Demandeur d'emploi"
        );
        assert_eq!(
            where_text(
                &FR,
                &QuotaPolicyInput {
                    sites: vec![],
                    ..policy
                },
                &places
            ),
            FR.qp_whole_network
        );
    }

    #[test]
    fn every_policy_error_is_translated() {
        for t in [&FR, &EN] {
            for code in [
                codes::INVALID_AMOUNT,
                codes::UNKNOWN_EPCI,
                codes::UNKNOWN_SITE,
                codes::UNKNOWN_COMMUNE,
                codes::INVALID_NAME,
                codes::INVALID_TEXT,
                codes::FORBIDDEN,
                BAD_ALLOWANCE,
                BAD_NO_SHOW,
                BAD_REFUND,
                NO_SITE,
                LONG_NAME,
                MISSING_NAME,
            ] {
                assert_ne!(message(t, code), t.err_generic, "{code}");
            }
        }
    }
}
