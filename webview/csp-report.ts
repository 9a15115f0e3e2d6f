/**
 * Reports every Content-Security-Policy violation of the page to the host, which logs and
 * counts them per panel. Registered before anything renders, so nothing blocked goes unseen.
 */
import type { CspViolationMessage } from '../src/shared/protocol';

export function reportCspViolations(post: (message: CspViolationMessage) => void): void {
  document.addEventListener('securitypolicyviolation', (event) => {
    post({
      kind: 'cspViolation',
      directive: event.effectiveDirective || event.violatedDirective,
      blockedUri: event.blockedURI,
      sample: event.sample,
    });
  });
}
