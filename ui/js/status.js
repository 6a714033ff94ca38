// The polite live region (#status) that tells the user what just happened.

const REANNOUNCE_DELAY_MS = 100;
let pendingTimer = 0;

export function announce(text) {
  const region = document.getElementById('status');
  if (!region) return;
  clearTimeout(pendingTimer);
  // Emptying first makes screen readers repeat a sentence identical to the previous one.
  region.textContent = '';
  pendingTimer = setTimeout(() => {
    region.textContent = text;
  }, REANNOUNCE_DELAY_MS);
}
