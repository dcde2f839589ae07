// Loads the WebAssembly app. Kept out of index.html so that the page's
// Content-Security-Policy can forbid inline scripts.
// Until the app is there, the page shows its name and "loading" (a slow
// rural link can take seconds); the app replaces it once it runs.
// The page names its build: `frontend` for everyone, `account` with the
// pages opened after a first visit, `office` with those of hosts and
// administrators (shared::routes::pages::Build).
const named = document.documentElement.dataset.app;
const app = ['account', 'office'].includes(named) ? named : 'frontend';
const boot = document.getElementById('boot');
boot?.removeAttribute('hidden');
const { default: init } = await import(`./${app}.js`);
await init({ module_or_path: new URL(`./${app}_bg.wasm`, import.meta.url) });
boot?.remove();
