//! The signed-in person's own page: name, commune, situation and language;
//! their roles; their data to download; signing out everywhere; deleting the
//! account.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{Language, Me, ProfileUpdate};
use shared::routes::{self, pages};
use shared::{ErrorDetail, dom_ids};

use crate::api;
use crate::auth::{guarded, use_auth};
use crate::components::forms::{
    CategoryChecks, CommuneSelect, ErrorAlert, described_by, focus_soon, sorted,
};
use crate::i18n::{Lang, tr, use_lang};

const NAME_HINT: &str = "profile-name-hint";

#[component]
pub fn ProfilePage() -> impl IntoView {
    // Set once the account is gone, so the page says so rather than "sign in".
    let deleted = RwSignal::new(false);
    view! {
        <h1 id=dom_ids::PAGE_TITLE>{tr(|t| t.account.profile_title)}</h1>
        <p id=dom_ids::PAGE_HELP class="intro">{tr(|t| t.account.profile_help)}</p>
        <Show
            when=move || !deleted.get()
            fallback=move || view! {
                <p id=dom_ids::PROFILE_DELETED class="notice" role="status">{tr(|t| t.account.deleted)}</p>
                <p><A href=pages::HOME>{tr(|t| t.back_home)}</A></p>
            }
        >
            {guarded(|_| true, |t| t.must_sign_in, move |me| view! {
                <ProfileForm me=me.clone()/>
                <Checks/>
                <Roles/>
                <Account deleted/>
            })}
        </Show>
    }
}

#[component]
fn ProfileForm(me: Me) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let auth = use_auth();
    let communes = api::communes();

    let name = RwSignal::new(me.display_name.clone());
    let commune = RwSignal::new(me.commune_insee.clone());
    let categories = RwSignal::new(me.categories.clone());
    let language = RwSignal::new(me.language);
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorDetail>);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        saved.set(false);
        let update = ProfileUpdate {
            display_name: name.get_untracked().trim().to_owned(),
            commune_insee: commune.get_untracked(),
            categories: categories.get_untracked(),
            language: language.get_untracked(),
        };
        spawn_local(async move {
            let answer = api::put_json::<_, Me>(routes::ME, &update).await;
            busy.set(false);
            match answer {
                Ok(me) => {
                    failure.set(None);
                    let chosen = Lang::from_language(me.language);
                    if lang.get_untracked() != chosen {
                        chosen.apply();
                        lang.set(chosen);
                    }
                    name.set(me.display_name.clone());
                    auth.me.set(Some(me));
                    saved.set(true);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::PROFILE_ERROR);
                }
            }
        });
    };

    let commune_field = move || {
        Some(match communes.get()? {
            Ok(list) => view! {
                <CommuneSelect
                    id=dom_ids::PROFILE_COMMUNE.to_owned()
                    label=|t| t.account.commune_label
                    hint=|t| t.account.commune_hint
                    communes=sorted(list)
                    value=commune
                />
            }
            .into_any(),
            Err(_) => {
                view! { <p class="notice notice-error">{tr(|t| t.account.communes_error)}</p> }
                    .into_any()
            }
        })
    };

    let address = me.email.clone().unwrap_or_default();
    let language_choice = move |choice: Language, label: &'static str| {
        let id = dom_ids::item(dom_ids::PROFILE_LANGUAGE, choice.code());
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id.clone()
                    name="language"
                    value=choice.code()
                    prop:checked=move || language.get() == choice
                    on:change=move |_| language.set(choice)
                />
                <label for=id lang=choice.code()>{label}</label>
            </div>
        }
    };

    view! {
        <p class="intro">{move || t().account.signed_in_as.replace("{address}", &address)}</p>
        <section aria-labelledby="profile-form-title" class="panel">
            <h2 id="profile-form-title">{tr(|t| t.account.profile_form_title)}</h2>
            <form class="form" novalidate on:submit=save>
                <div class="field">
                    <label for=dom_ids::PROFILE_NAME>{tr(|t| t.account.name_label)}</label>
                    <p id=NAME_HINT class="hint">{tr(|t| t.account.name_hint)}</p>
                    <input
                        id=dom_ids::PROFILE_NAME
                        type="text"
                        name="name"
                        autocomplete="name"
                        aria-describedby=move || described_by(
                            Some(NAME_HINT),
                            failure.with(|f| f.as_ref().map(|_| dom_ids::PROFILE_ERROR)),
                        )
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </div>
                <Suspense fallback=move || view! { <p class="hint">{tr(|t| t.checking_session)}</p> }>
                    {commune_field}
                </Suspense>
                <CategoryChecks
                    id_prefix=dom_ids::PROFILE_CATEGORY.to_owned()
                    legend=|t| t.account.categories_legend
                    value=categories
                />
                <fieldset class="choices">
                    <legend>{tr(|t| t.account.language_legend)}</legend>
                    {language_choice(Language::Fr, "Français")}
                    {language_choice(Language::En, "English")}
                </fieldset>
                <ErrorAlert id=dom_ids::PROFILE_ERROR.to_owned() error=failure.read_only()/>
                <div class="form-actions">
                    <button id=dom_ids::PROFILE_SAVE type="submit" aria-disabled=move || busy.get().then_some("true")>
                        {move || if busy.get() { t().saving } else { t().save }}
                    </button>
                    <p id=dom_ids::PROFILE_STATUS role="status" class="status status-ok">
                        {move || saved.get().then(|| t().saved)}
                    </p>
                </div>
            </form>
        </section>
    }
}

/// What of the person's commune and situation a desk or their local
/// authority has checked: some free-access rules count only that.
#[component]
fn Checks() -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let lines = move || {
        let t = lang.get().texts();
        auth.me.with(|me| {
            let me = me.as_ref()?;
            let mut lines: Vec<(bool, String)> = Vec::new();
            if let Some(name) = me.commune_name.as_ref() {
                let text = if me.commune_confirmed {
                    t.account.profile_commune_confirmed
                } else {
                    t.account.profile_commune_declared
                };
                lines.push((me.commune_confirmed, text.replace("{name}", name)));
            }
            for c in &me.categories {
                let done = me.confirmed_categories.contains(c);
                let text = if done {
                    t.account.profile_category_confirmed
                } else {
                    t.account.profile_category_declared
                };
                lines.push((done, text.replace("{category}", t.category(*c))));
            }
            let changed = me.commune_changed_on.as_ref().map(|d| {
                let words = shared::calendar::Day::parse(d)
                    .map_or_else(|| d.clone(), |day| t.date_words(day.number()));
                t.account.profile_commune_changed.replace("{date}", &words)
            });
            Some(view! {
                {if lines.is_empty() {
                    view! { <p>{t.account.profile_nothing_declared}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {lines.into_iter().map(|(done, text)| view! {
                                <li data-state=if done { "confirmed" } else { "declared" }>{text}</li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                {changed.map(|c| view! { <p class="hint">{c}</p> })}
            })
        })
    };
    view! {
        <section id=dom_ids::PROFILE_CHECKS aria-labelledby="profile-checks-title" class="panel">
            <h2 id="profile-checks-title">{tr(|t| t.account.profile_checks_title)}</h2>
            <p class="hint">{tr(|t| t.account.profile_checks_intro)}</p>
            {lines}
        </section>
    }
}

/// The roles the person holds, in words.
#[component]
fn Roles() -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let roles = move || {
        let t = lang.get().texts();
        let names: Vec<String> = auth.me.with(|me| {
            me.as_ref()
                .map(|me| me.roles.iter().map(|r| t.role(r)).collect())
                .unwrap_or_default()
        });
        if names.is_empty() {
            view! { <p id=dom_ids::PROFILE_ROLES>{t.account.no_role}</p> }.into_any()
        } else {
            view! {
                <ul id=dom_ids::PROFILE_ROLES class="plain-list">
                    {names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby="profile-roles-title" class="panel">
            <h2 id="profile-roles-title">{tr(|t| t.account.roles_title)}</h2>
            {roles}
        </section>
    }
}

/// Downloading one's data, signing out everywhere, deleting the account.
#[component]
fn Account(deleted: RwSignal<bool>) -> impl IntoView {
    let auth = use_auth();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorDetail>);

    let sign_out_everywhere = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let answer =
                api::post_empty::<serde::de::IgnoredAny>(routes::AUTH_SIGN_OUT_EVERYWHERE).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    failure.set(None);
                    auth.signed_out();
                    focus_soon(dom_ids::ACCESS_REFUSED);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::PROFILE_ACCOUNT_ERROR);
                }
            }
        });
    };

    let delete = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let answer = api::delete(routes::ME).await;
            busy.set(false);
            match answer {
                Ok(()) => {
                    failure.set(None);
                    deleted.set(true);
                    auth.signed_out();
                    focus_soon(dom_ids::PROFILE_DELETED);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::PROFILE_ACCOUNT_ERROR);
                }
            }
        });
    };

    view! {
        <section aria-labelledby="profile-data-title" class="panel">
            <h2 id="profile-data-title">{tr(|t| t.account.data_title)}</h2>
            <p>
                <a
                    id=dom_ids::PROFILE_EXPORT
                    class="button button-secondary"
                    href=routes::ME_EXPORT
                    download="relais-mes-donnees.json"
                    aria-describedby="profile-export-hint"
                >
                    {tr(|t| t.account.download_data)}
                </a>
            </p>
            <p id="profile-export-hint" class="hint">{tr(|t| t.account.download_hint)}</p>
            <p>
                <button
                    id=dom_ids::PROFILE_SIGN_OUT_EVERYWHERE
                    type="button"
                    class="button-secondary"
                    aria-describedby="profile-sign-out-everywhere-hint"
                    on:click=sign_out_everywhere
                >
                    {tr(|t| t.account.sign_out_everywhere)}
                </button>
            </p>
            <p id="profile-sign-out-everywhere-hint" class="hint">{tr(|t| t.account.sign_out_everywhere_hint)}</p>

            <h3 class="small-heading">{tr(|t| t.account.delete_title)}</h3>
            <p id="profile-delete-explain">{tr(|t| t.account.delete_explain)}</p>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button
                        id=dom_ids::PROFILE_DELETE
                        type="button"
                        class="button-danger-outline"
                        aria-describedby="profile-delete-explain"
                        on:click=move |_| {
                            confirming.set(true);
                            focus_soon(dom_ids::PROFILE_DELETE_CONFIRM);
                        }
                    >
                        {tr(|t| t.account.delete_account)}
                    </button>
                }
            >
                <div class="confirm-box">
                    <p id="profile-delete-question"><strong>{tr(|t| t.account.delete_question)}</strong></p>
                    <div class="secondary-actions">
                        <button
                            id=dom_ids::PROFILE_DELETE_CONFIRM
                            type="button"
                            class="button-danger"
                            aria-describedby="profile-delete-question profile-delete-explain"
                            on:click=delete
                        >
                            {tr(|t| t.account.delete_confirm)}
                        </button>
                        <button
                            id=dom_ids::PROFILE_DELETE_CANCEL
                            type="button"
                            class="button-secondary"
                            on:click=move |_| {
                                confirming.set(false);
                                focus_soon(dom_ids::PROFILE_DELETE);
                            }
                        >
                            {tr(|t| t.account.delete_cancel)}
                        </button>
                    </div>
                </div>
            </Show>
            <ErrorAlert id=dom_ids::PROFILE_ACCOUNT_ERROR.to_owned() error=failure.read_only()/>
        </section>
    }
}
