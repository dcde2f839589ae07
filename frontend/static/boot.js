// Loads the WebAssembly app. Kept out of index.html so that the page's
// Content-Security-Policy can forbid inline scripts.
// Until the app is there, the page shows its name and "loading" (a slow
// rural link can take seconds); the app replaces it once it runs.
import init from './frontend.js';
const boot = document.getElementById('boot');
boot?.removeAttribute('hidden');
await init({ module_or_path: new URL('./frontend_bg.wasm', import.meta.url) });
boot?.remove();
