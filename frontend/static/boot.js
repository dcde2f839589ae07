// Loads the WebAssembly app. Kept out of index.html so that the page's
// Content-Security-Policy can forbid inline scripts.
import init from './frontend.js';
await init({ module_or_path: new URL('./frontend_bg.wasm', import.meta.url) });
