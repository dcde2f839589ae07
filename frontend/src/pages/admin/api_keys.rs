//! API keys for machines: the list, a new key shown once, revoking one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{ApiKeyInfo, ApiKeyScope, CreatedApiKey, NewApiKey, Site};
use shared::error::codes;
use shared::ids::SiteId;
use shared::routes;
use shared::{ErrorDetail, dom_ids};
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::components::forms::{ErrorAlert, described_by, error, focus_soon};
use crate::i18n::{MISSING_NAME, MISSING_SITE, Texts, tr, use_lang};

const KEYS_TITLE: &str = "api-keys-title";
const NEW_KEY_TITLE: &str = "api-key-new-title";
const KEY_NAME_HINT: &str = "api-key-name-hint";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeChoice {
    Site,
    Stats,
}

#[component]
pub fn ApiKeys(sites: LocalResource<Result<Vec<Site>, ErrorDetail>>) -> impl IntoView {
    let lang = use_lang();
    let keys = LocalResource::new(|| api::get_json::<Vec<ApiKeyInfo>>(routes::API_KEYS));
    let site_names = move || -> Vec<(SiteId, String)> {
        sites
            .get()
            .and_then(Result::ok)
            .map(|all| all.into_iter().map(|s| (s.id, s.name)).collect())
            .unwrap_or_default()
    };

    let created = RwSignal::new(None::<CreatedApiKey>);
    let status = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ErrorDetail>);

    let revoke = move |key: ApiKeyInfo| {
        spawn_local(async move {
            let path = format!("{}/{}", routes::API_KEYS, key.id);
            match api::delete(&path).await {
                Ok(()) => {
                    failure.set(None);
                    let t = lang.get_untracked().texts();
                    status.set(Some(t.office.revoked_status.replace("{name}", &key.name)));
                    keys.refetch();
                    focus_soon(KEYS_TITLE);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(dom_ids::API_KEY_ERROR);
                }
            }
        });
    };

    let list = move || {
        let result = keys.get()?;
        let t = lang.get().texts();
        let names = site_names();
        Some(match result {
            Err(e) => view! {
                <p class="notice notice-error" role="alert">{t.error_message(&e.code)}</p>
            }
            .into_any(),
            Ok(all) if all.is_empty() => {
                view! { <p id=dom_ids::API_KEY_LIST class="notice">{t.office.api_keys_none}</p> }.into_any()
            }
            Ok(all) => view! {
                <ul id=dom_ids::API_KEY_LIST class="item-list">
                    {all.into_iter().map(|key| {
                        let scope = scope_text(t, &key.scope, &names);
                        let revoked = key.revoked;
                        let created_on = key.created_at.get(..10).unwrap_or(&key.created_at).to_owned();
                        let label = t.office.revoke_named.replace("{name}", &key.name);
                        view! {
                            <li class="item" class:item-revoked=revoked>
                                <p class="item-title">{key.name.clone()}</p>
                                <p class="item-details">{scope}</p>
                                <p class="item-details">
                                    {t.office.key_prefix}" : "<code>{key.prefix.clone()}"…"</code>
                                    " · "{t.office.key_created_on}" "{created_on}
                                </p>
                                <p class="item-details">
                                    <strong>{if revoked { t.office.key_revoked } else { t.office.key_active }}</strong>
                                </p>
                                {(!revoked).then(|| {
                                    let key = key.clone();
                                    view! {
                                        <button
                                            id=dom_ids::item(dom_ids::API_KEY_REVOKE, key.id)
                                            type="button"
                                            class="button-danger-outline"
                                            aria-label=label
                                            on:click=move |_| revoke(key.clone())
                                        >
                                            {t.office.revoke}
                                        </button>
                                    }
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    };

    view! {
        <section class="panel" aria-labelledby=KEYS_TITLE>
            <h2 id=KEYS_TITLE tabindex="-1">{tr(|t| t.office.api_keys_title)}</h2>
            <p class="hint">{tr(|t| t.office.api_keys_intro)}</p>
            {move || created.get().map(|key| view! { <CreatedKey key created/> })}
            <p id=dom_ids::API_KEY_STATUS role="status" class="status status-ok">{move || status.get()}</p>
            <ErrorAlert id=dom_ids::API_KEY_ERROR.to_owned() error=failure.read_only()/>
            <Suspense fallback=move || view! { <p class="notice">{tr(|t| t.office.api_keys_loading)}</p> }>
                {list}
            </Suspense>
            <NewKeyForm sites on_created=move |key: CreatedApiKey| {
                status.set(None);
                created.set(Some(key));
                keys.refetch();
                focus_soon(dom_ids::API_KEY_NEW);
            }/>
        </section>
    }
}

fn scope_text(t: &Texts, scope: &ApiKeyScope, sites: &[(SiteId, String)]) -> String {
    match scope {
        ApiKeyScope::StatsRead => t.office.scope_stats.to_owned(),
        ApiKeyScope::Site { site_id } => {
            let name = sites
                .iter()
                .find(|(id, _)| id == site_id)
                .map_or_else(|| format!("n° {site_id}"), |(_, name)| name.clone());
            format!("{} : {name}", t.office.scope_site)
        }
    }
}

/// The new key, in a box of its own, with a copy button. Shown once.
#[component]
fn CreatedKey(key: CreatedApiKey, created: RwSignal<Option<CreatedApiKey>>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let copied = RwSignal::new(None::<bool>);
    let secret = key.key.clone();
    let copy = move |_| {
        let secret = secret.clone();
        spawn_local(async move {
            let done = match web_sys::window() {
                Some(window) => {
                    let promise = window.navigator().clipboard().write_text(&secret);
                    JsFuture::from(promise).await.is_ok()
                }
                None => false,
            };
            copied.set(Some(done));
        });
    };
    view! {
        <div id=dom_ids::API_KEY_NEW class="key-box" tabindex="-1" role="region" aria-labelledby=NEW_KEY_TITLE>
            <h3 id=NEW_KEY_TITLE class="small-heading">{tr(|t| t.office.created_key_title)}" : "{key.info.name.clone()}</h3>
            <p class="key-warning"><strong>{tr(|t| t.office.created_key_warning)}</strong></p>
            <p><code id=dom_ids::API_KEY_NEW_VALUE class="key-value">{key.key.clone()}</code></p>
            <div class="secondary-actions">
                <button id=dom_ids::API_KEY_COPY type="button" on:click=copy>{tr(|t| t.office.copy_key)}</button>
                <button
                    id=dom_ids::API_KEY_DISMISS
                    type="button"
                    class="button-secondary"
                    on:click=move |_| {
                        created.set(None);
                        focus_soon(KEYS_TITLE);
                    }
                >
                    {tr(|t| t.office.key_copied_done)}
                </button>
            </div>
            <p role="status" class="status">
                {move || copied.get().map(|done| if done { t().office.key_copied } else { t().office.copy_failed })}
            </p>
        </div>
    }
}

/// The sites, as the options of the key's site select (`site` the chosen one).
fn site_options(
    sites: LocalResource<Result<Vec<Site>, ErrorDetail>>,
    site: RwSignal<Option<SiteId>>,
) -> Option<impl IntoView + use<>> {
    sites.get().and_then(Result::ok).map(|all| {
        all.into_iter()
            .map(|s| {
                let id = s.id;
                view! {
                    <option value=id.to_string() prop:selected=move || site.get() == Some(id)>
                        {s.name}
                    </option>
                }
            })
            .collect_view()
    })
}

#[component]
fn NewKeyForm<F>(
    sites: LocalResource<Result<Vec<Site>, ErrorDetail>>,
    on_created: F,
) -> impl IntoView
where
    F: Fn(CreatedApiKey) + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    let t = move || lang.get().texts();
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(ScopeChoice::Site);
    let site = RwSignal::new(None::<SiteId>);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorDetail>);
    const FORM_ERROR: &str = "api-key-form-error";

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let key_name = name.get_untracked().trim().to_owned();
        if key_name.is_empty() {
            failure.set(Some(error(MISSING_NAME)));
            focus_soon(dom_ids::API_KEY_NAME);
            return;
        }
        let key_scope = match (scope.get_untracked(), site.get_untracked()) {
            (ScopeChoice::Stats, _) => ApiKeyScope::StatsRead,
            (ScopeChoice::Site, Some(site_id)) => ApiKeyScope::Site { site_id },
            (ScopeChoice::Site, None) => {
                failure.set(Some(error(MISSING_SITE)));
                focus_soon(dom_ids::API_KEY_SITE);
                return;
            }
        };
        busy.set(true);
        let body = NewApiKey {
            name: key_name,
            scope: key_scope,
        };
        spawn_local(async move {
            let answer = api::post_json::<_, CreatedApiKey>(routes::API_KEYS, &body).await;
            busy.set(false);
            match answer {
                Ok(key) => {
                    failure.set(None);
                    name.set(String::new());
                    on_created(key);
                }
                Err(e) => {
                    failure.set(Some(e));
                    focus_soon(FORM_ERROR);
                }
            }
        });
    };

    // The form's error is tied to the field it is about.
    let error_for = move |field_codes: &'static [&'static str]| {
        move || {
            failure.with(|f| {
                f.as_ref()
                    .filter(|e| field_codes.contains(&e.code.as_str()))
                    .map(|_| FORM_ERROR)
            })
        }
    };
    let name_error = error_for(&[MISSING_NAME, codes::INVALID_NAME]);
    let site_error = error_for(&[MISSING_SITE]);

    let site_options = move || site_options(sites, site);

    let scope_choice = move |choice: ScopeChoice,
                             id: &'static str,
                             label: fn(&Texts) -> &'static str| {
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id
                    name="api-key-scope"
                    value=match choice { ScopeChoice::Site => "site", ScopeChoice::Stats => "stats_read" }
                    prop:checked=move || scope.get() == choice
                    on:change=move |_| scope.set(choice)
                />
                <label for=id>{move || label(t())}</label>
            </div>
        }
    };

    view! {
        <div class="subpanel" role="group" aria-labelledby="api-key-form-title">
            <h3 id="api-key-form-title" class="small-heading">{tr(|t| t.office.new_key_title)}</h3>
            <form class="form" novalidate on:submit=submit>
                <div class="field">
                    <label for=dom_ids::API_KEY_NAME>{tr(|t| t.office.key_name_label)}</label>
                    <p id=KEY_NAME_HINT class="hint">{tr(|t| t.office.key_name_hint)}</p>
                    <input
                        id=dom_ids::API_KEY_NAME
                        type="text"
                        name="name"
                        autocomplete="off"
                        aria-describedby=move || described_by(Some(KEY_NAME_HINT), name_error())
                        aria-invalid=move || name_error().map(|_| "true")
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </div>
                <fieldset class="choices">
                    <legend>{tr(|t| t.office.key_scope_legend)}</legend>
                    {scope_choice(ScopeChoice::Site, dom_ids::API_KEY_SCOPE_SITE, |t| t.office.scope_site)}
                    {scope_choice(ScopeChoice::Stats, dom_ids::API_KEY_SCOPE_STATS, |t| t.office.scope_stats)}
                </fieldset>
                <Show when=move || scope.get() == ScopeChoice::Site>
                    <div class="field">
                        <label for=dom_ids::API_KEY_SITE>{tr(|t| t.office.key_site_label)}</label>
                        <select
                            id=dom_ids::API_KEY_SITE
                            aria-describedby=move || described_by(None, site_error())
                            aria-invalid=move || site_error().map(|_| "true")
                            on:change=move |ev| {
                                site.set(event_target_value(&ev).parse().ok().map(SiteId));
                            }
                        >
                            <option value="" prop:selected=move || site.get().is_none()>
                                {tr(|t| t.office.choose_site)}
                            </option>
                            {site_options}
                        </select>
                    </div>
                </Show>
                <ErrorAlert id=FORM_ERROR.to_owned() error=failure.read_only()/>
                <button id=dom_ids::API_KEY_CREATE type="submit" aria-disabled=move || busy.get().then_some("true")>
                    {move || if busy.get() { t().saving } else { t().office.create_key }}
                </button>
            </form>
        </div>
    }
}
